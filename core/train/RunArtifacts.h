#pragma once
// What a finished run leaves behind, read back for evaluation, export and the studio's
// Evaluate and Playground pages. Torch-free: models come from the engine it is handed.
#include "core/data/Dataset.h"
#include "core/eval/Evaluator.h"
#include "core/data/PromptFormatter.h"
#include "core/model/LanguageModel.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace finch::engine {
class Engine;
}

namespace finch::train {

// The run's settings, as run.json's "config" records them.
RunConfig runConfig(const runs::RunFolder& run, const runs::RunRecord& record);
RunConfig runConfig(const runs::RunFolder& run);

// The run's final model: final/ as a full model, or a LoRA adapter on its base (the
// adapter stays separate; mergeLora() folds it in). Throws when the run has no final/.
std::unique_ptr<model::LanguageModel> loadRunModel(engine::Engine& engine, const runs::RunFolder& run,
                                                   const std::string& device = "cpu");

struct EvaluationInput {
    data::Dataset dataset;
    std::optional<data::PromptFormatter> formatter;
    std::vector<std::string> labels; // empty unless classification
    std::string source;              // the file, or "<train file> (test split)"
};

// Rows to evaluate the run on, formatted as training formatted them: `dataFile`, read with
// the run's field mapping, or when `dataFile` is empty the run's own split ("train",
// "validation" or "test"), recomputed from the seed.
EvaluationInput evaluationInput(const runs::RunFolder& run, const runs::RunRecord& record, const std::string& dataFile,
                                const std::string& split = "test");

// One typed text as a row of the run's kind (in its main input field: text, instruction,
// question or a user message) and the run's formatter, for the playground.
struct TypedRow {
    data::PromptFormatter formatter;
    data::Json row;
    std::vector<std::string> labels; // classification runs
};
TypedRow typedRow(const runs::RunFolder& run, const std::string& text);

// `config` set to start from the weights `run` ended with: its final/ folder as the model,
// or for a LoRA run its adapter (adapter_name_or_path) on the adapter's base model. The new
// run's run.json names that folder, which links the two runs.
RunConfig startingFrom(const runs::RunFolder& run, RunConfig config);

struct RunEvaluationRequest {
    std::string dataFile;        // empty: the run's own split
    std::string split = "test";  // train, validation or test
    std::string device = "cpu";
    std::string outputPath;      // empty: RUN/eval.json for the test split, else RUN/eval-<name>.json
    int maxNewTokens = 64;
};

struct RunEvaluation {
    nlohmann::ordered_json report; // what the file holds: run, split, data_file, task, metrics, rows
    std::string path;              // where it was written
};

// Evaluates the run's final model and writes the report atomically. The CLI's 'finch eval'
// and the studio's Evaluate page both come here.
RunEvaluation evaluateRun(engine::Engine& engine, const runs::RunFolder& run, const RunEvaluationRequest& request,
                          const eval::EvaluationProgress& progress = {});

} // namespace finch::train
