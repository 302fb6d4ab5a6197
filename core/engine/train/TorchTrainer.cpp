// The trainer the engine hands out: it joins a data-parallel job when the environment
// describes one, takes the run folder, and runs the recipe (TrainingRecipe.h) in it.
#include "core/engine/train/TorchTrainer.h"

#include "core/common/Error.h"
#include "core/engine/train/TrainingRecipe.h"
#include "core/train/RunArtifacts.h"

#include <cstdlib>
#include <filesystem>

namespace finch::train {
namespace {

namespace fs = std::filesystem;
using runs::EventKind;
using runs::RunEvent;
using runs::RunStatus;

// prepare, loop, finish.
TrainingOutcome trainIn(PreparedRun& run, engine::Engine& engine)
{
    TrainingLoop loop(run);
    const LoopEnd end = loop.run();
    return finishRun(run, loop, end, engine);
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
            RunEvents events(sink);
            events.attach(folder);
            events.write(event);
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
                          DataParallel& parallel, engine::Engine& engine)
{
    if (path.empty())
        throw Error("distributed training: rank 0 failed before training; its output says why");
    const runs::RunFolder folder = runs::RunFolder::open(path);
    const runs::RunRecord record = folder.readRecord();
    RunConfig config = runConfig(folder, record);
    if (config.device.rfind("cuda", 0) == 0)
        config.device = "cuda:" + std::to_string(parallel.environment().localRank);
    PreparedRun run(config, sink, control, &parallel);
    prepareRun(run, &folder);
    attachFolder(run, folder, true);
    return trainIn(run, engine);
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
    if (!model::ModelConfig::isPreset(config.model))
        config.model = fs::absolute(config.model).lexically_normal().string();
    const std::unique_ptr<DataParallel> parallel = joinJob(config.device);
    if (parallel && parallel->rank() > 0)
        return followRun(parallel->shareFromRankZero("run", {}), sink, control, *parallel, engine_);
    RankZeroAnnouncement announcement(parallel.get(), "run");
    PreparedRun run(config, sink, control, parallel.get());
    prepareRun(run, nullptr);
    const runs::RunFolder folder = runs::RunFolder::create(config.outputDir, config.runName);
    const runs::RunLock lock(folder);
    runs::RunRecord record;
    record.id = folder.id();
    record.config = config.toJson();
    folder.writeRecord(record);
    return recordingFailures(folder, sink, [&] {
        attachFolder(run, folder, false);
        announcement.ready(folder.path());
        return trainIn(run, engine_);
    });
}

TrainingOutcome TorchTrainer::resume(const std::string& runPath, runs::MetricSink* sink, TrainingControl* control,
                                     int moreEpochs)
{
    const runs::RunFolder folder = runs::RunFolder::open(runPath);
    std::string device = runConfig(folder, folder.readRecord()).device;
    const std::unique_ptr<DataParallel> parallel = joinJob(device);
    if (parallel && parallel->rank() > 0)
        return followRun(parallel->shareFromRankZero("resume", {}), sink, control, *parallel, engine_);
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
        PreparedRun run(config, sink, control, parallel.get());
        prepareRun(run, record.prepared() ? &folder : nullptr);
        attachFolder(run, folder, record.prepared());
        announcement.ready(folder.path());
        return trainIn(run, engine_);
    });
}

} // namespace finch::train
