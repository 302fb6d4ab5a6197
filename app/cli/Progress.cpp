#include "Progress.h"

#include "CliOutput.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace finch::cli {

Progress::Progress(std::string label) : label_(std::move(label)), terminal_(isatty(STDERR_FILENO) != 0) {}

std::string Progress::duration(double seconds)
{
    if (!(seconds >= 0) || seconds > 1e7)
        return "--:--";
    const auto total = static_cast<long>(seconds + 0.5);
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%ld:%02ld:%02ld", total / 3600, total / 60 % 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
    return text;
}

void Progress::update(int64_t done, int64_t total, const std::string& detail, double etaSeconds)
{
    const std::string eta = etaSeconds >= 0 ? "  ETA " + duration(etaSeconds) : "";
    if (!terminal_) {
        std::cerr << label_ << ' ' << done << '/' << total << "  " << detail << eta << '\n';
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    if (done < total && drawn_ && now - lastDraw_ < std::chrono::milliseconds(100))
        return;
    lastDraw_ = now;
    constexpr int width = 28;
    const int filled = total > 0 ? static_cast<int>(width * done / total) : 0;
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(width, '.');
    const int percent = total > 0 ? static_cast<int>(100 * done / total) : 0;
    std::fprintf(stderr, "\r\033[K%s [%s] %3d%% %lld/%lld  %s%s", label_.c_str(), bar.c_str(), percent,
                 static_cast<long long>(done), static_cast<long long>(total), detail.c_str(), eta.c_str());
    std::fflush(stderr);
    drawn_ = true;
}

void Progress::note(const std::string& text)
{
    if (terminal_ && drawn_)
        std::fprintf(stderr, "\r\033[K");
    std::cerr << printable(text) << std::endl; // notes quote file names and settings
    drawn_ = false;
}

void Progress::finish()
{
    if (terminal_ && drawn_)
        std::fprintf(stderr, "\n");
    drawn_ = false;
}

} // namespace finch::cli
