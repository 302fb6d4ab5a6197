#pragma once
// How much memory training a model will take, for the model picker. An estimate, not a
// measurement: weights, gradients and optimizer state are exact counts; activations follow
// Korthikanti et al. 2022 ("Reducing Activation Recomputation in Large Transformer
// Models"), about s*b*h*(34 + 5*a*s/h) bytes per layer at 16 bits.
#include "core/model/ModelConfig.h"
#include "core/model/TrainingMethod.h"

#include <cstdint>
#include <string>
#include <vector>

namespace finch::model {

struct MemoryEstimateRequest {
    TrainingMethod method = TrainingMethod::Full;
    int loraRank = 8;
    std::vector<std::string> loraTargets = LoraSettings{}.targetModules;
    int trainableLayers = 2;     // frozen body: the last N layers (and the head) train
    int64_t batchSize = 8;
    int64_t sequenceLength = 256;
    int weightBytes = 4;         // 4 for float32 weights, 2 for bf16/fp16
    int activationBytes = 4;     // 2 under bf16/fp16 autocast
    int optimizerStates = 2;     // AdamW keeps two float32 states per trainable parameter
};

struct MemoryEstimate {
    int64_t parameters = 0;
    int64_t trainableParameters = 0;
    uint64_t weights = 0;
    uint64_t gradients = 0;
    uint64_t optimizer = 0;
    uint64_t activations = 0;
    uint64_t total() const { return weights + gradients + optimizer + activations; }

    // Throws finch::Error for an unknown LoRA target or impossible sizes.
    static MemoryEstimate compute(const ModelConfig& config, const MemoryEstimateRequest& request);
};

} // namespace finch::model
