// libFuzzer target: dataset files in every format (one input in eight read from a file, as
// the studio and the CLI read them), then kind detection and validation; and JSON Lines
// through the parallel reader, cut into small chunks so that its worker threads run.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/JsonFormat.h"
#include "core/data/Schema.h"
#include "core/data/Validator.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    const bool files = throughFiles(data, size);
    const std::string path = files ? fuzzFile("dataset", data, size) : "fuzz";
    using finch::data::FileFormat;
    for (const FileFormat format : {FileFormat::Jsonl, FileFormat::JsonArray, FileFormat::Csv, FileFormat::Tsv}) {
        try {
            auto loaded = files ? finch::data::DatasetFile::load(path, format)
                                : finch::data::DatasetFile::parse(content, path, format);
            const auto schema = finch::data::Schema::detect(loaded.dataset);
            (void)finch::data::validateDataset(loaded.dataset, schema);
            (void)finch::data::DatasetFile::serialize(loaded.dataset, format);
        } catch (const finch::Error&) {
        }
    }
    if (files) { // worker threads are costly to start: as often as the files
        finch::data::Dataset dataset;
        std::vector<finch::Problem> problems;
        finch::data::JsonFormat::readJsonl(content, dataset, problems, /*chunkBytes=*/64);
    }
    return 0;
}
