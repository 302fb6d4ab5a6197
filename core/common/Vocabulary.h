#pragma once
// Closed sets of names, each spelled once. A Vocabulary pairs enum values with the words
// that run configurations, run folders, the CLI and the studio use for them; a WordList is
// a set of words with no enum behind it (LoRA target modules, metric keys). Parsing,
// printing, choice lists and error messages all read the same table.
#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finch {

template <size_t N>
using WordList = std::array<std::string_view, N>;

template <size_t N>
constexpr bool contains(const WordList<N>& words, std::string_view word)
{
    return std::find(words.begin(), words.end(), word) != words.end();
}

template <size_t N>
std::vector<std::string> toStrings(const WordList<N>& words)
{
    return {words.begin(), words.end()};
}

// "a, b or c", for error messages and tooltips.
template <size_t N>
std::string alternatives(const WordList<N>& words)
{
    std::string text;
    for (size_t i = 0; i < N; ++i)
        text += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(words[i]);
    return text;
}

template <typename Value, size_t N>
class Vocabulary {
public:
    constexpr Vocabulary(std::array<Value, N> values, WordList<N> words) : values_(values), words_(words) {}

    constexpr std::string_view name(Value value) const
    {
        for (size_t i = 0; i < N; ++i)
            if (values_[i] == value)
                return words_[i];
        return {};
    }
    constexpr std::optional<Value> find(std::string_view word) const
    {
        for (size_t i = 0; i < N; ++i)
            if (words_[i] == word)
                return values_[i];
        return std::nullopt;
    }
    constexpr const WordList<N>& words() const { return words_; }
    std::string alternatives() const { return finch::alternatives(words_); }

private:
    std::array<Value, N> values_;
    WordList<N> words_;
};

} // namespace finch
