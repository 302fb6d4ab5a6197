#pragma once
// SentencePiece tokenizers: load a .model file, or train a new one on a dataset's text.
#include "core/text/Tokenizer.h"

#include <memory>
#include <string>
#include <vector>

namespace finch::text {

struct SentencePieceTrainOptions {
    enum class ModelType { Unigram, Bpe };
    ModelType modelType = ModelType::Unigram;
    int vocabSize = 8000;
    // Share of characters covered by pieces; the rest fall back to bytes. 1.0 suits small
    // corpora and scripts with few characters; 0.9995 suits CJK text.
    double characterCoverage = 1.0;
    bool byteFallback = true;
    int threads = 0; // 0: one per core
    // false: vocabSize is an upper bound, for corpora too small to fill it (presets
    // trained on a user's dataset); true: exactly vocabSize or an error.
    bool exactVocabSize = true;
};

class SentencePiece {
public:
    // Throws finch::Error naming the file and the reason.
    static std::unique_ptr<Tokenizer> load(const std::string& modelPath);
    static std::unique_ptr<Tokenizer> fromBytes(const std::string& serializedModel);

    // Trains a model on the texts and returns it serialized (the bytes of a .model file).
    // Special ids: 0 <unk>, 1 <s>, 2 </s>, 3 <pad>. Throws finch::Error, e.g. when the
    // vocabulary is larger than the text supports.
    static std::string train(const std::vector<std::string>& texts, const SentencePieceTrainOptions& options);

    // Where the module was loaded from (for diagnostics); loads it if needed.
    static std::string modulePath();
};

} // namespace finch::text
