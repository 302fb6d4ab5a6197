#pragma once
// The one error type that crosses the engine boundary. Its message is meant for the
// person using Finch: which file, line and field, what was expected, what was found.
#include <stdexcept>
#include <string>

namespace finch {

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}

    // "FILE:LINE: PROBLEM" (line omitted when 0).
    static Error at(const std::string& file, long line, const std::string& problem);
};

} // namespace finch
