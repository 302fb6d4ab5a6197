#pragma once
// One problem found in outside data. Problems are collected, never thrown one at a time,
// so that a report lists everything wrong with a file at once.
#include <string>
#include <string_view>
#include <vector>

namespace finch {

enum class Severity { Error, Warning };

// Stable codes: the CLI prints them in --json output and the studio translates them.
enum class ProblemCode {
    InvalidUtf8,
    MalformedJson,
    NotAnObject,
    CsvFieldCount,
    CsvUnterminatedQuote,
    CsvStrayQuote,
    DuplicateColumn,
    EmptyFile,
    WrongType,
    MissingField,
    EmptyField,
    UnknownLabel,
    DuplicateRow,
    ConflictingLabels,
    Leakage,
    TooManyTokens,
    UnknownKind,
};

std::string_view problemCodeName(ProblemCode code);

struct Problem {
    Severity severity = Severity::Error;
    ProblemCode code = ProblemCode::MalformedJson;
    std::string file;
    long line = 0;    // 1-based; 0 when the problem is not tied to a line
    long column = 0;  // 1-based; 0 when unknown
    long long row = -1; // index into the dataset's rows; -1 when not tied to a row
    std::string field;
    std::string expected;
    std::string found;
    std::string detail; // free text that adds to expected/found, e.g. "first seen on line 4"

    // "file:line:column: error: field 'label': expected ..., found ..."
    std::string message() const;
};

bool hasErrors(const std::vector<Problem>& problems);

} // namespace finch
