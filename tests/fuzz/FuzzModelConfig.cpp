// libFuzzer target: config.json of a Hugging Face model, parsed, and read from a file as a
// model folder's is.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/model/ModelConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const auto config = throughFiles(data, size)
                                ? finch::model::ModelConfig::load(fuzzFile("config.json", data, size))
                                : finch::model::ModelConfig::fromJson(
                                      finch::parseJson({reinterpret_cast<const char*>(data), size}, "config.json"),
                                      "config.json");
        (void)config.parameterCount();
        (void)config.toJson().dump();
    } catch (const finch::Error&) {
    }
    return 0;
}
