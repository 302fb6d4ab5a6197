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

} // namespace finch
