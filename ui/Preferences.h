#pragma once
// The user's preferences, kept in QSettings, and the dialog that edits them.
#include "ui/Devices.h"

#include <QDialog>
#include <QString>
#include <QStringList>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace finch::ui {

struct Preferences {
    QString language;         // empty: follow the system locale; else a code such as "de"
    QString defaultDevice = QStringLiteral("cpu");
    QString defaultWorkspace; // empty: reopen the last workspace
    int autosaveSeconds = 60;
    int cpuThreads = 0;       // 0: one per core

    static Preferences load();
    void save() const;
    bool operator==(const Preferences&) const = default;
};

class PreferencesDialog : public QDialog {
    Q_OBJECT

public:
    PreferencesDialog(const Preferences& current, const QList<DeviceChoice>& devices, QWidget* parent = nullptr);
    Preferences preferences() const;

    QComboBox* languageBox() { return language_; }

private:
    QComboBox* language_;
    QComboBox* device_;
    QLineEdit* workspace_;
    QSpinBox* autosave_;
    QSpinBox* threads_;
};

} // namespace finch::ui
