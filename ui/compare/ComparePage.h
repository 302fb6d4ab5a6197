#pragma once
// The Compare page: the workspace's runs with check boxes; their curves overlaid, their
// settings side by side (differences highlighted), their test metrics (best marked), and
// a paired bootstrap between two of them. Exports the chart as PNG and the data as CSV.
#include "core/runs/RunFolder.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QTableWidget;

namespace finch::ui {

class ComparePage : public QWidget {
    Q_OBJECT

public:
    explicit ComparePage(QWidget* parent = nullptr);

    void setRunsFolder(const QString& folder);
    QListWidget* runList() { return runs_; }
    QTableWidget* metricTable() { return metrics_; }
    QTableWidget* settingsTable() { return settings_; }
    QCustomPlot* chart() { return chart_; }
    QString bootstrapText() const;
    void setChecked(const QStringList& runIds);

public Q_SLOTS:
    void refresh();
    void updateComparison();
    void runBootstrap();
    bool exportPng(const QString& path);
    bool exportCsv(const QString& path);

private:
    std::vector<runs::RunSummary> checkedRuns() const;
    // A run's logged events; none for a baseline entry, which trains no curve.
    std::vector<runs::RunEvent> eventsOf(const runs::RunSummary& run, std::string* problem = nullptr) const;

    QString folder_;
    std::vector<runs::RunSummary> all_;
    QSet<QString> baselines_; // the ids of the baseline entries
    QListWidget* runs_;
    QCustomPlot* chart_;
    QTableWidget *settings_, *metrics_;
    QComboBox *runA_, *runB_, *metric_;
    QLabel* bootstrap_;
};

} // namespace finch::ui
