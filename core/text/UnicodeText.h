#pragma once
// Unicode operations on UTF-8 text for tokenizers, through ICU: normalization forms, full
// lower- and upper-casing, and the lossy decoding Hugging Face's decoders apply (String::from_utf8_lossy).
#include <string>
#include <string_view>

namespace finch::text {

enum class NormalizationForm { Nfc, Nfd, Nfkc, Nfkd };

std::string normalize(std::string_view text, NormalizationForm form);
std::string toLower(std::string_view text);
std::string toUpper(std::string_view text);
// Invalid sequences become U+FFFD, one for each maximal invalid prefix (as Rust does).
std::string utf8Lossy(std::string_view bytes);

} // namespace finch::text
