#include "ui/Application.h"

#include "ui/MessageBoxes.h"

#include <QCoreApplication>
#include <QtGlobal>

namespace finch::ui {

Application::Application(int& argc, char** argv) : QApplication(argc, argv)
{
    reporter_ = [](const QString& message) {
        askPlain(activeWindow(), QMessageBox::Critical, QCoreApplication::translate("finch::ui::Application", "Error"),
                 QCoreApplication::translate("finch::ui::Application", "Finch could not finish this action:\n\n%1")
                     .arg(message));
    };
}

bool Application::notify(QObject* receiver, QEvent* event)
{
    try {
        return QApplication::notify(receiver, event);
    } catch (const std::exception& error) {
        report(QString::fromUtf8(error.what()));
    } catch (...) {
        report(QStringLiteral("unknown error"));
    }
    return false;
}

void Application::report(const QString& message)
{
    qWarning("finch-studio: %s", qPrintable(message));
    if (reporting_ || !reporter_)
        return;
    reporting_ = true;
    reporter_(message);
    reporting_ = false;
}

} // namespace finch::ui
