#include "ui/train/TrainPage.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/model/ModelCatalog.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunArtifacts.h"
#include "ui/train/LossChart.h"
#include "ui/train/RunConfigForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QSpinBox>
#include <QFormLayout>
#include <QDialogButtonBox>
#include <QDialog>
#include <QDateTime>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

namespace finch::ui {
namespace {

QString duration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7)
        return QStringLiteral("--:--");
    const int total = int(seconds + 0.5);
    return total >= 3600 ? QStringLiteral("%1:%2:%3").arg(total / 3600).arg(total / 60 % 60, 2, 10, QChar('0')).arg(total % 60, 2, 10, QChar('0'))
                         : QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QChar('0'));
}

// A wheel turned over the form scrolls it, also when the pointer passes over a field; a
// field takes the wheel once it has focus (clicked or tabbed to), so no value changes
// unseen while the person scrolls.
class WheelScrollsForm : public QObject {
public:
    WheelScrollsForm(QScrollBar* scrollBar, QObject* parent) : QObject(parent), scrollBar_(scrollBar) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::Wheel || static_cast<QWidget*>(watched)->hasFocus())
            return false;
        QCoreApplication::sendEvent(scrollBar_, event);
        return true;
    }

private:
    QScrollBar* scrollBar_;
};

} // namespace

TrainPage::TrainPage(QWidget* parent) : QWidget(parent)
{
    form_ = new RunConfigForm(this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(form_);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(form_->sizeHint().width() + 24);
    auto* wheel = new WheelScrollsForm(scroll->verticalScrollBar(), this);
    for (QWidget* field : form_->findChildren<QWidget*>())
        if (qobject_cast<QAbstractSpinBox*>(field) || qobject_cast<QComboBox*>(field)) {
            field->setFocusPolicy(Qt::StrongFocus);
            field->installEventFilter(wheel);
        }

    source_ = new QLabel(this);
    source_->setTextFormat(Qt::RichText); // file and model names escaped
    source_->setWordWrap(true);
    preset_ = new QComboBox(this);
    preset_->addItem(tr("Presets…"));
    preset_->addItems(RunConfigForm::presetNames());
    auto* loadButton = new QPushButton(tr("Load…"), this);
    auto* saveButton = new QPushButton(tr("Save…"), this);
    continue_ = new QPushButton(tr("Continue a run…"), this);
    continue_->setToolTip(tr("Resume a stopped or interrupted run, or train a finished one for more epochs"));
    start_ = new QPushButton(tr("Start"), this);
    start_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    start_->setToolTip(tr("Start training (Ctrl+Enter)"));
    pause_ = new QPushButton(tr("Pause"), this);
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setToolTip(tr("Stop after the current step and save a checkpoint"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(preset_);
    buttons->addWidget(loadButton);
    buttons->addWidget(saveButton);
    buttons->addStretch(1);
    buttons->addWidget(continue_);
    buttons->addWidget(start_);
    buttons->addWidget(pause_);
    buttons->addWidget(stop_);

    progress_ = new QProgressBar(this);
    progressText_ = new QLabel(this);
    error_ = new QLabel(this);
    // Shows text from files and errors: never interpreted as markup.
    error_->setTextFormat(Qt::PlainText);
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("QLabel { color: #b00020; background: #fdecee; padding: 6px; }"));
    error_->hide();
    chart_ = new LossChart(this);
    logScale_ = new QCheckBox(tr("Log scale"), this);
    auto* fit = new QPushButton(tr("Fit"), this);
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(progressText_, 1);
    chartBar->addWidget(logScale_);
    chartBar->addWidget(fit);
    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(source_);
    rightLayout->addLayout(buttons);
    rightLayout->addWidget(error_);
    rightLayout->addWidget(progress_);
    rightLayout->addLayout(chartBar);
    auto* chartSplitter = new QSplitter(Qt::Vertical, this);
    chartSplitter->addWidget(chart_);
    chartSplitter->addWidget(log_);
    chartSplitter->setStretchFactor(0, 3);
    chartSplitter->setStretchFactor(1, 1);
    rightLayout->addWidget(chartSplitter, 1);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(scroll);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    form_->applyPreset(RunConfigForm::presetNames()[1]);
    connect(preset_, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            form_->applyPreset(preset_->itemText(index));
        preset_->setCurrentIndex(0);
    });
    connect(loadButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Load run configuration"), runsFolder_, tr("JSON (*.json)"));
        if (!file.isEmpty())
            loadConfig(file);
    });
    connect(saveButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save run configuration"), runsFolder_, tr("JSON (*.json)"));
        if (!file.isEmpty())
            saveConfig(file);
    });
    connect(continue_, &QPushButton::clicked, this, &TrainPage::chooseRunToContinue);
    connect(start_, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(pause_, &QPushButton::clicked, this, &TrainPage::togglePause);
    connect(stop_, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(logScale_, &QCheckBox::toggled, chart_, &LossChart::setLogScale);
    connect(fit, &QPushButton::clicked, chart_, &LossChart::fit);
    connect(form_, &RunConfigForm::changed, this, &TrainPage::updateButtons);
    connect(&runner_, &TrainingRunner::event, this, &TrainPage::onEvent);
    connect(&runner_, &TrainingRunner::finished, this, &TrainPage::onFinished);
    connect(&runner_, &TrainingRunner::idle, this, &TrainPage::updateButtons);
    connect(&runner_, &TrainingRunner::idle, this, [this] {
        if (crossValidation_ && crossValidation_->next < crossValidation_->folds)
            startFold();
    });
    setDataset({});
    updateButtons();
}

void TrainPage::setDataset(const QString& path)
{
    dataset_ = path;
    source_->setText(tr("<b>Data</b> %1 &nbsp; <b>Model</b> %2")
                         .arg(path.isEmpty() ? tr("(open a dataset on the Data page)") : QFileInfo(path).fileName().toHtmlEscaped(),
                              QString::fromStdString(model::modelDisplayName(model_.toStdString())).toHtmlEscaped()));
    source_->setToolTip(model_);
    updateButtons();
}

void TrainPage::setModel(const QString& presetOrFolder)
{
    model_ = presetOrFolder;
    setDataset(dataset_);
}

void TrainPage::setRunsFolder(const QString& folder)
{
    runsFolder_ = folder;
}

QString TrainPage::errorText() const
{
    return error_->isHidden() ? QString() : error_->text(); // shown, also while the window is not
}

train::RunConfig TrainPage::runConfig() const
{
    train::RunConfig config = form_->config();
    config.trainFile = dataset_.toStdString();
    config.model = model_.toStdString();
    config.outputDir = runsFolder_.toStdString();
    // "sentiment-SmolLM2-135M-Instruct", not the cache snapshot's commit.
    const QString modelName = QString::fromStdString(model::modelDisplayName(model_.toStdString())).section('/', -1);
    config.runName = (QFileInfo(dataset_).completeBaseName() + "-" + modelName).toStdString();
    return config;
}

void TrainPage::startTraining()
{
    start(runConfig(), form_->processes());
}

void TrainPage::evaluateAsItIs(const QString& adapterFolder)
{
    start(train::asItIs(runConfig(), adapterFolder.toStdString()), 1); // nothing to train
}

void TrainPage::chooseRunToContinue()
{
    if (runner_.isRunning())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Continue a run"));
    auto* runList = new QComboBox(&dialog);
    try {
        for (const runs::RunSummary& run : runs::listRuns(runsFolder_.toStdString()))
            if (run.problem.empty() && run.record.status != runs::RunStatus::Running)
                runList->addItem(tr("%1 (%2)").arg(QString::fromStdString(run.id),
                                                QString::fromUtf8(runs::kRunStatuses.name(run.record.status))),
                              QVariant::fromValue(QPair<QString, bool>(QString::fromStdString(run.path),
                                                                       run.record.status == runs::RunStatus::Completed)));
    } catch (const Error& error) {
        showError(QString::fromUtf8(error.what()));
        return;
    }
    if (runList->count() == 0) {
        showError(tr("No run to continue in %1").arg(runsFolder_));
        return;
    }
    auto* how = new QComboBox(&dialog);
    how->addItem(tr("Go on in the same run"));
    how->addItem(tr("Start a new run from its weights, on the current data and settings"));
    auto* more = new QSpinBox(&dialog);
    more->setRange(0, 1000);
    auto* note = new QLabel(&dialog);
    note->setWordWrap(true);
    const auto update = [this, runList, how, more, note] {
        const bool completed = runList->currentData().value<QPair<QString, bool>>().second;
        const bool newRun = how->currentIndex() == 1;
        more->setEnabled(!newRun);
        more->setMinimum(completed ? 1 : 0);
        // Shown at the minimum: only a run that has not finished can go on with none.
        more->setSpecialValueText(completed ? QString() : tr("none: resume where it stopped"));
        note->setText(newRun ? tr("After labelling more rows: the new run starts from the weights this one ended with "
                                  "(its adapter, for LoRA), and its run.json names them.")
                      : completed ? tr("A finished run trains on from its last step; the learning-rate schedule is laid out "
                                       "again over the new number of epochs.")
                                  : tr("The run goes on from its newest checkpoint, exactly as if it had not stopped."));
    };
    connect(runList, &QComboBox::currentIndexChanged, &dialog, update);
    connect(how, &QComboBox::currentIndexChanged, &dialog, update);
    update();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Continue"));
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Run"), runList);
    form->addRow(tr("How"), how);
    form->addRow(tr("More epochs"), more);
    form->addRow(note);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString runPath = runList->currentData().value<QPair<QString, bool>>().first;
    if (how->currentIndex() == 1)
        startFromRun(runPath);
    else
        continueRun(runPath, more->value());
}

void TrainPage::startFromRun(const QString& runPath)
{
    try {
        const train::RunConfig config = train::startingFrom(runs::RunFolder::open(runPath.toStdString()), runConfig());
        setModel(QString::fromStdString(config.model));
        form_->setConfig(config); // LoRA and the adapter to start from show in the form
        start(config, form_->processes());
    } catch (const Error& error) {
        showError(QString::fromUtf8(error.what()));
    }
}

void TrainPage::continueRun(const QString& runPath, int moreEpochs)
{
    if (runner_.isRunning())
        return;
    error_->hide();
    chart_->clear();
    // In as many processes as it trained in: they split every batch between them.
    int processes = 1;
    // The curves so far, then the new points as they come.
    try {
        const runs::RunFolder folder = runs::RunFolder::open(runPath.toStdString());
        if (const runs::RunRecord record = folder.readRecord(); record.runtime)
            processes = int(record.runtime->processes);
        for (const runs::RunEvent& event : folder.readEvents()) {
            if (event.kind == runs::EventKind::Step) {
                chart_->addTrainLoss(double(event.step), event.trainLoss);
                chart_->addLearningRate(double(event.step), event.learningRate);
            } else if (event.kind == runs::EventKind::Evaluation) {
                chart_->addValidationLoss(double(event.step), event.validationLoss);
            }
        }
    } catch (const Error&) {
        // Unreadable metrics show no history; the trainer reports what stops it.
    }
    log(moreEpochs > 0 ? tr("Training %1 for %2 more epochs").arg(runPath).arg(moreEpochs) : tr("Resuming %1").arg(runPath));
    if (processes > 1)
        log(tr("in %1 processes, as it started").arg(processes));
    runner_.start(runConfig(), runPath, moreEpochs, processes);
    updateButtons();
    Q_EMIT stateChanged(tr("Training"));
}

void TrainPage::start(const train::RunConfig& config, int processes)
{
    if (runner_.isRunning() || (beforeStart_ && !beforeStart_()))
        return;
    try {
        config.validate();
    } catch (const Error& error) {
        showError(QString::fromUtf8(error.what()));
        return;
    }
    error_->hide();
    chart_->clear();
    progress_->setValue(0);
    log(processes > 1 ? tr("Starting %1 on %2 in %3 processes").arg(model_, QFileInfo(dataset_).fileName()).arg(processes)
                      : tr("Starting %1 on %2").arg(model_, QFileInfo(dataset_).fileName()));
    runner_.start(config, {}, 0, processes);
    updateButtons();
    Q_EMIT stateChanged(tr("Training"));
}

void TrainPage::togglePause()
{
    if (!runner_.isRunning())
        return;
    runner_.setPaused(!runner_.isPaused());
    updateButtons();
}

void TrainPage::stopTraining()
{
    if (!runner_.isRunning())
        return;
    runner_.stop();
    log(tr("Stopping after the current step…"));
    stop_->setEnabled(false);
}

bool TrainPage::loadConfig(const QString& path)
{
    try {
        const train::RunConfig config = train::RunConfig::load(path.toStdString());
        form_->setConfig(config);
        if (!config.trainFile.empty())
            setDataset(QString::fromStdString(config.trainFile));
        setModel(QString::fromStdString(config.model));
        log(tr("Loaded %1").arg(path));
        return true;
    } catch (const Error& error) {
        showError(QString::fromUtf8(error.what()));
        return false;
    }
}

bool TrainPage::saveConfig(const QString& path)
{
    try {
        writeFileAtomically(path.toStdString(), runConfig().toJson().dump(2) + "\n");
        log(tr("Saved %1").arg(path));
        return true;
    } catch (const Error& error) {
        showError(QString::fromUtf8(error.what()));
        return false;
    }
}

void TrainPage::onEvent(const runs::RunEvent& event)
{
    using Kind = runs::EventKind;
    switch (event.kind) {
    case Kind::Started:
        lastRun_ = QString::fromStdString(event.path);
        progress_->setRange(0, int(event.totalSteps));
        log(QString::fromStdString(event.message));
        Q_EMIT runStarted(lastRun_);
        break;
    case Kind::Step:
        progress_->setValue(int(event.step));
        chart_->addTrainLoss(double(event.step), event.trainLoss);
        chart_->addLearningRate(double(event.step), event.learningRate);
        progressText_->setText(tr("step %1 of %2 · epoch %3 · loss %4 · %5 tokens/s · ETA %6")
                                   .arg(event.step)
                                   .arg(event.totalSteps)
                                   .arg(event.epoch, 0, 'f', 2)
                                   .arg(event.trainLoss, 0, 'f', 4)
                                   .arg(qRound(event.tokensPerSecond))
                                   .arg(duration(event.etaSeconds)));
        break;
    case Kind::Evaluation:
        chart_->addValidationLoss(double(event.step), event.validationLoss);
        log(tr("step %1: validation loss %2").arg(event.step).arg(event.validationLoss, 0, 'f', 4));
        break;
    case Kind::Checkpoint: log(tr("checkpoint %1").arg(QString::fromStdString(event.path))); break;
    case Kind::Paused:
        log(tr("paused at step %1").arg(event.step));
        Q_EMIT stateChanged(tr("Paused"));
        break;
    case Kind::Resumed:
        log(tr("resumed"));
        Q_EMIT stateChanged(tr("Training"));
        break;
    case Kind::Log: log(QString::fromStdString(event.message)); break;
    case Kind::Failed: showError(QString::fromStdString(event.message)); break;
    case Kind::Finished: break;
    }
}

void TrainPage::onFinished(const QString& runPath, runs::RunStatus status, const QString& message)
{
    if (!runPath.isEmpty())
        lastRun_ = runPath;
    if (status == runs::RunStatus::Failed)
        showError(message);
    log(tr("%1: %2 %3").arg(QString::fromUtf8(runs::kRunStatuses.name(status)), lastRun_, message));
    updateButtons();
    Q_EMIT stateChanged(status == runs::RunStatus::Completed ? tr("Finished")
                        : status == runs::RunStatus::Stopped ? tr("Stopped")
                                                             : tr("Failed"));
    Q_EMIT runFinished(lastRun_, status);
    if (crossValidation_) {
        crossValidation_->runs << lastRun_;
        if (status != runs::RunStatus::Completed) {
            crossValidation_.reset();
            Q_EMIT crossValidated({}, tr("cross-validation stopped: a fold's run did not complete"));
        } else if (crossValidation_->next == crossValidation_->folds) {
            const QStringList done = crossValidation_->runs;
            crossValidation_.reset();
            Q_EMIT crossValidated(done, {});
        } // else: the next fold starts when the runner is idle
    }
}

void TrainPage::crossValidate(int folds)
{
    if (runner_.isRunning() || crossValidation_)
        return;
    crossValidation_ = CrossValidation{folds, 0, {}};
    log(tr("Cross-validation: %1 runs, each holding out one of %1 folds of the training rows and predicting it").arg(folds));
    startFold();
}

void TrainPage::startFold()
{
    train::RunConfig config = runConfig();
    config.crossValidationFolds = crossValidation_->folds;
    config.crossValidationFold = crossValidation_->next++;
    config.runName += "-fold" + std::to_string(config.crossValidationFold + 1) + "of" + std::to_string(config.crossValidationFolds);
    start(config, form_->processes());
    if (!runner_.isRunning()) { // refused (its reason is shown)
        crossValidation_.reset();
        Q_EMIT crossValidated({}, errorText());
    }
}

void TrainPage::updateButtons()
{
    const bool running = runner_.isRunning();
    start_->setEnabled(!running && !dataset_.isEmpty() && form_->validationError().isEmpty());
    pause_->setEnabled(running && runner_.canPause());
    pause_->setToolTip(running && !runner_.canPause() ? tr("A run in several processes cannot pause: stop it, and "
                                                           "continue it later from its checkpoint")
                                                      : QString());
    pause_->setText(runner_.isPaused() ? tr("Resume") : tr("Pause"));
    stop_->setEnabled(running);
    continue_->setEnabled(!running);
    form_->setEnabled(!running);
}

void TrainPage::log(const QString& line)
{
    log_->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss  ")) + line);
}

void TrainPage::showError(const QString& message)
{
    error_->setText(message);
    error_->show();
    log(tr("error: %1").arg(message));
}

} // namespace finch::ui
