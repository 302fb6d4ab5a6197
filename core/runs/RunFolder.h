#pragma once
// A run is a folder: run.json (resolved settings, data and model fingerprints, versions,
// status), metrics.jsonl (one event per line), eval.json (test metrics and per-row
// predictions), checkpoints/step-N/, final/. The CLI writes it, the studio reads it.
#include <nlohmann/json.hpp>

#include <cstdint>
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
    std::string evalPath() const { return path_ + "/eval.json"; }
    std::string tokenizerPath() const { return path_ + "/tokenizer.model"; }
    std::string checkpointsPath() const { return path_ + "/checkpoints"; }
    std::string checkpointPath(int64_t step) const;
    std::string bestPath() const { return checkpointsPath() + "/best"; }
    std::string finalPath() const { return path_ + "/final"; }

    Json readInfo() const;
    void writeInfo(const Json& info) const; // atomic
    // Sets "status" (and "message") in run.json, keeping the rest.
    void setStatus(const std::string& status, const std::string& message = {}) const;

    // Steps of the checkpoints on disk, oldest first.
    std::vector<int64_t> checkpointSteps() const;

    // Appends one event to metrics.jsonl and flushes it to the file.
    void appendMetric(const Json& event) const;
    // Drops events after `step` (resuming from a checkpoint repeats those steps) and the
    // finished/failed events of earlier sessions.
    void truncateMetricsAfter(int64_t step) const;
    std::vector<Json> readMetrics() const;

private:
    explicit RunFolder(std::string path) : path_(std::move(path)) {}
    std::string path_;
};

struct RunSummary {
    std::string id;
    std::string path;
    Json info;    // run.json
    Json metrics; // eval.json's "metrics", or null
};

// Every run under a workspace's runs/ folder (or under the folder itself), newest first.
std::vector<RunSummary> listRuns(const std::string& folder);

} // namespace finch::runs
