#include "core/model/ModelConfig.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace finch::model {
namespace {

using Json = nlohmann::ordered_json;

struct Architecture {
    std::string name;
    std::string modelType;
};

const std::vector<Architecture>& supportedArchitectures()
{
    static const std::vector<Architecture> list{
        {"LlamaForCausalLM", "llama"}, {"MistralForCausalLM", "mistral"}, {"Qwen2ForCausalLM", "qwen2"},
        {"Qwen3ForCausalLM", "qwen3"}, {"SmolLM3ForCausalLM", "smollm3"},
        {"Phi3ForCausalLM", "phi3"},
        {"Gemma3ForCausalLM", "gemma3_text"}};
    return list;
}

// No dimension of a real model comes near this (vocabularies are under 2^18, layers under
// 2^8); bounding them keeps every parameter count inside 64 bits.
constexpr int64_t kMaxDimension = int64_t(1) << 24;
// 2^50 parameters: a petabyte of float32 weights, far past any model; below it counts are exact.
constexpr int64_t kMaxParameters = int64_t(1) << 50;

// In 128 bits: a config.json's sizes, each bounded, can still multiply past 64 bits.
__int128 exactParameterCount(const ModelConfig& c)
{
    using Wide = __int128;
    const Wide hidden = c.hiddenSize, heads = c.numHeads, kvHeads = c.numKeyValueHeads, headDim = c.headDim;
    const Wide q = hidden * heads * headDim + (c.qkvBias ? heads * headDim : 0);
    const Wide kv = 2 * (hidden * kvHeads * headDim + (c.qkvBias ? kvHeads * headDim : 0));
    const Wide o = heads * headDim * hidden + (c.outputBias ? hidden : 0);
    const Wide mlp = 3 * hidden * c.intermediateSize + (c.mlpBias ? 2 * Wide(c.intermediateSize) + hidden : 0);
    const Wide perLayer = q + kv + o + mlp + (c.gemma ? 4 : 2) * hidden + (c.qkNorm ? 2 * headDim : 0);
    const Wide embeddings = Wide(c.vocabSize) * hidden;
    return embeddings + Wide(c.numLayers) * perLayer + hidden + (c.tieWordEmbeddings ? 0 : embeddings);
}

class Reader {
public:
    Reader(const Json& json, const std::string& file) : json_(json), file_(file) {}

    Error fail(const std::string& key, const std::string& expected, const Json& found) const
    {
        return Error(file_ + ": '" + key + "': expected " + expected + ", found " + found.dump());
    }

    // Sizes are bounded (kMaxDimension) so that no product of them overflows 64 bits.
    template <typename T>
    T number(const std::string& key, std::optional<T> fallback, T minimum, int64_t maximum = kMaxDimension) const
    {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null()) {
            if (!fallback)
                throw Error(file_ + ": missing '" + key + "'");
            return *fallback;
        }
        if constexpr (std::is_integral_v<T>) {
            if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(maximum)) ||
                it->get<int64_t>() < minimum || it->get<int64_t>() > maximum)
                throw fail(key, "an integer from " + std::to_string(minimum) + " to " + std::to_string(maximum), *it);
            return static_cast<T>(it->get<int64_t>());
        } else {
            if (!it->is_number() || it->get<double>() < minimum)
                throw fail(key, "a number of at least " + std::to_string(minimum), *it);
            return it->get<double>();
        }
    }

    bool flag(const std::string& key, bool fallback) const
    {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null())
            return fallback;
        if (!it->is_boolean())
            throw fail(key, "true or false", *it);
        return it->get<bool>();
    }

    std::optional<int> tokenId(const std::string& key) const
    {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null())
            return std::nullopt;
        if (!isTokenId(*it))
            throw fail(key, "a token id", *it);
        return it->get<int>();
    }

    // Any int: some configurations say -1 for "none".
    static bool isTokenId(const Json& value)
    {
        return value.is_number_unsigned() ? std::in_range<int>(value.get<uint64_t>())
               : value.is_number_integer() ? std::in_range<int>(value.get<int64_t>())
                                           : false;
    }

    std::vector<int> tokenIds(const std::string& key) const
    {
        const auto it = json_.find(key);
        if (it == json_.end() || it->is_null())
            return {};
        if (isTokenId(*it))
            return {it->get<int>()};
        std::vector<int> ids;
        if (it->is_array())
            for (const auto& id : *it) {
                if (!isTokenId(id))
                    throw fail(key, "a token id or a list of them", *it);
                ids.push_back(id.get<int>());
            }
        else
            throw fail(key, "a token id or a list of them", *it);
        return ids;
    }

private:
    const Json& json_;
    const std::string& file_;
};

} // namespace

// Gemma 3's text model: the settings Finch implements, and a clear refusal for the rest.
static void readGemma3(const Json& json, const std::string& file, const Reader& read, ModelConfig& config)
{
    config.gemma = config.qkNorm = true;
    config.qkvBias = config.outputBias = read.flag("attention_bias", false);
    config.embedScale = std::sqrt(double(config.hiddenSize));
    config.attentionScale = 1.0 / std::sqrt(read.number<double>("query_pre_attn_scalar", double(config.headDim), 1.0));
    const Json activation = json.value("hidden_activation", Json("gelu_pytorch_tanh"));
    if (activation != "gelu_pytorch_tanh" && activation != "gelu_tanh")
        throw read.fail("hidden_activation", "\"gelu_pytorch_tanh\"", activation);
    for (const char* key : {"attn_logit_softcapping", "final_logit_softcapping"})
        if (json.contains(key) && !json[key].is_null())
            throw Error(file + ": '" + key + "': logit soft-capping is not implemented (Gemma 3 does not use it)");
    if (read.flag("use_bidirectional_attention", false))
        throw Error(file + ": 'use_bidirectional_attention': only causal attention is implemented");
    // layer_types, or every sliding_window_pattern-th layer global.
    if (const auto types = json.find("layer_types"); types != json.end() && !types->is_null()) {
        if (!types->is_array() || types->size() != size_t(config.numLayers))
            throw read.fail("layer_types", "a list of " + std::to_string(config.numLayers) + " layer types", *types);
        for (const Json& type : *types) {
            if (type != "sliding_attention" && type != "full_attention")
                throw read.fail("layer_types", "\"sliding_attention\" or \"full_attention\"", type);
            config.slidingLayers.push_back(type == "sliding_attention");
        }
    } else {
        const int64_t pattern = read.number<int64_t>("sliding_window_pattern", int64_t(6), 1);
        for (int64_t layer = 0; layer < config.numLayers; ++layer)
            config.slidingLayers.push_back((layer + 1) % pattern != 0);
    }
    config.slidingWindow = read.number<int64_t>("sliding_window", int64_t(4096), 1);
    config.localRopeTheta = read.number<double>("rope_local_base_freq", 10000.0, 1.0);
    // transformers 5: one rope_parameters object per layer type.
    if (const auto byType = json.find("rope_parameters"); byType != json.end() && byType->is_object() &&
                                                          byType->contains("full_attention")) {
        const Json& global = (*byType)["full_attention"];
        const Json& local = byType->value("sliding_attention", Json::object());
        if (!global.is_object() || !local.is_object())
            throw read.fail("rope_parameters", "an object for each layer type", *byType);
        const Reader globalRead(global, file), localRead(local, file);
        config.ropeTheta = globalRead.number<double>("rope_theta", config.ropeTheta, 1.0);
        config.localRopeTheta = localRead.number<double>("rope_theta", config.localRopeTheta, 1.0);
        const std::string type = textField(global, "rope_type", file + ": 'rope_parameters.full_attention'", "default");
        config.ropeScaling.reset();
        if (type == "linear") {
            RopeScaling scaling;
            scaling.type = "linear";
            scaling.factor = globalRead.number<double>("factor", std::nullopt, 1.0);
            config.ropeScaling = scaling;
        } else if (type != "default") {
            throw Error(file + ": 'rope_parameters.full_attention.rope_type': unsupported \"" + type +
                        "\": Finch supports default and linear");
        }
        if (textField(local, "rope_type", file + ": 'rope_parameters.sliding_attention'", "default") != "default")
            throw Error(file + ": 'rope_parameters.sliding_attention.rope_type': only default is implemented");
    }
}

ModelConfig ModelConfig::fromJson(const Json& json, const std::string& file)
{
    if (!json.is_object())
        throw Error(file + ": expected a JSON object");
    ModelConfig config;
    config.source = json;

    std::string supported;
    for (const auto& arch : supportedArchitectures())
        supported += (supported.empty() ? "" : ", ") + arch.name;
    const auto architectures = json.find("architectures");
    const auto modelType = json.find("model_type");
    const Architecture* match = nullptr;
    for (const auto& arch : supportedArchitectures()) {
        if (architectures != json.end() && architectures->is_array() && !architectures->empty() &&
            (*architectures)[0] == arch.name)
            match = &arch;
        else if ((architectures == json.end() || architectures->is_null()) && modelType != json.end() &&
                 *modelType == arch.modelType)
            match = &arch;
    }
    if (!match) {
        const std::string found = architectures != json.end() ? architectures->dump()
                                  : modelType != json.end()    ? "model_type " + modelType->dump()
                                                               : std::string("no 'architectures' or 'model_type'");
        throw Error(file + ": unsupported architecture " + found + ": Finch supports " + supported);
    }
    config.architecture = match->name;
    config.modelType = match->modelType;

    const Reader read(json, file);
    config.vocabSize = read.number<int64_t>("vocab_size", std::nullopt, 1);
    config.hiddenSize = read.number<int64_t>("hidden_size", std::nullopt, 1);
    config.intermediateSize = read.number<int64_t>("intermediate_size", std::nullopt, 1);
    config.numLayers = read.number<int64_t>("num_hidden_layers", std::nullopt, 1);
    config.numHeads = read.number<int64_t>("num_attention_heads", std::nullopt, 1);
    config.numKeyValueHeads = read.number<int64_t>("num_key_value_heads", config.numHeads, 1);
    if (config.hiddenSize % config.numHeads != 0 && !json.contains("head_dim"))
        throw Error(file + ": 'hidden_size' " + std::to_string(config.hiddenSize) +
                    " is not a multiple of 'num_attention_heads' " + std::to_string(config.numHeads));
    config.headDim = read.number<int64_t>("head_dim", config.hiddenSize / config.numHeads, 1);
    if (config.headDim % 2 != 0)
        throw Error(file + ": 'head_dim' must be even for rotary embeddings, found " + std::to_string(config.headDim));
    if (config.numHeads % config.numKeyValueHeads != 0)
        throw Error(file + ": 'num_attention_heads' " + std::to_string(config.numHeads) +
                    " is not a multiple of 'num_key_value_heads' " + std::to_string(config.numKeyValueHeads));
    config.maxPositions = read.number<int64_t>("max_position_embeddings", int64_t(2048), 1);
    config.rmsNormEps = read.number<double>("rms_norm_eps", 1e-6, 0.0);
    // transformers 5 writes RoPE's settings as one "rope_parameters" object (theta and
    // scaling together); older files have "rope_theta" and "rope_scaling".
    const auto ropeParameters = json.find("rope_parameters");
    const bool hasRopeParameters = ropeParameters != json.end() && ropeParameters->is_object();
    if (hasRopeParameters && ropeParameters->contains("rope_theta"))
        config.ropeTheta = Reader(*ropeParameters, file).number<double>("rope_theta", std::nullopt, 1.0);
    else
        config.ropeTheta = read.number<double>("rope_theta", 10000.0, 1.0);
    config.tieWordEmbeddings = read.flag("tie_word_embeddings", false);
    if (config.modelType == "qwen2") {
        config.qkvBias = true;
    } else if (config.modelType == "llama") {
        config.qkvBias = config.outputBias = read.flag("attention_bias", false);
        config.mlpBias = read.flag("mlp_bias", false);
    } else if (config.modelType == "qwen3") {
        config.qkvBias = config.outputBias = read.flag("attention_bias", false);
        config.qkNorm = true;
    } else if (config.modelType == "phi3") {
        config.fusedProjections = true;
        if (read.flag("attention_bias", false))
            throw Error(file + ": 'attention_bias': Phi-3 with attention biases is not implemented");
        config.partialRotaryFactor = read.number<double>("partial_rotary_factor", 1.0, 0.0, 1);
        if (config.rotaryDim() < 2 || config.rotaryDim() % 2 != 0)
            throw Error(file + ": 'partial_rotary_factor' leaves " + std::to_string(config.rotaryDim()) +
                        " rotary dimensions per head; expected an even number of at least 2");
    } else if (config.modelType == "gemma3_text") {
        readGemma3(json, file, read, config);
    } else if (config.modelType == "smollm3") {
        config.qkvBias = config.outputBias = read.flag("attention_bias", false);
        config.mlpBias = read.flag("mlp_bias", false);
        if (read.flag("use_sliding_window", false))
            throw Error(file + ": 'use_sliding_window': SmolLM3's sliding-window layers are not implemented");
        // no_rope_layers: 1 where a layer applies RoPE; else every interval-th layer skips it.
        if (const auto flags = json.find("no_rope_layers"); flags != json.end() && !flags->is_null()) {
            if (!flags->is_array() || flags->size() != size_t(config.numLayers))
                throw read.fail("no_rope_layers", "a list of " + std::to_string(config.numLayers) + " flags (0 or 1)", *flags);
            for (const Json& flag : *flags) {
                if (!flag.is_number_integer() || (flag.get<int64_t>() != 0 && flag.get<int64_t>() != 1))
                    throw read.fail("no_rope_layers", "flags 0 or 1", flag);
                config.ropeLayers.push_back(flag.get<int64_t>() == 1);
            }
        } else {
            const int64_t interval = read.number<int64_t>("no_rope_layer_interval", int64_t(4), 1);
            for (int64_t layer = 0; layer < config.numLayers; ++layer)
                config.ropeLayers.push_back((layer + 1) % interval != 0);
        }
    }
    const bool qwen = config.modelType == "qwen2" || config.modelType == "qwen3";
    if (config.modelType == "mistral" || config.modelType == "phi3" || (qwen && read.flag("use_sliding_window", false))) {
        const auto window = json.find("sliding_window");
        if (window != json.end() && !window->is_null())
            config.slidingWindow = read.number<int64_t>("sliding_window", std::nullopt, 1);
    }
    if (const auto dtype = json.find("torch_dtype"); dtype != json.end() && dtype->is_string())
        config.torchDtype = dtype->get<std::string>();
    config.bosTokenId = read.tokenId("bos_token_id");
    config.eosTokenIds = read.tokenIds("eos_token_id");
    config.padTokenId = read.tokenId("pad_token_id");

    auto scaling = json.find("rope_scaling");
    if ((scaling == json.end() || scaling->is_null()) && hasRopeParameters)
        scaling = ropeParameters;
    if (scaling != json.end() && !scaling->is_null()) {
        if (!scaling->is_object())
            throw read.fail("rope_scaling", "an object or null", *scaling);
        const Reader scale(*scaling, file);
        RopeScaling rope;
        const Json type = scaling->contains("rope_type") ? (*scaling)["rope_type"] : scaling->value("type", Json());
        rope.type = type.is_string() ? type.get<std::string>() : "";
        if (rope.type.empty() && hasRopeParameters && scaling == ropeParameters)
            rope.type = "default"; // rope_parameters holding only the theta
        if (rope.type == "llama3") {
            rope.factor = scale.number<double>("factor", std::nullopt, 1.0);
            rope.lowFreqFactor = scale.number<double>("low_freq_factor", 1.0, 0.0);
            rope.highFreqFactor = scale.number<double>("high_freq_factor", 4.0, 0.0);
            rope.originalMaxPositions = scale.number<int64_t>("original_max_position_embeddings", int64_t(8192), 1);
            if (rope.highFreqFactor <= rope.lowFreqFactor)
                throw Error(file + ": 'rope_scaling': high_freq_factor must be larger than low_freq_factor");
        } else if (rope.type == "linear") {
            rope.factor = scale.number<double>("factor", std::nullopt, 1.0);
        } else if (rope.type != "default") {
            throw Error(file + ": 'rope_scaling': unsupported type " + type.dump() +
                        ": Finch supports llama3 and linear");
        }
        if (rope.type != "default")
            config.ropeScaling = rope;
    }
    if (config.modelType == "gemma3_text" && !json.contains("tie_word_embeddings"))
        config.tieWordEmbeddings = true; // Gemma ties them unless told otherwise
    if (exactParameterCount(config) > kMaxParameters)
        throw Error(file + ": these sizes make more than " + std::to_string(kMaxParameters) +
                    " parameters, far beyond any model Finch can hold (vocab_size, hidden_size, intermediate_size, "
                    "num_hidden_layers, num_attention_heads, head_dim)");
    return config;
}

ModelConfig ModelConfig::load(const std::string& path)
{
    return fromJson(readJsonFile(path), path);
}

Json ModelConfig::toJson() const
{
    Json json = source.is_object() ? source : Json::object();
    json["architectures"] = Json::array({architecture});
    json["model_type"] = modelType;
    json["vocab_size"] = vocabSize;
    json["hidden_size"] = hiddenSize;
    json["intermediate_size"] = intermediateSize;
    json["num_hidden_layers"] = numLayers;
    json["num_attention_heads"] = numHeads;
    json["num_key_value_heads"] = numKeyValueHeads;
    if (headDim != hiddenSize / numHeads || json.contains("head_dim"))
        json["head_dim"] = headDim;
    json["max_position_embeddings"] = maxPositions;
    json["rms_norm_eps"] = rmsNormEps;
    json["rope_theta"] = ropeTheta;
    json["hidden_act"] = "silu";
    json["tie_word_embeddings"] = tieWordEmbeddings;
    if (!ropeLayers.empty()) {
        json["no_rope_layers"] = Json::array();
        for (const bool rope : ropeLayers)
            json["no_rope_layers"].push_back(rope ? 1 : 0);
    }
    if (modelType == "llama" || modelType == "qwen3" || modelType == "smollm3") {
        json["attention_bias"] = qkvBias;
        if (mlpBias || json.contains("mlp_bias"))
            json["mlp_bias"] = mlpBias;
    }
    json["torch_dtype"] = torchDtype;
    if (bosTokenId)
        json["bos_token_id"] = *bosTokenId;
    if (eosTokenIds.size() == 1)
        json["eos_token_id"] = eosTokenIds[0];
    else if (!eosTokenIds.empty())
        json["eos_token_id"] = eosTokenIds;
    if (padTokenId)
        json["pad_token_id"] = *padTokenId;
    if (!json.contains("rope_scaling"))
        json["rope_scaling"] = nullptr;
    return json;
}

std::vector<std::string> ModelConfig::presetNames()
{
    return {"finch-tiny", "finch-small", "finch-base"};
}

bool ModelConfig::isPreset(const std::string& name)
{
    const auto presets = presetNames();
    return std::find(presets.begin(), presets.end(), name) != presets.end();
}

ModelConfig ModelConfig::preset(const std::string& name, int64_t vocabSize)
{
    ModelConfig config;
    config.vocabSize = vocabSize;
    config.tieWordEmbeddings = true;
    config.rmsNormEps = 1e-5;
    config.ropeTheta = 10000.0;
    config.bosTokenId = 1;
    config.eosTokenIds = {2};
    config.padTokenId = 3;
    struct Shape {
        int64_t hidden, layers, heads, kvHeads, intermediate, positions;
    };
    Shape shape{};
    if (name == "finch-tiny")
        shape = {128, 4, 4, 2, 352, 512};
    else if (name == "finch-small")
        shape = {256, 10, 8, 4, 704, 1024};
    else if (name == "finch-base")
        shape = {512, 10, 8, 4, 1408, 2048};
    else
        throw Error("unknown preset '" + name + "': expected finch-tiny, finch-small or finch-base");
    config.hiddenSize = shape.hidden;
    config.numLayers = shape.layers;
    config.numHeads = shape.heads;
    config.numKeyValueHeads = shape.kvHeads;
    config.headDim = shape.hidden / shape.heads;
    config.intermediateSize = shape.intermediate;
    config.maxPositions = shape.positions;
    config.source = Json::object();
    return config;
}

int64_t ModelConfig::parameterCount() const
{
    return static_cast<int64_t>(exactParameterCount(*this)); // fromJson refuses counts past kMaxParameters
}

} // namespace finch::model
