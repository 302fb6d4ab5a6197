#pragma once
// Runs the engine's Trainer on a worker thread and reports its events as queued signals,
// so the window stays responsive while it trains; a data-parallel run goes to a job of
// processes (TrainingJob) that reports through the same signals.
#include "core/runs/RunEvent.h"
#include "core/runs/RunRecord.h"
#include "core/train/RunConfig.h"
#include "core/train/TrainingControl.h"
#include "ui/train/TrainingJob.h"

#include <QObject>
#include <QThread>

#include <memory>

Q_DECLARE_METATYPE(finch::runs::RunEvent)
Q_DECLARE_METATYPE(finch::runs::RunStatus)

namespace finch::ui {

class TrainingRunner : public QObject {
    Q_OBJECT

public:
    explicit TrainingRunner(QObject* parent = nullptr);
    ~TrainingRunner() override; // stops a running training and waits for its checkpoint

    bool isRunning() const;
    bool isPaused() const;
    // A job of several processes cannot pause: it stops and resumes instead.
    bool canPause() const { return !job_.isRunning(); }
    // Reading data, training a tokenizer or loading a model: nothing to save yet.
    bool isPreparing() const;
    // Starts a new run, or continues `resumeRunPath` when it is not empty (with
    // `moreEpochs`, for that many epochs more: Trainer::resume), in `processes` data-parallel
    // processes (1: on a thread of this one).
    // threads = 0 becomes automaticThreads() shared by the processes, recorded in the run as
    // the number used.
    void start(const train::RunConfig& config, const QString& resumeRunPath = {}, int moreEpochs = 0, int processes = 1);
    // Every core but one: the window and the display server need a core too, and OpenBLAS
    // splitting each product over all cores stalls whenever one of them is taken. On the
    // 2-core VM, finch-tiny in the studio: 3,400 tokens/s on 2 threads, 8,700 on 1.
    static int automaticThreads();
    void setPaused(bool paused);
    void stop();
    // Stops and blocks until the worker has saved its checkpoint and finished.
    void stopAndWait();
    // For quitting: stops, then waits for the worker to save its checkpoint and finish
    // (true), or returns false at once while the worker only prepares (reads data, trains
    // a tokenizer, loads a model): nothing is lost by not waiting for that.
    bool stopUnlessPreparing();

Q_SIGNALS:
    void event(const finch::runs::RunEvent& event);
    // The run ended: completed, stopped or failed; `message` says why for failures.
    void finished(const QString& runPath, finch::runs::RunStatus status, const QString& message);
    // The worker thread has ended (after `finished`): a new run may start.
    void idle();

private:
    QThread* thread_ = nullptr;
    std::shared_ptr<train::TrainingControl> control_;
    TrainingJob job_;
};

} // namespace finch::ui
