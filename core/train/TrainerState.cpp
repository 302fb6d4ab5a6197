#include "core/train/TrainerState.h"

#include "core/common/Error.h"
#include "core/common/JsonBinder.h"

namespace finch::train {

void TrainerState::bind(JsonBinder& b)
{
    b.bind("global_step", globalStep, "a step number");
    b.bind("epoch", epoch, "a number");
    b.bind("epoch_index", epochIndex, "an epoch number");
    b.bind("micro_batch_in_epoch", microBatchInEpoch, "a micro-batch number");
    b.bind("total_steps", totalSteps, "a step count");
    b.bind("best_validation_loss", bestValidationLoss, "a number or null");
    b.bind("best_step", bestStep, "a step number (-1: none)");
    b.bind("evaluations_without_improvement", evaluationsWithoutImprovement, "a count");
    b.bind("elapsed_seconds", elapsedSeconds, "a number");
    b.bind("loss_scale", lossScale, "a number");
    b.bind("good_steps_since_scale", goodStepsSinceScale, "a count");
}

nlohmann::ordered_json TrainerState::toJson() const
{
    nlohmann::ordered_json json = nlohmann::ordered_json::object();
    TrainerState copy = *this;
    JsonBinder binder = JsonBinder::writing(json);
    copy.bind(binder);
    json["rng"] = "derived from seed and step";
    return json;
}

TrainerState TrainerState::fromJson(const nlohmann::ordered_json& json, const std::string& source)
{
    if (!json.is_object() || !json.contains("global_step"))
        throw Error(source + ": expected a trainer state with 'global_step'");
    TrainerState state;
    JsonBinder binder = JsonBinder::reading(json, source);
    state.bind(binder);
    if (state.globalStep < 0)
        throw Error(source + ": 'global_step': expected a step number, found " + std::to_string(state.globalStep));
    return state;
}

} // namespace finch::train
