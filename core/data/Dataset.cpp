#include "core/data/Dataset.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace finch::data {

std::string_view formatName(FileFormat format)
{
    switch (format) {
    case FileFormat::Jsonl: return "jsonl";
    case FileFormat::JsonArray: return "json";
    case FileFormat::Csv: return "csv";
    case FileFormat::Tsv: return "tsv";
    }
    return "jsonl";
}

std::optional<FileFormat> formatFromName(std::string_view name)
{
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "jsonl" || lower == "ndjson")
        return FileFormat::Jsonl;
    if (lower == "json")
        return FileFormat::JsonArray;
    if (lower == "csv")
        return FileFormat::Csv;
    if (lower == "tsv" || lower == "tab")
        return FileFormat::Tsv;
    return std::nullopt;
}

FileFormat formatFromPath(const std::string& path)
{
    std::string extension = std::filesystem::path(path).extension().string();
    if (!extension.empty())
        extension.erase(0, 1);
    if (auto format = formatFromName(extension))
        return *format;
    throw Error("cannot tell the format of " + path +
                ": expected the extension .jsonl, .json, .csv or .tsv, found '" +
                (extension.empty() ? std::string("no extension") : "." + extension) +
                "'; name the format explicitly");
}

Row Row::unreadable(std::string rawText, long line)
{
    Row row;
    row.value = Json();
    row.line = line;
    row.readable = false;
    row.raw = std::move(rawText);
    return row;
}

void Dataset::noteColumns(const Json& object)
{
    if (!object.is_object())
        return;
    for (auto it = object.begin(); it != object.end(); ++it)
        if (std::find(columns.begin(), columns.end(), it.key()) == columns.end())
            columns.push_back(it.key());
}

size_t Dataset::unreadableCount() const
{
    return static_cast<size_t>(
        std::count_if(rows.begin(), rows.end(), [](const Row& row) { return !row.readable; }));
}

Dataset Dataset::subset(const std::vector<size_t>& rowIndices) const
{
    Dataset part;
    part.columns = columns;
    part.format = format;
    part.layout = layout;
    part.rows.reserve(rowIndices.size());
    for (const size_t index : rowIndices)
        part.rows.push_back(rows.at(index));
    return part;
}

} // namespace finch::data
