// LoRA adapters on a LanguageModel, saved and loaded in PEFT's layout:
// adapter_config.json and adapter_model.safetensors with names like
// base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight ([r, in]) and lora_B ([out, r]).
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/model/AdapterConfig.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/model/Safetensors.h"

#include <filesystem>
#include <set>

namespace finch::model {
namespace {

namespace fs = std::filesystem;
constexpr const char* kPrefix = "base_model.model.";

} // namespace

void TorchLanguageModel::addLora(const LoraSettings& settings, uint64_t seed)
{
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (auto& parameter : network_->parameters())
        parameter.set_requires_grad(false);
    // Every target must exist (Phi-3 has qkv_proj where Llama has q_proj, k_proj and v_proj):
    // a silently skipped target would train something else.
    std::set<std::string> present;
    for (const auto& [name, layer] : network_->projections(toStrings(kLoraTargetModules)))
        present.insert(name.substr(name.rfind('.') + 1));
    std::vector<std::string> targets = settings.targetModules;
    if (targets == std::vector<std::string>{std::string(kAllLinearTargets)})
        targets.assign(present.begin(), present.end());
    for (const std::string& target : targets)
        if (network_->projections({target}).empty()) {
            std::string have;
            for (const std::string& name : present)
                have += (have.empty() ? "" : ", ") + name;
            throw Error("LoRA: this model has no " + target + " layers to adapt" +
                        (network_->config().fusedProjections ? " (it fuses q, k and v into qkv_proj, and gate and up into gate_up_proj)" : "") +
                        "; it has " + have);
        }
    const auto layers = network_->projections(targets);
    for (auto [name, layer] : layers)
        layer->addLora(settings.rank, settings.alpha, settings.dropout, settings.rsLora, generator);
    network_->to(device_);
    // The module names, as PEFT writes them once injected: PEFT reads a list holding
    // "all-linear" as a module of that name.
    lora_ = settings;
    lora_->targetModules = targets;
}

void TorchLanguageModel::saveAdapter(const std::string& folder, const std::string& baseModel) const
{
    if (!lora_)
        throw Error("this model has no LoRA adapter to save");
    fs::create_directories(folder);
    const LoraSettings& lora = *lora_;
    nlohmann::ordered_json config{{"peft_type", "LORA"},
                                  {"task_type", "CAUSAL_LM"},
                                  {"base_model_name_or_path", baseModel},
                                  {"r", lora.rank},
                                  {"lora_alpha", lora.alpha},
                                  {"lora_dropout", lora.dropout},
                                  {"target_modules", lora.targetModules},
                                  {"bias", "none"},
                                  {"use_rslora", lora.rsLora},
                                  {"fan_in_fan_out", false},
                                  {"inference_mode", true}};
    writeFileAtomically((fs::path(folder) / "adapter_config.json").string(), config.dump(2) + "\n");

    NamedTensors tensors;
    for (const auto& item : network_->named_parameters())
        if (item.key().find(".lora_") != std::string::npos)
            tensors.emplace_back(kPrefix + item.key(), item.value());
    writeTensorFile((fs::path(folder) / "adapter_model.safetensors").string(), tensors);
}

void TorchLanguageModel::loadAdapter(const std::string& folder)
{
    const std::string configPath = (fs::path(folder) / "adapter_config.json").string();
    const std::string weightsPath = (fs::path(folder) / "adapter_model.safetensors").string();
    if (!fs::exists(configPath))
        throw Error(folder + ": no adapter_config.json; expected a PEFT LoRA adapter folder");
    if (!fs::exists(weightsPath))
        throw Error(folder + ": no adapter_model.safetensors" +
                    (fs::exists(fs::path(folder) / "adapter_model.bin")
                         ? std::string(" (only adapter_model.bin, a pickle Finch does not load: unpickling can run code)")
                         : std::string()));
    const LoraSettings settings = parseAdapterConfig(readJsonFile(configPath), configPath);
    addLora(settings, 0);

    const SafetensorsFile file = SafetensorsFile::open(weightsPath);
    at::NoGradGuard noGrad;
    std::set<std::string> used;
    for (auto& item : network_->named_parameters()) {
        if (item.key().find(".lora_") == std::string::npos)
            continue;
        // PEFT names the default adapter in memory (lora_A.default.weight) but not on disk.
        const TensorInfo* tensor = file.find(kPrefix + item.key());
        if (!tensor)
            throw Error(weightsPath + ": missing '" + kPrefix + item.key() + "' (r=" + std::to_string(settings.rank) +
                        ", targets from adapter_config.json)");
        const std::vector<int64_t> expected(item.value().sizes().begin(), item.value().sizes().end());
        const bool floating = tensor->dtype == DType::F32 || tensor->dtype == DType::F16 || tensor->dtype == DType::BF16;
        const auto shapeText = [](const std::vector<int64_t>& shape) {
            std::string text;
            for (int64_t size : shape)
                text += (text.empty() ? "[" : ", ") + std::to_string(size);
            return text + "]";
        };
        if (tensor->shape != expected)
            throw Error(weightsPath + ": tensor '" + tensor->name + "' has shape " + shapeText(tensor->shape) + ", this model with r=" +
                        std::to_string(settings.rank) + " (adapter_config.json) needs " + shapeText(expected) +
                        ": an adapter for another model, or a config that does not match its weights");
        if (!floating)
            throw Error(weightsPath + ": tensor '" + tensor->name + "' is not floating point (F32, F16 or BF16)");
        const auto dtype = tensor->dtype == DType::F32 ? at::kFloat : tensor->dtype == DType::F16 ? at::kHalf : at::kBFloat16;
        const std::string_view bytes = file.data(*tensor);
        item.value().copy_(at::from_blob(const_cast<char*>(bytes.data()), tensor->shape, at::TensorOptions().dtype(dtype)));
        used.insert(tensor->name);
    }
    file.checkIntact();
    for (const TensorInfo& tensor : file.tensors())
        if (!used.count(tensor.name))
            throw Error(weightsPath + ": tensor '" + tensor.name + "' matches no layer of this model");
    network_->eval();
}

void TorchLanguageModel::mergeLora()
{
    for (auto [name, layer] : network_->projections(toStrings(kLoraTargetModules)))
        layer->mergeLora();
    for (auto& parameter : network_->parameters())
        parameter.set_requires_grad(true);
    lora_.reset();
}

} // namespace finch::model
