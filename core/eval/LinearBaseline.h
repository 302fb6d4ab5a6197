#pragma once
// The baseline every classification run is measured against: bag-of-words counts and a
// logistic regression, as scikit-learn's CountVectorizer() and
// LogisticRegression(solver="liblinear") compute them (tokens of two or more word
// characters, lower-cased; word counts; one-vs-rest L2 logistic regression with C = 1 and
// a regularised bias), trained by LIBLINEAR. If fine-tuning a language model does not beat
// this, the run has learned little.
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace finch::eval {

class LinearBaseline {
public:
    // `labels[i]` is the index of row i's label among `labelCount` labels. Throws
    // finch::Error when there is nothing to learn from (no rows, one label).
    static LinearBaseline train(const std::vector<std::string>& texts, const std::vector<int>& labels, int labelCount);
    ~LinearBaseline();
    LinearBaseline(LinearBaseline&&) noexcept;
    LinearBaseline& operator=(LinearBaseline&&) noexcept;

    // The probability of each label (one-vs-rest sigmoids, normalised, as LIBLINEAR and
    // scikit-learn give them).
    std::vector<double> probabilities(const std::string& text) const;
    size_t vocabularySize() const;

    // What it is, for reports: "bag of words + logistic regression (LIBLINEAR 2.3, C = 1)".
    static std::string description();

private:
    struct State;
    explicit LinearBaseline(std::unique_ptr<State> state);
    std::unique_ptr<State> state_;
};

// Each labelled row's probabilities from a baseline that never saw it: the rows are dealt
// into `folds` folds (seeded), and each fold is predicted by a baseline trained on the
// others. Rows with label -1 are not used for training and are predicted by a baseline
// trained on every labelled row. What the Data page's "likely label errors" rest on.
// `progress` follows each of the folds + 1 baselines; when it returns false the work stops
// (finch::Error "cross-validation cancelled").
std::vector<std::vector<double>> crossValidatedProbabilities(const std::vector<std::string>& texts,
                                                             const std::vector<int>& labels, int labelCount, int folds = 5,
                                                             unsigned seed = 0,
                                                             const std::function<bool(size_t done, size_t total)>& progress = {});

// The words CountVectorizer() takes from a text: runs of two or more word characters
// (\b\w\w+\b, Unicode), lower-cased first.
std::vector<std::string> bagOfWordsTokens(const std::string& text);

} // namespace finch::eval
