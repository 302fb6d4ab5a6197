#pragma once
// The boundary between the engine and the SentencePiece module (libfinch_spm.so).
// Engine-internal: only SentencePiece.cpp and the module include it. The module is built
// against the same libstdc++, so std types may cross; exceptions do not, errors come
// back as text.
#include "core/text/Tokenizer.h"

#include <string>
#include <vector>

namespace finch::text {

struct SentencePieceTrainSpec {
    std::string modelType = "unigram"; // "unigram" or "bpe"
    int vocabSize = 8000;
    double characterCoverage = 1.0;
    bool byteFallback = true;
    int threads = 1;
    int maxSentenceLength = 1 << 16; // bytes; longer texts are skipped by the trainer
    bool hardVocabLimit = true;
};

struct SentencePieceModuleApi {
    int abiVersion;
    // Each returns nullptr and sets *error on failure; the caller owns the tokenizer.
    Tokenizer* (*loadFile)(const std::string& path, std::string* error);
    Tokenizer* (*loadBytes)(const std::string& serializedModel, std::string* error);
    bool (*train)(const SentencePieceTrainSpec& spec, const std::vector<std::string>& texts,
                  std::string* serializedModel, std::string* error);
};

constexpr int kSentencePieceAbiVersion = 1;

} // namespace finch::text

extern "C" const finch::text::SentencePieceModuleApi* finch_sentencepiece_module();
