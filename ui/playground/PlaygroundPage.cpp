#include "ui/playground/PlaygroundPage.h"
#include "ui/FolderField.h"

#include "core/common/Error.h"
#include "core/eval/Evaluator.h"
#include "core/runs/RunFolder.h"
#include "core/text/ChatTemplate.h"
#include "core/text/Tokenizer.h"
#include "core/train/RunArtifacts.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <filesystem>

namespace finch::ui {

PlaygroundPage::PlaygroundPage(QWidget* parent) : QWidget(parent)
{
    source_ = new QComboBox(this);
    source_->setMinimumContentsLength(30);
    prompt_ = new QPlainTextEdit(this);
    prompt_->setPlaceholderText(tr("Type a prompt, or for a classification run a text to classify"));
    output_ = new QPlainTextEdit(this);
    output_->setReadOnly(true);
    greedy_ = new QCheckBox(tr("Greedy"), this);
    useTemplate_ = new QCheckBox(tr("Wrap in the run's prompt template"), this);
    useTemplate_->setChecked(true);
    useTemplate_->setToolTip(tr("Shows the model the prompt as training did, e.g. \"{text}\\nLabel:\""));
    chat_ = new QCheckBox(tr("Chat (with the model's chat template)"), this);
    chat_->setToolTip(tr("Each message goes to the model with the conversation so far, rendered by the model's own "
                         "chat template"));
    temperature_ = new QDoubleSpinBox(this);
    temperature_->setRange(0.05, 5);
    temperature_->setValue(0.8);
    temperature_->setSingleStep(0.05);
    topK_ = new QSpinBox(this);
    topK_->setRange(0, 100000);
    topK_->setValue(40);
    topK_->setToolTip(tr("0: no limit"));
    topP_ = new QDoubleSpinBox(this);
    topP_->setRange(0.01, 1);
    topP_->setValue(0.95);
    topP_->setSingleStep(0.01);
    repetition_ = new QDoubleSpinBox(this);
    repetition_->setRange(1, 3);
    repetition_->setValue(1.1);
    repetition_->setSingleStep(0.05);
    maxTokens_ = new QSpinBox(this);
    maxTokens_->setRange(1, 8192);
    maxTokens_->setValue(64);
    generate_ = new QPushButton(tr("Generate"), this);
    generate_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    stop_ = new QPushButton(tr("Stop"), this);
    classify_ = new QPushButton(tr("Classify"), this);
    newChat_ = new QPushButton(tr("New chat"), this);
    newChat_->setEnabled(false);
    state_ = new QLabel(this);
    // Shows text from files and errors: never interpreted as markup.
    state_->setTextFormat(Qt::PlainText);
    probabilities_ = new QTableWidget(this);
    probabilities_->setColumnCount(2);
    probabilities_->setHorizontalHeaderLabels({tr("label"), tr("probability")});
    probabilities_->horizontalHeader()->setStretchLastSection(true);
    probabilities_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    adapter_ = new FolderField(tr("PEFT LoRA adapter folder"), tr("none"),
                               tr("A PEFT LoRA adapter folder (from Finch, PEFT or another tool) applied to the base model"),
                               this);
    // A run's model carries its own adapter; an outside one goes on a base model.
    connect(source_, &QComboBox::currentIndexChanged, this,
            [this] { adapter_->setEnabled(source_->currentData().toString().startsWith(QStringLiteral("base:"))); });

    auto* settings = new QFormLayout;
    settings->addRow(tr("Model"), source_);
    settings->addRow(tr("Adapter"), adapter_);
    settings->addRow(QString(), useTemplate_);
    settings->addRow(QString(), chat_);
    settings->addRow(QString(), greedy_);
    settings->addRow(tr("Temperature"), temperature_);
    settings->addRow(tr("Top-k"), topK_);
    settings->addRow(tr("Top-p"), topP_);
    settings->addRow(tr("Repetition penalty"), repetition_);
    settings->addRow(tr("Max new tokens"), maxTokens_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(generate_);
    buttons->addWidget(stop_);
    buttons->addWidget(classify_);
    buttons->addWidget(newChat_);
    buttons->addWidget(state_, 1);
    auto* left = new QVBoxLayout;
    left->addLayout(settings);
    left->addWidget(new QLabel(tr("Label probabilities"), this));
    left->addWidget(probabilities_, 1);
    auto* right = new QVBoxLayout;
    right->addWidget(prompt_, 1);
    right->addLayout(buttons);
    right->addWidget(output_, 2);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(left, 1);
    layout->addLayout(right, 2);

    connect(generate_, &QPushButton::clicked, this, &PlaygroundPage::generate);
    connect(classify_, &QPushButton::clicked, this, &PlaygroundPage::classify);
    connect(stop_, &QPushButton::clicked, this, &PlaygroundPage::stop);
    connect(newChat_, &QPushButton::clicked, this, &PlaygroundPage::newChat);
    connect(chat_, &QCheckBox::toggled, this, [this](bool chat) {
        useTemplate_->setEnabled(!chat);
        classify_->setEnabled(!chat);
        newChat_->setEnabled(chat);
        prompt_->setPlaceholderText(chat ? tr("Write a message; Ctrl+G sends it")
                                         : tr("Type a prompt, or for a classification run a text to classify"));
        newChat();
    });
    connect(this, &PlaygroundPage::chatTurnDone, this, [this](const QString& user, const QString& reply) {
        history_.push_back({{"role", "user"}, {"content", user.toStdString()}});
        history_.push_back({{"role", "assistant"}, {"content", reply.toStdString()}});
        prompt_->clear();
    });
    connect(greedy_, &QCheckBox::toggled, this, [this](bool greedy) {
        for (QWidget* w : {static_cast<QWidget*>(temperature_), static_cast<QWidget*>(topK_), static_cast<QWidget*>(topP_)})
            w->setEnabled(!greedy);
    });
    connect(this, &PlaygroundPage::textArrived, output_, [this](const QString& delta) {
        output_->moveCursor(QTextCursor::End);
        output_->insertPlainText(delta);
    });
    connect(this, &PlaygroundPage::generationDone, this, [this](const QString& reason, const QString& error) {
        state_->setText(error.isEmpty() ? tr("stopped: %1").arg(reason) : error);
    });
    connect(this, &PlaygroundPage::classified, this,
            [this](const QStringList& labels, const QList<double>& probabilities, const QString& error) {
                probabilities_->setRowCount(0);
                if (!error.isEmpty()) {
                    state_->setText(error);
                    return;
                }
                for (int i = 0; i < labels.size(); ++i) {
                    probabilities_->insertRow(i);
                    probabilities_->setItem(i, 0, new QTableWidgetItem(labels[i]));
                    probabilities_->setItem(i, 1, new QTableWidgetItem(QString::number(probabilities[i], 'f', 4)));
                }
                probabilities_->sortItems(1, Qt::DescendingOrder);
                state_->setText(tr("classified"));
            });
}

void PlaygroundPage::setRunsFolder(const QString& folder)
{
    folder_ = folder;
    refreshSources();
}

void PlaygroundPage::setBaseModel(const QString& presetOrFolder)
{
    baseModel_ = presetOrFolder;
    refreshSources();
}

void PlaygroundPage::refreshSources()
{
    const QString current = source_->currentData().toString();
    source_->clear();
    try {
        if (!folder_.isEmpty() && std::filesystem::is_directory(folder_.toStdString()))
            for (const auto& run : runs::listRuns(folder_.toStdString()))
                if (run.hasFinalModel)
                    source_->addItem(tr("run %1").arg(QString::fromStdString(run.id)), QString::fromStdString(run.path));
    } catch (const Error&) {
    }
    // A preset has no weights until a run trains it; a Hugging Face folder can be prompted as it is.
    if (!baseModel_.isEmpty() && std::filesystem::exists((baseModel_ + "/config.json").toStdString()))
        source_->addItem(tr("base model %1").arg(baseModel_), QStringLiteral("base:") + baseModel_);
    source_->setCurrentIndex(std::max(0, source_->findData(current)));
}

QString PlaygroundPage::state() const { return state_->text(); }

QLineEdit* PlaygroundPage::adapter()
{
    return adapter_->edit();
}

QString PlaygroundPage::chosenSource() const
{
    const QString source = source_->currentData().toString();
    const QString adapter = adapter_->folder();
    return source.startsWith(QStringLiteral("base:")) && !adapter.isEmpty() ? source + QChar('\n') + adapter : source;
}

std::shared_ptr<model::LanguageModel> PlaygroundPage::modelFor(engine::Engine& engine, const QString& source)
{
    std::lock_guard lock(cacheMutex_);
    if (source != cachedSource_ || !cachedModel_) {
        cachedModel_.reset();
        if (source.startsWith(QStringLiteral("base:"))) {
            // "base:FOLDER", or "base:FOLDER\nADAPTER" (chosenSource())
            const QStringList parts = source.mid(5).split(QChar('\n'));
            cachedModel_ = train::loadModel(engine, parts[0].toStdString(), parts.value(1).toStdString());
        } else
            cachedModel_ = train::loadRunModel(engine, runs::RunFolder::open(source.toStdString()));
        cachedSource_ = source;
    }
    return cachedModel_;
}

void PlaygroundPage::generate()
{
    if (isBusy())
        return;
    const QString source = chosenSource();
    if (source.isEmpty()) {
        state_->setText(tr("Train a run first, or choose a Hugging Face folder on the Model page"));
        return;
    }
    output_->clear();
    state_->setText(tr("generating…"));
    model::GenerationOptions options;
    options.greedy = greedy_->isChecked();
    options.temperature = temperature_->value();
    options.topK = topK_->value();
    options.topP = topP_->value();
    options.repetitionPenalty = repetition_->value();
    options.maxNewTokens = maxTokens_->value();
    options.seed = 1;
    const std::string typed = prompt_->toPlainText().toStdString();
    const bool chat = chat_->isChecked();
    if (chat && prompt_->toPlainText().trimmed().isEmpty()) {
        state_->setText(tr("Write a message first"));
        return;
    }
    const bool useTemplate = useTemplate_->isChecked() && !source.startsWith(QStringLiteral("base:"));
    nlohmann::ordered_json conversation = history_;
    if (chat) {
        conversation.push_back({{"role", "user"}, {"content", typed}});
        output_->setPlainText(transcript(conversation));
    } else {
        output_->clear();
    }
    work_.start(
        [this, source, options, typed, useTemplate, chat, conversation](const BackgroundTask::Context& context) {
            const auto model = modelFor(context.engine(), source);
            const text::Tokenizer* tokenizer = model->tokenizer();
            if (!tokenizer)
                throw Error("this model has no tokenizer Finch reads (tokenizer.json or tokenizer.model)");
            const std::shared_ptr<const text::ChatTemplate> chatTemplate = model->chatTemplate();
            if (chat && !chatTemplate)
                throw Error("this model has no chat template (chat_template.jinja, or 'chat_template' in "
                            "tokenizer_config.json); turn Chat off to prompt it with plain text");
            // A chat template writes BOS itself when its model wants one.
            bool templated = false;
            std::string prompt = typed;
            if (chat) {
                prompt = chatTemplate->render(conversation, true).text;
                templated = true;
            } else if (useTemplate) {
                train::TypedRow row = train::typedRow(runs::RunFolder::open(source.toStdString()), typed);
                row.formatter.useChatTemplate(chatTemplate);
                prompt = row.formatter.prompt(row.row);
                templated = chatTemplate != nullptr;
            }
            std::vector<int> ids;
            if (tokenizer->bosId() >= 0 && !templated)
                ids.push_back(tokenizer->bosId());
            const std::vector<int> pieces = tokenizer->encode(prompt);
            ids.insert(ids.end(), pieces.begin(), pieces.end());
            return model->generate(ids, options, [this, &context](int, std::string_view delta) {
                if (!delta.empty())
                    context.post([this, text = QString::fromUtf8(delta.data(), qsizetype(delta.size()))] {
                        Q_EMIT textArrived(text);
                    });
                return !context.cancelled();
            });
        },
        [this, typed, chat](const model::GenerationResult& result, const QString& error) {
            if (!error.isEmpty()) {
                Q_EMIT generationDone({}, error);
                return;
            }
            if (chat)
                Q_EMIT chatTurnDone(QString::fromStdString(typed), QString::fromStdString(result.text));
            Q_EMIT generationDone(QString::fromStdString(result.stopReason), {});
        });
}

void PlaygroundPage::classify()
{
    const QString source = chosenSource();
    if (source.isEmpty() || source.startsWith(QStringLiteral("base:"))) {
        state_->setText(tr("Choose a classification run"));
        return;
    }
    state_->setText(tr("classifying…"));
    const std::string text = prompt_->toPlainText().toStdString();
    work_.start(
        [this, source, text](const BackgroundTask::Context& context) {
            const auto model = modelFor(context.engine(), source);
            train::TypedRow typed = train::typedRow(runs::RunFolder::open(source.toStdString()), text);
            typed.formatter.useChatTemplate(model->chatTemplate());
            const std::vector<std::string>& labels = typed.labels;
            if (labels.empty())
                throw Error("this run is not a classification run");
            const std::vector<double> probabilities = eval::labelProbabilities(
                *model, typed.formatter, labels, typed.row,
                train::runConfig(runs::RunFolder::open(source.toStdString())).maxSequenceLength);
            std::pair<QStringList, QList<double>> shown;
            for (size_t i = 0; i < labels.size(); ++i) {
                shown.first << QString::fromStdString(labels[i]);
                shown.second << probabilities[i];
            }
            return shown;
        },
        [this](const std::pair<QStringList, QList<double>>& shown, const QString& error) {
            Q_EMIT classified(shown.first, shown.second, error);
        });
}

void PlaygroundPage::stop()
{
    work_.cancel();
}

void PlaygroundPage::newChat()
{
    if (isBusy())
        return;
    history_ = nlohmann::ordered_json::array();
    output_->clear();
}

// The conversation for people to read, the last user message followed by the reply to come.
QString PlaygroundPage::transcript(const nlohmann::ordered_json& conversation) const
{
    QString text;
    for (const auto& message : conversation) {
        const bool user = message.value("role", "") == "user";
        text += (text.isEmpty() ? QString() : QStringLiteral("\n\n")) + (user ? tr("▸ You") : tr("▸ Model")) +
                QStringLiteral("\n") + QString::fromStdString(message.value("content", ""));
    }
    return text + QStringLiteral("\n\n") + tr("▸ Model") + QStringLiteral("\n");
}

} // namespace finch::ui
