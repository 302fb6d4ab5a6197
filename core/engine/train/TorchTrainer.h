#pragma once
// Engine-internal: the Trainer the engine hands out.
#include "core/train/Trainer.h"

namespace finch::engine {
class Engine;
}

namespace finch::train {

class TorchTrainer final : public Trainer {
public:
    // The engine this trainer is part of: it evaluates the finished model with it.
    explicit TorchTrainer(engine::Engine& engine) : engine_(engine) {}

    TrainingOutcome start(const RunConfig& config, runs::MetricSink* sink = nullptr,
                          TrainingControl* control = nullptr) override;
    TrainingOutcome resume(const std::string& runPath, runs::MetricSink* sink = nullptr,
                           TrainingControl* control = nullptr, int moreEpochs = 0) override;

private:
    engine::Engine& engine_;
};

} // namespace finch::train
