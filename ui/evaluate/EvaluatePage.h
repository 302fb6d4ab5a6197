#pragma once
// The Evaluate page: pick a run and a split; the metric table, the confusion matrix as a
// heat map (a click on a cell lists its rows, which open in the Data page's editor), the
// reliability diagram, the per-class table, and every prediction (errors only, sorted by
// confidence).
#include "core/runs/EvalRecords.h"
#include "ui/BackgroundTask.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QPushButton;
class QTableWidget;

namespace finch::ui {

class EvaluatePage : public QWidget {
    Q_OBJECT

public:
    explicit EvaluatePage(QWidget* parent = nullptr);
    QCustomPlot* reliability() { return reliability_; }
    // Lists only the rows of one confusion-matrix cell (true label, predicted label);
    // negative values list every row again.
    void showCell(int gold, int predicted);
    QPushButton* openInEditorButton() { return openInEditor_; }

    void setRunsFolder(const QString& folder);
    void selectRun(const QString& runPath);
    QTableWidget* metricTable() { return metrics_; }
    QTableWidget* predictionTable() { return predictions_; }
    QTableWidget* perClassTable() { return perClass_; }
    QCheckBox* errorsOnly() { return errorsOnly_; }
    bool isBusy() const { return work_.isRunning(); }
    QString stateText() const;

public Q_SLOTS:
    void refreshRuns();
    void evaluate(); // runs the chosen split through the run's model, in the background
    // Writes the chosen run's model (merged, or the LoRA adapter) and checks what was
    // written by loading it back (train::exportRun), in the background; exported() says how it went.
    void exportRun(const QString& folder, bool merged);
    // An evaluation's results; empty ones clear the page.
    void showReport(const runs::EvalResults& report);

Q_SIGNALS:
    void status(const QString& message);
    // The inputs of the listed rows, to relabel them in the dataset editor.
    void openRowsInEditor(const QStringList& inputs);
    // The model chosen on the Model page, with this adapter folder (or none), to evaluate
    // without training (TrainPage::evaluateAsItIs).
    void evaluateAsItIs(const QString& adapterFolder);
    void exported(const QString& report);

private:
    void loadExisting();
    void chooseExport(bool merged);
    void fillPredictions();
    void showReliability(const runs::EvalMetrics& metrics);
    void showConfusion(const runs::EvalMetrics& metrics);

    QString folder_;
    QComboBox *run_, *split_;
    QPushButton* evaluate_;
    QLabel* state_;
    QTableWidget *metrics_, *perClass_, *predictions_;
    QCustomPlot* confusion_;
    QCustomPlot* reliability_; // accuracy against confidence, per confidence bin
    QCheckBox* errorsOnly_;
    QLabel* cellNote_;
    QPushButton* openInEditor_;
    QString cellGold_, cellPredicted_; // the confusion-matrix cell listed, if any
    runs::EvalResults report_;
    // Evaluating or exporting. Last: it goes first, stopping its work.
    BackgroundTask work_{QStringLiteral("finch-evaluate")};
};

} // namespace finch::ui
