#pragma once
// A run is a folder: run.json (resolved settings, data and model fingerprints, versions,
// status), metrics.jsonl (one event per line), eval.json (test metrics and per-row
// predictions), checkpoints/step-N/, final/. The CLI writes it, the studio reads it; the
// contract is docs/RUN_FOLDER.md, and RunRecord, RunEvent and the EvalRecords are its
// types. The paths of its files are made here and nowhere else.
#include "core/runs/EvalRecords.h"
#include "core/runs/RunEvent.h"
#include "core/runs/RunRecord.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finch::runs {

using Json = nlohmann::ordered_json;

class RunFolder {
public:
    // Makes <outputDir>/<id>/, the id from the date, time and name, unique in the folder.
    static RunFolder create(const std::string& outputDir, const std::string& name);
    // An existing run; throws finch::Error when the folder has no run.json.
    static RunFolder open(const std::string& path);

    const std::string& path() const { return path_; }
    std::string id() const;
    std::string runJsonPath() const { return path_ + "/run.json"; }
    std::string metricsPath() const { return path_ + "/metrics.jsonl"; }
    // eval.json for the test split, eval-<split>.json for the others.
    std::string evalPath(const std::string& split = "test") const;
    // eval-<file name without extension>.json: an evaluation on a file of its own.
    std::string evalPathForFile(const std::string& dataFile) const;
    std::string baselinePath() const { return path_ + "/baseline.json"; } // classification runs
    std::string heldOutPath() const { return path_ + "/heldout.json"; }   // cross-validation runs
    std::string tokenizerPath() const { return path_ + "/tokenizer.model"; }
    std::string checkpointsPath() const { return path_ + "/checkpoints"; }
    std::string checkpointPath(int64_t step) const;
    std::string bestPath() const { return checkpointsPath() + "/best"; }
    std::string finalPath() const { return path_ + "/final"; }
    std::string lockPath() const { return path_ + "/.lock"; }

    // run.json; throws finch::Error naming the file and the field when it is not a run record.
    RunRecord readRecord() const;
    void writeRecord(const RunRecord& record) const; // atomic
    // Sets the status (and message) in run.json, keeping the rest.
    void setStatus(RunStatus status, const std::string& message = {}) const;

    // The evaluations in the folder. Each read throws finch::Error naming the file, and the
    // field when the file is not what Finch writes.
    bool isEvaluated(const std::string& split = "test") const; // the split's evaluation is there
    EvalRecord readEvaluation(const std::string& split = "test") const;
    bool hasBaseline() const; // classification runs with test rows
    BaselineRecord readBaseline() const;
    HeldOutRecord readHeldOut() const; // cross-validation runs
    bool hasFinalModel() const;        // final/: a finished run's model

    // Steps of the checkpoints on disk, oldest first.
    std::vector<int64_t> checkpointSteps() const;
    // Removes the temporary folders a trainer killed in the middle of replacing one left
    // behind (".tmp-…" in the run folder and in checkpoints/). Only for the holder of the
    // run's lock: another trainer's temporaries would be in use.
    void removeLeftovers() const;

    // Appends one event to metrics.jsonl and flushes it to the file.
    void appendEvent(const RunEvent& event) const;
    // Drops events after `step` (resuming from a checkpoint repeats those steps) and the
    // finished/failed events of earlier sessions.
    void truncateEventsAfter(int64_t step) const;
    // metrics.jsonl's events in order. A last line cut short by a crash is left out; any
    // other bad line, or an unknown event name, throws finch::Error naming the file and line.
    std::vector<RunEvent> readEvents() const;

private:
    explicit RunFolder(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

// Holds a run folder for one trainer at a time: an exclusive flock on RUN/.lock, which also
// records the holder's process id. The kernel releases it when the process ends, however
// it ends, so a killed trainer never leaves a stale lock.
class RunLock {
public:
    // Throws finch::Error naming the process that holds the run.
    explicit RunLock(const RunFolder& folder);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

private:
    int fd_ = -1;
};

// metrics.jsonl as a sink: the events it keeps (isRecorded) go to the file as they come.
class MetricsFile : public MetricSink {
public:
    explicit MetricsFile(RunFolder folder) : folder_(std::move(folder)) {}
    void write(const RunEvent& event) override;

private:
    RunFolder folder_;
};

struct RunSummary {
    std::string id;
    std::string path;
    RunRecord record;                   // run.json (default when unreadable)
    std::optional<EvalMetrics> metrics; // eval.json's, when the run was evaluated
    bool hasFinalModel = false;         // final/ is there (also when run.json cannot be read)
    std::string problem;                // why run.json or eval.json could not be read; empty when fine
};

// Every run under a workspace's runs/ folder (or under the folder itself), newest first.
std::vector<RunSummary> listRuns(const std::string& folder);

} // namespace finch::runs
