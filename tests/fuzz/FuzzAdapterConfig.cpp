// libFuzzer target: adapter_config.json of a PEFT LoRA adapter.
#include "core/common/Error.h"
#include "core/model/AdapterConfig.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto json = nlohmann::ordered_json::parse(data, data + size, nullptr, false);
    if (json.is_discarded())
        return 0;
    try {
        (void)finch::model::parseAdapterConfig(json, "adapter_config.json");
    } catch (const finch::Error&) {
    }
    return 0;
}
