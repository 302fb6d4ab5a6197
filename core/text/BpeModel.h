#pragma once
// The BPE model of a tokenizer.json: a vocabulary, ranked merges, and the options the
// `tokenizers` library gives it (byte_fallback, fuse_unk, ignore_merges, unk_token,
// continuing_subword_prefix, end_of_word_suffix). Immutable after loading; thread-safe.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace finch::text {

class BpeModel {
public:
    // `json` is tokenizer.json's "model"; throws finch::Error naming `where` and the key.
    BpeModel(const nlohmann::ordered_json& json, const std::string& where);

    // The ids of one pre-tokenized word. Throws finch::Error when a character is neither in
    // the vocabulary nor covered by byte fallback and there is no unk token.
    void tokenize(std::string_view word, std::vector<int>& ids) const;

    int idOf(std::string_view token) const; // -1 when not in the vocabulary
    const std::string* tokenOf(int id) const; // null when not in the vocabulary
    int size() const { return static_cast<int>(tokens_.size()); }
    int unkId() const { return unkId_; }

private:
    struct Merge {
        int rank;
        int result;
    };
    static uint64_t pairKey(int left, int right) { return (uint64_t(uint32_t(left)) << 32) | uint32_t(right); }

    std::unordered_map<std::string, int> ids_;
    std::vector<std::string> tokens_; // by id; empty where the vocabulary has a gap
    std::unordered_map<uint64_t, Merge> merges_;
    int unkId_ = -1;
    bool fuseUnk_ = false, byteFallback_ = false, ignoreMerges_ = false;
    std::string continuingPrefix_, endOfWordSuffix_;
    int byteIds_[256];
};

} // namespace finch::text
