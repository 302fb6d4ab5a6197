#pragma once
// Finch's engine: everything that computes with libtorch, behind abstract interfaces.
//
//     finch::engine::Engine& engine = finch::engine::load();   // libfinch_engine.so, once
//     auto model = engine.loadModel("models/SmolLM2-135M");     // a model::LanguageModel
//     const text::Tokenizer& tokenizer = *model->tokenizer();
//     double loss = model->score({tokenizer.encode("The film was a delight.")});
//
//     train::RunConfig config = train::RunConfig::load("run.json");
//     train::TrainingControl control;                           // pause, stop: any thread
//     runs::CallbackSink watch([](const runs::RunEvent& e) { /* progress */ });
//     train::TrainingOutcome outcome = engine.trainer().start(config, &watch, &control);
//
// finch and finch-studio link no libtorch: load() opens libfinch_engine.so the first time it
// is called, so a data command or the studio's first window never waits for libtorch's
// ~300 libraries (bench/NOTES.md, "Start-up"). Tests link the engine and get it directly.
// What needs no torch (run configuration, datasets, evaluation over a model, run folders)
// lives in the torch-free core and is called directly.
//
// Threading: the Engine and its Trainer may be used from any thread. A LanguageModel is
// used from one thread at a time. Torch's grad mode and thread count are thread-local:
// configureCompute() sets them for the calling thread, and the trainer sets them on its own.
// A Trainer's sink is called on the thread that runs start() or resume().
//
// Errors: every failure a person can act on is a finch::Error whose message names the file,
// the field, what was expected and what was found.
#include "core/model/LanguageModel.h"
#include "core/api/RuntimeInfo.h"
#include "core/train/Trainer.h"

#include <cstdint>
#include <memory>
#include <string>

namespace finch::engine {

// Programs and the module they load must agree on these interfaces: a change to any of
// them bumps this number.
constexpr int kEngineAbiVersion = 2;

class Engine {
public:
    virtual ~Engine() = default;
    virtual int abiVersion() const { return kEngineAbiVersion; }

    // libtorch's version, the devices, threads and BLAS.
    virtual runtime::RuntimeInfo runtimeInfo() = 0;
    // Prepares the calling thread and the process for computing on the CPU: torch's and
    // OpenBLAS's thread counts (0: one per core) and an allocator that keeps freed memory.
    virtual void configureCompute(int threads) = 0;

    // A Hugging Face folder: config.json, safetensors weights, tokenizer.model when present.
    virtual std::unique_ptr<model::LanguageModel> loadModel(const std::string& folder,
                                                            const std::string& device = "cpu") = 0;
    // A new model with Hugging Face's initialisation, seeded.
    virtual std::unique_ptr<model::LanguageModel> createModel(const model::ModelConfig& config, uint64_t seed,
                                                              const std::string& device = "cpu") = 0;

    virtual train::Trainer& trainer() = 0;
};

// The engine. In finch and finch-studio this loads libfinch_engine.so on the first call
// (thread-safe; a failed load throws finch::Error naming every place tried, and the next
// call tries again). In programs that link the engine it is the engine itself.
Engine& load();

} // namespace finch::engine
