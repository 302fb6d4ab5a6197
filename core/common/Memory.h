#pragma once
// How much memory the system can give now, to refuse work that cannot fit before anything
// is allocated (an allocation that fails half way through a model can take the machine down
// with it, or end the process without a message).
#include <cstdint>
#include <string>

namespace finch {

// MemAvailable from /proc/meminfo, in bytes; 0 when it cannot be read.
uint64_t availableMemoryBytes();

// Throws finch::Error when `bytes` is more than the available memory: "WHAT needs N GiB;
// this machine has M GiB available". Does nothing when the available memory is unknown.
void requireMemory(uint64_t bytes, const std::string& what);

} // namespace finch
