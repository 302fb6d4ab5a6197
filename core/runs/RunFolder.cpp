#include "core/runs/RunFolder.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace finch::runs {
namespace {

namespace fs = std::filesystem;

std::string timestamp()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm local{};
    localtime_r(&now, &local);
    char text[32];
    std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &local);
    return text;
}

std::string safeName(const std::string& name)
{
    std::string safe;
    for (const char c : name)
        safe += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '-';
    return safe;
}

} // namespace

RunFolder RunFolder::create(const std::string& outputDir, const std::string& name)
{
    fs::create_directories(outputDir);
    const std::string base = timestamp() + (name.empty() ? "" : "-" + safeName(name));
    std::string candidate = base;
    for (int suffix = 2; fs::exists(fs::path(outputDir) / candidate); ++suffix)
        candidate = base + "-" + std::to_string(suffix);
    // Assembled under a temporary name, so a run folder never exists without its run.json
    // (a process killed right here leaves nothing that looks like a run).
    const fs::path path = fs::path(outputDir) / candidate;
    const fs::path temporary = fs::path(outputDir) / (".tmp-" + candidate);
    fs::remove_all(temporary);
    fs::create_directories(temporary / "checkpoints");
    writeFileAtomically((temporary / "run.json").string(), Json{{"id", candidate}, {"status", "preparing"}}.dump(2) + "\n");
    fs::rename(temporary, path);
    return RunFolder(path.string());
}

RunFolder RunFolder::open(const std::string& path)
{
    if (!fs::exists(fs::path(path) / "run.json"))
        throw Error(path + ": not a run folder (no run.json)");
    return RunFolder(path);
}

std::string RunFolder::id() const
{
    return fs::path(path_).filename().string();
}

std::string RunFolder::checkpointPath(int64_t step) const
{
    return checkpointsPath() + "/step-" + std::to_string(step);
}

Json RunFolder::readInfo() const
{
    return readJsonFile(runJsonPath());
}

void RunFolder::writeInfo(const Json& info) const
{
    writeFileAtomically(runJsonPath(), info.dump(2) + "\n");
}

void RunFolder::setStatus(const std::string& status, const std::string& message) const
{
    Json info = readInfo();
    info["status"] = status;
    if (message.empty())
        info.erase("message");
    else
        info["message"] = message;
    writeInfo(info);
}

std::vector<int64_t> RunFolder::checkpointSteps() const
{
    std::vector<int64_t> steps;
    if (!fs::exists(checkpointsPath()))
        return steps;
    for (const auto& entry : fs::directory_iterator(checkpointsPath())) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("step-", 0) != 0 || !fs::exists(entry.path() / "trainer_state.json"))
            continue;
        try {
            steps.push_back(std::stoll(name.substr(5)));
        } catch (const std::exception&) {
        }
    }
    std::sort(steps.begin(), steps.end());
    return steps;
}

void RunFolder::appendMetric(const Json& event) const
{
    std::ofstream out(metricsPath(), std::ios::app | std::ios::binary);
    out << event.dump() << '\n';
    out.flush();
    if (!out)
        throw Error("cannot write " + metricsPath());
}

void RunFolder::truncateMetricsAfter(int64_t step) const
{
    std::string kept;
    for (const Json& event : readMetrics()) {
        // The end of an earlier session (stopped, failed) is not the end of the run.
        const std::string kind = event.value("event", "");
        if (event.value("step", int64_t(0)) <= step && kind != "finished" && kind != "failed")
            kept += event.dump() + "\n";
    }
    writeFileAtomically(metricsPath(), kept);
}

std::vector<Json> RunFolder::readMetrics() const
{
    std::vector<Json> events;
    if (!fs::exists(metricsPath()))
        return events;
    std::ifstream in(metricsPath());
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        try {
            events.push_back(Json::parse(line));
        } catch (const nlohmann::json::parse_error&) {
            // A line cut short by a crash mid-write: the events before it still count.
        }
    }
    return events;
}

std::vector<RunSummary> listRuns(const std::string& folder)
{
    fs::path root(folder);
    if (fs::is_directory(root / "runs"))
        root /= "runs";
    if (!fs::is_directory(root))
        throw Error(folder + ": no such folder");
    std::vector<RunSummary> runs;
    for (const auto& entry : fs::directory_iterator(root)) {
        if (entry.path().filename().string().rfind('.', 0) == 0 || !fs::exists(entry.path() / "run.json"))
            continue; // hidden: a run folder still being created
        RunSummary summary;
        summary.id = entry.path().filename().string();
        summary.path = entry.path().string();
        try {
            summary.info = readJsonFile((entry.path() / "run.json").string());
            if (fs::exists(entry.path() / "eval.json"))
                summary.metrics = readJsonFile((entry.path() / "eval.json").string()).value("metrics", Json());
        } catch (const Error& error) {
            summary.info = {{"status", "unreadable"}, {"message", error.what()}};
        }
        runs.push_back(std::move(summary));
    }
    std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) { return a.id > b.id; });
    return runs;
}

} // namespace finch::runs
