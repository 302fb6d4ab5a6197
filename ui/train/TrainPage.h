#pragma once
// The Train page: the hyperparameter form, Start / Pause / Stop, progress, the live loss
// chart and a log. Training runs off the GUI thread, in this process or in several
// (TrainingRunner).
#include "ui/train/TrainingRunner.h"

#include <QWidget>

#include <optional>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace finch::ui {

class LossChart;
class RunConfigForm;

class TrainPage : public QWidget {
    Q_OBJECT

public:
    explicit TrainPage(QWidget* parent = nullptr);

    void setDataset(const QString& path);
    // Called before a run starts; false cancels the start. The main window uses it to save
    // the dataset's unsaved edits, so that a run trains on what the person sees.
    void setBeforeStart(std::function<bool()> check) { beforeStart_ = std::move(check); }
    void setModel(const QString& presetOrFolder);
    void setRunsFolder(const QString& folder);

    RunConfigForm* form() { return form_; }
    LossChart* chart() { return chart_; }
    TrainingRunner* runner() { return &runner_; }
    QPushButton* startButton() { return start_; }
    QPushButton* pauseButton() { return pause_; }
    QPushButton* stopButton() { return stop_; }
    QString lastRunPath() const { return lastRun_; }
    QString errorText() const;
    // The whole configuration that Start would use.
    train::RunConfig runConfig() const;

public Q_SLOTS:
    void startTraining();
    // A run of zero epochs on the chosen model and data: the model, or the model plus a PEFT
    // adapter folder, evaluated as it is (a baseline; an adapter made elsewhere).
    void evaluateAsItIs(const QString& adapterFolder = {});
    // Resumes a stopped or failed run from its newest checkpoint, or trains any run
    // `moreEpochs` epochs more (Trainer::resume).
    void continueRun(const QString& runPath, int moreEpochs = 0);
    // A new run on the current data and settings, from the weights `runPath` ended with.
    void startFromRun(const QString& runPath);
    void chooseRunToContinue(); // asks which run, and how
    // `folds` runs with the current model, data and settings, each holding out one fold of
    // the training rows and predicting it (RUN/heldout.json); crossValidated() follows.
    void crossValidate(int folds);
    void togglePause();
    void stopTraining();
    bool loadConfig(const QString& path);
    bool saveConfig(const QString& path);

Q_SIGNALS:
    void runStarted(const QString& runPath);
    void runFinished(const QString& runPath, finch::runs::RunStatus status);
    void stateChanged(const QString& state); // for the status bar
    // The runs of a cross-validation, or an error when one did not complete.
    void crossValidated(const QStringList& runPaths, const QString& error);

private:
    void start(const train::RunConfig& config, int processes);
    void startFold();
    struct CrossValidation {
        int folds = 0, next = 0;
        QStringList runs;
    };
    std::optional<CrossValidation> crossValidation_;
    void onEvent(const runs::RunEvent& event);
    void onFinished(const QString& runPath, runs::RunStatus status, const QString& message);
    void updateButtons();
    void log(const QString& line);
    void showError(const QString& message);

    RunConfigForm* form_;
    LossChart* chart_;
    TrainingRunner runner_;
    QLabel *source_, *progressText_, *error_;
    QComboBox* preset_;
    QPushButton *start_, *pause_, *stop_, *continue_;
    QProgressBar* progress_;
    QCheckBox* logScale_;
    QPlainTextEdit* log_;
    QString dataset_, model_ = QStringLiteral("finch-tiny"), runsFolder_, lastRun_;
    std::function<bool()> beforeStart_;
};

} // namespace finch::ui
