#pragma once
// run.json as a record: what a run was asked to do, on which model and data, how far it
// got. The trainer writes it; the CLI and every page of the studio read it through this
// type (docs/RUN_FOLDER.md, "run.json").
#include "core/common/Vocabulary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace finch {
class JsonBinder;
}

namespace finch::runs {

using Json = nlohmann::ordered_json;

enum class RunStatus { Preparing, Running, Completed, Stopped, Failed };

inline constexpr Vocabulary<RunStatus, 5> kRunStatuses{
    {RunStatus::Preparing, RunStatus::Running, RunStatus::Completed, RunStatus::Stopped, RunStatus::Failed},
    {"preparing", "running", "completed", "stopped", "failed"}};

struct ModelRecord {
    std::string source; // a preset name or the model folder
    bool preset = false;
    std::string architecture;
    int64_t parameters = 0;
    int64_t trainableParameters = 0;
    int64_t layers = 0;
    int64_t hiddenSize = 0;
    int64_t vocabSize = 0;
    std::string configFingerprint;
    void bind(JsonBinder& b);
};

struct DataRecord {
    std::string kind;                          // data::TaskKind's name
    std::map<std::string, std::string> fields; // role -> field name
    std::string trainFile;
    std::string fingerprint;                   // of the training file as trained
    std::map<std::string, int64_t> rows;       // "train", "validation", "test" -> row count
    std::vector<std::string> labels;           // classification
    void bind(JsonBinder& b);
};

struct ScheduleRecord {
    int64_t totalSteps = 0;
    int64_t stepsPerEpoch = 0;
    int64_t warmupSteps = 0;
    int64_t trainingSequences = 0;
    void bind(JsonBinder& b);
};

struct RuntimeRecord {
    std::string torch;
    std::string device;  // rank 0's
    int64_t processes = 1; // data-parallel ranks; a resume must use as many
    void bind(JsonBinder& b);
};

struct ResultRecord {
    int64_t steps = 0;
    double trainLoss = NAN;
    double bestValidationLoss = NAN;
    int64_t bestStep = -1;
    double trainSeconds = 0;
    // The process's peak on the run's device: CUDA's allocator peak, or the CPU's resident set.
    int64_t peakMemoryBytes = 0;
    void bind(JsonBinder& b);
};

struct RunRecord {
    std::string finchVersion;
    std::string id;
    std::string created; // ISO 8601, UTC
    std::string updated;
    RunStatus status = RunStatus::Preparing;
    std::string message;
    Json config = Json::object(); // train::RunConfig::toJson(); train::runConfig() reads it back
    std::optional<ModelRecord> model;
    std::optional<DataRecord> data;
    std::optional<ScheduleRecord> schedule;
    std::optional<RuntimeRecord> runtime;
    std::optional<ResultRecord> result;
    Json extra = Json::object(); // keys a newer Finch wrote, kept on rewrite

    // Written before preparation is done: the config alone.
    bool prepared() const { return model.has_value() && data.has_value(); }
    std::string methodName() const; // config's "method", "full" when absent

    Json toJson() const;
    // Throws finch::Error naming `where`, the field, what was expected and what was found.
    static RunRecord fromJson(const Json& json, const std::string& where);
};

} // namespace finch::runs
