#pragma once
// adapter_config.json of a PEFT LoRA adapter, read into LoraSettings. Torch-free, so it
// is fuzzed on its own.
#include "core/model/LanguageModel.h"

#include <nlohmann/json.hpp>

#include <string>

namespace finch::model {

// Throws finch::Error naming the file and the key: a peft_type other than LORA, a field of
// the wrong type, r below 1, a dropout outside [0, 1), no target modules, and PEFT features
// Finch does not apply (DoRA, biases, per-layer ranks, saved modules…).
LoraSettings parseAdapterConfig(const nlohmann::ordered_json& config, const std::string& file);

} // namespace finch::model
