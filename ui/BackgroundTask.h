#pragma once
// The studio's one way to work off the GUI thread. The work runs on a thread of its own,
// reports progress with post(), sees cancel() through its Context, and its result, or the
// message of what it threw, reaches a callback on the GUI thread. The Context is also the
// studio's one door to the engine (core/api/Engine.h), so that nothing computes, and no
// libtorch loads, on the GUI thread.
//
//     BackgroundTask evaluation_{"finch-evaluate"}; // a member, declared after what the work uses
//
//     evaluation_.start([run](const BackgroundTask::Context& context) {
//         return train::evaluateRun(context.engine(), run, {}, [&](size_t, size_t) { return !context.cancelled(); });
//     }, [this](train::RunEvaluation evaluation, const QString& error) { /* on the GUI thread */ });
//
// One piece of work at a time. A task that is destroyed cancels its work and waits for it;
// what the work posts or returns after that goes nowhere.
#include <QObject>
#include <QString>

#include <atomic>
#include <exception>
#include <functional>
#include <type_traits>
#include <utility>

class QThread;

namespace finch::engine {
class Engine;
}
namespace finch::runtime {
struct RuntimeInfo;
}
namespace finch::train {
class Trainer;
}

namespace finch::ui {

class BackgroundTask : public QObject {
public:
    // What the work sees on its thread.
    class Context {
    public:
        bool cancelled() const { return task_->cancelled_; }
        // For core functions that poll a flag (a Hub download).
        const std::atomic<bool>* cancelFlag() const { return &task_->cancelled_; }
        // Runs `show` on the GUI thread, in the order posted and before the result.
        void post(std::function<void()> show) const;

        // The engine, loaded by the first caller (libfinch_engine.so, about a second): for
        // the core functions that take it, its trainer, and what it runs on.
        engine::Engine& engine() const;
        train::Trainer& trainer() const;
        runtime::RuntimeInfo runtimeInfo() const;

    private:
        friend class BackgroundTask;
        explicit Context(BackgroundTask* task) : task_(task) {}
        BackgroundTask* task_;
    };

    // `threadName` names the work's threads, as debuggers and top show them.
    explicit BackgroundTask(QString threadName, QObject* parent = nullptr);
    ~BackgroundTask() override;

    // Runs `work(context)` on a new thread; then `done(result, error)` on the GUI thread, or
    // `done(error)` when the work returns nothing. `error` is what the work threw (its result
    // is then default-constructed), empty when it returned. False, and nothing starts, while
    // work is running.
    template <typename Work, typename Done>
    bool start(Work work, Done done);

    // From start() until done() is called (done() may start the next piece of work).
    bool isRunning() const { return running_; }
    void cancel() { cancelled_ = true; }
    // Blocks until the work has returned; done() follows on the GUI thread as always.
    void wait();
    // Blocks until the work has returned, and calls done() now: for the rare answer the GUI
    // thread cannot go on without.
    void finish();

private:
    // The work, which returns how to deliver its outcome.
    using Job = std::function<std::function<void()>(const Context&)>;
    bool launch(Job job);

    QString threadName_;
    QThread* thread_ = nullptr;
    bool running_ = false;
    std::atomic<bool> cancelled_{false};
};

template <typename Work, typename Done>
bool BackgroundTask::start(Work work, Done done)
{
    using Result = std::invoke_result_t<Work&, const Context&>;
    return launch([work = std::move(work), done = std::move(done)](const Context& context) mutable -> std::function<void()> {
        QString error;
        try {
            if constexpr (std::is_void_v<Result>) {
                work(context);
                return [done]() mutable { done(QString()); };
            } else {
                return [done, result = work(context)]() mutable { done(std::move(result), QString()); };
            }
        } catch (const std::exception& failure) {
            error = QString::fromUtf8(failure.what());
        } catch (...) {
            error = QStringLiteral("unknown error");
        }
        if constexpr (std::is_void_v<Result>)
            return [done, error]() mutable { done(error); };
        else
            return [done, error]() mutable { done(Result{}, error); };
    });
}

} // namespace finch::ui
