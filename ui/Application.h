#pragma once
// The studio's QApplication: an exception that escapes an event handler (a slot, a paint,
// a timer) becomes an error dialog instead of ending the program with the person's work.
// Core errors are caught where the action fails; this is the guard behind all of them.
#include <QApplication>

#include <functional>

namespace finch::ui {

class Application : public QApplication {
public:
    Application(int& argc, char** argv);

    bool notify(QObject* receiver, QEvent* event) override;

    // What is done with an escaped error; by default a dialog. Tests replace it.
    using ErrorReporter = std::function<void(const QString& message)>;
    void setErrorReporter(ErrorReporter reporter) { reporter_ = std::move(reporter); }

private:
    void report(const QString& message);
    ErrorReporter reporter_;
    bool reporting_ = false; // an error while a dialog reports another is only logged
};

} // namespace finch::ui
