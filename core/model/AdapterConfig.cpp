#include "core/model/AdapterConfig.h"

#include "core/common/Error.h"

#include <utility>

namespace finch::model {
namespace {

using Json = nlohmann::ordered_json;

template <typename T>
T field(const Json& config, const char* key, T fallback, const std::string& file, const char* expected)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return fallback;
    bool fits = false;
    if constexpr (std::is_same_v<T, bool>)
        fits = it->is_boolean();
    else if constexpr (std::is_integral_v<T>) // in range too: 2^32 + 1 must not become 1
        fits = it->is_number_unsigned() ? std::in_range<T>(it->template get<uint64_t>())
               : it->is_number_integer() && std::in_range<T>(it->template get<int64_t>());
    else
        fits = it->is_number();
    if (!fits)
        throw Error(file + ": '" + key + "': expected " + expected + ", found " + it->dump());
    return it->get<T>();
}

} // namespace

LoraSettings parseAdapterConfig(const Json& config, const std::string& file)
{
    if (!config.is_object())
        throw Error(file + ": expected a JSON object");
    const auto type = config.find("peft_type");
    if (type == config.end() || !type->is_string() || type->get<std::string>() != "LORA")
        throw Error(file + ": 'peft_type': expected \"LORA\", found " + (type == config.end() ? "nothing" : type->dump()));
    LoraSettings settings;
    settings.rank = field<int>(config, "r", 8, file, "an integer");
    settings.alpha = field<double>(config, "lora_alpha", 8.0, file, "a number");
    settings.dropout = field<double>(config, "lora_dropout", 0.0, file, "a number");
    settings.rsLora = field<bool>(config, "use_rslora", false, file, "true or false");
    const auto targets = config.find("target_modules");
    if (targets == config.end())
        throw Error(file + ": missing 'target_modules'");
    settings.targetModules.clear();
    if (targets->is_string()) {
        settings.targetModules.push_back(targets->get<std::string>());
    } else if (targets->is_array()) {
        for (const Json& target : *targets) {
            if (!target.is_string())
                throw Error(file + ": 'target_modules': expected module names, found " + target.dump());
            settings.targetModules.push_back(target.get<std::string>());
        }
    } else {
        throw Error(file + ": 'target_modules': expected a list of module names, found " + targets->dump());
    }
    if (settings.rank < 1 || settings.rank > 65536)
        throw Error(file + ": 'r' must be between 1 and 65536, found " + std::to_string(settings.rank));
    if (!(settings.dropout >= 0 && settings.dropout < 1))
        throw Error(file + ": 'lora_dropout' must be in [0, 1)");
    if (settings.targetModules.empty())
        throw Error(file + ": 'target_modules' names no module");
    for (const std::string& target : settings.targetModules)
        if (target.find_first_of("*+?[](){}|\\^$") != std::string::npos)
            throw Error(file + ": 'target_modules': '" + target +
                        "' is a pattern; Finch adapts layers named in a list, by name (q_proj) or path "
                        "(model.layers.0.self_attn.q_proj, as PEFT writes them), or \"all-linear\"");

    // What Finch does not apply is refused, never ignored: the adapter would compute
    // something else than it does in PEFT.
    const auto refuseIf = [&](const char* key, bool present, const char* what) {
        if (present)
            throw Error(file + ": '" + key + "' is " + config[key].dump() + ": " + what + " are not supported");
    };
    const auto set = [&](const char* key) {
        const auto it = config.find(key);
        return it != config.end() && !it->is_null() && *it != false && *it != Json::object() && *it != Json::array() &&
               *it != "none";
    };
    refuseIf("use_dora", set("use_dora"), "DoRA adapters");
    refuseIf("lora_bias", set("lora_bias"), "LoRA biases");
    refuseIf("bias", set("bias"), "trained biases");
    refuseIf("fan_in_fan_out", set("fan_in_fan_out"), "transposed (Conv1D) layers");
    refuseIf("rank_pattern", set("rank_pattern"), "per-layer ranks");
    refuseIf("alpha_pattern", set("alpha_pattern"), "per-layer alphas");
    refuseIf("layers_to_transform", set("layers_to_transform"), "adapters on some layers only");
    refuseIf("modules_to_save", set("modules_to_save"), "fully trained extra modules");
    refuseIf("trainable_token_indices", set("trainable_token_indices"), "trained token embeddings");
    return settings;
}

} // namespace finch::model
