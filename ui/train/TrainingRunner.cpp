#include "ui/train/TrainingRunner.h"

#include "ui/train/TrainingJob.h"
#include "ui/train/TrainingThread.h"

#include <QThread>

namespace finch::ui {

TrainingRunner::TrainingRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<runs::RunEvent>();
    qRegisterMetaType<runs::RunStatus>();
}

TrainingRunner::~TrainingRunner()
{
    if (!session_)
        return;
    // A run ended by the runner's end reports to no one: its listeners go first.
    session_->disconnect(this);
    session_->stopAndWait();
}

int TrainingRunner::automaticThreads()
{
    return std::max(1, QThread::idealThreadCount() - 1);
}

void TrainingRunner::start(const train::RunConfig& requested, const QString& resumeRunPath, int moreEpochs, int processes)
{
    if (isRunning())
        return;
    train::RunConfig config = requested;
    if (config.threads == 0)
        config.threads = std::max(1, automaticThreads() / std::max(1, processes));
    if (processes > 1) {
        auto* job = new TrainingJob(this);
        adopt(job);
        job->start(config, resumeRunPath, moreEpochs, processes);
    } else {
        auto* thread = new TrainingThread(this);
        adopt(thread);
        thread->start(config, resumeRunPath, moreEpochs);
    }
}

void TrainingRunner::adopt(TrainingSession* session)
{
    if (session_)
        session_->deleteLater(); // it may be telling its end right now
    session_ = session;
    connect(session_, &TrainingSession::event, this, &TrainingRunner::event);
    connect(session_, &TrainingSession::finished, this, &TrainingRunner::finished);
    connect(session_, &TrainingSession::idle, this, &TrainingRunner::idle);
}

void TrainingRunner::setPaused(bool paused)
{
    if (session_)
        session_->setPaused(paused);
}

void TrainingRunner::stop()
{
    if (session_)
        session_->stop();
}

void TrainingRunner::stopAndWait()
{
    if (session_)
        session_->stopAndWait();
}

bool TrainingRunner::stopUnlessPreparing()
{
    return !session_ || session_->stopUnlessPreparing();
}

} // namespace finch::ui
