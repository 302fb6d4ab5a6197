#pragma once
// A Llama-family model's shape, as Hugging Face's config.json describes it. Plain data:
// the studio's model picker and the memory estimate read it without torch.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finch::model {

struct RopeScaling {
    std::string type;                    // "llama3" or "linear"
    double factor = 1.0;
    double lowFreqFactor = 1.0;          // llama3
    double highFreqFactor = 4.0;         // llama3
    int64_t originalMaxPositions = 8192; // llama3
};

struct ModelConfig {
    // or MistralForCausalLM, Qwen2ForCausalLM, Qwen3ForCausalLM, SmolLM3ForCausalLM, Phi3ForCausalLM,
    // Gemma3ForCausalLM
    std::string architecture = "LlamaForCausalLM";
    std::string modelType = "llama";
    int64_t vocabSize = 32000;
    int64_t hiddenSize = 4096;
    int64_t intermediateSize = 11008;
    int64_t numLayers = 32;
    int64_t numHeads = 32;
    int64_t numKeyValueHeads = 32;
    int64_t headDim = 128;
    int64_t maxPositions = 2048;
    double rmsNormEps = 1e-6;
    double ropeTheta = 10000.0;
    std::optional<RopeScaling> ropeScaling;
    bool tieWordEmbeddings = false;
    bool qkvBias = false;   // Qwen2: always; Llama: attention_bias
    bool outputBias = false; // Llama's attention_bias also puts a bias on o_proj
    bool mlpBias = false;
    bool qkNorm = false;     // Qwen3: RMSNorm over each head's queries and keys before RoPE
    std::vector<bool> ropeLayers; // SmolLM3: which layers apply RoPE (empty: all of them)
    bool fusedProjections = false; // Phi-3/Phi-4: one qkv_proj and one gate_up_proj per layer
    double partialRotaryFactor = 1.0; // the share of each head's dimensions RoPE turns (Phi-4-mini: 0.75)

    int64_t rotaryDim() const { return int64_t(double(headDim) * partialRotaryFactor); }

    // Gemma 3: norms scale by (1 + w) in float32 and wrap attention and the MLP on both
    // sides; embeddings are multiplied by sqrt(hidden_size); the MLP uses tanh-GELU; scores
    // are scaled by query_pre_attn_scalar^-1/2; sliding-window layers (slidingLayers) use
    // their own RoPE base (localRopeTheta) while the others use ropeTheta and ropeScaling.
    bool gemma = false;
    double embedScale = 1.0;
    std::optional<double> attentionScale; // default 1/sqrt(head_dim)
    std::vector<bool> slidingLayers;      // empty: slidingWindow, if any, applies to every layer
    double localRopeTheta = 10000.0;
    std::optional<int64_t> slidingWindow; // Mistral v0.1
    std::string torchDtype = "float32";
    std::optional<int> bosTokenId;
    std::vector<int> eosTokenIds;
    std::optional<int> padTokenId;

    // Every key of the file read, so a save keeps what Finch does not interpret.
    nlohmann::ordered_json source = nlohmann::ordered_json::object();

    // Throws finch::Error naming the file, the key, what was expected and what was found;
    // an unsupported architecture names the supported ones.
    static ModelConfig fromJson(const nlohmann::ordered_json& json, const std::string& file);
    static ModelConfig load(const std::string& path);
    nlohmann::ordered_json toJson() const;

    // Built-in presets for training from scratch: finch-tiny (~1 M parameters with a
    // 2,000-piece vocabulary), finch-small (~10 M with 8,000), finch-base (~40 M with 16,000).
    static std::vector<std::string> presetNames();
    // Whether a run's `model` names a preset rather than a folder.
    static bool isPreset(const std::string& name);
    static ModelConfig preset(const std::string& name, int64_t vocabSize);

    int64_t parameterCount() const;
};

} // namespace finch::model
