#pragma once
// JSON from outside: every failure of the parser (syntax, numbers out of range such as
// 1e999, nesting too deep to handle) becomes a finch::Error naming the source and the place.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace finch {

// The deepest nesting Finch accepts. nlohmann's parser and dump() recurse once per level,
// so a text nested a few hundred thousand levels deep would overflow the stack; no file
// Finch reads needs more than a handful of levels.
constexpr int kMaxJsonDepth = 256;

// The byte offset at which `text` nests deeper than kMaxJsonDepth, or npos. Strings are
// skipped, so brackets inside them do not count. Linear, no allocation.
size_t findExcessiveNesting(std::string_view text);

// Parses one JSON text; throws finch::Error "WHERE:LINE:COLUMN: …" on any problem.
nlohmann::ordered_json parseJson(std::string_view text, const std::string& where);

// Optional fields of outside JSON objects: the fallback when absent or null; a finch::Error
// naming `where`, the key, what was expected and what was found when of another type.
std::string textField(const nlohmann::ordered_json& object, const char* key, const std::string& where,
                      const std::string& fallback = {});
bool flagField(const nlohmann::ordered_json& object, const char* key, const std::string& where, bool fallback = false);

// Reads and parses a JSON file (a regular file, of a sane size: FileIO's readWholeFile).
nlohmann::ordered_json readJsonFile(const std::string& path);

} // namespace finch
