#pragma once
// Downloads a model from the Hugging Face Hub into the Hugging Face cache: a list of small
// models that fine-tune on a laptop (size, licence, whether the Hub asks for a token), or
// any repository id; progress, cancel (the partial file is kept and resumed next time), and
// a token field for gated models, saved where huggingface_hub keeps it. The transfer runs
// on a thread of its own; the window stays responsive.
#include "core/hub/HubDownload.h"
#include "ui/BackgroundTask.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;

namespace finch::ui {

class HubDownloadDialog : public QDialog {
    Q_OBJECT

public:
    // `settings` as hub::hubSettingsFromEnvironment() gives them (endpoint, cache, token).
    explicit HubDownloadDialog(hub::HubSettings settings, QWidget* parent = nullptr);

    QString repoId() const;
    void setRepoId(const QString& repoId);
    bool isDownloading() const;
    QString statusText() const;

public Q_SLOTS:
    void startDownload();
    void cancelDownload();

Q_SIGNALS:
    void downloaded(const QString& snapshotFolder);
    void failed(const QString& message);

protected:
    void reject() override;

private:
    void showProgress(const hub::DownloadProgress& progress, double bytesPerSecond);
    void finish(const QString& snapshot, const QString& error, int errorKind);
    void updateButtons();

    hub::HubSettings settings_;
    QTreeWidget* suggestions_;
    QLineEdit *repo_, *revision_, *token_;
    QCheckBox* saveToken_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton *download_, *cancelButton_;
    // The transfer, from startDownload() until finish() has shown the outcome. Last: it goes
    // first, cancelling the transfer.
    BackgroundTask transfer_{QStringLiteral("finch-hub-download")};
};

} // namespace finch::ui
