#pragma once
// The stages of a Hugging Face tokenizer.json pipeline, each built from its JSON object:
// normalizers, pre-tokenizers, decoders and post-processors, with the semantics of the
// `tokenizers` library (checked against it: tests/data/tokenizers). A component Finch does
// not implement is a finch::Error naming it, never a silent wrong tokenization.
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace finch::text::pipeline {

using Json = nlohmann::ordered_json;

// A piece of text on its way to the model.
struct Piece {
    std::string text;
    bool atStart = false; // begins where the whole input begins (Metaspace's "first")
};

// The most a normalizer may grow a text: kMaxNormalizedGrowth times its size, and 4 KiB.
// Replace stages that lengthen the text, repeated in a Sequence, would grow it exponentially.
constexpr size_t kMaxNormalizedGrowth = 64;

class Normalizer {
public:
    virtual ~Normalizer() = default;
    // Throws finch::Error naming the stage that grows the text past the limit.
    std::string normalize(std::string text) const;
    // With the most bytes the result may have (Sequence passes its own on to its stages).
    virtual std::string normalizeWithin(std::string text, size_t limit) const = 0;
};

class PreTokenizer {
public:
    virtual ~PreTokenizer() = default;
    // Replaces each piece by the pieces it splits into.
    virtual void split(std::vector<Piece>& pieces) const = 0;
};

class Decoder {
public:
    virtual ~Decoder() = default;
    // The tokens' texts after this decoder (Hugging Face's decode_chain); they are joined
    // at the end.
    virtual std::vector<std::string> decode(std::vector<std::string> tokens) const = 0;
};

class PostProcessor {
public:
    virtual ~PostProcessor() = default;
    // One sequence with the special tokens its template adds.
    virtual std::vector<int> addSpecialTokens(std::vector<int> ids) const = 0;
};

// Each returns null for a JSON null (the stage is absent). `where` names the file and the
// key in messages. `idOf` resolves a token's text to its id (post-processors name tokens).
std::unique_ptr<Normalizer> makeNormalizer(const Json& json, const std::string& where);
std::unique_ptr<PreTokenizer> makePreTokenizer(const Json& json, const std::string& where);
std::unique_ptr<Decoder> makeDecoder(const Json& json, const std::string& where);
std::unique_ptr<PostProcessor> makePostProcessor(const Json& json, const std::string& where);

} // namespace finch::text::pipeline
