#include "CliOutput.h"

#include "core/common/Error.h"

#include <iostream>

namespace finch::cli {

std::string printable(std::string_view text)
{
    static const char* const hex = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if ((byte < 0x20 && byte != '\n' && byte != '\t') || byte == 0x7f) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 15];
        } else if (byte == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            const auto code = static_cast<unsigned char>(text[++i]); // U+0080..U+009F, the C1 controls
            out += "\\u{";
            out += hex[code >> 4];
            out += hex[code & 15];
            out += '}';
        } else {
            out += static_cast<char>(byte);
        }
    }
    return out;
}

nlohmann::ordered_json problemToJson(const Problem& problem)
{
    nlohmann::ordered_json json;
    json["severity"] = problem.severity == Severity::Error ? "error" : "warning";
    json["code"] = std::string(problemCodeName(problem.code));
    json["file"] = problem.file;
    json["line"] = problem.line;
    json["column"] = problem.column;
    json["row"] = problem.row;
    json["field"] = problem.field;
    json["expected"] = problem.expected;
    json["found"] = problem.found;
    json["detail"] = problem.detail;
    json["message"] = problem.message();
    return json;
}

void printProblems(const std::vector<Problem>& problems, size_t limit)
{
    for (size_t i = 0; i < problems.size() && i < limit; ++i)
        std::cerr << printable(problems[i].message()) << '\n';
    if (problems.size() > limit)
        std::cerr << "... and " << (problems.size() - limit) << " more problems (use --json for all of them)\n";
}

void printJson(const nlohmann::ordered_json& value)
{
    std::cout << value.dump(2) << std::endl;
}

std::vector<std::string> splitList(const std::string& text, char separator)
{
    std::vector<std::string> items;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(separator, start);
        if (end == std::string::npos)
            end = text.size();
        std::string item = text.substr(start, end - start);
        const size_t first = item.find_first_not_of(" \t");
        const size_t last = item.find_last_not_of(" \t");
        if (first != std::string::npos)
            items.push_back(item.substr(first, last - first + 1));
        start = end + 1;
    }
    return items;
}

std::vector<int> parseTokenIds(const std::string& text, const std::string& where, int vocabSize)
{
    const std::string expected = vocabSize > 0 ? "token ids between 0 and " + std::to_string(vocabSize - 1)
                                               : std::string("token ids (non-negative integers)");
    std::vector<int> ids;
    for (const std::string& item : splitList(text, text.find(',') != std::string::npos ? ',' : ' ')) {
        size_t used = 0;
        int id = -1;
        try {
            id = std::stoi(item, &used);
        } catch (const std::exception&) {
        }
        if (used != item.size() || id < 0 || (vocabSize > 0 && id >= vocabSize))
            throw Error(where + ": expected " + expected + ", found '" + item + "'");
        ids.push_back(id);
    }
    return ids;
}

} // namespace finch::cli
