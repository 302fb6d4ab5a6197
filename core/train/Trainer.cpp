#include "core/train/Trainer.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/common/Random.h"
#include "core/model/LanguageModelImpl.h"
#include "core/runs/RunFolder.h"
#include "core/runtime/Runtime.h"
#include "core/text/SentencePiece.h"
#include "core/train/Optimizer.h"
#include "core/train/RunArtifacts.h"
#include "core/train/TrainingData.h"

#include <ATen/autocast_mode.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>

namespace finch::train {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using model::LanguageModel;
using Clock = std::chrono::steady_clock;

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

// Label tokens that count towards the loss: labels[1:] that are not -100.
int64_t countedTokens(const EncodedExample& example)
{
    int64_t count = 0;
    for (size_t i = 1; i < example.labels.size(); ++i)
        count += example.labels[i] != -100;
    return count;
}

// Packing: the examples, in a seeded order, end to end, cut into full-length sequences.
std::vector<EncodedExample> pack(const std::vector<EncodedExample>& examples, int maxLength, uint64_t seed)
{
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    SplitMix64(seed ^ 0x5041434BULL).shuffle(order);
    std::vector<EncodedExample> packed(1);
    for (const size_t index : order) {
        const EncodedExample& example = examples[index];
        for (size_t t = 0; t < example.ids.size(); ++t) {
            if (packed.back().ids.size() == static_cast<size_t>(maxLength))
                packed.emplace_back();
            packed.back().ids.push_back(example.ids[t]);
            packed.back().labels.push_back(example.labels[t]);
        }
    }
    if (packed.back().ids.size() < 2)
        packed.pop_back();
    return packed;
}

struct Batch {
    at::Tensor ids, labels, mask; // mask undefined when no row is padded
    int64_t counted = 0;          // tokens in the loss
    int64_t tokens = 0;           // real (not padding) tokens
};

// Pads to the longest row of the batch (dynamic padding), on the right.
Batch makeBatch(const std::vector<EncodedExample>& examples, const std::vector<size_t>& rows, int padId,
                const torch::Device& device)
{
    size_t longest = 0;
    for (const size_t row : rows)
        longest = std::max(longest, examples[row].ids.size());
    const auto count = static_cast<int64_t>(rows.size()), width = static_cast<int64_t>(longest);
    std::vector<int64_t> ids(rows.size() * longest, padId), labels(ids.size(), -100), mask(ids.size(), 0);
    Batch batch;
    bool padded = false;
    for (size_t r = 0; r < rows.size(); ++r) {
        const EncodedExample& example = examples[rows[r]];
        std::copy(example.ids.begin(), example.ids.end(), ids.begin() + long(r * longest));
        std::copy(example.labels.begin(), example.labels.end(), labels.begin() + long(r * longest));
        std::fill_n(mask.begin() + long(r * longest), example.ids.size(), 1);
        padded |= example.ids.size() < longest;
        batch.counted += countedTokens(example);
        batch.tokens += static_cast<int64_t>(example.ids.size());
    }
    const auto options = at::TensorOptions().dtype(at::kLong);
    batch.ids = at::from_blob(ids.data(), {count, width}, options).to(device, false, true);
    batch.labels = at::from_blob(labels.data(), {count, width}, options).to(device, false, true);
    if (padded)
        batch.mask = at::from_blob(mask.data(), {count, width}, options).to(device, false, true);
    return batch;
}

// Writes a folder next to its final place and renames it there, so a crash leaves either
// the old folder or the new one.
template <typename Fill>
void writeFolderAtomically(const fs::path& target, Fill&& fill)
{
    const fs::path temporary = target.parent_path() / (".tmp-" + target.filename().string());
    fs::remove_all(temporary);
    fs::create_directories(temporary);
    try {
        fill(temporary);
    } catch (...) {
        std::error_code ignored; // a full disk: leave no half-written folder behind
        fs::remove_all(temporary, ignored);
        throw;
    }
    fs::remove_all(target);
    fs::rename(temporary, target);
}

class Run {
public:
    Run(runs::RunFolder folder, RunConfig config, const TrainingObserver& observer, TrainingControl* control)
        : folder_(std::move(folder)), config_(std::move(config)), observer_(observer), control_(control)
    {
    }

    void prepare(bool resuming);
    TrainingOutcome train();

private:
    void buildModel(bool resuming);
    void applyMethod();
    void restoreCheckpoint();
    void writeRunInfo();

    void emit(TrainingEvent event) const
    {
        if (observer_)
            observer_(event);
    }
    void log(const std::string& message) const
    {
        TrainingEvent event;
        event.kind = TrainingEvent::Kind::Log;
        event.step = step_;
        event.message = message;
        emit(event);
    }

    const std::vector<size_t>& epochOrder(int64_t epoch);
    double validationLoss();
    void saveCheckpoint();
    void saveTrainable(const fs::path& folder, bool withOptimizer) const;
    Json trainerState() const;
    TrainingOutcome finish(const std::string& status, const std::string& message);
    TrainingOutcome fail(const std::string& message);
    TrainingEvent progressMarker(TrainingEvent::Kind kind) const
    {
        TrainingEvent event;
        event.kind = kind;
        event.step = step_;
        event.totalSteps = totalSteps_;
        return event;
    }

    double elapsedSeconds() const
    {
        return elapsedBefore_ + std::chrono::duration<double>(Clock::now() - sessionStart_).count() - pausedSeconds_;
    }

    runs::RunFolder folder_;
    RunConfig config_;
    const TrainingObserver& observer_;
    TrainingControl* control_;

    TrainingData data_;
    std::optional<data::PromptFormatter> formatter_;
    std::optional<LanguageModel> model_;
    model::CausalLm network_{nullptr};
    torch::Device device_{torch::kCPU};
    std::vector<std::pair<std::string, at::Tensor>> trainable_;
    std::unique_ptr<Optimizer> optimizer_;

    std::vector<EncodedExample> train_, validation_;
    int padId_ = 0;
    int64_t microBatchesPerEpoch_ = 0, stepsPerEpoch_ = 0, totalSteps_ = 0, warmupSteps_ = 0;
    int64_t step_ = 0;
    int64_t cachedEpoch_ = -1;
    std::vector<size_t> order_;

    double bestValidationLoss_ = INFINITY;
    int64_t bestStep_ = -1;
    int evaluationsWithoutImprovement_ = 0;
    double lastTrainLoss_ = NAN;
    double lossScale_ = 1.0; // fp16 only
    int64_t goodStepsSinceScale_ = 0;

    Clock::time_point sessionStart_ = Clock::now();
    double elapsedBefore_ = 0, pausedSeconds_ = 0;
    int64_t sessionFirstStep_ = 0;
};

void Run::prepare(bool resuming)
{
    runtime::configureCompute(config_.threads);
    data_ = TrainingData::prepare(config_);
    formatter_.emplace(data_.formatter(config_));
    if (resuming) {
        const Json info = folder_.readInfo();
        const std::string recorded = info.value("data", Json::object()).value("fingerprint", "");
        if (!recorded.empty() && recorded != data_.trainFingerprint)
            throw Error(config_.trainFile + " changed since the run started (" + recorded + ", now " +
                        data_.trainFingerprint + "); a resumed run must see the same data");
    }
    buildModel(resuming);

    const text::Tokenizer& tokenizer = *model_->tokenizer();
    padId_ = std::max(0, tokenizer.padId());
    train_ = encodeExamples(data_.train, *formatter_, tokenizer, config_.maxSequenceLength, config_.trainOnPrompt);
    validation_ = encodeExamples(data_.validation, *formatter_, tokenizer, config_.maxSequenceLength, false);
    if (config_.packing)
        train_ = pack(train_, config_.maxSequenceLength, config_.seed);
    if (train_.empty())
        throw Error(config_.trainFile + ": no training examples (every completion is empty)");

    const auto batch = static_cast<int64_t>(config_.batchSize);
    microBatchesPerEpoch_ = (static_cast<int64_t>(train_.size()) + batch - 1) / batch;
    stepsPerEpoch_ = (microBatchesPerEpoch_ + config_.gradientAccumulation - 1) / config_.gradientAccumulation;
    totalSteps_ = config_.maxSteps > 0 ? config_.maxSteps : config_.epochs * stepsPerEpoch_;
    warmupSteps_ = config_.warmupSteps > 0
                       ? config_.warmupSteps
                       : static_cast<int64_t>(std::ceil(config_.warmupRatio * static_cast<double>(totalSteps_)));

    OptimizerSettings settings;
    settings.kind = config_.optimizer;
    settings.beta1 = config_.adamBeta1;
    settings.beta2 = config_.adamBeta2;
    settings.epsilon = config_.adamEpsilon;
    settings.momentum = config_.momentum;
    settings.weightDecay = config_.weightDecay;
    optimizer_ = std::make_unique<Optimizer>(trainable_, settings);
    if (config_.precision == "fp16")
        lossScale_ = 65536.0;

    if (resuming)
        restoreCheckpoint();
    else
        writeRunInfo();
}

void Run::buildModel(bool resuming)
{
    if (isPreset(config_.model)) {
        // Presets start from random weights, fixed by the seed, with a tokenizer trained on
        // this run's training rows; a resumed run reads that tokenizer back.
        std::string sentencePiece;
        if (resuming) {
            sentencePiece = readWholeFile(folder_.tokenizerPath());
        } else {
            log("training a " + std::to_string(config_.tokenizerVocabSize) + "-piece tokenizer on the training rows");
            text::SentencePieceTrainOptions options;
            options.vocabSize = config_.tokenizerVocabSize;
            options.exactVocabSize = false;
            options.threads = config_.threads;
            sentencePiece = text::SentencePiece::train(trainingTexts(data_.train, *formatter_), options);
            writeFileAtomically(folder_.tokenizerPath(), sentencePiece);
        }
        const auto tokenizer = text::SentencePiece::fromBytes(sentencePiece);
        model_.emplace(LanguageModel::create(model::ModelConfig::preset(config_.model, tokenizer->vocabSize()),
                                             config_.seed, config_.device));
        model_->setTokenizer(sentencePiece);
    } else {
        model_.emplace(LanguageModel::load(config_.model, config_.device));
        if (!model_->tokenizer())
            throw Error(config_.model + ": no tokenizer.model; Finch needs the model's SentencePiece tokenizer to train on text");
        if (!resuming)
            writeFileAtomically(folder_.tokenizerPath(), model_->impl().tokenizerModel);
    }
    network_ = model_->impl().network;
    device_ = model_->impl().device;
    applyMethod();
}

void Run::applyMethod()
{
    const int64_t layers = network_->config().numLayers;
    switch (config_.method) {
    case model::TrainingMethod::Full:
        break;
    case model::TrainingMethod::Lora:
        if (isPreset(config_.model) && !fs::exists(folder_.path() + "/base")) {
            // The adapter needs its base; a preset's random base exists nowhere else.
            writeFolderAtomically(folder_.path() + "/base", [this](const fs::path& temporary) { model_->save(temporary.string()); });
        }
        model_->addLora(config_.lora, config_.seed);
        break;
    case model::TrainingMethod::FrozenBody: {
        const int64_t firstTrained = std::max<int64_t>(0, layers - config_.trainableLayers);
        for (auto& item : network_->named_parameters()) {
            const std::string& name = item.key();
            bool trains = name.rfind("lm_head.", 0) == 0 || name.rfind("model.norm.", 0) == 0;
            // Tied embeddings are the output head, so they train with it.
            trains |= network_->config().tieWordEmbeddings && name.rfind("model.embed_tokens.", 0) == 0;
            if (name.rfind("model.layers.", 0) == 0)
                trains = std::stoll(name.substr(13)) >= firstTrained;
            item.value().set_requires_grad(trains);
        }
        break;
    }
    }
    for (const auto& item : network_->named_parameters())
        if (item.value().requires_grad())
            trainable_.emplace_back(item.key(), item.value());
    if (trainable_.empty())
        throw Error("nothing to train: the method leaves every weight frozen");
}

void Run::writeRunInfo()
{
    const model::ModelConfig& modelConfig = network_->config();
    int64_t trainableCount = 0;
    for (const auto& [name, tensor] : trainable_)
        trainableCount += tensor.numel();
    Json info;
    info["finch_version"] = FINCH_VERSION;
    info["id"] = folder_.id();
    info["created"] = isoTime();
    info["status"] = "running";
    info["config"] = config_.toJson();
    info["model"] = {{"source", config_.model},
                     {"preset", isPreset(config_.model)},
                     {"architecture", modelConfig.architecture},
                     {"parameters", modelConfig.parameterCount()},
                     {"trainable_parameters", trainableCount},
                     {"layers", modelConfig.numLayers},
                     {"hidden_size", modelConfig.hiddenSize},
                     {"vocab_size", modelConfig.vocabSize},
                     {"config_fingerprint", fingerprint(modelConfig.toJson().dump())}};
    Json fields = Json::object();
    for (const auto& [role, field] : data_.schema.fields)
        fields[std::string(data::roleName(role))] = field;
    info["data"] = {{"kind", std::string(data::taskKindName(data_.schema.kind))},
                    {"fields", fields},
                    {"train_file", config_.trainFile},
                    {"fingerprint", data_.trainFingerprint},
                    {"rows", {{"train", data_.train.rows.size()},
                              {"validation", data_.validation.rows.size()},
                              {"test", data_.test.rows.size()}}},
                    {"labels", data_.labels}};
    info["schedule"] = {{"total_steps", totalSteps_},
                        {"steps_per_epoch", stepsPerEpoch_},
                        {"warmup_steps", warmupSteps_},
                        {"training_sequences", train_.size()}};
    info["runtime"] = {{"torch", runtime::runtimeInfo().torchVersion}, {"device", device_.str()}};
    folder_.writeInfo(info);
}

void Run::restoreCheckpoint()
{
    const std::vector<int64_t> steps = folder_.checkpointSteps();
    if (steps.empty()) {
        log("no checkpoint yet: the run starts again from step 0");
        folder_.truncateMetricsAfter(0);
        return;
    }
    const fs::path path = folder_.checkpointPath(steps.back());
    const Json state = readJsonFile((path / "trainer_state.json").string());
    step_ = state.at("global_step").get<int64_t>();
    bestValidationLoss_ = state.value("best_validation_loss", Json()).is_number()
                              ? state["best_validation_loss"].get<double>()
                              : INFINITY;
    bestStep_ = state.value("best_step", int64_t(-1));
    evaluationsWithoutImprovement_ = state.value("evaluations_without_improvement", 0);
    elapsedBefore_ = state.value("elapsed_seconds", 0.0);
    lossScale_ = state.value("loss_scale", lossScale_);
    goodStepsSinceScale_ = state.value("good_steps_since_scale", int64_t(0));

    const std::string weightsPath = (path / "trainable.safetensors").string();
    const auto weights = model::readTensorFile(weightsPath);
    at::NoGradGuard noGrad;
    for (auto& [name, tensor] : trainable_) {
        const auto it = weights.find(name);
        if (it == weights.end() || !it->second.sizes().equals(tensor.sizes()))
            throw Error(weightsPath + ": no tensor '" + name + "' of shape this run's model needs");
        tensor.copy_(it->second);
    }
    optimizer_->loadState(model::readTensorFile((path / "optimizer.safetensors").string()), step_,
                          (path / "optimizer.safetensors").string());
    folder_.truncateMetricsAfter(step_);
    sessionFirstStep_ = step_;
    log("resumed from " + path.string() + " at step " + std::to_string(step_));
}

const std::vector<size_t>& Run::epochOrder(int64_t epoch)
{
    if (epoch != cachedEpoch_) {
        order_.resize(train_.size());
        for (size_t i = 0; i < order_.size(); ++i)
            order_[i] = i;
        SplitMix64(config_.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(epoch) + 1).shuffle(order_);
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
    const size_t batch = static_cast<size_t>(config_.batchSize);
    for (size_t start = 0; start < validation_.size(); start += batch) {
        std::vector<size_t> rows;
        for (size_t i = start; i < std::min(validation_.size(), start + batch); ++i)
            rows.push_back(i);
        const Batch b = makeBatch(validation_, rows, padId_, device_);
        if (b.counted == 0)
            continue;
        const at::Tensor loss = model::causalLmLoss(network_->forward(b.ids, b.mask), b.labels);
        total += loss.item<double>() * static_cast<double>(b.counted);
        counted += b.counted;
    }
    network_->train();
    return counted ? total / static_cast<double>(counted) : NAN;
}

Json Run::trainerState() const
{
    Json state;
    state["global_step"] = step_;
    state["epoch"] = static_cast<double>(step_) / static_cast<double>(stepsPerEpoch_);
    state["epoch_index"] = step_ / stepsPerEpoch_;
    state["micro_batch_in_epoch"] = (step_ % stepsPerEpoch_) * config_.gradientAccumulation;
    state["total_steps"] = totalSteps_;
    state["best_validation_loss"] = std::isfinite(bestValidationLoss_) ? Json(bestValidationLoss_) : Json();
    state["best_step"] = bestStep_;
    state["evaluations_without_improvement"] = evaluationsWithoutImprovement_;
    state["elapsed_seconds"] = elapsedSeconds();
    state["loss_scale"] = lossScale_;
    state["good_steps_since_scale"] = goodStepsSinceScale_;
    // Shuffling and dropout are seeded from (seed, epoch) and (seed, step), so the step
    // fixes the data cursor and the random state.
    state["rng"] = "derived from seed and step";
    return state;
}

void Run::saveTrainable(const fs::path& folder, bool withOptimizer) const
{
    model::writeTensorFile((folder / "trainable.safetensors").string(), trainable_);
    if (withOptimizer)
        model::writeTensorFile((folder / "optimizer.safetensors").string(), optimizer_->state());
    writeFileAtomically((folder / "trainer_state.json").string(), trainerState().dump(2) + "\n");
}

void Run::saveCheckpoint()
{
    const fs::path path = folder_.checkpointPath(step_);
    writeFolderAtomically(path, [this](const fs::path& temporary) { saveTrainable(temporary, true); });
    std::vector<int64_t> steps = folder_.checkpointSteps();
    while (static_cast<int>(steps.size()) > config_.saveTotalLimit) {
        fs::remove_all(folder_.checkpointPath(steps.front()));
        steps.erase(steps.begin());
    }
    folder_.appendMetric({{"event", "checkpoint"}, {"step", step_}, {"path", path.string()}});
    TrainingEvent event;
    event.kind = TrainingEvent::Kind::CheckpointSaved;
    event.step = step_;
    event.totalSteps = totalSteps_;
    event.path = path.string();
    emit(event);
}

TrainingOutcome Run::fail(const std::string& message)
{
    folder_.setStatus("failed", message);
    folder_.appendMetric({{"event", "failed"}, {"step", step_}, {"message", message}});
    TrainingEvent event;
    event.kind = TrainingEvent::Kind::Failed;
    event.step = step_;
    event.message = message;
    emit(event);
    return {folder_.path(), "failed", step_, message};
}

TrainingOutcome Run::train()
{
    network_->train();
    sessionStart_ = Clock::now();
    {
        TrainingEvent started;
        started.kind = TrainingEvent::Kind::Started;
        started.step = step_;
        started.totalSteps = totalSteps_;
        started.path = folder_.path();
        started.message = std::to_string(train_.size()) + " training sequences, " + std::to_string(totalSteps_) +
                          " steps, " + std::to_string(trainable_.size()) + " trainable tensors on " + device_.str();
        emit(started);
    }
    const bool autocast = device_.is_cuda() && config_.precision != "fp32";
    if (autocast) {
        at::autocast::set_enabled(true);
        at::autocast::set_autocast_gpu_dtype(config_.precision == "bf16" ? at::kBFloat16 : at::kHalf);
    }
    struct AutocastReset {
        bool active;
        ~AutocastReset()
        {
            if (active) {
                at::autocast::clear_cache();
                at::autocast::set_enabled(false);
            }
        }
    } autocastReset{autocast};

    double lossSinceLog = 0, gradNormAtLog = 0;
    int64_t stepsSinceLog = 0, tokensSinceLog = 0;
    Clock::time_point logStart = Clock::now();
    bool earlyStopped = false;

    while (step_ < totalSteps_) {
        if (control_) {
            if (control_->paused() && !control_->stopRequested()) {
                emit(progressMarker(TrainingEvent::Kind::Paused));
                const Clock::time_point pauseStart = Clock::now();
                control_->waitWhilePaused();
                const double paused = std::chrono::duration<double>(Clock::now() - pauseStart).count();
                pausedSeconds_ += paused;
                logStart += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(paused));
                emit(progressMarker(TrainingEvent::Kind::Resumed));
            }
            if (control_->stopRequested() || (control_->stopStep() > 0 && step_ >= control_->stopStep())) {
                saveCheckpoint();
                return finish("stopped", "stopped at step " + std::to_string(step_) + "; continue with --resume");
            }
        }

        const int64_t epoch = step_ / stepsPerEpoch_;
        const std::vector<size_t>& order = epochOrder(epoch);
        const int64_t firstMicro = (step_ % stepsPerEpoch_) * config_.gradientAccumulation;
        const int64_t lastMicro = std::min(microBatchesPerEpoch_, firstMicro + config_.gradientAccumulation);
        std::vector<std::vector<size_t>> micro;
        int64_t windowCounted = 0;
        for (int64_t m = firstMicro; m < lastMicro; ++m) {
            std::vector<size_t>& rows = micro.emplace_back();
            for (size_t i = size_t(m) * size_t(config_.batchSize);
                 i < std::min(order.size(), size_t(m + 1) * size_t(config_.batchSize)); ++i) {
                rows.push_back(order[i]);
                windowCounted += countedTokens(train_[order[i]]);
            }
        }
        // Dropout draws from torch's generator: seeding it per step makes the step, not the
        // history, decide the random numbers, so a resumed run draws the same ones.
        torch::manual_seed(config_.seed * 1000003ULL + static_cast<uint64_t>(step_));

        at::Tensor lossSum = at::zeros({}, at::TensorOptions().dtype(at::kDouble).device(device_));
        for (const std::vector<size_t>& rows : micro) {
            const Batch batch = makeBatch(train_, rows, padId_, device_);
            tokensSinceLog += batch.tokens;
            if (batch.counted == 0)
                continue;
            const at::Tensor loss = model::causalLmLoss(network_->forward(batch.ids, batch.mask), batch.labels);
            // Each micro-batch weighs by its share of the window's loss tokens, so the
            // gradient is the token mean over the whole accumulated batch.
            const double weight = static_cast<double>(batch.counted) / static_cast<double>(std::max<int64_t>(1, windowCounted));
            (loss.to(at::kFloat) * (weight * lossScale_)).backward();
            lossSum += loss.detach().to(at::kDouble) * static_cast<double>(batch.counted);
        }
        const double stepLoss = lossSum.item<double>() / static_cast<double>(std::max<int64_t>(1, windowCounted));
        if (lossScale_ != 1.0)
            for (const at::Tensor& tensor : optimizer_->parameters())
                if (tensor.grad().defined())
                    tensor.grad().div_(lossScale_);
        const double gradNorm = clipGradientNorm(optimizer_->parameters(), config_.maxGradNorm);

        if (config_.precision == "fp16" && !std::isfinite(gradNorm)) {
            // fp16 overflow: skip the step with a smaller scale, as torch.cuda.amp.GradScaler.
            optimizer_->zeroGrad();
            lossScale_ /= 2;
            goodStepsSinceScale_ = 0;
            if (lossScale_ < 1.0)
                return fail("fp16 gradients overflow even without loss scaling at step " + std::to_string(step_ + 1));
            continue;
        }
        if (!std::isfinite(stepLoss) || !std::isfinite(gradNorm)) {
            const std::vector<int64_t> kept = folder_.checkpointSteps();
            return fail(std::string(std::isfinite(stepLoss) ? "the gradient norm" : "the loss") + " became " +
                        (std::isnan(std::isfinite(stepLoss) ? gradNorm : stepLoss) ? "NaN" : "infinite") +
                        " at step " + std::to_string(step_ + 1) + "; try a lower learning rate" +
                        (kept.empty() ? std::string() : "; the last good checkpoint is step " + std::to_string(kept.back())));
        }
        const double learningRate = config_.learningRate * learningRateFactor(config_.scheduler, step_, warmupSteps_, totalSteps_);
        optimizer_->step(learningRate);
        optimizer_->zeroGrad();
        ++step_;
        if (config_.precision == "fp16" && ++goodStepsSinceScale_ >= 2000) {
            lossScale_ *= 2;
            goodStepsSinceScale_ = 0;
        }

        lossSinceLog += stepLoss;
        gradNormAtLog = gradNorm;
        ++stepsSinceLog;
        lastTrainLoss_ = stepLoss;
        if (step_ % config_.loggingSteps == 0 || step_ == totalSteps_) {
            TrainingEvent event;
            event.kind = TrainingEvent::Kind::Step;
            event.step = step_;
            event.totalSteps = totalSteps_;
            event.epoch = static_cast<double>(step_) / static_cast<double>(stepsPerEpoch_);
            event.trainLoss = lossSinceLog / static_cast<double>(stepsSinceLog);
            event.learningRate = learningRate;
            event.gradNorm = gradNormAtLog;
            const double interval = std::chrono::duration<double>(Clock::now() - logStart).count();
            event.tokensPerSecond = interval > 0 ? static_cast<double>(tokensSinceLog) / interval : 0;
            event.elapsedSeconds = elapsedSeconds();
            const double sessionSeconds = event.elapsedSeconds - elapsedBefore_;
            event.etaSeconds = sessionSeconds / static_cast<double>(step_ - sessionFirstStep_) *
                               static_cast<double>(totalSteps_ - step_);
            folder_.appendMetric({{"event", "train"},
                                  {"step", step_},
                                  {"epoch", event.epoch},
                                  {"loss", event.trainLoss},
                                  {"learning_rate", learningRate},
                                  {"grad_norm", gradNormAtLog},
                                  {"tokens_per_second", event.tokensPerSecond},
                                  {"elapsed_seconds", event.elapsedSeconds}});
            emit(event);
            lossSinceLog = 0;
            stepsSinceLog = 0;
            tokensSinceLog = 0;
            logStart = Clock::now();
        }

        const bool epochEnd = step_ % stepsPerEpoch_ == 0;
        const bool lastStep = step_ == totalSteps_;
        const bool evaluate = !validation_.empty() && ((config_.evalSteps > 0 && step_ % config_.evalSteps == 0) ||
                                                       (config_.evalSteps == 0 && epochEnd) || lastStep);
        if (evaluate) {
            const double loss = validationLoss();
            const bool improved = loss < bestValidationLoss_;
            if (improved) {
                bestValidationLoss_ = loss;
                bestStep_ = step_;
                evaluationsWithoutImprovement_ = 0;
                if (config_.loadBestModelAtEnd)
                    writeFolderAtomically(folder_.bestPath(), [this](const fs::path& temporary) {
                        saveTrainable(temporary, false);
                    });
            } else {
                ++evaluationsWithoutImprovement_;
            }
            folder_.appendMetric({{"event", "eval"},
                                  {"step", step_},
                                  {"epoch", static_cast<double>(step_) / static_cast<double>(stepsPerEpoch_)},
                                  {"validation_loss", loss}});
            TrainingEvent event;
            event.kind = TrainingEvent::Kind::Evaluation;
            event.step = step_;
            event.totalSteps = totalSteps_;
            event.epoch = static_cast<double>(step_) / static_cast<double>(stepsPerEpoch_);
            event.validationLoss = loss;
            emit(event);
            earlyStopped = config_.earlyStoppingPatience > 0 &&
                           evaluationsWithoutImprovement_ >= config_.earlyStoppingPatience;
        }
        if (!lastStep && ((config_.saveSteps > 0 && step_ % config_.saveSteps == 0) || (config_.saveSteps == 0 && epochEnd)))
            saveCheckpoint();
        if (earlyStopped) {
            log("early stopping: the validation loss has not improved for " +
                std::to_string(config_.earlyStoppingPatience) + " evaluations");
            break;
        }
    }
    return finish("completed", earlyStopped ? "early stopping at step " + std::to_string(step_) : std::string());
}

TrainingOutcome Run::finish(const std::string& status, const std::string& message)
{
    if (status == "completed") {
        if (config_.loadBestModelAtEnd && fs::exists(folder_.bestPath())) {
            const auto weights = model::readTensorFile(folder_.bestPath() + "/trainable.safetensors");
            at::NoGradGuard noGrad;
            for (auto& [name, tensor] : trainable_)
                tensor.copy_(weights.at(name));
            log("loaded the best checkpoint (step " + std::to_string(bestStep_) + ", validation loss " +
                std::to_string(bestValidationLoss_) + ")");
        }
        network_->eval();
        writeFolderAtomically(folder_.finalPath(), [this](const fs::path& temporary) {
            if (config_.method == model::TrainingMethod::Lora) {
                const std::string base =
                    isPreset(config_.model) ? fs::absolute(folder_.path() + "/base").string() : fs::absolute(config_.model).string();
                model_->saveAdapter(temporary.string(), base);
                writeFileAtomically((temporary / "tokenizer.model").string(), model_->impl().tokenizerModel);
            } else {
                model_->save(temporary.string());
            }
        });
        if (!data_.test.rows.empty()) {
            log("evaluating on " + std::to_string(data_.test.rows.size()) + " test rows");
            RunEvaluationRequest request;
            request.device = config_.device;
            evaluateRun(folder_, request);
        }
    }
    Json info = folder_.readInfo();
    info["status"] = status;
    info["message"] = message;
    info["updated"] = isoTime();
    info["result"] = {{"steps", step_},
                      {"train_loss", std::isfinite(lastTrainLoss_) ? Json(lastTrainLoss_) : Json()},
                      {"best_validation_loss", std::isfinite(bestValidationLoss_) ? Json(bestValidationLoss_) : Json()},
                      {"best_step", bestStep_},
                      {"train_seconds", elapsedSeconds()}};
    folder_.writeInfo(info);
    folder_.appendMetric({{"event", "finished"}, {"step", step_}, {"status", status}});

    TrainingEvent event;
    event.kind = TrainingEvent::Kind::Finished;
    event.step = step_;
    event.totalSteps = totalSteps_;
    event.path = folder_.path();
    event.status = status;
    event.message = message;
    event.elapsedSeconds = elapsedSeconds();
    emit(event);
    return {folder_.path(), status, step_, message};
}

// Errors after the run folder exists are recorded there before they travel on.
template <typename Body>
TrainingOutcome recordingFailures(const runs::RunFolder& folder, const TrainingObserver& observer, Body&& body)
{
    try {
        return body();
    } catch (const std::exception& error) {
        try {
            folder.setStatus("failed", error.what());
        } catch (const std::exception&) {
        }
        if (observer) {
            TrainingEvent event;
            event.kind = TrainingEvent::Kind::Failed;
            event.path = folder.path();
            event.message = error.what();
            observer(event);
        }
        throw;
    }
}

} // namespace

TrainingOutcome Trainer::start(const RunConfig& requested, const TrainingObserver& observer, TrainingControl* control)
{
    requested.validate();
    // run.json records absolute paths, so a resume works from any working folder.
    RunConfig config = requested;
    for (std::string* path : {&config.trainFile, &config.validationFile, &config.testFile, &config.outputDir})
        if (!path->empty())
            *path = fs::absolute(*path).lexically_normal().string();
    if (!isPreset(config.model))
        config.model = fs::absolute(config.model).lexically_normal().string();
    const runs::RunFolder folder = runs::RunFolder::create(config.outputDir, config.runName);
    folder.writeInfo({{"id", folder.id()}, {"status", "preparing"}, {"config", config.toJson()}});
    return recordingFailures(folder, observer, [&] {
        Run run(folder, config, observer, control);
        run.prepare(false);
        return run.train();
    });
}

TrainingOutcome Trainer::resume(const std::string& runPath, const TrainingObserver& observer, TrainingControl* control)
{
    const runs::RunFolder folder = runs::RunFolder::open(runPath);
    const Json info = folder.readInfo();
    if (!info.contains("config"))
        throw Error(folder.runJsonPath() + ": no 'config'; is this a Finch run folder?");
    const std::string status = info.value("status", "");
    if (status == "completed")
        throw Error(runPath + ": the run is already completed");
    const RunConfig config = RunConfig::fromJson(info["config"], folder.runJsonPath() + ": 'config'");
    // A run interrupted before its preparation finished (run.json has no "data" yet, no
    // checkpoint) starts again in the same folder; the result is the same either way.
    const bool prepared = info.contains("data") && info.contains("model");
    return recordingFailures(folder, observer, [&] {
        folder.setStatus("running");
        Run run(folder, config, observer, control);
        run.prepare(prepared);
        return run.train();
    });
}

} // namespace finch::train
