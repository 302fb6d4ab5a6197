#include "ui/train/TrainingRunner.h"

#include "core/api/Engine.h"

namespace finch::ui {

TrainingRunner::TrainingRunner(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<runs::RunEvent>();
    qRegisterMetaType<runs::RunStatus>();
    connect(&job_, &TrainingJob::event, this, &TrainingRunner::event);
    connect(&job_, &TrainingJob::finished, this, &TrainingRunner::finished);
    connect(&job_, &TrainingJob::idle, this, &TrainingRunner::idle);
}

TrainingRunner::~TrainingRunner()
{
    stopAndWait();
}

bool TrainingRunner::isRunning() const
{
    return (thread_ && thread_->isRunning()) || job_.isRunning();
}

bool TrainingRunner::isPreparing() const
{
    return job_.isRunning() ? job_.isPreparing() : isRunning() && control_->holdsNothing();
}

bool TrainingRunner::isPaused() const
{
    return !job_.isRunning() && control_ && control_->paused();
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
    if (processes > 1)
        return job_.start(config, resumeRunPath, moreEpochs, processes);
    if (thread_) {
        thread_->wait();
        delete thread_;
    }
    control_ = std::make_shared<train::TrainingControl>();
    auto control = control_;
    const std::string resume = resumeRunPath.toStdString();
    // The lambda runs on the worker thread; signals cross back to the GUI thread queued.
    thread_ = QThread::create([this, config, control, resume, moreEpochs] {
        // The studio's sink: each event crosses to the GUI thread as a queued signal.
        runs::CallbackSink signals([this](const runs::RunEvent& e) { Q_EMIT event(e); });
        try {
            train::Trainer& trainer = engine::load().trainer();
            const train::TrainingOutcome outcome = resume.empty() ? trainer.start(config, &signals, control.get())
                                                                  : trainer.resume(resume, &signals, control.get(), moreEpochs);
            Q_EMIT finished(QString::fromStdString(outcome.runPath), outcome.status,
                            QString::fromStdString(outcome.message));
        } catch (const std::exception& error) {
            Q_EMIT finished(QString(), runs::RunStatus::Failed, QString::fromUtf8(error.what()));
        }
    });
    thread_->setObjectName(QStringLiteral("finch-training"));
    connect(thread_, &QThread::finished, this, &TrainingRunner::idle);
    thread_->start();
}

void TrainingRunner::setPaused(bool paused)
{
    if (control_)
        control_->setPaused(paused);
}

void TrainingRunner::stop()
{
    if (job_.isRunning())
        return job_.stop();
    if (control_)
        control_->requestStop();
}

bool TrainingRunner::stopUnlessPreparing()
{
    if (job_.isRunning())
        return job_.stopUnlessPreparing();
    if (!isRunning())
        return true;
    stop();
    if (control_->holdsNothing())
        return false;
    stopAndWait();
    return true;
}

void TrainingRunner::stopAndWait()
{
    job_.stopAndWait();
    if (!thread_)
        return;
    stop();
    thread_->wait();
    delete thread_;
    thread_ = nullptr;
}

} // namespace finch::ui
