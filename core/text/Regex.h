#pragma once
// Unicode regular expressions for tokenizer.json patterns (\p{L}, \s+(?!\S), (?i:'s|'t)),
// through PCRE2 with its JIT: Hugging Face's tokenizers use Oniguruma, whose syntax for
// these patterns PCRE2 shares. Thread-safe: each search uses its own match data.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finch::text {

class Regex {
public:
    // Throws finch::Error naming `where` when the pattern does not compile.
    Regex(const std::string& pattern, const std::string& where);
    ~Regex();
    Regex(const Regex&) = delete;
    Regex& operator=(const Regex&) = delete;

    // Every non-overlapping match, left to right, as [begin, end) byte offsets. An empty
    // match advances by one character. A search PCRE2 gives up (its match or memory limit:
    // runaway backtracking) is a finch::Error naming the pattern, never fewer matches.
    std::vector<std::pair<size_t, size_t>> findAll(std::string_view text) const;

private:
    struct Compiled;
    std::unique_ptr<Compiled> compiled_;
    std::string pattern_, where_;
};

} // namespace finch::text
