#include "core/text/UnicodeText.h"

#include "core/common/Error.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace finch::text {

std::string normalize(std::string_view text, NormalizationForm form)
{
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* normalizer = nullptr;
    switch (form) {
    case NormalizationForm::Nfc: normalizer = icu::Normalizer2::getNFCInstance(status); break;
    case NormalizationForm::Nfd: normalizer = icu::Normalizer2::getNFDInstance(status); break;
    case NormalizationForm::Nfkc: normalizer = icu::Normalizer2::getNFKCInstance(status); break;
    case NormalizationForm::Nfkd: normalizer = icu::Normalizer2::getNFKDInstance(status); break;
    }
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    // Most text is already normalized: a quick check saves the copy.
    if (U_SUCCESS(status) && normalizer->isNormalized(input, status) && U_SUCCESS(status))
        return std::string(text);
    status = U_ZERO_ERROR;
    const icu::UnicodeString output = normalizer->normalize(input, status);
    if (U_FAILURE(status))
        throw Error(std::string("Unicode normalization failed: ") + u_errorName(status));
    std::string result;
    output.toUTF8String(result);
    return result;
}

namespace {

// Full case mapping in the root locale (ß becomes SS, as Python's str.upper does).
std::string changeCase(std::string_view text, bool upper)
{
    icu::UnicodeString value = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), int32_t(text.size())));
    if (upper)
        value.toUpper(icu::Locale::getRoot());
    else
        value.toLower(icu::Locale::getRoot());
    std::string result;
    value.toUTF8String(result);
    return result;
}

} // namespace

std::string toLower(std::string_view text) { return changeCase(text, false); }
std::string toUpper(std::string_view text) { return changeCase(text, true); }

std::string utf8Lossy(std::string_view bytes)
{
    std::string out;
    out.reserve(bytes.size());
    const auto* data = reinterpret_cast<const uint8_t*>(bytes.data());
    const auto length = static_cast<int32_t>(bytes.size());
    int32_t i = 0;
    while (i < length) {
        const int32_t start = i;
        UChar32 c = 0;
        U8_NEXT(data, i, length, c);
        if (c < 0)
            out += "\xEF\xBF\xBD"; // U+FFFD for the maximal invalid prefix ICU skipped
        else
            out.append(bytes.substr(size_t(start), size_t(i - start)));
    }
    return out;
}

} // namespace finch::text
