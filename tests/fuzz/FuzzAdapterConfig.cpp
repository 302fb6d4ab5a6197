// libFuzzer target: adapter_config.json of a PEFT LoRA adapter, read from a file.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/model/AdapterConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const std::string path = fuzzFile("adapter_config.json", data, size);
        (void)finch::model::parseAdapterConfig(finch::readJsonFile(path), path);
    } catch (const finch::Error&) {
    }
    return 0;
}
