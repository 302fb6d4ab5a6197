#pragma once
// A Hugging Face tokenizer.json: added tokens, normalizer, pre-tokenizer, BPE model,
// post-processor and decoder, giving the ids and texts of the `tokenizers` library (tested
// against it, tests/data/tokenizers). Immutable after loading; thread-safe.
#include "core/text/Tokenizer.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace finch::text {

class BpeModel;
class AddedTokenTrie;
namespace pipeline {
class Normalizer;
class PreTokenizer;
class Decoder;
class PostProcessor;
} // namespace pipeline

struct AddedToken {
    int id = -1;
    std::string content;
    bool special = false;
    bool lstrip = false, rstrip = false, singleWord = false, normalized = true;
};

class HfTokenizer final : public Tokenizer {
public:
    // Reads a tokenizer.json file, in time linear in its size; throws finch::Error naming the
    // file and the key, and naming any component Finch does not implement.
    static std::unique_ptr<HfTokenizer> load(const std::string& path);
    static std::unique_ptr<HfTokenizer> fromJson(const nlohmann::ordered_json& json, const std::string& source);
    ~HfTokenizer() override;

    // Without the post-processor's special tokens (the Tokenizer interface's contract);
    // added tokens written in the text are still recognised, as the library does.
    std::vector<int> encode(std::string_view text) const override { return encode(text, false); }
    std::vector<int> encode(std::string_view text, bool addSpecialTokens) const;
    std::vector<std::string> encodeAsPieces(std::string_view text) const override;
    // Special tokens decode to nothing (the Tokenizer interface's contract).
    std::string decode(const std::vector<int>& ids) const override { return decode(ids, true); }
    std::string decode(const std::vector<int>& ids, bool skipSpecialTokens) const;
    std::vector<int> encodeWithSpecialTokens(std::string_view text) const override { return encode(text, true); }
    std::string decodeWithSpecialTokens(const std::vector<int>& ids) const override { return decode(ids, false); }

    std::string kind() const override { return "tokenizer.json (BPE)"; }
    int vocabSize() const override { return vocabSize_; }
    std::string idToPiece(int id) const override;
    int pieceToId(std::string_view piece) const override;

    // From the tokens named by tokenizer_config.json (setSpecialTokens), else -1.
    int bosId() const override { return bosId_; }
    int eosId() const override { return eosId_; }
    int padId() const override { return padId_; }
    int unkId() const override;
    // Names the tokens (as their text) that play these parts; unknown names are errors.
    void setSpecialTokens(const std::string& bos, const std::string& eos, const std::string& pad, const std::string& where);

private:
    HfTokenizer();
    static std::unique_ptr<HfTokenizer> assemble(const nlohmann::ordered_json& json, std::unique_ptr<BpeModel> model,
                                                 const std::string& source);
    struct Segment {
        std::string text; // when id < 0
        int id = -1;
        bool atStart = false;
    };
    // Cuts the text at the added tokens of the given kind (normalized or not).
    void splitOnAddedTokens(std::vector<Segment>& segments, bool normalizedTokens) const;
    void encodeSegment(const Segment& segment, std::vector<int>& ids) const;
    const AddedToken* addedById(int id) const;

    std::unique_ptr<BpeModel> model_;
    std::unique_ptr<pipeline::Normalizer> normalizer_;
    std::unique_ptr<pipeline::PreTokenizer> preTokenizer_;
    std::unique_ptr<pipeline::PostProcessor> postProcessor_;
    std::unique_ptr<pipeline::Decoder> decoder_;
    std::vector<AddedToken> added_;
    std::unordered_map<int, size_t> addedById_; // id -> index in added_ (decoding asks per id)
    // The added tokens matched in the raw text [0] and in the normalized text [1].
    std::unique_ptr<AddedTokenTrie> addedTries_[2];
    int vocabSize_ = 0;
    int bosId_ = -1, eosId_ = -1, padId_ = -1;
};

} // namespace finch::text
