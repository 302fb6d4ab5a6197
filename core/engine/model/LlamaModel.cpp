#include "core/engine/model/LlamaModel.h"

#include "core/data/Batches.h"
#include "core/engine/TorchVersion.h"

#include <cmath>
#include <limits>
#include <mutex>

namespace finch::model {
namespace {

Linear linear(int64_t in, int64_t out, bool bias)
{
    return Linear(in, out, bias);
}

at::Tensor rotateHalf(const at::Tensor& x)
{
    const int64_t half = x.size(-1) / 2;
    return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

#if FINCH_TORCH_AT_LEAST(2, 1)
// (B, K, S, D) -> (B, H, S, D): each key/value head serves H/K query heads in a row.
at::Tensor repeatKv(const at::Tensor& x, int64_t repeats)
{
    if (repeats == 1)
        return x;
    const auto sizes = x.sizes();
    return x.unsqueeze(2).expand({sizes[0], sizes[1], repeats, sizes[2], sizes[3]})
        .reshape({sizes[0], sizes[1] * repeats, sizes[2], sizes[3]});
}
#endif

// A decoder layer whose activations are not kept: forward runs without recording a graph,
// backward runs the layer again from its saved input, with the random-number state of the
// first run (dropout draws the same masks), and back-propagates through that.
struct LayerContext {
    DecoderLayerImpl* layer;
    at::Tensor cos, sin, mask; // constants of the pass (mask may be undefined)
};

struct CheckpointedLayer : torch::autograd::Function<CheckpointedLayer> {
    // The constants travel by pointer: libtorch 1.13 refuses undefined tensors as inputs.
    static at::Tensor forward(torch::autograd::AutogradContext* context, const at::Tensor& x, const LayerContext* inputs)
    {
        DecoderLayerImpl* layer = inputs->layer;
        const at::Tensor &cos = inputs->cos, &sin = inputs->sin, &mask = inputs->mask;
        at::Generator generator = at::globalContext().defaultGenerator(x.device());
        {
            std::lock_guard<std::mutex> lock(generator.mutex());
            context->saved_data["rng"] = generator.get_state();
        }
        context->saved_data["layer"] = reinterpret_cast<int64_t>(layer);
        context->saved_data["cos"] = cos;
        context->saved_data["sin"] = sin;
        context->saved_data["mask"] = mask;
        context->save_for_backward({x});
        return layer->forward(x, cos, sin, mask, nullptr);
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* context,
                                                   torch::autograd::variable_list gradients)
    {
        const at::Tensor input = context->get_saved_variables()[0].detach().requires_grad_(true);
        auto* layer = reinterpret_cast<DecoderLayerImpl*>(context->saved_data["layer"].toInt());
        at::Generator generator = at::globalContext().defaultGenerator(input.device());
        at::Tensor rngNow;
        {
            std::lock_guard<std::mutex> lock(generator.mutex());
            rngNow = generator.get_state();
            generator.set_state(context->saved_data["rng"].toTensor());
        }
        at::Tensor output;
        {
            // Autocast needs no restoring: autograd carries the caller's thread-local state,
            // and the Trainer calls backward inside the precision scope of the forward pass.
            at::AutoGradMode enableGrad(true);
            output = layer->forward(input, context->saved_data["cos"].toTensor(), context->saved_data["sin"].toTensor(),
                                    context->saved_data["mask"].toTensor(), nullptr);
        }
        {
            std::lock_guard<std::mutex> lock(generator.mutex());
            generator.set_state(rngNow);
        }
        torch::autograd::backward({output}, {gradients[0]});
        return {input.grad(), at::Tensor()};
    }
};

} // namespace

LinearImpl::LinearImpl(int64_t in, int64_t out, bool withBias)
{
    // As torch.nn.Linear: U(-1/sqrt(in), 1/sqrt(in)); weights are usually loaded or re-initialised.
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    weight = register_parameter("weight", at::empty({out, in}).uniform_(-bound, bound));
    if (withBias)
        bias = register_parameter("bias", at::empty({out}).uniform_(-bound, bound));
}

at::Tensor LinearImpl::forward(const at::Tensor& x)
{
    at::Tensor y = at::linear(x, weight, bias);
    if (!loraA_.defined())
        return y;
    const at::Tensor dropped = is_training() && loraDropout_ > 0 ? at::dropout(x, loraDropout_, true) : x;
    return y + at::linear(at::linear(dropped, loraA_), loraB_) * loraScale_;
}

void LinearImpl::addLora(int64_t rank, double alpha, double dropout, bool rsLora, at::Generator& generator)
{
    at::NoGradGuard noGrad;
    const int64_t in = weight.size(1), out = weight.size(0);
    // torch.nn.init.kaiming_uniform_(a=sqrt(5)), as PEFT initialises lora_A: bound 1/sqrt(in).
    const double bound = 1.0 / std::sqrt(static_cast<double>(in));
    auto a = register_module("lora_A", std::make_shared<torch::nn::Module>());
    auto b = register_module("lora_B", std::make_shared<torch::nn::Module>());
    loraA_ = a->register_parameter("weight", at::empty({rank, in}, weight.options()).uniform_(-bound, bound, generator));
    loraB_ = b->register_parameter("weight", at::zeros({out, rank}, weight.options()));
    loraScale_ = rsLora ? alpha / std::sqrt(static_cast<double>(rank)) : alpha / static_cast<double>(rank);
    loraDropout_ = dropout;
    weight.set_requires_grad(false);
    if (bias.defined())
        bias.set_requires_grad(false);
}

void LinearImpl::mergeLora()
{
    if (!loraA_.defined())
        return;
    at::NoGradGuard noGrad;
    weight.add_(at::matmul(loraB_, loraA_) * loraScale_);
    unregister_module("lora_A");
    unregister_module("lora_B");
    loraA_ = loraB_ = at::Tensor();
}

KvCache::KvCache(const ModelConfig& config, int64_t batch, int64_t capacity, const at::TensorOptions& options)
    : capacity_(capacity)
{
    for (int64_t i = 0; i < config.numLayers; ++i) {
        keys_.push_back(at::zeros({batch, config.numKeyValueHeads, capacity, config.headDim}, options));
        values_.push_back(at::zeros({batch, config.numKeyValueHeads, capacity, config.headDim}, options));
    }
}

std::pair<at::Tensor, at::Tensor> KvCache::append(size_t layer, const at::Tensor& keys, const at::Tensor& values)
{
    const int64_t steps = keys.size(2);
    TORCH_CHECK(length_ + steps <= capacity_, "the key/value cache is full");
    keys_[layer].narrow(2, length_, steps).copy_(keys);
    values_[layer].narrow(2, length_, steps).copy_(values);
    return {keys_[layer].narrow(2, 0, length_ + steps), values_[layer].narrow(2, 0, length_ + steps)};
}

RotaryEmbedding::RotaryEmbedding(const ModelConfig& config)
{
    const int64_t dim = config.rotaryDim();
    // As transformers: 1 / theta^(2i/D), computed in float32.
    at::Tensor inverse =
        1.0 / at::pow(at::scalar_tensor(config.ropeTheta, at::kFloat), at::arange(0, dim, 2, at::kLong).to(at::kFloat) / dim);
    if (config.ropeScaling && config.ropeScaling->type == "linear") {
        inverse = inverse / config.ropeScaling->factor;
    } else if (config.ropeScaling && config.ropeScaling->type == "llama3") {
        // Llama 3.1: long wavelengths are slowed by `factor`, short ones kept, and the
        // band in between blended smoothly.
        const RopeScaling& s = *config.ropeScaling;
        const double oldContext = static_cast<double>(s.originalMaxPositions);
        const double lowWavelength = oldContext / s.lowFreqFactor;
        const double highWavelength = oldContext / s.highFreqFactor;
        auto accessor = inverse.accessor<float, 1>();
        for (int64_t i = 0; i < inverse.size(0); ++i) {
            const double frequency = accessor[i];
            const double wavelength = 2 * M_PI / frequency;
            double scaled = frequency;
            if (wavelength > lowWavelength) {
                scaled = frequency / s.factor;
            } else if (wavelength >= highWavelength) {
                const double smooth = (oldContext / wavelength - s.lowFreqFactor) / (s.highFreqFactor - s.lowFreqFactor);
                scaled = (1 - smooth) * frequency / s.factor + smooth * frequency;
            }
            accessor[i] = static_cast<float>(scaled);
        }
    }
    inverseFrequencies_ = inverse;
}

std::pair<at::Tensor, at::Tensor> RotaryEmbedding::cosSin(const at::Tensor& positions) const
{
    const at::Tensor inverse = inverseFrequencies_.to(positions.device());
    const at::Tensor frequencies = positions.to(at::kFloat).unsqueeze(-1) * inverse; // (B, T, D/2)
    const at::Tensor angles = at::cat({frequencies, frequencies}, -1).unsqueeze(1);   // (B, 1, T, D)
    return {angles.cos(), angles.sin()};
}

RmsNormImpl::RmsNormImpl(int64_t size, double eps, bool offset) : eps_(eps), offset_(offset)
{
    weight = register_parameter("weight", offset ? at::zeros({size}) : at::ones({size}));
}

at::Tensor RmsNormImpl::forward(const at::Tensor& x)
{
    const at::Tensor x32 = x.to(at::kFloat);
    const at::Tensor normed = x32 * at::rsqrt(x32.pow(2).mean(-1, true) + eps_);
    if (offset_) // Gemma multiplies in float32, then casts
        return (normed * (1.0 + weight.to(at::kFloat))).to(x.scalar_type());
    return weight * normed.to(x.scalar_type());
}

AttentionImpl::AttentionImpl(const ModelConfig& config, size_t layerIndex)
    : heads_(config.numHeads), kvHeads_(config.numKeyValueHeads), headDim_(config.headDim),
      rotaryDim_(config.rotaryDim()),
      scaleFactor_(config.attentionScale ? *config.attentionScale * std::sqrt(double(config.headDim)) : 1.0),
      layerIndex_(layerIndex)
{
    if (config.fusedProjections) {
        qkv_proj = register_module("qkv_proj", linear(config.hiddenSize, (heads_ + 2 * kvHeads_) * headDim_, false));
    } else {
        q_proj = register_module("q_proj", linear(config.hiddenSize, heads_ * headDim_, config.qkvBias));
        k_proj = register_module("k_proj", linear(config.hiddenSize, kvHeads_ * headDim_, config.qkvBias));
        v_proj = register_module("v_proj", linear(config.hiddenSize, kvHeads_ * headDim_, config.qkvBias));
    }
    o_proj = register_module("o_proj", linear(heads_ * headDim_, config.hiddenSize, config.outputBias));
    if (!config.ropeLayers.empty())
        rope_ = config.ropeLayers.at(layerIndex);
    if (config.qkNorm) {
        q_norm = register_module("q_norm", RmsNorm(headDim_, config.rmsNormEps, config.gemma));
        k_norm = register_module("k_norm", RmsNorm(headDim_, config.rmsNormEps, config.gemma));
    }
}

at::Tensor AttentionImpl::forward(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin,
                                  const at::Tensor& mask, KvCache* cache)
{
    const int64_t batch = x.size(0), steps = x.size(1);
    at::Tensor q, k, v;
    if (qkv_proj) {
        const auto parts = qkv_proj(x).split_with_sizes({heads_ * headDim_, kvHeads_ * headDim_, kvHeads_ * headDim_}, -1);
        q = parts[0], k = parts[1], v = parts[2];
    } else {
        q = q_proj(x), k = k_proj(x), v = v_proj(x);
    }
    q = q.reshape({batch, steps, heads_, headDim_});   // (B, T, H, D)
    k = k.reshape({batch, steps, kvHeads_, headDim_}); // (B, T, K, D)
    if (q_norm) {
        q = q_norm(q);
        k = k_norm(k);
    }
    q = q.transpose(1, 2); // (B, H, T, D)
    k = k.transpose(1, 2); // (B, K, T, D)
    v = v.reshape({batch, steps, kvHeads_, headDim_}).transpose(1, 2); // (B, K, T, D)
    if (rope_) {
        // In the hidden states' type, as transformers: under autocast the bf16 projections
        // turn in float32 (type promotion), and attention casts them back.
        const at::Tensor c = cos.to(x.scalar_type()), s = sin.to(x.scalar_type());
        auto turn = [&](const at::Tensor& t) { return t * c + rotateHalf(t) * s; };
        if (rotaryDim_ == headDim_) {
            q = turn(q);
            k = turn(k);
        } else { // partial rotary: the first rotaryDim_ dimensions turn, the rest pass
            q = at::cat({turn(q.narrow(-1, 0, rotaryDim_)), q.narrow(-1, rotaryDim_, headDim_ - rotaryDim_)}, -1);
            k = at::cat({turn(k.narrow(-1, 0, rotaryDim_)), k.narrow(-1, rotaryDim_, headDim_ - rotaryDim_)}, -1);
        }
    }
#if !FINCH_TORCH_AT_LEAST(2, 1)
    if (scaleFactor_ != 1.0) // a score scale other than 1/sqrt(D), carried by the queries
        q = q * scaleFactor_;
#endif
    if (cache)
        std::tie(k, v) = cache->append(layerIndex_, k, v); // (B, K, S, D)

    at::Tensor out;
#if FINCH_TORCH_AT_LEAST(2, 1)
    k = repeatKv(k, heads_ / kvHeads_);
    v = repeatKv(v, heads_ / kvHeads_);
    // Fused kernels (flash attention on CUDA) when the mask is plain causal.
    const double scale = scaleFactor_ / std::sqrt(static_cast<double>(headDim_));
    if (mask.defined())
        out = at::scaled_dot_product_attention(q, k, v, mask.to(q.scalar_type()), 0.0, false, scale);
    else
        out = at::scaled_dot_product_attention(q, k, v, {}, 0.0, /*is_causal=*/steps > 1, scale);
#else
    // The G query heads that share a key/value head are multiplied with it in one product,
    // (B, K, G*T, D) by (B, K, D, S): half the matrix products of repeating k and v per
    // query head (G = 2 in the presets), and no copies of them. The scale goes on q
    // (T x D values) instead of on the scores (T x S).
    const int64_t groups = heads_ / kvHeads_, keys = k.size(2);
    const at::Tensor grouped = (q * (1.0 / std::sqrt(static_cast<double>(headDim_))))
                                   .reshape({batch, kvHeads_, groups * steps, headDim_});
    at::Tensor scores = at::matmul(grouped, k.transpose(2, 3)).view({batch, kvHeads_, groups, steps, keys});
    if (mask.defined())
        scores = scores + mask.unsqueeze(2); // (B, 1, 1, T, S)
    else if (steps > 1)
        scores = scores.masked_fill(at::ones({steps, keys}, scores.options().dtype(at::kBool)).triu(keys - steps + 1),
                                    -std::numeric_limits<float>::infinity());
    const at::Tensor weights = at::softmax(scores, -1, at::kFloat).to(q.scalar_type());
    out = at::matmul(weights.view({batch, kvHeads_, groups * steps, keys}), v) // (B, K, G*T, D)
              .view({batch, heads_, steps, headDim_});
#endif
    return o_proj(out.transpose(1, 2).reshape({batch, steps, heads_ * headDim_}));
}

MlpImpl::MlpImpl(const ModelConfig& config)
{
    if (config.fusedProjections) {
        gate_up_proj = register_module("gate_up_proj", linear(config.hiddenSize, 2 * config.intermediateSize, false));
    } else {
        gate_proj = register_module("gate_proj", linear(config.hiddenSize, config.intermediateSize, config.mlpBias));
        up_proj = register_module("up_proj", linear(config.hiddenSize, config.intermediateSize, config.mlpBias));
    }
    down_proj = register_module("down_proj", linear(config.intermediateSize, config.hiddenSize, config.mlpBias));
    gelu = config.gemma;
}

at::Tensor MlpImpl::forward(const at::Tensor& x)
{
    if (gate_up_proj) {
        const auto gateUp = gate_up_proj(x).chunk(2, -1);
        return down_proj(at::silu(gateUp[0]) * gateUp[1]);
    }
    if (gelu)
        return down_proj(at::gelu(gate_proj(x), "tanh") * up_proj(x));
    return down_proj(at::silu(gate_proj(x)) * up_proj(x));
}

DecoderLayerImpl::DecoderLayerImpl(const ModelConfig& config, size_t layerIndex)
{
    self_attn = register_module("self_attn", Attention(config, layerIndex));
    mlp = register_module("mlp", Mlp(config));
    const bool gemma = config.gemma;
    input_layernorm = register_module("input_layernorm", RmsNorm(config.hiddenSize, config.rmsNormEps, gemma));
    post_attention_layernorm =
        register_module("post_attention_layernorm", RmsNorm(config.hiddenSize, config.rmsNormEps, gemma));
    if (gemma) {
        pre_feedforward_layernorm =
            register_module("pre_feedforward_layernorm", RmsNorm(config.hiddenSize, config.rmsNormEps, true));
        post_feedforward_layernorm =
            register_module("post_feedforward_layernorm", RmsNorm(config.hiddenSize, config.rmsNormEps, true));
    }
}

at::Tensor DecoderLayerImpl::forward(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin,
                                     const at::Tensor& mask, KvCache* cache)
{
    if (pre_feedforward_layernorm) { // Gemma 3: norms on both sides of attention and the MLP
        const at::Tensor h = x + post_attention_layernorm(self_attn(input_layernorm(x), cos, sin, mask, cache));
        return h + post_feedforward_layernorm(mlp(pre_feedforward_layernorm(h)));
    }
    const at::Tensor h = x + self_attn(input_layernorm(x), cos, sin, mask, cache);
    return h + mlp(post_attention_layernorm(h));
}

LlamaBodyImpl::LlamaBodyImpl(const ModelConfig& config)
{
    embed_tokens = register_module("embed_tokens", torch::nn::Embedding(config.vocabSize, config.hiddenSize));
    layers = register_module("layers", torch::nn::ModuleList());
    for (int64_t i = 0; i < config.numLayers; ++i)
        layers->push_back(DecoderLayer(config, static_cast<size_t>(i)));
    norm = register_module("norm", RmsNorm(config.hiddenSize, config.rmsNormEps, config.gemma));
}

namespace {

// The RoPE settings of Gemma 3's sliding-window layers: their own base, no scaling.
ModelConfig localRopeConfig(ModelConfig config)
{
    config.ropeTheta = config.localRopeTheta;
    config.ropeScaling.reset();
    return config;
}

} // namespace

CausalLmImpl::CausalLmImpl(const ModelConfig& config)
    : config_(config), rotary_(config), localRotary_(localRopeConfig(config))
{
    model = register_module("model", LlamaBody(config));
    if (!config.tieWordEmbeddings)
        lm_head = register_module("lm_head", linear(config.hiddenSize, config.vocabSize, false));
}

at::Tensor CausalLmImpl::hidden(const at::Tensor& inputIds, const at::Tensor& attentionMask, KvCache* cache)
{
    const int64_t batch = inputIds.size(0), steps = inputIds.size(1);
    const int64_t past = cache ? cache->length() : 0;
    const int64_t total = past + steps;
    const auto device = inputIds.device();

    // Positions count real tokens only, so left-padded rows start at 0 like unpadded ones.
    at::Tensor positions;
    if (attentionMask.defined())
        positions = (attentionMask.to(at::kLong).cumsum(1) - 1).clamp_min(0).narrow(1, past, steps);
    else
        positions = at::arange(past, total, at::TensorOptions().dtype(at::kLong).device(device)).unsqueeze(0).expand({batch, steps});
    const auto [cos, sin] = rotary_.cosSin(positions);

    // An explicit additive mask only when plain causal attention is not enough.
    const bool perLayerWindow = !config_.slidingLayers.empty();
    auto makeMask = [&](bool windowed) {
        at::Tensor mask;
        const bool window = windowed && config_.slidingWindow;
        if (!attentionMask.defined() && !window && !(past > 0 && steps > 1))
            return mask;
        const auto options = at::TensorOptions().dtype(at::kLong).device(device);
        const at::Tensor query = at::arange(past, total, options).unsqueeze(1); // (T, 1)
        const at::Tensor key = at::arange(0, total, options).unsqueeze(0);      // (1, S)
        at::Tensor allowed = key <= query;                                      // (T, S)
        if (window)
            allowed = allowed & (query - key < *config_.slidingWindow);
        allowed = allowed.unsqueeze(0).unsqueeze(0); // (1, 1, T, S)
        if (attentionMask.defined())
            allowed = allowed & attentionMask.to(at::kBool).view({batch, 1, 1, total});
        return at::zeros(allowed.sizes(), at::TensorOptions().dtype(at::kFloat).device(device))
            .masked_fill(allowed.logical_not(), std::numeric_limits<float>::lowest());
    };
    const at::Tensor mask = makeMask(!perLayerWindow);
    // Gemma 3's sliding-window layers: their own mask and RoPE base.
    at::Tensor localMask, localCos, localSin;
    if (perLayerWindow) {
        localMask = makeMask(true);
        std::tie(localCos, localSin) = localRotary_.cosSin(positions);
    }

    const bool checkpointing = checkpointing_ && is_training() && at::GradMode::is_enabled() && !cache;
    at::Tensor x = model->embed_tokens(inputIds); // (B, T, C)
    if (config_.embedScale != 1.0) // Gemma: scaled by sqrt(hidden_size), in the weights' type
        x = x * at::scalar_tensor(config_.embedScale, at::kFloat).to(x.scalar_type());
    for (size_t i = 0; i < model->layers->size(); ++i) {
        const bool local = perLayerWindow && config_.slidingLayers[i];
        DecoderLayerImpl* layer = model->layers[i]->as<DecoderLayer>();
        const at::Tensor& layerCos = local ? localCos : cos;
        const at::Tensor& layerSin = local ? localSin : sin;
        const at::Tensor& layerMask = local ? localMask : mask;
        if (checkpointing) {
            // The first layer's input needs a gradient for the layer's backward to run at all
            // (frozen embeddings under LoRA give it none).
            if (!x.requires_grad())
                x = x.detach().requires_grad_(true);
            const LayerContext inputs{layer, layerCos, layerSin, layerMask};
            x = CheckpointedLayer::apply(x, &inputs);
        } else {
            x = layer->forward(x, layerCos, layerSin, layerMask, cache);
        }
    }
    if (cache)
        cache->advance(steps);
    return model->norm(x);
}

at::Tensor CausalLmImpl::head(const at::Tensor& hidden)
{
    return lm_head ? lm_head(hidden) : at::linear(hidden, model->embed_tokens->weight); // (B, T, V)
}

std::vector<std::pair<std::string, Linear>> CausalLmImpl::projections(const std::vector<std::string>& names)
{
    std::vector<std::pair<std::string, Linear>> found;
    for (size_t i = 0; i < model->layers->size(); ++i) {
        auto layer = model->layers[i]->as<DecoderLayerImpl>();
        const std::string prefix = "model.layers." + std::to_string(i) + ".";
        const std::pair<const char*, Linear> all[] = {
            {"self_attn.q_proj", layer->self_attn->q_proj}, {"self_attn.k_proj", layer->self_attn->k_proj},
            {"self_attn.v_proj", layer->self_attn->v_proj}, {"self_attn.o_proj", layer->self_attn->o_proj},
            {"mlp.gate_proj", layer->mlp->gate_proj},       {"mlp.up_proj", layer->mlp->up_proj},
            {"mlp.down_proj", layer->mlp->down_proj},       {"self_attn.qkv_proj", layer->self_attn->qkv_proj},
            {"mlp.gate_up_proj", layer->mlp->gate_up_proj}};
        for (const auto& [path, module] : all) {
            if (!module)
                continue; // not in this architecture (fused away, or not fused)
            // PEFT's rule: a name is the module's own (q_proj), its full path, or a tail of it.
            const std::string leaf = std::string(path).substr(std::string(path).find('.') + 1);
            const std::string full = prefix + path;
            const bool named = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
                return name == leaf || name == full ||
                       (full.size() > name.size() && full.compare(full.size() - name.size(), name.size(), name) == 0 &&
                        full[full.size() - name.size() - 1] == '.');
            });
            if (named)
                found.emplace_back(full, module);
        }
    }
    return found;
}

at::Tensor CausalLmImpl::forward(const at::Tensor& inputIds, const at::Tensor& attentionMask, KvCache* cache)
{
    return head(hidden(inputIds, attentionMask, cache));
}

void CausalLmImpl::initialise(uint64_t seed, double std)
{
    at::NoGradGuard noGrad;
    auto generator = at::make_generator<at::CPUGeneratorImpl>(seed);
    for (auto& item : named_parameters()) {
        at::Tensor& parameter = item.value();
        const std::string& name = item.key();
        at::Tensor values;
        if (name.find("norm.weight") != std::string::npos)
            values = config_.gemma ? at::zeros(parameter.sizes()) : at::ones(parameter.sizes()); // Gemma scales by 1 + w
        else if (name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0)
            values = at::zeros(parameter.sizes());
        else
            values = at::empty(parameter.sizes()).normal_(0.0, std, generator);
        parameter.copy_(values);
    }
}

at::Tensor causalLmLoss(const at::Tensor& logits, const at::Tensor& labels)
{
    const int64_t steps = logits.size(1);
    const at::Tensor shiftedLogits = logits.narrow(1, 0, steps - 1).reshape({-1, logits.size(2)});
    const at::Tensor shiftedLabels = labels.narrow(1, 1, steps - 1).reshape({-1});
    return at::cross_entropy_loss(shiftedLogits.to(at::kFloat), shiftedLabels, {}, at::Reduction::Mean, data::kIgnoredLabel);
}

} // namespace finch::model
