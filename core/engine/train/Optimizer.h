#pragma once
// Engine-internal: the optimizers and learning-rate schedules of a run, written out so
// that their state can be saved and restored exactly and their arithmetic matches
// PyTorch's single-tensor implementations step for step.
#include "core/engine/TorchVersion.h"
#include "core/train/RunConfig.h"

#include <torch/torch.h>

#include <map>
#include <string>
#include <vector>

namespace finch::train {

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::AdamW;
    double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    double momentum = 0.9;
    double weightDecay = 0.0;
    // AdamW in one fused kernel per parameter group (torch's fused=True), libtorch 2.4 and
    // later; numerically within rounding of the step-by-step update.
    bool fused = false;
};

// Whether this libtorch has the fused AdamW kernel.
bool fusedAdamWAvailable();

class Optimizer {
public:
    // Norm weights and biases get no weight decay (as Hugging Face's Trainer groups them).
    Optimizer(const std::vector<std::pair<std::string, at::Tensor>>& parameters, OptimizerSettings settings);

    void step(double learningRate);
    void zeroGrad();
    int64_t stepCount() const { return steps_; }

    // exp_avg / exp_avg_sq (AdamW) or momentum_buffer (SGD) per parameter name; the step
    // count travels separately.
    std::vector<std::pair<std::string, at::Tensor>> state() const;
    void loadState(const std::map<std::string, at::Tensor>& tensors, int64_t steps, const std::string& source);

    const std::vector<at::Tensor>& parameters() const { return parameters_; }

private:
    void fusedAdamWStep(double learningRate);

    struct Slot {
        std::string name;
        at::Tensor parameter;
        bool decay = true;
        at::Tensor first, second; // AdamW: exp_avg, exp_avg_sq; SGD: momentum buffer in first
    };
    OptimizerSettings settings_;
    std::vector<Slot> slots_;
    std::vector<at::Tensor> parameters_;
    int64_t steps_ = 0;
    at::Tensor stepTensor_; // the fused kernel reads the step count from the device
};

// The global L2 norm of the gradients; when above maxNorm (> 0) they are scaled down to it,
// as torch.nn.utils.clip_grad_norm_. Returns the norm before clipping, on the device: the
// clipping itself reads nothing back.
at::Tensor clipGradientNorm(const std::vector<at::Tensor>& parameters, double maxNorm);

} // namespace finch::train
