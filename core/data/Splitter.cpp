#include "core/data/Splitter.h"

#include "core/common/Error.h"
#include "core/common/Random.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace finch::data {
SplitResult splitDataset(const Dataset& dataset, const Schema& schema, const SplitOptions& options)
{
    const double sum = options.train + options.validation + options.test;
    if (options.train < 0 || options.validation < 0 || options.test < 0 || std::abs(sum - 1.0) > 1e-6)
        throw Error("cannot split: expected fractions of at least 0 that add up to 1, found train " +
                    std::to_string(options.train) + " + validation " + std::to_string(options.validation) +
                    " + test " + std::to_string(options.test) + " = " + std::to_string(sum));

    // Group rows by input; unreadable rows are groups of their own.
    std::vector<std::vector<size_t>> groups;
    std::unordered_map<std::string, size_t> groupOfInput;
    for (size_t i = 0; i < dataset.rows.size(); ++i) {
        const Row& row = dataset.rows[i];
        if (!row.readable) {
            groups.push_back({i});
            continue;
        }
        auto [it, inserted] = groupOfInput.try_emplace(schema.inputKey(row.value), groups.size());
        if (inserted)
            groups.push_back({i});
        else
            groups[it->second].push_back(i);
    }

    // Strata: a group's stratum is the label of its first row. std::map keeps the order
    // of strata fixed, so the random draws are too.
    std::map<std::string, std::vector<size_t>> strata;
    const bool byLabel = options.stratify && schema.kind == TaskKind::Classification;
    for (size_t g = 0; g < groups.size(); ++g) {
        const Row& first = dataset.rows[groups[g].front()];
        std::string stratum;
        if (byLabel)
            stratum = first.readable ? schema.labelOf(first.value).value_or("\x01unlabelled") : "\x01unreadable";
        strata[stratum].push_back(g);
    }

    SplitMix64 random(options.seed);
    SplitResult result;
    for (auto& [stratum, members] : strata) {
        random.shuffle(members);
        const double n = static_cast<double>(members.size());
        const size_t testCount = static_cast<size_t>(std::llround(n * options.test));
        const size_t validationCount =
            std::min(members.size() - testCount, static_cast<size_t>(std::llround(n * options.validation)));
        for (size_t k = 0; k < members.size(); ++k) {
            std::vector<size_t>& part = k < testCount                     ? result.test
                                        : k < testCount + validationCount ? result.validation
                                                                          : result.train;
            part.insert(part.end(), groups[members[k]].begin(), groups[members[k]].end());
        }
    }
    for (auto* part : {&result.train, &result.validation, &result.test})
        std::sort(part->begin(), part->end());
    return result;
}

} // namespace finch::data
