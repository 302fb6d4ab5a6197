#include "core/data/Batches.h"

#include "core/common/Random.h"

#include <algorithm>

namespace finch::data {

int64_t countedTokens(const EncodedExample& example)
{
    int64_t count = 0;
    for (size_t i = 1; i < example.labels.size(); ++i)
        count += example.labels[i] != kIgnoredLabel;
    return count;
}

std::vector<EncodedExample> pack(const std::vector<EncodedExample>& examples, int maxLength, uint64_t seed)
{
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    SplitMix64(seed ^ 0x5041434BULL).shuffle(order);
    std::vector<EncodedExample> packed(1);
    for (const size_t index : order) {
        const EncodedExample& example = examples[index];
        for (size_t t = 0; t < example.ids.size(); ++t) {
            if (packed.back().ids.size() == static_cast<size_t>(maxLength))
                packed.emplace_back();
            packed.back().ids.push_back(example.ids[t]);
            packed.back().labels.push_back(example.labels[t]);
        }
    }
    if (packed.back().ids.size() < 2)
        packed.pop_back();
    return packed;
}

std::vector<size_t> epochOrder(size_t count, uint64_t seed, int64_t epoch)
{
    std::vector<size_t> order(count);
    for (size_t i = 0; i < count; ++i)
        order[i] = i;
    SplitMix64(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(epoch) + 1).shuffle(order);
    return order;
}

std::vector<std::vector<size_t>> microBatches(const std::vector<size_t>& order, int64_t firstMicroBatch,
                                              int64_t lastMicroBatch, int batchSize)
{
    std::vector<std::vector<size_t>> batches;
    const auto size = static_cast<size_t>(batchSize);
    for (int64_t m = firstMicroBatch; m < lastMicroBatch; ++m) {
        std::vector<size_t>& rows = batches.emplace_back();
        for (size_t i = size_t(m) * size; i < std::min(order.size(), size_t(m + 1) * size); ++i)
            rows.push_back(order[i]);
    }
    return batches;
}

PaddedBatch padBatch(const std::vector<EncodedExample>& examples, const std::vector<size_t>& rows, int padId)
{
    size_t longest = 0;
    for (const size_t row : rows)
        longest = std::max(longest, examples[row].ids.size());
    PaddedBatch batch;
    batch.rows = static_cast<int64_t>(rows.size());
    batch.width = static_cast<int64_t>(longest);
    batch.ids.assign(rows.size() * longest, padId);
    batch.labels.assign(batch.ids.size(), kIgnoredLabel);
    batch.mask.assign(batch.ids.size(), 0);
    for (size_t r = 0; r < rows.size(); ++r) {
        const EncodedExample& example = examples[rows[r]];
        const auto offset = static_cast<long>(r * longest);
        std::copy(example.ids.begin(), example.ids.end(), batch.ids.begin() + offset);
        std::copy(example.labels.begin(), example.labels.end(), batch.labels.begin() + offset);
        std::fill_n(batch.mask.begin() + offset, example.ids.size(), 1);
        batch.padded |= example.ids.size() < longest;
        batch.counted += countedTokens(example);
        batch.tokens += static_cast<int64_t>(example.ids.size());
    }
    return batch;
}

} // namespace finch::data
