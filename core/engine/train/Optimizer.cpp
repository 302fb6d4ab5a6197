#include "core/engine/train/Optimizer.h"

#include "core/common/Error.h"

#include <cmath>
#include <map>

namespace finch::train {
namespace {

bool excludedFromDecay(const std::string& name)
{
    return name.find("norm") != std::string::npos || (name.size() >= 5 && name.compare(name.size() - 5, 5, ".bias") == 0);
}

} // namespace

bool fusedAdamWAvailable()
{
    return FINCH_TORCH_AT_LEAST(2, 4);
}

Optimizer::Optimizer(const std::vector<std::pair<std::string, at::Tensor>>& parameters, OptimizerSettings settings)
    : settings_(std::move(settings))
{
    for (const auto& [name, parameter] : parameters) {
        Slot slot{name, parameter, !excludedFromDecay(name), {}, {}};
        if (settings_.kind == OptimizerKind::AdamW) {
            slot.first = at::zeros_like(parameter);
            slot.second = at::zeros_like(parameter);
        }
        slots_.push_back(std::move(slot));
        parameters_.push_back(parameter);
    }
}

void Optimizer::zeroGrad()
{
    // Dropped rather than zeroed (torch's set_to_none): the next backward hands its fresh
    // gradients over instead of adding them to zeros, one pass over the weights fewer.
    for (at::Tensor& parameter : parameters_)
        parameter.mutable_grad() = at::Tensor();
}

void Optimizer::step(double learningRate)
{
    at::NoGradGuard noGrad;
    ++steps_;
    if (settings_.kind == OptimizerKind::AdamW && settings_.fused) {
        fusedAdamWStep(learningRate);
        return;
    }
    if (settings_.kind == OptimizerKind::AdamW) {
        // torch.optim.AdamW (single-tensor): decoupled decay, then the bias-corrected update.
        const double correction1 = 1.0 - std::pow(settings_.beta1, static_cast<double>(steps_));
        const double correction2Sqrt = std::sqrt(1.0 - std::pow(settings_.beta2, static_cast<double>(steps_)));
        const double stepSize = learningRate / correction1;
        for (Slot& slot : slots_) {
            const at::Tensor& grad = slot.parameter.grad();
            if (!grad.defined())
                continue;
            if (slot.decay && settings_.weightDecay != 0)
                slot.parameter.mul_(1.0 - learningRate * settings_.weightDecay);
            slot.first.mul_(settings_.beta1).add_(grad, 1.0 - settings_.beta1);
            slot.second.mul_(settings_.beta2).addcmul_(grad, grad, 1.0 - settings_.beta2);
            const at::Tensor denominator = (slot.second.sqrt() / correction2Sqrt).add_(settings_.epsilon);
            slot.parameter.addcdiv_(slot.first, denominator, -stepSize);
        }
        return;
    }
    // torch.optim.SGD: weight decay as L2 on the gradient, momentum buffer seeded by the first gradient.
    for (Slot& slot : slots_) {
        at::Tensor grad = slot.parameter.grad();
        if (!grad.defined())
            continue;
        if (slot.decay && settings_.weightDecay != 0)
            grad = grad.add(slot.parameter, settings_.weightDecay);
        if (settings_.momentum != 0) {
            if (!slot.first.defined())
                slot.first = grad.clone();
            else
                slot.first.mul_(settings_.momentum).add_(grad);
            grad = slot.first;
        }
        slot.parameter.add_(grad, -learningRate);
    }
}

void Optimizer::fusedAdamWStep(double learningRate)
{
#if FINCH_TORCH_AT_LEAST(2, 4)
    // One kernel launch per group of parameters sharing decay, device and type.
    struct Group {
        std::vector<at::Tensor> parameters, grads, firsts, seconds, steps;
    };
    std::map<std::tuple<bool, std::string, int>, Group> groups;
    if (!stepTensor_.defined() && !slots_.empty())
        stepTensor_ = at::zeros({}, slots_.front().parameter.options().dtype(at::kFloat));
    stepTensor_.fill_(static_cast<double>(steps_)); // a device-side fill: nothing is read back
    for (Slot& slot : slots_) {
        const at::Tensor& grad = slot.parameter.grad();
        if (!grad.defined())
            continue;
        Group& group = groups[{slot.decay, slot.parameter.device().str(), static_cast<int>(slot.parameter.scalar_type())}];
        group.parameters.push_back(slot.parameter);
        group.grads.push_back(grad);
        group.firsts.push_back(slot.first);
        group.seconds.push_back(slot.second);
        group.steps.push_back(stepTensor_.device() == slot.parameter.device() ? stepTensor_ : stepTensor_.to(slot.parameter.device()));
    }
    for (auto& [key, group] : groups)
        at::_fused_adamw_(group.parameters, group.grads, group.firsts, group.seconds, {}, group.steps, learningRate,
                          settings_.beta1, settings_.beta2, std::get<0>(key) ? settings_.weightDecay : 0.0,
                          settings_.epsilon, /*amsgrad=*/false, /*maximize=*/false);
#else
    (void)learningRate;
    throw Error("fused AdamW needs libtorch 2.4 or later");
#endif
}

std::vector<std::pair<std::string, at::Tensor>> Optimizer::state() const
{
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    for (const Slot& slot : slots_) {
        if (settings_.kind == OptimizerKind::AdamW) {
            tensors.emplace_back(slot.name + ".exp_avg", slot.first);
            tensors.emplace_back(slot.name + ".exp_avg_sq", slot.second);
        } else if (slot.first.defined()) {
            tensors.emplace_back(slot.name + ".momentum_buffer", slot.first);
        }
    }
    return tensors;
}

void Optimizer::loadState(const std::map<std::string, at::Tensor>& tensors, int64_t steps, const std::string& source)
{
    at::NoGradGuard noGrad;
    auto restore = [&](const std::string& key, at::Tensor& into, const at::Tensor& like, bool required) {
        const auto it = tensors.find(key);
        if (it == tensors.end()) {
            if (required)
                throw Error(source + ": optimizer state lacks '" + key + "'");
            return;
        }
        if (!it->second.sizes().equals(like.sizes()))
            throw Error(source + ": optimizer state '" + key + "' has the wrong shape for this model");
        if (!into.defined())
            into = at::empty_like(like);
        into.copy_(it->second);
    };
    for (Slot& slot : slots_) {
        if (settings_.kind == OptimizerKind::AdamW) {
            restore(slot.name + ".exp_avg", slot.first, slot.parameter, true);
            restore(slot.name + ".exp_avg_sq", slot.second, slot.parameter, true);
        } else {
            restore(slot.name + ".momentum_buffer", slot.first, slot.parameter, steps > 0 && settings_.momentum != 0);
        }
    }
    steps_ = steps;
}

at::Tensor clipGradientNorm(const std::vector<at::Tensor>& parameters, double maxNorm)
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> norms;
    for (const at::Tensor& parameter : parameters)
        if (parameter.grad().defined())
            norms.push_back(parameter.grad().norm(2).to(at::kFloat));
    if (norms.empty())
        return at::zeros({});
    const at::Tensor total = at::stack(norms).norm(2);
    if (maxNorm > 0) {
        // torch's clamped coefficient: a factor of exactly 1 leaves gradients below the limit as they are.
        const at::Tensor coefficient = (maxNorm / (total + 1e-6)).clamp_max(1.0);
        for (const at::Tensor& parameter : parameters)
            if (parameter.grad().defined())
                parameter.grad().mul_(coefficient.to(parameter.grad().scalar_type()));
    }
    return total;
}

} // namespace finch::train
