#include "ui/model/HubDownloadDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace finch::ui {
namespace {

QString sizeText(double bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), bytes < 1e9 ? 0 : 1, QLocale::DataSizeSIFormat);
}

} // namespace

HubDownloadDialog::HubDownloadDialog(hub::HubSettings settings, QWidget* parent)
    : QDialog(parent), settings_(std::move(settings))
{
    setWindowTitle(tr("Download a model from the Hugging Face Hub"));
    suggestions_ = new QTreeWidget(this);
    suggestions_->setRootIsDecorated(false);
    suggestions_->setHeaderLabels({tr("Model"), tr("Parameters"), tr("Size"), tr("Licence"), tr("Access")});
    for (const hub::SuggestedModel& model : hub::suggestedModels()) {
        auto* item = new QTreeWidgetItem(suggestions_);
        item->setText(0, QString::fromUtf8(model.repoId));
        item->setText(1, model.parameters < 1 ? tr("%1 M").arg(model.parameters * 1000, 0, 'f', 0)
                                              : tr("%1 B").arg(model.parameters, 0, 'f', 2));
        item->setText(2, tr("≈ %1").arg(sizeText(model.parameters * 2e9)));
        item->setText(3, QString::fromUtf8(model.licence));
        item->setText(4, model.gated ? tr("gated: needs a token") : tr("open"));
        if (model.gated)
            item->setToolTip(4, tr("Accept the model's conditions on its Hub page while signed in, then give a token below"));
        for (int column : {1, 2})
            item->setTextAlignment(column, Qt::AlignRight | Qt::AlignVCenter);
    }
    suggestions_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    suggestions_->setMinimumWidth(760);

    repo_ = new QLineEdit(this);
    repo_->setPlaceholderText(tr("ORGANISATION/NAME, e.g. HuggingFaceTB/SmolLM2-135M-Instruct"));
    revision_ = new QLineEdit(QStringLiteral("main"), this);
    token_ = new QLineEdit(this);
    token_->setEchoMode(QLineEdit::Password);
    token_->setPlaceholderText(settings_.token.empty() ? tr("only for gated or private models (hf_…)")
                                                       : tr("a saved token is used; type another to replace it"));
    saveToken_ = new QCheckBox(tr("Save the token (readable by you only, where huggingface_hub keeps it)"), this);
    saveToken_->setChecked(true);

    auto* form = new QFormLayout;
    form->addRow(tr("Repository"), repo_);
    form->addRow(tr("Revision"), revision_);
    form->addRow(tr("Token"), token_);
    form->addRow(QString(), saveToken_);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    status_ = new QLabel(tr("Files go to %1, where Python tools find them too.")
                             .arg(QString::fromStdString(settings_.cacheDir)),
                         this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(this);
    download_ = buttons->addButton(tr("Download"), QDialogButtonBox::AcceptRole);
    cancelButton_ = buttons->addButton(QDialogButtonBox::Close);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Small models that fine-tune on a laptop. Pick one, or type any repository id."), this));
    layout->addWidget(suggestions_, 1);
    layout->addLayout(form);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);

    connect(suggestions_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            repo_->setText(item->text(0));
    });
    connect(suggestions_, &QTreeWidget::itemDoubleClicked, this, &HubDownloadDialog::startDownload);
    connect(repo_, &QLineEdit::textChanged, this, &HubDownloadDialog::updateButtons);
    connect(repo_, &QLineEdit::returnPressed, this, &HubDownloadDialog::startDownload);
    connect(download_, &QPushButton::clicked, this, &HubDownloadDialog::startDownload);
    connect(cancelButton_, &QPushButton::clicked, this, &HubDownloadDialog::reject);
    updateButtons();
}

QString HubDownloadDialog::repoId() const
{
    return repo_->text().trimmed();
}

void HubDownloadDialog::setRepoId(const QString& repoId)
{
    repo_->setText(repoId);
}

bool HubDownloadDialog::isDownloading() const
{
    return transfer_.isRunning();
}

QString HubDownloadDialog::statusText() const
{
    return status_->text();
}

void HubDownloadDialog::updateButtons()
{
    const bool busy = isDownloading();
    download_->setEnabled(!busy && !repoId().isEmpty());
    cancelButton_->setText(busy ? tr("Cancel download") : tr("Close"));
    for (QWidget* field : {static_cast<QWidget*>(suggestions_), static_cast<QWidget*>(repo_),
                           static_cast<QWidget*>(revision_), static_cast<QWidget*>(token_), static_cast<QWidget*>(saveToken_)})
        field->setEnabled(!busy);
}

void HubDownloadDialog::startDownload()
{
    if (isDownloading() || repoId().isEmpty())
        return;
    if (const auto problem = hub::repoIdProblem(repoId().toStdString())) {
        status_->setText(QString::fromStdString(*problem));
        return;
    }
    const std::string typedToken = token_->text().trimmed().toStdString();
    if (!typedToken.empty()) {
        settings_.token = typedToken;
        if (saveToken_->isChecked()) {
            try {
                hub::storeToken(typedToken);
            } catch (const std::exception& error) {
                status_->setText(tr("The token was not saved: %1").arg(QString::fromUtf8(error.what())));
                return;
            }
        }
    }
    progress_->setValue(0);
    status_->setText(tr("Asking %1 for %2…").arg(QString::fromStdString(settings_.endpoint), repoId()));
    struct Outcome {
        QString snapshot, error;
        int kind = -1;
    };
    transfer_.start(
        [this, repo = repoId().toStdString(), revision = revision_->text().trimmed().toStdString(),
         settings = settings_](const BackgroundTask::Context& context) {
            QElapsedTimer clock, sinceShown;
            clock.start();
            sinceShown.start();
            uint64_t firstDone = 0;
            bool first = true;
            Outcome outcome;
            try {
                const std::string folder = hub::HubClient(settings).download(
                    repo, revision.empty() ? "main" : revision,
                    [&](const hub::DownloadProgress& p) {
                        if (first) {
                            first = false;
                            firstDone = p.bytesDone;
                        }
                        // The window redraws a few times a second, not once per network packet.
                        if (sinceShown.elapsed() < 100 && p.bytesDone != p.bytesTotal)
                            return;
                        sinceShown.restart();
                        const double speed = clock.elapsed() > 0 ? double(p.bytesDone - firstDone) * 1000.0 / double(clock.elapsed()) : 0;
                        context.post([this, p, speed] { showProgress(p, speed); });
                    },
                    context.cancelFlag());
                outcome.snapshot = QString::fromStdString(folder);
            } catch (const hub::HubError& failure) {
                outcome.error = QString::fromUtf8(failure.what());
                outcome.kind = int(failure.kind);
            }
            return outcome;
        },
        [this](const Outcome& outcome, const QString& error) {
            finish(outcome.snapshot, error.isEmpty() ? outcome.error : error, outcome.kind);
        });
    updateButtons();
}

void HubDownloadDialog::showProgress(const hub::DownloadProgress& p, double bytesPerSecond)
{
    if (!isDownloading())
        return;
    progress_->setValue(p.bytesTotal ? int(1000.0 * double(p.bytesDone) / double(p.bytesTotal)) : 0);
    status_->setText(tr("%1 (file %2 of %3) · %4 of %5 · %6/s")
                         .arg(QString::fromStdString(p.file))
                         .arg(p.fileIndex)
                         .arg(p.fileCount)
                         .arg(sizeText(double(p.bytesDone)), sizeText(double(p.bytesTotal)), sizeText(bytesPerSecond)));
}

void HubDownloadDialog::finish(const QString& snapshot, const QString& error, int errorKind)
{
    updateButtons();
    if (!snapshot.isEmpty()) {
        progress_->setValue(1000);
        status_->setText(tr("Downloaded to %1").arg(snapshot));
        Q_EMIT downloaded(snapshot);
        return;
    }
    progress_->setValue(0);
    if (errorKind == int(hub::HubError::Kind::Cancelled)) {
        status_->setText(tr("Cancelled. What was fetched is kept: downloading again resumes it."));
        return;
    }
    status_->setText(error);
    if (errorKind == int(hub::HubError::Kind::NeedsToken))
        token_->setFocus();
    Q_EMIT failed(error);
}

void HubDownloadDialog::cancelDownload()
{
    transfer_.cancel();
}

void HubDownloadDialog::reject()
{
    if (isDownloading()) {
        cancelDownload();
        return;
    }
    QDialog::reject();
}

} // namespace finch::ui
