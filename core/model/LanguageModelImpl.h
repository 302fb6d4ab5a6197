#pragma once
// Engine-internal: what a LanguageModel holds, for the trainer and the generator.
#include "core/model/LanguageModel.h"
#include "core/model/LlamaModel.h"

#include <map>
#include <optional>

namespace finch::model {

struct LanguageModel::Impl {
    CausalLm network{nullptr};
    torch::Device device{torch::kCPU};
    std::unique_ptr<text::Tokenizer> tokenizer;
    std::string tokenizerModel;  // SentencePiece .model bytes, written back on save
    std::string sourceFolder;    // where extra tokenizer files are copied from on save
    std::optional<LoraSettings> lora;

    // (1, T) long tensor on the model's device; throws finch::Error for ids outside the vocabulary.
    at::Tensor idsTensor(const std::vector<int>& ids) const;
};

// Reads the weights of a Hugging Face folder into the network (internal to loading).
void loadWeights(CausalLm& network, const std::string& folder);
void saveWeights(const CausalLm& network, const std::string& folder, uint64_t maxShardBytes);

// Named tensors in a safetensors file of their own (adapters, checkpoints): written as
// float32, sorted by name, atomically; read back as float32 CPU copies. Throws finch::Error.
using NamedTensors = std::vector<std::pair<std::string, at::Tensor>>;
void writeTensorFile(const std::string& path, const NamedTensors& tensors);
std::map<std::string, at::Tensor> readTensorFile(const std::string& path);

} // namespace finch::model
