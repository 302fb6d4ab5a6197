// libFuzzer target: run.json settings (the "config" object of a run folder).
#include "core/common/Error.h"
#include "core/train/RunConfig.h"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const auto json = nlohmann::ordered_json::parse(data, data + size, nullptr, false);
    if (json.is_discarded())
        return 0;
    try {
        const auto config = finch::train::RunConfig::fromJson(json, "run.json");
        (void)finch::train::RunConfig::fromJson(config.toJson(), "round trip");
    } catch (const finch::Error&) {
    }
    return 0;
}
