#pragma once
// Engine-internal: the LanguageModel the engine hands out, a torch network with its device,
// tokenizer and adapters. The trainer reaches the network through it.
#include "core/model/LanguageModel.h"
#include "core/engine/model/LlamaModel.h"

#include <map>
#include <memory>
#include <optional>

namespace finch::model {

class TorchLanguageModel final : public LanguageModel {
public:
    // Reads config.json, the safetensors weights (one file or shards with an index) and
    // tokenizer.model when present. Throws finch::Error: missing files, a folder with
    // only pickled weights, tensors that disagree with config.json, non-finite weights.
    static std::unique_ptr<TorchLanguageModel> load(const std::string& folder, const std::string& device = "cpu");
    // A new model with Hugging Face's initialisation, seeded.
    static std::unique_ptr<TorchLanguageModel> create(const ModelConfig& config, uint64_t seed,
                                                      const std::string& device = "cpu");

    const ModelConfig& config() const override;
    std::string device() const override;
    const text::Tokenizer* tokenizer() const override { return tokenizer_.get(); }
    std::shared_ptr<const text::ChatTemplate> chatTemplate() const override { return chatTemplate_; }
    void setTokenizer(const std::string& sentencePieceModel) override;
    double score(const std::vector<std::vector<int>>& sequences) const override;
    std::vector<double> completionLogLikelihoods(const std::vector<const std::vector<int>*>& prompts,
                                                 const std::vector<const std::vector<int>*>& completions,
                                                 int batchSize) const override;
    std::vector<float> logits(const std::vector<int>& ids) const override;
    GenerationResult generate(const std::vector<int>& prompt, const GenerationOptions& options,
                              const TokenCallback& onToken = {}) const override;
    void addLora(const LoraSettings& settings, uint64_t seed) override;
    bool hasLora() const override { return lora_.has_value(); }
    void loadAdapter(const std::string& folder) override;
    void saveAdapter(const std::string& folder, const std::string& baseModel) const override;
    void mergeLora() override;
    void save(const std::string& folder, const SaveOptions& options = {}) const override;

    CausalLm& network() { return network_; }
    const torch::Device& torchDevice() const { return device_; }
    // The tokenizer's files into `folder`: the SentencePiece .model, or the folder's
    // tokenizer.json, tokenizer_config.json and the rest (save() writes them too).
    void writeTokenizerFiles(const std::string& folder) const;

private:
    TorchLanguageModel(CausalLm network, torch::Device device) : network_(std::move(network)), device_(device) {}
    // (1, T) long tensor on the model's device; throws finch::Error for ids outside the vocabulary.
    at::Tensor idsTensor(const std::vector<int>& ids) const;

    // Mutable: torch modules have no const forward; a const model still computes.
    mutable CausalLm network_{nullptr};
    torch::Device device_{torch::kCPU};
    std::unique_ptr<text::Tokenizer> tokenizer_;
    std::shared_ptr<const text::ChatTemplate> chatTemplate_;
    std::string tokenizerModel_; // SentencePiece .model bytes; empty for tokenizer.json
    std::string sourceFolder_; // where extra tokenizer files are copied from on save
    std::optional<LoraSettings> lora_;
    std::vector<int> generationEos_; // generation_config.json's eos_token_id: more tokens that end a reply
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
