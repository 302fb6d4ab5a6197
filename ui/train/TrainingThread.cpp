#include "ui/train/TrainingThread.h"

#include "core/train/Trainer.h"

namespace finch::ui {

TrainingThread::~TrainingThread()
{
    stopAndWait();
}

void TrainingThread::start(const train::RunConfig& config, const QString& resumeRunPath, int moreEpochs)
{
    task_.start(
        [this, config, control = control_, resume = resumeRunPath.toStdString(), moreEpochs](const BackgroundTask::Context& context) {
            runs::CallbackSink events([this, &context](const runs::RunEvent& e) { context.post([this, e] { Q_EMIT event(e); }); });
            train::Trainer& trainer = context.trainer();
            return resume.empty() ? trainer.start(config, &events, control.get())
                                  : trainer.resume(resume, &events, control.get(), moreEpochs);
        },
        [this](const train::TrainingOutcome& outcome, const QString& error) {
            if (error.isEmpty())
                Q_EMIT finished(QString::fromStdString(outcome.runPath), outcome.status, QString::fromStdString(outcome.message));
            else
                Q_EMIT finished(QString(), runs::RunStatus::Failed, error);
            Q_EMIT idle();
        });
}

void TrainingThread::stopAndWait()
{
    stop();
    task_.wait();
}

bool TrainingThread::stopUnlessPreparing()
{
    if (!isRunning())
        return true;
    stop();
    if (control_->holdsNothing())
        return false;
    stopAndWait();
    return true;
}

} // namespace finch::ui
