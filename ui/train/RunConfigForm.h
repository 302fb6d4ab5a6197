#pragma once
// The hyperparameter form: one widget per setting of the engine's RunConfig, grouped as
// people think about them, with tooltips, inline validation and presets.
#include "core/train/RunConfig.h"
#include "ui/Devices.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace finch::ui {

class FolderField;

class RunConfigForm : public QWidget {
    Q_OBJECT

public:
    explicit RunConfigForm(QWidget* parent = nullptr);

    // The settings in the form; data file, model and output folder come from elsewhere
    // and pass through unchanged.
    train::RunConfig config() const;
    void setConfig(const train::RunConfig& config);
    // Empty when the settings are valid, else what is wrong (shown under the form).
    QString validationError() const;

    // With more than one GPU the form also offers them all ("cuda"), a process each.
    void setDevices(const QList<DeviceChoice>& devices);
    void setDevice(const QString& device);
    void setThreads(int threads); // 0: one per core
    // Data-parallel processes (finch train --nproc-per-node): the GPUs chosen, or the count
    // asked for on the CPU. Not a setting of the run: how it is launched.
    int processes() const;
    void setProcesses(int processes);

    static QStringList presetNames(); // Quick look, Balanced, Thorough
    void applyPreset(const QString& name);

Q_SIGNALS:
    void changed();

private:
    void onChanged();
    void onDeviceChanged();

    train::RunConfig base_; // fields the form does not show
    QSpinBox *epochs_, *maxSteps_, *batch_, *accumulation_, *maxLength_, *seed_;
    QCheckBox *packing_, *trainOnPrompt_, *gradientCheckpointing_;
    QLineEdit *promptTemplate_, *completionTemplate_;
    QComboBox *optimizer_, *scheduler_;
    QLineEdit* learningRate_;
    QSpinBox* warmupSteps_;
    QDoubleSpinBox *warmupRatio_, *weightDecay_, *maxGradNorm_, *beta1_, *beta2_, *momentum_;
    QComboBox* method_;
    QSpinBox *loraRank_, *trainableLayers_;
    QDoubleSpinBox *loraAlpha_, *loraDropout_;
    QList<QCheckBox*> loraTargets_;
    QCheckBox* rsLora_;
    FolderField* adapter_; // adapter_name_or_path
    QComboBox *precision_, *device_;
    QSpinBox *threads_, *processes_;
    int gpus_ = 0; // among the devices offered
    QDoubleSpinBox *validationSplit_, *testSplit_;
    QSpinBox *loggingSteps_, *evalSteps_, *saveSteps_, *saveLimit_, *patience_;
    QCheckBox* loadBest_;
    QLabel* error_;
};

} // namespace finch::ui
