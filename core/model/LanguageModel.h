#pragma once
// A language model as the studio and the CLI see it: score, generate, adapt, save. Plain
// C++ only; the engine implements it with torch (core/engine/model/TorchLanguageModel.h).
//
// Threading: a LanguageModel may be used from one thread at a time. Torch's grad mode and
// thread count are thread-local, so the thread that computes sets them.
#include "core/model/ModelConfig.h"
#include "core/model/TrainingMethod.h"
#include "core/text/ChatTemplate.h"
#include "core/text/Tokenizer.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace finch::model {

struct GenerationOptions {
    int maxNewTokens = 64;
    bool greedy = true;          // otherwise sample with the settings below
    double temperature = 1.0;
    int topK = 0;                // 0: no limit
    double topP = 1.0;           // nucleus sampling; 1: no limit
    double repetitionPenalty = 1.0; // > 1 discourages tokens already in the prompt or output
    bool stopAtEos = true;
    std::vector<std::string> stopStrings; // needs a tokenizer
    uint64_t seed = 0;
};

struct GenerationResult {
    std::vector<int> tokens; // the new tokens only
    std::string text;        // their text, cut before a stop string (empty without a tokenizer)
    std::string stopReason;  // "eos", "stop-string", "max-tokens", "context-full" or "cancelled"
};

// Called after each new token with the text it added (may be empty while a multi-byte
// character is incomplete). Return false to stop.
using TokenCallback = std::function<bool(int token, std::string_view textDelta)>;

struct SaveOptions {
    uint64_t maxShardBytes = 5'000'000'000ULL; // as transformers' save_pretrained
};

// What the engine's models do, as an abstract interface: the engine creates them
// (engine::Engine::loadModel, createModel) and the studio and the CLI use them through it.
class LanguageModel {
public:
    virtual ~LanguageModel() = default;

    virtual const ModelConfig& config() const = 0;
    virtual std::string device() const = 0;
    virtual const text::Tokenizer* tokenizer() const = 0; // null when the folder has none Finch reads
    // The folder's chat template (checked when the model loads); null when it has none.
    virtual std::shared_ptr<const text::ChatTemplate> chatTemplate() const = 0;
    // Attaches a SentencePiece tokenizer (the bytes of its .model file), saved with the model.
    virtual void setTokenizer(const std::string& sentencePieceModel) = 0;

    // Mean next-token cross-entropy over the sequences (labels are the inputs shifted by
    // one, as transformers computes it). Throws finch::Error on ids outside the vocabulary.
    virtual double score(const std::vector<std::vector<int>>& sequences) const = 0;
    // The summed log-probability of each completion after its prompt, `batchSize` pairs at a
    // time. Only the positions that predict completion tokens go through the output head.
    virtual std::vector<double> completionLogLikelihoods(const std::vector<const std::vector<int>*>& prompts,
                                                         const std::vector<const std::vector<int>*>& completions,
                                                         int batchSize) const = 0;
    // Logits of one sequence, (T x V) row-major, in float32.
    virtual std::vector<float> logits(const std::vector<int>& ids) const = 0;

    virtual GenerationResult generate(const std::vector<int>& prompt, const GenerationOptions& options,
                                      const TokenCallback& onToken = {}) const = 0;

    // LoRA: adds adapters to the target layers and freezes every other weight.
    virtual void addLora(const LoraSettings& settings, uint64_t seed) = 0;
    virtual bool hasLora() const = 0;
    // Loads a PEFT adapter folder (adapter_config.json, adapter_model.safetensors).
    virtual void loadAdapter(const std::string& folder) = 0;
    // Writes the adapters in PEFT's layout; `baseModel` goes into adapter_config.json.
    virtual void saveAdapter(const std::string& folder, const std::string& baseModel) const = 0;
    // W += scale * B A for every adapter, which are then removed.
    virtual void mergeLora() = 0;

    // Writes a Hugging Face folder: config.json, model.safetensors (or shards and
    // model.safetensors.index.json), the tokenizer files. transformers loads it.
    virtual void save(const std::string& folder, const SaveOptions& options = {}) const = 0;
};

} // namespace finch::model
