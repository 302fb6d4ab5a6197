#include "core/train/RunArtifacts.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/train/TrainingData.h"

#include <filesystem>

namespace finch::train {
namespace {
namespace fs = std::filesystem;
}

RunConfig runConfig(const runs::RunFolder& run)
{
    const auto info = run.readInfo();
    if (!info.contains("config"))
        throw Error(run.runJsonPath() + ": no 'config'; is this a Finch run folder?");
    return RunConfig::fromJson(info["config"], run.runJsonPath() + ": 'config'");
}

model::LanguageModel loadRunModel(const runs::RunFolder& run, const std::string& device)
{
    const fs::path final = run.finalPath();
    if (!fs::is_directory(final))
        throw Error(run.path() + ": no final/ model yet (status: " + run.readInfo().value("status", "unknown") +
                    "); finish or resume the run first");
    if (!fs::exists(final / "adapter_config.json"))
        return model::LanguageModel::load(final.string(), device);

    const std::string configPath = (final / "adapter_config.json").string();
    const nlohmann::ordered_json adapter = readJsonFile(configPath);
    const std::string base = adapter.value("base_model_name_or_path", "");
    if (base.empty() || !fs::is_directory(base))
        throw Error(configPath + ": the base model '" + base + "' is not a folder on this machine");
    model::LanguageModel loaded = model::LanguageModel::load(base, device);
    loaded.loadAdapter(final.string());
    if (fs::exists(final / "tokenizer.model"))
        loaded.setTokenizer(readWholeFile((final / "tokenizer.model").string()));
    return loaded;
}

EvaluationInput evaluationInput(const runs::RunFolder& run, const std::string& dataFile, const std::string& split)
{
    const RunConfig config = runConfig(run);
    EvaluationInput input;
    const auto info = run.readInfo();
    input.labels = info.value("data", nlohmann::ordered_json::object())
                       .value("labels", std::vector<std::string>());
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

} // namespace finch::train
