#include "core/data/JsonFormat.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/common/Parallel.h"
#include "core/common/Utf8.h"

#include <algorithm>
#include <cstring>
#include <thread>

namespace finch::data {
namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1,
// column 7: "; the position is reported separately, so keep only what went wrong.
std::string describeParseError(const nlohmann::json::parse_error& error)
{
    std::string what = error.what();
    const size_t cut = what.find(": ", what.find("column"));
    if (cut != std::string::npos)
        what.erase(0, cut + 2);
    return what;
}

// Column (1-based, in code points) of a byte offset inside a line.
long columnAt(std::string_view line, size_t byteOffset)
{
    byteOffset = std::min(byteOffset, line.size());
    return static_cast<long>(countCodePoints(line.substr(0, byteOffset))) + 1;
}

bool isBlank(std::string_view text)
{
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    });
}

std::string_view typeName(const Json& value)
{
    if (value.is_array())
        return "an array";
    if (value.is_string())
        return "a string";
    if (value.is_boolean())
        return "a boolean";
    if (value.is_null())
        return "null";
    if (value.is_number())
        return "a number";
    return "an object";
}

// Parses one JSON text that must be an object. Returns the row, readable or not, and
// adds a problem when it is not. `line`/`firstColumn` locate the text in its file.
Row parseObject(std::string_view text, long line, const std::string& file,
                std::vector<Problem>& problems, bool utf8Checked)
{
    if (!utf8Checked) {
        const size_t bad = findInvalidUtf8(text);
        if (bad != std::string_view::npos) {
            // Count lines inside a multi-line element up to the bad byte.
            const std::string_view before = text.substr(0, bad);
            const long extraLines = static_cast<long>(std::count(before.begin(), before.end(), '\n'));
            const size_t lineStart = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
            problems.push_back({Severity::Error, ProblemCode::InvalidUtf8, file, line + extraLines,
                                columnAt(text.substr(lineStart), bad - lineStart), -1, "",
                                "UTF-8 text", "an invalid byte sequence", ""});
            return Row::unreadable(std::string(text), line);
        }
    }
    if (const size_t deep = findExcessiveNesting(text); deep != std::string_view::npos) {
        const std::string_view before = text.substr(0, deep);
        const size_t newline = before.rfind('\n');
        const size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
        problems.push_back({Severity::Error, ProblemCode::MalformedJson, file,
                            line + static_cast<long>(std::count(before.begin(), before.end(), '\n')),
                            columnAt(text.substr(lineStart), deep - lineStart), -1, "", "", "",
                            "malformed JSON: nested more than " + std::to_string(kMaxJsonDepth) +
                                " levels deep; Finch reads at most that"});
        return Row::unreadable(std::string(text), line);
    }
    try {
        Row row;
        row.value = Json::parse(text.begin(), text.end());
        row.line = line;
        if (!row.value.is_object()) {
            problems.push_back({Severity::Error, ProblemCode::NotAnObject, file, line, 0, -1, "",
                                "a JSON object", std::string(typeName(row.value)), ""});
            return Row::unreadable(std::string(text), line);
        }
        return row;
    } catch (const nlohmann::json::parse_error& error) {
        // error.byte is 1-based and may point one past the end.
        const size_t offset = error.byte > 0 ? error.byte - 1 : 0;
        const std::string_view before = text.substr(0, std::min(offset, text.size()));
        const long extraLines = static_cast<long>(std::count(before.begin(), before.end(), '\n'));
        const size_t newline = before.rfind('\n');
        const size_t lineStart = newline == std::string_view::npos ? 0 : newline + 1;
        problems.push_back({Severity::Error, ProblemCode::MalformedJson, file, line + extraLines,
                            columnAt(text.substr(lineStart), offset - lineStart), -1, "",
                            "", "", "malformed JSON: " + describeParseError(error)});
        return Row::unreadable(std::string(text), line);
    } catch (const nlohmann::json::exception& error) {
        // Not a syntax error: a number out of range (1e999) and the like. On a worker thread
        // of the parallel reader an escaped exception would end the process.
        problems.push_back({Severity::Error, ProblemCode::MalformedJson, file, line, 0, -1, "", "", "",
                            std::string("malformed JSON: ") + error.what()});
        return Row::unreadable(std::string(text), line);
    }
}

struct ChunkResult {
    std::vector<Row> rows;
    std::vector<Problem> problems;
    long lineCount = 0;
};

// Lines are numbered from 1 inside the chunk; the caller shifts them.
void readJsonlChunk(std::string_view chunk, const std::string& file, bool utf8Checked, ChunkResult& out)
{
    long line = 0;
    size_t position = 0;
    while (position < chunk.size()) {
        const char* newline = static_cast<const char*>(
            std::memchr(chunk.data() + position, '\n', chunk.size() - position));
        const size_t end = newline ? static_cast<size_t>(newline - chunk.data()) : chunk.size();
        std::string_view text = chunk.substr(position, end - position);
        ++line;
        position = end + 1;
        if (!text.empty() && text.back() == '\r')
            text.remove_suffix(1);
        if (isBlank(text))
            continue;
        out.rows.push_back(parseObject(text, line, file, out.problems, utf8Checked));
    }
    out.lineCount = line;
}

void shiftLines(ChunkResult& chunk, long offset)
{
    for (Row& row : chunk.rows)
        row.line += offset;
    for (Problem& problem : chunk.problems)
        problem.line += offset;
}

// Index of each row in `rows`, by the row's line, for the problems of one chunk.
void attachRowIndices(std::vector<Problem>& problems, const std::vector<Row>& rows, size_t firstNewRow)
{
    size_t cursor = firstNewRow;
    for (Problem& problem : problems) {
        while (cursor + 1 < rows.size() && rows[cursor + 1].line <= problem.line)
            ++cursor;
        if (cursor < rows.size())
            problem.row = static_cast<long long>(cursor);
    }
}

void appendNewline(std::string& out, const TextLayout& layout)
{
    out += layout.crlf ? "\r\n" : "\n";
}

} // namespace

void JsonFormat::readJsonl(std::string_view content, Dataset& dataset, std::vector<Problem>& problems,
                           size_t chunkBytes)
{
    const bool utf8Valid = findInvalidUtf8(content) == std::string_view::npos;

    // Big files are parsed in parallel: split at line boundaries, one chunk per core.
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const size_t chunkCount = std::clamp<size_t>(content.size() / std::max<size_t>(1, chunkBytes), 1, cores);
    std::vector<std::string_view> chunks;
    size_t start = 0;
    for (size_t i = 1; i <= chunkCount && start < content.size(); ++i) {
        size_t end = i == chunkCount ? content.size() : content.size() * i / chunkCount;
        if (end < content.size()) {
            const char* newline = static_cast<const char*>(
                std::memchr(content.data() + end, '\n', content.size() - end));
            end = newline ? static_cast<size_t>(newline - content.data()) + 1 : content.size();
        }
        if (end > start)
            chunks.push_back(content.substr(start, end - start));
        start = end;
    }

    std::vector<ChunkResult> results(chunks.size());
    parallelFor(chunks.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i)
            readJsonlChunk(chunks[i], dataset.path, utf8Valid, results[i]);
    }, unsigned(chunks.size()), /*grain=*/1);

    long lineOffset = 0;
    size_t total = dataset.rows.size();
    for (const ChunkResult& result : results)
        total += result.rows.size();
    dataset.rows.reserve(total);
    for (ChunkResult& result : results) {
        // A chunk that ends without a newline is the last one, so counting is exact.
        shiftLines(result, lineOffset);
        lineOffset += result.lineCount;
        const size_t firstNewRow = dataset.rows.size();
        for (Row& row : result.rows) {
            dataset.noteColumns(row.value);
            dataset.rows.push_back(std::move(row));
        }
        attachRowIndices(result.problems, dataset.rows, firstNewRow);
        problems.insert(problems.end(), std::make_move_iterator(result.problems.begin()),
                        std::make_move_iterator(result.problems.end()));
    }
}

void JsonFormat::readJsonArray(std::string_view content, Dataset& dataset, std::vector<Problem>& problems)
{
    const std::string& file = dataset.path;
    long line = 1;
    size_t lineStart = 0;
    size_t i = 0;
    auto advanceTo = [&](size_t target) {
        for (; i < target; ++i)
            if (content[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
    };
    auto column = [&](size_t at) { return columnAt(content.substr(lineStart), at - lineStart); };
    auto skipSpace = [&] {
        size_t j = i;
        while (j < content.size() && (content[j] == ' ' || content[j] == '\t' || content[j] == '\r' || content[j] == '\n'))
            ++j;
        advanceTo(j);
    };
    auto structureError = [&](const std::string& what) {
        return Error(file + ":" + std::to_string(line) + ":" + std::to_string(column(i)) + ": " + what);
    };

    const size_t bad = findInvalidUtf8(content);
    skipSpace();
    if (i >= content.size())
        throw structureError("malformed JSON: the file is empty, expected an array of objects '[...]'");
    if (content[i] != '[')
        throw structureError(std::string("malformed JSON: expected an array of objects '[...]', found '") +
                             content[i] + "'");
    advanceTo(i + 1);
    for (;;) {
        skipSpace();
        if (i >= content.size())
            throw structureError("malformed JSON: the array is not closed, expected ']'");
        if (content[i] == ']')
            break;
        // Find the end of this element: a ',' or ']' at depth 0, outside strings.
        const size_t elementStart = i;
        const long elementLine = line;
        int depth = 0;
        bool inString = false;
        size_t j = i;
        for (; j < content.size(); ++j) {
            const char c = content[j];
            if (inString) {
                if (c == '\\')
                    ++j;
                else if (c == '"')
                    inString = false;
                else if (c == '\n') {
                    advanceTo(j);
                    throw structureError("malformed JSON: a string is not closed before the end of the line");
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    break;
                --depth;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        if (j >= content.size()) {
            advanceTo(content.size());
            throw structureError(inString ? "malformed JSON: a string is not closed at the end of the file"
                                          : "malformed JSON: the array is not closed, expected ']'");
        }
        std::string_view element = content.substr(elementStart, j - elementStart);
        while (!element.empty() && isBlank(element.substr(element.size() - 1)))
            element.remove_suffix(1);
        if (element.empty()) {
            advanceTo(j);
            throw structureError("malformed JSON: expected an array element, found '" + std::string(1, content[j]) + "'");
        }
        const bool elementUtf8Checked = bad == std::string_view::npos || bad >= j || bad < elementStart;
        const size_t before = problems.size();
        Row row = parseObject(element, elementLine, file, problems, elementUtf8Checked);
        for (size_t k = before; k < problems.size(); ++k) {
            problems[k].row = static_cast<long long>(dataset.rows.size());
            if (problems[k].line == elementLine && problems[k].column > 0)
                problems[k].column += column(elementStart) - 1;
        }
        dataset.noteColumns(row.value);
        dataset.rows.push_back(std::move(row));
        advanceTo(j);
        if (content[j] == ']')
            break;
        advanceTo(j + 1); // past ','
    }
    advanceTo(i + 1);
    skipSpace();
    if (i < content.size())
        throw structureError(std::string("malformed JSON: unexpected text after the closing ']': '") +
                             content[i] + "'");
}

std::string JsonFormat::writeJsonl(const Dataset& dataset)
{
    std::string out;
    out.reserve(dataset.rows.size() * 96);
    if (dataset.layout.byteOrderMark)
        out += "\xEF\xBB\xBF";
    for (const Row& row : dataset.rows) {
        out += row.readable ? row.value.dump() : row.raw;
        appendNewline(out, dataset.layout);
    }
    return out;
}

std::string JsonFormat::writeJsonArray(const Dataset& dataset)
{
    std::string out;
    out.reserve(dataset.rows.size() * 100 + 4);
    if (dataset.layout.byteOrderMark)
        out += "\xEF\xBB\xBF";
    out += "[";
    bool first = true;
    for (const Row& row : dataset.rows) {
        out += first ? "" : ",";
        first = false;
        appendNewline(out, dataset.layout);
        out += "  ";
        out += row.readable ? row.value.dump() : row.raw;
    }
    appendNewline(out, dataset.layout);
    out += "]";
    appendNewline(out, dataset.layout);
    return out;
}

} // namespace finch::data
