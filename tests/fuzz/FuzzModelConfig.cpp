// libFuzzer target: config.json of a Hugging Face model, read from a file as a model
// folder's is.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/model/ModelConfig.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    try {
        const auto config = finch::model::ModelConfig::load(fuzzFile("config.json", data, size));
        (void)config.parameterCount();
        (void)config.toJson().dump();
    } catch (const finch::Error&) {
    }
    return 0;
}
