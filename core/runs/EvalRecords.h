#pragma once
// A run's evaluations as records: eval.json (and eval-<name>.json), baseline.json and
// heldout.json (docs/RUN_FOLDER.md). Each is converted to and from JSON here, after the
// checks eval::EvaluationReport makes, so that the CLI and the studio read fields, not keys.
#include "core/eval/Metrics.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finch {
class JsonBinder;
}

namespace finch::eval {
struct EvaluationReport;
}

namespace finch::runs {

using Json = nlohmann::ordered_json;

// One evaluated row.
struct EvalRow {
    size_t index = 0; // its position in the rows evaluated (the same in eval.json and baseline.json)
    std::string input;
    std::string reference;
    std::string prediction;
    double score = 0; // the prediction's probability, or its ROUGE-L
    bool correct = false;
    // The task's own fields, as written: classification's "probabilities" (label -> probability);
    // generation's "reference_tokens" and "reference_log_likelihood".
    Json more = Json::object();
    void bind(JsonBinder& b);
};

// A metric as a table shows it: counts stay integers.
struct MetricValue {
    std::string name;
    double value = 0;
    bool count = false;
};

// "metrics" as written (checked on reading), read through these functions.
struct EvalMetrics {
    Json json = Json::object();

    // Every number, in the file's order; nulls (non-finite values) are left out.
    std::vector<MetricValue> numbers() const;
    bool has(const std::string& name) const; // also as null
    std::optional<double> value(const std::string& name) const;
    // Classification's tables; empty for generation.
    std::vector<std::string> labels() const;
    std::vector<std::vector<double>> confusionMatrix() const; // [gold][predicted]
    std::vector<eval::ClassScores> perClass() const;
    std::vector<eval::CalibrationBin> calibration() const;
};

// What eval.json and baseline.json share.
struct EvalResults {
    std::string task; // "classification" or "generation"
    EvalMetrics metrics;
    std::vector<EvalRow> rows;

    bool classifies() const { return task == "classification"; }
    // {task, metrics, rows}: what the paired bootstrap compares (eval::compareEvaluations).
    Json toJson() const;
    // Throws finch::Error naming `where` and the field, as eval::EvaluationReport::fromJson.
    static EvalResults fromJson(const Json& json, const std::string& where);
    static EvalResults of(const eval::EvaluationReport& report);
};

// eval.json, eval-<split>.json, eval-<file>.json: an evaluation of a run's final model.
struct EvalRecord {
    std::string run;      // the run's id
    std::string split;    // "test", "validation", "train", or "file"
    std::string dataFile; // what was evaluated: the file, or "<train file> (<split> split)"
    EvalResults results;
    Json extra = Json::object(); // keys a newer Finch wrote, kept on rewrite

    Json toJson() const;
    static EvalRecord fromJson(const Json& json, const std::string& where);
};

// baseline.json: a classification run's bag-of-words baseline on its test rows.
struct BaselineRecord {
    std::string method;     // eval::LinearBaseline::description()
    int64_t vocabulary = 0; // distinct words it learned
    EvalResults results;    // rows with the indices of eval.json's, so the two pair up
    Json extra = Json::object();

    Json toJson() const;
    static BaselineRecord fromJson(const Json& json, const std::string& where);
};

// heldout.json: the predictions of the fold a cross-validation run held out.
struct HeldOutRow {
    int64_t line = 0; // the row's line in the dataset file
    std::string input;
    std::string label;
    std::vector<double> probabilities; // one per label of the record, in its order
    void bind(JsonBinder& b);
};

struct HeldOutRecord {
    int64_t folds = 0;
    int64_t fold = 0;
    std::vector<std::string> labels;
    std::vector<HeldOutRow> rows;

    Json toJson() const;
    static HeldOutRecord fromJson(const Json& json, const std::string& where);
};

} // namespace finch::runs
