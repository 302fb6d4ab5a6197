#include "core/eval/Metrics.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace finch::eval {
namespace {

double safeDivide(double a, double b)
{
    return b == 0 ? 0.0 : a / b;
}

std::string trim(const std::string& text)
{
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

ClassificationMetrics ClassificationMetrics::compute(const std::vector<std::string>& labels, const std::vector<int>& gold,
                                                     const std::vector<int>& predicted)
{
    if (gold.size() != predicted.size())
        throw Error("classification metrics: " + std::to_string(gold.size()) + " gold labels but " +
                    std::to_string(predicted.size()) + " predictions");
    ClassificationMetrics m;
    m.labels = labels;
    const size_t k = labels.size();
    m.confusion.assign(k, std::vector<size_t>(k, 0));
    size_t correct = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
        if (gold[i] < 0 || predicted[i] < 0 || size_t(gold[i]) >= k || size_t(predicted[i]) >= k)
            throw Error("classification metrics: label index out of range at row " + std::to_string(i));
        ++m.confusion[size_t(gold[i])][size_t(predicted[i])];
        correct += gold[i] == predicted[i];
    }
    m.accuracy = safeDivide(double(correct), double(gold.size()));
    double weighted = 0;
    for (size_t c = 0; c < k; ++c) {
        size_t predictedAs = 0, actual = 0;
        for (size_t other = 0; other < k; ++other) {
            predictedAs += m.confusion[other][c];
            actual += m.confusion[c][other];
        }
        ClassScores scores;
        scores.label = labels[c];
        scores.support = actual;
        scores.precision = safeDivide(double(m.confusion[c][c]), double(predictedAs));
        scores.recall = safeDivide(double(m.confusion[c][c]), double(actual));
        scores.f1 = safeDivide(2 * scores.precision * scores.recall, scores.precision + scores.recall);
        m.macroF1 += scores.f1 / double(k);
        weighted += scores.f1 * double(actual);
        m.perClass.push_back(scores);
    }
    m.weightedF1 = safeDivide(weighted, double(gold.size()));
    return m;
}

nlohmann::ordered_json ClassificationMetrics::toJson() const
{
    nlohmann::ordered_json json;
    json["accuracy"] = accuracy;
    json["macro_f1"] = macroF1;
    json["weighted_f1"] = weightedF1;
    json["per_class"] = nlohmann::ordered_json::array();
    for (const ClassScores& s : perClass)
        json["per_class"].push_back(
            {{"label", s.label}, {"precision", s.precision}, {"recall", s.recall}, {"f1", s.f1}, {"support", s.support}});
    json["labels"] = labels;
    json["confusion_matrix"] = confusion;
    return json;
}

std::vector<std::string> metricTokens(const std::string& text)
{
    std::vector<std::string> tokens;
    std::string current;
    auto flush = [&] {
        if (!current.empty())
            tokens.push_back(std::move(current));
        current.clear();
    };
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isspace(byte)) {
            flush();
        } else if (byte < 0x80 && std::ispunct(byte)) {
            flush();
            tokens.emplace_back(1, c);
        } else {
            current += c;
        }
    }
    flush();
    return tokens;
}

double corpusBleu(const std::vector<std::string>& hypotheses, const std::vector<std::string>& references)
{
    if (hypotheses.size() != references.size())
        throw Error("BLEU: " + std::to_string(hypotheses.size()) + " hypotheses but " +
                    std::to_string(references.size()) + " references");
    double matches[4] = {}, totals[4] = {};
    double hypothesisLength = 0, referenceLength = 0;
    for (size_t i = 0; i < hypotheses.size(); ++i) {
        const auto hyp = metricTokens(hypotheses[i]);
        const auto ref = metricTokens(references[i]);
        hypothesisLength += double(hyp.size());
        referenceLength += double(ref.size());
        for (size_t n = 1; n <= 4; ++n) {
            std::map<std::vector<std::string>, int> referenceCounts;
            for (size_t j = 0; j + n <= ref.size(); ++j)
                ++referenceCounts[{ref.begin() + long(j), ref.begin() + long(j + n)}];
            std::map<std::vector<std::string>, int> hypothesisCounts;
            for (size_t j = 0; j + n <= hyp.size(); ++j)
                ++hypothesisCounts[{hyp.begin() + long(j), hyp.begin() + long(j + n)}];
            for (const auto& [gram, count] : hypothesisCounts) {
                const auto found = referenceCounts.find(gram);
                matches[n - 1] += std::min(count, found == referenceCounts.end() ? 0 : found->second);
                totals[n - 1] += count;
            }
        }
    }
    double logPrecision = 0;
    for (int n = 0; n < 4; ++n) {
        if (matches[n] == 0 || totals[n] == 0)
            return 0.0;
        logPrecision += std::log(matches[n] / totals[n]) / 4.0;
    }
    const double brevity = hypothesisLength >= referenceLength ? 1.0 : std::exp(1.0 - referenceLength / hypothesisLength);
    return brevity * std::exp(logPrecision);
}

double rougeLF1(const std::string& hypothesis, const std::string& reference)
{
    const auto hyp = metricTokens(hypothesis);
    const auto ref = metricTokens(reference);
    if (hyp.empty() || ref.empty())
        return 0.0;
    std::vector<size_t> previous(ref.size() + 1, 0), current(ref.size() + 1, 0);
    for (size_t i = 1; i <= hyp.size(); ++i) {
        for (size_t j = 1; j <= ref.size(); ++j)
            current[j] = hyp[i - 1] == ref[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        std::swap(previous, current);
    }
    const double lcs = double(previous[ref.size()]);
    const double precision = lcs / double(hyp.size()), recall = lcs / double(ref.size());
    return safeDivide(2 * precision * recall, precision + recall);
}

bool exactMatch(const std::string& hypothesis, const std::string& reference)
{
    return trim(hypothesis) == trim(reference);
}

Calibration Calibration::compute(const std::vector<double>& confidences, const std::vector<bool>& correct, int binCount)
{
    if (confidences.size() != correct.size() || binCount < 1)
        throw Error("calibration: one confidence and one outcome per row, and at least one bin");
    // The edges as torch.linspace computes them (from both ends towards the middle), so that
    // confidences on an edge fall in the same bin as torchmetrics puts them.
    const int edges = binCount + 1;
    const double step = 1.0 / binCount;
    std::vector<double> edge(static_cast<size_t>(edges));
    for (int i = 0; i < edges; ++i)
        edge[size_t(i)] = i < edges / 2 ? i * step : 1.0 - (edges - 1 - i) * step;
    Calibration calibration;
    calibration.bins.resize(size_t(edges));
    for (int i = 0; i < edges; ++i) {
        calibration.bins[size_t(i)].lower = edge[size_t(i)];
        calibration.bins[size_t(i)].upper = i + 1 < edges ? edge[size_t(i) + 1] : 1.0;
    }
    for (size_t r = 0; r < confidences.size(); ++r) {
        const double confidence = confidences[r];
        if (!(confidence >= 0 && confidence <= 1))
            throw Error("calibration: a confidence outside [0, 1]: " + std::to_string(confidence));
        // Bucketize with right=True: the number of edges at or below the confidence, less one.
        const size_t bin = size_t(std::upper_bound(edge.begin(), edge.end(), confidence) - edge.begin()) - 1;
        CalibrationBin& b = calibration.bins[bin];
        ++b.count;
        b.confidence += confidence;
        b.accuracy += correct[r] ? 1.0 : 0.0;
    }
    for (CalibrationBin& b : calibration.bins) {
        if (b.count == 0)
            continue;
        b.confidence /= double(b.count);
        b.accuracy /= double(b.count);
        calibration.expectedError += std::abs(b.accuracy - b.confidence) * double(b.count) / double(confidences.size());
    }
    return calibration;
}

nlohmann::ordered_json Calibration::binsJson() const
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const CalibrationBin& b : bins)
        out.push_back({{"lower", b.lower}, {"upper", b.upper}, {"count", b.count}, {"accuracy", b.accuracy},
                       {"confidence", b.confidence}});
    return out;
}

} // namespace finch::eval
