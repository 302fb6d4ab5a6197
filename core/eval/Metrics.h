#pragma once
// Test-set metrics, plain C++. Conventions follow the reference tools: precision of a
// class never predicted is 0 (scikit-learn's zero_division=0); corpus BLEU is 4-gram with
// the brevity penalty and no smoothing (NLTK's corpus_bleu, sacreBLEU with smooth 'none')
// on 13a-style tokens; ROUGE-L F1 is 0 when either side is empty (rouge-score).
#include "core/common/Vocabulary.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace finch::eval {

// The keys of eval.json's "metrics" that summarise a run, in the order tables show them.
inline constexpr WordList<7> kHeadlineMetrics{"accuracy", "macro_f1", "weighted_f1", "exact_match",
                                              "bleu", "rouge_l", "perplexity"};
// The metrics a paired bootstrap can compare runs on (Bootstrap.h).
inline constexpr WordList<4> kComparableMetrics{"accuracy", "macro_f1", "exact_match", "rouge_l"};

struct ClassScores {
    std::string label;
    double precision = 0, recall = 0, f1 = 0;
    size_t support = 0;
};

struct ClassificationMetrics {
    std::vector<std::string> labels;
    double accuracy = 0, macroF1 = 0, weightedF1 = 0;
    std::vector<ClassScores> perClass;
    std::vector<std::vector<size_t>> confusion; // [gold][predicted]

    // gold and predicted are indices into labels; the vectors have one entry per row.
    static ClassificationMetrics compute(const std::vector<std::string>& labels, const std::vector<int>& gold,
                                         const std::vector<int>& predicted);
    nlohmann::ordered_json toJson() const;
};

// How far the model's confidence is from its accuracy: the top-1 confidences in equal-width
// bins over [0, 1] (left-closed, plus a last bin for a confidence of exactly 1), and the
// expected calibration error, sum over bins of |accuracy - confidence| x share of rows.
// torchmetrics' multiclass_calibration_error (norm "l1"), tested against it.
struct CalibrationBin {
    double lower = 0, upper = 0;
    size_t count = 0;
    double accuracy = 0, confidence = 0; // means over the bin's rows (0 when empty)
};

struct Calibration {
    double expectedError = 0;
    std::vector<CalibrationBin> bins; // binCount + 1

    static Calibration compute(const std::vector<double>& confidences, const std::vector<bool>& correct,
                               int binCount = 15);
    nlohmann::ordered_json binsJson() const;
};

// Tokens for BLEU and ROUGE: case kept (as sacreBLEU by default), punctuation split off.
std::vector<std::string> metricTokens(const std::string& text);
double corpusBleu(const std::vector<std::string>& hypotheses, const std::vector<std::string>& references);
double rougeLF1(const std::string& hypothesis, const std::string& reference);
// Surrounding whitespace does not count.
bool exactMatch(const std::string& hypothesis, const std::string& reference);

} // namespace finch::eval
