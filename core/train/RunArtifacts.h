#pragma once
// What a finished run leaves behind, read back for evaluation, export and the studio's
// Evaluate and Playground pages. Torch-free: models come from the engine it is handed.
#include "core/data/Dataset.h"
#include "core/eval/Evaluator.h"
#include "core/train/TrainingData.h"
#include "core/data/PromptFormatter.h"
#include "core/model/LanguageModel.h"
#include "core/runs/RunFolder.h"
#include "core/train/RunConfig.h"

#include <memory>
#include <optional>
#include <functional>
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

// A Hugging Face folder as it is, or with the PEFT adapter in `adapterFolder` applied.
std::unique_ptr<model::LanguageModel> loadModel(engine::Engine& engine, const std::string& folder,
                                                const std::string& adapterFolder = {});

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

// A finished classification run as a classifier of new rows (pre-labelling): its model,
// formatter (with the model's chat template) and labels, for eval::labelProbabilitiesOfRows.
struct RunClassifier {
    std::shared_ptr<model::LanguageModel> model;
    data::PromptFormatter formatter;
    std::vector<std::string> labels;
    eval::EvaluationOptions options; // the run's max_seq_length
    // A row of the run's kind with `text` in its input field (whatever the field's name).
    data::Json rowFor(const std::string& text) const;
};
// Throws finch::Error for a run that does not classify or has no final model. An empty
// `device` is the one the run trained on.
RunClassifier loadRunClassifier(engine::Engine& engine, const runs::RunFolder& run, const std::string& device = {});

// `config` set to start from the weights `run` ended with: its final/ folder as the model,
// or for a LoRA run its adapter (adapter_name_or_path) on the adapter's base model. The new
// run's run.json names that folder, which links the two runs.
RunConfig startingFrom(const runs::RunFolder& run, RunConfig config);

// `config` as a run of zero epochs that evaluates its model as it is (a baseline for the
// fine-tuned runs), or with the PEFT adapter in `adapterFolder` (one made elsewhere). The
// run is named "<name>-base-as-is" or "<name>-<adapter folder>-as-is". Training starts,
// watches and stops it as any run; it trains nothing and evaluates its test split.
RunConfig asItIs(RunConfig config, const std::string& adapterFolder = {});

// What an export wrote, checked by loading it back: the largest logit difference from the
// run's model on a fixed probe set, the tokenizer's ids for the probe texts, and for chat
// models the rendered template and the end-of-turn tokens.
struct ExportReport {
    std::string kind;   // "merged" or "adapter"
    std::string folder; // where it was written
    size_t probeSequences = 0, probeTokens = 0;
    double maxLogitDifference = 0;
    bool chatModel = false;
    std::vector<std::string> problems; // each check that failed, in words; empty when all passed
    bool verified() const { return problems.empty(); }
};

// The largest logit difference an export may show and still be the same model: float32
// sums in another order (a merged W + sBA) move logits by about 1e-5.
inline constexpr double kExportTolerance = 1e-3;

// What an export must reproduce, taken from the run's model before it is written: logits
// on probe sequences (fixed texts, and a rendered conversation for chat models), the
// tokenizer's ids for the texts, the chat template's rendering and the end tokens.
struct ExportProbe {
    std::vector<std::vector<int>> sequences;
    std::vector<std::vector<float>> logits;
    std::vector<std::pair<std::string, std::vector<int>>> encodings;
    bool hasTokenizer = false;
    int eosId = -1;
    std::optional<std::string> chatText;
    nlohmann::ordered_json chatEos;
    std::vector<int> eosTokenIds;
};
ExportProbe probeModel(const model::LanguageModel& model);
// Compares `exported` with the probe: the report's numbers, and a problem for each check
// that fails.
void checkExport(const ExportProbe& probe, const model::LanguageModel& exported, ExportReport& report);

// Writes the run's model to `folder` (replacing it atomically): merged (LoRA folded in) or
// the adapter alone, then verifies it as ExportReport says. Throws finch::Error when
// nothing could be written; a written export that fails a check is reported, not thrown.
ExportReport exportRun(engine::Engine& engine, const runs::RunFolder& run, const std::string& folder, bool merged);

// A classification run's baseline: eval::LinearBaseline trained on the run's training
// rows and evaluated on its test rows, as RUN/baseline.json holds it: an eval.json report
// (task, metrics, rows with the same indices, so the two pair up for the bootstrap) plus
// "method" and "vocabulary". Nothing when the run is not a classification with test rows.
std::optional<runs::BaselineRecord> evaluateBaseline(const TrainingData& data);

struct RunEvaluationRequest {
    std::string dataFile;        // empty: the run's own split
    std::string split = "test";  // train, validation or test
    std::string device = "cpu";
    std::string outputPath;      // empty: RUN/eval.json for the test split, else RUN/eval-<name>.json
    int maxNewTokens = 64;
    // Data parallelism: this process evaluates shard `shardIndex` of `shardCount` and hands
    // its rows (JSON text; "null" when it could not finish) to `gatherShards`, which gives
    // every shard's, in shard order, to the process that writes the report, and nothing to
    // the others.
    size_t shardIndex = 0, shardCount = 1;
    std::function<std::vector<std::string>(const std::string& rows)> gatherShards;
};

struct RunEvaluation {
    runs::EvalRecord record; // what the file holds
    std::string path;        // where it was written
};

// Evaluates the run's final model and writes the report atomically. The CLI's 'finch eval'
// and the studio's Evaluate page both come here, and every rank of a data-parallel run
// (only the one that gathers the shards writes; the others return an empty evaluation).
RunEvaluation evaluateRun(engine::Engine& engine, const runs::RunFolder& run, const RunEvaluationRequest& request,
                          const eval::EvaluationProgress& progress = {});

} // namespace finch::train
