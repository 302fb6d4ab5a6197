#include "ui/model/ModelPage.h"
#include "ui/model/HubDownloadDialog.h"

#include "core/common/Error.h"
#include "core/model/MemoryEstimate.h"
#include "core/model/ModelConfig.h"
#include "core/text/ChatTemplate.h"
#include "core/text/TokenizerFile.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

#include <filesystem>

namespace finch::ui {
namespace {

QString bytes(uint64_t value)
{
    return value < (1ULL << 30) ? QStringLiteral("%1 MiB").arg(double(value) / (1 << 20), 0, 'f', 1)
                                : QStringLiteral("%1 GiB").arg(double(value) / (1ULL << 30), 0, 'f', 2);
}

// Presets get their vocabulary from the tokenizer trained on the data; the default size stands in.
model::ModelConfig configOf(const QString& presetOrFolder)
{
    if (model::ModelConfig::isPreset(presetOrFolder.toStdString()))
        return model::ModelConfig::preset(presetOrFolder.toStdString(), 2000);
    return model::ModelConfig::load(QDir(presetOrFolder).filePath(QStringLiteral("config.json")).toStdString());
}

// The file `finch model list` reads too (XDG_CONFIG_HOME/finch); under QStandardPaths'
// test mode, the tests' scratch folder.
std::string recentModelsFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("finch/recent-models.json"))
        .toStdString();
}

} // namespace

ModelPage::ModelPage(QWidget* parent) : QWidget(parent)
{
    list_ = new QListWidget(this);
    addSection(tr("Built-in presets (trained from scratch)"));
    for (const std::string& preset : model::ModelConfig::presetNames())
        addModel(QString::fromStdString(preset), QString::fromStdString(preset));
    cacheSection_ = addSection(tr("Hugging Face cache: looking…"));
    recentSection_ = addSection(tr("Recent folders"));
    for (const std::string& folder : model::readRecentFolders(recentModelsFile()))
        if (QDir(QString::fromStdString(folder)).exists())
            addModel(QString::fromStdString(folder), QString::fromStdString(folder));
    auto* openFolder = new QPushButton(tr("Open Hugging Face folder…"), this);
    auto* download = new QPushButton(tr("Download from the Hugging Face Hub…"), this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("Built-in presets train from scratch with a tokenizer trained on your data. "
                                        "A pretrained model from the Hugging Face cache or a folder (Llama, Mistral, "
                                        "Qwen, Phi, Gemma) is fine-tuned, which is what gives real accuracy: "
                                        "download one from the Hub when the cache has none."),
                                     this));
    leftLayout->itemAt(0)->widget()->setProperty("wordWrap", true);
    leftLayout->addWidget(list_, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(openFolder);
    buttons->addWidget(download);
    leftLayout->addLayout(buttons);

    summary_ = new QLabel(this);
    // Markup of Finch's own; every value from a file or an error is escaped.
    summary_->setTextFormat(Qt::RichText);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    summary_->setWordWrap(true); // errors name long paths
    tokenizer_ = new QLabel(this);
    tokenizer_->setTextFormat(Qt::PlainText); // token texts come from the folder's files
    tokenizer_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    tokenizer_->setWordWrap(true);
    method_ = new QComboBox(this);
    method_->addItem(tr("Full fine-tuning"), int(model::TrainingMethod::Full));
    method_->addItem(tr("LoRA (r = 8 on q, v)"), int(model::TrainingMethod::Lora));
    method_->addItem(tr("Frozen body (last 2 layers)"), int(model::TrainingMethod::FrozenBody));
    batch_ = new QSpinBox(this);
    batch_->setRange(1, 4096);
    batch_->setValue(16);
    sequence_ = new QSpinBox(this);
    sequence_->setRange(8, 131072);
    sequence_->setValue(128);
    estimate_ = new QLabel(this);
    estimate_->setTextFormat(Qt::RichText);
    estimate_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* memory = new QGroupBox(tr("Training memory (float32)"), this);
    auto* memoryForm = new QFormLayout(memory);
    memoryForm->addRow(tr("Method"), method_);
    memoryForm->addRow(tr("Batch size"), batch_);
    memoryForm->addRow(tr("Sequence length"), sequence_);
    memoryForm->addRow(estimate_);
    device_ = new QComboBox(this);
    fillDeviceBox(device_, cpuOnly());
    device_->setToolTip(tr("Where training runs: the CPU, or a CUDA device when this libtorch has CUDA"));
    auto* deviceForm = new QFormLayout;
    deviceForm->addRow(tr("Device"), device_);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addWidget(summary_);
    rightLayout->addWidget(tokenizer_);
    rightLayout->addLayout(deviceForm);
    rightLayout->addWidget(memory);
    rightLayout->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(left, 1);
    layout->addWidget(right, 2);

    connect(list_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
        const QString path = item ? item->data(Qt::UserRole).toString() : QString();
        if (!path.isEmpty() && path != current_)
            chooseModel(path);
    });
    connect(openFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Hugging Face model folder"));
        if (!folder.isEmpty())
            chooseModel(folder);
    });
    connect(download, &QPushButton::clicked, this, &ModelPage::openDownloadDialog);
    for (QSpinBox* box : {batch_, sequence_})
        connect(box, &QSpinBox::valueChanged, this, &ModelPage::updateEstimate);
    connect(method_, &QComboBox::currentIndexChanged, this, &ModelPage::updateEstimate);
    connect(device_, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT deviceChosen(device_->currentData().toString()); });
    chooseModel(QStringLiteral("finch-tiny"));
    firstScanMayChoose_ = true;
    rescanCache(QString::fromStdString(model::hubCacheDir()));
}

QListWidgetItem* ModelPage::addSection(const QString& title)
{
    auto* item = new QListWidgetItem(title, list_);
    item->setFlags(Qt::NoItemFlags);
    item->setForeground(palette().color(QPalette::Active, QPalette::WindowText));
    QFont font = item->font();
    font.setBold(true);
    item->setFont(font);
    return item;
}

QListWidgetItem* ModelPage::addModel(const QString& label, const QString& path, int row)
{
    auto* item = new QListWidgetItem(label);
    item->setData(Qt::UserRole, path);
    if (row < 0)
        list_->addItem(item);
    else
        list_->insertItem(row, item);
    return item;
}

QListWidgetItem* ModelPage::itemFor(const QString& path) const
{
    for (int row = 0; row < list_->count(); ++row)
        if (list_->item(row)->data(Qt::UserRole).toString() == path)
            return list_->item(row);
    return nullptr;
}

void ModelPage::rescanCache(const QString& cacheDir)
{
    // An unreadable cache lists nothing; each model's own problems are in its entry.
    cacheScan_.start([dir = cacheDir.toStdString()](const BackgroundTask::Context&) { return model::listCachedModels(dir); },
                     [this](const std::vector<model::ModelEntry>& models, const QString&) { showCache(models); });
}

void ModelPage::showCache(const std::vector<model::ModelEntry>& models)
{
    const QSignalBlocker block(list_);
    int row = list_->row(cacheSection_) + 1;
    while (row < list_->row(recentSection_))
        delete list_->takeItem(row);
    unsupported_.clear();
    cacheSection_->setText(models.empty() ? tr("Hugging Face cache: no causal language models")
                                          : tr("Hugging Face cache"));
    for (const model::ModelEntry& entry : models) {
        const QString path = QString::fromStdString(entry.path);
        const QString parameters = entry.parameters > 0
                                       ? QLocale().toString(double(entry.parameters) / 1e6, 'f', entry.parameters < 10'000'000 ? 1 : 0) + " M"
                                       : QStringLiteral("?");
        QString label = tr("%1 · %2 parameters · %3").arg(QString::fromStdString(entry.name), parameters,
                                                       bytes(entry.bytesOnDisk));
        QListWidgetItem* item = addModel(label, path, row++);
        item->setToolTip(QString::fromStdString(entry.architecture + (entry.tokenizer.empty() ? "" : ", " + entry.tokenizer)) +
                         "\n" + path);
        if (!entry.supported) {
            unsupported_.insert(path, QString::fromStdString(entry.reason));
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            item->setText(label + " · " + tr("not supported"));
            item->setToolTip(item->toolTip() + "\n" + QString::fromStdString(entry.reason));
        }
    }
    if (QListWidgetItem* current = itemFor(current_))
        list_->setCurrentItem(current);
    if (const QString folder = std::exchange(chooseWhenListed_, QString()); !folder.isEmpty())
        chooseModel(folder);
    if (std::exchange(firstScanMayChoose_, false)) {
        // A pretrained model gives real accuracy where finch-tiny cannot: the smallest
        // supported instruct (chat-template) model that fine-tunes on a laptop.
        const model::ModelEntry* best = nullptr;
        for (const model::ModelEntry& entry : models)
            if (entry.supported && entry.chatTemplate && entry.parameters > 0 && entry.parameters <= 2'000'000'000 &&
                (!best || entry.parameters < best->parameters))
                best = &entry;
        if (best && chooseModel(QString::fromStdString(best->path)))
            Q_EMIT pretrainedModelPreferred(current_);
    }
    Q_EMIT cacheListed(int(models.size()));
}

void ModelPage::setDevices(const QList<DeviceChoice>& devices)
{
    fillDeviceBox(device_, devices);
}

void ModelPage::setDevice(const QString& device)
{
    device_->setCurrentIndex(std::max(0, device_->findData(device)));
    Q_EMIT deviceChosen(device_->currentData().toString());
}

HubDownloadDialog* ModelPage::openDownloadDialog()
{
    hub::HubSettings settings = hub::hubSettingsFromEnvironment();
    auto* dialog = new HubDownloadDialog(settings, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &HubDownloadDialog::downloaded, this, [this, dialog, cache = settings.cacheDir](const QString& folder) {
        chooseWhenListed_ = folder;
        rescanCache(QString::fromStdString(cache));
        dialog->accept();
    });
    dialog->open();
    return dialog;
}

bool ModelPage::chooseModel(const QString& presetOrFolder)
{
    firstScanMayChoose_ = false;
    model::ModelConfig config;
    try {
        if (const auto reason = unsupported_.constFind(presetOrFolder); reason != unsupported_.constEnd())
            throw Error(reason->toStdString());
        config = configOf(presetOrFolder);
    } catch (const Error& error) {
        summary_->setText(tr("<b>Cannot use %1</b><br>%2").arg(presetOrFolder.toHtmlEscaped(), QString::fromUtf8(error.what()).toHtmlEscaped()));
        // Nothing of the previous model stays on screen next to the refusal.
        tokenizer_->clear();
        estimate_->clear();
        return false;
    }
    current_ = presetOrFolder;
    const bool preset = model::ModelConfig::isPreset(presetOrFolder.toStdString());
    showTokenizer(presetOrFolder);
    if (!preset && !itemFor(presetOrFolder)) {
        try {
            model::rememberRecentFolder(recentModelsFile(), presetOrFolder.toStdString());
        } catch (const std::exception&) {
            // A read-only configuration folder costs the list its entry, nothing more.
        }
        addModel(presetOrFolder, presetOrFolder);
    }
    {
        const QSignalBlocker block(list_);
        if (QListWidgetItem* item = itemFor(presetOrFolder))
            list_->setCurrentItem(item);
    }
    summary_->setText(tr("<h3>%1</h3><table>"
                         "<tr><td>Architecture</td><td>%2</td></tr>"
                         "<tr><td>Parameters</td><td>%3</td></tr>"
                         "<tr><td>Layers</td><td>%4 (hidden %5, MLP %6)</td></tr>"
                         "<tr><td>Attention heads</td><td>%7 (key/value %8, head dim %9)</td></tr>"
                         "<tr><td>Vocabulary</td><td>%10%11</td></tr>"
                         "<tr><td>Context length</td><td>%12 tokens</td></tr>"
                         "<tr><td>Weights</td><td>%13</td></tr></table>")
                          .arg(QString::fromStdString(model::modelDisplayName(presetOrFolder.toStdString())).toHtmlEscaped(),
                               QString::fromStdString(config.architecture).toHtmlEscaped())
                          .arg(QLocale().toString(qlonglong(config.parameterCount())))
                          .arg(config.numLayers)
                          .arg(config.hiddenSize)
                          .arg(config.intermediateSize)
                          .arg(config.numHeads)
                          .arg(config.numKeyValueHeads)
                          .arg(config.headDim)
                          .arg(config.vocabSize)
                          .arg(preset ? tr(" (trained on your data, up to this size)")
                                      : config.tieWordEmbeddings ? tr(", tied embeddings") : QString())
                          .arg(config.maxPositions)
                          .arg(QString::fromStdString(config.torchDtype).toHtmlEscaped()));
    summary_->setToolTip(preset ? QString() : presetOrFolder);
    updateEstimate();
    Q_EMIT modelChosen(presetOrFolder);
    return true;
}

void ModelPage::updateEstimate()
{
    if (current_.isEmpty())
        return;
    try {
        model::MemoryEstimateRequest request;
        request.method = model::TrainingMethod(method_->currentData().toInt());
        request.batchSize = batch_->value();
        request.sequenceLength = sequence_->value();
        const auto e = model::MemoryEstimate::compute(configOf(current_), request);
        estimate_->setText(tr("weights %1 · gradients %2 · optimizer %3 · activations %4<br><b>total %5</b> "
                              "(%6 trainable parameters)")
                               .arg(bytes(e.weights), bytes(e.gradients), bytes(e.optimizer), bytes(e.activations),
                                    bytes(e.total()))
                               .arg(QLocale().toString(qlonglong(e.trainableParameters))));
    } catch (const Error& error) {
        estimate_->setText(QString::fromUtf8(error.what()).toHtmlEscaped());
    }
}

QString ModelPage::summaryText() const { return summary_->text(); }
QString ModelPage::tokenizerText() const { return tokenizer_->text(); }

// The tokenizer's kind, vocabulary and special tokens, and the folder's chat template with a
// turn rendered by it.
void ModelPage::showTokenizer(const QString& presetOrFolder)
{
    if (model::ModelConfig::isPreset(presetOrFolder.toStdString())) {
        tokenizer_->setText(tr("Tokenizer: SentencePiece, trained on your data when the run starts"));
        return;
    }
    const std::string folder = presetOrFolder.toStdString();
    try {
        const auto tokenizer = text::loadTokenizer(folder);
        QStringList special;
        auto name = [&](const char* role, int id) {
            if (id >= 0)
                special << QStringLiteral("%1 %2").arg(QString::fromLatin1(role), QString::fromStdString(tokenizer->idToPiece(id)));
        };
        name("bos", tokenizer->bosId());
        name("eos", tokenizer->eosId());
        name("pad", tokenizer->padId());
        name("unk", tokenizer->unkId());
        QString text = tr("Tokenizer: %1, %2 pieces").arg(QString::fromStdString(tokenizer->kind()),
                                                          QLocale().toString(tokenizer->vocabSize()));
        if (!special.isEmpty())
            text += "\n" + tr("Special tokens: %1").arg(special.join(QStringLiteral(", ")));
        // The template is parsed here as when the model loads: one Finch cannot render is named now.
        try {
            if (const auto chat = text::ChatTemplate::fromFolder(folder, tokenizer.get())) {
                const nlohmann::ordered_json example = {{{"role", "user"}, {"content", "Hello!"}},
                                                        {{"role", "assistant"}, {"content", "Hi there."}}};
                text += "\n" + tr("Chat template: %1; training rows and the Playground's chat go through it. "
                                   "A turn looks like:")
                                    .arg(QString::fromStdString(std::filesystem::path(chat->origin()).filename().string())) +
                        "\n" + QString::fromStdString(chat->render(example, false).text).trimmed();
            } else {
                text += "\n" + tr("Chat template: none (rows are formatted with the prompt templates)");
            }
        } catch (const Error& error) {
            text += "\n" + tr("Chat template refused: %1").arg(QString::fromUtf8(error.what()));
        }
        tokenizer_->setText(text);
    } catch (const Error& error) {
        tokenizer_->setText(tr("Tokenizer: %1").arg(QString::fromUtf8(error.what())));
    }
}
QString ModelPage::estimateText() const { return estimate_->text(); }

} // namespace finch::ui
