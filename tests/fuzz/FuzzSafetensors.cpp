// libFuzzer target: the safetensors header and layout checks.
#include "core/common/Error.h"
#include "core/model/Safetensors.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const auto file = finch::model::SafetensorsFile::parse(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
        for (const auto& tensor : file.tensors())
            (void)file.data(tensor);
    } catch (const finch::Error&) {
    }
    return 0;
}
