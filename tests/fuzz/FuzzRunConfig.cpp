// libFuzzer target: the files of a run folder. The input is read as a run configuration
// (run.json's "config", or the file `finch train --config` takes), as run.json itself, as
// eval.json and a checkpoint's trainer_state.json, and line by line as metrics.jsonl;
// one input in eight goes through real files in a run folder, which is then listed.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/eval/Evaluator.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"
#include "core/train/TrainerState.h"

namespace {

template <typename Read>
void tolerate(Read&& read)
{
    try {
        read();
    } catch (const finch::Error&) {
    }
}

void readFromMemory(std::string_view text)
{
    tolerate([&] {
        const auto json = finch::parseJson(text, "run.json");
        tolerate([&] {
            const auto config = finch::train::RunConfig::fromJson(json, "run.json");
            (void)finch::train::RunConfig::fromJson(config.toJson(), "round trip");
        });
        tolerate([&] { (void)finch::runs::RunRecord::fromJson(json, "run.json").toJson().dump(); });
        tolerate([&] { (void)finch::eval::EvaluationReport::fromJson(json, "eval.json"); });
        tolerate([&] { (void)finch::train::TrainerState::fromJson(json, "trainer_state.json").toJson().dump(); });
    });
    size_t start = 0;
    while (start < text.size()) {
        const size_t end = std::min(text.size(), text.find('\n', start));
        tolerate([&] { (void)finch::runs::toJson(finch::runs::eventFromJson(finch::parseJson(text.substr(start, end - start), "m"), "m")); });
        start = end + 1;
    }
}

void readFromFiles(const uint8_t* data, size_t size)
{
    const std::string runs = fuzzFolder() + "/runs";
    const std::string run = runs + "/run";
    for (const char* name : {"run.json", "metrics.jsonl", "eval.json", "trainer_state.json"})
        fuzzFile(name, data, size, run);
    tolerate([&] { (void)finch::train::RunConfig::load(run + "/run.json"); });
    const auto folder = finch::runs::RunFolder::open(run);
    tolerate([&] { (void)folder.readRecord(); });
    tolerate([&] { (void)folder.readEvents(); });
    tolerate([&] { (void)finch::eval::readEvaluationReport(folder.evalPath()); });
    tolerate([&] { (void)finch::train::TrainerState::fromJson(finch::readJsonFile(run + "/trainer_state.json"), "state"); });
    tolerate([&] { (void)finch::runs::listRuns(runs); });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    readFromMemory({reinterpret_cast<const char*>(data), size});
    if (throughFiles(data, size))
        readFromFiles(data, size);
    return 0;
}
