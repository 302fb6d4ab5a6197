#pragma once
// The Model page: a built-in preset or a Hugging Face folder on disk, its summary, and
// what training it would take in memory for a method, batch and sequence length.
#include "ui/Devices.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QListWidget;
class QSpinBox;

namespace finch::ui {

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

Q_SIGNALS:
    void modelChosen(const QString& presetOrFolder);
    void deviceChosen(const QString& device); // "cpu", "cuda:0", ...

private:
    void updateEstimate();
    void showTokenizer(const QString& presetOrFolder);

    QListWidget* list_;
    QLabel *summary_, *tokenizer_, *estimate_;
    QComboBox *method_, *device_;
    QSpinBox *batch_, *sequence_;
    QString current_;
};

} // namespace finch::ui
