#include "core/eval/LinearBaseline.h"

#include "core/common/Error.h"
#include "core/text/Regex.h"
#include "core/text/UnicodeText.h"

#include <linear.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <random>

namespace finch::eval {
namespace {

const text::Regex& wordPattern()
{
    static const text::Regex pattern(R"((*UCP)\b\w\w+\b)", "the bag-of-words token pattern");
    return pattern;
}

void quiet(const char*) {}

} // namespace

std::vector<std::string> bagOfWordsTokens(const std::string& text)
{
    const std::string lower = text::toLower(text);
    std::vector<std::string> tokens;
    for (const auto& [begin, end] : wordPattern().findAll(lower))
        tokens.push_back(lower.substr(begin, end - begin));
    return tokens;
}

struct LinearBaseline::State {
    std::map<std::string, int> vocabulary; // word -> feature index (1-based, LIBLINEAR's)
    model* trained = nullptr;
    int labelCount = 0;

    // The row's features: word counts, ascending feature index, then the bias, then the end.
    std::vector<feature_node> features(const std::string& text) const
    {
        std::map<int, double> counts;
        for (const std::string& token : bagOfWordsTokens(text))
            if (const auto it = vocabulary.find(token); it != vocabulary.end())
                counts[it->second] += 1;
        std::vector<feature_node> nodes;
        for (const auto& [index, count] : counts)
            nodes.push_back({index, count});
        nodes.push_back({int(vocabulary.size()) + 1, 1.0}); // the bias feature
        nodes.push_back({-1, 0});
        return nodes;
    }

    ~State()
    {
        if (trained)
            free_and_destroy_model(&trained);
    }
};

LinearBaseline::LinearBaseline(std::unique_ptr<State> state) : state_(std::move(state)) {}
LinearBaseline::~LinearBaseline() = default;
LinearBaseline::LinearBaseline(LinearBaseline&&) noexcept = default;
LinearBaseline& LinearBaseline::operator=(LinearBaseline&&) noexcept = default;

LinearBaseline LinearBaseline::train(const std::vector<std::string>& texts, const std::vector<int>& labels, int labelCount)
{
    if (texts.empty() || texts.size() != labels.size())
        throw Error("the baseline needs labelled rows to learn from");
    if (std::all_of(labels.begin(), labels.end(), [&](int label) { return label == labels.front(); }))
        throw Error("the baseline needs rows of at least two labels");
    auto state = std::make_unique<State>();
    state->labelCount = labelCount;
    // CountVectorizer numbers its vocabulary in sorted order.
    for (const std::string& text : texts)
        for (const std::string& token : bagOfWordsTokens(text))
            state->vocabulary.emplace(token, 0);
    int next = 1;
    for (auto& [word, index] : state->vocabulary)
        index = next++;

    std::vector<std::vector<feature_node>> rows;
    std::vector<feature_node*> pointers;
    std::vector<double> targets;
    for (size_t i = 0; i < texts.size(); ++i) {
        rows.push_back(state->features(texts[i]));
        targets.push_back(labels[i]);
    }
    for (auto& row : rows)
        pointers.push_back(row.data());
    problem data{};
    data.l = int(rows.size());
    data.n = int(state->vocabulary.size()) + 1;
    data.y = targets.data();
    data.x = pointers.data();
    data.bias = -1; // the bias is the last feature already, with weight regularised as sklearn's intercept_scaling = 1
    parameter settings{};
    settings.solver_type = L2R_LR;
    settings.C = 1.0;
    settings.eps = 1e-4; // scikit-learn's tol
    if (const char* problemText = check_parameter(&data, &settings))
        throw Error(std::string("the baseline's settings: ") + problemText);
    static std::once_flag silenced;
    std::call_once(silenced, [] { set_print_string_function(quiet); });
    state->trained = ::train(&data, &settings);
    return LinearBaseline(std::move(state));
}

std::vector<double> LinearBaseline::probabilities(const std::string& text) const
{
    const std::vector<feature_node> nodes = state_->features(text);
    std::vector<double> byModelOrder(size_t(get_nr_class(state_->trained)));
    predict_probability(state_->trained, nodes.data(), byModelOrder.data());
    // LIBLINEAR orders classes as it met them; callers want label index order. A label no
    // training row had gets probability 0.
    std::vector<int> order(byModelOrder.size());
    get_labels(state_->trained, order.data());
    std::vector<double> probabilities(size_t(state_->labelCount), 0.0);
    for (size_t i = 0; i < order.size(); ++i)
        probabilities[size_t(order[i])] = byModelOrder[i];
    return probabilities;
}

size_t LinearBaseline::vocabularySize() const
{
    return state_->vocabulary.size();
}

std::vector<std::vector<double>> crossValidatedProbabilities(const std::vector<std::string>& texts,
                                                             const std::vector<int>& labels, int labelCount, int folds,
                                                             unsigned seed, const std::function<bool(size_t, size_t)>& progress)
{
    std::vector<size_t> labelled;
    for (size_t i = 0; i < labels.size(); ++i)
        if (labels[i] >= 0)
            labelled.push_back(i);
    if (int(labelled.size()) < folds)
        throw Error("cross-validation needs at least " + std::to_string(folds) + " labelled rows");
    std::mt19937 shuffle{seed};
    std::shuffle(labelled.begin(), labelled.end(), shuffle);
    std::vector<int> foldOf(labels.size(), -1);
    for (size_t k = 0; k < labelled.size(); ++k)
        foldOf[labelled[k]] = int(k % size_t(folds));

    std::vector<std::vector<double>> probabilities(texts.size());
    for (int fold = -1; fold < folds; ++fold) { // -1: every labelled row, for the unlabelled ones
        std::vector<std::string> trainTexts;
        std::vector<int> trainLabels;
        for (size_t i : labelled)
            if (foldOf[i] != fold) {
                trainTexts.push_back(texts[i]);
                trainLabels.push_back(labels[i]);
            }
        const LinearBaseline baseline = LinearBaseline::train(trainTexts, trainLabels, labelCount);
        for (size_t i = 0; i < texts.size(); ++i)
            if (foldOf[i] == fold)
                probabilities[i] = baseline.probabilities(texts[i]);
        if (progress && !progress(size_t(fold + 2), size_t(folds + 1)))
            throw Error("cross-validation cancelled");
    }
    return probabilities;
}

std::string LinearBaseline::description()
{
    return "bag of words + logistic regression (LIBLINEAR " + std::to_string(liblinear_version / 100) + "." +
           std::to_string(liblinear_version % 100 / 10) + ", C = 1)";
}

} // namespace finch::eval
