#pragma once
// A dataset as Finch holds it in memory: one JSON object per row, in file order, with
// every field kept as it was read (unknown fields, nested values, nulls, field order),
// so that load -> save changes nothing Finch was not asked to change.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finch::data {

using Json = nlohmann::ordered_json;

enum class FileFormat { Jsonl, JsonArray, Csv, Tsv };

std::string_view formatName(FileFormat format);
// "jsonl", "json", "csv", "tsv" (case-insensitive); nullopt for anything else.
std::optional<FileFormat> formatFromName(std::string_view name);
// From the file extension (.jsonl/.ndjson, .json, .csv, .tsv/.tab); throws finch::Error.
FileFormat formatFromPath(const std::string& path);

struct Row {
    Json value = Json::object(); // the row's fields; an object whenever `readable`
    long line = 0;               // line where the row starts in its file; 0 for rows made in Finch
    bool readable = true;
    std::string raw;             // source text of an unreadable row, written back unchanged

    static Row unreadable(std::string rawText, long line);
};

// How the file was laid out, so a save writes it back the same way.
struct TextLayout {
    bool byteOrderMark = false;
    bool crlf = false;
};

class Dataset {
public:
    std::vector<Row> rows;
    std::vector<std::string> columns; // every field name seen, in first-seen order (CSV: the header)
    FileFormat format = FileFormat::Jsonl;
    TextLayout layout;
    std::string path;

    // Adds the object's keys that are not yet in `columns`.
    void noteColumns(const Json& object);
    size_t unreadableCount() const;
    // A dataset with the given rows of this one (same columns, format and layout).
    Dataset subset(const std::vector<size_t>& rowIndices) const;
};

} // namespace finch::data
