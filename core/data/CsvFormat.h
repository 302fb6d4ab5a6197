#pragma once
// CSV (RFC 4180) and TSV datasets with a header row. Every cell is read as a string.
#include "core/common/Problem.h"
#include "core/data/Dataset.h"

#include <string>
#include <string_view>
#include <vector>

namespace finch::data {

class CsvFormat {
public:
    // Quoted fields may hold the delimiter, doubled quotes and line breaks. A record with
    // the wrong number of fields, or text after a closing quote, becomes an unreadable row
    // (kept verbatim) plus a problem with line and column. A missing header, a duplicate
    // column name or a quote left open at the end of the file throws finch::Error.
    static void read(std::string_view content, char delimiter, Dataset& dataset, std::vector<Problem>& problems);

    // Writes the header (the dataset's columns plus any field the rows gained) and one
    // record per row. Strings are written as they are; other values as JSON text.
    static std::string write(const Dataset& dataset, char delimiter);
};

} // namespace finch::data
