#include "ui/BackgroundTask.h"

#include "core/api/Engine.h"

#include <QCoreApplication>
#include <QThread>

namespace finch::ui {

void BackgroundTask::Context::post(std::function<void()> show) const
{
    // Queued to the task: a task destroyed first drops what is still queued.
    QMetaObject::invokeMethod(task_, std::move(show), Qt::QueuedConnection);
}

engine::Engine& BackgroundTask::Context::engine() const
{
    return engine::load();
}

train::Trainer& BackgroundTask::Context::trainer() const
{
    return engine().trainer();
}

runtime::RuntimeInfo BackgroundTask::Context::runtimeInfo() const
{
    return engine().runtimeInfo();
}

BackgroundTask::BackgroundTask(QString threadName, QObject* parent) : QObject(parent), threadName_(std::move(threadName)) {}

BackgroundTask::~BackgroundTask()
{
    cancel();
    wait();
    delete thread_;
}

bool BackgroundTask::launch(Job job)
{
    if (running_)
        return false;
    wait(); // the last thread has delivered; let it end
    delete thread_;
    running_ = true;
    cancelled_ = false;
    thread_ = QThread::create([this, job = std::move(job)] {
        std::function<void()> deliver = job(Context(this));
        Context(this).post([this, deliver = std::move(deliver)] {
            running_ = false;
            deliver();
        });
    });
    thread_->setObjectName(threadName_);
    thread_->start();
    return true;
}

void BackgroundTask::wait()
{
    if (thread_)
        thread_->wait();
}

void BackgroundTask::finish()
{
    wait();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace finch::ui
