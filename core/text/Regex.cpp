#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/text/Regex.h"

#include "core/common/Error.h"

#include <pcre2.h>

#include <algorithm>
#include <cstdint>

namespace finch::text {
namespace {

// PCRE2's match limit counts backtracking steps. The tokenizers' patterns take about one
// per byte of a long run of spaces (\s*[\r\n]+ tries the whole run, then gives it back), so
// the limit grows with the text; nested quantifiers that backtrack exponentially, such as
// (a+)+$, still reach it within a fraction of a second.
uint32_t matchLimitFor(size_t textSize)
{
    return uint32_t(std::min<uint64_t>(10'000'000 + 4 * uint64_t(textSize), UINT32_MAX));
}

// The interpreter keeps its backtracking frames on the heap, at most this much (KiB).
constexpr uint32_t kHeapLimitKib = 256 * 1024;

} // namespace

struct Regex::Compiled {
    pcre2_code* code = nullptr;
    bool jit = false;
    ~Compiled() { pcre2_code_free(code); }
};

Regex::Regex(const std::string& pattern, const std::string& where)
    : compiled_(std::make_unique<Compiled>()), pattern_(pattern), where_(where)
{
    int error = 0;
    PCRE2_SIZE offset = 0;
    // UTF: the pattern and the texts are UTF-8; UCP: \s, \w, \d and [[:alpha:]] are Unicode.
    compiled_->code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(),
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &error, &offset, nullptr);
    if (!compiled_->code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(error, message, sizeof message);
        throw Error(where + ": the regular expression " + pattern + " does not compile at offset " +
                    std::to_string(offset) + ": " + reinterpret_cast<const char*>(message));
    }
    compiled_->jit = pcre2_jit_compile(compiled_->code, PCRE2_JIT_COMPLETE) == 0;
}

Regex::~Regex() = default;

std::vector<std::pair<size_t, size_t>> Regex::findAll(std::string_view text) const
{
    std::vector<std::pair<size_t, size_t>> matches;
    const std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> data(
        pcre2_match_data_create_from_pattern(compiled_->code, nullptr), pcre2_match_data_free);
    const std::unique_ptr<pcre2_match_context, decltype(&pcre2_match_context_free)> limits(
        pcre2_match_context_create(nullptr), pcre2_match_context_free);
    if (!data || !limits)
        throw Error(where_ + ": out of memory matching the regular expression " + pattern_);
    pcre2_set_match_limit(limits.get(), matchLimitFor(text.size()));
    pcre2_set_heap_limit(limits.get(), kHeapLimitKib);
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t start = 0;
    while (start <= text.size()) {
        // The text was checked as UTF-8 once, where it entered; PCRE2 need not again.
        int found = compiled_->jit ? pcre2_jit_match(compiled_->code, subject, text.size(), start, 0, data.get(), limits.get())
                                   : PCRE2_ERROR_JIT_STACKLIMIT;
        // The JIT's stack is small and fixed; the interpreter's frames are on the heap.
        if (found == PCRE2_ERROR_JIT_STACKLIMIT)
            found = pcre2_match(compiled_->code, subject, text.size(), start, PCRE2_NO_UTF_CHECK, data.get(), limits.get());
        if (found == PCRE2_ERROR_NOMATCH)
            break;
        if (found < 0) {
            PCRE2_UCHAR message[256];
            pcre2_get_error_message(found, message, sizeof message);
            throw Error(where_ + ": the regular expression " + pattern_ + " gave up on a text of " +
                        std::to_string(text.size()) + " bytes at byte " + std::to_string(start) + ": " +
                        reinterpret_cast<const char*>(message));
        }
        const PCRE2_SIZE* vector = pcre2_get_ovector_pointer(data.get());
        const size_t begin = vector[0], end = vector[1];
        if (end > begin) {
            matches.emplace_back(begin, end);
            start = end;
        } else { // empty: step over one UTF-8 character
            start = end + 1;
            while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
                ++start;
        }
    }
    return matches;
}

} // namespace finch::text
