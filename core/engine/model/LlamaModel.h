#pragma once
// Engine-internal: the Llama-family transformer in libtorch. Parameter names follow
// Hugging Face (model.layers.N.self_attn.q_proj.weight, ...), so loading and saving is a
// name-for-name mapping. Shapes: B batch, T new positions, S all positions (past + new),
// C hidden size, H heads, K key/value heads, D head dim, V vocabulary.
#include "core/model/ModelConfig.h"

#include <torch/torch.h>

namespace finch::model {

// Keys and values of the positions seen so far, preallocated for a whole generation.
class KvCache {
public:
    KvCache(const ModelConfig& config, int64_t batch, int64_t capacity, const at::TensorOptions& options);
    int64_t length() const { return length_; }
    int64_t capacity() const { return capacity_; }
    // Stores this step's keys/values (B, K, T, D) for `layer` and returns all so far (B, K, S, D).
    std::pair<at::Tensor, at::Tensor> append(size_t layer, const at::Tensor& keys, const at::Tensor& values);
    void advance(int64_t steps) { length_ += steps; }

private:
    std::vector<at::Tensor> keys_, values_;
    int64_t length_ = 0;
    int64_t capacity_ = 0;
};

// A linear layer with Hugging Face's parameter names (weight, bias) and an optional LoRA
// adapter beside it (lora_A, lora_B, as PEFT names them): y = xW^T + b + s * B(A(dropout(x))).
class LinearImpl : public torch::nn::Module {
public:
    LinearImpl(int64_t in, int64_t out, bool bias);
    at::Tensor forward(const at::Tensor& x);

    // A Kaiming-uniform, B zeros (so the adapter starts as a no-op), scale alpha/r or
    // alpha/sqrt(r) with rsLoRA. The base weights are frozen.
    void addLora(int64_t rank, double alpha, double dropout, bool rsLora, at::Generator& generator);
    // W += scale * B A; the adapter is removed.
    void mergeLora();
    bool hasLora() const { return loraA_.defined(); }
    double loraScale() const { return loraScale_; }

    at::Tensor weight, bias;

private:
    at::Tensor loraA_, loraB_; // (r, in), (out, r)
    double loraScale_ = 0, loraDropout_ = 0;
};
TORCH_MODULE(Linear);

class RotaryEmbedding {
public:
    explicit RotaryEmbedding(const ModelConfig& config);
    // cos and sin for positions (B, T): each (B, 1, T, D), in float32.
    std::pair<at::Tensor, at::Tensor> cosSin(const at::Tensor& positions) const;

private:
    at::Tensor inverseFrequencies_; // (D/2)
};

class RmsNormImpl : public torch::nn::Module {
public:
    // `offset`: Gemma's norm, which scales by (1 + weight) in float32 (weight starts at 0).
    RmsNormImpl(int64_t size, double eps, bool offset = false);
    at::Tensor forward(const at::Tensor& x);
    at::Tensor weight;

private:
    double eps_;
    bool offset_;
};
TORCH_MODULE(RmsNorm);

class AttentionImpl : public torch::nn::Module {
public:
    AttentionImpl(const ModelConfig& config, size_t layerIndex);
    // x (B, T, C); mask additive (B|1, 1, T, S) or undefined for plain causal attention.
    at::Tensor forward(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin, const at::Tensor& mask,
                       KvCache* cache);
    Linear q_proj{nullptr}, k_proj{nullptr}, v_proj{nullptr}, o_proj{nullptr};
    Linear qkv_proj{nullptr};                 // Phi-3: q, k and v in one projection (then q_proj… are null)
    RmsNorm q_norm{nullptr}, k_norm{nullptr}; // Qwen3 only

private:
    int64_t heads_, kvHeads_, headDim_, rotaryDim_;
    double scaleFactor_; // the score scale relative to 1/sqrt(head_dim) (Gemma 3's query_pre_attn_scalar)
    size_t layerIndex_;
    bool rope_ = true; // SmolLM3 leaves RoPE out of some layers
};
TORCH_MODULE(Attention);

class MlpImpl : public torch::nn::Module {
public:
    explicit MlpImpl(const ModelConfig& config);
    bool gelu = false; // Gemma: tanh-approximated GELU instead of SiLU
    at::Tensor forward(const at::Tensor& x);
    Linear gate_proj{nullptr}, up_proj{nullptr}, down_proj{nullptr};
    Linear gate_up_proj{nullptr}; // Phi-3: gate and up in one projection (then gate_proj, up_proj are null)
};
TORCH_MODULE(Mlp);

class DecoderLayerImpl : public torch::nn::Module {
public:
    DecoderLayerImpl(const ModelConfig& config, size_t layerIndex);
    at::Tensor forward(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin, const at::Tensor& mask,
                       KvCache* cache);
    Attention self_attn{nullptr};
    Mlp mlp{nullptr};
    RmsNorm input_layernorm{nullptr}, post_attention_layernorm{nullptr};
    // Gemma 3: post_attention_layernorm closes attention, these two wrap the MLP.
    RmsNorm pre_feedforward_layernorm{nullptr}, post_feedforward_layernorm{nullptr};
};
TORCH_MODULE(DecoderLayer);

class LlamaBodyImpl : public torch::nn::Module {
public:
    explicit LlamaBodyImpl(const ModelConfig& config);
    torch::nn::Embedding embed_tokens{nullptr};
    torch::nn::ModuleList layers{nullptr};
    RmsNorm norm{nullptr};
};
TORCH_MODULE(LlamaBody);

class CausalLmImpl : public torch::nn::Module {
public:
    explicit CausalLmImpl(const ModelConfig& config);

    // inputIds (B, T). attentionMask (B, S), 1 for real tokens and 0 for padding, covers
    // the cached positions too; undefined means no padding. Returns logits (B, T, V).
    at::Tensor forward(const at::Tensor& inputIds, const at::Tensor& attentionMask = {}, KvCache* cache = nullptr);
    // Final hidden states (B, T, C), before the output head.
    at::Tensor hidden(const at::Tensor& inputIds, const at::Tensor& attentionMask = {}, KvCache* cache = nullptr);
    at::Tensor head(const at::Tensor& hidden);

    // Fills the weights as Hugging Face initialises Llama: N(0, std) for linear and
    // embedding weights, zeros for biases, ones for norms (zeros for Gemma's 1 + w norms).
    void initialise(uint64_t seed, double std = 0.02);

    // Activation checkpointing: in training, each decoder layer keeps only its input and
    // runs again during the backward pass, trading a second forward for the memory of the
    // layers' activations.
    void setActivationCheckpointing(bool enabled) { checkpointing_ = enabled; }
    bool activationCheckpointing() const { return checkpointing_; }

    const ModelConfig& config() const { return config_; }
    LlamaBody model{nullptr};
    Linear lm_head{nullptr}; // null when the embeddings are tied

    // The projection layers of every decoder layer named in `names`, by their own name
    // (q_proj, ..., down_proj), full path or a dotted tail of it, as PEFT matches
    // target_modules; keyed by their full parameter prefix ("model.layers.0.self_attn.q_proj").
    std::vector<std::pair<std::string, Linear>> projections(const std::vector<std::string>& names);

private:
    ModelConfig config_;
    RotaryEmbedding rotary_;
    RotaryEmbedding localRotary_; // Gemma 3's sliding-window layers
    bool checkpointing_ = false;
};
TORCH_MODULE(CausalLm);

// Mean cross-entropy of logits[:, :-1] against labels[:, 1:], ignoring label -100, as
// transformers computes a causal LM's loss.
at::Tensor causalLmLoss(const at::Tensor& logits, const at::Tensor& labels);

} // namespace finch::model
