#pragma once
// Is run B really better than run A on the same test rows? The paired bootstrap resamples
// the rows with replacement, computes the metric of both runs on each resample, and
// reports the mean difference (B - A) and its 95 % interval.
#include <cstdint>
#include <functional>
#include <string>

#include <nlohmann/json.hpp>
#include <vector>

namespace finch::eval {

struct BootstrapResult {
    double observed = 0;       // B - A on the rows as they are
    double meanDifference = 0; // mean of B - A over the resamples
    double low = 0, high = 0;  // 2.5th and 97.5th percentiles
    double probabilityBNotBetter = 0; // share of resamples with B - A <= 0
    int resamples = 0;
};

// `metricA` and `metricB` compute a run's metric over the given row indices (repeats allowed).
using RowMetric = std::function<double(const std::vector<size_t>& rows)>;

BootstrapResult pairedBootstrap(size_t rowCount, const RowMetric& metricA, const RowMetric& metricB,
                                int resamples = 1000, uint64_t seed = 12345);

// The common case: a per-row score (1/0 for correct, or a ROUGE value) averaged.
RowMetric meanOf(std::vector<double> perRow);

// Compares two eval.json documents of the same test rows (same order, same references)
// on `metric`: accuracy or macro_f1 for classification; exact_match or rouge_l for
// generation. Throws finch::Error when the rows differ or the metric does not apply.
BootstrapResult compareEvaluations(const nlohmann::ordered_json& evalA, const nlohmann::ordered_json& evalB,
                                   const std::string& metric, int resamples = 1000, uint64_t seed = 12345);

// The metric a comparison uses when none is named: accuracy or rouge_l.
std::string defaultComparisonMetric(const nlohmann::ordered_json& evaluation);

} // namespace finch::eval
