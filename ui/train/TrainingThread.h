#pragma once
// A run in this process: the engine's Trainer on a thread of its own, its events crossing
// to the GUI thread as they come, so the window stays responsive while it trains.
#include "core/train/RunConfig.h"
#include "core/train/TrainingControl.h"
#include "ui/BackgroundTask.h"
#include "ui/train/TrainingSession.h"

#include <memory>

namespace finch::ui {

class TrainingThread : public TrainingSession {
public:
    explicit TrainingThread(QObject* parent = nullptr) : TrainingSession(parent) {}
    ~TrainingThread() override; // stops a running training and waits for its checkpoint

    // A new run, or `resumeRunPath` continued (with `moreEpochs`, that many epochs more).
    void start(const train::RunConfig& config, const QString& resumeRunPath, int moreEpochs);

    bool isRunning() const override { return task_.isRunning(); }
    bool isPreparing() const override { return isRunning() && control_->holdsNothing(); }
    bool canPause() const override { return true; }
    bool isPaused() const override { return control_->paused(); }
    void setPaused(bool paused) override { control_->setPaused(paused); }
    void stop() override { control_->requestStop(); }
    void stopAndWait() override;
    bool stopUnlessPreparing() override;

private:
    const std::shared_ptr<train::TrainingControl> control_ = std::make_shared<train::TrainingControl>();
    BackgroundTask task_{QStringLiteral("finch-training")};
};

} // namespace finch::ui
