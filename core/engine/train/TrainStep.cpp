#include "core/engine/train/TrainStep.h"

#include "core/common/Error.h"

#include <ATen/autocast_mode.h>
#if FINCH_TORCH_AT_LEAST(2, 9)
#include <ATen/DeviceAccelerator.h>
#endif

#include <sys/resource.h>

#include <cmath>

namespace finch::train {

DeviceBatch toDevice(const data::PaddedBatch& padded, const torch::Device& device)
{
    const auto options = at::TensorOptions().dtype(at::kLong);
    auto tensor = [&](const std::vector<int64_t>& values) {
        // from_blob borrows the vector, so the tensor that leaves owns a copy: pinned host
        // memory copied without blocking on CUDA (the caching host allocator keeps the
        // buffer until the copy is done), a plain copy on the CPU.
        const at::Tensor borrowed = at::from_blob(const_cast<int64_t*>(values.data()), {padded.rows, padded.width}, options);
        if (device.is_cuda())
            return borrowed.pin_memory().to(device, /*non_blocking=*/true);
        return borrowed.clone();
    };
    DeviceBatch batch;
    batch.ids = tensor(padded.ids);
    batch.labels = tensor(padded.labels);
    if (padded.padded)
        batch.mask = tensor(padded.mask);
    batch.counted = padded.counted;
    batch.tokens = padded.tokens;
    return batch;
}

std::optional<std::string> PrecisionScope::unsupported(const torch::Device& device, const std::string& precision)
{
    if (precision == "fp32")
        return std::nullopt;
    if (device.is_cuda())
        return std::nullopt;
    if (precision == "fp16")
        return std::string("fp16 autocast is for CUDA; on the CPU use bf16 or fp32");
#if FINCH_TORCH_AT_LEAST(2, 4)
    return std::nullopt;
#else
    return "bf16 on the CPU needs libtorch 2.4 or later (this is " TORCH_VERSION "); use fp32, or build with FINCH_TORCH=pypi";
#endif
}

PrecisionScope::PrecisionScope(const torch::Device& device, const std::string& precision) : type_(device.type())
{
    if (const auto reason = unsupported(device, precision))
        throw Error(*reason);
    if (precision == "fp32")
        return;
    active_ = true;
    const at::ScalarType type = precision == "bf16" ? at::kBFloat16 : at::kHalf;
#if FINCH_TORCH_AT_LEAST(2, 4)
    // The device-typed API; the per-backend calls of 1.13 are deprecated in 2.x.
    wasEnabled_ = at::autocast::is_autocast_enabled(type_);
    previousType_ = at::autocast::get_autocast_dtype(type_);
    at::autocast::set_autocast_enabled(type_, true);
    at::autocast::set_autocast_dtype(type_, type);
#else
    wasEnabled_ = at::autocast::is_enabled();
    previousType_ = at::autocast::get_autocast_gpu_dtype();
    at::autocast::set_enabled(true);
    at::autocast::set_autocast_gpu_dtype(type);
#endif
}

PrecisionScope::~PrecisionScope()
{
    if (!active_)
        return;
    at::autocast::clear_cache();
#if FINCH_TORCH_AT_LEAST(2, 4)
    at::autocast::set_autocast_enabled(type_, wasEnabled_);
    at::autocast::set_autocast_dtype(type_, previousType_);
#else
    at::autocast::set_enabled(wasEnabled_);
    at::autocast::set_autocast_gpu_dtype(previousType_);
#endif
}

TrainStep::TrainStep(model::CausalLm network, Optimizer& optimizer, std::string precision, double maxGradNorm)
    : network_(std::move(network)), optimizer_(optimizer), precision_(std::move(precision)), maxGradNorm_(maxGradNorm)
{
    if (precision_ == "fp16")
        lossScale_ = 65536.0;
}

void TrainStep::restoreLossScale(double scale, int64_t goodSteps)
{
    lossScale_ = scale;
    goodStepsSinceScale_ = goodSteps;
}

void TrainStep::accumulate(const DeviceBatch& batch, int64_t windowCounted, bool lastOfStep)
{
    if (batch.counted == 0)
        return;
    const at::Tensor loss = model::causalLmLoss(network_->forward(batch.ids, batch.mask), batch.labels);
    const double weight = static_cast<double>(batch.counted) / static_cast<double>(std::max<int64_t>(1, windowCounted));
    if (sync_ && lastOfStep)
        sync_->beforeFinalBackward();
    (loss.to(at::kFloat) * (weight * lossScale_)).backward();
    const at::Tensor weighted = loss.detach().to(at::kDouble) * weight;
    stepLoss_ = stepLoss_.defined() ? stepLoss_ + weighted : weighted;
}

bool TrainStep::apply(double learningRate)
{
    if (sync_) {
        if (!stepLoss_.defined()) // a rank without rows this step
            stepLoss_ = at::zeros({}, optimizer_.parameters().front().options().dtype(at::kDouble));
        sync_->sum(stepLoss_);
    }
    if (lossScale_ != 1.0)
        for (const at::Tensor& tensor : optimizer_.parameters())
            if (tensor.grad().defined())
                tensor.grad().div_(lossScale_);
    const at::Tensor norm = clipGradientNorm(optimizer_.parameters(), maxGradNorm_);
    if (precision_ == "fp16" && !std::isfinite(norm.item<double>())) {
        // fp16 overflow: skip the step with a smaller scale, as torch.amp.GradScaler.
        optimizer_.zeroGrad();
        stepLoss_ = at::Tensor();
        lossScale_ /= 2;
        goodStepsSinceScale_ = 0;
        if (lossScale_ < 1.0)
            throw Error("fp16 gradients overflow even without loss scaling");
        return false;
    }
    optimizer_.step(learningRate);
    optimizer_.zeroGrad();
    // Autocast keeps the low-precision copies of the weights it cast; they are stale now.
    if (precision_ != "fp32")
        at::autocast::clear_cache();
    if (precision_ == "fp16" && ++goodStepsSinceScale_ >= 2000) {
        lossScale_ *= 2;
        goodStepsSinceScale_ = 0;
    }
    const at::Tensor loss = stepLoss_.defined() ? stepLoss_ : at::zeros({}, norm.options().dtype(at::kDouble));
    const at::Tensor bad = loss.isfinite().logical_not().logical_or(norm.isfinite().logical_not());
    lossTotal_ = lossTotal_.defined() ? lossTotal_ + loss : loss;
    nonFinite_ = nonFinite_.defined() ? nonFinite_.logical_or(bad) : bad;
    lastNorm_ = norm;
    stepLoss_ = at::Tensor();
    ++steps_;
    return true;
}

StepScalars TrainStep::read()
{
    StepScalars scalars;
    scalars.steps = steps_;
    if (steps_ == 0)
        return scalars;
    // One transfer for the three numbers: each item() would wait for the device on its own.
    const at::Tensor packed =
        at::stack({lossTotal_.to(at::kDouble), lastNorm_.to(at::kDouble), nonFinite_.to(at::kDouble)}).cpu();
    const double* values = packed.data_ptr<double>();
    scalars.meanLoss = values[0] / static_cast<double>(steps_);
    scalars.gradNorm = values[1];
    scalars.finite = values[2] == 0.0;
    lossTotal_ = lastNorm_ = nonFinite_ = at::Tensor();
    steps_ = 0;
    return scalars;
}

int64_t peakMemoryBytes(const torch::Device& device)
{
    if (device.is_cuda()) {
#if FINCH_TORCH_AT_LEAST(2, 9)
        // Entry 0 of a stat array is the aggregate over pools (torch.cuda.max_memory_allocated).
        return at::accelerator::getDeviceStats(device.has_index() ? device.index() : 0).allocated_bytes[0].peak;
#else
        return 0;
#endif
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<int64_t>(usage.ru_maxrss) * 1024;
}

} // namespace finch::train
