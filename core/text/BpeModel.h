#pragma once
// The BPE model of a tokenizer.json: a vocabulary, ranked merges, and the options the
// `tokenizers` library gives it (byte_fallback, fuse_unk, ignore_merges, unk_token,
// continuing_subword_prefix, end_of_word_suffix). Immutable after loading; thread-safe.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finch::text {

class BpeModel {
public:
    // The vocabulary and merges as a reader meets them, in file order, their texts end to
    // end in two buffers: a 262k-token vocabulary costs a few allocations, not a million.
    class Source {
    public:
        // Throws finch::Error naming `where` and the token when `id` is not an id.
        void addToken(std::string_view token, const nlohmann::ordered_json& id, const std::string& where);
        // "a b", as files written before tokenizers 0.20 have merges; throws finch::Error
        // naming `where` and the rank without a space after the first character.
        void addSpacedMerge(std::string_view joined, const std::string& where);
        void addMerge(std::string_view left, std::string_view right);
        size_t merges() const { return merges_.size(); }

    private:
        friend class BpeModel;
        struct Span {
            uint32_t offset, length;
        };
        static Span append(std::string& text, std::string_view piece);

        std::string tokenText_, mergeText_;
        std::vector<std::pair<Span, int>> tokens_;
        std::vector<std::pair<Span, Span>> merges_;
    };

    // `json` is tokenizer.json's "model"; its "vocab" and "merges" are read from `source`
    // when given, else from `json`. Throws finch::Error naming `where` and the key.
    BpeModel(const nlohmann::ordered_json& json, const std::string& where);
    BpeModel(const nlohmann::ordered_json& json, Source source, const std::string& where);

    // The ids of one pre-tokenized word. Throws finch::Error when a character is neither in
    // the vocabulary nor covered by byte fallback and there is no unk token.
    void tokenize(std::string_view word, std::vector<int>& ids) const;

    int idOf(std::string_view token) const; // -1 when not in the vocabulary
    std::optional<std::string_view> tokenOf(int id) const; // none when not in the vocabulary
    int size() const { return static_cast<int>(tokens_.size()); }
    int unkId() const { return unkId_; }

private:
    // Open addressing over power-of-two tables: the vocabulary has up to 262k tokens and
    // the merges up to 500k pairs, which node-based maps would allocate one by one.
    using Span = Source::Span;
    struct IdSlot {
        Span text{0, 0};
        int id = -1; // -1: free
    };
    struct MergeSlot {
        uint64_t pair = kFreePair;
        int rank = 0, result = 0;
    };
    static constexpr uint64_t kFreePair = ~uint64_t(0);
    static constexpr Span kGap{~uint32_t(0), 0};
    static uint64_t pairKey(int left, int right) { return (uint64_t(uint32_t(left)) << 32) | uint32_t(right); }

    void index(Source source, const std::string& where);
    static constexpr size_t kShortWord = 64; // the most symbols mergeShort takes
    void mergeShort(std::vector<int>& symbols) const;
    void mergeLong(std::vector<int>& symbols) const;
    std::string_view textOf(Span span) const { return std::string_view(text_).substr(span.offset, span.length); }
    // The index of the slot holding the key, or of the free one where it would go.
    size_t idSlot(std::string_view token) const;
    size_t mergeSlot(uint64_t pair) const;

    std::string text_; // every token's text, end to end
    std::vector<Span> tokens_; // by id; kGap where the vocabulary has none
    std::vector<IdSlot> idSlots_;
    std::vector<MergeSlot> mergeSlots_;
    int unkId_ = -1;
    bool fuseUnk_ = false, byteFallback_ = false, ignoreMerges_ = false;
    std::string continuingPrefix_, endOfWordSuffix_;
    int byteIds_[256];
};

} // namespace finch::text
