// The training loop. What varies by method is in TrainingStrategy, batching in
// data/Batches, checkpoint files in Checkpoint, the run folder's records in runs/.
#include "core/train/TorchTrainer.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/engine/Engine.h"
#include "core/model/TorchLanguageModel.h"
#include "core/runs/RunFolder.h"
#include "core/runtime/Runtime.h"
#include "core/text/SentencePiece.h"
#include "core/train/Checkpoint.h"
#include "core/train/DataParallel.h"
#include "core/train/Optimizer.h"
#include "core/train/RunArtifacts.h"
#include "core/train/Schedule.h"
#include "core/train/TrainingData.h"
#include "core/train/TrainStep.h"
#include "core/train/TrainingStrategy.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <sstream>
#include <thread>

namespace finch::train {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using runs::EventKind;
using runs::RunEvent;
using runs::RunStatus;

bool isPreset(const std::string& name)
{
    const auto presets = model::ModelConfig::presetNames();
    return std::find(presets.begin(), presets.end(), name) != presets.end();
}

std::string isoTime()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// Events go to metrics.jsonl (the kinds it keeps, once the run has its folder) and to the
// host's sink.
class EventFanOut {
public:
    explicit EventFanOut(runs::MetricSink* host) : host_(host) {}
    void attach(const runs::RunFolder& folder) { file_.emplace(folder); }
    void write(const RunEvent& event)
    {
        if (file_)
            file_->write(event);
        if (host_)
            host_->write(event);
    }

private:
    std::optional<runs::MetricsFile> file_;
    runs::MetricSink* host_;
};

class Run {
public:
    // `parallel`: this process's place in a data-parallel job, or null. Every rank trains on
    // its share of each batch; rank 0 alone writes the run folder.
    Run(RunConfig config, runs::MetricSink* sink, TrainingControl* control, DataParallel* parallel = nullptr)
        : config_(std::move(config)), events_(sink), control_(control), parallel_(parallel)
    {
    }

    // Reads and checks the data, builds the model and tokenizes the rows, writing nothing:
    // a run whose data or model cannot be read fails here, before a new run has a folder.
    // `resumed` is the folder of the run being resumed, or null.
    void load(const runs::RunFolder* resumed);
    // Takes the run's folder: the tokenizer, the method (a LoRA preset's base), the
    // optimizer, then run.json for a new run or the newest checkpoint for a resumed one.
    void attach(const runs::RunFolder& folder, bool resuming);
    TrainingOutcome train();

private:
    void buildModel(const runs::RunFolder* resumed);
    void restoreCheckpoint();
    void writeRunRecord();

    void log(const std::string& message)
    {
        RunEvent event = RunEvent::of(EventKind::Log, step_, totalSteps_);
        event.message = message;
        events_.write(event);
    }
    double epochAt(int64_t step) const { return static_cast<double>(step) / static_cast<double>(stepsPerEpoch_); }
    bool writes() const { return rank() == 0; }
    int ranks() const { return parallel_ ? parallel_->worldSize() : 1; }
    int rank() const { return parallel_ ? parallel_->rank() : 0; }
    // Whether any rank was asked to stop: all ranks stop after the same step.
    bool stopAgreed(bool stopHere);

    const std::vector<size_t>& epochOrder(int64_t epoch);
    double validationLoss();
    TrainerState state() const;
    void saveCheckpoint();
    // Reads the steps' scalars from the device: at logging steps, and before a checkpoint
    // or an evaluation, so that neither ever holds the weights of a diverged step.
    std::optional<TrainingOutcome> readSteps(double learningRate, bool logStep);
    TrainingOutcome finish(RunStatus status, const std::string& message);
    void evaluateTestSplit();
    void predictHeldOutFold();
    TrainingOutcome fail(const std::string& message);

    double elapsedSeconds() const
    {
        return elapsedBefore_ + std::chrono::duration<double>(Clock::now() - sessionStart_).count() - pausedSeconds_;
    }

    std::optional<runs::RunFolder> folder_;
    RunConfig config_;
    EventFanOut events_;
    TrainingControl* control_;
    DataParallel* parallel_;

    TrainingData data_;
    std::optional<data::PromptFormatter> formatter_;
    std::unique_ptr<model::TorchLanguageModel> model_;
    std::unique_ptr<TrainingStrategy> strategy_;
    model::CausalLm network_{nullptr};
    torch::Device device_{torch::kCPU};
    model::NamedTensors trainable_;
    std::unique_ptr<Optimizer> optimizer_;
    std::unique_ptr<TrainStep> trainStep_;
    std::unique_ptr<GradientSync> gradientSync_; // data parallelism: hooks on the trainable tensors

    std::vector<data::EncodedExample> train_, validation_;
    int padId_ = 0;
    int64_t microBatchesPerEpoch_ = 0, stepsPerEpoch_ = 0, totalSteps_ = 0, warmupSteps_ = 0;
    int64_t step_ = 0;
    int64_t cachedEpoch_ = -1;
    std::vector<size_t> order_;

    double bestValidationLoss_ = INFINITY;
    int64_t bestStep_ = -1;
    int evaluationsWithoutImprovement_ = 0;
    double lastTrainLoss_ = NAN;
    int64_t lastReadStep_ = 0;
    double lossSinceLog_ = 0, gradNormAtLog_ = 0;
    int64_t stepsSinceLog_ = 0, tokensSinceLog_ = 0;
    Clock::time_point logStart_ = Clock::now();

    Clock::time_point sessionStart_ = Clock::now();
    double elapsedBefore_ = 0, pausedSeconds_ = 0;
    int64_t sessionFirstStep_ = 0;
};

void Run::load(const runs::RunFolder* resumed)
{
    struct HoldsNothing {
        TrainingControl* control;
        explicit HoldsNothing(TrainingControl* c) : control(c)
        {
            if (control)
                control->setHoldsNothing(true);
        }
        ~HoldsNothing()
        {
            if (control)
                control->setHoldsNothing(false);
        }
    } holdsNothing(control_);
    const std::optional<runs::RunRecord> record = resumed ? std::optional(resumed->readRecord()) : std::nullopt;
    // Each process takes its own rows of every micro-batch: another count would change the
    // batch, the schedule and the order the run was laid out with.
    if (const int64_t recordedRanks = record && record->runtime ? record->runtime->processes : 1;
        record && recordedRanks != ranks())
        throw Error(resumed->path() + ": the run trained in " + std::to_string(recordedRanks) +
                    (recordedRanks == 1 ? " process" : " processes") + ", this resume has " + std::to_string(ranks()) +
                    "; resume it with --nproc-per-node " + std::to_string(recordedRanks) +
                    " (or as many ranks under torchrun or srun)");
    // A node's processes share its cores: with no count given, each takes its part.
    int threads = config_.threads;
    if (threads == 0 && parallel_ && !torch::Device(config_.device).is_cuda())
        threads = std::max(1, int(std::thread::hardware_concurrency()) / parallel_->environment().localWorldSize);
    runtime::configureCompute(threads);
    // Before the data and the model: a preset's tokenizer takes seconds to train.
    if (const auto reason = PrecisionScope::unsupported(torch::Device(config_.device), config_.precision))
        throw Error("'precision' " + config_.precision + ": " + *reason);
    data_ = TrainingData::prepare(config_);
    formatter_.emplace(data_.formatter(config_));
    if (record) {
        const std::string recorded = record->data ? record->data->fingerprint : std::string();
        if (!recorded.empty() && recorded != data_.trainFingerprint)
            throw Error(config_.trainFile + " changed since the run started (" + recorded + ", now " +
                        data_.trainFingerprint + "); a resumed run must see the same data");
    }
    buildModel(resumed);

    const text::Tokenizer& tokenizer = *model_->tokenizer();
    padId_ = std::max(0, tokenizer.padId());
    if (auto chat = model_->chatTemplate()) {
        log("rows are formatted with the model's chat template (" + chat->origin() +
            "); the loss falls on the assistant's turns");
        formatter_->useChatTemplate(std::move(chat));
    }
    train_ = encodeExamples(data_.train, *formatter_, tokenizer, config_.maxSequenceLength, config_.trainOnPrompt);
    validation_ = encodeExamples(data_.validation, *formatter_, tokenizer, config_.maxSequenceLength, false);
    if (config_.packing)
        train_ = data::pack(train_, config_.maxSequenceLength, config_.seed);
    if (train_.empty())
        throw Error(config_.trainFile + ": no training examples (every completion is empty)");

    const auto batch = static_cast<int64_t>(config_.batchSize);
    // A micro-batch spans the ranks: each of them takes `batch` rows of it.
    const int64_t globalBatch = batch * ranks();
    microBatchesPerEpoch_ = (static_cast<int64_t>(train_.size()) + globalBatch - 1) / globalBatch;
    stepsPerEpoch_ = (microBatchesPerEpoch_ + config_.gradientAccumulation - 1) / config_.gradientAccumulation;
    totalSteps_ = config_.maxSteps > 0 ? config_.maxSteps : config_.epochs * stepsPerEpoch_;
    warmupSteps_ = config_.warmupSteps > 0
                       ? config_.warmupSteps
                       : static_cast<int64_t>(std::ceil(config_.warmupRatio * static_cast<double>(totalSteps_)));
}

void Run::attach(const runs::RunFolder& folder, bool resuming)
{
    folder_.emplace(folder);
    if (writes())
        events_.attach(folder);
    if (!resuming)
        model_->writeTokenizerFiles(folder_->path());
    strategy_ = makeStrategy(config_, *folder_, isPreset(config_.model));
    strategy_->prepare(*model_);
    trainable_ = trainableWeights(*model_);

    OptimizerSettings settings;
    settings.kind = kOptimizers.find(config_.optimizer).value(); // validated with the configuration
    settings.beta1 = config_.adamBeta1;
    settings.beta2 = config_.adamBeta2;
    settings.epsilon = config_.adamEpsilon;
    settings.momentum = config_.momentum;
    settings.weightDecay = config_.weightDecay;
    settings.fused = device_.is_cuda() && fusedAdamWAvailable();
    optimizer_ = std::make_unique<Optimizer>(trainable_, settings);
    trainStep_ = std::make_unique<TrainStep>(network_, *optimizer_, config_.precision, config_.maxGradNorm);
    if (parallel_) {
        gradientSync_ = parallel_->gradientSync(optimizer_->parameters(), int64_t(config_.ddpBucketCapMegabytes) << 20);
        trainStep_->setGradientSync(gradientSync_.get());
    }
    network_->setActivationCheckpointing(config_.gradientCheckpointing);

    if (resuming)
        restoreCheckpoint();
    else
        writeRunRecord();
}

void Run::buildModel(const runs::RunFolder* resumed)
{
    if (isPreset(config_.model)) {
        // Presets start from random weights, fixed by the seed, with a tokenizer trained on
        // this run's training rows; a resumed run reads that tokenizer back.
        std::string sentencePiece;
        if (resumed) {
            sentencePiece = readWholeFile(resumed->tokenizerPath());
        } else {
            log("training a " + std::to_string(config_.tokenizerVocabSize) + "-piece tokenizer on the training rows");
            text::SentencePieceTrainOptions options;
            options.vocabSize = config_.tokenizerVocabSize;
            options.exactVocabSize = false;
            options.threads = config_.threads;
            sentencePiece = text::SentencePiece::train(trainingTexts(data_.train, *formatter_), options);
        }
        const auto tokenizer = text::SentencePiece::fromBytes(sentencePiece);
        model_ = model::TorchLanguageModel::create(model::ModelConfig::preset(config_.model, tokenizer->vocabSize()),
                                                   config_.seed, config_.device);
        model_->setTokenizer(sentencePiece);
    } else {
        model_ = model::TorchLanguageModel::load(config_.model, config_.device);
        if (!model_->tokenizer())
            throw Error(config_.model + ": no tokenizer.json or tokenizer.model; Finch needs the model's tokenizer to train on text");
    }
    network_ = model_->network();
    device_ = model_->torchDevice();
}

void Run::writeRunRecord()
{
    const model::ModelConfig& modelConfig = network_->config();
    int64_t trainableCount = 0;
    for (const auto& [name, tensor] : trainable_)
        trainableCount += tensor.numel();
    runs::RunRecord record;
    record.finchVersion = FINCH_VERSION;
    record.id = folder_->id();
    record.created = isoTime();
    record.status = RunStatus::Running;
    record.config = config_.toJson();
    record.model = runs::ModelRecord{.source = config_.model,
                                     .preset = isPreset(config_.model),
                                     .architecture = modelConfig.architecture,
                                     .parameters = modelConfig.parameterCount(),
                                     .trainableParameters = trainableCount,
                                     .layers = modelConfig.numLayers,
                                     .hiddenSize = modelConfig.hiddenSize,
                                     .vocabSize = modelConfig.vocabSize,
                                     .configFingerprint = fingerprint(modelConfig.toJson().dump())};
    runs::DataRecord dataRecord;
    dataRecord.kind = std::string(data::taskKindName(data_.schema.kind));
    for (const auto& [role, field] : data_.schema.fields)
        dataRecord.fields[std::string(data::roleName(role))] = field;
    dataRecord.trainFile = config_.trainFile;
    dataRecord.fingerprint = data_.trainFingerprint;
    dataRecord.rows = {{"train", int64_t(data_.train.rows.size())},
                       {"validation", int64_t(data_.validation.rows.size())},
                       {"test", int64_t(data_.test.rows.size())}};
    dataRecord.labels = data_.labels;
    record.data = std::move(dataRecord);
    record.schedule = runs::ScheduleRecord{.totalSteps = totalSteps_,
                                           .stepsPerEpoch = stepsPerEpoch_,
                                           .warmupSteps = warmupSteps_,
                                           .trainingSequences = int64_t(train_.size())};
    record.runtime = runs::RuntimeRecord{
        .torch = runtime::runtimeInfo().torchVersion, .device = device_.str(), .processes = ranks()};
    folder_->writeRecord(record);
}

void Run::restoreCheckpoint()
{
    const std::vector<int64_t> steps = folder_->checkpointSteps();
    if (steps.empty()) {
        log("no checkpoint yet: the run starts again from step 0");
        return;
    }
    const std::string path = folder_->checkpointPath(steps.back());
    const TrainerState state = readCheckpoint(path, trainable_, optimizer_.get());
    step_ = state.globalStep;
    bestValidationLoss_ = std::isnan(state.bestValidationLoss) ? INFINITY : state.bestValidationLoss;
    bestStep_ = state.bestStep;
    evaluationsWithoutImprovement_ = state.evaluationsWithoutImprovement;
    elapsedBefore_ = state.elapsedSeconds;
    trainStep_->restoreLossScale(state.lossScale, state.goodStepsSinceScale);
    if (writes())
        folder_->truncateEventsAfter(step_);
    sessionFirstStep_ = step_;
    log("resumed from " + path + " at step " + std::to_string(step_));
}

const std::vector<size_t>& Run::epochOrder(int64_t epoch)
{
    if (epoch != cachedEpoch_) {
        order_ = data::epochOrder(train_.size(), config_.seed, epoch);
        cachedEpoch_ = epoch;
    }
    return order_;
}

double Run::validationLoss()
{
    at::NoGradGuard noGrad;
    network_->eval();
    double total = 0;
    int64_t counted = 0;
    // Each rank evaluates every ranks()-th row; the sums are gathered below.
    std::vector<size_t> all;
    for (size_t i = size_t(rank()); i < validation_.size(); i += size_t(ranks()))
        all.push_back(i);
    const auto batches = static_cast<int64_t>((all.size() + size_t(config_.batchSize) - 1) / size_t(config_.batchSize));
    for (const std::vector<size_t>& rows : data::microBatches(all, 0, batches, config_.batchSize)) {
        const DeviceBatch b = toDevice(data::padBatch(validation_, rows, padId_), device_);
        if (b.counted == 0)
            continue;
        const at::Tensor loss = model::causalLmLoss(network_->forward(b.ids, b.mask), b.labels);
        total += loss.item<double>() * static_cast<double>(b.counted);
        counted += b.counted;
    }
    network_->train();
    if (parallel_) {
        const at::Tensor sums = at::tensor({total, static_cast<double>(counted)}, at::kDouble);
        parallel_->allReduceSum(sums);
        total = sums[0].item<double>();
        counted = static_cast<int64_t>(sums[1].item<double>());
    }
    return counted ? total / static_cast<double>(counted) : NAN;
}

TrainerState Run::state() const
{
    TrainerState state;
    state.globalStep = step_;
    state.epoch = epochAt(step_);
    state.epochIndex = step_ / stepsPerEpoch_;
    state.microBatchInEpoch = (step_ % stepsPerEpoch_) * config_.gradientAccumulation;
    state.totalSteps = totalSteps_;
    state.bestValidationLoss = bestValidationLoss_;
    state.bestStep = bestStep_;
    state.evaluationsWithoutImprovement = evaluationsWithoutImprovement_;
    state.elapsedSeconds = elapsedSeconds();
    state.lossScale = trainStep_->lossScale();
    state.goodStepsSinceScale = trainStep_->goodStepsSinceScale();
    return state;
}

void Run::saveCheckpoint()
{
    if (!writes())
        return;
    const std::string path = folder_->checkpointPath(step_);
    replaceFolderAtomically(path, [this](const std::string& temporary) {
        writeCheckpoint(temporary, trainable_, optimizer_.get(), state());
    });
    std::vector<int64_t> steps = folder_->checkpointSteps();
    while (static_cast<int>(steps.size()) > config_.saveTotalLimit) {
        fs::remove_all(folder_->checkpointPath(steps.front()));
        steps.erase(steps.begin());
    }
    RunEvent event = RunEvent::of(EventKind::Checkpoint, step_, totalSteps_);
    event.path = path;
    events_.write(event);
}

bool Run::stopAgreed(bool stopHere)
{
    if (!parallel_)
        return stopHere;
    const at::Tensor votes = at::tensor({stopHere ? 1.0 : 0.0}, at::kDouble);
    parallel_->allReduceSum(votes);
    return votes.item<double>() > 0;
}

std::optional<TrainingOutcome> Run::readSteps(double learningRate, bool logStep)
{
    if (trainStep_->pending()) {
        const StepScalars scalars = trainStep_->read();
        const int64_t firstStep = lastReadStep_ + 1;
        lastReadStep_ = step_;
        if (!scalars.finite) {
            const std::vector<int64_t> kept = folder_->checkpointSteps();
            const std::string when = firstStep == step_ ? "at step " + std::to_string(step_)
                                                        : "between steps " + std::to_string(firstStep) + " and " + std::to_string(step_);
            return fail("the loss or the gradient norm became NaN or infinite " + when + "; try a lower learning rate" +
                        (kept.empty() ? std::string() : "; the last good checkpoint is step " + std::to_string(kept.back())));
        }
        lossSinceLog_ += scalars.meanLoss * static_cast<double>(scalars.steps);
        stepsSinceLog_ += scalars.steps;
        gradNormAtLog_ = scalars.gradNorm;
        lastTrainLoss_ = scalars.meanLoss;
    }
    if (!logStep || stepsSinceLog_ == 0)
        return std::nullopt;
    RunEvent event = RunEvent::of(EventKind::Step, step_, totalSteps_);
    event.epoch = epochAt(step_);
    event.trainLoss = lossSinceLog_ / static_cast<double>(stepsSinceLog_);
    event.learningRate = learningRate;
    event.gradNorm = gradNormAtLog_;
    const double interval = std::chrono::duration<double>(Clock::now() - logStart_).count();
    event.tokensPerSecond = interval > 0 ? static_cast<double>(tokensSinceLog_) / interval : 0;
    event.elapsedSeconds = elapsedSeconds();
    const double sessionSeconds = event.elapsedSeconds - elapsedBefore_;
    event.etaSeconds = sessionSeconds / static_cast<double>(step_ - sessionFirstStep_) * static_cast<double>(totalSteps_ - step_);
    events_.write(event);
    lossSinceLog_ = 0;
    stepsSinceLog_ = 0;
    tokensSinceLog_ = 0;
    logStart_ = Clock::now();
    return std::nullopt;
}

TrainingOutcome Run::fail(const std::string& message)
{
    if (writes())
        folder_->setStatus(RunStatus::Failed, message);
    RunEvent event = RunEvent::of(EventKind::Failed, step_, totalSteps_);
    event.path = folder_->path();
    event.message = message;
    events_.write(event);
    return {folder_->path(), RunStatus::Failed, step_, message};
}

TrainingOutcome Run::train()
{
    network_->train();
    sessionStart_ = Clock::now();
    {
        RunEvent started = RunEvent::of(EventKind::Started, step_, totalSteps_);
        started.path = folder_->path();
        started.message = std::to_string(train_.size()) + " training sequences, " + std::to_string(totalSteps_) +
                          " steps, " + std::to_string(trainable_.size()) + " trainable tensors on " + device_.str();
        events_.write(started);
    }
    const PrecisionScope precision(device_, config_.precision);
    bool earlyStopped = false;
    lastReadStep_ = step_;
    tokensSinceLog_ = 0;
    logStart_ = Clock::now();
    double learningRate = 0;

    while (step_ < totalSteps_) {
        if (control_) {
            if (control_->paused() && !control_->stopRequested()) {
                events_.write(RunEvent::of(EventKind::Paused, step_, totalSteps_));
                const Clock::time_point pauseStart = Clock::now();
                control_->waitWhilePaused();
                const double paused = std::chrono::duration<double>(Clock::now() - pauseStart).count();
                pausedSeconds_ += paused;
                logStart_ += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(paused));
                events_.write(RunEvent::of(EventKind::Resumed, step_, totalSteps_));
            }
        }
        if (stopAgreed(control_ && (control_->stopRequested() || (control_->stopStep() > 0 && step_ >= control_->stopStep())))) {
            if (auto failed = readSteps(learningRate, false))
                return *failed;
            saveCheckpoint();
            return finish(RunStatus::Stopped, "stopped at step " + std::to_string(step_) + "; continue with --resume");
        }

        const int64_t epoch = step_ / stepsPerEpoch_;
        const int64_t firstMicro = (step_ % stepsPerEpoch_) * config_.gradientAccumulation;
        const int64_t lastMicro = std::min(microBatchesPerEpoch_, firstMicro + config_.gradientAccumulation);
        const auto micro = data::microBatches(epochOrder(epoch), firstMicro, lastMicro, config_.batchSize * ranks());
        // The loss tokens of the whole step, over all ranks: each rank weighs its share by
        // them, so the summed gradients are the token mean of the global batch.
        int64_t windowCounted = 0;
        for (const std::vector<size_t>& rows : micro)
            for (const size_t row : rows) {
                windowCounted += data::countedTokens(train_[row]);
                tokensSinceLog_ += static_cast<int64_t>(train_[row].ids.size()); // the job's, not this rank's
            }
        // Dropout draws from torch's generator: seeding it per step makes the step, not the
        // history, decide the random numbers, so a resumed run draws the same ones.
        torch::manual_seed(config_.seed * 1000003ULL + static_cast<uint64_t>(step_) +
                           7919ULL * static_cast<uint64_t>(rank())); // ranks draw their own masks

        // This rank's rows of each micro-batch; the epoch's last batch may leave it none.
        std::vector<std::vector<size_t>> local;
        for (const std::vector<size_t>& global : micro) {
            const size_t first = std::min(global.size(), size_t(config_.batchSize) * size_t(rank()));
            const auto end = std::min(global.size(), first + size_t(config_.batchSize));
            if (end > first)
                local.emplace_back(global.begin() + std::ptrdiff_t(first), global.begin() + std::ptrdiff_t(end));
        }
        for (size_t i = 0; i < local.size(); ++i) {
            const DeviceBatch batch = toDevice(data::padBatch(train_, local[i], padId_), device_);
            trainStep_->accumulate(batch, windowCounted, i + 1 == local.size());
        }
        learningRate = config_.learningRate * learningRateFactor(config_.scheduler, step_, warmupSteps_, totalSteps_);
        try {
            if (!trainStep_->apply(learningRate))
                continue; // fp16 overflow: the same step again with a smaller loss scale
        } catch (const Error& error) {
            return fail("step " + std::to_string(step_ + 1) + ": " + error.what());
        }
        ++step_;

        const bool epochEnd = step_ % stepsPerEpoch_ == 0;
        const bool lastStep = step_ == totalSteps_;
        const bool evaluate = !validation_.empty() && ((config_.evalSteps > 0 && step_ % config_.evalSteps == 0) ||
                                                       (config_.evalSteps == 0 && epochEnd) || lastStep);
        const bool save = !lastStep && ((config_.saveSteps > 0 && step_ % config_.saveSteps == 0) ||
                                        (config_.saveSteps == 0 && epochEnd));
        const bool logStep = step_ % config_.loggingSteps == 0 || lastStep;
        if (logStep || evaluate || save)
            if (auto failed = readSteps(learningRate, logStep))
                return *failed;
        if (evaluate) {
            const double loss = validationLoss();
            if (loss < bestValidationLoss_) {
                bestValidationLoss_ = loss;
                bestStep_ = step_;
                evaluationsWithoutImprovement_ = 0;
                if (config_.loadBestModelAtEnd)
                    replaceFolderAtomically(folder_->bestPath(), [this](const std::string& temporary) {
                        writeCheckpoint(temporary, trainable_, nullptr, state());
                    });
            } else {
                ++evaluationsWithoutImprovement_;
            }
            RunEvent event = RunEvent::of(EventKind::Evaluation, step_, totalSteps_);
            event.epoch = epochAt(step_);
            event.validationLoss = loss;
            events_.write(event);
            earlyStopped = config_.earlyStoppingPatience > 0 &&
                           evaluationsWithoutImprovement_ >= config_.earlyStoppingPatience;
        }
        if (save)
            saveCheckpoint();
        if (earlyStopped) {
            log("early stopping: the validation loss has not improved for " +
                std::to_string(config_.earlyStoppingPatience) + " evaluations");
            break;
        }
    }
    // The last step keeps a checkpoint too (optimizer state included): a finished run can
    // train more epochs exactly where it stopped (resume with moreEpochs).
    if (auto failed = readSteps(learningRate, true)) // an early stop between logging steps
        return *failed;
    if (const std::vector<int64_t> kept = folder_->checkpointSteps(); step_ > 0 && (kept.empty() || kept.back() != step_))
        saveCheckpoint();
    return finish(RunStatus::Completed, earlyStopped ? "early stopping at step " + std::to_string(step_) : std::string());
}

// Cross-validation: the rows of the held-out fold, predicted by the model that did not
// train on them, with their file line (to find them again in the dataset).
void Run::predictHeldOutFold()
{
    std::vector<const data::Json*> rows;
    std::vector<const data::Row*> source;
    for (const data::Row& row : data_.heldOut.rows)
        if (row.readable) {
            rows.push_back(&row.value);
            source.push_back(&row);
        }
    eval::EvaluationOptions options;
    options.maxSequenceLength = config_.maxSequenceLength;
    const auto probabilities = eval::labelProbabilitiesOfRows(*model_, *formatter_, data_.labels, rows, options);
    nlohmann::ordered_json predicted = nlohmann::ordered_json::array();
    for (size_t i = 0; i < source.size(); ++i)
        predicted.push_back({{"line", source[i]->line},
                             {"input", data_.schema.inputKey(source[i]->value)},
                             {"label", data_.schema.labelOf(source[i]->value).value_or("")},
                             {"probabilities", probabilities[i]}});
    const nlohmann::ordered_json file{{"folds", config_.crossValidationFolds},
                                      {"fold", config_.crossValidationFold},
                                      {"labels", data_.labels},
                                      {"rows", predicted}};
    writeFileAtomically(folder_->heldOutPath(), file.dump(1) + "\n");
    log("predicted the " + std::to_string(source.size()) + " rows of held-out fold " +
        std::to_string(config_.crossValidationFold + 1) + " of " + std::to_string(config_.crossValidationFolds));
}

// Every rank evaluates its shard of the test split on the final model; rank 0 gathers the
// rows and writes eval.json.
void Run::evaluateTestSplit()
{
    RunEvaluationRequest request;
    request.device = config_.device;
    if (parallel_) {
        parallel_->shareFromRankZero("final", {}); // rank 0 has written final/
        request.shardIndex = size_t(rank());
        request.shardCount = size_t(ranks());
        request.gatherShards = [this](const std::string& rows) { return parallel_->gatherOnRankZero("test rows", rows); };
    }
    // A stop during the test evaluation ends it at the next batch: the model is saved, the
    // run is complete, and `finch eval` evaluates it later.
    const auto keepGoing = [this](size_t, size_t) { return !(control_ && control_->stopRequested()); };
    try {
        evaluateRun(engine::load(), *folder_, request, keepGoing);
    } catch (const Error&) {
        if (keepGoing(0, 0))
            throw;
        log("test evaluation stopped; evaluate later with: finch eval --run " + folder_->path());
    }
}

TrainingOutcome Run::finish(RunStatus status, const std::string& message)
{
    const bool testEvaluation = status == RunStatus::Completed && !data_.test.rows.empty();
    if (!writes()) { // rank 0 saves and records; every rank evaluates
        if (testEvaluation)
            evaluateTestSplit();
        return {folder_->path(), status, step_, message};
    }
    if (status == RunStatus::Completed) {
        if (config_.loadBestModelAtEnd && fs::exists(folder_->bestPath())) {
            readCheckpoint(folder_->bestPath(), trainable_, nullptr);
            log("loaded the best checkpoint (step " + std::to_string(bestStep_) + ", validation loss " +
                std::to_string(bestValidationLoss_) + ")");
        }
        network_->eval();
        replaceFolderAtomically(folder_->finalPath(), [this](const std::string& temporary) {
            strategy_->saveFinal(*model_, temporary);
        });
        if (testEvaluation) {
            log("evaluating on " + std::to_string(data_.test.rows.size()) + " test rows" +
                (parallel_ ? ", a share in each of " + std::to_string(ranks()) + " processes" : std::string()));
            evaluateTestSplit();
            // The bar fine-tuning has to clear, on the same split.
            try {
                if (const auto baseline = evaluateBaseline(data_)) {
                    writeFileAtomically(folder_->baselinePath(), baseline->dump(1) + "\n");
                    log("baseline (" + (*baseline)["method"].get<std::string>() + "): accuracy " +
                        std::to_string((*baseline)["metrics"].value("accuracy", 0.0)));
                }
            } catch (const Error& error) {
                log(std::string("no baseline: ") + error.what());
            }
        }
        if (!data_.heldOut.rows.empty() && data_.schema.kind == data::TaskKind::Classification)
            predictHeldOutFold();
    }
    runs::RunRecord record = folder_->readRecord();
    record.status = status;
    record.message = message;
    record.updated = isoTime();
    record.result = runs::ResultRecord{.steps = step_,
                                       .trainLoss = lastTrainLoss_,
                                       .bestValidationLoss = std::isfinite(bestValidationLoss_) ? bestValidationLoss_ : NAN,
                                       .bestStep = bestStep_,
                                       .trainSeconds = elapsedSeconds(),
                                       .peakMemoryBytes = peakMemoryBytes(device_)};
    folder_->writeRecord(record);
    if (record.result->peakMemoryBytes > 0)
        log("peak memory on " + device_.str() + ": " + std::to_string(record.result->peakMemoryBytes >> 20) + " MiB");
    if (parallel_ && parallel_->traffic().calls > 0) {
        const DataParallel::Traffic& traffic = parallel_->traffic();
        const double steps = static_cast<double>(std::max<int64_t>(1, step_ - sessionFirstStep_));
        std::ostringstream text;
        text << std::fixed << std::setprecision(1) << "all-reduce over " << parallel_->worldSize() << " ranks: "
             << static_cast<double>(traffic.bytes) / steps / 1e6 << " MB and " << traffic.seconds / steps * 1e3
             << " ms a step (rank 0's wait after its backward pass, " << traffic.seconds << " s in all); "
             << traffic.bucketsDuringBackward << " of " << traffic.buckets
             << " gradient buckets went during the backward pass";
        log(text.str());
    }

    RunEvent event = RunEvent::of(EventKind::Finished, step_, totalSteps_);
    event.path = folder_->path();
    event.status = std::string(runs::kRunStatuses.name(status));
    event.message = message;
    event.elapsedSeconds = elapsedSeconds();
    events_.write(event);
    return {folder_->path(), status, step_, message};
}

// Errors after the run folder exists are recorded there before they travel on.
template <typename Body>
TrainingOutcome recordingFailures(const runs::RunFolder& folder, runs::MetricSink* sink, Body&& body)
{
    try {
        return body();
    } catch (const std::exception& error) {
        RunEvent event = RunEvent::of(EventKind::Failed, 0, 0);
        event.path = folder.path();
        event.message = error.what();
        try {
            folder.setStatus(RunStatus::Failed, error.what());
            EventFanOut fanOut(sink);
            fanOut.attach(folder);
            fanOut.write(event);
        } catch (const std::exception&) {
            // The folder cannot take it (a full disk): the host still hears of the failure.
            if (sink)
                sink->write(event);
        }
        throw;
    }
}

// How long a rank waits for the others in a collective before it gives up; rank 0 saving
// a large checkpoint keeps the others waiting in the next one.
std::chrono::seconds distributedTimeout()
{
    const char* text = std::getenv("FINCH_DISTRIBUTED_TIMEOUT");
    const int seconds = text ? std::atoi(text) : 0;
    return std::chrono::seconds(seconds > 0 ? seconds : 600);
}

// Joins the job the environment describes, if any. On GPUs each process of a node takes
// the device of its local rank.
std::unique_ptr<DataParallel> joinJob(std::string& device)
{
    const auto environment = readDistributedEnvironment();
    if (!environment)
        return nullptr;
    if (device.rfind("cuda", 0) == 0)
        device = "cuda:" + std::to_string(environment->localRank);
    return std::make_unique<DataParallel>(*environment, torch::Device(device), distributedTimeout());
}

// Ranks other than 0 train in rank 0's run folder once rank 0 has prepared it, and write
// nothing there.
TrainingOutcome followRun(const std::string& path, runs::MetricSink* sink, TrainingControl* control,
                          DataParallel& parallel)
{
    if (path.empty())
        throw Error("distributed training: rank 0 failed before training; its output says why");
    const runs::RunFolder folder = runs::RunFolder::open(path);
    const runs::RunRecord record = folder.readRecord();
    RunConfig config = runConfig(folder, record);
    if (config.device.rfind("cuda", 0) == 0)
        config.device = "cuda:" + std::to_string(parallel.environment().localRank);
    Run run(config, sink, control, &parallel);
    run.load(&folder);
    run.attach(folder, true);
    return run.train();
}

// Rank 0 tells the others where to train once the folder is ready, or that it failed.
class RankZeroAnnouncement {
public:
    RankZeroAnnouncement(DataParallel* parallel, std::string key) : parallel_(parallel), key_(std::move(key)) {}
    void ready(const std::string& path)
    {
        if (parallel_ && !announced_)
            parallel_->shareFromRankZero(key_, path);
        announced_ = true;
    }
    ~RankZeroAnnouncement()
    {
        if (parallel_ && !announced_) {
            try {
                parallel_->shareFromRankZero(key_, {});
            } catch (const std::exception&) {
                // The others time out instead.
            }
        }
    }

private:
    DataParallel* parallel_;
    std::string key_;
    bool announced_ = false;
};

} // namespace

TrainingOutcome TorchTrainer::start(const RunConfig& requested, runs::MetricSink* sink, TrainingControl* control)
{
    requested.validate();
    // run.json records absolute paths, so a resume works from any working folder.
    RunConfig config = requested;
    for (std::string* path : {&config.trainFile, &config.validationFile, &config.testFile, &config.outputDir})
        if (!path->empty())
            *path = fs::absolute(*path).lexically_normal().string();
    if (!isPreset(config.model))
        config.model = fs::absolute(config.model).lexically_normal().string();
    const std::unique_ptr<DataParallel> parallel = joinJob(config.device);
    if (parallel && parallel->rank() > 0)
        return followRun(parallel->shareFromRankZero("run", {}), sink, control, *parallel);
    RankZeroAnnouncement announcement(parallel.get(), "run");
    Run run(config, sink, control, parallel.get());
    run.load(nullptr);
    const runs::RunFolder folder = runs::RunFolder::create(config.outputDir, config.runName);
    const runs::RunLock lock(folder);
    runs::RunRecord record;
    record.id = folder.id();
    record.config = config.toJson();
    folder.writeRecord(record);
    return recordingFailures(folder, sink, [&] {
        run.attach(folder, false);
        announcement.ready(folder.path());
        return run.train();
    });
}

TrainingOutcome TorchTrainer::resume(const std::string& runPath, runs::MetricSink* sink, TrainingControl* control,
                                     int moreEpochs)
{
    const runs::RunFolder folder = runs::RunFolder::open(runPath);
    std::string device = runConfig(folder, folder.readRecord()).device;
    const std::unique_ptr<DataParallel> parallel = joinJob(device);
    if (parallel && parallel->rank() > 0)
        return followRun(parallel->shareFromRankZero("resume", {}), sink, control, *parallel);
    RankZeroAnnouncement announcement(parallel.get(), "resume");
    const runs::RunLock lock(folder);
    folder.removeLeftovers(); // of a session killed while it replaced a folder
    runs::RunRecord record = folder.readRecord();
    if (moreEpochs < 0)
        throw Error("more epochs: expected a number above 0, found " + std::to_string(moreEpochs));
    if (record.status == RunStatus::Completed && moreEpochs == 0)
        throw Error(runPath + ": the run is already completed (train it on with more epochs)");
    RunConfig config = runConfig(folder, record);
    config.device = device;
    if (moreEpochs > 0) {
        if (config.maxSteps > 0)
            throw Error(runPath + ": the run is bounded by 'max_steps' (" + std::to_string(config.maxSteps) +
                        "), not by epochs: start a new run from its weights instead");
        // The schedule is laid out again over the longer run (the user guide says how). It
        // goes on from the newest checkpoint, which a finished run keeps at its last step.
        config.epochs += moreEpochs;
        record.config = config.toJson();
        if (record.schedule)
            record.schedule->totalSteps = config.epochs * record.schedule->stepsPerEpoch;
        folder.writeRecord(record);
    }
    // A run interrupted before its preparation finished (run.json has no "data" yet, no
    // checkpoint) starts again in the same folder; the result is the same either way.
    return recordingFailures(folder, sink, [&] {
        folder.setStatus(RunStatus::Running);
        Run run(config, sink, control, parallel.get());
        run.load(record.prepared() ? &folder : nullptr);
        run.attach(folder, record.prepared());
        announcement.ready(folder.path());
        return run.train();
    });
}

} // namespace finch::train
