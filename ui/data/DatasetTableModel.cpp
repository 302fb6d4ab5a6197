#include "ui/data/DatasetTableModel.h"

#include "core/common/JsonFile.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QUndoCommand>

#include <algorithm>
#include <array>
#include <set>

namespace finch::ui {
namespace {

class SetCellCommand : public QUndoCommand {
public:
    SetCellCommand(DatasetTableModel* model, int row, int column, data::Json before, data::Json after, const QString& text)
        : QUndoCommand(text), model_(model), row_(row), column_(column), before_(std::move(before)), after_(std::move(after))
    {
    }
    void redo() override { model_->applyCell(row_, column_, after_); }
    void undo() override { model_->applyCell(row_, column_, before_); }

private:
    DatasetTableModel* model_;
    int row_, column_;
    data::Json before_, after_;
};

class InsertRowCommand : public QUndoCommand {
public:
    InsertRowCommand(DatasetTableModel* model, int position, data::Row row, const QString& text)
        : QUndoCommand(text), model_(model), position_(position), row_(std::move(row))
    {
    }
    void redo() override { model_->applyInsert(position_, row_); }
    void undo() override { model_->applyRemove(position_); }

private:
    DatasetTableModel* model_;
    int position_;
    data::Row row_;
};

class RemoveRowsCommand : public QUndoCommand {
public:
    // `rows` ascending; removed from the last so the positions stay valid.
    RemoveRowsCommand(DatasetTableModel* model, QList<int> rows, const QString& text)
        : QUndoCommand(text), model_(model), positions_(std::move(rows))
    {
        for (const int row : positions_)
            removed_.push_back(model_->rowAt(row));
    }
    void redo() override
    {
        for (auto it = positions_.rbegin(); it != positions_.rend(); ++it)
            model_->applyRemove(*it);
    }
    void undo() override
    {
        for (int i = 0; i < positions_.size(); ++i)
            model_->applyInsert(positions_[i], removed_[size_t(i)]);
    }

private:
    DatasetTableModel* model_;
    QList<int> positions_;
    std::vector<data::Row> removed_;
};

QString jsonToText(const data::Json& value)
{
    if (value.is_null())
        return {};
    if (value.is_string())
        return QString::fromStdString(value.get<std::string>());
    return QString::fromStdString(value.dump());
}

} // namespace

DatasetTableModel::DatasetTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetTableModel::setDataset(data::Dataset dataset, const data::RoleMapping& mapping)
{
    beginResetModel();
    dataset_ = std::move(dataset);
    schema_ = data::Schema::detect(dataset_, mapping);
    predictions_.clear();
    predictionSource_.clear();
    endResetModel();
    undo_.clear();
    labels_.clear(); // the new data's labels only
    refreshLabels();
    Q_EMIT labelsChanged();
}

int DatasetTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(dataset_.rows.size());
}

int DatasetTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(dataColumns()) + (hasPredictions() ? 3 : 0);
}

QString DatasetTableModel::cellText(int row, int column) const
{
    const data::Row& r = dataset_.rows[size_t(row)];
    if (!r.readable)
        return column == 0 ? QString::fromStdString(r.raw) : QString();
    if (column < 0 || size_t(column) >= dataset_.columns.size())
        return {};
    const auto it = r.value.find(dataset_.columns[size_t(column)]);
    return it == r.value.end() ? QString() : jsonToText(*it);
}

QVariant DatasetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const data::Row& row = dataset_.rows[size_t(index.row())];
    const std::optional<LabelPrediction>& prediction = predictionOf(index.row());
    if (hasPredictions() && index.column() >= predictionColumn()) {
        if (!prediction)
            return {};
        const int which = index.column() - predictionColumn();
        if (role == Qt::DisplayRole)
            return which == 0 ? prediction->label
                              : QString::number(which == 1 ? prediction->confidence : prediction->margin, 'f', 3);
        if (role == Qt::ToolTipRole)
            return tr("Predicted by %1").arg(predictionSource_);
        if (role == Qt::ForegroundRole)
            return QBrush(QColor(90, 90, 90));
        return {};
    }
    // An empty label cell shows the model's suggestion, unmistakably not a human label.
    const bool suggestion = prediction && index.column() == labelColumn() && row.readable &&
                            cellText(index.row(), index.column()).isEmpty();
    if (suggestion) {
        switch (role) {
        case Qt::DisplayRole: return prediction->label + QStringLiteral("?");
        case Qt::ForegroundRole: return QBrush(QColor(120, 120, 120));
        case Qt::FontRole: {
            QFont font;
            font.setItalic(true);
            return font;
        }
        case Qt::ToolTipRole:
            return tr("Suggested by %1 with confidence %2: A accepts it, a digit key sets another label")
                .arg(predictionSource_)
                .arg(prediction->confidence, 0, 'f', 2);
        default: break;
        }
    }
    switch (role) {
    case Qt::DisplayRole: {
        QString text = cellText(index.row(), index.column());
        // One line in the grid; the side panel shows the whole text.
        if (text.size() > 300)
            text = text.left(300) + QChar(0x2026);
        return text.replace('\n', QChar(0x21B5));
    }
    case Qt::EditRole: return cellText(index.row(), index.column());
    case Qt::ToolTipRole:
        return row.readable ? QVariant() : tr("Line %1 could not be read and is kept as it is").arg(row.line);
    case Qt::BackgroundRole:
        if (!row.readable)
            return QBrush(QColor(255, 220, 220));
        if (index.column() == labelColumn() && cellText(index.row(), index.column()).isEmpty())
            return QBrush(QColor(255, 248, 214));
        return {};
    default: return {};
    }
}

QVariant DatasetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    if (hasPredictions() && section >= predictionColumn())
        return std::array{tr("prediction"), tr("confidence"), tr("margin")}[size_t(section - predictionColumn())];
    return size_t(section) < dataset_.columns.size() ? QString::fromStdString(dataset_.columns[size_t(section)]) : tr("(empty)");
}

Qt::ItemFlags DatasetTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && dataset_.rows[size_t(index.row())].readable && size_t(index.column()) < dataset_.columns.size())
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool DatasetTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    if (value.toString() == cellText(index.row(), index.column()))
        return false;
    setCell(index.row(), index.column(), value.toString());
    return true;
}

int DatasetTableModel::labelColumn() const
{
    if (schema_.kind != data::TaskKind::Classification)
        return -1;
    const std::string field = schema_.fieldFor(data::Role::Label);
    const auto it = std::find(dataset_.columns.begin(), dataset_.columns.end(), field);
    return it == dataset_.columns.end() ? -1 : int(it - dataset_.columns.begin());
}

int DatasetTableModel::textColumn() const
{
    for (const data::Role role : {data::Role::Text, data::Role::Instruction, data::Role::Question}) {
        const std::string field = schema_.fieldFor(role);
        const auto it = std::find(dataset_.columns.begin(), dataset_.columns.end(), field);
        if (!field.empty() && it != dataset_.columns.end())
            return int(it - dataset_.columns.begin());
    }
    return dataset_.columns.empty() ? -1 : 0;
}

QString DatasetTableModel::labelOf(int row) const
{
    const int column = labelColumn();
    return column < 0 ? QString() : cellText(row, column);
}

void DatasetTableModel::addLabel(const QString& label)
{
    if (label.isEmpty() || labels_.contains(label))
        return;
    labels_.append(label);
    labels_.sort();
    Q_EMIT labelsChanged();
}

void DatasetTableModel::refreshLabels()
{
    std::set<QString> seen(labels_.begin(), labels_.end());
    const int column = labelColumn();
    if (column >= 0)
        for (int row = 0; row < rowCount(); ++row)
            if (const QString label = cellText(row, column); !label.isEmpty())
                seen.insert(label);
    QStringList labels(seen.begin(), seen.end());
    if (labels != labels_) {
        labels_ = labels;
        Q_EMIT labelsChanged();
    }
}

data::Json DatasetTableModel::parseCell(int row, int column, const QString& text) const
{
    const data::Json& value = dataset_.rows[size_t(row)].value;
    const auto it = value.find(dataset_.columns[size_t(column)]);
    // Text stays text; a cell that held a number, a boolean or a structure takes JSON.
    if (it == value.end() || it->is_string() || it->is_null())
        return text.toStdString();
    const std::string typed = text.toStdString();
    if (findExcessiveNesting(typed) != std::string_view::npos) // kept as text, as anything that is not JSON
        return typed;
    const auto parsed = data::Json::parse(typed, nullptr, false);
    return parsed.is_discarded() ? data::Json(typed) : parsed;
}

void DatasetTableModel::setCell(int row, int column, const QString& text, const QString& description)
{
    const data::Json& value = dataset_.rows[size_t(row)].value;
    const auto it = value.find(dataset_.columns[size_t(column)]);
    const data::Json before = it == value.end() ? data::Json() : *it;
    const QString name = QString::fromStdString(dataset_.columns[size_t(column)]);
    undo_.push(new SetCellCommand(this, row, column, before, parseCell(row, column, text),
                                  description.isEmpty() ? tr("Edit %1 of row %2").arg(name).arg(row + 1) : description));
}

void DatasetTableModel::setLabel(int row, const QString& label)
{
    const int column = labelColumn();
    if (column < 0 || label == labelOf(row))
        return;
    setCell(row, column, label, tr("Label row %1 as %2").arg(row + 1).arg(label));
}

void DatasetTableModel::insertRow(int position, const data::Json& value, const QString& description)
{
    data::Row row;
    row.value = value;
    undo_.push(new InsertRowCommand(this, position, std::move(row), description));
}

void DatasetTableModel::duplicateRow(int row)
{
    if (!dataset_.rows[size_t(row)].readable)
        return;
    undo_.push(new InsertRowCommand(this, row + 1, dataset_.rows[size_t(row)], tr("Duplicate row %1").arg(row + 1)));
}

void DatasetTableModel::removeRowsAt(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.isEmpty())
        return;
    undo_.push(new RemoveRowsCommand(this, rows, rows.size() == 1 ? tr("Delete row %1").arg(rows.first() + 1)
                                                                  : tr("Delete %1 rows").arg(rows.size())));
}

int DatasetTableModel::nextUnlabeledRow(int from) const
{
    const int column = labelColumn();
    const int count = rowCount();
    if (column < 0 || count == 0)
        return -1;
    for (int step = 1; step <= count; ++step) {
        const int row = (from + step) % count;
        if (dataset_.rows[size_t(row)].readable && cellText(row, column).isEmpty())
            return row;
    }
    return -1;
}

void DatasetTableModel::setPredictions(std::vector<std::optional<LabelPrediction>> predictions, const QString& source)
{
    predictions.resize(dataset_.rows.size());
    const bool columnsChange = !hasPredictions();
    if (columnsChange)
        beginInsertColumns({}, int(dataColumns()), int(dataColumns()) + 2);
    predictions_ = std::move(predictions);
    predictionSource_ = source;
    if (columnsChange)
        endInsertColumns();
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    Q_EMIT predictionsChanged();
}

const std::optional<LabelPrediction>& DatasetTableModel::predictionOf(int row) const
{
    static const std::optional<LabelPrediction> none;
    return row >= 0 && size_t(row) < predictions_.size() ? predictions_[size_t(row)] : none;
}

bool DatasetTableModel::acceptSuggestion(int row)
{
    const std::optional<LabelPrediction>& prediction = predictionOf(row);
    if (!prediction || labelColumn() < 0 || !dataset_.rows[size_t(row)].readable || !labelOf(row).isEmpty())
        return false;
    setLabel(row, prediction->label);
    return true;
}

int DatasetTableModel::acceptSuggestionsAbove(double confidence)
{
    std::vector<int> rows;
    for (int row = 0; row < rowCount(); ++row)
        if (const auto& prediction = predictionOf(row); prediction && prediction->confidence >= confidence &&
                                                         dataset_.rows[size_t(row)].readable && labelOf(row).isEmpty())
            rows.push_back(row);
    if (rows.empty() || labelColumn() < 0)
        return 0;
    undo_.beginMacro(tr("Accept %n suggestions", nullptr, int(rows.size())));
    for (const int row : rows)
        setLabel(row, predictionOf(row)->label);
    undo_.endMacro();
    return int(rows.size());
}

void DatasetTableModel::applyCell(int row, int column, const data::Json& value)
{
    data::Json& object = dataset_.rows[size_t(row)].value;
    const std::string& key = dataset_.columns[size_t(column)];
    if (value.is_null() && !object.contains(key))
        return;
    object[key] = value;
    Q_EMIT dataChanged(index(row, column), index(row, column));
    if (column == labelColumn() && value.is_string() && !labels_.contains(QString::fromStdString(value.get<std::string>())))
        addLabel(QString::fromStdString(value.get<std::string>()));
}

void DatasetTableModel::applyInsert(int position, const data::Row& row)
{
    beginInsertRows({}, position, position);
    dataset_.rows.insert(dataset_.rows.begin() + position, row);
    if (hasPredictions())
        predictions_.insert(predictions_.begin() + position, std::nullopt);
    if (row.readable)
        dataset_.noteColumns(row.value);
    endInsertRows();
}

void DatasetTableModel::applyRemove(int position)
{
    beginRemoveRows({}, position, position);
    dataset_.rows.erase(dataset_.rows.begin() + position);
    if (hasPredictions())
        predictions_.erase(predictions_.begin() + position);
    endRemoveRows();
}

} // namespace finch::ui
