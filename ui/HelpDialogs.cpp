#include "ui/HelpDialogs.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

namespace finch::ui {

QString aboutText(const EngineVersions& engine)
{
    const QString cuda = engine.cuda.isEmpty() ? QCoreApplication::translate("finch::ui::Help", "not available")
                                               : engine.cuda;
    return QCoreApplication::translate(
               "finch::ui::Help",
               "<h3>Finch %1</h3>"
               "<p>A native desktop studio for fine-tuning language models: label a dataset, train, "
               "evaluate and compare runs.</p>"
               "<table>"
               "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
               "<tr><td>libtorch</td><td>%4</td></tr>"
               "<tr><td>CUDA</td><td>%5</td></tr>"
               "<tr><td>Devices</td><td>%6</td></tr>"
               "<tr><td>BLAS</td><td>%7</td></tr>"
               "</table>"
               "<p><a href=\"%8\">User guide</a></p>")
        .arg(QStringLiteral(FINCH_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             engine.torch, cuda, engine.devices.toHtmlEscaped(), engine.blas.toHtmlEscaped(),
             userGuideUrl().toString());
}

void showAbout(QWidget* parent, const EngineVersions& engine)
{
    QMessageBox box(parent);
    box.setWindowTitle(QCoreApplication::translate("finch::ui::Help", "About Finch"));
    box.setTextFormat(Qt::RichText);
    box.setTextInteractionFlags(Qt::TextBrowserInteraction);
    box.setText(aboutText(engine));
    box.setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box.exec();
}

QUrl userGuideUrl()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString& candidate : {bin.filePath(QStringLiteral("../share/doc/finch-studio/USER_GUIDE.md")),
                                     QStringLiteral(FINCH_SOURCE_DIR "/docs/USER_GUIDE.md")}) {
        if (QFileInfo::exists(candidate))
            return QUrl::fromLocalFile(QFileInfo(candidate).canonicalFilePath());
    }
    return {};
}

void showUserGuide(QWidget* parent)
{
    const QUrl guide = userGuideUrl();
    if (guide.isEmpty()) {
        QMessageBox::warning(parent, QCoreApplication::translate("finch::ui::Help", "User guide"),
                             QCoreApplication::translate("finch::ui::Help",
                                                         "The user guide (USER_GUIDE.md) is not installed next to Finch."));
        return;
    }
    auto* window = new QTextBrowser(parent);
    window->setWindowFlag(Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(QCoreApplication::translate("finch::ui::Help", "Finch user guide"));
    window->setOpenExternalLinks(true);
    window->setSource(guide, QTextDocument::MarkdownResource);
    window->resize(900, 760);
    // Screenshots are wider than the window: shown at most as wide as the text column.
    const qreal maxWidth = 860;
    for (QTextBlock block = window->document()->begin(); block.isValid(); block = block.next()) {
        for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
            QTextImageFormat image = fragment.fragment().charFormat().toImageFormat();
            if (!image.isValid())
                continue;
            const QImage picture = window->document()->resource(QTextDocument::ImageResource, QUrl(image.name())).value<QImage>();
            if (picture.width() <= maxWidth)
                continue;
            image.setWidth(maxWidth);
            image.setHeight(maxWidth * picture.height() / picture.width());
            QTextCursor cursor(window->document());
            cursor.setPosition(fragment.fragment().position());
            cursor.setPosition(fragment.fragment().position() + fragment.fragment().length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
    window->show();
}

ShortcutsDialog::ShortcutsDialog(QWidget* window) : QDialog(window)
{
    setWindowTitle(tr("Keyboard shortcuts"));
    QList<QPair<QString, QString>> rows;
    const auto clean = [](QString text) { return text.remove(QLatin1Char('&')).remove(QStringLiteral("…")).trimmed(); };
    for (const QAction* action : window->findChildren<QAction*>()) {
        if (!action->shortcut().isEmpty() && !action->text().isEmpty())
            rows.append({clean(action->text()), action->shortcut().toString(QKeySequence::NativeText)});
    }
    for (const QAbstractButton* button : window->findChildren<QAbstractButton*>()) {
        if (!button->shortcut().isEmpty() && !button->text().isEmpty())
            rows.append({clean(button->text()), button->shortcut().toString(QKeySequence::NativeText)});
    }
    rows.append({tr("Label the selected row with label 1–9 and go to the next row (Data page)"), QStringLiteral("1 – 9")});
    rows.append({tr("Edit the selected cell (Data page)"), QStringLiteral("F2")});
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first.localeAwareCompare(b.first) < 0; });
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());

    table_ = new QTableWidget(int(rows.size()), 2, this);
    table_->setHorizontalHeaderLabels({tr("Action"), tr("Shortcut")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    for (int row = 0; row < rows.size(); ++row) {
        table_->setItem(row, 0, new QTableWidgetItem(rows[row].first));
        table_->setItem(row, 1, new QTableWidgetItem(rows[row].second));
    }
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_);
    layout->addWidget(buttons);
    resize(620, 560);
}

} // namespace finch::ui
