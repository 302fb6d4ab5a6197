#pragma once
// Measures how long the event loop goes without running: a precise 4 ms timer notes each
// gap beyond its interval. A gap over 16 ms is a frame the window could not draw. The
// studio starts one when FINCH_STALL_PROBE names a file (off by default) and writes its
// figures there on exit; bench/EventLoopStallBench drives the studio with one.
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <vector>

namespace finch::ui {

class StallProbe : public QObject {
    Q_OBJECT

public:
    explicit StallProbe(QObject* parent = nullptr);

    void start();
    void stop();
    // Starts a new measurement window (e.g. per benchmark phase).
    void reset();

    double longestStallMs() const { return longest_; }
    double percentileStallMs(double percentile) const; // over the ticks so far
    int stallsOver(double milliseconds) const;
    int ticks() const { return int(stalls_.size()); }
    // {"longest_stall_ms", "p99_stall_ms", "stalls_over_16ms", "ticks"}
    QByteArray toJson() const;

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    std::vector<float> stalls_; // per tick: how much later than due it ran, in ms
    double longest_ = 0;
};

} // namespace finch::ui
