#pragma once
// Reads a JSON file; a syntax error becomes a finch::Error naming the file and the place.
#include <nlohmann/json.hpp>

#include <string>

namespace finch {

nlohmann::ordered_json readJsonFile(const std::string& path);

} // namespace finch
