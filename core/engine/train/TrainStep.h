#pragma once
// Engine-internal: one optimizer step, shared by the Trainer and bench/gpu. Micro-batches go
// forward and backward under the run's precision; the gradients are clipped and the
// optimizer steps. Losses and norms stay on the device until read(): a step never waits for
// the GPU, so the host queues the next batch while the device works.
#include "core/data/Batches.h"
#include "core/engine/model/LlamaModel.h"
#include "core/engine/train/Optimizer.h"

#include <torch/torch.h>

#include <optional>
#include <string>
#include <vector>

namespace finch::train {

struct DeviceBatch {
    at::Tensor ids, labels, mask; // mask undefined when no row is padded
    int64_t counted = 0;          // tokens in the loss
    int64_t tokens = 0;           // real (not padding) tokens
};

// To the device; on CUDA through pinned memory, without waiting for the copy.
DeviceBatch toDevice(const data::PaddedBatch& padded, const torch::Device& device);

// Autocast for a precision ("fp32", "bf16", "fp16") on a device, for the scope's lifetime.
// Autocast state is per thread: the scope restores what it found.
class PrecisionScope {
public:
    PrecisionScope(const torch::Device& device, const std::string& precision);
    ~PrecisionScope();
    PrecisionScope(const PrecisionScope&) = delete;
    PrecisionScope& operator=(const PrecisionScope&) = delete;

    // Whether this libtorch can autocast `precision` on `device`; the reason when not.
    static std::optional<std::string> unsupported(const torch::Device& device, const std::string& precision);

private:
    at::DeviceType type_;
    bool active_ = false;
    bool wasEnabled_ = false;
    at::ScalarType previousType_ = at::kFloat;
};

struct StepScalars {
    double meanLoss = NAN;  // the mean of the steps' token-mean losses since the last read
    double gradNorm = NAN;  // the last step's norm before clipping
    bool finite = true;     // every loss and norm since the last read was finite
    int64_t steps = 0;
};

// Data parallelism: how a step's gradients are summed over the ranks (DataParallel).
class GradientSync {
public:
    virtual ~GradientSync() = default;
    // The backward pass about to run is this rank's last of the step: each gradient is final
    // once backward has produced it, and may be sent while backward goes on.
    virtual void beforeFinalBackward() = 0;
    // Sums every trainable parameter's gradient (a missing one counts as zeros) and `loss`
    // over all ranks, in place.
    virtual void sum(at::Tensor& loss) = 0;
};

class TrainStep {
public:
    TrainStep(model::CausalLm network, Optimizer& optimizer, std::string precision, double maxGradNorm);

    // Forward and backward of one micro-batch; it weighs by its share of the step's loss
    // tokens (windowCounted), so the gradient is the token mean over the accumulated batch.
    // `lastOfStep`: no other micro-batch of this step follows on this rank.
    void accumulate(const DeviceBatch& batch, int64_t windowCounted, bool lastOfStep = true);
    // Clips the gradients and steps. fp16 reads the norm (a device wait) to skip overflowing
    // steps with a smaller loss scale, as GradScaler; returns false for a skipped step.
    bool apply(double learningRate);
    // Waits for the device and returns the scalars since the last read.
    StepScalars read();
    bool pending() const { return steps_ > 0; }
    // Data parallelism: the gradients and the step's loss are summed over all ranks before
    // they are clipped (each rank weighed its tokens by the global count).
    void setGradientSync(GradientSync* sync) { sync_ = sync; }

    // fp16's dynamic loss scale, kept in checkpoints.
    double lossScale() const { return lossScale_; }
    int64_t goodStepsSinceScale() const { return goodStepsSinceScale_; }
    void restoreLossScale(double scale, int64_t goodSteps);

private:
    model::CausalLm network_;
    Optimizer& optimizer_;
    std::string precision_;
    double maxGradNorm_;
    at::Tensor stepLoss_;              // this step's loss, summed over tokens (double)
    at::Tensor lossTotal_, lastNorm_;  // since the last read
    at::Tensor nonFinite_;             // bool: a loss or norm since the last read was not finite
    int64_t steps_ = 0;
    double lossScale_ = 1.0;
    int64_t goodStepsSinceScale_ = 0;
    GradientSync* sync_ = nullptr;
};

// The process's peak memory on `device`: the caching allocator's peak on CUDA, the peak
// resident set on the CPU. 0 when unknown.
int64_t peakMemoryBytes(const torch::Device& device);

} // namespace finch::train
