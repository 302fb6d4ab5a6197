#pragma once
// One training run as the Train page watches it: in this process on a thread of its own
// (TrainingThread), or as `finch train` in several processes (TrainingJob). TrainingRunner
// chooses one when a run starts; both report through these signals, on the GUI thread. A
// session holds one run.
#include "core/runs/RunEvent.h"
#include "core/runs/RunRecord.h"

#include <QObject>

Q_DECLARE_METATYPE(finch::runs::RunEvent)
Q_DECLARE_METATYPE(finch::runs::RunStatus)

namespace finch::ui {

class TrainingSession : public QObject {
    Q_OBJECT

public:
    explicit TrainingSession(QObject* parent = nullptr) : QObject(parent) {}

    virtual bool isRunning() const = 0;
    // Reading data, training a tokenizer or loading a model: nothing to save yet.
    virtual bool isPreparing() const = 0;
    virtual bool canPause() const = 0;
    virtual bool isPaused() const = 0;
    virtual void setPaused(bool paused) = 0;
    // Stops after the current step, with a checkpoint.
    virtual void stop() = 0;
    // Stops, and blocks until the run has saved its checkpoint and ended.
    virtual void stopAndWait() = 0;
    // For quitting: stops and waits (true), or while the run only prepares ends it without
    // waiting (false): nothing is lost by not waiting for that.
    virtual bool stopUnlessPreparing() = 0;

Q_SIGNALS:
    void event(const finch::runs::RunEvent& event);
    // The run ended: completed, stopped or failed; `message` says why for failures.
    void finished(const QString& runPath, finch::runs::RunStatus status, const QString& message);
    // After `finished`: the session holds nothing any more, and a new run may start.
    void idle();
};

} // namespace finch::ui
