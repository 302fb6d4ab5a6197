#include "core/train/Schedule.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cmath>

namespace finch::train {

double learningRateFactor(const std::string& scheduler, int64_t step, int64_t warmupSteps, int64_t totalSteps)
{
    if (scheduler == "constant")
        return 1.0;
    if (step < warmupSteps)
        return static_cast<double>(step) / static_cast<double>(std::max<int64_t>(1, warmupSteps));
    if (scheduler == "constant_with_warmup")
        return 1.0;
    const double remaining = static_cast<double>(std::max<int64_t>(1, totalSteps - warmupSteps));
    if (scheduler == "linear")
        return std::max(0.0, static_cast<double>(totalSteps - step) / remaining);
    if (scheduler == "cosine") {
        const double progress = static_cast<double>(step - warmupSteps) / remaining;
        return std::max(0.0, 0.5 * (1.0 + std::cos(M_PI * progress)));
    }
    throw Error("unknown learning-rate scheduler '" + scheduler + "'");
}

} // namespace finch::train
