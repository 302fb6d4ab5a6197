#include "core/common/JsonFile.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"

namespace finch {

nlohmann::ordered_json readJsonFile(const std::string& path)
{
    try {
        return nlohmann::ordered_json::parse(readWholeFile(path));
    } catch (const nlohmann::json::parse_error& e) {
        throw Error(path + ": not valid JSON: " + e.what());
    }
}

} // namespace finch
