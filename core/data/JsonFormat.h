#pragma once
// JSON Lines and JSON-array datasets.
#include "core/common/Problem.h"
#include "core/data/Dataset.h"

#include <string>
#include <string_view>
#include <vector>

namespace finch::data {

class JsonFormat {
public:
    // Reads JSON Lines. Every line that is not a well-formed UTF-8 JSON object becomes an
    // unreadable row (kept verbatim) plus a problem naming its line and column. Blank
    // lines are skipped. `content` has no byte order mark; line endings may be LF or CRLF.
    // Files of at least twice `chunkBytes` are parsed in parallel, one chunk per core.
    static constexpr size_t kParallelChunkBytes = 4u << 20;
    static void readJsonl(std::string_view content, Dataset& dataset, std::vector<Problem>& problems,
                          size_t chunkBytes = kParallelChunkBytes);

    // Reads a JSON array of objects, one row per element. A broken array structure
    // (no '[', unterminated string, missing ']') throws finch::Error with line and column;
    // a malformed or non-object element becomes an unreadable row plus a problem.
    static void readJsonArray(std::string_view content, Dataset& dataset, std::vector<Problem>& problems);

    static std::string writeJsonl(const Dataset& dataset);
    static std::string writeJsonArray(const Dataset& dataset);
};

} // namespace finch::data
