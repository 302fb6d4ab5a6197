#pragma once
// The learning-rate schedules (kSchedulers), as transformers' get_scheduler computes them.
#include <cstdint>
#include <string>

namespace finch::train {

// The multiplier of the base learning rate before optimizer step `step` (0-based): linear,
// cosine (half a cycle), constant, constant_with_warmup. Throws finch::Error for another name.
double learningRateFactor(const std::string& scheduler, int64_t step, int64_t warmupSteps, int64_t totalSteps);

} // namespace finch::train
