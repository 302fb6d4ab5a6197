#pragma once
// For GUI tests: answers each modal dialog as it opens, as a person would. Message boxes get
// `button` (NoButton: the Return key, which takes the default button), and their text is
// kept; other dialogs (the split settings) are accepted.
#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QMessageBox>
#include <QStringList>
#include <QTimer>
#include <QtTest>

class DialogAnswerer {
public:
    explicit DialogAnswerer(QMessageBox::StandardButton button = QMessageBox::Cancel) : button_(button)
    {
        QObject::connect(&timer_, &QTimer::timeout, [this] {
            QWidget* modal = QApplication::activeModalWidget();
            if (!modal)
                return;
            if (auto* box = qobject_cast<QMessageBox*>(modal)) {
                texts << box->text();
                if (button_ == QMessageBox::NoButton) {
                    QTest::keyClick(box, Qt::Key_Return);
                } else if (QAbstractButton* answer = box->button(button_)) {
                    answer->click();
                } else {
                    box->reject();
                }
            } else if (auto* dialog = qobject_cast<QDialog*>(modal)) {
                dialog->accept();
            }
        });
        timer_.start(20);
    }
    QStringList texts;

private:
    QMessageBox::StandardButton button_;
    QTimer timer_;
};
