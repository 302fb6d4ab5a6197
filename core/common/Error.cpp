#include "core/common/Error.h"

namespace finch {

Error Error::at(const std::string& file, long line, const std::string& problem)
{
    std::string message = file;
    if (line > 0)
        message += ":" + std::to_string(line);
    message += ": " + problem;
    return Error(message);
}

} // namespace finch
