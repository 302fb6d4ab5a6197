#include "core/train/RunArtifacts.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/engine/Engine.h"
#include "core/train/TrainingData.h"

#include <filesystem>

namespace finch::train {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
}

RunConfig runConfig(const runs::RunFolder& run, const runs::RunRecord& record)
{
    if (record.config.empty())
        throw Error(run.runJsonPath() + ": no 'config'; is this a Finch run folder?");
    return RunConfig::fromJson(record.config, run.runJsonPath() + ": 'config'");
}

RunConfig runConfig(const runs::RunFolder& run)
{
    return runConfig(run, run.readRecord());
}

namespace {

// The base model a run's adapter (final/adapter_config.json) belongs to, as a folder.
std::string adapterBaseModel(const fs::path& final)
{
    const std::string configPath = (final / "adapter_config.json").string();
    const nlohmann::ordered_json adapter = readJsonFile(configPath);
    const std::string base = adapter.is_object() && adapter.value("base_model_name_or_path", Json()).is_string()
                                 ? adapter["base_model_name_or_path"].get<std::string>()
                                 : std::string();
    if (base.empty() || !fs::is_directory(base))
        throw Error(configPath + ": the base model '" + base + "' is not a folder on this machine");
    return base;
}

} // namespace

std::unique_ptr<model::LanguageModel> loadRunModel(engine::Engine& engine, const runs::RunFolder& run,
                                                   const std::string& device)
{
    const fs::path final = run.finalPath();
    if (!fs::is_directory(final))
        throw Error(run.path() + ": no final/ model yet (status: " +
                    std::string(runs::kRunStatuses.name(run.readRecord().status)) + "); finish or resume the run first");
    if (!fs::exists(final / "adapter_config.json"))
        return engine.loadModel(final.string(), device);

    const std::string base = adapterBaseModel(final);
    std::unique_ptr<model::LanguageModel> loaded = engine.loadModel(base, device);
    loaded->loadAdapter(final.string());
    if (fs::exists(final / "tokenizer.model"))
        loaded->setTokenizer(readWholeFile((final / "tokenizer.model").string()));
    return loaded;
}

RunConfig startingFrom(const runs::RunFolder& run, RunConfig config)
{
    const fs::path final = run.finalPath();
    if (!fs::is_directory(final))
        throw Error(run.path() + ": no final/ model to start from yet (status: " +
                    std::string(runs::kRunStatuses.name(run.readRecord().status)) + ")");
    if (!fs::exists(final / "adapter_config.json")) {
        config.model = final.string();
        config.adapterPath.clear();
        return config;
    }
    const std::string base = adapterBaseModel(final);
    config.method = model::TrainingMethod::Lora;
    config.model = base;
    config.adapterPath = final.string();
    return config;
}

EvaluationInput evaluationInput(const runs::RunFolder& run, const runs::RunRecord& record, const std::string& dataFile,
                                const std::string& split)
{
    const RunConfig config = runConfig(run, record);
    EvaluationInput input;
    if (record.data)
        input.labels = record.data->labels;
    if (dataFile.empty()) {
        if (split != "train" && split != "validation" && split != "test")
            throw Error("unknown split '" + split + "': expected train, validation or test");
        TrainingData data = TrainingData::prepare(config);
        input.dataset = std::move(split == "train" ? data.train : split == "validation" ? data.validation : data.test);
        input.formatter.emplace(data.formatter(config));
        input.source = config.trainFile + " (" + split + " split)";
        if (split == "test" && !config.testFile.empty())
            input.source = config.testFile;
        if (split == "validation" && !config.validationFile.empty())
            input.source = config.validationFile;
        if (input.dataset.rows.empty())
            throw Error(run.path() + ": the run has no " + split + " rows; name a file to evaluate on");
        return input;
    }
    RunConfig withLabels = config;
    withLabels.labels = input.labels;
    data::Schema schema;
    input.dataset = loadCheckedDataset(dataFile, withLabels, &schema);
    input.formatter.emplace(formatterFor(schema, config));
    input.source = dataFile;
    if (schema.kind != data::TaskKind::Classification)
        input.labels.clear();
    return input;
}

TypedRow typedRow(const runs::RunFolder& run, const std::string& text)
{
    const runs::RunRecord record = run.readRecord();
    const RunConfig config = runConfig(run, record);
    const runs::DataRecord dataRecord = record.data.value_or(runs::DataRecord{});
    const std::string& kindName = dataRecord.kind;
    const auto kind = data::taskKindFromName(kindName);
    if (!kind || *kind == data::TaskKind::Unknown)
        throw Error(run.runJsonPath() + ": 'data.kind' is \"" + kindName + "\"; expected the kind of the run's dataset");
    data::Schema schema;
    schema.kind = *kind;
    for (const data::Role role : schema.requiredRoles())
        schema.fields[role] = std::string(data::roleName(role));
    for (const auto& [roleName, field] : dataRecord.fields)
        if (const auto role = data::roleFromName(roleName))
            schema.fields[*role] = field;
    data::Json row = data::Json::object();
    switch (*kind) {
    case data::TaskKind::Instruction: row[schema.fieldFor(data::Role::Instruction)] = text; break;
    case data::TaskKind::QuestionAnswer: row[schema.fieldFor(data::Role::Question)] = text; break;
    case data::TaskKind::Chat:
        row[schema.fieldFor(data::Role::Messages)] = data::Json::array({{{"role", "user"}, {"content", text}}});
        break;
    default: row[schema.fieldFor(data::Role::Text)] = text; break;
    }
    return {formatterFor(schema, config), row, dataRecord.labels};
}

RunEvaluation evaluateRun(engine::Engine& engine, const runs::RunFolder& run, const RunEvaluationRequest& request,
                          const eval::EvaluationProgress& progress)
{
    const runs::RunRecord record = run.readRecord();
    const RunConfig config = runConfig(run, record);
    const std::unique_ptr<model::LanguageModel> loaded = loadRunModel(engine, run, request.device);
    EvaluationInput input = evaluationInput(run, record, request.dataFile, request.split);
    input.formatter->useChatTemplate(loaded->chatTemplate());
    eval::EvaluationOptions options;
    options.maxSequenceLength = config.maxSequenceLength;
    options.maxNewTokens = request.maxNewTokens;
    const eval::EvaluationReport report = eval::evaluate(*loaded, input.dataset, *input.formatter, input.labels, options, progress);

    RunEvaluation result;
    result.report = {{"run", run.id()},
                     {"split", request.dataFile.empty() ? request.split : "file"},
                     {"data_file", input.source}};
    result.report.update(report.toJson());
    result.path = request.outputPath;
    if (result.path.empty())
        result.path = !request.dataFile.empty() ? run.path() + "/eval-" + fs::path(request.dataFile).stem().string() + ".json"
                      : request.split == "test" ? run.evalPath()
                                                : run.path() + "/eval-" + request.split + ".json";
    writeFileAtomically(result.path, result.report.dump(1) + "\n");
    return result;
}

} // namespace finch::train
