#include "core/common/Parallel.h"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace finch {

void parallelFor(size_t count, const std::function<void(size_t begin, size_t end)>& work, unsigned threads,
                 size_t grain)
{
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    const size_t ranges = std::max<size_t>(1, std::min<size_t>(threads, count / std::max<size_t>(1, grain)));
    std::vector<std::exception_ptr> failures(ranges);
    auto run = [&](size_t range) {
        try {
            work(count * range / ranges, count * (range + 1) / ranges);
        } catch (...) {
            failures[range] = std::current_exception();
        }
    };
    std::vector<std::thread> workers;
    for (size_t range = 1; range < ranges; ++range)
        workers.emplace_back(run, range);
    run(0);
    for (std::thread& worker : workers)
        worker.join();
    for (const std::exception_ptr& failure : failures)
        if (failure)
            std::rethrow_exception(failure);
}

} // namespace finch
