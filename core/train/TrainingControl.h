#pragma once
// How the host steers a running trainer: pause, resume, stop. Safe to use from any thread.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace finch::train {

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

    // True while the trainer reads the data, trains a tokenizer or loads the model: nothing
    // it holds then needs saving (a new run has no folder yet), and these steps cannot stop
    // half way, so a host that must end now may end without waiting for them.
    bool holdsNothing() const { return holdsNothing_; }
    void setHoldsNothing(bool value) { holdsNothing_ = value; }

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
    std::atomic<bool> holdsNothing_{false};
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    bool paused_ = false;
};

} // namespace finch::train
