#include "ui/train/TrainingJob.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include <csignal>
#include <unistd.h>

namespace finch::ui {
namespace {

// Enough of the ranks' stderr to explain a failure; a rank that loops on a warning must not
// fill the studio's memory.
constexpr qsizetype kErrorTextLimit = 16 * 1024;

} // namespace

TrainingJob::TrainingJob(QObject* parent) : TrainingSession(parent) {}

TrainingJob::~TrainingJob()
{
    stopAndWait();
}

QString TrainingJob::cliProgram()
{
    const QString beside = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("finch"));
    if (QFileInfo(beside).isExecutable())
        return beside;
    return QStandardPaths::findExecutable(QStringLiteral("finch"));
}

bool TrainingJob::isRunning() const
{
    return process_ && process_->state() != QProcess::NotRunning;
}

void TrainingJob::start(const train::RunConfig& config, const QString& resumeRunPath, int moreEpochs, int processes)
{
    runPath_ = resumeRunPath;
    const auto fail = [this](const QString& message) { end(runs::RunStatus::Failed, message); };
    const QString program = cliProgram();
    if (program.isEmpty())
        return fail(tr("Training in several processes runs the finch program, which is neither beside %1 nor on PATH")
                        .arg(QCoreApplication::applicationFilePath()));
    QStringList arguments{QStringLiteral("train")};
    if (resumeRunPath.isEmpty()) {
        configDir_ = std::make_unique<QTemporaryDir>();
        const QString file = configDir_->filePath(QStringLiteral("run.json"));
        try {
            writeFileAtomically(file.toStdString(), config.toJson().dump(2) + "\n");
        } catch (const Error& error) {
            return fail(QString::fromUtf8(error.what()));
        }
        arguments << QStringLiteral("--config") << file;
    } else {
        arguments << QStringLiteral("--resume") << resumeRunPath;
        if (moreEpochs > 0)
            arguments << QStringLiteral("--more-epochs") << QString::number(moreEpochs);
    }
    arguments << QStringLiteral("--nproc-per-node") << QString::number(processes) << QStringLiteral("--json");

    process_ = new QProcess(this);
    // A session of its own: Stop reaches the launcher and every rank as Ctrl-C in a terminal
    // does, and the studio's own terminal signals do not.
    process_->setChildProcessModifier([] { setsid(); });
    connect(process_, &QProcess::readyReadStandardOutput, this, &TrainingJob::readEvents);
    connect(process_, &QProcess::readyReadStandardError, this, &TrainingJob::readErrors);
    connect(process_, &QProcess::finished, this, &TrainingJob::onExit);
    connect(process_, &QProcess::errorOccurred, this, [this, program](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) // no finished() follows
            end(runs::RunStatus::Failed, tr("cannot start %1: %2").arg(program, process_->errorString()));
    });
    process_->start(program, arguments);
    group_ = static_cast<pid_t>(process_->processId());
}

void TrainingJob::readEvents()
{
    pendingOutput_ += process_->readAllStandardOutput();
    qsizetype end;
    while ((end = pendingOutput_.indexOf('\n')) >= 0) {
        const QByteArray line = pendingOutput_.left(end).trimmed();
        pendingOutput_.remove(0, end + 1);
        if (line.isEmpty())
            continue;
        const runs::Json json = runs::Json::parse(line.constData(), line.constData() + line.size(), nullptr, false);
        if (!json.is_object()) {
            // Not the CLI's JSON: a library's note; shown, not lost.
            runs::RunEvent note;
            note.message = line.toStdString();
            Q_EMIT event(note);
            continue;
        }
        if (!json.contains("event")) {
            // The closing line: {"run", "status", "steps", "message"}.
            runPath_ = QString::fromStdString(json.value("run", runPath_.toStdString()));
            status_ = runs::kRunStatuses.find(json.value("status", std::string()));
            message_ = QString::fromStdString(json.value("message", std::string()));
            continue;
        }
        try {
            const runs::RunEvent parsed = runs::eventFromJson(json, "finch train --json");
            if (parsed.kind == runs::EventKind::Started) {
                started_ = true;
                runPath_ = QString::fromStdString(parsed.path);
            }
            Q_EMIT event(parsed);
        } catch (const Error& error) {
            errors_ += QString::fromUtf8(error.what()) + '\n';
        }
    }
}

void TrainingJob::readErrors()
{
    const QString text = QString::fromUtf8(process_->readAllStandardError());
    if (errors_.size() < kErrorTextLimit)
        errors_ += text.left(kErrorTextLimit - errors_.size());
    // The launcher's and the ranks' reports go to the log as they come.
    for (const QString& line : text.split('\n', Qt::SkipEmptyParts)) {
        runs::RunEvent note;
        note.message = line.toStdString();
        Q_EMIT event(note);
    }
}

void TrainingJob::onExit(int exitCode, QProcess::ExitStatus exitStatus)
{
    // A launcher that was killed leaves its workers behind: they go with it.
    if (group_ > 0)
        ::kill(-group_, SIGKILL);
    group_ = 0;
    readEvents();
    readErrors();
    runs::RunStatus status = status_.value_or(runs::RunStatus::Failed);
    QString message = message_;
    if (status == runs::RunStatus::Failed || exitStatus != QProcess::NormalExit || exitCode != 0) {
        status = runs::RunStatus::Failed;
        const QString errors = errors_.trimmed();
        if (message.isEmpty())
            message = !errors.isEmpty()                     ? errors
                      : exitStatus == QProcess::CrashExit ? tr("the training job ended: its launcher was killed")
                                                          : tr("the training job ended with status %1").arg(exitCode);
        else if (!errors.isEmpty() && !message.contains(errors))
            message += '\n' + errors;
    }
    end(status, message);
}

void TrainingJob::end(runs::RunStatus status, const QString& message)
{
    configDir_.reset();
    Q_EMIT finished(runPath_, status, message);
    Q_EMIT idle();
}

void TrainingJob::signalJob(int signal)
{
    if (isRunning() && group_ > 0)
        ::kill(-group_, signal);
}

void TrainingJob::stop()
{
    // Once: a second Ctrl-C ends the ranks at once, without their checkpoint.
    if (!stopSent_)
        signalJob(SIGINT);
    stopSent_ = true;
}

void TrainingJob::stopAndWait()
{
    if (!isRunning())
        return;
    stop();
    process_->waitForFinished(-1);
}

bool TrainingJob::stopUnlessPreparing()
{
    if (!isRunning())
        return true;
    if (isPreparing()) {
        signalJob(SIGKILL);
        process_->waitForFinished(5000);
        return false;
    }
    stopAndWait();
    return true;
}

} // namespace finch::ui
