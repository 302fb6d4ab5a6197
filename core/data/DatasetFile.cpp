#include "core/data/DatasetFile.h"

#include "core/common/Error.h"

#include "core/common/FileIO.h"
#include "core/data/CsvFormat.h"
#include "core/data/JsonFormat.h"

#include <cstring>

namespace finch::data {

LoadResult DatasetFile::load(const std::string& path, std::optional<FileFormat> format)
{
    const FileFormat resolved = format ? *format : formatFromPath(path);
    const MappedFile file(path);
    LoadResult result = parse(file.content(), path, resolved);
    file.checkIntact();
    return result;
}

LoadResult DatasetFile::parse(std::string_view content, const std::string& path, FileFormat format)
{
    LoadResult result;
    Dataset& dataset = result.dataset;
    dataset.path = path;
    dataset.format = format;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") {
        dataset.layout.byteOrderMark = true;
        content.remove_prefix(3);
    }
    // An empty file maps to no memory at all: memchr must not see its null pointer.
    if (const void* newline = content.empty() ? nullptr : std::memchr(content.data(), '\n', content.size()))
        dataset.layout.crlf = newline != content.data() && static_cast<const char*>(newline)[-1] == '\r';

    switch (format) {
    case FileFormat::Jsonl:
        JsonFormat::readJsonl(content, dataset, result.problems);
        break;
    case FileFormat::JsonArray:
        JsonFormat::readJsonArray(content, dataset, result.problems);
        break;
    case FileFormat::Csv:
        CsvFormat::read(content, ',', dataset, result.problems);
        break;
    case FileFormat::Tsv:
        CsvFormat::read(content, '\t', dataset, result.problems);
        break;
    }
    return result;
}

std::string DatasetFile::serialize(const Dataset& dataset, FileFormat format)
{
    switch (format) {
    case FileFormat::Jsonl: return JsonFormat::writeJsonl(dataset);
    case FileFormat::JsonArray: return JsonFormat::writeJsonArray(dataset);
    case FileFormat::Csv: return CsvFormat::write(dataset, ',');
    case FileFormat::Tsv: return CsvFormat::write(dataset, '\t');
    }
    return {};
}

void DatasetFile::save(const Dataset& dataset, const std::string& path, std::optional<FileFormat> format)
{
    const FileFormat resolved = format ? *format : formatFromPath(path);
    // Unreadable rows are kept verbatim, which only their own format can hold: written in
    // another they would be lost.
    if (resolved != dataset.format && dataset.unreadableCount() > 0)
        throw finch::Error(path + ": " + std::to_string(dataset.unreadableCount()) + " rows of " + dataset.path +
                    " could not be read, so they cannot be written as " + std::string(formatName(resolved)) +
                    ": fix them first, or keep the " + std::string(formatName(dataset.format)) + " format");
    writeFileAtomically(path, serialize(dataset, resolved), LinkAtPath::ThroughLinks); // the person's link stays
}

} // namespace finch::data
