#pragma once
// Dataset validation: every problem in one report, each with file, line, field, what was
// expected and what was found.
#include "core/common/Problem.h"
#include "core/data/Dataset.h"
#include "core/data/Schema.h"

#include <string>
#include <vector>

namespace finch::text {
class Tokenizer;
}

namespace finch::data {

struct ValidationOptions {
    std::vector<std::string> labels;               // allowed labels; empty accepts any
    const text::Tokenizer* tokenizer = nullptr;    // with maxTokens: flag rows that are too long
    size_t maxTokens = 0;
    const Dataset* heldOut = nullptr;              // a test set: flag rows that appear in both
    const Schema* heldOutSchema = nullptr;         // the held-out set's schema (defaults to ours)
    bool checkDuplicates = true;
};

// Checks each readable row against the schema (missing, empty or mistyped fields,
// unknown labels, chat message structure), then duplicates, leakage and token length.
// Problems come in row order, duplicates and leakage after the per-row checks.
std::vector<Problem> validateDataset(const Dataset& dataset, const Schema& schema,
                                     const ValidationOptions& options = {});

} // namespace finch::data
