#include "core/data/DatasetStats.h"

#include "core/common/Utf8.h"

#include <algorithm>
#include <unordered_map>

namespace finch::data {

DatasetStats DatasetStats::compute(const Dataset& dataset, const Schema& schema)
{
    DatasetStats stats;
    stats.rows = dataset.rows.size();
    std::unordered_map<std::string, size_t> counts;
    size_t measured = 0;
    double totalLength = 0;
    for (const Row& row : dataset.rows) {
        if (!row.readable) {
            ++stats.unreadableRows;
            continue;
        }
        if (schema.kind == TaskKind::Classification) {
            const auto label = schema.labelOf(row.value);
            if (label && !label->empty())
                ++counts[*label];
            else
                ++stats.unlabelled;
        }
        const size_t length = countCodePoints(schema.inputKey(row.value));
        stats.shortestInput = measured == 0 ? length : std::min(stats.shortestInput, length);
        stats.longestInput = std::max(stats.longestInput, length);
        totalLength += static_cast<double>(length);
        ++measured;
    }
    stats.meanInput = measured ? totalLength / static_cast<double>(measured) : 0;
    for (auto& [label, count] : counts)
        stats.labels.push_back({label, count});
    std::sort(stats.labels.begin(), stats.labels.end(), [](const LabelCount& a, const LabelCount& b) {
        return a.count != b.count ? a.count > b.count : a.label < b.label;
    });
    return stats;
}

} // namespace finch::data
