#define PCRE2_CODE_UNIT_WIDTH 8
#include "core/text/Regex.h"

#include "core/common/Error.h"

#include <pcre2.h>

namespace finch::text {

struct Regex::Compiled {
    pcre2_code* code = nullptr;
    bool jit = false;
    ~Compiled() { pcre2_code_free(code); }
};

Regex::Regex(const std::string& pattern, const std::string& where) : compiled_(std::make_unique<Compiled>())
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
    pcre2_match_data* data = pcre2_match_data_create_from_pattern(compiled_->code, nullptr);
    const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
    size_t start = 0;
    while (start <= text.size()) {
        // The text was checked as UTF-8 once, where it entered; PCRE2 need not again.
        const int found = compiled_->jit ? pcre2_jit_match(compiled_->code, subject, text.size(), start, 0, data, nullptr)
                                         : pcre2_match(compiled_->code, subject, text.size(), start, PCRE2_NO_UTF_CHECK,
                                                       data, nullptr);
        if (found < 0)
            break;
        const PCRE2_SIZE* vector = pcre2_get_ovector_pointer(data);
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
    pcre2_match_data_free(data);
    return matches;
}

} // namespace finch::text
