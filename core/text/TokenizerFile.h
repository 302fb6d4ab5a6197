#pragma once
// Opens whichever tokenizer a path holds: a tokenizer.json (Hugging Face's fast tokenizers),
// a SentencePiece tokenizer.model, or a model folder with either (tokenizer.json first, as
// transformers prefers it). Beside a tokenizer.json, tokenizer_config.json names the bos,
// eos and pad tokens.
#include "core/text/Tokenizer.h"

#include <memory>
#include <string>

namespace finch::text {

// Throws finch::Error naming the path and what was expected there.
std::unique_ptr<Tokenizer> loadTokenizer(const std::string& path);

} // namespace finch::text
