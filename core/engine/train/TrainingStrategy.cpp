#include "core/engine/train/TrainingStrategy.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"

#include <filesystem>

namespace finch::train {
namespace {

namespace fs = std::filesystem;

// Every weight trains; final/ is the whole model.
class FullTraining : public TrainingStrategy {
public:
    void prepare(model::TorchLanguageModel&) override {}
    void saveFinal(const model::TorchLanguageModel& model, const std::string& folder) const override { model.save(folder); }
};

// Adapters on the target projections train; final/ is the adapter in PEFT's layout, with
// the tokenizer, pointing at its base.
class LoraTraining : public TrainingStrategy {
public:
    LoraTraining(const RunConfig& config, const runs::RunFolder& run, bool presetModel)
        : config_(config), run_(run), presetModel_(presetModel)
    {
    }
    void prepare(model::TorchLanguageModel& model) override
    {
        // The adapter needs its base; a preset's random base exists nowhere else.
        if (presetModel_ && !fs::exists(basePath()))
            replaceFolderAtomically(basePath(), [&](const std::string& temporary) { model.save(temporary); });
        // An adapter made before (by Finch or PEFT) goes on training with its own r, alpha
        // and targets; otherwise new adapters start from zero.
        if (!config_.adapterPath.empty())
            model.loadAdapter(config_.adapterPath);
        else
            model.addLora(config_.lora, config_.seed);
    }
    void saveFinal(const model::TorchLanguageModel& model, const std::string& folder) const override
    {
        const std::string base = presetModel_ ? fs::absolute(basePath()).string() : fs::absolute(config_.model).string();
        model.saveAdapter(folder, base);
        model.writeTokenizerFiles(folder);
    }

private:
    std::string basePath() const { return run_.path() + "/base"; }
    const RunConfig& config_;
    const runs::RunFolder& run_;
    bool presetModel_;
};

// The last `trainable_layers` layers, the final norm and the head train (tied embeddings
// are the head, so they train with it); final/ is the whole model.
class FrozenBodyTraining : public TrainingStrategy {
public:
    explicit FrozenBodyTraining(int trainableLayers) : trainableLayers_(trainableLayers) {}
    void prepare(model::TorchLanguageModel& model) override
    {
        model::CausalLm& network = model.network();
        const int64_t firstTrained = std::max<int64_t>(0, network->config().numLayers - trainableLayers_);
        for (auto& item : network->named_parameters()) {
            const std::string& name = item.key();
            bool trains = name.rfind("lm_head.", 0) == 0 || name.rfind("model.norm.", 0) == 0;
            trains |= network->config().tieWordEmbeddings && name.rfind("model.embed_tokens.", 0) == 0;
            if (name.rfind("model.layers.", 0) == 0)
                trains = std::stoll(name.substr(13)) >= firstTrained;
            item.value().set_requires_grad(trains);
        }
    }
    void saveFinal(const model::TorchLanguageModel& model, const std::string& folder) const override { model.save(folder); }

private:
    int trainableLayers_;
};

} // namespace

std::unique_ptr<TrainingStrategy> makeStrategy(const RunConfig& config, const runs::RunFolder& run, bool presetModel)
{
    switch (config.method) {
    case model::TrainingMethod::Full: return std::make_unique<FullTraining>();
    case model::TrainingMethod::Lora: return std::make_unique<LoraTraining>(config, run, presetModel);
    case model::TrainingMethod::FrozenBody: return std::make_unique<FrozenBodyTraining>(config.trainableLayers);
    }
    throw Error("unknown training method");
}

model::NamedTensors trainableWeights(model::TorchLanguageModel& model)
{
    model::NamedTensors trainable;
    for (const auto& item : model.network()->named_parameters())
        if (item.value().requires_grad())
            trainable.emplace_back(item.key(), item.value());
    if (trainable.empty())
        throw Error("nothing to train: the method leaves every weight frozen");
    return trainable;
}

} // namespace finch::train
