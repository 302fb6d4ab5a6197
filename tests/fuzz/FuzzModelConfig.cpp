// libFuzzer target: config.json of a Hugging Face model.
#include "core/common/Error.h"
#include "core/model/ModelConfig.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto json = nlohmann::ordered_json::parse(data, data + size, nullptr, false);
    if (json.is_discarded())
        return 0;
    try {
        const auto config = finch::model::ModelConfig::fromJson(json, "config.json");
        (void)config.parameterCount();
        (void)config.toJson().dump();
    } catch (const finch::Error&) {
    }
    return 0;
}
