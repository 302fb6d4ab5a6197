#include "core/data/CsvFormat.h"

#include "core/common/Error.h"
#include "core/common/Utf8.h"

#include <algorithm>
#include <optional>

namespace finch::data {
namespace {

struct Record {
    std::vector<std::string> fields;
    long line = 0;           // line where the record starts
    std::string_view source; // the record's text, without its line break
    bool malformed = false;
    std::optional<Problem> problem;
};

// Splits the content into records with a small state machine that follows RFC 4180.
class RecordScanner {
public:
    RecordScanner(std::string_view content, char delimiter, const std::string& file)
        : content_(content), delimiter_(delimiter), file_(file) {}

    bool next(Record& record)
    {
        // Skip empty lines between records.
        while (pos_ < content_.size() && (content_[pos_] == '\n' || content_[pos_] == '\r')) {
            if (content_[pos_] == '\n')
                newLine(pos_ + 1);
            ++pos_;
        }
        if (pos_ >= content_.size())
            return false;
        record = Record();
        record.line = line_;
        const size_t start = pos_;
        std::string field;
        for (;;) {
            field.clear();
            const size_t fieldStart = pos_;
            if (pos_ < content_.size() && content_[pos_] == '"') {
                readQuoted(field, record);
            } else {
                while (pos_ < content_.size() && content_[pos_] != delimiter_ && content_[pos_] != '\n' &&
                       content_[pos_] != '\r') {
                    if (content_[pos_] == '"' && !record.malformed)
                        fail(record, ProblemCode::CsvStrayQuote, pos_, Severity::Warning,
                             "a quote inside an unquoted field (kept as a literal quote; quote the whole field "
                             "and double the quote)");
                    ++pos_;
                }
                field.assign(content_.substr(fieldStart, pos_ - fieldStart));
            }
            record.fields.push_back(field);
            if (pos_ < content_.size() && content_[pos_] == delimiter_) {
                ++pos_;
                continue;
            }
            break;
        }
        record.source = content_.substr(start, pos_ - start);
        if (pos_ < content_.size() && content_[pos_] == '\r')
            ++pos_;
        if (pos_ < content_.size() && content_[pos_] == '\n') {
            ++pos_;
            newLine(pos_);
        }
        return true;
    }

    long columnOf(size_t at) const
    {
        return static_cast<long>(countCodePoints(content_.substr(lineStart_, at - lineStart_))) + 1;
    }

private:
    void newLine(size_t nextLineStart)
    {
        ++line_;
        lineStart_ = nextLineStart;
    }

    void fail(Record& record, ProblemCode code, size_t at, Severity severity, const std::string& detail)
    {
        if (severity == Severity::Error)
            record.malformed = true;
        record.problem = Problem{severity, code, file_, line_, columnOf(at), -1, "", "", "", detail};
    }

    void readQuoted(std::string& field, Record& record)
    {
        const size_t openQuote = pos_;
        const long openLine = line_;
        const long openColumn = columnOf(openQuote);
        ++pos_;
        for (;;) {
            if (pos_ >= content_.size())
                throw Error(file_ + ":" + std::to_string(openLine) + ":" + std::to_string(openColumn) +
                            ": the quoted field opened here is never closed (expected a closing '\"' "
                            "before the end of the file)");
            const char c = content_[pos_];
            if (c == '"') {
                if (pos_ + 1 < content_.size() && content_[pos_ + 1] == '"') {
                    field += '"';
                    pos_ += 2;
                    continue;
                }
                ++pos_;
                break;
            }
            if (c == '\n')
                newLine(pos_ + 1);
            field += c;
            ++pos_;
        }
        if (pos_ < content_.size() && content_[pos_] != delimiter_ && content_[pos_] != '\n' &&
            content_[pos_] != '\r') {
            fail(record, ProblemCode::CsvStrayQuote, pos_, Severity::Error,
                 std::string("text after a closing quote: expected '") + (delimiter_ == '\t' ? "\\t" : ",") +
                     "' or the end of the line");
            while (pos_ < content_.size() && content_[pos_] != delimiter_ && content_[pos_] != '\n' &&
                   content_[pos_] != '\r')
                ++pos_;
        }
    }

    std::string_view content_;
    char delimiter_;
    const std::string& file_;
    size_t pos_ = 0;
    long line_ = 1;
    size_t lineStart_ = 0;
};

bool needsQuotes(std::string_view text, char delimiter)
{
    return text.find_first_of(std::string{delimiter, '"', '\n', '\r'}) != std::string_view::npos;
}

void appendCell(std::string& out, std::string_view text, char delimiter)
{
    if (!needsQuotes(text, delimiter)) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

std::string cellText(const Json& value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    return value.dump();
}

} // namespace

void CsvFormat::read(std::string_view content, char delimiter, Dataset& dataset, std::vector<Problem>& problems)
{
    const std::string& file = dataset.path;
    const size_t bad = findInvalidUtf8(content);
    if (bad != std::string_view::npos) {
        // CSV records may span lines, so an invalid byte spoils the whole file: report where.
        const std::string_view before = content.substr(0, bad);
        const long line = static_cast<long>(std::count(before.begin(), before.end(), '\n')) + 1;
        const size_t lineStart = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
        throw Error(file + ":" + std::to_string(line) + ":" +
                    std::to_string(countCodePoints(before.substr(lineStart)) + 1) +
                    ": invalid UTF-8: expected UTF-8 text, found an invalid byte sequence (save the file as UTF-8)");
    }

    RecordScanner scanner(content, delimiter, file);
    Record header;
    if (!scanner.next(header))
        throw Error(file + ": the file is empty: expected a header row naming the columns");
    if (header.malformed)
        throw Error(header.problem->message());
    for (size_t i = 0; i < header.fields.size(); ++i) {
        const std::string& name = header.fields[i];
        if (std::find(header.fields.begin(), header.fields.begin() + static_cast<long>(i), name) !=
            header.fields.begin() + static_cast<long>(i))
            throw Error(file + ":" + std::to_string(header.line) + ": duplicate column name '" + name +
                        "' in the header (column " + std::to_string(i + 1) + "): expected unique names");
    }
    dataset.columns = header.fields;

    Record record;
    while (scanner.next(record)) {
        const long long rowIndex = static_cast<long long>(dataset.rows.size());
        if (record.problem) {
            record.problem->row = rowIndex;
            problems.push_back(*record.problem);
        }
        if (record.malformed) {
            dataset.rows.push_back(Row::unreadable(std::string(record.source), record.line));
            continue;
        }
        if (record.fields.size() != header.fields.size()) {
            problems.push_back({Severity::Error, ProblemCode::CsvFieldCount, file, record.line, 0, rowIndex, "",
                                std::to_string(header.fields.size()) + " fields (as in the header)",
                                std::to_string(record.fields.size()) + " fields", ""});
            dataset.rows.push_back(Row::unreadable(std::string(record.source), record.line));
            continue;
        }
        Row row;
        row.line = record.line;
        for (size_t i = 0; i < record.fields.size(); ++i)
            row.value[header.fields[i]] = std::move(record.fields[i]);
        dataset.rows.push_back(std::move(row));
    }
}

std::string CsvFormat::write(const Dataset& dataset, char delimiter)
{
    std::vector<std::string> columns = dataset.columns;
    for (const Row& row : dataset.rows)
        if (row.readable)
            for (auto it = row.value.begin(); it != row.value.end(); ++it)
                if (std::find(columns.begin(), columns.end(), it.key()) == columns.end())
                    columns.push_back(it.key());

    const char* newline = dataset.layout.crlf ? "\r\n" : "\n";
    std::string out;
    out.reserve(dataset.rows.size() * 96);
    if (dataset.layout.byteOrderMark)
        out += "\xEF\xBB\xBF";
    for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0)
            out += delimiter;
        appendCell(out, columns[i], delimiter);
    }
    out += newline;
    for (const Row& row : dataset.rows) {
        if (!row.readable) {
            out += row.raw;
            out += newline;
            continue;
        }
        for (size_t i = 0; i < columns.size(); ++i) {
            if (i > 0)
                out += delimiter;
            const auto it = row.value.find(columns[i]);
            if (it != row.value.end())
                appendCell(out, cellText(*it), delimiter);
        }
        out += newline;
    }
    return out;
}

} // namespace finch::data
