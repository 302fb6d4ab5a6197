#pragma once
// trainer_state.json: where a run stands at a checkpoint, beside the weights and the
// optimizer state. With the seed it fixes everything else: shuffling and dropout are
// seeded from (seed, epoch) and (seed, step), so the step is the data cursor and the RNG.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <string>

namespace finch {
class JsonBinder;
}

namespace finch::train {

struct TrainerState {
    int64_t globalStep = 0;
    double epoch = 0;              // fractional
    int64_t epochIndex = 0;
    int64_t microBatchInEpoch = 0;
    int64_t totalSteps = 0;
    double bestValidationLoss = NAN;
    int64_t bestStep = -1;
    int evaluationsWithoutImprovement = 0;
    double elapsedSeconds = 0;
    double lossScale = 1.0;        // fp16 only
    int64_t goodStepsSinceScale = 0;

    nlohmann::ordered_json toJson() const;
    // Throws finch::Error naming `source` and the field.
    static TrainerState fromJson(const nlohmann::ordered_json& json, const std::string& source);

private:
    void bind(JsonBinder& b);
};

} // namespace finch::train
