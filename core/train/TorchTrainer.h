#pragma once
// Engine-internal: the Trainer the engine hands out.
#include "core/train/Trainer.h"

namespace finch::train {

class TorchTrainer final : public Trainer {
public:
    TrainingOutcome start(const RunConfig& config, runs::MetricSink* sink = nullptr,
                          TrainingControl* control = nullptr) override;
    TrainingOutcome resume(const std::string& runPath, runs::MetricSink* sink = nullptr,
                           TrainingControl* control = nullptr, int moreEpochs = 0) override;
};

} // namespace finch::train
