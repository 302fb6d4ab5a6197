// libFuzzer target: the files of a run folder. The input is read as a run configuration
// (run.json's "config", or the file `finch train --config` takes), as run.json itself, as
// metrics.jsonl, eval.json and a checkpoint's trainer_state.json, and the folder is listed.
#include "FuzzFile.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/eval/Evaluator.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"
#include "core/train/TrainerState.h"

template <typename Read>
void tolerate(Read&& read)
{
    try {
        read();
    } catch (const finch::Error&) {
    }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::string runs = fuzzFolder() + "/runs";
    const std::string run = runs + "/run";
    for (const char* name : {"run.json", "metrics.jsonl", "eval.json", "trainer_state.json"})
        fuzzFile(name, data, size, run);
    tolerate([&] {
        const auto config = finch::train::RunConfig::load(run + "/run.json");
        (void)finch::train::RunConfig::fromJson(config.toJson(), "round trip");
    });
    const auto folder = finch::runs::RunFolder::open(run);
    tolerate([&] { (void)folder.readRecord().toJson().dump(); });
    tolerate([&] {
        for (const auto& event : folder.readEvents())
            (void)finch::runs::toJson(event).dump();
    });
    tolerate([&] { (void)finch::eval::readEvaluationReport(folder.evalPath()); });
    tolerate([&] { (void)finch::train::TrainerState::fromJson(finch::readJsonFile(run + "/trainer_state.json"), "state"); });
    tolerate([&] { (void)finch::runs::listRuns(runs); });
    return 0;
}
