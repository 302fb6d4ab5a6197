#pragma once
// Tokenized examples into training batches: the seeded order of each epoch, packing, and
// right-padding to the longest row. Plain C++: the trainer turns a PaddedBatch into tensors.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace finch::data {

// The id that marks a position the loss ignores (as PyTorch's cross_entropy ignore_index).
constexpr int kIgnoredLabel = -100;

struct EncodedExample {
    std::vector<int> ids;    // BOS, prompt, completion, EOS
    std::vector<int> labels; // the ids where the loss applies, kIgnoredLabel elsewhere
};

// Label tokens that count towards the loss: labels[1:] that are not ignored.
int64_t countedTokens(const EncodedExample& example);

// Packing: the examples, in a seeded order, end to end, cut into full-length sequences.
std::vector<EncodedExample> pack(const std::vector<EncodedExample>& examples, int maxLength, uint64_t seed);

// The order of the examples in epoch `epoch` (0-based), seeded: the same seed and epoch
// give the same order, so a resumed run reads the rows an uninterrupted one reads.
std::vector<size_t> epochOrder(size_t count, uint64_t seed, int64_t epoch);

// Rows [first, last) of the epoch's order in micro-batches of `batchSize`.
std::vector<std::vector<size_t>> microBatches(const std::vector<size_t>& order, int64_t firstMicroBatch,
                                              int64_t lastMicroBatch, int batchSize);

struct PaddedBatch {
    int64_t rows = 0, width = 0;
    std::vector<int64_t> ids, labels, mask; // rows x width, row-major
    bool padded = false;  // some row is shorter than the width (the mask matters)
    int64_t counted = 0;  // tokens in the loss
    int64_t tokens = 0;   // real (not padding) tokens
};

// The rows padded on the right to the longest of them (dynamic padding).
PaddedBatch padBatch(const std::vector<EncodedExample>& examples, const std::vector<size_t>& rows, int padId);

} // namespace finch::data
