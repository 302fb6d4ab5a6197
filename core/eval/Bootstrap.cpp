#include "core/eval/Bootstrap.h"

#include "core/common/Error.h"
#include "core/common/Random.h"
#include "core/eval/Metrics.h"

#include <algorithm>
#include <numeric>

namespace finch::eval {

BootstrapResult pairedBootstrap(size_t rowCount, const RowMetric& metricA, const RowMetric& metricB, int resamples,
                                uint64_t seed)
{
    if (rowCount == 0)
        throw Error("bootstrap: no test rows to compare");
    if (resamples < 100)
        throw Error("bootstrap: expected at least 100 resamples, found " + std::to_string(resamples));
    std::vector<size_t> all(rowCount);
    std::iota(all.begin(), all.end(), 0);
    BootstrapResult result;
    result.resamples = resamples;
    result.observed = metricB(all) - metricA(all);

    SplitMix64 random(seed);
    std::vector<double> differences;
    differences.reserve(size_t(resamples));
    std::vector<size_t> sample(rowCount);
    for (int r = 0; r < resamples; ++r) {
        for (size_t& row : sample)
            row = random.below(rowCount);
        differences.push_back(metricB(sample) - metricA(sample));
    }
    std::sort(differences.begin(), differences.end());
    result.meanDifference = std::accumulate(differences.begin(), differences.end(), 0.0) / resamples;
    auto percentile = [&](double p) {
        const double position = p * (differences.size() - 1);
        const size_t below = size_t(position);
        const size_t above = std::min(below + 1, differences.size() - 1);
        return differences[below] + (position - double(below)) * (differences[above] - differences[below]);
    };
    result.low = percentile(0.025);
    result.high = percentile(0.975);
    result.probabilityBNotBetter =
        double(std::count_if(differences.begin(), differences.end(), [](double d) { return d <= 0; })) / resamples;
    return result;
}

RowMetric meanOf(std::vector<double> perRow)
{
    return [values = std::move(perRow)](const std::vector<size_t>& rows) {
        double sum = 0;
        for (const size_t row : rows)
            sum += values.at(row);
        return rows.empty() ? 0.0 : sum / double(rows.size());
    };
}

namespace {

using Json = nlohmann::ordered_json;

const Json& rowsOf(const Json& evaluation, const char* which)
{
    if (!evaluation.is_object() || !evaluation.contains("rows") || !evaluation["rows"].is_array())
        throw Error(std::string("run ") + which + ": its eval.json has no per-row results");
    return evaluation["rows"];
}

RowMetric macroF1Of(const Json& rows, const std::vector<std::string>& labels)
{
    std::vector<int> gold, predicted;
    auto indexOf = [&](const Json& value) {
        const auto it = std::find(labels.begin(), labels.end(), value.get<std::string>());
        if (it == labels.end())
            throw Error("bootstrap: label " + value.dump() + " is not in the runs' label set");
        return int(it - labels.begin());
    };
    for (const Json& row : rows) {
        gold.push_back(indexOf(row.at("reference")));
        predicted.push_back(indexOf(row.at("prediction")));
    }
    return [labels, gold = std::move(gold), predicted = std::move(predicted)](const std::vector<size_t>& sample) {
        std::vector<int> g, p;
        for (const size_t row : sample) {
            g.push_back(gold[row]);
            p.push_back(predicted[row]);
        }
        return ClassificationMetrics::compute(labels, g, p).macroF1;
    };
}

RowMetric rowMetric(const Json& evaluation, const Json& rows, const std::string& metric)
{
    const std::string task = evaluation.value("task", "");
    if (metric == "macro_f1" && task == "classification")
        return macroF1Of(rows, evaluation.at("metrics").at("labels").get<std::vector<std::string>>());
    std::vector<double> values;
    for (const Json& row : rows) {
        if (metric == "accuracy" || metric == "exact_match")
            values.push_back(row.value("correct", false) ? 1.0 : 0.0);
        else if (metric == "rouge_l" && task == "generation")
            values.push_back(row.value("score", 0.0));
        else
            throw Error("bootstrap: metric '" + metric + "' does not apply to a " + task +
                        " run; use accuracy or macro_f1 (classification), exact_match or rouge_l (generation)");
    }
    return meanOf(std::move(values));
}

} // namespace

std::string defaultComparisonMetric(const Json& evaluation)
{
    return evaluation.value("task", "") == "classification" ? "accuracy" : "rouge_l";
}

BootstrapResult compareEvaluations(const Json& evalA, const Json& evalB, const std::string& metric, int resamples,
                                   uint64_t seed)
{
    const Json& rowsA = rowsOf(evalA, "A");
    const Json& rowsB = rowsOf(evalB, "B");
    if (evalA.value("task", "") != evalB.value("task", ""))
        throw Error("bootstrap: the runs evaluate different tasks");
    bool same = rowsA.size() == rowsB.size();
    for (size_t i = 0; same && i < rowsA.size(); ++i)
        same = rowsA[i].value("reference", Json()) == rowsB[i].value("reference", Json()) &&
               rowsA[i].value("index", Json()) == rowsB[i].value("index", Json());
    if (!same)
        throw Error("bootstrap: the runs were evaluated on different test rows (" + std::to_string(rowsA.size()) + " and " +
                    std::to_string(rowsB.size()) + " rows, or other references); a paired comparison needs the same rows");
    return pairedBootstrap(rowsA.size(), rowMetric(evalA, rowsA, metric), rowMetric(evalB, rowsB, metric), resamples, seed);
}

} // namespace finch::eval
