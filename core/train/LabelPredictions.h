#pragma once
// Labels predicted for a dataset's rows, what the studio's suggestions and likely label
// errors rest on: by a finished classification run (pre-labelling), by a bag-of-words model
// that never trained on the row (cross-validation), or read back from the runs of a
// cross-validation with the fine-tuned model (heldout.json). Torch-free: a run's model comes
// from the engine it is handed.
#include "core/eval/Evaluator.h"
#include "core/runs/RunFolder.h"

#include <optional>
#include <string>
#include <vector>

namespace finch::engine {
class Engine;
}

namespace finch::train {

// A row's likeliest label, its probability, and its lead over the second (a small margin
// marks a row worth labelling first).
struct PredictedLabel {
    std::string label;
    double confidence = 0;
    double margin = 0;
};
PredictedLabel likeliestLabel(const std::vector<double>& probabilities, const std::vector<std::string>& labels);

struct LabelPredictions {
    std::vector<std::optional<PredictedLabel>> rows; // one per row; none for a row left out or not reached
    size_t predicted = 0;                            // the rows with a prediction
};

// Each row's label by the model of a finished classification run, in groups of 256 rows.
// `texts[i]` is row i's text, none for a row that cannot be read (left out). `progress` is
// told the rows done before each group and at the end; when it returns false the work ends
// there, and what was predicted stays. `into` fills as the groups go, so that it keeps the
// rows done also when a later group fails (which throws finch::Error).
void predictLabels(engine::Engine& engine, const runs::RunFolder& run, const std::vector<std::optional<std::string>>& texts,
                   LabelPredictions& into, const eval::EvaluationProgress& progress = {});

// Likely label errors: each labelled row predicted by a bag-of-words model trained without
// it (5 seeded folds, eval::crossValidatedProbabilities), each unlabelled row by one trained
// on every labelled row. `given[i]` is row i's label (empty: none; a label not in `labels`
// counts as none). `progress` follows each model; false cancels (finch::Error). Throws when
// fewer than 5 rows are labelled.
LabelPredictions crossValidatedLabels(const std::vector<std::optional<std::string>>& texts,
                                      const std::vector<std::string>& given, const std::vector<std::string>& labels,
                                      const eval::EvaluationProgress& progress = {});

// The held-out predictions of a cross-validation's runs (heldout.json), matched to the rows
// by their line in the file: `lines[i]` is row i's line (0: none).
LabelPredictions heldOutPredictions(const std::vector<runs::RunFolder>& runs, const std::vector<long>& lines);

} // namespace finch::train
