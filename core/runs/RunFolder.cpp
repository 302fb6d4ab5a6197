#include "core/runs/RunFolder.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>

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
    RunRecord record;
    record.id = candidate;
    writeFileAtomically((temporary / "run.json").string(), record.toJson().dump(2) + "\n");
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

std::string RunFolder::evalPath(const std::string& split) const
{
    return split == "test" ? path_ + "/eval.json" : path_ + "/eval-" + split + ".json";
}

std::string RunFolder::evalPathForFile(const std::string& dataFile) const
{
    return path_ + "/eval-" + fs::path(dataFile).stem().string() + ".json";
}

RunRecord RunFolder::readRecord() const
{
    return RunRecord::fromJson(readJsonFile(runJsonPath()), runJsonPath());
}

void RunFolder::writeRecord(const RunRecord& record) const
{
    writeFileAtomically(runJsonPath(), record.toJson().dump(2) + "\n");
}

void RunFolder::setStatus(RunStatus status, const std::string& message) const
{
    RunRecord record = readRecord();
    record.status = status;
    record.message = message;
    writeRecord(record);
}

bool RunFolder::isEvaluated(const std::string& split) const
{
    return fs::exists(evalPath(split));
}

EvalRecord RunFolder::readEvaluation(const std::string& split) const
{
    const std::string path = evalPath(split);
    return EvalRecord::fromJson(readJsonFile(path), path);
}

bool RunFolder::hasBaseline() const
{
    return fs::exists(baselinePath());
}

BaselineRecord RunFolder::readBaseline() const
{
    return BaselineRecord::fromJson(readJsonFile(baselinePath()), baselinePath());
}

HeldOutRecord RunFolder::readHeldOut() const
{
    return HeldOutRecord::fromJson(readJsonFile(heldOutPath()), heldOutPath());
}

bool RunFolder::hasFinalModel() const
{
    return fs::is_directory(finalPath());
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

void RunFolder::removeLeftovers() const
{
    for (const std::string& folder : {path_, checkpointsPath()}) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(folder, error))
            if (entry.path().filename().string().rfind(".tmp-", 0) == 0)
                fs::remove_all(entry.path(), error);
    }
}

void RunFolder::appendEvent(const RunEvent& event) const
{
    // Never through a link planted in the run folder.
    const int fd = ::open(metricsPath().c_str(), O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd < 0)
        throw Error("cannot write " + metricsPath() + ": " + std::strerror(errno));
    const std::string line = toJson(event).dump() + "\n";
    const bool written = ::write(fd, line.data(), line.size()) == ssize_t(line.size());
    const int writeErrno = errno;
    ::close(fd);
    if (!written)
        throw Error("cannot write " + metricsPath() + ": " + std::strerror(writeErrno));
}

void RunFolder::truncateEventsAfter(int64_t step) const
{
    std::string kept;
    for (const RunEvent& event : readEvents()) {
        // The end of an earlier session (stopped, failed) is not the end of the run.
        if (event.step <= step && event.kind != EventKind::Finished && event.kind != EventKind::Failed)
            kept += toJson(event).dump() + "\n";
    }
    writeFileAtomically(metricsPath(), kept);
}

std::vector<RunEvent> RunFolder::readEvents() const
{
    std::vector<RunEvent> events;
    if (!fs::exists(metricsPath()))
        return events;
    const std::string content = readWholeFile(metricsPath());
    size_t start = 0;
    for (long line = 1; start < content.size(); ++line) {
        size_t end = content.find('\n', start);
        const bool last = end == std::string::npos;
        if (last)
            end = content.size();
        const std::string_view text(content.data() + start, end - start);
        start = end + 1;
        if (text.empty())
            continue;
        Json json;
        try {
            json = parseJson(text, metricsPath() + ":" + std::to_string(line)); // nesting bounded, as files are
        } catch (const Error&) {
            if (last)
                break; // cut short by a crash mid-write: the events before it still count
            throw;
        }
        events.push_back(eventFromJson(json, metricsPath() + ":" + std::to_string(line)));
    }
    return events;
}

RunLock::RunLock(const RunFolder& folder)
{
    fd_ = ::open(folder.lockPath().c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno == ELOOP)
        throw Error("cannot lock " + folder.path() + ": " + folder.lockPath() +
                    " is a symbolic link, which Finch never writes through; remove it");
    if (fd_ < 0)
        throw Error("cannot lock " + folder.path() + ": " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        char holder[32] = {};
        const ssize_t got = ::pread(fd_, holder, sizeof holder - 1, 0);
        ::close(fd_);
        fd_ = -1;
        const std::string pid = got > 0 ? std::string(holder, size_t(got)) : std::string("?");
        throw Error(folder.path() + ": another trainer is working on this run (process " + pid +
                    "); wait for it to finish, or stop it first");
    }
    // Best effort: the lock holds even without the note of who holds it.
    const std::string pid = std::to_string(::getpid());
    const bool noted = ::ftruncate(fd_, 0) == 0 && ::pwrite(fd_, pid.data(), pid.size(), 0) == ssize_t(pid.size());
    static_cast<void>(noted);
}

RunLock::~RunLock()
{
    if (fd_ >= 0)
        ::close(fd_); // releases the flock
}

void MetricsFile::write(const RunEvent& event)
{
    if (isRecorded(event.kind))
        folder_.appendEvent(event);
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
        summary.record.id = summary.id;
        try {
            const RunFolder run = RunFolder::open(summary.path);
            summary.hasFinalModel = run.hasFinalModel();
            summary.record = run.readRecord();
            if (run.isEvaluated())
                summary.metrics = run.readEvaluation().results.metrics;
        } catch (const Error& error) {
            summary.problem = error.what();
            summary.metrics.reset();
        }
        runs.push_back(std::move(summary));
    }
    std::sort(runs.begin(), runs.end(), [](const RunSummary& a, const RunSummary& b) { return a.id > b.id; });
    return runs;
}

} // namespace finch::runs
