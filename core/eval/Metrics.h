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

// Tokens for BLEU and ROUGE: case kept (as sacreBLEU by default), punctuation split off.
std::vector<std::string> metricTokens(const std::string& text);
double corpusBleu(const std::vector<std::string>& hypotheses, const std::vector<std::string>& references);
double rougeLF1(const std::string& hypothesis, const std::string& reference);
// Surrounding whitespace does not count.
bool exactMatch(const std::string& hypothesis, const std::string& reference);

} // namespace finch::eval
