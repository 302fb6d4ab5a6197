#pragma once
// Progress for long commands: a bar redrawn in place on a terminal, plain lines otherwise
// (logs, pipes, CI), so the output stays readable wherever it goes.
#include <chrono>
#include <cstdint>
#include <string>

namespace finch::cli {

class Progress {
public:
    explicit Progress(std::string label);
    // `detail` follows the bar ("loss 1.23  412 tok/s"); etaSeconds < 0 hides the ETA.
    void update(int64_t done, int64_t total, const std::string& detail, double etaSeconds = -1);
    // A line that must not be overwritten (an evaluation, a checkpoint).
    void note(const std::string& text);
    void finish();

    static std::string duration(double seconds);

private:
    std::string label_;
    bool terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point lastDraw_{};
};

} // namespace finch::cli
