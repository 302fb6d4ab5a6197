#include "core/common/Memory.h"

#include "core/common/Error.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace finch {
namespace {

std::string gibibytes(uint64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / double(1ull << 30));
    return text;
}

} // namespace

uint64_t availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line)) {
        if (line.rfind("MemAvailable:", 0) != 0)
            continue;
        std::istringstream fields(line.substr(13));
        uint64_t kibibytes = 0;
        return fields >> kibibytes ? kibibytes * 1024 : 0;
    }
    return 0;
}

void requireMemory(uint64_t bytes, const std::string& what)
{
    const uint64_t available = availableMemoryBytes();
    if (available > 0 && bytes > available)
        throw Error(what + " needs " + gibibytes(bytes) + "; this machine has " + gibibytes(available) + " available");
}

} // namespace finch
