#pragma once
// The Data page: open a dataset, label and edit rows (keys 1-9 label and move on), undo,
// filter, validate, split, save. Unsaved work is autosaved to a recovery file that is
// offered back after a crash.
#include "ui/BackgroundTask.h"
#include "ui/data/DatasetTableModel.h"

#include <QSortFilterProxyModel>
#include <QWidget>

#include <optional>
#include <string>
#include <vector>

class QAction;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTableView;
class QTimer;

namespace finch::ui {

// Filters by a text (case-insensitive, in any column) and by a label, or with predictions,
// by uncertainty (unlabelled rows whose top two labels are close) or disagreement (a human
// label the model contradicts with confidence).
class DatasetFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setFilter(const QString& text, const QString& label);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString text_, label_;
};

class DataPage : public QWidget {
    Q_OBJECT

public:
    explicit DataPage(QWidget* parent = nullptr);
    // Disconnects the table model first: its undo stack signals while it is destroyed.
    ~DataPage() override;

    // Asks about unsaved changes first; returns false when the user cancels or the file
    // cannot be read (the error is shown).
    bool openDataset(const QString& path);
    bool save();
    bool saveAs(const QString& path);
    // Before training on `path`: when it is this dataset and it has unsaved edits, asks to
    // save them ("Save and train", the default) and saves. False: the person cancelled, or
    // the save failed (and said why).
    bool saveBeforeTraining(const QString& path);
    // Unsaved changes: asks to save, discard or cancel. True when it is fine to go on.
    bool maybeSave();
    bool isModified() const;

    QString path() const { return path_; }
    DatasetTableModel* model() { return &model_; }
    QTableView* table() { return table_; }
    QListWidget* problems() { return problems_; }
    void setRecoveryFolder(const QString& folder) { recoveryFolder_ = folder; }
    void setAutosaveSeconds(int seconds);
    int autosaveSeconds() const;
    void setLabelFilter(const QString& label);
    void setTextFilter(const QString& text);
    // Clears the filters and selects the rows whose main text is one of `texts` (rows an
    // evaluation listed); returns how many it selected.
    int selectRowsWithText(const QStringList& texts);

    // Shared with the main window's menus.
    QAction *openAction, *saveAction, *saveAsAction, *undoAction, *redoAction, *addRowAction, *duplicateAction,
        *deleteAction, *validateAction, *splitAction, *prelabelAction, *findErrorsAction, *crossValidateAction, *acceptSuggestionsAction;

    // Where pre-labelling finds the runs to predict with.
    void setRunsFolder(const QString& folder) { runsFolder_ = folder; }
    // Predicts every row's label with a finished classification run, in the background
    // (a progress window with Cancel keeps what was predicted so far); prelabelled() follows.
    void prelabel(const QString& runPath);
    bool isPrelabelling() const { return labelling_.isRunning(); }
    // The filters of the label box: a label, or these.
    static constexpr const char* kUnlabelledFilter = "\x01unlabelled";
    static constexpr const char* kUncertainFilter = "\x01uncertain";
    static constexpr const char* kDisagreementFilter = "\x01disagreement";

public Q_SLOTS:
    void validate();
    void choosePrelabelRun();
    // Predicts every labelled row with a bag-of-words model that never trained on it
    // (eval::crossValidatedProbabilities) and lists the rows it contradicts; prelabelled() follows.
    void findLabelErrors();
    // The held-out predictions of a cross-validation's runs (heldout.json), matched to the
    // rows by their file line, shown as predictions with the likely label errors first.
    void showHeldOutPredictions(const QStringList& runPaths);
    void acceptSuggestions(); // asks for the lowest confidence to accept
    void showSplitDialog();
    void autosave();

Q_SIGNALS:
    void datasetChanged(const QString& path);
    void modifiedChanged(bool modified);
    void status(const QString& message);
    void prelabelled(int rows, const QString& error);
    void crossValidationRequested(int folds); // the Train page runs it (TrainPage::crossValidate)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int currentSourceRow() const;
    void selectSourceRow(int row);
    void updateSidePanel();
    void updateLabelChart();
    void updateTitle();
    void fitColumns();
    QString recoveryPath(const QString& datasetPath) const;
    void showError(const QString& title, const QString& message);
    void fillLabelFilter();
    // Each row's main text, none for a row that cannot be read.
    std::vector<std::optional<std::string>> rowTexts() const;

    DatasetTableModel model_;
    DatasetFilterProxy proxy_;
    QTableView* table_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QComboBox* labelFilter_ = nullptr;
    QPlainTextEdit* cellEditor_ = nullptr;
    QLabel* cellTitle_ = nullptr;
    QListWidget* problems_ = nullptr;
    QCustomPlot* labelChart_ = nullptr;
    QLabel* summary_ = nullptr;
    QTimer* autosaveTimer_ = nullptr;
    QTimer* filterTimer_ = nullptr;
    QTimer* chartTimer_ = nullptr;
    QString path_;
    QString recoveryFolder_;
    QString runsFolder_;
    bool recovered_ = false;
    // Pre-labelling, or finding label errors. Last: it goes first, stopping its work.
    BackgroundTask labelling_{QStringLiteral("finch-labelling")};
};

} // namespace finch::ui
