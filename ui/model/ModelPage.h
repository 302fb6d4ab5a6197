#pragma once
// The Model page: the built-in presets, the causal LMs of the Hugging Face cache (listed in
// the background, each with its size and whether Finch supports it) and recent folders;
// the chosen model's summary, and what training it would take in memory for a method,
// batch and sequence length.
#include "ui/BackgroundTask.h"
#include "ui/Devices.h"

#include "core/model/ModelCatalog.h"

#include <QHash>
#include <QWidget>

#include <vector>

class QComboBox;
class QListWidgetItem;
class QLabel;
class QListWidget;
class QSpinBox;

namespace finch::ui {

class HubDownloadDialog;

class ModelPage : public QWidget {
    Q_OBJECT

public:
    explicit ModelPage(QWidget* parent = nullptr);

    QString currentModel() const { return current_; } // a preset name or a folder
    // Shows the model; returns false (with the reason shown) when its config cannot be read.
    bool chooseModel(const QString& presetOrFolder);
    QString summaryText() const;
    QString tokenizerText() const;
    QString estimateText() const;

    void setDevices(const QList<DeviceChoice>& devices);
    void setDevice(const QString& device); // "cpu", "cuda:0"; unknown names fall back to the CPU
    // Lists the Hugging Face cache again (in the background); cacheListed() follows.
    void rescanCache(const QString& cacheDir);
    QListWidget* modelList() { return list_; }
    // Opens the Hub download window (window-modal); a finished download is listed under the
    // cache and chosen.
    HubDownloadDialog* openDownloadDialog();

Q_SIGNALS:
    void modelChosen(const QString& presetOrFolder);
    void deviceChosen(const QString& device); // "cpu", "cuda:0", ...
    void cacheListed(int models);
    // On the first scan, before the user picked anything: the cache holds a supported
    // small instruct model, chosen in place of finch-tiny; it is best trained with LoRA.
    void pretrainedModelPreferred(const QString& folder);

private:
    void updateEstimate();
    void showTokenizer(const QString& presetOrFolder);
    QListWidgetItem* addSection(const QString& title);
    QListWidgetItem* addModel(const QString& label, const QString& path, int row = -1);
    QListWidgetItem* itemFor(const QString& path) const;
    void showCache(const std::vector<model::ModelEntry>& models);

    QListWidget* list_;
    QLabel *summary_, *tokenizer_, *estimate_;
    QComboBox *method_, *device_;
    QSpinBox *batch_, *sequence_;
    QString current_;
    QListWidgetItem *cacheSection_ = nullptr, *recentSection_ = nullptr;
    QHash<QString, QString> unsupported_; // cache folder -> why Finch cannot use it
    QString chooseWhenListed_; // a folder just downloaded into the cache
    bool firstScanMayChoose_ = false; // until the user (or this page) picks a model
    // Describing a model reads its headers and tokenizer: off the event loop.
    BackgroundTask cacheScan_{QStringLiteral("finch-cache-scan")};
};

} // namespace finch::ui
