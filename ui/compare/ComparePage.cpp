#include "ui/compare/ComparePage.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/eval/Bootstrap.h"
#include "core/eval/Metrics.h"

#include "ui/Plot.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>
#include <filesystem>
#include <optional>
#include <set>

namespace finch::ui {
namespace {

// A tool tip shows rich text whenever its text looks like markup: text from a file is
// escaped inside an explicit rich-text frame, so it always shows as written.
QString plainToolTip(const std::string& text)
{
    return text.empty() ? QString() : QStringLiteral("<qt>%1</qt>").arg(QString::fromStdString(text).toHtmlEscaped());
}

using Json = nlohmann::ordered_json;

const QColor kPalette[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                           QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127)};

// Higher is better for every metric but perplexity.
bool higherIsBetter(const std::string& metric)
{
    return metric != "perplexity";
}

QString jsonCell(const Json& value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString::fromStdString(value.dump());
}

} // namespace

ComparePage::ComparePage(QWidget* parent) : QWidget(parent)
{
    runs_ = new QListWidget(this);
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Runs"), this));
    leftLayout->addWidget(runs_, 1);
    leftLayout->addWidget(refreshButton);

    chart_ = new QCustomPlot(this);
    chart_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    chart_->xAxis->setLabel(tr("step"));
    chart_->yAxis->setLabel(tr("loss (solid: training, dashed: validation)"));
    chart_->legend->setVisible(true);
    chart_->legend->setFont(QFont(font().family(), 8));
    settings_ = new QTableWidget(this);
    settings_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    metrics_ = new QTableWidget(this);
    metrics_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    runA_ = new QComboBox(this);
    runB_ = new QComboBox(this);
    metric_ = new QComboBox(this);
    for (const std::string_view key : eval::kComparableMetrics)
        metric_->addItem(QString::fromUtf8(key));
    auto* bootstrapButton = new QPushButton(tr("Compare"), this);
    bootstrap_ = new QLabel(this);
    // Shows text from files and errors: never interpreted as markup.
    bootstrap_->setTextFormat(Qt::PlainText);
    bootstrap_->setWordWrap(true);
    bootstrap_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bootstrapPanel = new QWidget(this);
    auto* bootstrapForm = new QFormLayout(bootstrapPanel);
    bootstrapForm->addRow(tr("Reference (A)"), runA_);
    bootstrapForm->addRow(tr("Candidate (B)"), runB_);
    bootstrapForm->addRow(tr("Metric"), metric_);
    bootstrapForm->addRow(QString(), bootstrapButton);
    bootstrapForm->addRow(bootstrap_);

    auto* tabs = new QTabWidget(this);
    tabs->addTab(chart_, tr("Curves"));
    tabs->addTab(metrics_, tr("Metrics"));
    tabs->addTab(settings_, tr("Settings"));
    tabs->addTab(bootstrapPanel, tr("Significance"));
    auto* exportPngButton = new QPushButton(tr("Export chart (PNG)…"), this);
    auto* exportCsvButton = new QPushButton(tr("Export data (CSV)…"), this);
    auto* exportRow = new QHBoxLayout;
    exportRow->addStretch(1);
    exportRow->addWidget(exportPngButton);
    exportRow->addWidget(exportCsvButton);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(tabs, 1);
    rightLayout->addLayout(exportRow);

    auto* splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(refreshButton, &QPushButton::clicked, this, &ComparePage::refresh);
    connect(runs_, &QListWidget::itemChanged, this, &ComparePage::updateComparison);
    connect(bootstrapButton, &QPushButton::clicked, this, &ComparePage::runBootstrap);
    connect(exportPngButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export chart"), folder_, tr("PNG images (*.png)"));
        if (!file.isEmpty())
            exportPng(file);
    });
    connect(exportCsvButton, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export data"), folder_, tr("CSV files (*.csv)"));
        if (!file.isEmpty())
            exportCsv(file);
    });
}

// A run's logged events. A metrics.jsonl that cannot be read draws no curve, and
// `problem` (when given) says why.
std::vector<runs::RunEvent> ComparePage::eventsOf(const runs::RunSummary& run, std::string* problem) const
{
    if (baselines_.contains(QString::fromStdString(run.id)))
        return {};
    try {
        return runs::RunFolder::open(run.path).readEvents();
    } catch (const Error& error) {
        if (problem)
            *problem = error.what();
        return {};
    }
}

void ComparePage::setRunsFolder(const QString& folder)
{
    folder_ = folder;
    refresh();
}

void ComparePage::refresh()
{
    QSet<QString> checked;
    for (int i = 0; i < runs_->count(); ++i)
        if (runs_->item(i)->checkState() == Qt::Checked)
            checked.insert(runs_->item(i)->data(Qt::UserRole).toString());
    all_.clear();
    try {
        if (!folder_.isEmpty() && std::filesystem::is_directory(folder_.toStdString()))
            all_ = runs::listRuns(folder_.toStdString());
    } catch (const Error&) {
    }
    // Each classification run's baseline (bag of words + logistic regression on the same
    // split) follows it as an entry of its own: checked with it, fine-tuning meets its bar.
    baselines_.clear();
    for (size_t i = 0; i < all_.size(); ++i) {
        const runs::RunFolder run = runs::RunFolder::open(all_[i].path);
        if (!run.hasBaseline())
            continue;
        runs::RunSummary baseline = all_[i];
        baseline.id += " · baseline";
        try {
            baseline.metrics = run.readBaseline().results.metrics;
        } catch (const Error& error) {
            baseline.metrics.reset();
            baseline.problem = error.what();
        }
        baselines_.insert(QString::fromStdString(baseline.id));
        all_.insert(all_.begin() + long(++i), std::move(baseline));
    }
    const QSignalBlocker block(runs_);
    runs_->clear();
    for (const runs::RunSummary& run : all_) {
        const QString id = QString::fromStdString(run.id);
        QString text = id + "\n  " +
                       (run.problem.empty() ? QString::fromUtf8(runs::kRunStatuses.name(run.record.status)) : tr("unreadable"));
        if (run.metrics) {
            for (const char* key : {"accuracy", "rouge_l"})
                if (const std::optional<double> value = run.metrics->value(key))
                    text += QStringLiteral("  %1 %2").arg(QString::fromLatin1(key)).arg(*value, 0, 'f', 3);
        }
        auto* item = new QListWidgetItem(text, runs_);
        item->setData(Qt::UserRole, id);
        item->setToolTip(plainToolTip(run.problem));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        // Nothing chosen yet: the two newest runs, the usual comparison.
        const bool check = checked.isEmpty() ? runs_->count() <= 2 : checked.contains(id);
        item->setCheckState(check ? Qt::Checked : Qt::Unchecked);
    }
    updateComparison();
}

void ComparePage::setChecked(const QStringList& runIds)
{
    {
        const QSignalBlocker block(runs_);
        for (int i = 0; i < runs_->count(); ++i)
            runs_->item(i)->setCheckState(runIds.contains(runs_->item(i)->data(Qt::UserRole).toString()) ? Qt::Checked
                                                                                                      : Qt::Unchecked);
    }
    updateComparison();
}

std::vector<runs::RunSummary> ComparePage::checkedRuns() const
{
    std::vector<runs::RunSummary> chosen;
    for (int i = 0; i < runs_->count(); ++i)
        if (runs_->item(i)->checkState() == Qt::Checked)
            chosen.push_back(all_[size_t(i)]);
    return chosen;
}

void ComparePage::updateComparison()
{
    const std::vector<runs::RunSummary> chosen = checkedRuns();

    chart_->clearGraphs();
    chart_->setToolTip({});
    for (size_t r = 0; r < chosen.size(); ++r) {
        const QColor color = kPalette[r % std::size(kPalette)];
        QCPGraph* trainGraph = chart_->addGraph();
        trainGraph->setName(QString::fromStdString(chosen[r].id));
        trainGraph->setPen(QPen(color, 1.5));
        QCPGraph* validationGraph = chart_->addGraph();
        validationGraph->removeFromLegend();
        validationGraph->setPen(QPen(color, 1.5, Qt::DashLine));
        validationGraph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
        std::string problem;
        const std::vector<runs::RunEvent> events = eventsOf(chosen[r], &problem);
        if (baselines_.contains(QString::fromStdString(chosen[r].id)))
            trainGraph->removeFromLegend(); // no curve: it is fitted, not trained step by step
        if (!problem.empty()) {
            trainGraph->setName(trainGraph->name() + " (" + tr("unreadable") + ")");
            chart_->setToolTip(plainToolTip(problem));
        }
        for (const runs::RunEvent& event : events) {
            if (event.kind == runs::EventKind::Step)
                trainGraph->addData(double(event.step), event.trainLoss);
            else if (event.kind == runs::EventKind::Evaluation)
                validationGraph->addData(double(event.step), event.validationLoss);
        }
    }
    chart_->legend->setVisible(!chosen.empty());
    chart_->rescaleAxes();
    chart_->replot();

    // Settings side by side; rows that differ are highlighted.
    std::vector<std::string> keys;
    for (const auto& run : chosen) {
        for (const auto& [key, value] : run.record.config.items())
            if (std::find(keys.begin(), keys.end(), key) == keys.end())
                keys.push_back(key);
    }
    settings_->clear();
    settings_->setRowCount(int(keys.size()));
    settings_->setColumnCount(int(chosen.size()));
    QStringList headers;
    for (const auto& run : chosen)
        headers << QString::fromStdString(run.id);
    settings_->setHorizontalHeaderLabels(headers);
    for (size_t k = 0; k < keys.size(); ++k) {
        settings_->setVerticalHeaderItem(int(k), new QTableWidgetItem(QString::fromStdString(keys[k])));
        std::set<std::string> distinct;
        for (size_t r = 0; r < chosen.size(); ++r) {
            const Json value = chosen[r].record.config.value(keys[k], Json());
            distinct.insert(value.dump());
            settings_->setItem(int(k), int(r), new QTableWidgetItem(jsonCell(value)));
        }
        if (distinct.size() > 1)
            for (size_t r = 0; r < chosen.size(); ++r)
                settings_->item(int(k), int(r))->setBackground(QColor(255, 243, 205));
    }

    // Test metrics, the best of each column in bold green.
    std::vector<std::string> shown;
    for (const std::string& key : toStrings(eval::kHeadlineMetrics))
        for (const auto& run : chosen)
            if (run.metrics && run.metrics->has(key) && std::find(shown.begin(), shown.end(), key) == shown.end())
                shown.push_back(key);
    shown.insert(shown.begin(), "best_validation_loss");
    metrics_->clear();
    metrics_->setRowCount(int(chosen.size()));
    metrics_->setColumnCount(int(shown.size()));
    QStringList metricHeaders;
    for (const std::string& key : shown)
        metricHeaders << QString::fromStdString(key);
    metrics_->setHorizontalHeaderLabels(metricHeaders);
    metrics_->setVerticalHeaderLabels(headers);
    for (size_t m = 0; m < shown.size(); ++m) {
        std::vector<std::optional<double>> values;
        for (size_t r = 0; r < chosen.size(); ++r) {
            const auto& result = chosen[r].record.result;
            const std::optional<double> value =
                shown[m] == "best_validation_loss"
                    ? (result && std::isfinite(result->bestValidationLoss) ? std::optional(result->bestValidationLoss) : std::nullopt)
                    : (chosen[r].metrics ? chosen[r].metrics->value(shown[m]) : std::nullopt);
            values.push_back(value);
            auto* item = new QTableWidgetItem(value ? QString::number(*value, 'f', 4) : QStringLiteral("–"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            metrics_->setItem(int(r), int(m), item);
        }
        // The best value is marked in every run that reaches it, unless all runs tie.
        const bool higher = higherIsBetter(shown[m]) && shown[m] != "best_validation_loss";
        std::optional<double> best, worst;
        for (const auto& v : values)
            if (v) {
                if (!best || (higher ? *v > *best : *v < *best))
                    best = v;
                if (!worst || (higher ? *v < *worst : *v > *worst))
                    worst = v;
            }
        if (!best || *best == *worst)
            continue;
        for (size_t r = 0; r < values.size(); ++r)
            if (values[r] && *values[r] == *best) {
                QTableWidgetItem* item = metrics_->item(int(r), int(m));
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setForeground(QColor(0, 128, 0));
                item->setToolTip(tr("best"));
            }
    }
    metrics_->resizeColumnsToContents();

    for (QComboBox* combo : {runA_, runB_}) {
        const QString current = combo->currentText();
        combo->clear();
        combo->addItems(headers);
        combo->setCurrentIndex(std::max(0, combo->findText(current)));
    }
    if (runB_->currentIndex() == 0 && runB_->count() > 1)
        runB_->setCurrentIndex(1);
}

void ComparePage::runBootstrap()
{
    const std::vector<runs::RunSummary> chosen = checkedRuns();
    const int a = runA_->currentIndex(), b = runB_->currentIndex();
    if (a < 0 || b < 0 || a == b) {
        bootstrap_->setText(tr("Choose two different runs."));
        return;
    }
    try {
        // Read again: the runs may have been evaluated since the list was made.
        const auto evaluationOf = [this](const runs::RunSummary& run) {
            const runs::RunFolder folder = runs::RunFolder::open(run.path);
            return baselines_.contains(QString::fromStdString(run.id)) ? folder.readBaseline().results
                                                                      : folder.readEvaluation().results;
        };
        const runs::EvalResults evalA = evaluationOf(chosen[size_t(a)]);
        const runs::EvalResults evalB = evaluationOf(chosen[size_t(b)]);
        std::string metric = metric_->currentText().toStdString();
        if (evalA.task == "generation" && (metric == "accuracy" || metric == "macro_f1"))
            metric = "rouge_l";
        const eval::BootstrapResult result = eval::compareEvaluations(evalA.toJson(), evalB.toJson(), metric);
        bootstrap_->setText(tr("%1, B − A: %2 (95 % interval %3 to %4, %5 paired resamples). B is not better in %6 % of them.")
                                .arg(QString::fromStdString(metric))
                                .arg(result.observed, 0, 'f', 4)
                                .arg(result.low, 0, 'f', 4)
                                .arg(result.high, 0, 'f', 4)
                                .arg(result.resamples)
                                .arg(100 * result.probabilityBNotBetter, 0, 'f', 1));
    } catch (const Error& error) {
        bootstrap_->setText(QString::fromUtf8(error.what()));
    }
}

QString ComparePage::bootstrapText() const
{
    return bootstrap_->text();
}

bool ComparePage::exportPng(const QString& path)
{
    return chart_->savePng(path, 1200, 700);
}

bool ComparePage::exportCsv(const QString& path)
{
    std::string csv = "run,kind,step,value\n";
    for (const runs::RunSummary& run : checkedRuns()) {
        for (const runs::RunEvent& event : eventsOf(run)) {
            if (event.kind == runs::EventKind::Step)
                csv += run.id + ",train_loss," + std::to_string(event.step) + "," + std::to_string(event.trainLoss) + "\n";
            else if (event.kind == runs::EventKind::Evaluation)
                csv += run.id + ",validation_loss," + std::to_string(event.step) + "," +
                       std::to_string(event.validationLoss) + "\n";
        }
        if (run.metrics)
            for (const runs::MetricValue& metric : run.metrics->numbers())
                csv += run.id + ",test_" + metric.name + ",," + std::to_string(metric.value) + "\n";
    }
    try {
        writeFileAtomically(path.toStdString(), csv);
        return true;
    } catch (const Error&) {
        return false;
    }
}

} // namespace finch::ui
