#pragma once
// The Train page's training: one run at a time, each in the session that suits it, chosen
// when it starts (a thread of this process, or a job of several processes), and reported
// through the same signals whichever it is.
#include "core/train/RunConfig.h"
#include "ui/train/TrainingSession.h"

#include <QObject>

namespace finch::ui {

class TrainingRunner : public QObject {
    Q_OBJECT

public:
    explicit TrainingRunner(QObject* parent = nullptr);
    ~TrainingRunner() override; // stops a running training and waits for its checkpoint

    bool isRunning() const { return session_ && session_->isRunning(); }
    bool isPaused() const { return session_ && session_->isPaused(); }
    // A job of several processes cannot pause: it stops and resumes instead.
    bool canPause() const { return !isRunning() || session_->canPause(); }
    // Reading data, training a tokenizer or loading a model: nothing to save yet.
    bool isPreparing() const { return session_ && session_->isPreparing(); }
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
    // Stops and blocks until the run has saved its checkpoint and ended.
    void stopAndWait();
    // For quitting: stops, then waits for the run to save its checkpoint and end (true), or
    // returns false at once while it only prepares (reads data, trains a tokenizer, loads a
    // model): nothing is lost by not waiting for that.
    bool stopUnlessPreparing();

Q_SIGNALS:
    void event(const finch::runs::RunEvent& event);
    // The run ended: completed, stopped or failed; `message` says why for failures.
    void finished(const QString& runPath, finch::runs::RunStatus status, const QString& message);
    // After `finished`: a new run may start.
    void idle();

private:
    // The new run's session replaces the last one (before it starts: a job that cannot
    // start says so at once).
    void adopt(TrainingSession* session);

    TrainingSession* session_ = nullptr; // the last run's, a child
};

} // namespace finch::ui
