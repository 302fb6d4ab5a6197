#include "core/common/JsonFile.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"

#include <algorithm>

namespace finch {
namespace {

// 1-based line and column of a byte offset.
std::pair<long, long> lineAndColumn(std::string_view text, size_t offset)
{
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const long line = 1 + static_cast<long>(std::count(before.begin(), before.end(), '\n'));
    const size_t newline = before.rfind('\n');
    const long column = static_cast<long>(offset - (newline == std::string_view::npos ? 0 : newline + 1)) + 1;
    return {line, column};
}

} // namespace

size_t findExcessiveNesting(std::string_view text)
{
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth)
                return i;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return std::string_view::npos;
}

nlohmann::ordered_json parseJson(std::string_view text, const std::string& where)
{
    if (const size_t deep = findExcessiveNesting(text); deep != std::string_view::npos) {
        const auto [line, column] = lineAndColumn(text, deep);
        throw Error(where + ":" + std::to_string(line) + ":" + std::to_string(column) + ": JSON nested more than " +
                    std::to_string(kMaxJsonDepth) + " levels deep; Finch reads at most that");
    }
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        const auto [line, column] = lineAndColumn(text, error.byte > 0 ? error.byte - 1 : 0);
        std::string what = error.what();
        // nlohmann's message repeats the position; keep what went wrong.
        if (const size_t cut = what.find(": ", what.find("column")); cut != std::string::npos)
            what.erase(0, cut + 2);
        throw Error(where + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not valid JSON: " + what);
    } catch (const nlohmann::json::exception& error) {
        // Numbers out of range (1e999) and the like.
        throw Error(where + ": not valid JSON: " + error.what());
    }
}

std::string textField(const nlohmann::ordered_json& object, const char* key, const std::string& where,
                      const std::string& fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_string())
        throw Error(where + ": '" + key + "': expected a text, found " + it->dump());
    return it->get<std::string>();
}

bool flagField(const nlohmann::ordered_json& object, const char* key, const std::string& where, bool fallback)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return fallback;
    if (!it->is_boolean())
        throw Error(where + ": '" + key + "': expected true or false, found " + it->dump());
    return it->get<bool>();
}

nlohmann::ordered_json readJsonFile(const std::string& path)
{
    return parseJson(readWholeFile(path), path);
}

} // namespace finch
