#include "core/train/LabelPredictions.h"

#include "core/common/Error.h"
#include "core/eval/LinearBaseline.h"
#include "core/train/RunArtifacts.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace finch::train {

PredictedLabel likeliestLabel(const std::vector<double>& probabilities, const std::vector<std::string>& labels)
{
    std::vector<size_t> order(probabilities.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return probabilities[a] > probabilities[b]; });
    const double second = order.size() > 1 ? probabilities[order[1]] : 0.0;
    return {labels.at(order.at(0)), probabilities[order[0]], probabilities[order[0]] - second};
}

void predictLabels(engine::Engine& engine, const runs::RunFolder& run, const std::vector<std::optional<std::string>>& texts,
                   LabelPredictions& into, const eval::EvaluationProgress& progress)
{
    into.rows.assign(texts.size(), std::nullopt);
    into.predicted = 0;
    const RunClassifier classifier = loadRunClassifier(engine, run);
    // In groups: progress between them, and a stop keeps what is done.
    constexpr size_t kGroup = 256;
    for (size_t start = 0; start < texts.size(); start += kGroup) {
        if (progress && !progress(start, texts.size()))
            return;
        const size_t end = std::min(texts.size(), start + kGroup);
        std::vector<data::Json> rows;
        std::vector<size_t> indices;
        for (size_t i = start; i < end; ++i)
            if (texts[i]) {
                rows.push_back(classifier.rowFor(*texts[i]));
                indices.push_back(i);
            }
        std::vector<const data::Json*> refs;
        for (const data::Json& row : rows)
            refs.push_back(&row);
        const auto probabilities =
            eval::labelProbabilitiesOfRows(*classifier.model, classifier.formatter, classifier.labels, refs, classifier.options);
        for (size_t k = 0; k < indices.size(); ++k) {
            into.rows[indices[k]] = likeliestLabel(probabilities[k], classifier.labels);
            ++into.predicted;
        }
    }
    if (progress)
        progress(texts.size(), texts.size());
}

LabelPredictions crossValidatedLabels(const std::vector<std::optional<std::string>>& texts,
                                      const std::vector<std::string>& given, const std::vector<std::string>& labels,
                                      const eval::EvaluationProgress& progress)
{
    std::vector<std::string> plain(texts.size());
    std::vector<int> indices(texts.size(), -1);
    for (size_t i = 0; i < texts.size(); ++i) {
        if (!texts[i])
            continue; // an unreadable row: no text, no label, no prediction
        plain[i] = *texts[i];
        const auto label = std::find(labels.begin(), labels.end(), given.at(i));
        indices[i] = label == labels.end() || given[i].empty() ? -1 : int(label - labels.begin());
    }
    const auto probabilities = eval::crossValidatedProbabilities(plain, indices, int(labels.size()), 5, 0, progress);
    LabelPredictions predictions;
    predictions.rows.resize(texts.size());
    for (size_t i = 0; i < texts.size(); ++i)
        if (texts[i]) {
            predictions.rows[i] = likeliestLabel(probabilities[i], labels);
            ++predictions.predicted;
        }
    return predictions;
}

LabelPredictions heldOutPredictions(const std::vector<runs::RunFolder>& runs, const std::vector<long>& lines)
{
    std::map<long, size_t> rowOfLine;
    for (size_t row = 0; row < lines.size(); ++row)
        if (lines[row] > 0)
            rowOfLine[lines[row]] = row;
    LabelPredictions predictions;
    predictions.rows.resize(lines.size());
    for (const runs::RunFolder& run : runs) {
        const runs::HeldOutRecord heldOut = run.readHeldOut();
        for (const runs::HeldOutRow& row : heldOut.rows)
            if (const auto it = rowOfLine.find(long(row.line)); it != rowOfLine.end()) {
                predictions.rows[it->second] = likeliestLabel(row.probabilities, heldOut.labels);
                ++predictions.predicted;
            }
    }
    return predictions;
}

} // namespace finch::train
