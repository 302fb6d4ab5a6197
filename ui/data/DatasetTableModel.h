#pragma once
// The Data page's table: a view onto the engine's Dataset, one row per dataset row and
// one column per field, without copying rows into item objects (a million rows cost only
// the dataset itself). Every edit goes through the undo stack.
#include "core/data/Dataset.h"
#include "core/data/Schema.h"

#include <QAbstractTableModel>
#include <QStringList>
#include <QUndoStack>

#include <optional>
#include <vector>

namespace finch::ui {

// A model's label for a row, and how sure it is: the top probability, and the margin to the
// second (small margins are the uncertain rows worth labelling first).
struct LabelPrediction {
    QString label;
    double confidence = 0;
    double margin = 0;
};

class DatasetTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    explicit DatasetTableModel(QObject* parent = nullptr);

    // Takes the dataset; clears the undo history.
    void setDataset(data::Dataset dataset, const data::RoleMapping& mapping = {});
    const data::Dataset& dataset() const { return dataset_; }
    const data::Schema& schema() const { return schema_; }
    QUndoStack* undoStack() { return &undo_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    // The label column, or -1 when the dataset is not a classification set.
    int labelColumn() const;
    int textColumn() const; // the main text field (text, instruction, question), or -1
    // The labels offered in the editor and on keys 1-9: those in the data plus added ones, sorted.
    QStringList labels() const { return labels_; }
    void addLabel(const QString& label);
    QString cellText(int row, int column) const;
    QString labelOf(int row) const;

    // Undoable edits.
    void setCell(int row, int column, const QString& text, const QString& description = {});
    void setLabel(int row, const QString& label);
    void insertRow(int position, const data::Json& value, const QString& description);
    void duplicateRow(int row);
    void removeRowsAt(QList<int> rows);

    // The next row after `from` (wrapping) whose label is empty; -1 when all are labelled.
    int nextUnlabeledRow(int from) const;

    // Predictions (pre-labelling), one per row or none, from `source` (a run's name). They
    // add three read-only columns (prediction, confidence, margin) and show as suggestions,
    // in grey italics with a question mark, in the label cells that are empty. They are not
    // labels: nothing of them is saved unless accepted.
    void setPredictions(std::vector<std::optional<LabelPrediction>> predictions, const QString& source);
    bool hasPredictions() const { return !predictions_.empty(); }
    const std::optional<LabelPrediction>& predictionOf(int row) const;
    QString predictionSource() const { return predictionSource_; }
    int predictionColumn() const { return hasPredictions() ? int(dataColumns()) : -1; } // then confidence, margin
    // The suggestion of an unlabelled row becomes its label (one undo step); false when the
    // row is labelled or has no suggestion. A human label is never overwritten.
    bool acceptSuggestion(int row);
    // Every suggestion at or above `confidence` on an unlabelled row, as one undo step.
    int acceptSuggestionsAbove(double confidence);

    // Applied by the undo commands: no undo entry of their own.
    void applyCell(int row, int column, const data::Json& value);
    void applyInsert(int position, const data::Row& row);
    void applyRemove(int position);
    const data::Row& rowAt(int row) const { return dataset_.rows[size_t(row)]; }

Q_SIGNALS:
    void labelsChanged();
    void predictionsChanged();

private:
    size_t dataColumns() const { return std::max<size_t>(1, dataset_.columns.size()); }
    data::Json parseCell(int row, int column, const QString& text) const;
    void refreshLabels();

    data::Dataset dataset_;
    data::Schema schema_;
    QStringList labels_;
    QUndoStack undo_;
    std::vector<std::optional<LabelPrediction>> predictions_; // empty, or one per row
    QString predictionSource_;
};

} // namespace finch::ui
