// libFuzzer target: adapter_config.json of a PEFT LoRA adapter, parsed, and read from a file.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/model/AdapterConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const std::string path = throughFiles(data, size) ? fuzzFile("adapter_config.json", data, size) : "adapter_config.json";
        const auto json = throughFiles(data, size) ? finch::readJsonFile(path)
                                                   : finch::parseJson({reinterpret_cast<const char*>(data), size}, path);
        (void)finch::model::parseAdapterConfig(json, path);
    } catch (const finch::Error&) {
    }
    return 0;
}
