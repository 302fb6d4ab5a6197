#pragma once
// Engine-internal: one run of the trainer in three parts, as torchtune's recipes read.
//
//     PreparedRun run(config, sink, control, parallel);
//     prepareRun(run, resumed);                      // data, tokenizer, model
//     attachFolder(run, folder, resuming);           // strategy, optimizer, run.json or checkpoint
//     TrainingLoop loop(run);                        // the steps, and nothing else
//     const LoopEnd end = loop.run();
//     finishRun(run, loop, end, engine);             // final model, test evaluation, baseline
//
// prepareRun() writes nothing, so a run whose data or model cannot be read fails before a
// new run has a folder.
#include "core/data/PromptFormatter.h"
#include "core/engine/model/TorchLanguageModel.h"
#include "core/engine/train/DataParallel.h"
#include "core/engine/train/Optimizer.h"
#include "core/engine/train/TrainStep.h"
#include "core/engine/train/TrainingStrategy.h"
#include "core/runs/RunFolder.h"
#include "core/runs/TensorBoardSink.h"
#include "core/train/RunConfig.h"
#include "core/train/Trainer.h"
#include "core/train/TrainerState.h"
#include "core/train/TrainingData.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace finch::engine {
class Engine;
}

namespace finch::train {

// Events go to metrics.jsonl and the reports `report_to` asks for (once the run has its
// folder, on rank 0) and to the host's sink.
class RunEvents {
public:
    explicit RunEvents(runs::MetricSink* host) : host_(host) {}
    void attach(const runs::RunFolder& folder) { file_.emplace(folder); }
    // The reports `report_to` asks for (TensorBoard) in the run's folder.
    void reportTo(const RunConfig& config, const runs::RunFolder& folder);
    void write(const runs::RunEvent& event);
    void log(const std::string& message, int64_t step, int64_t totalSteps);
    // The test evaluation's metrics, for the reports (metrics.jsonl has them in eval.json).
    void writeTestMetrics(int64_t step, double epoch, const nlohmann::ordered_json& metrics);

private:
    std::optional<runs::MetricsFile> file_;
    std::unique_ptr<runs::TensorBoardSink> tensorBoard_;
    runs::MetricSink* host_;
};

// How the training rows become micro-batches and optimizer steps.
struct StepLayout {
    int64_t microBatchesPerEpoch = 0, stepsPerEpoch = 0, totalSteps = 0, warmupSteps = 0;
    double epochAt(int64_t step) const { return double(step) / double(stepsPerEpoch); }
};

// Everything the loop and the finish work with.
struct PreparedRun {
    PreparedRun(RunConfig config, runs::MetricSink* sink, TrainingControl* control, DataParallel* parallel)
        : config(std::move(config)), events(sink), control(control), parallel(parallel)
    {
    }
    PreparedRun(const PreparedRun&) = delete;
    PreparedRun& operator=(const PreparedRun&) = delete;

    RunConfig config;
    RunEvents events;
    TrainingControl* control;
    // This process's place in a data-parallel job, or null. Every rank trains on its share of
    // each batch; rank 0 alone writes the run folder.
    DataParallel* parallel;

    // prepareRun()
    TrainingData data;
    std::optional<data::PromptFormatter> formatter;
    std::unique_ptr<model::TorchLanguageModel> model;
    model::CausalLm network{nullptr};
    torch::Device device{torch::kCPU};
    std::vector<data::EncodedExample> train, validation;
    int padId = 0;
    StepLayout layout;

    // attachFolder()
    std::optional<runs::RunFolder> folder;
    std::unique_ptr<TrainingStrategy> strategy;
    model::NamedTensors trainable;
    std::unique_ptr<Optimizer> optimizer;
    std::unique_ptr<TrainStep> trainStep;
    std::unique_ptr<GradientSync> gradientSync;
    TrainerState restored; // the newest checkpoint's state when resuming; step 0 otherwise

    int ranks() const { return parallel ? parallel->worldSize() : 1; }
    int rank() const { return parallel ? parallel->rank() : 0; }
    bool writes() const { return rank() == 0; }
};

// Reads and checks the data, builds the model and tokenizes the rows. `resumed` is the
// folder of the run being resumed, or null.
void prepareRun(PreparedRun& run, const runs::RunFolder* resumed);
// Takes the run's folder: the tokenizer files, the method (a LoRA preset's base), the
// optimizer, then run.json for a new run or the newest checkpoint for a resumed one.
void attachFolder(PreparedRun& run, const runs::RunFolder& folder, bool resuming);

// Why the loop ended. A failure is already recorded (run.json, the sink) when it returns.
struct LoopEnd {
    runs::RunStatus status = runs::RunStatus::Completed;
    std::string message;
};

class TrainingLoop {
public:
    explicit TrainingLoop(PreparedRun& run);
    LoopEnd run();

    int64_t step() const { return step_; }
    double lastTrainLoss() const { return lastTrainLoss_; }
    double bestValidationLoss() const { return bestValidationLoss_; }
    int64_t bestStep() const { return bestStep_; }
    int64_t sessionSteps() const { return step_ - sessionFirstStep_; }
    double elapsedSeconds() const;
    // Where the run stands, as a checkpoint records it.
    TrainerState state() const;
    void saveCheckpoint();
    LoopEnd fail(const std::string& message);

private:
    using Clock = std::chrono::steady_clock;

    void holdWhilePaused();
    bool stopAgreed();
    void trainStepOn(const std::vector<std::vector<size_t>>& microBatches);
    std::optional<LoopEnd> readSteps(double learningRate, bool logStep);
    // Returns true when early stopping ends the run.
    bool evaluate();
    double validationLoss();
    const std::vector<size_t>& epochOrder(int64_t epoch);

    PreparedRun& run_;
    const RunConfig& config_;
    const StepLayout& layout_;

    int64_t step_ = 0;
    double bestValidationLoss_;
    int64_t bestStep_ = -1;
    int evaluationsWithoutImprovement_ = 0;
    double lastTrainLoss_;

    int64_t cachedEpoch_ = -1;
    std::vector<size_t> order_;

    // Scalars read from the device since the last log line.
    int64_t lastReadStep_ = 0;
    double lossSinceLog_ = 0, gradNormAtLog_ = 0;
    int64_t stepsSinceLog_ = 0, tokensSinceLog_ = 0;
    Clock::time_point logStart_;

    Clock::time_point sessionStart_;
    double elapsedBefore_ = 0, pausedSeconds_ = 0;
    int64_t sessionFirstStep_ = 0;
};

// Saves the final model, evaluates the test split (every rank its shard) and the baseline,
// predicts a cross-validation fold, and records the result in run.json.
TrainingOutcome finishRun(PreparedRun& run, TrainingLoop& loop, const LoopEnd& end, engine::Engine& engine);

// The time as run.json records it ("2026-12-02T10:00:00Z").
std::string isoTime();

} // namespace finch::train
