#pragma once
// Data-parallel training from the studio: `finch train --nproc-per-node N --json` in a
// session of its own, its JSON events read back into the same signals the in-process
// trainer gives. Ranks are processes, so the studio cannot host them on threads; the CLI's
// launcher starts and watches them as it does on a server.
#include "core/train/RunConfig.h"
#include "ui/train/TrainingSession.h"

#include <QProcess>
#include <QTemporaryDir>

#include <memory>
#include <optional>

#include <sys/types.h>

namespace finch::ui {

class TrainingJob : public TrainingSession {
    Q_OBJECT

public:
    explicit TrainingJob(QObject* parent = nullptr);
    ~TrainingJob() override; // stops a running job and waits for its checkpoint

    // The finch program the studio launches: beside finch-studio, else on PATH; empty when
    // there is none.
    static QString cliProgram();

    // As TrainingThread::start, in `processes` processes.
    void start(const train::RunConfig& config, const QString& resumeRunPath, int moreEpochs, int processes);

    bool isRunning() const override;
    // Until rank 0 reports the run started: the processes read data and load the model.
    bool isPreparing() const override { return isRunning() && !started_; }
    // Ranks in several processes cannot pause: the job stops, and continues later.
    bool canPause() const override { return false; }
    bool isPaused() const override { return false; }
    void setPaused(bool) override {}
    // Ctrl-C to the whole job: every rank stops after the same step with a checkpoint.
    void stop() override;
    void stopAndWait() override;
    // Ends a job still preparing at once (nothing to save yet); returns false then.
    bool stopUnlessPreparing() override;

private:
    void readEvents();
    void readErrors();
    void onExit(int exitCode, QProcess::ExitStatus exitStatus);
    void signalJob(int signal);
    void end(runs::RunStatus status, const QString& message);

    QProcess* process_ = nullptr;
    pid_t group_ = 0; // the launcher's session and process group
    std::unique_ptr<QTemporaryDir> configDir_; // the run configuration the ranks read
    QByteArray pendingOutput_;                 // a line not yet complete
    QString errors_;                           // the ranks' and the launcher's stderr
    bool started_ = false;
    bool stopSent_ = false;
    QString runPath_;
    std::optional<runs::RunStatus> status_; // from the CLI's closing line
    QString message_;
};

} // namespace finch::ui
