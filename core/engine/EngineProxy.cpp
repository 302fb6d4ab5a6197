// The engine's functions as finch and finch-studio link them: each forwards to the same
// function inside libfinch_engine.so, loaded on first use. The declarations are the
// engine's own headers, so a signature that drifts fails to compile here.
#include "core/common/Error.h"
#include "core/common/Module.h"
#include "core/engine/Engine.h"

#include <cstdlib>
#include <dlfcn.h>
#include <mutex>

namespace finch::engine {
namespace {

const EngineApi* loadTable()
{
    // libgomp reads this when libtorch loads it: idle OpenMP workers sleep instead of
    // spinning on the cores OpenBLAS computes on (runtime::configureCompute). A user's own
    // setting wins.
    setenv("OMP_WAIT_POLICY", "PASSIVE", /*overwrite=*/0);
    // RTLD_LOCAL: libtorch's symbols stay out of the program's namespace.
    const OpenedModule opened = openModule("libfinch_engine.so", "FINCH_ENGINE_MODULE", RTLD_NOW | RTLD_LOCAL,
                                           "finch_engine_module");
    if (!opened.entry)
        throw Error(opened.failure);
    using Entry = const EngineApi* (*)();
    const EngineApi* table = reinterpret_cast<Entry>(opened.entry)();
    if (!table || table->abiVersion != kEngineAbiVersion)
        throw Error(opened.path + ": an engine module of another Finch version; reinstall Finch");
    return table;
}

} // namespace

const EngineApi& api()
{
    // Not a function-local static: a failed load should be retried (and reported) next time.
    static std::mutex mutex;
    static const EngineApi* table = nullptr;
    const std::lock_guard lock(mutex);
    if (!table)
        table = loadTable();
    return *table;
}

void preload()
{
    api();
}

} // namespace finch::engine

namespace finch::runtime {
RuntimeInfo runtimeInfo() { return engine::api().runtimeInfo(); }
void configureCompute(int threads) { engine::api().configureCompute(threads); }
} // namespace finch::runtime

namespace finch::train {
TrainingOutcome Trainer::start(const RunConfig& config, const TrainingObserver& observer, TrainingControl* control)
{
    return engine::api().startTraining(config, observer, control);
}
TrainingOutcome Trainer::resume(const std::string& runPath, const TrainingObserver& observer, TrainingControl* control)
{
    return engine::api().resumeTraining(runPath, observer, control);
}
RunConfig runConfig(const runs::RunFolder& run) { return engine::api().runConfig(run); }
model::LanguageModel loadRunModel(const runs::RunFolder& run, const std::string& device)
{
    return engine::api().loadRunModel(run, device);
}
TypedRow typedRow(const runs::RunFolder& run, const std::string& text) { return engine::api().typedRow(run, text); }
RunEvaluation evaluateRun(const runs::RunFolder& run, const RunEvaluationRequest& request,
                          const eval::EvaluationProgress& progress)
{
    return engine::api().evaluateRun(run, request, progress);
}
} // namespace finch::train

namespace finch::eval {
std::vector<double> labelProbabilities(const model::LanguageModel& model, const data::PromptFormatter& formatter,
                                       const std::vector<std::string>& labels, const data::Json& row,
                                       int maxSequenceLength)
{
    return engine::api().labelProbabilities(model, formatter, labels, row, maxSequenceLength);
}
} // namespace finch::eval

namespace finch::model {
void LanguageModel::ImplDeleter::operator()(Impl* impl) const { engine::api().deleteModel(impl); }
LanguageModel LanguageModel::load(const std::string& folder, const std::string& device)
{
    return engine::api().loadModel(folder, device);
}
LanguageModel LanguageModel::create(const ModelConfig& config, uint64_t seed, const std::string& device)
{
    return engine::api().createModel(config, seed, device);
}
const ModelConfig& LanguageModel::config() const { return engine::api().config(*this); }
std::string LanguageModel::device() const { return engine::api().device(*this); }
const text::Tokenizer* LanguageModel::tokenizer() const { return engine::api().tokenizer(*this); }
void LanguageModel::setTokenizer(const std::string& model) { engine::api().setTokenizer(*this, model); }
double LanguageModel::score(const std::vector<std::vector<int>>& sequences) const
{
    return engine::api().score(*this, sequences);
}
std::vector<float> LanguageModel::logits(const std::vector<int>& ids) const { return engine::api().logits(*this, ids); }
GenerationResult LanguageModel::generate(const std::vector<int>& prompt, const GenerationOptions& options,
                                         const TokenCallback& onToken) const
{
    return engine::api().generate(*this, prompt, options, onToken);
}
void LanguageModel::addLora(const LoraSettings& settings, uint64_t seed) { engine::api().addLora(*this, settings, seed); }
bool LanguageModel::hasLora() const { return engine::api().hasLora(*this); }
void LanguageModel::loadAdapter(const std::string& folder) { engine::api().loadAdapter(*this, folder); }
void LanguageModel::saveAdapter(const std::string& folder, const std::string& baseModel) const
{
    engine::api().saveAdapter(*this, folder, baseModel);
}
void LanguageModel::mergeLora() { engine::api().mergeLora(*this); }
void LanguageModel::save(const std::string& folder, const SaveOptions& options) const
{
    engine::api().save(*this, folder, options);
}
} // namespace finch::model
