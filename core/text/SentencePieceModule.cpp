// libfinch_spm.so: SentencePiece behind the engine's Tokenizer interface. Loaded with
// dlopen(RTLD_LOCAL | RTLD_DEEPBIND) so that the protobuf-lite inside Debian's
// libsentencepiece never meets libtorch's protobuf (DESIGN.md, "Known traps").
#include "core/text/SentencePieceModule.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace finch::text {
namespace {

// SentencePiece's messages carry its source location: "./src/trainer_interface.cc(660)
// [check] Vocabulary size too high (100000). ...". Keep what a user can act on.
std::string describe(const sentencepiece::util::Status& status)
{
    std::string message = status.error_message();
    if (message.rfind("./src/", 0) == 0 || message.rfind("src/", 0) == 0) {
        const size_t end = message.find("] ");
        if (end != std::string::npos)
            message.erase(0, end + 2);
    }
    return message;
}

class SentencePieceModel final : public Tokenizer {
public:
    explicit SentencePieceModel(std::unique_ptr<sentencepiece::SentencePieceProcessor> processor)
        : processor_(std::move(processor)) {}

    std::vector<int> encode(std::string_view text) const override
    {
        std::vector<int> ids;
        check(processor_->Encode(absl::string_view(text.data(), text.size()), &ids));
        return ids;
    }

    std::vector<std::string> encodeAsPieces(std::string_view text) const override
    {
        std::vector<std::string> pieces;
        check(processor_->Encode(absl::string_view(text.data(), text.size()), &pieces));
        return pieces;
    }

    std::string decode(const std::vector<int>& ids) const override
    {
        for (const int id : ids)
            checkId(id);
        std::string text;
        check(processor_->Decode(ids, &text));
        return text;
    }

    std::string kind() const override { return "SentencePiece"; }
    int vocabSize() const override { return processor_->GetPieceSize(); }

    std::string idToPiece(int id) const override
    {
        checkId(id);
        return processor_->IdToPiece(id);
    }

    int pieceToId(std::string_view piece) const override
    {
        return processor_->PieceToId(absl::string_view(piece.data(), piece.size()));
    }

    int bosId() const override { return processor_->bos_id(); }
    int eosId() const override { return processor_->eos_id(); }
    int padId() const override { return processor_->pad_id(); }
    int unkId() const override { return processor_->unk_id(); }

private:
    static void check(const sentencepiece::util::Status& status)
    {
        if (!status.ok())
            throw std::runtime_error("SentencePiece: " + describe(status));
    }

    void checkId(int id) const
    {
        if (id < 0 || id >= processor_->GetPieceSize())
            throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary (0.." +
                                    std::to_string(processor_->GetPieceSize() - 1) + ")");
    }

    std::unique_ptr<sentencepiece::SentencePieceProcessor> processor_;
};

class TextIterator final : public sentencepiece::SentenceIterator {
public:
    explicit TextIterator(const std::vector<std::string>& texts) : texts_(texts) {}
    bool done() const override { return index_ >= texts_.size(); }
    void Next() override { ++index_; }
    const std::string& value() const override { return texts_[index_]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    const std::vector<std::string>& texts_;
    size_t index_ = 0;
};

Tokenizer* loadWith(const std::string& what, std::string* error,
                    sentencepiece::util::Status (*load)(sentencepiece::SentencePieceProcessor&, const std::string&),
                    const std::string& argument)
{
    try {
        auto processor = std::make_unique<sentencepiece::SentencePieceProcessor>();
        const auto status = load(*processor, argument);
        if (!status.ok()) {
            *error = "cannot load the SentencePiece model " + what + ": " + describe(status);
            return nullptr;
        }
        return new SentencePieceModel(std::move(processor));
    } catch (const std::exception& e) {
        *error = "cannot load the SentencePiece model " + what + ": " + e.what();
        return nullptr;
    }
}

Tokenizer* loadFile(const std::string& path, std::string* error)
{
    return loadWith(path, error,
                    [](sentencepiece::SentencePieceProcessor& p, const std::string& file) { return p.Load(file); },
                    path);
}

Tokenizer* loadBytes(const std::string& serializedModel, std::string* error)
{
    return loadWith("(in memory)", error,
                    [](sentencepiece::SentencePieceProcessor& p, const std::string& bytes) {
                        return p.LoadFromSerializedProto(bytes);
                    },
                    serializedModel);
}

bool train(const SentencePieceTrainSpec& spec, const std::vector<std::string>& texts, std::string* serializedModel,
           std::string* error)
{
    // Llama-style settings: exact round trips (identity normalisation, whitespace kept),
    // digits split, unknown characters as bytes; fixed ids for the special tokens.
    const std::unordered_map<std::string, std::string> arguments{
        {"model_type", spec.modelType},
        {"vocab_size", std::to_string(spec.vocabSize)},
        {"character_coverage", std::to_string(spec.characterCoverage)},
        {"byte_fallback", spec.byteFallback ? "true" : "false"},
        {"num_threads", std::to_string(spec.threads)},
        {"max_sentence_length", std::to_string(spec.maxSentenceLength)},
        {"hard_vocab_limit", spec.hardVocabLimit ? "true" : "false"},
        {"normalization_rule_name", "identity"},
        {"remove_extra_whitespaces", "false"},
        {"split_digits", "true"},
        {"allow_whitespace_only_pieces", "true"},
        {"shuffle_input_sentence", "false"},
        {"input_sentence_size", "0"},
        {"unk_id", "0"},
        {"bos_id", "1"},
        {"eos_id", "2"},
        {"pad_id", "3"},
        {"minloglevel", "2"},
    };
    try {
        TextIterator iterator(texts);
        const auto status = sentencepiece::SentencePieceTrainer::Train(arguments, &iterator, serializedModel);
        if (!status.ok()) {
            *error = describe(status);
            return false;
        }
        return true;
    } catch (const std::exception& e) {
        *error = e.what();
        return false;
    }
}

const SentencePieceModuleApi moduleApi{kSentencePieceAbiVersion, &loadFile, &loadBytes, &train};

} // namespace
} // namespace finch::text

extern "C" __attribute__((visibility("default"))) const finch::text::SentencePieceModuleApi*
finch_sentencepiece_module()
{
    return &finch::text::moduleApi;
}
