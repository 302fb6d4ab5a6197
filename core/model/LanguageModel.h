#pragma once
// A language model as the studio and the CLI see it: load a Hugging Face folder or create
// a preset, score, generate, save. Plain C++ only; torch stays behind the pointer.
//
// Threading: a LanguageModel may be used from one thread at a time. Torch's grad mode and
// thread count are thread-local, so the thread that computes sets them.
#include "core/model/ModelConfig.h"
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

struct LoraSettings {
    int rank = 8;
    double alpha = 16;
    double dropout = 0.05;
    std::vector<std::string> targetModules{"q_proj", "v_proj"};
    bool rsLora = false; // scale alpha/sqrt(r) instead of alpha/r
};

struct SaveOptions {
    uint64_t maxShardBytes = 5'000'000'000ULL; // as transformers' save_pretrained
};

class LanguageModel {
public:
    // Reads config.json, the safetensors weights (one file or shards with an index) and
    // tokenizer.model when present. Throws finch::Error: missing files, a folder with
    // only pickled weights, tensors that disagree with config.json, non-finite weights.
    static LanguageModel load(const std::string& folder, const std::string& device = "cpu");
    // A new model with Hugging Face's initialisation, seeded.
    static LanguageModel create(const ModelConfig& config, uint64_t seed, const std::string& device = "cpu");

    LanguageModel(LanguageModel&&) noexcept = default;
    LanguageModel& operator=(LanguageModel&&) noexcept = default;
    ~LanguageModel() = default;

    const ModelConfig& config() const;
    std::string device() const;
    const text::Tokenizer* tokenizer() const; // null when the folder has none Finch reads
    // Attaches a SentencePiece tokenizer (the bytes of its .model file), saved with the model.
    void setTokenizer(const std::string& sentencePieceModel);

    // Mean next-token cross-entropy over the sequences (labels are the inputs shifted by
    // one, as transformers computes it). Throws finch::Error on ids outside the vocabulary.
    double score(const std::vector<std::vector<int>>& sequences) const;
    // Logits of one sequence, (T x V) row-major, in float32.
    std::vector<float> logits(const std::vector<int>& ids) const;

    GenerationResult generate(const std::vector<int>& prompt, const GenerationOptions& options,
                              const TokenCallback& onToken = {}) const;

    // LoRA: adds adapters to the target layers and freezes every other weight.
    void addLora(const LoraSettings& settings, uint64_t seed);
    bool hasLora() const;
    // Loads a PEFT adapter folder (adapter_config.json, adapter_model.safetensors).
    void loadAdapter(const std::string& folder);
    // Writes the adapters in PEFT's layout; `baseModel` goes into adapter_config.json.
    void saveAdapter(const std::string& folder, const std::string& baseModel) const;
    // W += scale * B A for every adapter, which are then removed.
    void mergeLora();

    // Writes a Hugging Face folder: config.json, model.safetensors (or shards and
    // model.safetensors.index.json), the tokenizer files. transformers loads it.
    void save(const std::string& folder, const SaveOptions& options = {}) const;

    struct Impl;
    Impl& impl() const { return *impl_; }
    // Out of line, so that programs which reach the engine through its module (where Impl
    // lives) can own a model without seeing Impl.
    struct ImplDeleter {
        void operator()(Impl* impl) const;
    };

private:
    explicit LanguageModel(std::unique_ptr<Impl, ImplDeleter> impl);
    std::unique_ptr<Impl, ImplDeleter> impl_;
};

} // namespace finch::model
