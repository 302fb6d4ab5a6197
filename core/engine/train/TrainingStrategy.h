#pragma once
// Engine-internal: what differs between the training methods (model::kTrainingMethods),
// as small strategy objects around one training loop (as torchtune's recipes do): which
// weights train, and what final/ holds.
#include "core/engine/model/TorchLanguageModel.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"

#include <memory>

namespace finch::train {

class TrainingStrategy {
public:
    virtual ~TrainingStrategy() = default;
    // Sets which weights train (and adds adapters where the method has them). Called once,
    // before the optimizer is made.
    virtual void prepare(model::TorchLanguageModel& model) = 0;
    // Writes the trained model into `folder` (a temporary final/).
    virtual void saveFinal(const model::TorchLanguageModel& model, const std::string& folder) const = 0;
};

// `run` and `config` outlive the strategy.
std::unique_ptr<TrainingStrategy> makeStrategy(const RunConfig& config, const runs::RunFolder& run, bool presetModel);

// The weights that train (requires_grad), by name, in the network's order.
model::NamedTensors trainableWeights(model::TorchLanguageModel& model);

} // namespace finch::train
