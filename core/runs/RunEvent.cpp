#include "core/runs/RunEvent.h"

#include "core/common/Error.h"
#include "core/common/JsonBinder.h"

namespace finch::runs {
namespace {

// One table of the fields each kind carries, for both directions.
void bindFields(JsonBinder& b, RunEvent& e)
{
    b.bind("step", e.step, "a step number");
    b.bind("total_steps", e.totalSteps, "a step count");
    switch (e.kind) {
    case EventKind::Step:
        b.bind("epoch", e.epoch, "a number");
        b.bind("loss", e.trainLoss, "a number or null");
        b.bind("learning_rate", e.learningRate, "a number or null");
        b.bind("grad_norm", e.gradNorm, "a number or null");
        b.bind("tokens_per_second", e.tokensPerSecond, "a number");
        b.bind("elapsed_seconds", e.elapsedSeconds, "a number");
        b.bind("eta_seconds", e.etaSeconds, "a number");
        break;
    case EventKind::Evaluation:
        b.bind("epoch", e.epoch, "a number");
        b.bind("validation_loss", e.validationLoss, "a number or null");
        break;
    case EventKind::Checkpoint: b.bind("path", e.path, "a folder"); break;
    case EventKind::Finished:
        b.bind("status", e.status, "\"completed\" or \"stopped\"");
        b.bind("path", e.path, "a folder");
        b.bind("message", e.message, "a text");
        b.bind("elapsed_seconds", e.elapsedSeconds, "a number");
        break;
    case EventKind::Started:
    case EventKind::Failed:
        b.bind("path", e.path, "a folder");
        b.bind("message", e.message, "a text");
        break;
    case EventKind::Log: b.bind("message", e.message, "a text"); break;
    case EventKind::Paused:
    case EventKind::Resumed: break;
    }
}

} // namespace

Json toJson(const RunEvent& event)
{
    Json json{{"event", kEventKinds.name(event.kind)}};
    RunEvent copy = event;
    JsonBinder binder = JsonBinder::writing(json);
    bindFields(binder, copy);
    return json;
}

RunEvent eventFromJson(const Json& json, const std::string& where)
{
    if (!json.is_object())
        throw Error(where + ": expected an event object, found " + json.dump());
    const auto name = json.find("event");
    if (name == json.end() || !name->is_string())
        throw Error(where + ": 'event': expected " + kEventKinds.alternatives() + ", found " +
                    (name == json.end() ? std::string("nothing") : name->dump()));
    const std::string word = name->get<std::string>();
    std::optional<EventKind> kind = kEventKinds.find(word);
    if (!kind && word == "train")
        kind = EventKind::Step;
    if (!kind && word == "eval")
        kind = EventKind::Evaluation;
    if (!kind)
        throw Error(where + ": 'event': unknown event \"" + word + "\"; expected " + kEventKinds.alternatives());
    RunEvent event;
    event.kind = *kind;
    JsonBinder binder = JsonBinder::reading(json, where);
    bindFields(binder, event);
    return event;
}

} // namespace finch::runs
