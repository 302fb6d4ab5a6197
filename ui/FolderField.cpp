#include "ui/FolderField.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

namespace finch::ui {

FolderField::FolderField(const QString& dialogTitle, const QString& placeholder, const QString& toolTip, QWidget* parent)
    : QWidget(parent), edit_(new QLineEdit(this))
{
    edit_->setPlaceholderText(placeholder);
    edit_->setToolTip(toolTip);
    auto* choose = new QPushButton(tr("Choose…"), this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_, 1);
    layout->addWidget(choose);
    connect(choose, &QPushButton::clicked, this, [this, dialogTitle] {
        const QString chosen = QFileDialog::getExistingDirectory(this, dialogTitle, folder());
        if (!chosen.isEmpty())
            edit_->setText(chosen);
    });
}

QString FolderField::folder() const
{
    return edit_->text().trimmed();
}

void FolderField::setFolder(const QString& folder)
{
    edit_->setText(folder);
}

} // namespace finch::ui
