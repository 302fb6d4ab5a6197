#include "core/train/RunArtifacts.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/api/Engine.h"
#include "core/eval/Metrics.h"
#include "core/eval/LinearBaseline.h"
#include "core/train/TrainingData.h"
#include "core/text/Tokenizer.h"
#include "core/text/ChatTemplate.h"

#include <algorithm>
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

std::unique_ptr<model::LanguageModel> loadModel(engine::Engine& engine, const std::string& folder,
                                                const std::string& adapterFolder)
{
    std::unique_ptr<model::LanguageModel> loaded = engine.loadModel(folder);
    if (!adapterFolder.empty())
        loaded->loadAdapter(adapterFolder);
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

RunConfig asItIs(RunConfig config, const std::string& adapterFolder)
{
    // LoRA keeps the run folder small: with no adapter, fresh adapters (B = 0) leave the
    // model unchanged.
    config.method = model::TrainingMethod::Lora;
    config.adapterPath = adapterFolder;
    config.epochs = 0;
    config.maxSteps = -1;
    config.runName += "-" + (adapterFolder.empty() ? std::string("base") : fs::path(adapterFolder).filename().string()) + "-as-is";
    return config;
}

namespace {

// Short texts across scripts, digits and punctuation: what a changed tokenizer or a wrong
// weight would show in.
constexpr const char* kProbeTexts[] = {
    "The quick brown fox jumps over the lazy dog.",
    "Finch exports what it trained: 12 + 30 = 42, isn't it?",
    "Ça marche très bien. Das Wetter ist schön. 日本語も少し。",
};

std::string joinIds(const std::vector<int>& ids)
{
    std::string text;
    for (int id : ids)
        text += (text.empty() ? "" : ",") + std::to_string(id);
    return "[" + text + "]";
}

Json probeConversation()
{
    return Json::array({{{"role", "user"}, {"content", "Is this review positive? 'Great battery.'"}},
                        {{"role", "assistant"}, {"content", "Yes, it is positive."}}});
}

} // namespace

ExportProbe probeModel(const model::LanguageModel& model)
{
    ExportProbe probe;
    const int vocabulary = int(model.config().vocabSize);
    probe.eosTokenIds = model.config().eosTokenIds;
    if (const text::Tokenizer* tokenizer = model.tokenizer()) {
        probe.hasTokenizer = true;
        probe.eosId = tokenizer->eosId();
        for (const char* text : kProbeTexts) {
            probe.encodings.emplace_back(text, tokenizer->encode(text));
            probe.sequences.push_back(probe.encodings.back().second);
        }
        if (const auto chat = model.chatTemplate()) {
            probe.chatText = chat->render(probeConversation(), false).text;
            probe.chatEos = chat->specialTokens().value("eos_token", Json());
            probe.sequences.push_back(tokenizer->encodeWithSpecialTokens(*probe.chatText));
        }
    } else {
        std::vector<int> ids;
        for (int i = 0; i < 32; ++i)
            ids.push_back((i * 7919) % std::max(1, vocabulary));
        probe.sequences.push_back(ids);
    }
    for (auto& ids : probe.sequences) {
        std::erase_if(ids, [&](int id) { return id < 0 || id >= vocabulary; });
        if (ids.size() > 128)
            ids.resize(128);
    }
    std::erase_if(probe.sequences, [](const std::vector<int>& ids) { return ids.empty(); });
    for (const auto& ids : probe.sequences)
        probe.logits.push_back(model.logits(ids));
    return probe;
}

void checkExport(const ExportProbe& probe, const model::LanguageModel& exported, ExportReport& report)
{
    report.probeSequences = probe.sequences.size();
    report.probeTokens = 0;
    report.maxLogitDifference = 0;
    for (size_t i = 0; i < probe.sequences.size(); ++i) {
        report.probeTokens += probe.sequences[i].size();
        const std::vector<float> again = exported.logits(probe.sequences[i]);
        if (again.size() != probe.logits[i].size()) {
            report.problems.push_back("the export gives " + std::to_string(again.size()) + " logits for probe " +
                                      std::to_string(i + 1) + ", the run's model " + std::to_string(probe.logits[i].size()));
            continue;
        }
        for (size_t j = 0; j < again.size(); ++j)
            report.maxLogitDifference = std::max(report.maxLogitDifference, double(std::abs(again[j] - probe.logits[i][j])));
    }
    if (report.maxLogitDifference > kExportTolerance)
        report.problems.push_back("logits differ from the run's model by up to " + std::to_string(report.maxLogitDifference));

    const text::Tokenizer* tokenizer = exported.tokenizer();
    if (probe.hasTokenizer && !tokenizer) {
        report.problems.push_back("the export has no tokenizer Finch reads");
    } else if (tokenizer) {
        for (const auto& [text, ids] : probe.encodings)
            if (const std::vector<int> again = tokenizer->encode(text); again != ids)
                report.problems.push_back("the exported tokenizer encodes \"" + text + "\" as " + joinIds(again) +
                                          ", the run's as " + joinIds(ids));
        if (probe.hasTokenizer && tokenizer->eosId() != probe.eosId)
            report.problems.push_back("the end-of-text token is " + std::to_string(tokenizer->eosId()) + " in the export, " +
                                      std::to_string(probe.eosId) + " in the run");
    }
    report.chatModel = probe.chatText.has_value();
    if (report.chatModel) {
        const auto chat = exported.chatTemplate();
        if (!chat) {
            report.problems.push_back("the export has no chat template");
        } else {
            if (chat->render(probeConversation(), false).text != *probe.chatText)
                report.problems.push_back("the exported chat template renders a conversation differently");
            if (const Json eos = chat->specialTokens().value("eos_token", Json()); eos != probe.chatEos)
                report.problems.push_back("the end-of-turn token is " + eos.dump() + " in the export, " + probe.chatEos.dump() +
                                          " in the run");
        }
        if (exported.config().eosTokenIds != probe.eosTokenIds)
            report.problems.push_back("generation stops at other tokens: eos_token_id " + joinIds(exported.config().eosTokenIds) +
                                      " in the export, " + joinIds(probe.eosTokenIds) + " in the run");
    }
}

namespace {

// What marks a folder as a Finch export, so that the next export may replace it whole.
constexpr const char* kExportMarker = "finch_export.json";

// An export replaces its folder whole: only a missing or empty folder, or an earlier Finch
// export, may be replaced, so that no file a person keeps there is ever deleted.
void checkExportTarget(const std::string& folder)
{
    std::error_code error;
    const fs::file_status status = fs::symlink_status(folder, error);
    if (!fs::exists(status))
        return;
    if (!fs::is_directory(status))
        throw Error(folder + ": not a folder; an export writes a folder (choose a new or empty one)");
    if (fs::is_empty(folder, error) || fs::is_regular_file(fs::symlink_status(fs::path(folder) / kExportMarker)))
        return;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder, error))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    std::string shown;
    for (size_t i = 0; i < names.size() && i < 3; ++i)
        shown += (i ? ", " : "") + names[i];
    if (names.size() > 3)
        shown += ", … (" + std::to_string(names.size()) + " entries)";
    throw Error(folder + " holds files that no Finch export wrote (" + shown +
                "); an export replaces its folder whole: choose a new or empty folder, or an earlier export");
}

} // namespace

ExportReport exportRun(engine::Engine& engine, const runs::RunFolder& run, const std::string& folder, bool merged)
{
    checkExportTarget(folder);
    std::unique_ptr<model::LanguageModel> model = loadRunModel(engine, run);
    ExportReport report;
    report.kind = merged ? "merged" : "adapter";
    report.folder = folder;
    std::string base;
    if (!merged) {
        if (!model->hasLora())
            throw Error(run.path() + " trained the full model, not a LoRA adapter; export it merged");
        base = adapterBaseModel(run.finalPath());
    }
    const ExportProbe probe = probeModel(*model); // before merging changes the weights' sums

    replaceFolderAtomically(folder, [&](const std::string& temporary) {
        if (merged) {
            if (model->hasLora())
                model->mergeLora();
            model->save(temporary);
        } else {
            model->saveAdapter(temporary, base);
        }
        const nlohmann::ordered_json marker{{"finch_version", FINCH_VERSION}, {"run", run.path()}, {"kind", report.kind}};
        writeFileAtomically(temporary + "/" + kExportMarker, marker.dump(1) + "\n");
    });

    std::unique_ptr<model::LanguageModel> reloaded = engine.loadModel(merged ? folder : base);
    if (!merged) {
        reloaded->loadAdapter(folder);
        if (fs::exists(run.finalPath() + "/tokenizer.model")) // LoRA on a preset: the run's tokenizer
            reloaded->setTokenizer(readWholeFile(run.finalPath() + "/tokenizer.model"));
    }
    checkExport(probe, *reloaded, report);
    return report;
}

std::optional<runs::BaselineRecord> evaluateBaseline(const TrainingData& data)
{
    if (data.schema.kind != data::TaskKind::Classification || data.labels.size() < 2 || data.test.rows.empty())
        return std::nullopt;
    const std::string textField = data.schema.fieldFor(data::Role::Text);
    const auto indexOf = [&](const data::Json& value) -> int {
        const auto label = data.schema.labelOf(value);
        const auto it = label ? std::find(data.labels.begin(), data.labels.end(), *label) : data.labels.end();
        return it == data.labels.end() ? -1 : int(it - data.labels.begin());
    };
    const auto textOf = [&](const data::Json& value) {
        const auto it = value.find(textField);
        return it != value.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::vector<std::string> texts;
    std::vector<int> labels;
    for (const data::Row& row : data.train.rows)
        if (const int label = row.readable ? indexOf(row.value) : -1; label >= 0) {
            texts.push_back(textOf(row.value));
            labels.push_back(label);
        }
    const eval::LinearBaseline baseline = eval::LinearBaseline::train(texts, labels, int(data.labels.size()));

    runs::BaselineRecord record;
    record.method = eval::LinearBaseline::description();
    record.vocabulary = int64_t(baseline.vocabularySize());
    record.results.task = "classification";
    std::vector<int> gold, predicted;
    for (size_t r = 0; r < data.test.rows.size(); ++r) {
        const data::Row& row = data.test.rows[r];
        const int label = row.readable ? indexOf(row.value) : -1;
        if (label < 0)
            continue; // as the evaluation skips it
        const std::vector<double> probabilities = baseline.probabilities(textOf(row.value));
        const int best = int(std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
        gold.push_back(label);
        predicted.push_back(best);
        record.results.rows.push_back({r, data.schema.inputKey(row.value), data.labels[size_t(label)],
                                       data.labels[size_t(best)], probabilities[size_t(best)], best == label});
    }
    Json& metrics = record.results.metrics.json;
    metrics = eval::ClassificationMetrics::compute(data.labels, gold, predicted).toJson();
    metrics["rows"] = gold.size();
    return record;
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

namespace {

// The run's dataset schema as run.json records it (kind and field names).
data::Schema runSchema(const runs::RunFolder& run, const runs::RunRecord& record)
{
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
    return schema;
}

// A row of the schema's kind with `text` in its main input field.
data::Json rowWithText(const data::Schema& schema, const std::string& text)
{
    data::Json row = data::Json::object();
    switch (schema.kind) {
    case data::TaskKind::Instruction: row[schema.fieldFor(data::Role::Instruction)] = text; break;
    case data::TaskKind::QuestionAnswer: row[schema.fieldFor(data::Role::Question)] = text; break;
    case data::TaskKind::Chat:
        row[schema.fieldFor(data::Role::Messages)] = data::Json::array({{{"role", "user"}, {"content", text}}});
        break;
    default: row[schema.fieldFor(data::Role::Text)] = text; break;
    }
    return row;
}

} // namespace

TypedRow typedRow(const runs::RunFolder& run, const std::string& text)
{
    const runs::RunRecord record = run.readRecord();
    const data::Schema schema = runSchema(run, record);
    return {formatterFor(schema, runConfig(run, record)), rowWithText(schema, text),
            record.data.value_or(runs::DataRecord{}).labels};
}

data::Json RunClassifier::rowFor(const std::string& text) const
{
    return rowWithText(formatter.schema(), text);
}

RunClassifier loadRunClassifier(engine::Engine& engine, const runs::RunFolder& run, const std::string& device)
{
    const runs::RunRecord record = run.readRecord();
    const RunConfig config = runConfig(run, record);
    const data::Schema schema = runSchema(run, record);
    const std::vector<std::string> labels = record.data.value_or(runs::DataRecord{}).labels;
    if (schema.kind != data::TaskKind::Classification || labels.empty())
        throw Error(run.path() + ": not a classification run (its data is " + std::string(data::taskKindName(schema.kind)) +
                    "); labels come from a run trained to classify");
    RunClassifier classifier{std::shared_ptr<model::LanguageModel>(loadRunModel(engine, run, device.empty() ? config.device : device)),
                             formatterFor(schema, config), labels, {}};
    classifier.formatter.useChatTemplate(classifier.model->chatTemplate());
    classifier.options.maxSequenceLength = config.maxSequenceLength;
    return classifier;
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
    options.shardIndex = request.shardIndex;
    options.shardCount = request.shardCount;
    eval::EvaluationReport report;
    if (request.shardCount > 1) {
        try {
            report = eval::evaluate(*loaded, input.dataset, *input.formatter, input.labels, options, progress);
        } catch (const std::exception&) {
            request.gatherShards("null"); // the gathering process learns at once that this shard is missing
            throw;
        }
        const std::vector<std::string> shards = request.gatherShards(report.rows.dump());
        if (shards.empty())
            return {};
        std::vector<nlohmann::ordered_json> rows;
        for (size_t shard = 0; shard < shards.size(); ++shard) {
            // From another process, through the store: bounded like a file.
            rows.push_back(parseJson(shards[shard], "test rows of rank " + std::to_string(shard)));
            if (!rows.back().is_array())
                throw Error("test evaluation: shard " + std::to_string(shard) + " of " + std::to_string(shards.size()) +
                            " did not finish (its process stopped or failed; its output says why)");
        }
        report = eval::combineShards(report.task, rows, input.labels);
    } else {
        report = eval::evaluate(*loaded, input.dataset, *input.formatter, input.labels, options, progress);
    }

    RunEvaluation result;
    result.record.run = run.id();
    result.record.split = request.dataFile.empty() ? request.split : "file";
    result.record.dataFile = input.source;
    result.record.results = runs::EvalResults::of(report);
    result.path = !request.outputPath.empty() ? request.outputPath
                  : !request.dataFile.empty() ? run.evalPathForFile(request.dataFile)
                                              : run.evalPath(request.split);
    writeFileAtomically(result.path, result.record.toJson().dump(1) + "\n");
    return result;
}

} // namespace finch::train
