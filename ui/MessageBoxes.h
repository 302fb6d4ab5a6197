#pragma once
// Message boxes whose text is shown as written. File names and error messages can hold
// '<' and '&', which a QMessageBox would otherwise take for markup.
#include <QMessageBox>

namespace finch::ui {

QMessageBox::StandardButton askPlain(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text,
                                     QMessageBox::StandardButtons buttons = QMessageBox::Ok,
                                     QMessageBox::StandardButton defaultButton = QMessageBox::NoButton);

} // namespace finch::ui
