#include "core/engine/train/Checkpoint.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"

#include <filesystem>

namespace finch::train {
namespace {

namespace fs = std::filesystem;

const char* const kWeights = "trainable.safetensors";
const char* const kOptimizer = "optimizer.safetensors";
const char* const kState = "trainer_state.json";

} // namespace

void writeCheckpoint(const std::string& folder, const model::NamedTensors& trainable, const Optimizer* optimizer,
                     const TrainerState& state)
{
    const fs::path path(folder);
    model::writeTensorFile((path / kWeights).string(), trainable);
    if (optimizer)
        model::writeTensorFile((path / kOptimizer).string(), optimizer->state());
    writeFileAtomically((path / kState).string(), state.toJson().dump(2) + "\n");
}

TrainerState readCheckpoint(const std::string& folder, model::NamedTensors& trainable, Optimizer* optimizer)
{
    const fs::path path(folder);
    const std::string statePath = (path / kState).string();
    const TrainerState state = TrainerState::fromJson(readJsonFile(statePath), statePath);

    const std::string weightsPath = (path / kWeights).string();
    const auto weights = model::readTensorFile(weightsPath);
    at::NoGradGuard noGrad;
    for (auto& [name, tensor] : trainable) {
        const auto it = weights.find(name);
        if (it == weights.end() || !it->second.sizes().equals(tensor.sizes()))
            throw Error(weightsPath + ": no tensor '" + name + "' of the shape this run's model needs");
        tensor.copy_(it->second);
    }
    if (optimizer) {
        const std::string optimizerPath = (path / kOptimizer).string();
        optimizer->loadState(model::readTensorFile(optimizerPath), state.globalStep, optimizerPath);
    }
    return state;
}

} // namespace finch::train
