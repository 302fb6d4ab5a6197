#include "core/runs/RunRecord.h"

#include "core/common/Error.h"
#include "core/common/JsonBinder.h"

namespace finch::runs {

void ModelRecord::bind(JsonBinder& b)
{
    b.bind("source", source, "a preset name or a folder");
    b.bind("preset", preset, "true or false");
    b.bind("architecture", architecture, "an architecture name");
    b.bind("parameters", parameters, "a parameter count");
    b.bind("trainable_parameters", trainableParameters, "a parameter count");
    b.bind("layers", layers, "a layer count");
    b.bind("hidden_size", hiddenSize, "an integer");
    b.bind("vocab_size", vocabSize, "an integer");
    b.bind("config_fingerprint", configFingerprint, "a fingerprint");
}

void DataRecord::bind(JsonBinder& b)
{
    b.bind("kind", kind, "a dataset kind");
    b.bind("fields", fields, "an object mapping roles to field names");
    b.bind("train_file", trainFile, "a dataset file");
    b.bind("fingerprint", fingerprint, "a fingerprint");
    b.bind("rows", rows, "an object of row counts");
    b.bind("labels", labels, "a list of labels");
}

void ScheduleRecord::bind(JsonBinder& b)
{
    b.bind("total_steps", totalSteps, "a step count");
    b.bind("steps_per_epoch", stepsPerEpoch, "a step count");
    b.bind("warmup_steps", warmupSteps, "a step count");
    b.bind("training_sequences", trainingSequences, "a count");
}

void RuntimeRecord::bind(JsonBinder& b)
{
    b.bind("torch", torch, "a version");
    b.bind("device", device, "a device name");
    b.bind("processes", processes, "a process count");
}

void ResultRecord::bind(JsonBinder& b)
{
    b.bind("steps", steps, "a step count");
    b.bind("train_loss", trainLoss, "a number or null");
    b.bind("best_validation_loss", bestValidationLoss, "a number or null");
    b.bind("best_step", bestStep, "a step number (-1: none)");
    b.bind("train_seconds", trainSeconds, "a number");
    b.bind("peak_memory_bytes", peakMemoryBytes, "a byte count");
}

namespace {

void bindAll(JsonBinder& b, RunRecord& r, std::string& status)
{
    b.bind("finch_version", r.finchVersion, "a version");
    b.bind("id", r.id, "the run id");
    b.bind("created", r.created, "a time");
    b.bind("updated", r.updated, "a time");
    b.bind("status", status, kRunStatuses.alternatives().c_str());
    b.bind("message", r.message, "a text");
    b.bind("config", r.config, "an object of run settings");
    b.bind("model", r.model);
    b.bind("data", r.data);
    b.bind("schedule", r.schedule);
    b.bind("runtime", r.runtime);
    b.bind("result", r.result);
}

} // namespace

std::string RunRecord::methodName() const
{
    const auto it = config.find("method");
    return it != config.end() && it->is_string() ? it->get<std::string>() : "full";
}

Json RunRecord::toJson() const
{
    Json json = Json::object();
    RunRecord copy = *this;
    std::string status(kRunStatuses.name(copy.status));
    JsonBinder binder = JsonBinder::writing(json);
    bindAll(binder, copy, status);
    if (message.empty())
        json.erase("message");
    if (updated.empty())
        json.erase("updated");
    for (const auto& [key, value] : extra.items())
        json[key] = value;
    return json;
}

RunRecord RunRecord::fromJson(const Json& json, const std::string& where)
{
    if (!json.is_object())
        throw Error(where + ": expected a run record (a JSON object), found " + json.dump().substr(0, 80));
    RunRecord record;
    std::string status(kRunStatuses.name(record.status));
    JsonBinder binder = JsonBinder::reading(json, where);
    bindAll(binder, record, status);
    const auto parsed = kRunStatuses.find(status);
    if (!parsed)
        throw Error(where + ": 'status': expected " + kRunStatuses.alternatives() + ", found \"" + status + "\"");
    record.status = *parsed;
    if (!record.config.is_object())
        throw Error(where + ": 'config': expected an object of run settings, found " + record.config.dump());
    record.extra = binder.unknownKeys();
    return record;
}

} // namespace finch::runs
