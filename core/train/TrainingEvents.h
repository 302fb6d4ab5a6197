#pragma once
// What the trainer tells its host, and how the host steers it. Plain C++ for the studio.
//
// Threading contract: Trainer::run() runs on the caller's thread (the studio's worker
// thread) and calls the observer there; the observer must return quickly and must not
// call back into the trainer. TrainingControl is safe to use from any thread.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

namespace finch::train {

struct TrainingEvent {
    enum class Kind { Started, Step, Evaluation, CheckpointSaved, Paused, Resumed, Log, Finished, Failed };
    Kind kind = Kind::Log;
    int64_t step = 0;
    int64_t totalSteps = 0;
    double epoch = 0;            // fractional: 1.5 is half way through the second epoch
    double trainLoss = 0;        // mean over the steps since the last Step event
    double learningRate = 0;
    double gradNorm = 0;         // before clipping
    double tokensPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = 0;
    double validationLoss = 0;   // Evaluation
    std::string path;            // CheckpointSaved: the folder; Started/Finished: the run folder
    std::string status;          // Finished: "completed" or "stopped"
    std::string message;         // Log, Failed: text for the person watching
};

using TrainingObserver = std::function<void(const TrainingEvent&)>;

class TrainingControl {
public:
    void requestStop()
    {
        stop_ = true;
        setPaused(false);
    }
    bool stopRequested() const { return stop_; }
    // Only an atomic store: safe from a signal handler (Ctrl-C in the CLI).
    void requestStopFromSignal() { stop_ = true; }
    // Stop with a checkpoint once this many optimizer steps are done (0: no limit), to
    // split a run into sessions.
    void stopAfterStep(int64_t step) { stopAfterStep_ = step; }
    int64_t stopStep() const { return stopAfterStep_; }

    void setPaused(bool paused)
    {
        {
            std::lock_guard lock(mutex_);
            paused_ = paused;
        }
        changed_.notify_all();
    }
    bool paused() const
    {
        std::lock_guard lock(mutex_);
        return paused_;
    }
    // Blocks the training thread while paused; returns at once otherwise.
    void waitWhilePaused()
    {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return !paused_; });
    }

private:
    std::atomic<bool> stop_{false};
    std::atomic<int64_t> stopAfterStep_{0};
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool paused_ = false;
};

} // namespace finch::train
