#pragma once
// Engine-internal: a checkpoint folder is trainable.safetensors (the weights that train),
// optimizer.safetensors (its moments; absent in best/) and trainer_state.json. Functions
// over explicit state: the trainer hands in what to save and what to restore into.
#include "core/engine/model/TorchLanguageModel.h"
#include "core/engine/train/Optimizer.h"
#include "core/train/TrainerState.h"

#include <string>

namespace finch::train {

// Writes the files into `folder` (which exists); `optimizer` may be null (best/).
void writeCheckpoint(const std::string& folder, const model::NamedTensors& trainable, const Optimizer* optimizer,
                     const TrainerState& state);

// Copies the folder's weights into `trainable` and, with an optimizer, its state; returns
// the trainer state. Throws finch::Error naming the file when a tensor is missing or of
// another shape.
TrainerState readCheckpoint(const std::string& folder, model::NamedTensors& trainable, Optimizer* optimizer);

} // namespace finch::train
