#include "core/eval/Evaluator.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/eval/Metrics.h"

#include <algorithm>
#include <cmath>

namespace finch::eval {
namespace {

using Json = nlohmann::ordered_json;
using model::LanguageModel;

const text::Tokenizer& tokenizerOf(const LanguageModel& model)
{
    if (!model.tokenizer())
        throw Error("the model has no tokenizer (tokenizer.model); Finch needs one to evaluate on text");
    return *model.tokenizer();
}

// BOS and the prompt, cut from its start to leave `room` tokens, as the trainer cuts it.
// A chat template writes its own BOS and end-of-turn tokens (`templated`).
std::vector<int> promptIds(const text::Tokenizer& tokenizer, const std::string& prompt, size_t room, bool templated)
{
    std::vector<int> ids;
    if (tokenizer.bosId() >= 0 && !templated)
        ids.push_back(tokenizer.bosId());
    std::vector<int> pieces = tokenizer.encode(prompt);
    const size_t keep = room > ids.size() ? room - ids.size() : 0;
    if (pieces.size() > keep)
        pieces.erase(pieces.begin(), pieces.end() - static_cast<long>(keep));
    ids.insert(ids.end(), pieces.begin(), pieces.end());
    return ids;
}

std::vector<int> completionIds(const text::Tokenizer& tokenizer, const std::string& completion, bool templated)
{
    std::vector<int> ids = tokenizer.encode(completion);
    if (tokenizer.eosId() >= 0 && !templated)
        ids.push_back(tokenizer.eosId());
    return ids;
}

struct LabelCompletions {
    std::vector<std::vector<int>> ids; // each label's completion tokens and EOS
    size_t longest = 0;
};

LabelCompletions labelCompletions(const text::Tokenizer& tokenizer, const data::PromptFormatter& formatter,
                                  const std::vector<std::string>& labels)
{
    LabelCompletions completions;
    for (const std::string& label : labels) {
        completions.ids.push_back(completionIds(tokenizer, formatter.completionForLabel(label), formatter.chatTemplate() != nullptr));
        completions.longest = std::max(completions.longest, completions.ids.back().size());
    }
    return completions;
}

// Room left for the prompt when the longest completion must fit.
size_t promptRoom(int maxSequenceLength, size_t longestCompletion)
{
    return std::max<size_t>(1, static_cast<size_t>(maxSequenceLength) - std::min<size_t>(longestCompletion, maxSequenceLength - 1));
}

std::vector<double> softmax(const std::vector<double>& scores)
{
    double top = -INFINITY;
    for (const double s : scores)
        top = std::max(top, s);
    std::vector<double> probabilities;
    double total = 0;
    for (const double s : scores)
        total += probabilities.emplace_back(std::exp(s - top));
    for (double& p : probabilities)
        p /= total;
    return probabilities;
}

void reportProgress(const EvaluationProgress& progress, size_t done, size_t total)
{
    if (progress && !progress(done, total))
        throw Error("evaluation cancelled");
}

// The metrics follow from the rows alone, so that shards evaluated apart give the metrics
// of one evaluation once their rows are together.
Json classificationMetrics(const Json& rows, const std::vector<std::string>& labels)
{
    const auto labelIndex = [&](const Json& row, const char* key) {
        const std::string label = row.at(key).get<std::string>();
        return int(std::find(labels.begin(), labels.end(), label) - labels.begin());
    };
    std::vector<int> gold, predicted;
    std::vector<double> confidences;
    std::vector<bool> correct;
    for (const Json& row : rows) {
        gold.push_back(labelIndex(row, "reference"));
        predicted.push_back(labelIndex(row, "prediction"));
        confidences.push_back(row.at("score").get<double>());
        correct.push_back(gold.back() == predicted.back());
    }
    Json metrics = ClassificationMetrics::compute(labels, gold, predicted).toJson();
    metrics["rows"] = gold.size();
    const Calibration calibration = Calibration::compute(confidences, correct);
    metrics["expected_calibration_error"] = calibration.expectedError;
    metrics["calibration"] = calibration.binsJson();
    return metrics;
}

Json generationMetrics(const Json& rows)
{
    std::vector<std::string> hypotheses, references;
    double exactMatches = 0, rougeTotal = 0, negativeLogLikelihood = 0;
    size_t referenceTokens = 0;
    for (const Json& row : rows) {
        hypotheses.push_back(row.at("prediction").get<std::string>());
        references.push_back(row.at("reference").get<std::string>());
        exactMatches += row.at("correct").get<bool>();
        rougeTotal += row.at("score").get<double>();
        const Json& logLikelihood = row.at("reference_log_likelihood"); // null: not finite
        negativeLogLikelihood -= logLikelihood.is_number() ? logLikelihood.get<double>() : NAN;
        referenceTokens += row.at("reference_tokens").get<size_t>();
    }
    const double count = static_cast<double>(hypotheses.size());
    return {{"exact_match", count ? exactMatches / count : 0.0},
            {"bleu", corpusBleu(hypotheses, references)},
            {"rouge_l", count ? rougeTotal / count : 0.0},
            {"perplexity", referenceTokens ? std::exp(negativeLogLikelihood / double(referenceTokens)) : 0.0},
            {"rows", hypotheses.size()}};
}

} // namespace

std::vector<std::vector<double>> labelProbabilitiesOfRows(const LanguageModel& model, const data::PromptFormatter& formatter,
                                                          const std::vector<std::string>& labels,
                                                          const std::vector<const data::Json*>& rows,
                                                          const EvaluationOptions& options, const EvaluationProgress& progress)
{
    const text::Tokenizer& tokenizer = tokenizerOf(model);
    const LabelCompletions completions = labelCompletions(tokenizer, formatter, labels);
    const size_t room = promptRoom(options.maxSequenceLength, completions.longest);
    std::vector<std::vector<double>> probabilities;
    probabilities.reserve(rows.size());
    // Rows go through in groups so that progress reports arrive while the model works.
    const size_t rowsPerGroup = std::max<size_t>(1, static_cast<size_t>(options.batchSize) / labels.size());
    for (size_t start = 0; start < rows.size(); start += rowsPerGroup) {
        const size_t end = std::min(rows.size(), start + rowsPerGroup);
        std::vector<std::vector<int>> prompts;
        for (size_t r = start; r < end; ++r)
            prompts.push_back(promptIds(tokenizer, formatter.prompt(*rows[r]), room, formatter.chatTemplate() != nullptr));
        std::vector<const std::vector<int>*> promptRefs, completionRefs;
        for (const std::vector<int>& prompt : prompts)
            for (const std::vector<int>& label : completions.ids) {
                promptRefs.push_back(&prompt);
                completionRefs.push_back(&label);
            }
        const std::vector<double> scores = model.completionLogLikelihoods(promptRefs, completionRefs, options.batchSize);
        for (size_t p = 0; p < prompts.size(); ++p)
            probabilities.push_back(softmax({scores.begin() + long(p * labels.size()), scores.begin() + long((p + 1) * labels.size())}));
        reportProgress(progress, end, rows.size());
    }
    return probabilities;
}

namespace {

EvaluationReport classify(const LanguageModel& model, const data::Dataset& dataset, const data::PromptFormatter& formatter,
                          const std::vector<std::string>& labels, const EvaluationOptions& options,
                          const EvaluationProgress& progress)
{
    const data::Schema& schema = formatter.schema();
    std::vector<const data::Json*> values;
    std::vector<size_t> rowIndices;
    for (size_t r = options.shardIndex; r < dataset.rows.size(); r += options.shardCount) {
        const data::Row& row = dataset.rows[r];
        if (!row.readable || !schema.labelOf(row.value))
            continue;
        values.push_back(&row.value);
        rowIndices.push_back(r);
    }
    const std::vector<std::vector<double>> all = labelProbabilitiesOfRows(
        model, formatter, labels, values, options,
        [&](size_t done, size_t) { return !progress || progress(done < values.size() ? rowIndices[done] : dataset.rows.size(), dataset.rows.size()); });

    EvaluationReport report;
    report.task = "classification";
    for (size_t p = 0; p < values.size(); ++p) {
        const Json& value = *values[p];
        const std::vector<double>& probabilities = all[p];
        const int best = int(std::max_element(probabilities.begin(), probabilities.end()) - probabilities.begin());
        const std::string reference = *schema.labelOf(value);
        if (std::find(labels.begin(), labels.end(), reference) == labels.end())
            throw Error("row " + std::to_string(dataset.rows[rowIndices[p]].line) + ": label '" + reference +
                        "' is not one of the run's labels");
        Json probabilityJson = Json::object();
        for (size_t l = 0; l < labels.size(); ++l)
            probabilityJson[labels[l]] = probabilities[l];
        report.rows.push_back({{"index", rowIndices[p]},
                               {"input", schema.inputKey(value)},
                               {"reference", reference},
                               {"prediction", labels[size_t(best)]},
                               {"score", probabilities[size_t(best)]},
                               {"correct", reference == labels[size_t(best)]},
                               {"probabilities", probabilityJson}});
    }
    report.metrics = classificationMetrics(report.rows, labels);
    return report;
}

EvaluationReport generate(const LanguageModel& model, const data::Dataset& dataset, const data::PromptFormatter& formatter,
                          const EvaluationOptions& options, const EvaluationProgress& progress)
{
    const text::Tokenizer& tokenizer = tokenizerOf(model);
    const size_t room = static_cast<size_t>(std::max(1, options.maxSequenceLength - options.maxNewTokens));
    model::GenerationOptions generation;
    generation.maxNewTokens = options.maxNewTokens;
    generation.greedy = true;

    EvaluationReport report;
    report.task = "generation";
    for (size_t r = options.shardIndex; r < dataset.rows.size(); r += options.shardCount) {
        const data::Row& row = dataset.rows[r];
        if (!row.readable)
            continue;
        const data::FormattedExample example = formatter.format(row.value);
        const bool templated = formatter.chatTemplate() != nullptr;
        const std::vector<int> prompt = promptIds(tokenizer, example.prompt, room, templated);
        const model::GenerationResult result = model.generate(prompt, generation);
        const std::vector<int> reference = completionIds(tokenizer, example.completion, templated);
        const double logLikelihood = model.completionLogLikelihoods({&prompt}, {&reference}, 1)[0];
        report.rows.push_back({{"index", r},
                               {"input", example.prompt},
                               {"reference", example.answer},
                               {"prediction", result.text},
                               {"score", rougeLF1(result.text, example.answer)},
                               {"correct", exactMatch(result.text, example.answer)},
                               {"reference_tokens", reference.size()},
                               {"reference_log_likelihood", logLikelihood}});
        reportProgress(progress, r + 1, dataset.rows.size());
    }
    report.metrics = generationMetrics(report.rows);
    return report;
}

} // namespace

Json EvaluationReport::toJson() const
{
    return {{"task", task}, {"metrics", metrics}, {"rows", rows}};
}

namespace {

// The shape eval.json must have before anything indexes into it: a report from another
// program, an older Finch or a damaged disk is refused with the field, not crashed on.
class ReportChecker {
public:
    explicit ReportChecker(std::string source) : source_(std::move(source)) {}

    void require(bool condition, const std::string& field, const std::string& expected, const Json& found) const
    {
        if (!condition)
            throw Error(source_ + ": '" + field + "': expected " + expected + ", found " + found.dump().substr(0, 80));
    }

    void metrics(const Json& metrics, const std::string& task) const
    {
        for (const auto& [key, value] : metrics.items())
            if (key != "per_class" && key != "labels" && key != "confusion_matrix" && key != "calibration")
                require(value.is_number() || value.is_null(), "metrics." + key, "a number", value);
        if (task != "classification")
            return;
        const Json labels = metrics.value("labels", Json::array());
        require(labels.is_array() && std::all_of(labels.begin(), labels.end(), [](const Json& l) { return l.is_string(); }),
                "metrics.labels", "a list of labels", labels);
        const Json matrix = metrics.value("confusion_matrix", Json::array());
        const size_t n = labels.size();
        bool square = matrix.is_array() && matrix.size() == n;
        for (size_t i = 0; square && i < n; ++i)
            square = matrix[i].is_array() && matrix[i].size() == n &&
                     std::all_of(matrix[i].begin(), matrix[i].end(), [](const Json& c) { return c.is_number() && c >= 0; });
        require(square, "metrics.confusion_matrix", std::to_string(n) + " rows of " + std::to_string(n) + " counts",
                matrix);
        const Json calibration = metrics.value("calibration", Json::array());
        require(calibration.is_array(), "metrics.calibration", "a list of bins", calibration);
        for (const Json& bin : calibration) {
            require(bin.is_object(), "metrics.calibration", "bins as objects", bin);
            for (const char* key : {"lower", "upper", "accuracy", "confidence"})
                require(bin.value(key, Json(0)).is_number(), std::string("metrics.calibration.") + key, "a number", bin);
            require(bin.value("count", Json(0)).is_number_integer() && bin.value("count", Json(0)) >= 0,
                    "metrics.calibration.count", "a count", bin);
        }
        const Json perClass = metrics.value("per_class", Json::array());
        require(perClass.is_array(), "metrics.per_class", "a list", perClass);
        for (const Json& entry : perClass) {
            require(entry.is_object() && entry.value("label", Json()).is_string(), "metrics.per_class",
                    "objects with a label", entry);
            for (const char* key : {"precision", "recall", "f1"})
                require(entry.value(key, Json(0)).is_number(), std::string("metrics.per_class.") + key, "a number", entry);
            const Json support = entry.value("support", Json(0));
            require(support.is_number_integer() && support >= 0, "metrics.per_class.support", "a count", entry);
        }
    }

    void rows(const Json& rows) const
    {
        for (const Json& row : rows) {
            require(row.is_object(), "rows", "objects", row);
            for (const char* key : {"input", "reference", "prediction"})
                require(row.value(key, Json("")).is_string(), std::string("rows.") + key, "a text", row);
            for (const char* key : {"score", "index"})
                require(row.value(key, Json(0)).is_number(), std::string("rows.") + key, "a number", row);
            require(row.value("correct", Json(false)).is_boolean(), "rows.correct", "true or false", row);
        }
    }

private:
    std::string source_;
};

} // namespace

EvaluationReport EvaluationReport::fromJson(const Json& json, const std::string& source)
{
    if (!json.is_object() || !json.contains("task") || !json["task"].is_string() || !json.contains("metrics") ||
        !json["metrics"].is_object())
        throw Error(source + ": expected an object with 'task' and 'metrics' (an eval.json Finch writes)");
    EvaluationReport report;
    report.task = json["task"].get<std::string>();
    report.metrics = json["metrics"];
    const ReportChecker check(source);
    check.metrics(report.metrics, report.task);
    if (json.contains("rows")) {
        check.require(json["rows"].is_array(), "rows", "an array", json["rows"]);
        check.rows(json["rows"]);
        report.rows = json["rows"];
    }
    return report;
}

EvaluationReport readEvaluationReport(const std::string& path)
{
    return EvaluationReport::fromJson(readJsonFile(path), path);
}

EvaluationReport evaluate(const LanguageModel& model, const data::Dataset& dataset, const data::PromptFormatter& formatter,
                          const std::vector<std::string>& labels, const EvaluationOptions& options,
                          const EvaluationProgress& progress)
{
    if (options.maxSequenceLength < 8 || options.batchSize < 1 || options.maxNewTokens < 1 ||
        options.shardIndex >= options.shardCount)
        throw Error("evaluation options: sequence length at least 8, batch size and new tokens at least 1, a shard "
                    "below the shard count");
    return labels.empty() ? generate(model, dataset, formatter, options, progress)
                          : classify(model, dataset, formatter, labels, options, progress);
}

EvaluationReport combineShards(const std::string& task, const std::vector<Json>& shardRows,
                               const std::vector<std::string>& labels)
{
    EvaluationReport report;
    report.task = task;
    for (const Json& rows : shardRows)
        for (const Json& row : rows)
            report.rows.push_back(row);
    std::stable_sort(report.rows.begin(), report.rows.end(),
                     [](const Json& a, const Json& b) { return a.at("index").get<size_t>() < b.at("index").get<size_t>(); });
    report.metrics = task == "classification" ? classificationMetrics(report.rows, labels) : generationMetrics(report.rows);
    return report;
}

std::vector<double> labelProbabilities(const LanguageModel& model, const data::PromptFormatter& formatter,
                                       const std::vector<std::string>& labels, const data::Json& row,
                                       int maxSequenceLength)
{
    EvaluationOptions options;
    options.maxSequenceLength = maxSequenceLength;
    options.batchSize = int(labels.size());
    return labelProbabilitiesOfRows(model, formatter, labels, {&row}, options).front();
}

} // namespace finch::eval
