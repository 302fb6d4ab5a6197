#include "ui/train/RunConfigForm.h"
#include "ui/FolderField.h"

#include "core/common/Error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace finch::ui {
namespace {

QSpinBox* spin(QWidget* parent, int low, int high, const QString& tip)
{
    auto* box = new QSpinBox(parent);
    box->setRange(low, high);
    box->setToolTip(tip);
    return box;
}

QDoubleSpinBox* real(QWidget* parent, double low, double high, int decimals, double step, const QString& tip)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(low, high);
    box->setDecimals(decimals);
    box->setSingleStep(step);
    box->setToolTip(tip);
    return box;
}

// A choice among a vocabulary's words (kOptimizers, kTrainingMethods, ...).
template <size_t N>
QComboBox* choice(QWidget* parent, const WordList<N>& words, const QString& tip)
{
    auto* box = new QComboBox(parent);
    for (const std::string_view word : words)
        box->addItem(QString::fromUtf8(word));
    box->setToolTip(tip);
    return box;
}

// The method the form's choice names.
model::TrainingMethod chosenMethod(const QComboBox* box)
{
    return model::kTrainingMethods.find(box->currentText().toStdString()).value_or(model::TrainingMethod::Full);
}

} // namespace

RunConfigForm::RunConfigForm(QWidget* parent) : QWidget(parent)
{
    auto* basics = new QGroupBox(tr("Basics"), this);
    auto* basicsForm = new QFormLayout(basics);
    epochs_ = spin(this, 0, 1000, tr("Passes over the training rows; 0 trains nothing and evaluates the model (and adapter) as it is"));
    epochs_->setSpecialValueText(tr("0 (evaluate as it is)"));
    maxSteps_ = spin(this, -1, 10000000, tr("Optimizer steps to train; -1 uses the epochs instead"));
    batch_ = spin(this, 1, 4096, tr("Rows per micro-batch"));
    accumulation_ = spin(this, 1, 1024, tr("Micro-batches per optimizer step (effective batch = batch x accumulation)"));
    maxLength_ = spin(this, 8, 131072, tr("Tokens per example; longer prompts are cut from their start"));
    seed_ = spin(this, 0, 1 << 30, tr("Fixes the split, the initial weights, the order of the rows and dropout"));
    packing_ = new QCheckBox(tr("Pack examples end to end"), this);
    packing_->setToolTip(tr("Fills every sequence to the maximum length instead of padding each batch"));
    promptTemplate_ = new QLineEdit(this);
    promptTemplate_->setPlaceholderText(tr("default for the dataset's kind"));
    promptTemplate_->setToolTip(tr("Fields in braces, e.g. {text}\\nLabel: ; a [[...]] section disappears when its fields are empty"));
    completionTemplate_ = new QLineEdit(this);
    completionTemplate_->setPlaceholderText(tr("default for the dataset's kind"));
    trainOnPrompt_ = new QCheckBox(tr("Loss on the prompt too"), this);
    basicsForm->addRow(tr("Epochs"), epochs_);
    basicsForm->addRow(tr("Max steps"), maxSteps_);
    basicsForm->addRow(tr("Batch size"), batch_);
    basicsForm->addRow(tr("Gradient accumulation"), accumulation_);
    basicsForm->addRow(tr("Max sequence length"), maxLength_);
    basicsForm->addRow(tr("Seed"), seed_);
    basicsForm->addRow(QString(), packing_);
    basicsForm->addRow(tr("Prompt template"), promptTemplate_);
    basicsForm->addRow(tr("Completion template"), completionTemplate_);
    basicsForm->addRow(QString(), trainOnPrompt_);

    auto* optimizer = new QGroupBox(tr("Optimizer and schedule"), this);
    auto* optimizerForm = new QFormLayout(optimizer);
    optimizer_ = choice(this, train::kOptimizers.words(), tr("AdamW: decoupled weight decay, none on norms and biases. SGD: with momentum"));
    learningRate_ = new QLineEdit(this);
    learningRate_->setValidator(new QDoubleValidator(1e-12, 10, 12, learningRate_));
    learningRate_->setToolTip(tr("Peak learning rate, e.g. 3e-3 for presets from scratch, 2e-4 for LoRA"));
    scheduler_ = choice(this, train::kSchedulers, tr("How the learning rate changes after warm-up"));
    warmupSteps_ = spin(this, 0, 1000000, tr("Steps of linear warm-up from 0 (overrides the ratio)"));
    warmupRatio_ = real(this, 0, 1, 3, 0.01, tr("Warm-up as a share of all steps"));
    weightDecay_ = real(this, 0, 10, 4, 0.01, tr("Decoupled weight decay (AdamW) or L2 (SGD)"));
    maxGradNorm_ = real(this, 0, 1000, 2, 0.5, tr("Clip the global gradient norm to this; 0 turns clipping off"));
    beta1_ = real(this, 0, 0.9999, 4, 0.01, tr("AdamW beta1"));
    beta2_ = real(this, 0, 0.99999, 5, 0.001, tr("AdamW beta2"));
    momentum_ = real(this, 0, 0.999, 3, 0.05, tr("SGD momentum"));
    optimizerForm->addRow(tr("Optimizer"), optimizer_);
    optimizerForm->addRow(tr("Learning rate"), learningRate_);
    optimizerForm->addRow(tr("Scheduler"), scheduler_);
    optimizerForm->addRow(tr("Warm-up steps"), warmupSteps_);
    optimizerForm->addRow(tr("Warm-up ratio"), warmupRatio_);
    optimizerForm->addRow(tr("Weight decay"), weightDecay_);
    optimizerForm->addRow(tr("Max gradient norm"), maxGradNorm_);
    optimizerForm->addRow(tr("Beta 1 / beta 2"), [&] {
        auto* row = new QWidget(this);
        auto* layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(beta1_);
        layout->addWidget(beta2_);
        return row;
    }());
    optimizerForm->addRow(tr("Momentum"), momentum_);

    auto* method = new QGroupBox(tr("Method and LoRA"), this);
    auto* methodForm = new QFormLayout(method);
    method_ = choice(this, model::kTrainingMethods.words(),
                     tr("Full: every weight trains. LoRA: small adapters beside the chosen projections. "
                        "Frozen body: only the last layers and the head"));
    loraRank_ = spin(this, 1, 1024, tr("Rank r of the adapters"));
    loraAlpha_ = real(this, 0.01, 4096, 2, 1, tr("Scale alpha: the update is scaled by alpha / r"));
    loraDropout_ = real(this, 0, 0.9, 2, 0.05, tr("Dropout on the adapters' input"));
    auto* targets = new QWidget(this);
    auto* targetsLayout = new QGridLayout(targets);
    targetsLayout->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < int(model::kLoraTargetModules.size()); ++i) {
        auto* box = new QCheckBox(QString::fromUtf8(model::kLoraTargetModules[size_t(i)]), targets);
        loraTargets_.append(box);
        targetsLayout->addWidget(box, i / 4, i % 4);
    }
    rsLora_ = new QCheckBox(tr("rsLoRA scaling (alpha / sqrt(r))"), this);
    trainableLayers_ = spin(this, 0, 1000, tr("Frozen body: how many of the last layers train"));
    adapter_ = new FolderField(tr("PEFT LoRA adapter folder"), tr("none: new adapters"),
                               tr("LoRA: a PEFT adapter folder (made by Finch, PEFT or another tool) to start from, with "
                                  "its own rank, alpha and targets; with 0 epochs, to evaluate it as it is"),
                               this);
    methodForm->addRow(tr("Method"), method_);
    methodForm->addRow(tr("LoRA rank"), loraRank_);
    methodForm->addRow(tr("LoRA alpha"), loraAlpha_);
    methodForm->addRow(tr("LoRA dropout"), loraDropout_);
    methodForm->addRow(tr("Target modules"), targets);
    methodForm->addRow(QString(), rsLora_);
    methodForm->addRow(tr("Start from adapter"), adapter_);
    methodForm->addRow(tr("Trainable layers"), trainableLayers_);

    auto* precision = new QGroupBox(tr("Precision and devices"), this);
    auto* precisionForm = new QFormLayout(precision);
    precision_ = choice(this, train::kPrecisions,
                        tr("bf16 is autocast with float32 weights, on CUDA and (with libtorch 2.x) on the CPU; "
                           "fp16 is autocast on CUDA"));
    gradientCheckpointing_ = new QCheckBox(tr("Recompute activations in the backward pass"), this);
    gradientCheckpointing_->setToolTip(tr("Gradient checkpointing: each layer keeps only its input, for about a "
                                          "third more compute; the gradients are the same"));
    device_ = new QComboBox(this);
    device_->setToolTip(tr("Where the model trains"));
    fillDeviceBox(device_, cpuOnly());
    threads_ = spin(this, 0, 256, tr("CPU threads for training; 0: every core but one, so the window stays responsive"));
    precisionForm->addRow(tr("Precision"), precision_);
    precisionForm->addRow(QString(), gradientCheckpointing_);
    processes_ = spin(this, 1, 256,
                      tr("Data-parallel training in this many processes, as finch train --nproc-per-node: each "
                         "trains on its own rows of every batch, so the batch per step is this many times the batch "
                         "size; on GPUs, one process each. A run resumes with as many."));
    precisionForm->addRow(tr("Device"), device_);
    precisionForm->addRow(tr("Processes"), processes_);
    precisionForm->addRow(tr("CPU threads"), threads_);

    auto* evaluation = new QGroupBox(tr("Evaluation and checkpoints"), this);
    auto* evaluationForm = new QFormLayout(evaluation);
    validationSplit_ = real(this, 0, 0.9, 2, 0.05, tr("Share of the rows held out for the validation loss"));
    testSplit_ = real(this, 0, 0.9, 2, 0.05, tr("Share of the rows held out for the test metrics"));
    loggingSteps_ = spin(this, 1, 100000, tr("Report the training loss every N steps"));
    evalSteps_ = spin(this, 0, 100000, tr("Validation loss every N steps; 0: at the end of each epoch"));
    saveSteps_ = spin(this, 0, 100000, tr("Checkpoint every N steps; 0: at the end of each epoch"));
    saveLimit_ = spin(this, 1, 1000, tr("Keep only the newest N checkpoints"));
    patience_ = spin(this, 0, 1000, tr("Stop after this many evaluations without a better validation loss; 0: never"));
    loadBest_ = new QCheckBox(tr("Load the best checkpoint at the end"), this);
    evaluationForm->addRow(tr("Validation split"), validationSplit_);
    evaluationForm->addRow(tr("Test split"), testSplit_);
    evaluationForm->addRow(tr("Logging steps"), loggingSteps_);
    evaluationForm->addRow(tr("Evaluation steps"), evalSteps_);
    evaluationForm->addRow(tr("Save steps"), saveSteps_);
    evaluationForm->addRow(tr("Checkpoints kept"), saveLimit_);
    evaluationForm->addRow(tr("Early stopping patience"), patience_);
    evaluationForm->addRow(QString(), loadBest_);

    error_ = new QLabel(this);
    // Shows text from files and errors: never interpreted as markup.
    error_->setTextFormat(Qt::PlainText);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto* layout = new QVBoxLayout(this);
    for (QWidget* group : {static_cast<QWidget*>(basics), static_cast<QWidget*>(optimizer), static_cast<QWidget*>(method),
                           static_cast<QWidget*>(precision), static_cast<QWidget*>(evaluation)})
        layout->addWidget(group);
    layout->addWidget(error_);
    layout->addStretch(1);

    setConfig(train::RunConfig());
    for (QSpinBox* box : findChildren<QSpinBox*>())
        connect(box, &QSpinBox::valueChanged, this, &RunConfigForm::onChanged);
    for (QDoubleSpinBox* box : findChildren<QDoubleSpinBox*>())
        connect(box, &QDoubleSpinBox::valueChanged, this, &RunConfigForm::onChanged);
    for (QComboBox* box : findChildren<QComboBox*>())
        connect(box, &QComboBox::currentIndexChanged, this, &RunConfigForm::onChanged);
    for (QCheckBox* box : findChildren<QCheckBox*>())
        connect(box, &QCheckBox::toggled, this, &RunConfigForm::onChanged);
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textChanged, this, &RunConfigForm::onChanged);
    connect(device_, &QComboBox::currentIndexChanged, this, &RunConfigForm::onDeviceChanged);
    onDeviceChanged();
}

train::RunConfig RunConfigForm::config() const
{
    train::RunConfig c = base_;
    c.epochs = epochs_->value();
    c.maxSteps = maxSteps_->value();
    c.batchSize = batch_->value();
    c.gradientAccumulation = accumulation_->value();
    c.maxSequenceLength = maxLength_->value();
    c.seed = uint64_t(seed_->value());
    c.packing = packing_->isChecked();
    c.gradientCheckpointing = gradientCheckpointing_->isChecked();
    c.promptTemplate = promptTemplate_->text().replace(QStringLiteral("\\n"), QStringLiteral("\n")).toStdString();
    c.completionTemplate = completionTemplate_->text().replace(QStringLiteral("\\n"), QStringLiteral("\n")).toStdString();
    c.trainOnPrompt = trainOnPrompt_->isChecked();
    c.optimizer = optimizer_->currentText().toStdString();
    c.learningRate = QLocale::c().toDouble(learningRate_->text());
    c.scheduler = scheduler_->currentText().toStdString();
    c.warmupSteps = warmupSteps_->value();
    c.warmupRatio = warmupRatio_->value();
    c.weightDecay = weightDecay_->value();
    c.maxGradNorm = maxGradNorm_->value();
    c.adamBeta1 = beta1_->value();
    c.adamBeta2 = beta2_->value();
    c.momentum = momentum_->value();
    c.method = chosenMethod(method_);
    c.lora.rank = loraRank_->value();
    c.lora.alpha = loraAlpha_->value();
    c.lora.dropout = loraDropout_->value();
    c.lora.targetModules.clear();
    for (QCheckBox* box : loraTargets_)
        if (box->isChecked())
            c.lora.targetModules.push_back(box->text().toStdString());
    c.lora.rsLora = rsLora_->isChecked();
    c.adapterPath = adapter_->folder().toStdString();
    c.trainableLayers = trainableLayers_->value();
    c.precision = precision_->currentText().toStdString();
    c.device = device_->currentData().toString().toStdString();
    c.threads = threads_->value();
    c.validationSplit = validationSplit_->value();
    c.testSplit = testSplit_->value();
    c.loggingSteps = loggingSteps_->value();
    c.evalSteps = evalSteps_->value();
    c.saveSteps = saveSteps_->value();
    c.saveTotalLimit = saveLimit_->value();
    c.earlyStoppingPatience = patience_->value();
    c.loadBestModelAtEnd = loadBest_->isChecked();
    return c;
}

void RunConfigForm::setConfig(const train::RunConfig& c)
{
    const QSignalBlocker block(this);
    base_ = c;
    epochs_->setValue(c.epochs);
    maxSteps_->setValue(int(c.maxSteps));
    batch_->setValue(c.batchSize);
    accumulation_->setValue(c.gradientAccumulation);
    maxLength_->setValue(c.maxSequenceLength);
    seed_->setValue(int(c.seed));
    packing_->setChecked(c.packing);
    gradientCheckpointing_->setChecked(c.gradientCheckpointing);
    promptTemplate_->setText(QString::fromStdString(c.promptTemplate).replace('\n', QStringLiteral("\\n")));
    completionTemplate_->setText(QString::fromStdString(c.completionTemplate).replace('\n', QStringLiteral("\\n")));
    trainOnPrompt_->setChecked(c.trainOnPrompt);
    optimizer_->setCurrentText(QString::fromStdString(c.optimizer));
    learningRate_->setText(QLocale::c().toString(c.learningRate, 'g', 6));
    scheduler_->setCurrentText(QString::fromStdString(c.scheduler));
    warmupSteps_->setValue(int(c.warmupSteps));
    warmupRatio_->setValue(c.warmupRatio);
    weightDecay_->setValue(c.weightDecay);
    maxGradNorm_->setValue(c.maxGradNorm);
    beta1_->setValue(c.adamBeta1);
    beta2_->setValue(c.adamBeta2);
    momentum_->setValue(c.momentum);
    method_->setCurrentText(QString::fromStdString(train::methodName(c.method)));
    loraRank_->setValue(c.lora.rank);
    loraAlpha_->setValue(c.lora.alpha);
    loraDropout_->setValue(c.lora.dropout);
    for (QCheckBox* box : loraTargets_)
        box->setChecked(std::find(c.lora.targetModules.begin(), c.lora.targetModules.end(), box->text().toStdString()) !=
                        c.lora.targetModules.end());
    rsLora_->setChecked(c.lora.rsLora);
    adapter_->setFolder(QString::fromStdString(c.adapterPath));
    trainableLayers_->setValue(c.trainableLayers);
    precision_->setCurrentText(QString::fromStdString(c.precision));
    device_->setCurrentIndex(std::max(0, device_->findData(QString::fromStdString(c.device))));
    threads_->setValue(c.threads);
    validationSplit_->setValue(c.validationSplit);
    testSplit_->setValue(c.testSplit);
    loggingSteps_->setValue(c.loggingSteps);
    evalSteps_->setValue(c.evalSteps);
    saveSteps_->setValue(c.saveSteps);
    saveLimit_->setValue(c.saveTotalLimit);
    patience_->setValue(c.earlyStoppingPatience);
    loadBest_->setChecked(c.loadBestModelAtEnd);
    onChanged();
}

void RunConfigForm::setDevices(const QList<DeviceChoice>& devices)
{
    QList<DeviceChoice> choices = devices;
    gpus_ = int(std::count_if(devices.begin(), devices.end(),
                              [](const DeviceChoice& device) { return device.name.startsWith(QLatin1String("cuda:")); }));
    if (gpus_ > 1)
        choices.append({QStringLiteral("cuda"), tr("all %1 GPUs, a process each").arg(gpus_)});
    fillDeviceBox(device_, choices);
    onDeviceChanged();
}

// On the CPU the person picks the count; on GPUs the choice of device decides it.
void RunConfigForm::onDeviceChanged()
{
    const QString device = device_->currentData().toString();
    const QSignalBlocker quiet(processes_);
    if (device == QLatin1String("cuda"))
        processes_->setValue(gpus_);
    else if (device.startsWith(QLatin1String("cuda:")))
        processes_->setValue(1);
    processes_->setEnabled(device == QLatin1String("cpu"));
}

int RunConfigForm::processes() const
{
    return processes_->value();
}

void RunConfigForm::setProcesses(int processes)
{
    if (processes_->isEnabled())
        processes_->setValue(processes);
}

void RunConfigForm::setDevice(const QString& device)
{
    device_->setCurrentIndex(std::max(0, device_->findData(device)));
}

void RunConfigForm::setThreads(int threads)
{
    threads_->setValue(threads);
}

QString RunConfigForm::validationError() const
{
    train::RunConfig c = config();
    if (c.trainFile.empty())
        c.trainFile = "-"; // the Data page supplies it; the form checks its own settings
    try {
        c.validate();
    } catch (const Error& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

void RunConfigForm::onChanged()
{
    const bool lora = chosenMethod(method_) == model::TrainingMethod::Lora;
    for (QWidget* widget : {static_cast<QWidget*>(loraRank_), static_cast<QWidget*>(loraAlpha_),
                            static_cast<QWidget*>(loraDropout_), static_cast<QWidget*>(rsLora_),
                            static_cast<QWidget*>(adapter_)})
        widget->setEnabled(lora);
    for (QCheckBox* box : loraTargets_)
        box->setEnabled(lora);
    trainableLayers_->setEnabled(chosenMethod(method_) == model::TrainingMethod::FrozenBody);
    const bool adamW = train::kOptimizers.find(optimizer_->currentText().toStdString()) == train::OptimizerKind::AdamW;
    momentum_->setEnabled(!adamW);
    beta1_->setEnabled(adamW);
    beta2_->setEnabled(adamW);
    error_->setText(validationError());
    Q_EMIT changed();
}

QStringList RunConfigForm::presetNames()
{
    return {tr("Quick look"), tr("Balanced"), tr("Thorough")};
}

void RunConfigForm::applyPreset(const QString& name)
{
    train::RunConfig c = config();
    const int which = presetNames().indexOf(name);
    // Quick look: a first curve in seconds. Balanced: learns the sample well. Thorough:
    // longer, with early stopping and the best checkpoint kept.
    const int epochs[] = {2, 8, 20};
    c.epochs = epochs[std::max(0, which)];
    c.maxSteps = -1;
    c.batchSize = 16;
    c.learningRate = which == 2 ? 2e-3 : 3e-3;
    c.warmupRatio = 0.05;
    c.weightDecay = which == 0 ? 0.0 : 0.01;
    c.loggingSteps = which == 0 ? 1 : 2;
    c.earlyStoppingPatience = which == 2 ? 3 : 0;
    c.loadBestModelAtEnd = which == 2;
    c.maxSequenceLength = which == 0 ? 96 : 128;
    setConfig(c);
}

} // namespace finch::ui
