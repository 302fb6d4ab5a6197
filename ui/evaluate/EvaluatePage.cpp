#include "ui/evaluate/EvaluatePage.h"

#include "core/common/Error.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunArtifacts.h"

#include "ui/Plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <filesystem>

namespace finch::ui {
namespace {

// Sorts numerically where the cell holds a number.
class NumberItem : public QTableWidgetItem {
public:
    explicit NumberItem(double value, int decimals = 4)
        : QTableWidgetItem(QString::number(value, 'f', decimals)), value_(value)
    {
        setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    }
    bool operator<(const QTableWidgetItem& other) const override
    {
        if (const auto* number = dynamic_cast<const NumberItem*>(&other))
            return value_ < number->value_;
        return QTableWidgetItem::operator<(other);
    }

private:
    double value_;
};

} // namespace

EvaluatePage::EvaluatePage(QWidget* parent) : QWidget(parent)
{
    run_ = new QComboBox(this);
    run_->setMinimumContentsLength(30);
    split_ = new QComboBox(this);
    split_->addItem(tr("Test split"), "test");
    split_->addItem(tr("Validation split"), "validation");
    split_->addItem(tr("Training split"), "train");
    evaluate_ = new QPushButton(tr("Evaluate"), this);
    state_ = new QLabel(this);
    // Shows text from files and errors: never interpreted as markup.
    state_->setTextFormat(Qt::PlainText);
    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run"), this));
    top->addWidget(run_, 1);
    top->addWidget(split_);
    top->addWidget(evaluate_);
    // Runs come from training; these make one of zero epochs from the Model page's model.
    auto* asItIs = new QToolButton(this);
    asItIs->setText(tr("Evaluate a model as it is"));
    asItIs->setPopupMode(QToolButton::InstantPopup);
    auto* asItIsMenu = new QMenu(asItIs);
    asItIsMenu->addAction(tr("The chosen model (a baseline)"), this, [this] { Q_EMIT evaluateAsItIs(QString()); });
    asItIsMenu->addAction(tr("The chosen model with a PEFT adapter…"), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("PEFT LoRA adapter folder"));
        if (!folder.isEmpty())
            Q_EMIT evaluateAsItIs(folder);
    });
    asItIs->setMenu(asItIsMenu);
    asItIs->setToolTip(tr("A run of zero epochs on the Data page's dataset and the Model page's model: its test split "
                          "evaluated without training, to compare fine-tuned runs with"));
    top->addWidget(asItIs);
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* exportMenu = new QMenu(exportButton);
    exportMenu->addAction(tr("Merged model (Hugging Face folder)…"), this, [this] { chooseExport(true); });
    exportMenu->addAction(tr("LoRA adapter (PEFT folder)…"), this, [this] { chooseExport(false); });
    exportButton->setMenu(exportMenu);
    exportButton->setToolTip(tr("Writes the run's model, loads it back and checks it against the run's model"));
    top->addWidget(exportButton);
    top->addWidget(state_);

    metrics_ = new QTableWidget(this);
    metrics_->setColumnCount(2);
    metrics_->setHorizontalHeaderLabels({tr("metric"), tr("value")});
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_->horizontalHeader()->setStretchLastSection(true);
    perClass_ = new QTableWidget(this);
    perClass_->setColumnCount(5);
    perClass_->setHorizontalHeaderLabels({tr("label"), tr("precision"), tr("recall"), tr("F1"), tr("support")});
    perClass_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    confusion_ = new QCustomPlot(this);
    confusion_->setMinimumSize(260, 220);
    reliability_ = new QCustomPlot(this);
    reliability_->setMinimumSize(260, 220);
    reliability_->setToolTip(tr("Each bar: the accuracy of the rows predicted with that confidence. On the "
                                "diagonal, confidence means what it says; below it, the model is overconfident."));
    predictions_ = new QTableWidget(this);
    predictions_->setColumnCount(5);
    predictions_->setHorizontalHeaderLabels({tr("input"), tr("reference"), tr("prediction"), tr("confidence / score"), tr("row")});
    predictions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    predictions_->setSortingEnabled(true);
    predictions_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    errorsOnly_ = new QCheckBox(tr("Errors only"), this);
    cellNote_ = new QLabel(this);
    cellNote_->setTextFormat(Qt::PlainText);
    openInEditor_ = new QPushButton(tr("Open these rows in the editor"), this);
    openInEditor_->setToolTip(tr("Selects the listed rows on the Data page, to check and relabel them"));
    openInEditor_->setEnabled(false);
    confusion_->setToolTip(tr("Click a cell to list its rows"));

    auto* upper = new QSplitter(this);
    upper->addWidget(metrics_);
    upper->addWidget(confusion_);
    upper->addWidget(reliability_);
    upper->addWidget(perClass_);
    auto* lower = new QWidget(this);
    auto* lowerLayout = new QVBoxLayout(lower);
    lowerLayout->setContentsMargins(0, 0, 0, 0);
    auto* filters = new QHBoxLayout;
    filters->addWidget(errorsOnly_);
    filters->addWidget(cellNote_, 1);
    filters->addWidget(openInEditor_);
    lowerLayout->addLayout(filters);
    lowerLayout->addWidget(predictions_);
    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(upper);
    vertical->addWidget(lower);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(vertical, 1);

    connect(run_, &QComboBox::currentIndexChanged, this, &EvaluatePage::loadExisting);
    connect(split_, &QComboBox::currentIndexChanged, this, &EvaluatePage::loadExisting);
    connect(evaluate_, &QPushButton::clicked, this, &EvaluatePage::evaluate);
    connect(errorsOnly_, &QCheckBox::toggled, this, &EvaluatePage::fillPredictions);
    connect(confusion_, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const int n = int(report_.metrics.labels().size());
        const int predicted = int(std::lround(confusion_->xAxis->pixelToCoord(event->pos().x())));
        const int gold = n - 1 - int(std::lround(confusion_->yAxis->pixelToCoord(event->pos().y())));
        if (predicted >= 0 && predicted < n && gold >= 0 && gold < n && !(cellGold_.size() && cellNote_->property("cell") == QPoint(gold, predicted)))
            showCell(gold, predicted);
        else
            showCell(-1, -1); // a second click, or outside the cells: every row again
    });
    connect(openInEditor_, &QPushButton::clicked, this, [this] {
        QStringList inputs;
        for (int row = 0; row < predictions_->rowCount(); ++row)
            inputs << predictions_->item(row, 0)->text();
        Q_EMIT openRowsInEditor(inputs);
    });
}

void EvaluatePage::setRunsFolder(const QString& folder)
{
    folder_ = folder;
    refreshRuns();
}

void EvaluatePage::refreshRuns()
{
    const QString current = run_->currentData().toString();
    const QSignalBlocker block(run_);
    run_->clear();
    try {
        if (!folder_.isEmpty() && std::filesystem::is_directory(folder_.toStdString()))
            for (const auto& run : runs::listRuns(folder_.toStdString()))
                if (run.hasFinalModel)
                    run_->addItem(QString::fromStdString(run.id), QString::fromStdString(run.path));
    } catch (const Error&) {
    }
    run_->setCurrentIndex(std::max(0, run_->findData(current)));
    loadExisting();
}

void EvaluatePage::selectRun(const QString& runPath)
{
    refreshRuns();
    run_->setCurrentIndex(std::max(0, run_->findData(runPath)));
}

QString EvaluatePage::stateText() const
{
    return state_->text();
}

void EvaluatePage::loadExisting()
{
    if (run_->currentIndex() < 0)
        return showReport({});
    try {
        const runs::RunFolder run = runs::RunFolder::open(run_->currentData().toString().toStdString());
        const std::string split = split_->currentData().toString().toStdString();
        if (!run.isEvaluated(split)) {
            state_->setText(tr("not evaluated yet"));
            return showReport({});
        }
        showReport(run.readEvaluation(split).results);
        state_->setText(tr("from %1").arg(QFileInfo(QString::fromStdString(run.evalPath(split))).fileName()));
    } catch (const Error& error) {
        state_->setText(QString::fromUtf8(error.what()));
        showReport({});
    }
}

void EvaluatePage::evaluate()
{
    if (isBusy() || run_->currentIndex() < 0)
        return;
    evaluate_->setEnabled(false);
    state_->setText(tr("evaluating…"));
    // Not cancelled with the page: the evaluation ends, and leaves its report in the run.
    work_.start(
        [run = run_->currentData().toString().toStdString(),
         split = split_->currentData().toString().toStdString()](const BackgroundTask::Context& context) {
            train::RunEvaluationRequest request;
            request.split = split;
            return train::evaluateRun(context.engine(), runs::RunFolder::open(run), request).record.results;
        },
        [this](const runs::EvalResults& results, const QString& error) {
            evaluate_->setEnabled(true);
            if (!error.isEmpty()) {
                state_->setText(error);
                Q_EMIT status(error);
                return;
            }
            showReport(results);
            state_->setText(tr("done"));
        });
}

void EvaluatePage::chooseExport(bool merged)
{
    if (isBusy() || run_->currentIndex() < 0)
        return;
    const QString folder = QFileDialog::getSaveFileName(this, merged ? tr("Export the merged model to") : tr("Export the adapter to"),
                                                        QDir::homePath());
    if (!folder.isEmpty())
        exportRun(folder, merged);
}

void EvaluatePage::exportRun(const QString& folder, bool merged)
{
    if (isBusy() || run_->currentIndex() < 0)
        return;
    evaluate_->setEnabled(false);
    state_->setText(tr("exporting…"));
    work_.start(
        [run = run_->currentData().toString().toStdString(), to = folder.toStdString(),
         merged](const BackgroundTask::Context& context) {
            return train::exportRun(context.engine(), runs::RunFolder::open(run), to, merged);
        },
        [this, folder](const train::ExportReport& report, const QString& error) {
            QString message;
            if (!error.isEmpty()) {
                message = tr("Export failed: %1").arg(error);
            } else {
                message = tr("Exported to %1 and loaded back: max logit difference %2 over %3 probe tokens")
                              .arg(folder)
                              .arg(report.maxLogitDifference, 0, 'g', 2)
                              .arg(report.probeTokens);
                if (report.chatModel)
                    message += tr("; chat template and end-of-turn tokens checked");
                for (const std::string& problem : report.problems)
                    message += "\n" + tr("Check failed: %1").arg(QString::fromStdString(problem));
            }
            evaluate_->setEnabled(true);
            state_->setText(message);
            Q_EMIT status(message);
            Q_EMIT exported(message);
        });
}

void EvaluatePage::showReport(const runs::EvalResults& report)
{
    report_ = report;
    cellGold_.clear();
    cellPredicted_.clear();
    cellNote_->clear();
    cellNote_->setProperty("cell", QPoint(-1, -1));
    const runs::EvalMetrics& metrics = report.metrics;
    metrics_->setRowCount(0);
    for (const runs::MetricValue& metric : metrics.numbers()) {
        const int row = metrics_->rowCount();
        metrics_->insertRow(row);
        metrics_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(metric.name)));
        metrics_->setItem(row, 1, new QTableWidgetItem(metric.count ? QString::number(qint64(metric.value))
                                                                    : QString::number(metric.value, 'f', 4)));
    }
    // On the test split, the bar the run had to clear: its bag-of-words baseline.
    if (!metrics.json.empty() && split_->currentData().toString() == QStringLiteral("test") && run_->currentIndex() >= 0) {
        try {
            const runs::RunFolder run = runs::RunFolder::open(run_->currentData().toString().toStdString());
            if (run.hasBaseline()) {
                const runs::BaselineRecord baseline = run.readBaseline();
                for (const char* key : {"accuracy", "macro_f1"})
                    if (const std::optional<double> value = baseline.results.metrics.value(key)) {
                        const int row = metrics_->rowCount();
                        metrics_->insertRow(row);
                        auto* name = new QTableWidgetItem(tr("baseline %1").arg(QString::fromLatin1(key)));
                        name->setToolTip(QString::fromStdString(baseline.method));
                        metrics_->setItem(row, 0, name);
                        metrics_->setItem(row, 1, new QTableWidgetItem(QString::number(*value, 'f', 4)));
                    }
            }
        } catch (const std::exception&) {
            // An unreadable baseline.json shows no baseline; the run's own metrics stand.
        }
    }

    perClass_->setRowCount(0);
    for (const eval::ClassScores& scores : metrics.perClass()) {
        const int row = perClass_->rowCount();
        perClass_->insertRow(row);
        perClass_->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(scores.label)));
        perClass_->setItem(row, 1, new NumberItem(scores.precision));
        perClass_->setItem(row, 2, new NumberItem(scores.recall));
        perClass_->setItem(row, 3, new NumberItem(scores.f1));
        perClass_->setItem(row, 4, new QTableWidgetItem(QString::number(scores.support)));
    }
    showConfusion(metrics);
    showReliability(metrics);
    fillPredictions();
}

// Rows are the true labels (top to bottom), columns the predictions.
void EvaluatePage::showConfusion(const runs::EvalMetrics& metrics)
{
    confusion_->clearPlottables();
    const std::vector<std::string> labels = metrics.labels();
    const std::vector<std::vector<double>> matrix = metrics.confusionMatrix();
    confusion_->setVisible(!labels.empty());
    const int n = int(labels.size());
    const bool square = matrix.size() == labels.size() &&
                        std::all_of(matrix.begin(), matrix.end(), [&](const auto& row) { return row.size() == labels.size(); });
    if (!labels.empty() && square) {
        auto* map = new QCPColorMap(confusion_->xAxis, confusion_->yAxis);
        map->data()->setSize(n, n);
        map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
        double top = 1;
        for (int gold = 0; gold < n; ++gold)
            for (int predicted = 0; predicted < n; ++predicted) {
                const double count = matrix[size_t(gold)][size_t(predicted)];
                top = std::max(top, count);
                map->data()->setCell(predicted, n - 1 - gold, count);
            }
        QCPColorGradient blues;
        blues.setColorStopAt(0, QColor(247, 251, 255));
        blues.setColorStopAt(1, QColor(8, 69, 148));
        map->setGradient(blues);
        map->setDataRange(QCPRange(0, top));
        map->setInterpolate(false);
        QSharedPointer<QCPAxisTickerText> xTicks(new QCPAxisTickerText), yTicks(new QCPAxisTickerText);
        for (int i = 0; i < n; ++i) {
            xTicks->addTick(i, QString::fromStdString(labels[size_t(i)]));
            yTicks->addTick(n - 1 - i, QString::fromStdString(labels[size_t(i)]));
        }
        confusion_->xAxis->setTicker(xTicks);
        confusion_->yAxis->setTicker(yTicks);
        confusion_->xAxis->setLabel(tr("predicted"));
        confusion_->yAxis->setLabel(tr("true"));
        confusion_->xAxis->setRange(-0.5, n - 0.5);
        confusion_->yAxis->setRange(-0.5, n - 0.5);
        confusion_->clearItems();
        for (int gold = 0; gold < n; ++gold)
            for (int predicted = 0; predicted < n; ++predicted) {
                auto* text = new QCPItemText(confusion_);
                text->position->setCoords(predicted, n - 1 - gold);
                const double count = matrix[size_t(gold)][size_t(predicted)];
                text->setText(QString::number(count));
                text->setColor(count > top / 2 ? Qt::white : Qt::black);
            }
    }
    confusion_->replot();
}

// The reliability diagram: per confidence bin, the accuracy (bars) against the diagonal.
void EvaluatePage::showReliability(const runs::EvalMetrics& metrics)
{
    reliability_->clearPlottables();
    reliability_->clearItems();
    const std::vector<eval::CalibrationBin> bins = metrics.calibration();
    reliability_->setVisible(!bins.empty());
    if (bins.empty())
        return;
    auto* bars = new QCPBars(reliability_->xAxis, reliability_->yAxis);
    bars->setPen(Qt::NoPen);
    bars->setBrush(QColor(70, 110, 200, 190));
    double width = 1.0;
    for (const eval::CalibrationBin& bin : bins) {
        if (bin.count == 0)
            continue;
        // The last bin holds confidences of exactly 1: drawn at the top of the scale.
        const double centre = bin.upper > bin.lower ? (bin.lower + bin.upper) / 2 : 1.0 - width / 2;
        if (bin.upper > bin.lower)
            width = bin.upper - bin.lower;
        bars->addData(centre, bin.accuracy);
    }
    bars->setWidth(width * 0.9);
    auto* diagonal = new QCPGraph(reliability_->xAxis, reliability_->yAxis);
    diagonal->setData(QVector<double>{0, 1}, QVector<double>{0, 1});
    diagonal->setPen(QPen(Qt::darkGray, 1, Qt::DashLine));
    reliability_->xAxis->setRange(0, 1);
    reliability_->yAxis->setRange(0, 1);
    reliability_->xAxis->setLabel(tr("confidence"));
    reliability_->yAxis->setLabel(tr("accuracy"));
    auto* title = new QCPItemText(reliability_);
    title->position->setType(QCPItemPosition::ptAxisRectRatio);
    title->position->setCoords(0.03, 0.05);
    title->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    title->setText(tr("calibration error %1").arg(metrics.value("expected_calibration_error").value_or(0.0), 0, 'f', 3));
    reliability_->replot();
}

void EvaluatePage::showCell(int gold, int predicted)
{
    const std::vector<std::string> labels = report_.metrics.labels();
    const bool valid = gold >= 0 && predicted >= 0 && gold < int(labels.size()) && predicted < int(labels.size());
    cellGold_ = valid ? QString::fromStdString(labels[size_t(gold)]) : QString();
    cellPredicted_ = valid ? QString::fromStdString(labels[size_t(predicted)]) : QString();
    cellNote_->setProperty("cell", valid ? QPoint(gold, predicted) : QPoint(-1, -1));
    cellNote_->setText(valid ? tr("Rows labelled %1 and predicted %2 (click the cell again for every row)")
                                   .arg(cellGold_, cellPredicted_)
                             : QString());
    fillPredictions();
}

void EvaluatePage::fillPredictions()
{
    predictions_->setSortingEnabled(false);
    predictions_->setRowCount(0);
    for (const runs::EvalRow& row : report_.rows) {
        if (errorsOnly_->isChecked() && row.correct)
            continue;
        if (!cellGold_.isEmpty() && (QString::fromStdString(row.reference) != cellGold_ ||
                                     QString::fromStdString(row.prediction) != cellPredicted_))
            continue;
        const int r = predictions_->rowCount();
        predictions_->insertRow(r);
        predictions_->setItem(r, 0, new QTableWidgetItem(QString::fromStdString(row.input)));
        predictions_->setItem(r, 1, new QTableWidgetItem(QString::fromStdString(row.reference)));
        auto* prediction = new QTableWidgetItem(QString::fromStdString(row.prediction));
        if (!row.correct)
            prediction->setForeground(QColor(180, 0, 0));
        predictions_->setItem(r, 2, prediction);
        predictions_->setItem(r, 3, new NumberItem(row.score));
        predictions_->setItem(r, 4, new NumberItem(double(row.index), 0));
    }
    predictions_->setSortingEnabled(true);
    openInEditor_->setEnabled(predictions_->rowCount() > 0 && report_.classifies());
}

} // namespace finch::ui
