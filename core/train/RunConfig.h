#pragma once
// Everything one training run needs, as one JSON document. Key names follow Hugging
// Face's TrainingArguments where they exist, so the settings read familiar.
#include "core/common/Vocabulary.h"
#include "core/model/TrainingMethod.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace finch::train {

using model::LoraSettings;

enum class OptimizerKind { AdamW, Sgd };
inline constexpr Vocabulary<OptimizerKind, 2> kOptimizers{{OptimizerKind::AdamW, OptimizerKind::Sgd}, {"adamw", "sgd"}};
// As transformers' get_scheduler names them.
inline constexpr WordList<4> kSchedulers{"linear", "cosine", "constant", "constant_with_warmup"};
// fp32 everywhere; bf16 and fp16 are autocast on CUDA.
inline constexpr WordList<3> kPrecisions{"fp32", "bf16", "fp16"};
// The integrations 'report_to' may name (transformers' names; "none" and "all" aside).
inline constexpr WordList<1> kReportIntegrations{"tensorboard"};

struct RunConfig {
    // Where and what
    std::string outputDir = "runs"; // run folders are created inside
    std::string runName;            // optional prefix of the run id
    std::string trainFile;
    std::string validationFile;     // optional: else validationSplit of the training file
    std::string testFile;           // optional: else testSplit of the training file
    double validationSplit = 0.1;
    double testSplit = 0.1;
    // Cross-validation: with folds > 0, the training rows are dealt into that many folds
    // (seeded) and fold `crossValidationFold` is held out: the run never trains on it and
    // predicts it at the end (RUN/heldout.json), so each row is judged by a model that did
    // not learn it. Folds 0 to k-1, one run each, cover every training row.
    int crossValidationFolds = 0;
    int crossValidationFold = 0;
    std::map<std::string, std::string> fields; // role -> field name, e.g. {"text": "review"}
    std::vector<std::string> labels;            // classification: allowed labels (default: those in the data)
    std::string model = "finch-tiny";           // a preset name or a Hugging Face folder
    std::string adapterPath;                    // LoRA: a PEFT adapter to continue training (LLaMA-Factory's name)
    int tokenizerVocabSize = 2000;              // presets: the most pieces of the tokenizer trained on the data

    // Method
    model::TrainingMethod method = model::TrainingMethod::Full;
    LoraSettings lora;
    int trainableLayers = 2; // frozen body: the last N layers and the head train

    // Schedule
    int epochs = 3;
    int64_t maxSteps = -1; // > 0 overrides epochs
    int batchSize = 8;
    int gradientAccumulation = 1;
    std::string optimizer = "adamw"; // adamw or sgd
    double learningRate = 5e-4;
    double adamBeta1 = 0.9, adamBeta2 = 0.999, adamEpsilon = 1e-8;
    double momentum = 0.9; // sgd
    double weightDecay = 0.0;
    std::string scheduler = "linear"; // linear, cosine, constant, constant_with_warmup
    int64_t warmupSteps = 0;
    double warmupRatio = 0.0;
    double maxGradNorm = 1.0; // 0: no clipping
    uint64_t seed = 42;
    std::string precision = "fp32"; // fp32; bf16 autocast (CUDA, or the CPU on libtorch 2.x); fp16 on CUDA
    int maxSequenceLength = 256;
    bool packing = false;
    bool gradientCheckpointing = false; // layers recompute their activations in the backward pass

    // Logging, evaluation, checkpoints
    int loggingSteps = 10;
    int evalSteps = 0; // 0: at the end of each epoch
    int saveSteps = 0; // 0: at the end of each epoch
    int saveTotalLimit = 2;
    int earlyStoppingPatience = 0; // evaluations without improvement before stopping; 0: off
    bool loadBestModelAtEnd = false;
    // Where the logs also go, as transformers' report_to: the integrations' names, none for
    // "none"; "all" reads as every integration Finch has. TensorBoard's event files go to
    // loggingDir, or RUN/tensorboard when it is empty.
    std::vector<std::string> reportTo;
    std::string loggingDir;

    // Prompt
    std::string promptTemplate;     // empty: the default for the dataset's kind
    std::string completionTemplate; // empty: the default for the dataset's kind
    bool trainOnPrompt = false;     // loss on the prompt tokens too

    // Where it runs
    std::string device = "cpu";
    int threads = 0; // CPU threads; 0: one per core
    // Data parallelism: gradients are summed over the ranks in buckets of this size, each
    // sent as soon as backward has produced it (transformers' name, DDP's default).
    int ddpBucketCapMegabytes = 25;

    // Throws finch::Error naming the key, what was expected and what was found; unknown
    // keys are errors (with a suggestion), so a typo never silently changes nothing.
    static RunConfig fromJson(const nlohmann::ordered_json& json, const std::string& source);
    // Relative paths in the file (data, output folder, model folder) are taken relative to
    // the file's folder.
    static RunConfig load(const std::string& path);
    nlohmann::ordered_json toJson() const;
    void validate() const;
};

std::string methodName(model::TrainingMethod method);

} // namespace finch::train
