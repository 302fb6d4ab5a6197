#pragma once
// Seeded, stratified train / validation / test splits.
#include "core/data/Dataset.h"
#include "core/data/Schema.h"

#include <cstdint>
#include <vector>

namespace finch::data {

struct SplitOptions {
    double train = 0.8;
    double validation = 0.1;
    double test = 0.1;
    uint64_t seed = 42;
    bool stratify = true; // keep each label's share the same in every part (classification)
};

struct SplitResult {
    std::vector<size_t> train, validation, test; // row indices, each part in file order
};

// Rows with the same input always land in the same part, so duplicates cannot leak from
// train into test. Within each label (or over all rows without stratification) groups are
// shuffled with the seed and cut by the fractions, rounding to the nearest row. The same
// seed and data give the same split on every machine. Throws finch::Error when the
// fractions are negative or do not add up to 1.
SplitResult splitDataset(const Dataset& dataset, const Schema& schema, const SplitOptions& options);

} // namespace finch::data
