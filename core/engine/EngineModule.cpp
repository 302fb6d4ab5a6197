// libfinch_engine.so: the engine (libtorch) as a module. Its one export is the table of
// entry points; everything else stays inside (hidden visibility, static libraries' symbols
// excluded), so the module never binds to the forwarding stubs of the program that loads it.
#include "core/engine/EngineApi.h"

namespace finch::engine {
namespace {

using model::LanguageModel;

const EngineApi table{
    .abiVersion = kEngineAbiVersion,
    .runtimeInfo = &runtime::runtimeInfo,
    .configureCompute = &runtime::configureCompute,
    .startTraining = &train::Trainer::start,
    .resumeTraining = &train::Trainer::resume,
    .runConfig = &train::runConfig,
    .loadRunModel = &train::loadRunModel,
    .typedRow = &train::typedRow,
    .evaluateRun = &train::evaluateRun,
    .labelProbabilities = &eval::labelProbabilities,
    .loadModel = &LanguageModel::load,
    .createModel = &LanguageModel::create,
    .deleteModel = [](LanguageModel::Impl* impl) { LanguageModel::ImplDeleter{}(impl); },
    .config = [](const LanguageModel& m) -> const model::ModelConfig& { return m.config(); },
    .device = [](const LanguageModel& m) { return m.device(); },
    .tokenizer = [](const LanguageModel& m) { return m.tokenizer(); },
    .setTokenizer = [](LanguageModel& m, const std::string& bytes) { m.setTokenizer(bytes); },
    .score = [](const LanguageModel& m, const std::vector<std::vector<int>>& s) { return m.score(s); },
    .logits = [](const LanguageModel& m, const std::vector<int>& ids) { return m.logits(ids); },
    .generate = [](const LanguageModel& m, const std::vector<int>& prompt, const model::GenerationOptions& options,
                   const model::TokenCallback& onToken) { return m.generate(prompt, options, onToken); },
    .addLora = [](LanguageModel& m, const model::LoraSettings& settings, uint64_t seed) { m.addLora(settings, seed); },
    .hasLora = [](const LanguageModel& m) { return m.hasLora(); },
    .loadAdapter = [](LanguageModel& m, const std::string& folder) { m.loadAdapter(folder); },
    .saveAdapter = [](const LanguageModel& m, const std::string& folder, const std::string& base) {
        m.saveAdapter(folder, base);
    },
    .mergeLora = [](LanguageModel& m) { m.mergeLora(); },
    .save = [](const LanguageModel& m, const std::string& folder, const model::SaveOptions& options) {
        m.save(folder, options);
    },
};

} // namespace
} // namespace finch::engine

extern "C" __attribute__((visibility("default"))) const finch::engine::EngineApi* finch_engine_module()
{
    return &finch::engine::table;
}
