#pragma once
// The tokenizer interface the engine trains and evaluates with. Implementations are
// immutable after loading, so one instance may be used from several threads.
//
// Header-only on purpose: the SentencePiece module implements it and must not need
// symbols from the engine (it is loaded with RTLD_DEEPBIND).
#include <string>
#include <string_view>
#include <vector>

namespace finch::text {

class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    // Ids of the text's pieces, without BOS/EOS.
    virtual std::vector<int> encode(std::string_view text) const = 0;
    virtual std::vector<std::string> encodeAsPieces(std::string_view text) const = 0;
    // Text of the ids; control ids (BOS, EOS, PAD) decode to nothing.
    virtual std::string decode(const std::vector<int>& ids) const = 0;

    // With the special tokens the tokenizer puts around a text for its model: a
    // tokenizer.json's post-processor (Hugging Face's add_special_tokens=True); BOS for
    // SentencePiece models, as transformers' Llama tokenizer does.
    virtual std::vector<int> encodeWithSpecialTokens(std::string_view text) const
    {
        std::vector<int> ids = encode(text);
        if (bosId() >= 0)
            ids.insert(ids.begin(), bosId());
        return ids;
    }
    // Special tokens written out (Hugging Face's skip_special_tokens=False) where the
    // tokenizer can; SentencePiece always leaves control tokens out.
    virtual std::string decodeWithSpecialTokens(const std::vector<int>& ids) const { return decode(ids); }

    // What the tokenizer is, for people: "SentencePiece", "tokenizer.json (BPE)".
    virtual std::string kind() const = 0;
    virtual int vocabSize() const = 0;
    virtual std::string idToPiece(int id) const = 0; // throws std::out_of_range for a bad id
    virtual int pieceToId(std::string_view piece) const = 0; // unkId() when unknown

    // -1 when the model has no such token.
    virtual int bosId() const = 0;
    virtual int eosId() const = 0;
    virtual int padId() const = 0;
    virtual int unkId() const = 0;
};

} // namespace finch::text
