// The labelling loop, simulated on the sentiment sample with its labels as the oracle:
// label k rows, train, predict the rest, label the next rows, and so on. The rows to
// label next are either the ones the model is least sure of (the smallest margin between
// its two likeliest labels, what the Data page's "Unlabelled, uncertain first" shows) or
// random ones, the peer. Accuracy is measured on a fixed held-out fifth of the sample after
// each round, over three seeds.
//
// The learner is the bag-of-words baseline every classification run trains
// (eval::LinearBaseline): retraining it takes milliseconds, so the whole loop runs in
// seconds. finch-tiny trained from scratch on a few hundred rows stays near chance
// (bench/NOTES.md), so it would show nothing about the choice of rows.
//
//   build/bin/bench_active_learning [SAMPLE.jsonl] > active_learning.csv
#include "core/common/FileIO.h"
#include "core/eval/LinearBaseline.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Row {
    std::string text;
    int label;
};

double accuracy(const finch::eval::LinearBaseline& model, const std::vector<Row>& rows)
{
    int correct = 0;
    for (const Row& row : rows) {
        const std::vector<double> p = model.probabilities(row.text);
        correct += int(std::max_element(p.begin(), p.end()) - p.begin()) == row.label;
    }
    return double(correct) / double(rows.size());
}

double margin(const finch::eval::LinearBaseline& model, const std::string& text)
{
    std::vector<double> p = model.probabilities(text);
    std::sort(p.rbegin(), p.rend());
    return p.size() > 1 ? p[0] - p[1] : 1.0;
}

} // namespace

int main(int argc, char** argv)
{
    const std::string sample = argc > 1 ? argv[1] : FINCH_SAMPLES "/sentiment.jsonl";
    std::vector<std::string> labels;
    std::vector<Row> all;
    std::istringstream lines(finch::readWholeFile(sample));
    for (std::string line; std::getline(lines, line);) {
        if (line.empty())
            continue;
        const auto row = nlohmann::json::parse(line);
        const std::string label = row.value("label", "");
        if (label.empty())
            continue;
        auto it = std::find(labels.begin(), labels.end(), label);
        if (it == labels.end())
            it = labels.insert(labels.end(), label);
        all.push_back({row.value("text", ""), int(it - labels.begin())});
    }
    constexpr int kStart = 20, kStep = 20, kRounds = 10, kSeeds = 3;
    std::printf("strategy,seed,labelled,accuracy\n");
    std::vector<std::vector<double>> mean(2, std::vector<double>(kRounds + 1, 0.0));
    for (int seed = 0; seed < kSeeds; ++seed) {
        std::vector<Row> rows = all;
        std::mt19937 shuffle{unsigned(seed)};
        std::shuffle(rows.begin(), rows.end(), shuffle);
        const std::vector<Row> test(rows.begin(), rows.begin() + long(rows.size() / 5));
        const std::vector<Row> pool(rows.begin() + long(rows.size() / 5), rows.end());
        for (int strategy = 0; strategy < 2; ++strategy) { // 0: uncertainty, 1: random
            std::vector<bool> labelled(pool.size(), false);
            std::mt19937 pick{unsigned(1000 + seed)};
            std::vector<size_t> order(pool.size());
            std::iota(order.begin(), order.end(), size_t(0));
            std::shuffle(order.begin(), order.end(), pick);
            // Both strategies start from the same random rows; at least two labels among them.
            for (int i = 0; i < kStart; ++i)
                labelled[order[size_t(i)]] = true;
            for (int round = 0; round <= kRounds; ++round) {
                std::vector<std::string> texts;
                std::vector<int> ys;
                for (size_t i = 0; i < pool.size(); ++i)
                    if (labelled[i]) {
                        texts.push_back(pool[i].text);
                        ys.push_back(pool[i].label);
                    }
                const auto model = finch::eval::LinearBaseline::train(texts, ys, int(labels.size()));
                const double score = accuracy(model, test);
                mean[size_t(strategy)][size_t(round)] += score / kSeeds;
                std::printf("%s,%d,%zu,%.4f\n", strategy == 0 ? "uncertainty" : "random", seed, texts.size(), score);
                if (round == kRounds)
                    break;
                std::vector<size_t> candidates;
                for (size_t i = 0; i < pool.size(); ++i)
                    if (!labelled[i])
                        candidates.push_back(i);
                if (strategy == 0)
                    std::stable_sort(candidates.begin(), candidates.end(), [&](size_t a, size_t b) {
                        return margin(model, pool[a].text) < margin(model, pool[b].text);
                    });
                else
                    std::shuffle(candidates.begin(), candidates.end(), pick);
                for (size_t i = 0; i < std::min<size_t>(kStep, candidates.size()); ++i)
                    labelled[candidates[i]] = true;
            }
        }
    }
    std::fprintf(stderr, "labelled  uncertainty  random  (mean accuracy over %d seeds, %zu test rows each)\n", kSeeds,
                 all.size() / 5);
    for (int round = 0; round <= kRounds; ++round)
        std::fprintf(stderr, "%8d  %11.3f  %6.3f\n", kStart + round * kStep, mean[0][size_t(round)], mean[1][size_t(round)]);
    return 0;
}
