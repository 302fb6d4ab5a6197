// libFuzzer target: dataset files in every format, then kind detection and validation.
#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/Schema.h"
#include "core/data/Validator.h"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string_view content(reinterpret_cast<const char*>(data), size);
    using finch::data::FileFormat;
    for (const FileFormat format : {FileFormat::Jsonl, FileFormat::JsonArray, FileFormat::Csv, FileFormat::Tsv}) {
        try {
            auto loaded = finch::data::DatasetFile::parse(content, "fuzz", format);
            const auto schema = finch::data::Schema::detect(loaded.dataset);
            (void)finch::data::validateDataset(loaded.dataset, schema);
            (void)finch::data::DatasetFile::serialize(loaded.dataset, format);
        } catch (const finch::Error&) {
        }
    }
    return 0;
}
