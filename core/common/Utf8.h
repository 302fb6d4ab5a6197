#pragma once
#include <cstddef>
#include <string_view>

namespace finch {

// Offset of the first byte that is not part of well-formed UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF are ill-formed), or npos when all is valid.
size_t findInvalidUtf8(std::string_view text);

// Length of a multi-byte sequence cut off at the end of `text` (0 to 3 bytes), so that a
// stream of decoded text can hold those bytes back until the rest arrives.
size_t incompleteUtf8Tail(std::string_view text);

// Number of code points in valid UTF-8 text (for column numbers and lengths).
size_t countCodePoints(std::string_view text);

// In valid UTF-8 text: the length of the character whose first byte is `lead`, the code point
// starting at `at`, and where the character that ends at `end` starts.
constexpr size_t utf8Length(unsigned char lead)
{
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}
char32_t codePointAt(std::string_view text, size_t at);
size_t previousCodePointStart(std::string_view text, size_t end);

// Unicode's White_Space property (what Rust's char::is_whitespace answers).
bool isUnicodeWhitespace(char32_t c);

} // namespace finch
