#include "ui/StallProbe.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace finch::ui {
namespace {

constexpr int kIntervalMs = 4;

} // namespace

StallProbe::StallProbe(QObject* parent) : QObject(parent)
{
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &StallProbe::tick);
}

void StallProbe::start()
{
    reset();
    timer_.start();
}

void StallProbe::stop()
{
    timer_.stop();
}

void StallProbe::reset()
{
    stalls_.clear();
    longest_ = 0;
    clock_.start();
}

void StallProbe::tick()
{
    const double gap = double(clock_.nsecsElapsed()) / 1e6;
    clock_.start();
    const double stall = std::max(0.0, gap - kIntervalMs);
    stalls_.push_back(float(stall));
    longest_ = std::max(longest_, stall);
}

double StallProbe::percentileStallMs(double percentile) const
{
    if (stalls_.empty())
        return 0;
    std::vector<float> sorted = stalls_;
    const size_t at = std::min(sorted.size() - 1, size_t(percentile / 100.0 * double(sorted.size())));
    std::nth_element(sorted.begin(), sorted.begin() + long(at), sorted.end());
    return sorted[at];
}

int StallProbe::stallsOver(double milliseconds) const
{
    return int(std::count_if(stalls_.begin(), stalls_.end(), [&](float stall) { return stall > milliseconds; }));
}

QByteArray StallProbe::toJson() const
{
    return QJsonDocument(QJsonObject{{"longest_stall_ms", longest_},
                                     {"p99_stall_ms", percentileStallMs(99)},
                                     {"stalls_over_16ms", stallsOver(16)},
                                     {"ticks", ticks()}})
        .toJson(QJsonDocument::Compact);
}

} // namespace finch::ui
