#pragma once
#include "core/data/Dataset.h"
#include "core/data/Schema.h"

#include <string>
#include <vector>

namespace finch::data {

struct LabelCount {
    std::string label;
    size_t count = 0;
};

struct DatasetStats {
    size_t rows = 0;
    size_t unreadableRows = 0;
    std::vector<LabelCount> labels; // classification: most frequent first, ties by name
    size_t unlabelled = 0;          // classification rows with no usable label
    // Length of each row's input in characters (code points).
    size_t shortestInput = 0;
    size_t longestInput = 0;
    double meanInput = 0;

    static DatasetStats compute(const Dataset& dataset, const Schema& schema);
};

} // namespace finch::data
