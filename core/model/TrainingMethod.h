#pragma once
// How a run trains a model: every weight, LoRA adapters, or the last layers and the head.
#include "core/common/Vocabulary.h"

#include <cstdint>
#include <string>
#include <vector>

namespace finch::model {

enum class TrainingMethod { Full, Lora, FrozenBody };

inline constexpr Vocabulary<TrainingMethod, 3> kTrainingMethods{
    {TrainingMethod::Full, TrainingMethod::Lora, TrainingMethod::FrozenBody}, {"full", "lora", "frozen_body"}};

// The projections LoRA can adapt, by their Hugging Face names in the Llama family, then
// Phi-3's fused ones (q, k and v in qkv_proj; gate and up in gate_up_proj).
inline constexpr WordList<9> kLoraTargetModules{"q_proj", "k_proj",   "v_proj",   "o_proj",      "gate_proj",
                                                "up_proj", "down_proj", "qkv_proj", "gate_up_proj"};
// PEFT's word for every linear layer but the output head.
inline constexpr std::string_view kAllLinearTargets = "all-linear";

struct LoraSettings {
    int rank = 8;
    double alpha = 16;
    double dropout = 0.05;
    std::vector<std::string> targetModules{"q_proj", "v_proj"};
    bool rsLora = false; // scale alpha/sqrt(r) instead of alpha/r
};

} // namespace finch::model
