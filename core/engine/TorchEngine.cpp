// The engine as programs that link libtorch see it: the tests, and libfinch_engine.so,
// which hands this same object to finch and finch-studio (EngineModule.cpp).
#include "core/api/Engine.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/engine/Runtime.h"
#include "core/engine/train/TorchTrainer.h"

namespace finch::engine {
namespace {

class TorchEngine final : public Engine {
public:
    runtime::RuntimeInfo runtimeInfo() override { return runtime::runtimeInfo(); }
    void configureCompute(int threads) override { runtime::configureCompute(threads); }
    std::unique_ptr<model::LanguageModel> loadModel(const std::string& folder, const std::string& device) override
    {
        return model::TorchLanguageModel::load(folder, device);
    }
    std::unique_ptr<model::LanguageModel> createModel(const model::ModelConfig& config, uint64_t seed,
                                                      const std::string& device) override
    {
        return model::TorchLanguageModel::create(config, seed, device);
    }
    train::Trainer& trainer() override { return trainer_; }

private:
    train::TorchTrainer trainer_{*this};
};

} // namespace

Engine& load()
{
    static TorchEngine engine;
    return engine;
}

} // namespace finch::engine
