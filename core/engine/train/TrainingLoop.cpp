// The recipe's second part: the steps (TrainingRecipe.h). The loop holds only its own state;
// what varies by method is in TrainingStrategy, the step itself in TrainStep, batching in
// data/Batches, the share of each rank in DataParallel.
#include "core/engine/train/TrainingRecipe.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/engine/train/Checkpoint.h"
#include "core/train/Schedule.h"

#include <cmath>
#include <filesystem>

namespace finch::train {

namespace fs = std::filesystem;
using runs::EventKind;
using runs::RunEvent;
using runs::RunStatus;

TrainingLoop::TrainingLoop(PreparedRun& run)
    : run_(run), config_(run.config), layout_(run.layout), step_(run.restored.globalStep),
      bestValidationLoss_(std::isnan(run.restored.bestValidationLoss) ? INFINITY : run.restored.bestValidationLoss),
      bestStep_(run.restored.bestStep), evaluationsWithoutImprovement_(run.restored.evaluationsWithoutImprovement),
      lastTrainLoss_(NAN), elapsedBefore_(run.restored.elapsedSeconds), sessionFirstStep_(run.restored.globalStep)
{
}

LoopEnd TrainingLoop::run()
{
    run_.network->train();
    sessionStart_ = Clock::now();
    RunEvent started = RunEvent::of(EventKind::Started, step_, layout_.totalSteps);
    started.path = run_.folder->path();
    started.message = std::to_string(run_.train.size()) + " training sequences, " + std::to_string(layout_.totalSteps) +
                      " steps, " + std::to_string(run_.trainable.size()) + " trainable tensors on " + run_.device.str();
    run_.events.write(started);
    const PrecisionScope precision(run_.device, config_.precision);
    lastReadStep_ = step_;
    logStart_ = Clock::now();
    double learningRate = 0;
    bool earlyStopped = false;

    while (step_ < layout_.totalSteps) {
        holdWhilePaused();
        if (stopAgreed()) {
            if (auto failed = readSteps(learningRate, false))
                return *failed;
            saveCheckpoint();
            return {RunStatus::Stopped, "stopped at step " + std::to_string(step_) + "; continue with --resume"};
        }

        const int64_t epoch = step_ / layout_.stepsPerEpoch;
        const int64_t firstMicro = (step_ % layout_.stepsPerEpoch) * config_.gradientAccumulation;
        const int64_t lastMicro = std::min(layout_.microBatchesPerEpoch, firstMicro + config_.gradientAccumulation);
        trainStepOn(data::microBatches(epochOrder(epoch), firstMicro, lastMicro, config_.batchSize * run_.ranks()));
        learningRate =
            config_.learningRate * learningRateFactor(config_.scheduler, step_, layout_.warmupSteps, layout_.totalSteps);
        try {
            if (!run_.trainStep->apply(learningRate))
                continue; // fp16 overflow: the same step again with a smaller loss scale
        } catch (const Error& error) {
            return fail("step " + std::to_string(step_ + 1) + ": " + error.what());
        }
        ++step_;

        const bool epochEnd = step_ % layout_.stepsPerEpoch == 0;
        const bool lastStep = step_ == layout_.totalSteps;
        const bool evaluating = !run_.validation.empty() && ((config_.evalSteps > 0 && step_ % config_.evalSteps == 0) ||
                                                             (config_.evalSteps == 0 && epochEnd) || lastStep);
        const bool saving = !lastStep && ((config_.saveSteps > 0 && step_ % config_.saveSteps == 0) ||
                                          (config_.saveSteps == 0 && epochEnd));
        const bool logging = step_ % config_.loggingSteps == 0 || lastStep;
        if (logging || evaluating || saving)
            if (auto failed = readSteps(learningRate, logging))
                return *failed;
        earlyStopped = evaluating && evaluate();
        if (saving)
            saveCheckpoint();
        if (earlyStopped) {
            run_.events.log("early stopping: the validation loss has not improved for " +
                                std::to_string(config_.earlyStoppingPatience) + " evaluations",
                            step_, layout_.totalSteps);
            break;
        }
    }
    if (auto failed = readSteps(learningRate, true)) // an early stop between logging steps
        return *failed;
    // The last step keeps a checkpoint too (optimizer state included): a finished run can
    // train more epochs exactly where it stopped (resume with moreEpochs).
    if (const std::vector<int64_t> kept = run_.folder->checkpointSteps(); step_ > 0 && (kept.empty() || kept.back() != step_))
        saveCheckpoint();
    return {RunStatus::Completed, earlyStopped ? "early stopping at step " + std::to_string(step_) : std::string()};
}

void TrainingLoop::holdWhilePaused()
{
    TrainingControl* control = run_.control;
    if (!control || !control->paused() || control->stopRequested())
        return;
    run_.events.write(RunEvent::of(EventKind::Paused, step_, layout_.totalSteps));
    const Clock::time_point pauseStart = Clock::now();
    control->waitWhilePaused();
    const Clock::duration paused = Clock::now() - pauseStart;
    pausedSeconds_ += std::chrono::duration<double>(paused).count();
    logStart_ += paused; // tokens/s counts the time spent training
    run_.events.write(RunEvent::of(EventKind::Resumed, step_, layout_.totalSteps));
}

bool TrainingLoop::stopAgreed()
{
    const TrainingControl* control = run_.control;
    const bool stopHere =
        control && (control->stopRequested() || (control->stopStep() > 0 && step_ >= control->stopStep()));
    return run_.parallel ? run_.parallel->anyRank(stopHere) : stopHere;
}

// Accumulates the gradients of one optimizer step over its micro-batches of the global batch.
void TrainingLoop::trainStepOn(const std::vector<std::vector<size_t>>& microBatches)
{
    // The loss tokens of the whole step, over all ranks: each rank weighs its share by
    // them, so the summed gradients are the token mean of the global batch.
    int64_t windowCounted = 0;
    for (const std::vector<size_t>& rows : microBatches)
        for (const size_t row : rows) {
            windowCounted += data::countedTokens(run_.train[row]);
            tokensSinceLog_ += int64_t(run_.train[row].ids.size()); // the job's, not this rank's
        }
    // Dropout draws from torch's generator: seeding it per step makes the step, not the
    // history, decide the random numbers, so a resumed run draws the same ones.
    torch::manual_seed(config_.seed * 1000003ULL + uint64_t(step_) +
                       7919ULL * uint64_t(run_.rank())); // ranks draw their own masks
    const std::vector<std::vector<size_t>> local =
        run_.parallel ? run_.parallel->shareOf(microBatches, size_t(config_.batchSize)) : microBatches;
    for (size_t i = 0; i < local.size(); ++i) {
        const DeviceBatch batch = toDevice(data::padBatch(run_.train, local[i], run_.padId), run_.device);
        run_.trainStep->accumulate(batch, windowCounted, i + 1 == local.size());
    }
}

// Reads the steps' scalars from the device: at logging steps, and before a checkpoint or an
// evaluation, so that neither ever holds the weights of a diverged step.
std::optional<LoopEnd> TrainingLoop::readSteps(double learningRate, bool logStep)
{
    if (run_.trainStep->pending()) {
        const StepScalars scalars = run_.trainStep->read();
        const int64_t firstStep = lastReadStep_ + 1;
        lastReadStep_ = step_;
        if (!scalars.finite) {
            const std::vector<int64_t> kept = run_.folder->checkpointSteps();
            const std::string when = firstStep == step_ ? "at step " + std::to_string(step_)
                                                        : "between steps " + std::to_string(firstStep) + " and " + std::to_string(step_);
            return fail("the loss or the gradient norm became NaN or infinite " + when + "; try a lower learning rate" +
                        (kept.empty() ? std::string() : "; the last good checkpoint is step " + std::to_string(kept.back())));
        }
        lossSinceLog_ += scalars.meanLoss * double(scalars.steps);
        stepsSinceLog_ += scalars.steps;
        gradNormAtLog_ = scalars.gradNorm;
        lastTrainLoss_ = scalars.meanLoss;
    }
    if (!logStep || stepsSinceLog_ == 0)
        return std::nullopt;
    RunEvent event = RunEvent::of(EventKind::Step, step_, layout_.totalSteps);
    event.epoch = layout_.epochAt(step_);
    event.trainLoss = lossSinceLog_ / double(stepsSinceLog_);
    event.learningRate = learningRate;
    event.gradNorm = gradNormAtLog_;
    const double interval = std::chrono::duration<double>(Clock::now() - logStart_).count();
    event.tokensPerSecond = interval > 0 ? double(tokensSinceLog_) / interval : 0;
    event.elapsedSeconds = elapsedSeconds();
    const double sessionSeconds = event.elapsedSeconds - elapsedBefore_;
    event.etaSeconds = sessionSeconds / double(step_ - sessionFirstStep_) * double(layout_.totalSteps - step_);
    run_.events.write(event);
    lossSinceLog_ = 0;
    stepsSinceLog_ = 0;
    tokensSinceLog_ = 0;
    logStart_ = Clock::now();
    return std::nullopt;
}

bool TrainingLoop::evaluate()
{
    const double loss = validationLoss();
    if (loss < bestValidationLoss_) {
        bestValidationLoss_ = loss;
        bestStep_ = step_;
        evaluationsWithoutImprovement_ = 0;
        if (config_.loadBestModelAtEnd)
            replaceFolderAtomically(run_.folder->bestPath(), [this](const std::string& temporary) {
                writeCheckpoint(temporary, run_.trainable, nullptr, state());
            });
    } else {
        ++evaluationsWithoutImprovement_;
    }
    RunEvent event = RunEvent::of(EventKind::Evaluation, step_, layout_.totalSteps);
    event.epoch = layout_.epochAt(step_);
    event.validationLoss = loss;
    run_.events.write(event);
    return config_.earlyStoppingPatience > 0 && evaluationsWithoutImprovement_ >= config_.earlyStoppingPatience;
}

double TrainingLoop::validationLoss()
{
    at::NoGradGuard noGrad;
    run_.network->eval();
    double total = 0;
    int64_t counted = 0;
    // Each rank evaluates every ranks()-th row; the sums are gathered below.
    std::vector<size_t> mine;
    for (size_t i = size_t(run_.rank()); i < run_.validation.size(); i += size_t(run_.ranks()))
        mine.push_back(i);
    const auto batches = int64_t((mine.size() + size_t(config_.batchSize) - 1) / size_t(config_.batchSize));
    for (const std::vector<size_t>& rows : data::microBatches(mine, 0, batches, config_.batchSize)) {
        const DeviceBatch b = toDevice(data::padBatch(run_.validation, rows, run_.padId), run_.device);
        if (b.counted == 0)
            continue;
        const at::Tensor loss = model::causalLmLoss(run_.network->forward(b.ids, b.mask), b.labels);
        total += loss.item<double>() * double(b.counted);
        counted += b.counted;
    }
    run_.network->train();
    if (run_.parallel) {
        const at::Tensor sums = at::tensor({total, double(counted)}, at::kDouble);
        run_.parallel->allReduceSum(sums);
        total = sums[0].item<double>();
        counted = int64_t(sums[1].item<double>());
    }
    return counted ? total / double(counted) : NAN;
}

const std::vector<size_t>& TrainingLoop::epochOrder(int64_t epoch)
{
    if (epoch != cachedEpoch_) {
        order_ = data::epochOrder(run_.train.size(), config_.seed, epoch);
        cachedEpoch_ = epoch;
    }
    return order_;
}

double TrainingLoop::elapsedSeconds() const
{
    return elapsedBefore_ + std::chrono::duration<double>(Clock::now() - sessionStart_).count() - pausedSeconds_;
}

TrainerState TrainingLoop::state() const
{
    TrainerState state;
    state.globalStep = step_;
    state.epoch = layout_.epochAt(step_);
    state.epochIndex = step_ / layout_.stepsPerEpoch;
    state.microBatchInEpoch = (step_ % layout_.stepsPerEpoch) * config_.gradientAccumulation;
    state.totalSteps = layout_.totalSteps;
    state.bestValidationLoss = bestValidationLoss_;
    state.bestStep = bestStep_;
    state.evaluationsWithoutImprovement = evaluationsWithoutImprovement_;
    state.elapsedSeconds = elapsedSeconds();
    state.lossScale = run_.trainStep->lossScale();
    state.goodStepsSinceScale = run_.trainStep->goodStepsSinceScale();
    return state;
}

void TrainingLoop::saveCheckpoint()
{
    if (!run_.writes())
        return;
    const std::string path = run_.folder->checkpointPath(step_);
    replaceFolderAtomically(path, [this](const std::string& temporary) {
        writeCheckpoint(temporary, run_.trainable, run_.optimizer.get(), state());
    });
    std::vector<int64_t> steps = run_.folder->checkpointSteps();
    while (int(steps.size()) > config_.saveTotalLimit) {
        fs::remove_all(run_.folder->checkpointPath(steps.front()));
        steps.erase(steps.begin());
    }
    RunEvent event = RunEvent::of(EventKind::Checkpoint, step_, layout_.totalSteps);
    event.path = path;
    run_.events.write(event);
}

LoopEnd TrainingLoop::fail(const std::string& message)
{
    if (run_.writes())
        run_.folder->setStatus(RunStatus::Failed, message);
    RunEvent event = RunEvent::of(EventKind::Failed, step_, layout_.totalSteps);
    event.path = run_.folder->path();
    event.message = message;
    run_.events.write(event);
    return {RunStatus::Failed, message};
}

} // namespace finch::train
