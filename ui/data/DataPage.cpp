#include "ui/data/DataPage.h"

#include "core/common/Error.h"
#include "core/data/DatasetFile.h"
#include "core/data/Splitter.h"
#include "core/data/Validator.h"
#include "core/runs/RunFolder.h"
#include "core/train/LabelPredictions.h"
#include "ui/MessageBoxes.h"
#include "ui/Plot.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <map>

namespace finch::ui {
namespace {

// The label column edits with a drop-down of the label set (and accepts new labels).
class LabelDelegate : public QStyledItemDelegate {
public:
    LabelDelegate(DatasetTableModel* model, QObject* parent) : QStyledItemDelegate(parent), model_(model) {}

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        if (index.column() != model_->labelColumn())
            return QStyledItemDelegate::createEditor(parent, option, index);
        auto* combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->addItems(model_->labels());
        return combo;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            combo->setCurrentText(index.data(Qt::EditRole).toString());
        else
            QStyledItemDelegate::setEditorData(editor, index);
    }
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override
    {
        if (auto* combo = qobject_cast<QComboBox*>(editor))
            model->setData(index, combo->currentText().trimmed());
        else
            QStyledItemDelegate::setModelData(editor, model, index);
    }

private:
    DatasetTableModel* model_;
};

// Unlabelled rows whose two likeliest labels are this close are "uncertain"; a prediction
// this confident that contradicts a human label is a likely label error.
constexpr double kUncertainMargin = 0.2;
constexpr double kConfidentDisagreement = 0.5;

// The predictions as the table holds them.
std::vector<std::optional<LabelPrediction>> shown(const train::LabelPredictions& predictions)
{
    std::vector<std::optional<LabelPrediction>> rows(predictions.rows.size());
    for (size_t row = 0; row < rows.size(); ++row)
        if (const auto& predicted = predictions.rows[row])
            rows[row] = LabelPrediction{QString::fromStdString(predicted->label), predicted->confidence, predicted->margin};
    return rows;
}

QString fileFilter()
{
    return DataPage::tr("Datasets (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)");
}

} // namespace

void DatasetFilterProxy::setFilter(const QString& text, const QString& label)
{
    text_ = text;
    label_ = label;
    invalidateFilter();
}

bool DatasetFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const auto* model = static_cast<const DatasetTableModel*>(sourceModel());
    if (!label_.isEmpty()) {
        const QString label = model->labelOf(sourceRow);
        const std::optional<LabelPrediction>& prediction = model->predictionOf(sourceRow);
        if (label_ == DataPage::kUnlabelledFilter) {
            if (!label.isEmpty())
                return false;
        } else if (label_ == DataPage::kUncertainFilter) {
            if (!label.isEmpty() || !prediction || prediction->margin >= kUncertainMargin)
                return false;
        } else if (label_ == DataPage::kDisagreementFilter) {
            if (label.isEmpty() || !prediction || prediction->label == label || prediction->confidence < kConfidentDisagreement)
                return false;
        } else if (label != label_) {
            return false;
        }
    }
    if (text_.isEmpty())
        return true;
    for (int column = 0; column < model->columnCount(); ++column)
        if (model->cellText(sourceRow, column).contains(text_, Qt::CaseInsensitive))
            return true;
    return false;
}

DataPage::DataPage(QWidget* parent) : QWidget(parent)
{
    proxy_.setSourceModel(&model_);

    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    openAction = toolbar->addAction(tr("Open…"));
    openAction->setShortcut(QKeySequence::Open);
    saveAction = toolbar->addAction(tr("Save"));
    saveAction->setShortcut(QKeySequence::Save);
    saveAsAction = new QAction(tr("Save As / Export…"), this);
    saveAsAction->setShortcut(QKeySequence::SaveAs);
    toolbar->addAction(saveAsAction);
    toolbar->addSeparator();
    undoAction = model_.undoStack()->createUndoAction(this, tr("Undo"));
    undoAction->setShortcut(QKeySequence::Undo);
    redoAction = model_.undoStack()->createRedoAction(this, tr("Redo"));
    redoAction->setShortcut(QKeySequence::Redo);
    toolbar->addAction(undoAction);
    toolbar->addAction(redoAction);
    toolbar->addSeparator();
    addRowAction = toolbar->addAction(tr("Add row"));
    addRowAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    duplicateAction = toolbar->addAction(tr("Duplicate"));
    duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    deleteAction = toolbar->addAction(tr("Delete"));
    deleteAction->setShortcut(QKeySequence::Delete);
    toolbar->addSeparator();
    validateAction = toolbar->addAction(tr("Validate"));
    validateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    splitAction = toolbar->addAction(tr("Split…"));
    toolbar->addSeparator();
    prelabelAction = toolbar->addAction(tr("Pre-label…"));
    prelabelAction->setToolTip(tr("Predict every row's label with a trained classification run: unlabelled rows get "
                                  "suggestions, and the table can be sorted by how sure the model is"));
    findErrorsAction = toolbar->addAction(tr("Find likely label errors"));
    findErrorsAction->setToolTip(tr("Each labelled row is predicted by a bag-of-words model trained without it (5-fold "
                                    "cross-validation); the rows whose label it contradicts are listed, most confident "
                                    "first"));
    crossValidateAction = new QAction(tr("Find likely label errors with the fine-tuned model"), this);
    crossValidateAction->setToolTip(tr("Five runs of the Train page's model and settings, each holding out a fifth of the "
                                       "training rows and predicting it: every row judged by a fine-tuned model that "
                                       "never trained on it"));
    acceptSuggestionsAction = toolbar->addAction(tr("Accept suggestions…"));
    acceptSuggestionsAction->setToolTip(tr("Label every unlabelled row whose suggestion is at least this confident "
                                           "(one undo step)"));
    acceptSuggestionsAction->setEnabled(false);

    filter_ = new QLineEdit(this);
    filter_->setPlaceholderText(tr("Filter rows by text"));
    filter_->setClearButtonEnabled(true);
    labelFilter_ = new QComboBox(this);
    summary_ = new QLabel(this);
    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(filter_, 1);
    filterRow->addWidget(new QLabel(tr("Label:"), this));
    filterRow->addWidget(labelFilter_);
    filterRow->addWidget(summary_);

    table_ = new QTableView(this);
    table_->setModel(&proxy_);
    table_->setItemDelegate(new LabelDelegate(&model_, table_));
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 8);
    // Uniform rows keep scrolling through a million rows cheap.
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // A click on a header sorts (by confidence or margin, once predicted); none at first.
    table_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    table_->setSortingEnabled(true);
    table_->installEventFilter(this);
    table_->setToolTip(tr("Keys 1-9 set the label of the current row and move to the next unlabelled row; "
                          "A accepts the model's suggestion"));

    cellTitle_ = new QLabel(this);
    cellEditor_ = new QPlainTextEdit(this);
    auto* applyCell = new QPushButton(tr("Apply"), this);
    auto* cellPanel = new QWidget(this);
    auto* cellLayout = new QVBoxLayout(cellPanel);
    cellLayout->addWidget(cellTitle_);
    cellLayout->addWidget(cellEditor_, 1);
    cellLayout->addWidget(applyCell, 0, Qt::AlignRight);
    problems_ = new QListWidget(this);
    labelChart_ = new QCustomPlot(this);
    labelChart_->setMinimumHeight(160);
    auto* side = new QTabWidget(this);
    side->addTab(cellPanel, tr("Text"));
    side->addTab(problems_, tr("Problems"));
    side->addTab(labelChart_, tr("Labels"));

    auto* splitter = new QSplitter(this);
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(filterRow);
    leftLayout->addWidget(table_);
    splitter->addWidget(left);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(toolbar);
    layout->addWidget(splitter, 1);

    autosaveTimer_ = new QTimer(this);
    setAutosaveSeconds(60);
    connect(autosaveTimer_, &QTimer::timeout, this, &DataPage::autosave);

    connect(openAction, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Open dataset"), QFileInfo(path_).absolutePath(), fileFilter());
        if (!file.isEmpty())
            openDataset(file);
    });
    connect(saveAction, &QAction::triggered, this, &DataPage::save);
    connect(saveAsAction, &QAction::triggered, this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save dataset as"), path_, fileFilter());
        if (!file.isEmpty())
            saveAs(file);
    });
    connect(addRowAction, &QAction::triggered, this, [this] {
        data::Json row = data::Json::object();
        for (const std::string& column : model_.dataset().columns)
            row[column] = "";
        const int at = currentSourceRow() < 0 ? model_.rowCount() : currentSourceRow() + 1;
        model_.insertRow(at, row, tr("Add row %1").arg(at + 1));
        selectSourceRow(at);
    });
    connect(duplicateAction, &QAction::triggered, this, [this] {
        if (const int row = currentSourceRow(); row >= 0) {
            model_.duplicateRow(row);
            selectSourceRow(row + 1);
        }
    });
    connect(deleteAction, &QAction::triggered, this, [this] {
        QList<int> rows;
        for (const QModelIndex& index : table_->selectionModel()->selectedRows())
            rows.append(proxy_.mapToSource(index).row());
        model_.removeRowsAt(rows);
    });
    connect(validateAction, &QAction::triggered, this, &DataPage::validate);
    connect(splitAction, &QAction::triggered, this, &DataPage::showSplitDialog);
    // Filtering a million rows takes a moment: wait until the typing pauses.
    filterTimer_ = new QTimer(this);
    filterTimer_->setSingleShot(true);
    filterTimer_->setInterval(200);
    connect(filterTimer_, &QTimer::timeout, this, [this] { setTextFilter(filter_->text()); });
    connect(filter_, &QLineEdit::textChanged, filterTimer_, qOverload<>(&QTimer::start));
    chartTimer_ = new QTimer(this);
    chartTimer_->setSingleShot(true);
    chartTimer_->setInterval(250);
    connect(chartTimer_, &QTimer::timeout, this, &DataPage::updateLabelChart);
    connect(labelFilter_, &QComboBox::currentIndexChanged, this, [this] {
        const QString mode = labelFilter_->currentData().toString();
        proxy_.setFilter(filter_->text(), mode);
        // The uncertain rows come most uncertain first, the disagreements most confident first.
        if (mode == kUncertainFilter)
            table_->sortByColumn(model_.predictionColumn() + 2, Qt::AscendingOrder);
        else if (mode == kDisagreementFilter)
            table_->sortByColumn(model_.predictionColumn() + 1, Qt::DescendingOrder);
        else
            table_->sortByColumn(-1, Qt::AscendingOrder); // the file's order
    });
    connect(&model_, &DatasetTableModel::labelsChanged, this, &DataPage::fillLabelFilter);
    connect(&model_, &DatasetTableModel::predictionsChanged, this, [this] {
        fillLabelFilter();
        acceptSuggestionsAction->setEnabled(model_.hasPredictions());
    });
    connect(prelabelAction, &QAction::triggered, this, &DataPage::choosePrelabelRun);
    connect(findErrorsAction, &QAction::triggered, this, &DataPage::findLabelErrors);
    connect(crossValidateAction, &QAction::triggered, this, [this] {
        if (model_.labelColumn() < 0)
            return showError(tr("Cannot look for label errors"),
                             tr("Pre-labelling needs a classification dataset (a text and a label column)."));
        Q_EMIT crossValidationRequested(5);
    });
    connect(acceptSuggestionsAction, &QAction::triggered, this, &DataPage::acceptSuggestions);
    connect(table_->selectionModel(), &QItemSelectionModel::currentChanged, this, &DataPage::updateSidePanel);
    connect(applyCell, &QPushButton::clicked, this, [this] {
        const QModelIndex index = proxy_.mapToSource(table_->currentIndex());
        if (index.isValid() && (model_.flags(index) & Qt::ItemIsEditable))
            model_.setData(index, cellEditor_->toPlainText());
    });
    connect(problems_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        if (const int row = item->data(Qt::UserRole).toInt(); row >= 0)
            selectSourceRow(row);
    });
    connect(problems_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (const int row = item->data(Qt::UserRole).toInt(); row >= 0)
            selectSourceRow(row);
    });
    connect(model_.undoStack(), &QUndoStack::cleanChanged, this, [this] { updateTitle(); });
    connect(model_.undoStack(), &QUndoStack::indexChanged, this, [this] {
        chartTimer_->start(); // one recount after a burst of key presses
        updateSidePanel();
        updateTitle();
    });
}

DataPage::~DataPage()
{
    // The members go before QObject's own teardown: a signal from the undo stack as it clears
    // would otherwise reach slots reading members already destroyed (and the main window's
    // title, through modifiedChanged).
    model_.undoStack()->disconnect(this);
    model_.disconnect(this);
    // A pre-labelling still running stops at its next group of rows: labelling_, the first
    // member to go, waits for it. Its last report goes with the page.
}

int DataPage::autosaveSeconds() const
{
    return autosaveTimer_->interval() / 1000;
}

void DataPage::setAutosaveSeconds(int seconds)
{
    autosaveTimer_->setInterval(std::max(5, seconds) * 1000);
    autosaveTimer_->start();
}

void DataPage::setLabelFilter(const QString& label)
{
    labelFilter_->setCurrentIndex(std::max(0, labelFilter_->findData(label)));
}

void DataPage::setTextFilter(const QString& text)
{
    if (filter_->text() != text)
        filter_->setText(text);
    proxy_.setFilter(text, labelFilter_->currentData().toString());
}

int DataPage::selectRowsWithText(const QStringList& texts)
{
    setLabelFilter(QString());
    setTextFilter(QString());
    const int column = model_.textColumn();
    if (column < 0)
        return 0;
    const QSet<QString> wanted(texts.begin(), texts.end());
    QItemSelection selection;
    int first = -1, count = 0;
    for (int row = 0; row < model_.rowCount(); ++row) {
        if (!wanted.contains(model_.cellText(row, column)))
            continue;
        const QModelIndex index = proxy_.mapFromSource(model_.index(row, 0));
        selection.select(index, index);
        if (first < 0)
            first = row;
        ++count;
    }
    table_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (first >= 0) {
        const QModelIndex index = proxy_.mapFromSource(model_.index(first, column));
        table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        table_->scrollTo(index, QAbstractItemView::PositionAtCenter);
    }
    Q_EMIT status(tr("Selected %n rows from the evaluation", nullptr, count));
    return count;
}

bool DataPage::isModified() const
{
    return recovered_ || !const_cast<DatasetTableModel&>(model_).undoStack()->isClean();
}

QString DataPage::recoveryPath(const QString& datasetPath) const
{
    if (recoveryFolder_.isEmpty() || datasetPath.isEmpty())
        return {};
    const QByteArray key = QCryptographicHash::hash(QFileInfo(datasetPath).absoluteFilePath().toUtf8(),
                                                    QCryptographicHash::Sha1).toHex().left(12);
    return QDir(recoveryFolder_).filePath(QFileInfo(datasetPath).completeBaseName() + "-" + QString::fromLatin1(key) + "." +
                                          QFileInfo(datasetPath).suffix());
}

void DataPage::showError(const QString& title, const QString& message)
{
    Q_EMIT status(message);
    askPlain(this, QMessageBox::Warning, title, message);
}

bool DataPage::openDataset(const QString& file)
{
    if (!maybeSave())
        return false;
    QString source = file;
    const QString recovery = recoveryPath(file);
    bool fromRecovery = false;
    // The recovery copy is the only copy of those edits: it goes only when the person says so.
    if (!recovery.isEmpty() && QFileInfo::exists(recovery)) {
        const auto answer = askPlain(
            this, QMessageBox::Question, tr("Recover unsaved changes?"),
            tr("Finch kept unsaved changes to %1 from %2. Open them?")
                .arg(QFileInfo(file).fileName(), QFileInfo(recovery).lastModified().toString(Qt::TextDate)),
            QMessageBox::Yes | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Yes);
        if (answer == QMessageBox::Cancel)
            return false;
        if (answer == QMessageBox::Yes) {
            source = recovery;
            fromRecovery = true;
        } else {
            QFile::remove(recovery);
        }
    }
    try {
        data::LoadResult loaded = data::DatasetFile::load(source.toStdString());
        loaded.dataset.path = file.toStdString();
        model_.setDataset(std::move(loaded.dataset));
        problems_->clear();
        for (const Problem& problem : loaded.problems) {
            auto* item = new QListWidgetItem(QString::fromStdString(problem.message()), problems_);
            item->setData(Qt::UserRole, int(problem.row));
        }
    } catch (const Error& error) {
        showError(tr("Cannot open the dataset"), QString::fromUtf8(error.what()));
        return false;
    }
    path_ = file;
    recovered_ = fromRecovery;
    fitColumns();
    updateLabelChart();
    updateTitle();
    if (model_.rowCount() > 0)
        selectSourceRow(0);
    Q_EMIT datasetChanged(path_);
    Q_EMIT status(tr("Opened %1: %n rows", nullptr, model_.rowCount()).arg(QFileInfo(file).fileName()));
    return true;
}

bool DataPage::save()
{
    if (path_.isEmpty())
        return false;
    return saveAs(path_);
}

bool DataPage::saveAs(const QString& file)
{
    try {
        data::DatasetFile::save(model_.dataset(), file.toStdString());
    } catch (const Error& error) {
        showError(tr("Cannot save the dataset"), QString::fromUtf8(error.what()));
        return false;
    }
    const QString recovery = recoveryPath(path_);
    if (!recovery.isEmpty())
        QFile::remove(recovery);
    if (file != path_) {
        path_ = file;
        Q_EMIT datasetChanged(path_);
    }
    recovered_ = false;
    model_.undoStack()->setClean();
    updateTitle();
    Q_EMIT status(tr("Saved %1").arg(file));
    return true;
}

bool DataPage::saveBeforeTraining(const QString& path)
{
    if (!isModified() || QFileInfo(path) != QFileInfo(path_))
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("%1 has unsaved changes, and training reads the file. Save them first?")
                        .arg(QFileInfo(path_).fileName()),
                    QMessageBox::Cancel, this);
    box.setTextFormat(Qt::PlainText);
    QPushButton* saveAndTrain = box.addButton(tr("Save and train"), QMessageBox::AcceptRole);
    box.setDefaultButton(saveAndTrain);
    box.exec();
    return box.clickedButton() == saveAndTrain && save();
}

bool DataPage::maybeSave()
{
    if (!isModified())
        return true;
    const auto answer = askPlain(this, QMessageBox::Warning, tr("Unsaved changes"),
                                             tr("%1 has unsaved changes. Save them?").arg(QFileInfo(path_).fileName()),
                                             QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return save();
    if (answer == QMessageBox::Discard) {
        if (const QString recovery = recoveryPath(path_); !recovery.isEmpty())
            QFile::remove(recovery);
        recovered_ = false;
        model_.undoStack()->setClean();
        return true;
    }
    return false;
}

void DataPage::autosave()
{
    const QString recovery = recoveryPath(path_);
    if (recovery.isEmpty() || !isModified())
        return;
    QDir().mkpath(recoveryFolder_);
    try {
        data::DatasetFile::save(model_.dataset(), recovery.toStdString(), model_.dataset().format);
    } catch (const Error& error) {
        Q_EMIT status(tr("Autosave failed: %1").arg(QString::fromUtf8(error.what())));
    }
}

void DataPage::validate()
{
    data::ValidationOptions options;
    const std::vector<Problem> found = data::validateDataset(model_.dataset(), model_.schema(), options);
    problems_->clear();
    for (const Problem& problem : found) {
        auto* item = new QListWidgetItem(QString::fromStdString(problem.message()), problems_);
        item->setData(Qt::UserRole, int(problem.row));
        item->setForeground(problem.severity == Severity::Error ? QColor(180, 0, 0) : QColor(150, 100, 0));
    }
    if (found.empty()) {
        auto* item = new QListWidgetItem(tr("No problems found in %n rows", nullptr, model_.rowCount()), problems_);
        item->setData(Qt::UserRole, -1);
    }
    if (auto* tabs = qobject_cast<QTabWidget*>(problems_->parentWidget()->parentWidget()))
        tabs->setCurrentWidget(problems_);
    Q_EMIT status(tr("%n problems", nullptr, int(found.size())));
}

void DataPage::showSplitDialog()
{
    if (path_.isEmpty())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Split dataset"));
    auto* form = new QFormLayout(&dialog);
    auto fraction = [&](double value) {
        auto* box = new QDoubleSpinBox(&dialog);
        box->setRange(0, 1);
        box->setSingleStep(0.05);
        box->setValue(value);
        return box;
    };
    auto* train = fraction(0.8);
    auto* validation = fraction(0.1);
    auto* test = fraction(0.1);
    auto* seed = new QSpinBox(&dialog);
    seed->setRange(0, 1 << 30);
    seed->setValue(42);
    form->addRow(tr("Train"), train);
    form->addRow(tr("Validation"), validation);
    form->addRow(tr("Test"), test);
    form->addRow(tr("Seed"), seed);
    form->addRow(new QLabel(tr("Stratified by label; rows with the same input stay together."), &dialog));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    try {
        const data::SplitResult split = data::splitDataset(
            model_.dataset(), model_.schema(),
            {train->value(), validation->value(), test->value(), uint64_t(seed->value()), true});
        const QFileInfo info(path_);
        const std::pair<const char*, const std::vector<size_t>*> parts[] = {
            {"train", &split.train}, {"validation", &split.validation}, {"test", &split.test}};
        auto targetOf = [&](const char* name) {
            return info.dir().filePath(info.completeBaseName() + "-" + name + "." + info.suffix());
        };
        QStringList existing;
        for (const auto& [name, rows] : parts)
            if (!rows->empty() && QFileInfo::exists(targetOf(name)))
                existing << QFileInfo(targetOf(name)).fileName();
        if (!existing.isEmpty() &&
            askPlain(this, QMessageBox::Question, tr("Split dataset"),
                                  tr("%1 already exist. Replace them?").arg(existing.join(QStringLiteral(", "))),
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
            return;
        QStringList written;
        for (const auto& [name, rows] : parts) {
            if (rows->empty())
                continue;
            const QString target = targetOf(name);
            data::DatasetFile::save(model_.dataset().subset(*rows), target.toStdString());
            written << QStringLiteral("%1 (%2 rows)").arg(QFileInfo(target).fileName()).arg(rows->size());
        }
        Q_EMIT status(tr("Wrote %1").arg(written.join(QStringLiteral(", "))));
    } catch (const Error& error) {
        showError(tr("Cannot split"), QString::fromUtf8(error.what()));
    }
}

int DataPage::currentSourceRow() const
{
    const QModelIndex index = proxy_.mapToSource(table_->currentIndex());
    return index.isValid() ? index.row() : -1;
}

void DataPage::selectSourceRow(int row)
{
    QModelIndex index = proxy_.mapFromSource(model_.index(row, std::max(0, model_.textColumn())));
    if (!index.isValid()) { // hidden by the filter: clear it
        setTextFilter({});
        setLabelFilter({});
        index = proxy_.mapFromSource(model_.index(row, std::max(0, model_.textColumn())));
    }
    table_->setCurrentIndex(index);
    table_->scrollTo(index);
}

bool DataPage::eventFilter(QObject* watched, QEvent* event)
{
    // Only keys the table itself receives: while a cell is edited, its editor has the focus.
    if (watched == table_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const int digit = key->key() - Qt::Key_1;
        if (key->modifiers() == Qt::NoModifier && key->key() == Qt::Key_A && model_.hasPredictions() &&
            model_.labelColumn() >= 0) {
            if (const int row = currentSourceRow(); row >= 0 && model_.acceptSuggestion(row)) {
                const int next = model_.nextUnlabeledRow(row);
                selectSourceRow(next >= 0 ? next : std::min(row + 1, model_.rowCount() - 1));
            }
            return true;
        }
        if (key->modifiers() == Qt::NoModifier && digit >= 0 && digit < 9 && model_.labelColumn() >= 0) {
            const int row = currentSourceRow();
            if (row >= 0 && digit < model_.labels().size()) {
                model_.setLabel(row, model_.labels()[digit]);
                const int next = model_.nextUnlabeledRow(row);
                selectSourceRow(next >= 0 ? next : std::min(row + 1, model_.rowCount() - 1));
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DataPage::fillLabelFilter()
{
    const QString current = labelFilter_->currentData().toString();
    QSignalBlocker block(labelFilter_);
    labelFilter_->clear();
    labelFilter_->addItem(tr("All"), QString());
    labelFilter_->addItem(tr("Unlabelled"), QString::fromLatin1(kUnlabelledFilter));
    if (model_.hasPredictions()) {
        labelFilter_->addItem(tr("Unlabelled, uncertain first"), QString::fromLatin1(kUncertainFilter));
        labelFilter_->addItem(tr("Likely label errors"), QString::fromLatin1(kDisagreementFilter));
        labelFilter_->setItemData(labelFilter_->count() - 1,
                                  tr("Labelled rows the model predicts otherwise with confidence of at least %1, the "
                                     "most confident first. After \"Find likely label errors\" each row was judged by a "
                                     "model that never trained on it; a run's model may have trained on them, which "
                                     "makes it agree more, not less.")
                                      .arg(kConfidentDisagreement),
                                  Qt::ToolTipRole);
    }
    for (const QString& label : model_.labels())
        labelFilter_->addItem(label, label);
    labelFilter_->setCurrentIndex(std::max(0, labelFilter_->findData(current)));
}

std::vector<std::optional<std::string>> DataPage::rowTexts() const
{
    const int textColumn = model_.textColumn();
    std::vector<std::optional<std::string>> texts(size_t(model_.rowCount()));
    for (int row = 0; row < model_.rowCount(); ++row)
        if (model_.rowAt(row).readable)
            texts[size_t(row)] = model_.cellText(row, textColumn).toStdString();
    return texts;
}

void DataPage::choosePrelabelRun()
{
    if (isPrelabelling())
        return;
    if (model_.labelColumn() < 0) {
        showError(tr("Cannot pre-label"), tr("Pre-labelling needs a classification dataset (a text and a label column)."));
        return;
    }
    QStringList names, paths;
    try {
        if (!runsFolder_.isEmpty() && QDir(runsFolder_).exists())
            for (const runs::RunSummary& run : runs::listRuns(runsFolder_.toStdString()))
                if (run.problem.empty() && run.record.data &&
                    run.record.data->kind == data::taskKindName(data::TaskKind::Classification) && run.hasFinalModel) {
                    names << QString::fromStdString(run.id);
                    paths << QString::fromStdString(run.path);
                }
    } catch (const Error& error) {
        showError(tr("Cannot pre-label"), QString::fromUtf8(error.what()));
        return;
    }
    if (paths.isEmpty()) {
        showError(tr("Cannot pre-label"), tr("No finished classification run yet: train one on the labelled rows first."));
        return;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, tr("Pre-label"), tr("Predict labels with the model of run:"), names,
                                                 0, false, &ok);
    if (ok)
        prelabel(paths[int(names.indexOf(chosen))]);
}

void DataPage::prelabel(const QString& runPath)
{
    if (isPrelabelling() || model_.labelColumn() < 0)
        return;
    // The texts as they are now; the progress window keeps the table from changing meanwhile.
    const std::vector<std::optional<std::string>> texts = rowTexts();
    auto* progress = new QProgressDialog(tr("Loading the model…"), tr("Cancel"), 0, int(texts.size()), this);
    progress->setWindowTitle(tr("Pre-label"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(progress, &QProgressDialog::canceled, this, [this] { labelling_.cancel(); });
    progress->show();

    // A failure part-way keeps the rows predicted before it, as Cancel does.
    struct Prelabelled {
        train::LabelPredictions predictions;
        QString error;
    };
    const QString source = QFileInfo(runPath).fileName();
    labelling_.start(
        [texts, run = runPath.toStdString(), progress](const BackgroundTask::Context& context) {
            Prelabelled result;
            try {
                train::predictLabels(context.engine(), runs::RunFolder::open(run), texts, result.predictions,
                                     [&](size_t done, size_t) {
                                         context.post([progress, done] {
                                             progress->setLabelText(tr("Predicting labels…"));
                                             progress->setValue(int(done));
                                         });
                                         return !context.cancelled();
                                     });
            } catch (const std::exception& failure) {
                result.error = QString::fromUtf8(failure.what());
            }
            return result;
        },
        [this, progress, source](Prelabelled result, const QString& failure) {
            progress->deleteLater();
            const QString error = failure.isEmpty() ? result.error : failure;
            const int done = int(result.predictions.predicted);
            if (done > 0 && result.predictions.rows.size() == size_t(model_.rowCount()))
                model_.setPredictions(shown(result.predictions), source);
            if (!error.isEmpty())
                showError(tr("Cannot pre-label"), error);
            else
                Q_EMIT status(tr("Predicted %n rows with %1", nullptr, done).arg(source));
            Q_EMIT prelabelled(done, error);
        });
}

void DataPage::findLabelErrors()
{
    if (isPrelabelling() || model_.labelColumn() < 0)
        return;
    const QStringList labels = model_.labels();
    if (labels.size() < 2) {
        showError(tr("Cannot look for label errors"), tr("The rows need at least two different labels."));
        return;
    }
    std::vector<std::string> given(size_t(model_.rowCount())), labelSet;
    for (int row = 0; row < model_.rowCount(); ++row)
        given[size_t(row)] = model_.labelOf(row).toStdString();
    for (const QString& label : labels)
        labelSet.push_back(label.toStdString());
    Q_EMIT status(tr("Cross-validating a bag-of-words model over the labelled rows…"));
    labelling_.start(
        [texts = rowTexts(), given, labelSet](const BackgroundTask::Context& context) {
            return train::crossValidatedLabels(texts, given, labelSet, [&](size_t, size_t) { return !context.cancelled(); });
        },
        [this](const train::LabelPredictions& predictions, const QString& error) {
            if (!error.isEmpty()) {
                showError(tr("Cannot look for label errors"), error);
                Q_EMIT prelabelled(0, error);
                return;
            }
            model_.setPredictions(shown(predictions), tr("a bag-of-words model, 5-fold cross-validation"));
            setLabelFilter(QString::fromLatin1(kDisagreementFilter));
            Q_EMIT status(tr("%n rows disagree with their label", nullptr, int(proxy_.rowCount())));
            Q_EMIT prelabelled(int(predictions.predicted), {});
        });
}

void DataPage::showHeldOutPredictions(const QStringList& runPaths)
{
    // The rows as the file has them: each held-out row names its line.
    std::vector<long> lines(size_t(model_.rowCount()));
    for (int row = 0; row < model_.rowCount(); ++row)
        lines[size_t(row)] = model_.rowAt(row).line;
    train::LabelPredictions predictions;
    try {
        std::vector<runs::RunFolder> folders;
        for (const QString& run : runPaths)
            folders.push_back(runs::RunFolder::open(run.toStdString()));
        predictions = train::heldOutPredictions(folders, lines);
    } catch (const std::exception& error) {
        return showError(tr("Cannot look for label errors"), QString::fromUtf8(error.what()));
    }
    model_.setPredictions(shown(predictions), tr("the fine-tuned model, %1-fold cross-validation").arg(runPaths.size()));
    setLabelFilter(QString::fromLatin1(kDisagreementFilter));
    Q_EMIT status(tr("%n rows disagree with their label", nullptr, int(proxy_.rowCount())));
    Q_EMIT prelabelled(int(predictions.predicted), {});
}

void DataPage::acceptSuggestions()
{
    if (!model_.hasPredictions())
        return;
    bool ok = false;
    const double threshold = QInputDialog::getDouble(this, tr("Accept suggestions"),
                                                     tr("Accept every suggestion on an unlabelled row with a confidence of at least:"),
                                                     0.9, 0.0, 1.0, 2, &ok);
    if (!ok)
        return;
    const int accepted = model_.acceptSuggestionsAbove(threshold);
    Q_EMIT status(tr("Accepted %n suggestions (one undo step)", nullptr, accepted));
}

void DataPage::updateSidePanel()
{
    const QModelIndex index = proxy_.mapToSource(table_->currentIndex());
    if (!index.isValid()) {
        cellTitle_->clear();
        cellEditor_->clear();
        return;
    }
    cellTitle_->setText(tr("Row %1, %2").arg(index.row() + 1).arg(model_.headerData(index.column(), Qt::Horizontal).toString()));
    cellEditor_->setPlainText(model_.cellText(index.row(), index.column()));
    cellEditor_->setReadOnly(!(model_.flags(index) & Qt::ItemIsEditable));
}

void DataPage::updateLabelChart()
{
    labelChart_->clearPlottables();
    std::map<QString, int> counts;
    int unlabelled = 0;
    if (model_.labelColumn() >= 0) {
        std::map<std::string, int> byLabel;
        const std::string field = model_.schema().fieldFor(data::Role::Label);
        for (const data::Row& row : model_.dataset().rows) {
            const auto it = row.value.find(field);
            if (!row.readable || it == row.value.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
                ++unlabelled;
            else
                ++byLabel[it->get_ref<const std::string&>()];
        }
        for (const auto& [label, count] : byLabel)
            counts[QString::fromStdString(label)] = count;
    }
    auto* bars = new QCPBars(labelChart_->xAxis, labelChart_->yAxis);
    bars->setBrush(QColor(70, 130, 180));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, values;
    double position = 1;
    for (const auto& [label, count] : counts) {
        ticker->addTick(position, label);
        keys << position++;
        values << count;
    }
    if (unlabelled) {
        ticker->addTick(position, tr("(none)"));
        keys << position++;
        values << unlabelled;
    }
    bars->setData(keys, values);
    labelChart_->xAxis->setTicker(ticker);
    labelChart_->xAxis->setRange(0, position);
    labelChart_->yAxis->setRange(0, values.isEmpty() ? 1 : *std::max_element(values.begin(), values.end()) * 1.15);
    labelChart_->replot();
    summary_->setText(tr("%n rows", nullptr, model_.rowCount()));
}

void DataPage::fitColumns()
{
    // The main text takes the spare width; other columns fit what the first rows hold.
    QHeaderView* header = table_->horizontalHeader();
    header->setStretchLastSection(false);
    header->setResizeContentsPrecision(200);
    const int text = model_.textColumn();
    for (int column = 0; column < model_.columnCount(); ++column) {
        header->setSectionResizeMode(column, column == text ? QHeaderView::Stretch : QHeaderView::Interactive);
        if (column != text) {
            table_->resizeColumnToContents(column);
            // Only the first rows were measured; leave room for longer values further down.
            header->resizeSection(column, std::max(header->sectionSize(column), table_->fontMetrics().horizontalAdvance(QStringLiteral("00000000"))));
        }
    }
}

void DataPage::updateTitle()
{
    Q_EMIT modifiedChanged(isModified());
}

} // namespace finch::ui
