#pragma once
// Runs a fine-tuning run from a RunConfig to a finished run folder (run.json,
// metrics.jsonl, checkpoints/, final/, eval.json), or continues one from its latest
// checkpoint. The engine implements it (engine::Engine::trainer()).
//
// Threading: start() and resume() run on the caller's thread (the CLI's main thread, the
// studio's worker thread) and write to the sink there. TrainingControl is safe to use
// from any thread.
#include "core/runs/RunEvent.h"
#include "core/runs/RunRecord.h"
#include "core/train/RunConfig.h"
#include "core/train/TrainingControl.h"

#include <string>

namespace finch::train {

struct TrainingOutcome {
    std::string runPath;
    runs::RunStatus status = runs::RunStatus::Completed; // Completed, Stopped (resumable) or Failed
    int64_t steps = 0;                                    // optimizer steps done
    std::string message;
};

class Trainer {
public:
    virtual ~Trainer() = default;
    // Throws finch::Error for bad settings, data or model before a run folder exists; once
    // it exists, errors are recorded in run.json, written to the sink as a Failed event, and
    // rethrown. The run's metrics.jsonl is always written; `sink` sees every event besides.
    virtual TrainingOutcome start(const RunConfig& config, runs::MetricSink* sink = nullptr,
                                  TrainingControl* control = nullptr) = 0;
    // Continues from the newest checkpoint; on the CPU the result is bit for bit what an
    // uninterrupted run gives. With `moreEpochs`, a run (finished or not) trains that many
    // epochs more: num_train_epochs grows and the schedule is laid out over the new total.
    virtual TrainingOutcome resume(const std::string& runPath, runs::MetricSink* sink = nullptr,
                                   TrainingControl* control = nullptr, int moreEpochs = 0) = 0;
};

} // namespace finch::train
