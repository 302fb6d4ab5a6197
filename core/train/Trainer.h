#pragma once
// Runs a fine-tuning run from a RunConfig to a finished run folder (run.json,
// metrics.jsonl, checkpoints/, final/, eval.json), or continues one from its latest
// checkpoint. Synchronous: the CLI calls it on its main thread, the studio on a worker
// thread. Plain C++ (torch stays inside the engine).
#include "core/train/RunConfig.h"
#include "core/train/TrainingEvents.h"

#include <string>

namespace finch::train {

struct TrainingOutcome {
    std::string runPath;
    std::string status; // "completed", "stopped" (resumable) or "failed"
    int64_t steps = 0;  // optimizer steps done
    std::string message;
};

class Trainer {
public:
    // Throws finch::Error for bad settings or data before a run folder exists; once it
    // exists, errors are recorded in run.json, reported as a Failed event, and rethrown.
    static TrainingOutcome start(const RunConfig& config, const TrainingObserver& observer = {},
                                 TrainingControl* control = nullptr);
    // Continues from the newest checkpoint; on the CPU the result is bit for bit what an
    // uninterrupted run gives.
    static TrainingOutcome resume(const std::string& runPath, const TrainingObserver& observer = {},
                                  TrainingControl* control = nullptr);
};

} // namespace finch::train
