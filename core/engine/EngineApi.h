#pragma once
// The engine's entry points as one table, which libfinch_engine.so (the libtorch part of
// Finch) hands to the programs that load it. finch and finch-studio link no libtorch: they
// load the module the first time they compute, so a data command or the studio's first
// window never waits for libtorch's ~300 libraries (bench/NOTES.md, "Start-up").
// Plain C++ types only; both sides are built from the same sources.
#include "core/eval/Evaluator.h"
#include "core/model/LanguageModel.h"
#include "core/runtime/Runtime.h"
#include "core/train/RunArtifacts.h"
#include "core/train/Trainer.h"

namespace finch::engine {

constexpr int kEngineAbiVersion = 1;

struct EngineApi {
    int abiVersion;
    runtime::RuntimeInfo (*runtimeInfo)();
    void (*configureCompute)(int threads);

    train::TrainingOutcome (*startTraining)(const train::RunConfig&, const train::TrainingObserver&, train::TrainingControl*);
    train::TrainingOutcome (*resumeTraining)(const std::string& runPath, const train::TrainingObserver&,
                                             train::TrainingControl*);
    train::RunConfig (*runConfig)(const runs::RunFolder&);
    model::LanguageModel (*loadRunModel)(const runs::RunFolder&, const std::string& device);
    train::TypedRow (*typedRow)(const runs::RunFolder&, const std::string& text);
    train::RunEvaluation (*evaluateRun)(const runs::RunFolder&, const train::RunEvaluationRequest&,
                                        const eval::EvaluationProgress&);
    std::vector<double> (*labelProbabilities)(const model::LanguageModel&, const data::PromptFormatter&,
                                              const std::vector<std::string>& labels, const data::Json& row,
                                              int maxSequenceLength);

    // model::LanguageModel, member by member.
    model::LanguageModel (*loadModel)(const std::string& folder, const std::string& device);
    model::LanguageModel (*createModel)(const model::ModelConfig&, uint64_t seed, const std::string& device);
    void (*deleteModel)(model::LanguageModel::Impl*);
    const model::ModelConfig& (*config)(const model::LanguageModel&);
    std::string (*device)(const model::LanguageModel&);
    const text::Tokenizer* (*tokenizer)(const model::LanguageModel&);
    void (*setTokenizer)(model::LanguageModel&, const std::string& sentencePieceModel);
    double (*score)(const model::LanguageModel&, const std::vector<std::vector<int>>& sequences);
    std::vector<float> (*logits)(const model::LanguageModel&, const std::vector<int>& ids);
    model::GenerationResult (*generate)(const model::LanguageModel&, const std::vector<int>& prompt,
                                        const model::GenerationOptions&, const model::TokenCallback&);
    void (*addLora)(model::LanguageModel&, const model::LoraSettings&, uint64_t seed);
    bool (*hasLora)(const model::LanguageModel&);
    void (*loadAdapter)(model::LanguageModel&, const std::string& folder);
    void (*saveAdapter)(const model::LanguageModel&, const std::string& folder, const std::string& baseModel);
    void (*mergeLora)(model::LanguageModel&);
    void (*save)(const model::LanguageModel&, const std::string& folder, const model::SaveOptions&);
};

} // namespace finch::engine
