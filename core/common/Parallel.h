#pragma once
// Splits [0, count) into one contiguous range per thread and runs `work` on each, the first
// range on the calling thread. An exception from any range is rethrown here once all have
// ended (an exception escaping a thread would end the process).
#include <cstddef>
#include <functional>

namespace finch {

// threads 0: one per core. Each range holds at least `grain` items (below that a thread
// costs more than it saves), so small counts run on the calling thread alone.
void parallelFor(size_t count, const std::function<void(size_t begin, size_t end)>& work, unsigned threads = 0,
                 size_t grain = 256);

} // namespace finch
