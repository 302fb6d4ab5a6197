#include "core/runs/EvalRecords.h"

#include "core/common/Error.h"
#include "core/common/JsonBinder.h"
#include "core/eval/Evaluator.h"

#include <algorithm>

namespace finch::runs {
namespace {

// The objects of `json[key]`, or none when it is not a list of objects: the tables of a
// generation report are not checked, and a table that is not there shows as empty.
std::vector<Json> objectsAt(const Json& json, const char* key)
{
    const auto it = json.find(key);
    if (it == json.end() || !it->is_array() || !std::all_of(it->begin(), it->end(), [](const Json& e) { return e.is_object(); }))
        return {};
    return std::vector<Json>(it->begin(), it->end());
}

double numberAt(const Json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : 0.0;
}

// The rows of `json["rows"]`, bound one by one, each named by its position when refused.
template <typename Row>
std::vector<Row> readRows(const Json& json, const std::string& where)
{
    std::vector<Row> rows;
    const auto it = json.find("rows");
    if (it == json.end())
        return rows;
    if (!it->is_array())
        throw Error(where + ": 'rows': expected a list of rows, found " + it->dump().substr(0, 80));
    rows.reserve(it->size());
    for (const Json& value : *it) {
        if (!value.is_object())
            throw Error(where + ": 'rows': expected objects, found " + value.dump().substr(0, 80));
        Row row;
        JsonBinder binder = JsonBinder::reading(value, where + ": row " + std::to_string(rows.size() + 1));
        row.bind(binder);
        if constexpr (requires { row.more; })
            row.more = binder.unknownKeys();
        rows.push_back(std::move(row));
    }
    return rows;
}

template <typename Row>
Json writeRows(const std::vector<Row>& rows)
{
    Json json = Json::array();
    for (Row row : rows) {
        Json value = Json::object();
        JsonBinder binder = JsonBinder::writing(value);
        row.bind(binder);
        if constexpr (requires { row.more; })
            for (const auto& [key, more] : row.more.items())
                value[key] = more;
        json.push_back(std::move(value));
    }
    return json;
}

// The keys a record's binder did not name, less those the results hold.
Json extraKeys(const JsonBinder& binder)
{
    Json extra = binder.unknownKeys();
    for (const char* key : {"task", "metrics", "rows"})
        extra.erase(key);
    return extra;
}

} // namespace

void EvalRow::bind(JsonBinder& b)
{
    b.bind("index", index, "a row number");
    b.bind("input", input, "a text");
    b.bind("reference", reference, "a text");
    b.bind("prediction", prediction, "a text");
    b.bind("score", score, "a number");
    b.bind("correct", correct, "true or false");
}

std::vector<MetricValue> EvalMetrics::numbers() const
{
    std::vector<MetricValue> values;
    for (const auto& [key, value] : json.items())
        if (value.is_number())
            values.push_back({key, value.get<double>(), value.is_number_integer()});
    return values;
}

bool EvalMetrics::has(const std::string& name) const
{
    return json.contains(name);
}

std::optional<double> EvalMetrics::value(const std::string& name) const
{
    const auto it = json.find(name);
    return it != json.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
}

std::vector<std::string> EvalMetrics::labels() const
{
    const auto it = json.find("labels");
    if (it == json.end() || !it->is_array() || !std::all_of(it->begin(), it->end(), [](const Json& l) { return l.is_string(); }))
        return {};
    return it->get<std::vector<std::string>>();
}

std::vector<std::vector<double>> EvalMetrics::confusionMatrix() const
{
    std::vector<std::vector<double>> matrix;
    const auto it = json.find("confusion_matrix");
    if (it == json.end() || !it->is_array())
        return {};
    for (const Json& row : *it) {
        if (!row.is_array() || !std::all_of(row.begin(), row.end(), [](const Json& c) { return c.is_number(); }))
            return {};
        matrix.push_back(row.get<std::vector<double>>());
    }
    return matrix;
}

std::vector<eval::ClassScores> EvalMetrics::perClass() const
{
    std::vector<eval::ClassScores> scores;
    for (const Json& entry : objectsAt(json, "per_class")) {
        const auto label = entry.find("label");
        const auto support = entry.find("support");
        scores.push_back({label != entry.end() && label->is_string() ? label->get<std::string>() : std::string(),
                          numberAt(entry, "precision"), numberAt(entry, "recall"), numberAt(entry, "f1"),
                          support != entry.end() && support->is_number_unsigned() ? support->get<size_t>() : 0});
    }
    return scores;
}

std::vector<eval::CalibrationBin> EvalMetrics::calibration() const
{
    std::vector<eval::CalibrationBin> bins;
    for (const Json& bin : objectsAt(json, "calibration")) {
        const auto count = bin.find("count");
        bins.push_back({numberAt(bin, "lower"), numberAt(bin, "upper"),
                        count != bin.end() && count->is_number_unsigned() ? count->get<size_t>() : 0,
                        numberAt(bin, "accuracy"), numberAt(bin, "confidence")});
    }
    return bins;
}

Json EvalResults::toJson() const
{
    return {{"task", task}, {"metrics", metrics.json}, {"rows", writeRows(rows)}};
}

EvalResults EvalResults::fromJson(const Json& json, const std::string& where)
{
    const eval::EvaluationReport checked = eval::EvaluationReport::fromJson(json, where);
    return {checked.task, {checked.metrics}, readRows<EvalRow>(json, where)};
}

EvalResults EvalResults::of(const eval::EvaluationReport& report)
{
    return {report.task, {report.metrics}, readRows<EvalRow>(Json{{"rows", report.rows}}, "evaluation")};
}

Json EvalRecord::toJson() const
{
    Json json = Json::object();
    EvalRecord copy = *this;
    JsonBinder binder = JsonBinder::writing(json);
    binder.bind("run", copy.run, "a run id");
    binder.bind("split", copy.split, "a split");
    binder.bind("data_file", copy.dataFile, "a file");
    json.update(results.toJson());
    for (const auto& [key, value] : extra.items())
        json[key] = value;
    return json;
}

EvalRecord EvalRecord::fromJson(const Json& json, const std::string& where)
{
    EvalRecord record;
    record.results = EvalResults::fromJson(json, where);
    JsonBinder binder = JsonBinder::reading(json, where);
    binder.bind("run", record.run, "a run id");
    binder.bind("split", record.split, "test, validation, train or file");
    binder.bind("data_file", record.dataFile, "a file");
    record.extra = extraKeys(binder);
    return record;
}

Json BaselineRecord::toJson() const
{
    Json json{{"task", results.task}};
    BaselineRecord copy = *this;
    JsonBinder binder = JsonBinder::writing(json);
    binder.bind("method", copy.method, "a description");
    binder.bind("vocabulary", copy.vocabulary, "a word count");
    json["metrics"] = results.metrics.json;
    json["rows"] = writeRows(results.rows);
    for (const auto& [key, value] : extra.items())
        json[key] = value;
    return json;
}

BaselineRecord BaselineRecord::fromJson(const Json& json, const std::string& where)
{
    BaselineRecord record;
    record.results = EvalResults::fromJson(json, where);
    JsonBinder binder = JsonBinder::reading(json, where);
    binder.bind("method", record.method, "a description");
    binder.bind("vocabulary", record.vocabulary, "a word count");
    record.extra = extraKeys(binder);
    return record;
}

void HeldOutRow::bind(JsonBinder& b)
{
    b.bind("line", line, "a line number");
    b.bind("input", input, "a text");
    b.bind("label", label, "a label");
    b.bind("probabilities", probabilities, "a probability for each label");
}

Json HeldOutRecord::toJson() const
{
    Json json = Json::object();
    HeldOutRecord copy = *this;
    JsonBinder binder = JsonBinder::writing(json);
    binder.bind("folds", copy.folds, "a fold count");
    binder.bind("fold", copy.fold, "a fold number");
    binder.bind("labels", copy.labels, "a list of labels");
    json["rows"] = writeRows(rows);
    return json;
}

HeldOutRecord HeldOutRecord::fromJson(const Json& json, const std::string& where)
{
    if (!json.is_object())
        throw Error(where + ": expected the held-out predictions of a cross-validation run (an object), found " +
                    json.dump().substr(0, 80));
    HeldOutRecord record;
    JsonBinder binder = JsonBinder::reading(json, where);
    binder.bind("folds", record.folds, "a fold count");
    binder.bind("fold", record.fold, "a fold number");
    binder.bind("labels", record.labels, "a list of labels");
    record.rows = readRows<HeldOutRow>(json, where);
    for (size_t r = 0; r < record.rows.size(); ++r)
        if (record.rows[r].probabilities.size() != record.labels.size())
            throw Error(where + ": row " + std::to_string(r + 1) + ": 'probabilities': expected one for each of the " +
                        std::to_string(record.labels.size()) + " labels, found " +
                        std::to_string(record.rows[r].probabilities.size()));
    return record;
}

} // namespace finch::runs
