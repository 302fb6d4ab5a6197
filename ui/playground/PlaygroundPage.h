#pragma once
// The Playground: prompt a run's fine-tuned model (or a Hugging Face base model) with
// streamed generation and the sampling settings; for classification runs, the label
// probabilities of a typed text; with a model that has a chat template, a chat with history
// rendered by that template.
#include "core/model/LanguageModel.h"
#include "ui/BackgroundTask.h"

#include <QWidget>

#include <nlohmann/json.hpp>

#include <memory>
#include <mutex>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace finch::ui {

class FolderField;

class PlaygroundPage : public QWidget {
    Q_OBJECT

public:
    explicit PlaygroundPage(QWidget* parent = nullptr);

    void setRunsFolder(const QString& folder);
    void setBaseModel(const QString& presetOrFolder);
    QPlainTextEdit* prompt() { return prompt_; }
    QPlainTextEdit* output() { return output_; }
    QTableWidget* probabilities() { return probabilities_; }
    QCheckBox* chatMode() { return chat_; }
    QLineEdit* adapter(); // the adapter folder for a base model
    QCheckBox* greedy() { return greedy_; }
    // The chat so far: {"role", "content"} messages.
    const nlohmann::ordered_json& history() const { return history_; }
    bool isBusy() const { return work_.isRunning(); }
    QString state() const; // the status line: what happened last

public Q_SLOTS:
    void refreshSources();
    void generate();
    void classify();
    void stop();
    void newChat();

Q_SIGNALS:
    void textArrived(const QString& delta);
    void generationDone(const QString& stopReason, const QString& error);
    // Chat mode: the turn that just ended, to keep in the history.
    void chatTurnDone(const QString& user, const QString& reply);
    void classified(const QStringList& labels, const QList<double>& probabilities, const QString& error);

private:
    // Loads (and caches) the model of the chosen source; runs in the background.
    std::shared_ptr<model::LanguageModel> modelFor(engine::Engine& engine, const QString& source);
    QString chosenSource() const; // the source's data, with the adapter for a base model
    QString transcript(const nlohmann::ordered_json& conversation) const;

    QComboBox* source_;
    FolderField* adapter_;
    QPlainTextEdit *prompt_, *output_;
    QCheckBox *greedy_, *useTemplate_, *chat_;
    QDoubleSpinBox *temperature_, *topP_, *repetition_;
    QSpinBox *topK_, *maxTokens_;
    QPushButton *generate_, *stop_, *classify_, *newChat_;
    QTableWidget* probabilities_;
    QLabel* state_;
    QString folder_, baseModel_;
    std::mutex cacheMutex_;
    QString cachedSource_;
    std::shared_ptr<model::LanguageModel> cachedModel_;
    nlohmann::ordered_json history_ = nlohmann::ordered_json::array();
    // Generating or classifying. Last: it goes first, stopping its work.
    BackgroundTask work_{QStringLiteral("finch-playground")};
};

} // namespace finch::ui
