#include "ui/Preferences.h"

#include "ui/train/TrainingRunner.h"
#include "ui/Translations.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace finch::ui {

namespace {
const QString languageKey = QStringLiteral("general/language");
const QString deviceKey = QStringLiteral("training/device");
const QString threadsKey = QStringLiteral("training/threads");
const QString workspaceKey = QStringLiteral("workspace/default");
const QString autosaveKey = QStringLiteral("data/autosaveSeconds");
} // namespace

Preferences Preferences::load()
{
    const QSettings settings;
    const Preferences defaults;
    Preferences p;
    p.language = settings.value(languageKey, defaults.language).toString();
    p.defaultDevice = settings.value(deviceKey, defaults.defaultDevice).toString();
    p.defaultWorkspace = settings.value(workspaceKey, defaults.defaultWorkspace).toString();
    p.autosaveSeconds = std::clamp(settings.value(autosaveKey, defaults.autosaveSeconds).toInt(), 5, 3600);
    p.cpuThreads = std::clamp(settings.value(threadsKey, defaults.cpuThreads).toInt(), 0, 256);
    return p;
}

void Preferences::save() const
{
    QSettings settings;
    settings.setValue(languageKey, language);
    settings.setValue(deviceKey, defaultDevice);
    settings.setValue(workspaceKey, defaultWorkspace);
    settings.setValue(autosaveKey, autosaveSeconds);
    settings.setValue(threadsKey, cpuThreads);
}

PreferencesDialog::PreferencesDialog(const Preferences& current, const QList<DeviceChoice>& devices, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));

    language_ = new QComboBox(this);
    const QLocale system = QLocale::system();
    // The C/POSIX locale has no language name; Finch speaks English there.
    const QString systemLanguage = system.language() == QLocale::C ? QStringLiteral("English") : system.nativeLanguageName();
    language_->addItem(tr("System default (%1)").arg(systemLanguage), QString());
    language_->addItem(QStringLiteral("English"), QStringLiteral("en"));
    for (const QString& code : availableLanguages())
        language_->addItem(languageDisplayName(code), code);
    language_->setCurrentIndex(std::max(0, language_->findData(current.language)));

    device_ = new QComboBox(this);
    fillDeviceBox(device_, devices);
    device_->setCurrentIndex(std::max(0, device_->findData(current.defaultDevice)));
    device_->setToolTip(tr("The device new runs train on"));

    workspace_ = new QLineEdit(current.defaultWorkspace, this);
    workspace_->setPlaceholderText(tr("The last workspace used"));
    workspace_->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Default workspace"), workspace_->text());
        if (!folder.isEmpty())
            workspace_->setText(folder);
    });
    auto* workspaceRow = new QHBoxLayout;
    workspaceRow->addWidget(workspace_, 1);
    workspaceRow->addWidget(browse);

    autosave_ = new QSpinBox(this);
    autosave_->setRange(5, 3600);
    autosave_->setSuffix(tr(" s"));
    autosave_->setValue(current.autosaveSeconds);
    autosave_->setToolTip(tr("How often unsaved dataset edits are copied to a recovery file"));

    threads_ = new QSpinBox(this);
    threads_->setRange(0, 256);
    threads_->setSpecialValueText(tr("Automatic (%1: every core but one)").arg(TrainingRunner::automaticThreads()));
    threads_->setValue(current.cpuThreads);
    threads_->setToolTip(tr("CPU threads new runs train with"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Language"), language_);
    form->addRow(tr("Default &device"), device_);
    auto* workspaceLabel = new QLabel(tr("Default &workspace"), this);
    workspaceLabel->setBuddy(workspace_); // a row holding a layout gets no buddy of its own
    form->addRow(workspaceLabel, workspaceRow);
    form->addRow(tr("&Autosave every"), autosave_);
    form->addRow(tr("CPU &threads for training"), threads_);
    auto* note = new QLabel(tr("A new language applies the next time Finch starts."), this);
    note->setEnabled(false);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    setMinimumWidth(560);
}

Preferences PreferencesDialog::preferences() const
{
    Preferences p;
    p.language = language_->currentData().toString();
    p.defaultDevice = device_->currentData().toString();
    p.defaultWorkspace = workspace_->text().trimmed();
    p.autosaveSeconds = autosave_->value();
    p.cpuThreads = threads_->value();
    return p;
}

} // namespace finch::ui
