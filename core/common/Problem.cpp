#include "core/common/Problem.h"

#include <algorithm>

namespace finch {

std::string_view problemCodeName(ProblemCode code)
{
    switch (code) {
    case ProblemCode::InvalidUtf8: return "invalid-utf8";
    case ProblemCode::MalformedJson: return "malformed-json";
    case ProblemCode::NotAnObject: return "not-an-object";
    case ProblemCode::CsvFieldCount: return "csv-field-count";
    case ProblemCode::CsvUnterminatedQuote: return "csv-unterminated-quote";
    case ProblemCode::CsvStrayQuote: return "csv-stray-quote";
    case ProblemCode::DuplicateColumn: return "duplicate-column";
    case ProblemCode::EmptyFile: return "empty-file";
    case ProblemCode::WrongType: return "wrong-type";
    case ProblemCode::MissingField: return "missing-field";
    case ProblemCode::EmptyField: return "empty-field";
    case ProblemCode::UnknownLabel: return "unknown-label";
    case ProblemCode::DuplicateRow: return "duplicate-row";
    case ProblemCode::ConflictingLabels: return "conflicting-labels";
    case ProblemCode::Leakage: return "leakage";
    case ProblemCode::TooManyTokens: return "too-many-tokens";
    case ProblemCode::UnknownKind: return "unknown-kind";
    }
    return "unknown";
}

std::string Problem::message() const
{
    std::string text = file;
    if (line > 0)
        text += ":" + std::to_string(line);
    if (column > 0)
        text += ":" + std::to_string(column);
    text += severity == Severity::Error ? ": error: " : ": warning: ";
    if (!field.empty())
        text += "field '" + field + "': ";
    if (!expected.empty())
        text += "expected " + expected;
    if (!found.empty())
        text += (expected.empty() ? "found " : ", found ") + found;
    if (!detail.empty())
        text += (expected.empty() && found.empty() ? "" : " (") + detail +
                (expected.empty() && found.empty() ? "" : ")");
    return text;
}

bool hasErrors(const std::vector<Problem>& problems)
{
    return std::any_of(problems.begin(), problems.end(),
                       [](const Problem& p) { return p.severity == Severity::Error; });
}

} // namespace finch
