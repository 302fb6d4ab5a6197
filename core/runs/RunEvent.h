#pragma once
// One training event. The trainer reports it to its sinks; metrics.jsonl records it; the
// CLI's `finch train --json` prints it; the studio's chart, progress bar and log show it.
// One vocabulary and one JSON form for all of them (docs/RUN_FOLDER.md, "metrics.jsonl").
#include "core/common/Vocabulary.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>

namespace finch::runs {

using Json = nlohmann::ordered_json;

enum class EventKind { Started, Step, Evaluation, Checkpoint, Paused, Resumed, Log, Finished, Failed };

inline constexpr Vocabulary<EventKind, 9> kEventKinds{
    {EventKind::Started, EventKind::Step, EventKind::Evaluation, EventKind::Checkpoint, EventKind::Paused,
     EventKind::Resumed, EventKind::Log, EventKind::Finished, EventKind::Failed},
    {"started", "step", "evaluation", "checkpoint", "paused", "resumed", "log", "finished", "failed"}};

// Whether metrics.jsonl keeps events of this kind; the others only tell a watcher what is
// happening now.
constexpr bool isRecorded(EventKind kind)
{
    return kind == EventKind::Step || kind == EventKind::Evaluation || kind == EventKind::Checkpoint ||
           kind == EventKind::Finished || kind == EventKind::Failed;
}

struct RunEvent {
    EventKind kind = EventKind::Log;
    int64_t step = 0;
    int64_t totalSteps = 0;
    double epoch = 0;            // fractional: 1.5 is half way through the second epoch
    double trainLoss = NAN;      // Step: mean over the steps since the last Step event
    double learningRate = NAN;   // Step
    double gradNorm = NAN;       // Step: before clipping
    double tokensPerSecond = 0;  // Step
    double elapsedSeconds = 0;   // Step, Finished
    double etaSeconds = 0;       // Step
    double validationLoss = NAN; // Evaluation
    std::string path;            // Checkpoint: the folder; Started, Finished, Failed: the run folder
    std::string status;          // Finished: "completed" or "stopped"
    std::string message;         // Started, Log, Finished, Failed: text for the person watching

    static RunEvent of(EventKind kind, int64_t step, int64_t totalSteps)
    {
        RunEvent event;
        event.kind = kind;
        event.step = step;
        event.totalSteps = totalSteps;
        return event;
    }
};

// The event as one JSON object: "event" (its kind's name), "step", "total_steps" and the
// fields of its kind. Non-finite numbers are written as null.
Json toJson(const RunEvent& event);
// Reads what toJson wrote, null as NaN. Throws finch::Error naming `where`, the field, what
// was expected and what was found; an unknown event name is an error. Round-1 run folders
// named step and evaluation events "train" and "eval": those names are read too.
RunEvent eventFromJson(const Json& json, const std::string& where);

// Where a running trainer's events go: metrics.jsonl, the CLI's progress bar or JSON lines,
// the studio's chart (as torchtune's metric loggers).
//
// Threading: write() is called on the training thread, in order. It must return quickly
// and must not call back into the trainer.
class MetricSink {
public:
    virtual ~MetricSink() = default;
    virtual void write(const RunEvent& event) = 0;
};

// A sink that calls a function, for hosts that only watch (the studio's runner, tests).
class CallbackSink : public MetricSink {
public:
    explicit CallbackSink(std::function<void(const RunEvent&)> callback) : callback_(std::move(callback)) {}
    void write(const RunEvent& event) override { callback_(event); }

private:
    std::function<void(const RunEvent&)> callback_;
};

} // namespace finch::runs
