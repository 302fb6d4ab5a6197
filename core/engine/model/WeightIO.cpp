// Weights of a Hugging Face folder <-> the network's parameters, name for name.
#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/model/Safetensors.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

namespace finch::model {
namespace {

namespace fs = std::filesystem;

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string text = "[";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}


at::ScalarType scalarType(DType dtype)
{
    switch (dtype) {
    case DType::F32: return at::kFloat;
    case DType::F16: return at::kHalf;
    case DType::BF16: return at::kBFloat16;
    default: return at::kFloat;
    }
}

bool ignoredTensor(const std::string& name, const CausalLm& network)
{
    // Older Llama checkpoints store the rotary frequencies; tied checkpoints sometimes keep
    // a copy of the embeddings as lm_head. Both are derived, not learned.
    return name.find("rotary_emb.inv_freq") != std::string::npos ||
           (name == "lm_head.weight" && network->config().tieWordEmbeddings);
}

// Contiguous float32 CPU copies (views when already so), sorted by name.
NamedTensors asFloatCpuSorted(const NamedTensors& tensors)
{
    NamedTensors converted;
    for (const auto& [name, tensor] : tensors)
        converted.emplace_back(name, tensor.detach().to(at::kCPU, at::kFloat).contiguous());
    std::sort(converted.begin(), converted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return converted;
}

TensorToWrite describe(const std::string& name, const at::Tensor& cpuFloat)
{
    return {name, DType::F32, std::vector<int64_t>(cpuFloat.sizes().begin(), cpuFloat.sizes().end()),
            std::string_view(static_cast<const char*>(cpuFloat.data_ptr()), static_cast<size_t>(cpuFloat.nbytes()))};
}

} // namespace

void writeTensorFile(const std::string& path, const NamedTensors& tensors)
{
    const NamedTensors converted = asFloatCpuSorted(tensors);
    std::vector<TensorToWrite> described;
    for (const auto& [name, tensor] : converted)
        described.push_back(describe(name, tensor));
    writeSafetensors(path, described, {{"format", "pt"}});
}

std::map<std::string, at::Tensor> readTensorFile(const std::string& path)
{
    const SafetensorsFile file = SafetensorsFile::open(path);
    std::map<std::string, at::Tensor> tensors;
    for (const TensorInfo& tensor : file.tensors()) {
        if (tensor.dtype != DType::F32 && tensor.dtype != DType::F16 && tensor.dtype != DType::BF16)
            throw Error(path + ": tensor '" + tensor.name + "' is " + std::string(dtypeName(tensor.dtype)) +
                        "; expected F32, F16 or BF16");
        const std::string_view bytes = file.data(tensor);
        tensors[tensor.name] = at::from_blob(const_cast<char*>(bytes.data()), tensor.shape,
                                             at::TensorOptions().dtype(scalarType(tensor.dtype)))
                                   .to(at::kFloat, /*non_blocking=*/false, /*copy=*/true);
    }
    file.checkIntact();
    return tensors;
}

void loadWeights(CausalLm& network, const std::string& folder)
{
    const std::vector<SafetensorsFile> files = openWeightFiles(folder);
    std::map<std::string, std::pair<const SafetensorsFile*, const TensorInfo*>> available;
    for (const SafetensorsFile& file : files)
        for (const TensorInfo& tensor : file.tensors())
            available[tensor.name] = {&file, &tensor};

    at::NoGradGuard noGrad;
    std::vector<std::string> missing;
    for (auto& item : network->named_parameters()) {
        const std::string& name = item.key();
        at::Tensor& parameter = item.value();
        const auto found = available.find(name);
        if (found == available.end()) {
            missing.push_back(name);
            continue;
        }
        const auto& [file, tensor] = found->second;
        const std::vector<int64_t> expected(parameter.sizes().begin(), parameter.sizes().end());
        if (tensor->shape != expected)
            throw Error(file->source() + ": tensor '" + name + "' has shape " + shapeText(tensor->shape) +
                        ", but config.json implies " + shapeText(expected));
        if (tensor->dtype != DType::F32 && tensor->dtype != DType::F16 && tensor->dtype != DType::BF16)
            throw Error(file->source() + ": tensor '" + name + "' is " + std::string(dtypeName(tensor->dtype)) +
                        "; Finch reads F32, F16 and BF16 weights");
        const std::string_view bytes = file->data(*tensor);
        // from_blob does not copy; copy_ converts to the parameter's dtype.
        const at::Tensor source = at::from_blob(const_cast<char*>(bytes.data()), tensor->shape,
                                                at::TensorOptions().dtype(scalarType(tensor->dtype)));
        parameter.copy_(source);
        if (!at::isfinite(parameter).all().item<bool>())
            throw Error(file->source() + ": tensor '" + name + "' contains NaN or infinite values");
        available.erase(found);
    }
    for (const SafetensorsFile& file : files)
        file.checkIntact();
    if (!missing.empty()) {
        std::string list;
        for (size_t i = 0; i < missing.size() && i < 5; ++i)
            list += (i ? ", " : "") + missing[i];
        throw Error(folder + ": the weights lack " + std::to_string(missing.size()) + " tensors that config.json implies (" +
                    list + (missing.size() > 5 ? ", ..." : "") + ")");
    }
    std::vector<std::string> unexpected;
    for (const auto& [name, location] : available)
        if (!ignoredTensor(name, network))
            unexpected.push_back(name);
    if (!unexpected.empty())
        throw Error(folder + ": the weights hold " + std::to_string(unexpected.size()) +
                    " tensors that config.json does not describe (first: " + unexpected.front() +
                    "); is config.json from another model?");
}

void saveWeights(const CausalLm& network, const std::string& folder, uint64_t maxShardBytes)
{
    NamedTensors tensors;
    for (const auto& item : network->named_parameters())
        tensors.emplace_back(item.key(), item.value());
    tensors = asFloatCpuSorted(tensors);

    // Shards fill in name order up to the size limit, as transformers does.
    std::vector<std::vector<TensorToWrite>> shards(1);
    uint64_t shardBytes = 0, totalBytes = 0;
    for (const auto& [name, tensor] : tensors) {
        const uint64_t bytes = static_cast<uint64_t>(tensor.nbytes());
        if (shardBytes > 0 && shardBytes + bytes > maxShardBytes) {
            shards.emplace_back();
            shardBytes = 0;
        }
        shards.back().push_back(describe(name, tensor));
        shardBytes += bytes;
        totalBytes += bytes;
    }

    const fs::path root(folder);
    const std::map<std::string, std::string> metadata{{"format", "pt"}};
    const fs::path index = root / "model.safetensors.index.json";
    if (shards.size() == 1) {
        writeSafetensors((root / "model.safetensors").string(), shards[0], metadata);
        fs::remove(index);
        return;
    }
    nlohmann::ordered_json indexJson;
    indexJson["metadata"] = {{"total_size", totalBytes}};
    indexJson["weight_map"] = nlohmann::ordered_json::object();
    char name[64];
    for (size_t i = 0; i < shards.size(); ++i) {
        std::snprintf(name, sizeof name, "model-%05zu-of-%05zu.safetensors", i + 1, shards.size());
        writeSafetensors((root / name).string(), shards[i], metadata);
        for (const TensorToWrite& tensor : shards[i])
            indexJson["weight_map"][tensor.name] = name;
    }
    writeFileAtomically(index.string(), indexJson.dump(2) + "\n");
    fs::remove(root / "model.safetensors");
}

} // namespace finch::model
