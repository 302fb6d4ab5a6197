// The recipe's first part: data, tokenizer, model, then the folder's strategy, optimizer and
// records (TrainingRecipe.h).
#include "core/engine/train/TrainingRecipe.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/engine/Runtime.h"
#include "core/engine/train/Checkpoint.h"
#include "core/text/SentencePiece.h"
#include "core/train/RunArtifacts.h"

#include <cmath>
#include <ctime>
#include <thread>

namespace finch::train {
namespace {

using runs::RunStatus;

// Marks the control while the run holds nothing worth saving (TrainingControl::holdsNothing).
class HoldingNothing {
public:
    explicit HoldingNothing(TrainingControl* control) : control_(control)
    {
        if (control_)
            control_->setHoldsNothing(true);
    }
    ~HoldingNothing()
    {
        if (control_)
            control_->setHoldsNothing(false);
    }
    HoldingNothing(const HoldingNothing&) = delete;
    HoldingNothing& operator=(const HoldingNothing&) = delete;

private:
    TrainingControl* control_;
};

void buildModel(PreparedRun& run, const runs::RunFolder* resumed)
{
    const RunConfig& config = run.config;
    if (model::ModelConfig::isPreset(config.model)) {
        // Presets start from random weights, fixed by the seed, with a tokenizer trained on
        // this run's training rows; a resumed run reads that tokenizer back.
        std::string sentencePiece;
        if (resumed) {
            sentencePiece = readWholeFile(resumed->tokenizerPath());
        } else {
            run.events.log("training a " + std::to_string(config.tokenizerVocabSize) +
                               "-piece tokenizer on the training rows",
                           0, 0);
            text::SentencePieceTrainOptions options;
            options.vocabSize = config.tokenizerVocabSize;
            options.exactVocabSize = false;
            options.threads = config.threads;
            sentencePiece = text::SentencePiece::train(trainingTexts(run.data.train, *run.formatter), options);
        }
        const auto tokenizer = text::SentencePiece::fromBytes(sentencePiece);
        run.model = model::TorchLanguageModel::create(model::ModelConfig::preset(config.model, tokenizer->vocabSize()),
                                                      config.seed, config.device);
        run.model->setTokenizer(sentencePiece);
    } else {
        run.model = model::TorchLanguageModel::load(config.model, config.device);
        if (!run.model->tokenizer())
            throw Error(config.model + ": no tokenizer.json or tokenizer.model; Finch needs the model's tokenizer to train on text");
    }
    run.network = run.model->network();
    run.device = run.model->torchDevice();
}

StepLayout layOutSteps(const RunConfig& config, size_t trainingSequences, int ranks)
{
    StepLayout layout;
    // A micro-batch spans the ranks: each of them takes `batch_size` rows of it.
    const int64_t globalBatch = int64_t(config.batchSize) * ranks;
    layout.microBatchesPerEpoch = (int64_t(trainingSequences) + globalBatch - 1) / globalBatch;
    layout.stepsPerEpoch = (layout.microBatchesPerEpoch + config.gradientAccumulation - 1) / config.gradientAccumulation;
    layout.totalSteps = config.maxSteps > 0 ? config.maxSteps : config.epochs * layout.stepsPerEpoch;
    layout.warmupSteps = config.warmupSteps > 0
                             ? config.warmupSteps
                             : int64_t(std::ceil(config.warmupRatio * double(layout.totalSteps)));
    return layout;
}

void writeRunRecord(const PreparedRun& run)
{
    const model::ModelConfig& modelConfig = run.network->config();
    int64_t trainableCount = 0;
    for (const auto& [name, tensor] : run.trainable)
        trainableCount += tensor.numel();
    runs::RunRecord record;
    record.finchVersion = FINCH_VERSION;
    record.id = run.folder->id();
    record.created = isoTime();
    record.status = RunStatus::Running;
    record.config = run.config.toJson();
    record.model = runs::ModelRecord{.source = run.config.model,
                                     .preset = model::ModelConfig::isPreset(run.config.model),
                                     .architecture = modelConfig.architecture,
                                     .parameters = modelConfig.parameterCount(),
                                     .trainableParameters = trainableCount,
                                     .layers = modelConfig.numLayers,
                                     .hiddenSize = modelConfig.hiddenSize,
                                     .vocabSize = modelConfig.vocabSize,
                                     .configFingerprint = fingerprint(modelConfig.toJson().dump())};
    runs::DataRecord dataRecord;
    dataRecord.kind = std::string(data::taskKindName(run.data.schema.kind));
    for (const auto& [role, field] : run.data.schema.fields)
        dataRecord.fields[std::string(data::roleName(role))] = field;
    dataRecord.trainFile = run.config.trainFile;
    dataRecord.fingerprint = run.data.trainFingerprint;
    dataRecord.rows = {{"train", int64_t(run.data.train.rows.size())},
                       {"validation", int64_t(run.data.validation.rows.size())},
                       {"test", int64_t(run.data.test.rows.size())}};
    dataRecord.labels = run.data.labels;
    record.data = std::move(dataRecord);
    record.schedule = runs::ScheduleRecord{.totalSteps = run.layout.totalSteps,
                                           .stepsPerEpoch = run.layout.stepsPerEpoch,
                                           .warmupSteps = run.layout.warmupSteps,
                                           .trainingSequences = int64_t(run.train.size())};
    record.runtime = runs::RuntimeRecord{
        .torch = runtime::runtimeInfo().torchVersion, .device = run.device.str(), .processes = run.ranks()};
    run.folder->writeRecord(record);
}

void restoreCheckpoint(PreparedRun& run)
{
    const std::vector<int64_t> steps = run.folder->checkpointSteps();
    if (steps.empty()) {
        run.events.log("no checkpoint yet: the run starts again from step 0", 0, run.layout.totalSteps);
        return;
    }
    const std::string path = run.folder->checkpointPath(steps.back());
    run.restored = readCheckpoint(path, run.trainable, run.optimizer.get());
    run.trainStep->restoreLossScale(run.restored.lossScale, run.restored.goodStepsSinceScale);
    if (run.writes())
        run.folder->truncateEventsAfter(run.restored.globalStep);
    run.events.log("resumed from " + path + " at step " + std::to_string(run.restored.globalStep),
                   run.restored.globalStep, run.layout.totalSteps);
}

} // namespace

void RunEvents::reportTo(const RunConfig& config, const runs::RunFolder& folder)
{
    tensorBoard_ = runs::makeReportSink(config, folder);
}

void RunEvents::write(const runs::RunEvent& event)
{
    if (file_)
        file_->write(event);
    if (tensorBoard_)
        tensorBoard_->write(event);
    if (host_)
        host_->write(event);
}

void RunEvents::writeTestMetrics(int64_t step, double epoch, const nlohmann::ordered_json& metrics)
{
    if (tensorBoard_)
        tensorBoard_->writeTestMetrics(step, epoch, metrics);
}

void RunEvents::log(const std::string& message, int64_t step, int64_t totalSteps)
{
    runs::RunEvent event = runs::RunEvent::of(runs::EventKind::Log, step, totalSteps);
    event.message = message;
    write(event);
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

void prepareRun(PreparedRun& run, const runs::RunFolder* resumed)
{
    const RunConfig& config = run.config;
    const HoldingNothing holdingNothing(run.control);
    const std::optional<runs::RunRecord> record = resumed ? std::optional(resumed->readRecord()) : std::nullopt;
    // Each process takes its own rows of every micro-batch: another count would change the
    // batch, the schedule and the order the run was laid out with.
    if (const int64_t recordedRanks = record && record->runtime ? record->runtime->processes : 1;
        record && recordedRanks != run.ranks())
        throw Error(resumed->path() + ": the run trained in " + std::to_string(recordedRanks) +
                    (recordedRanks == 1 ? " process" : " processes") + ", this resume has " + std::to_string(run.ranks()) +
                    "; resume it with --nproc-per-node " + std::to_string(recordedRanks) +
                    " (or as many ranks under torchrun or srun)");
    // A node's processes share its cores: with no count given, each takes its part.
    int threads = config.threads;
    if (threads == 0 && run.parallel && !torch::Device(config.device).is_cuda())
        threads = std::max(1, int(std::thread::hardware_concurrency()) / run.parallel->environment().localWorldSize);
    runtime::configureCompute(threads);
    // Before the data and the model: a preset's tokenizer takes seconds to train.
    if (const auto reason = PrecisionScope::unsupported(torch::Device(config.device), config.precision))
        throw Error("'precision' " + config.precision + ": " + *reason);
    run.data = TrainingData::prepare(config);
    run.formatter.emplace(run.data.formatter(config));
    if (record) {
        const std::string recorded = record->data ? record->data->fingerprint : std::string();
        if (!recorded.empty() && recorded != run.data.trainFingerprint)
            throw Error(config.trainFile + " changed since the run started (" + recorded + ", now " +
                        run.data.trainFingerprint + "); a resumed run must see the same data");
    }
    buildModel(run, resumed);

    const text::Tokenizer& tokenizer = *run.model->tokenizer();
    run.padId = std::max(0, tokenizer.padId());
    if (auto chat = run.model->chatTemplate()) {
        run.events.log("rows are formatted with the model's chat template (" + chat->origin() +
                           "); the loss falls on the assistant's turns",
                       0, 0);
        run.formatter->useChatTemplate(std::move(chat));
    }
    run.train = encodeExamples(run.data.train, *run.formatter, tokenizer, config.maxSequenceLength, config.trainOnPrompt);
    run.validation = encodeExamples(run.data.validation, *run.formatter, tokenizer, config.maxSequenceLength, false);
    if (config.packing)
        run.train = data::pack(run.train, config.maxSequenceLength, config.seed);
    if (run.train.empty())
        throw Error(config.trainFile + ": no training examples (every completion is empty)");
    run.layout = layOutSteps(config, run.train.size(), run.ranks());
}

void attachFolder(PreparedRun& run, const runs::RunFolder& folder, bool resuming)
{
    run.folder.emplace(folder);
    if (run.writes()) {
        run.events.attach(folder);
        run.events.reportTo(run.config, folder);
    }
    if (!resuming)
        run.model->writeTokenizerFiles(folder.path());
    run.strategy = makeStrategy(run.config, folder, model::ModelConfig::isPreset(run.config.model));
    run.strategy->prepare(*run.model);
    run.trainable = trainableWeights(*run.model);

    OptimizerSettings settings;
    settings.kind = kOptimizers.find(run.config.optimizer).value(); // validated with the configuration
    settings.beta1 = run.config.adamBeta1;
    settings.beta2 = run.config.adamBeta2;
    settings.epsilon = run.config.adamEpsilon;
    settings.momentum = run.config.momentum;
    settings.weightDecay = run.config.weightDecay;
    settings.fused = run.device.is_cuda() && fusedAdamWAvailable();
    run.optimizer = std::make_unique<Optimizer>(run.trainable, settings);
    run.trainStep = std::make_unique<TrainStep>(run.network, *run.optimizer, run.config.precision, run.config.maxGradNorm);
    if (run.parallel) {
        run.gradientSync =
            run.parallel->gradientSync(run.optimizer->parameters(), int64_t(run.config.ddpBucketCapMegabytes) << 20);
        run.trainStep->setGradientSync(run.gradientSync.get());
    }
    run.network->setActivationCheckpointing(run.config.gradientCheckpointing);

    if (resuming)
        restoreCheckpoint(run);
    else
        writeRunRecord(run);
}

} // namespace finch::train
