#pragma once
// Loading and saving datasets in the formats Finch speaks: JSON Lines, JSON arrays,
// CSV and TSV, UTF-8 with or without a byte order mark, LF or CRLF line endings.
#include "core/common/Problem.h"
#include "core/data/Dataset.h"

#include <optional>
#include <string>
#include <vector>

namespace finch::data {

struct LoadResult {
    Dataset dataset;
    std::vector<Problem> problems; // what could not be read; the rows concerned are kept verbatim
};

class DatasetFile {
public:
    // Reads a file; the format comes from the extension unless given. Throws finch::Error
    // for I/O errors and for files whose structure cannot be read at all.
    static LoadResult load(const std::string& path, std::optional<FileFormat> format = std::nullopt);

    // The same from text in memory; `path` only names the source in messages.
    static LoadResult parse(std::string_view content, const std::string& path, FileFormat format);

    static std::string serialize(const Dataset& dataset, FileFormat format);

    // Atomic: a crash or a full disk during the save leaves the old file whole. Through a
    // symbolic link, the file it points to is replaced. Refuses (finch::Error) to write rows
    // that could not be read in a format other than the dataset's own: they would be lost.
    static void save(const Dataset& dataset, const std::string& path, std::optional<FileFormat> format = std::nullopt);
};

} // namespace finch::data
