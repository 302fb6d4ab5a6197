#include "core/model/MemoryEstimate.h"

#include "core/common/Error.h"

#include <algorithm>

namespace finch::model {
namespace {

// (in, out) features of a linear layer by its Hugging Face name.
std::pair<int64_t, int64_t> linearShape(const ModelConfig& c, const std::string& name)
{
    const int64_t q = c.numHeads * c.headDim, kv = c.numKeyValueHeads * c.headDim;
    if (name == "q_proj") return {c.hiddenSize, q};
    if (name == "k_proj" || name == "v_proj") return {c.hiddenSize, kv};
    if (name == "o_proj") return {q, c.hiddenSize};
    if (name == "gate_proj" || name == "up_proj") return {c.hiddenSize, c.intermediateSize};
    if (name == "down_proj") return {c.intermediateSize, c.hiddenSize};
    throw Error("unknown LoRA target '" + name + "': expected " + alternatives(kLoraTargetModules));
}

} // namespace

MemoryEstimate MemoryEstimate::compute(const ModelConfig& config, const MemoryEstimateRequest& request)
{
    if (request.batchSize < 1 || request.sequenceLength < 1)
        throw Error("batch size and sequence length must be at least 1");
    MemoryEstimate estimate;
    estimate.parameters = config.parameterCount();
    const int64_t layers = config.numLayers;
    int64_t activeLayers = layers; // layers whose activations backpropagation keeps

    switch (request.method) {
    case TrainingMethod::Full:
        estimate.trainableParameters = estimate.parameters;
        break;
    case TrainingMethod::Lora: {
        int64_t perLayer = 0;
        for (const std::string& target : request.loraTargets) {
            const auto [in, out] = linearShape(config, target);
            perLayer += static_cast<int64_t>(request.loraRank) * (in + out);
        }
        estimate.trainableParameters = perLayer * layers;
        break;
    }
    case TrainingMethod::FrozenBody: {
        activeLayers = std::clamp<int64_t>(request.trainableLayers, 0, layers);
        const int64_t perLayer = (config.parameterCount() - config.vocabSize * config.hiddenSize *
                                                               (config.tieWordEmbeddings ? 1 : 2) - config.hiddenSize) /
                                 layers;
        // The head trains: the embeddings when tied, lm_head otherwise; and the final norm.
        estimate.trainableParameters = perLayer * activeLayers + config.vocabSize * config.hiddenSize + config.hiddenSize;
        break;
    }
    }

    const double s = static_cast<double>(request.sequenceLength), b = static_cast<double>(request.batchSize);
    const double h = static_cast<double>(config.hiddenSize), a = static_cast<double>(config.numHeads);
    const double perLayerAt16Bits = s * b * h * (34.0 + 5.0 * a * s / h);
    const double layerActivations = perLayerAt16Bits * request.activationBytes / 2.0 * static_cast<double>(activeLayers);
    const double logits = b * s * static_cast<double>(config.vocabSize) * 4.0 * 2.0; // float32 logits and their gradient

    estimate.weights = static_cast<uint64_t>(estimate.parameters) * static_cast<uint64_t>(request.weightBytes);
    estimate.gradients = static_cast<uint64_t>(estimate.trainableParameters) * 4u;
    estimate.optimizer = static_cast<uint64_t>(estimate.trainableParameters) * 4u *
                         static_cast<uint64_t>(request.optimizerStates);
    estimate.activations = static_cast<uint64_t>(layerActivations + logits);
    return estimate;
}

} // namespace finch::model
