#include "core/text/BpeModel.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/common/Utf8.h"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <queue>

namespace finch::text {
namespace {

using Json = nlohmann::ordered_json;

} // namespace

BpeModel::BpeModel(const Json& json, const std::string& where)
{
    if (!json.is_object())
        throw Error(where + ": expected the model object");
    // Files written before the library named model types have no "type" key; BPE is the one
    // with merges.
    std::string type = json.contains("merges") ? "BPE" : "";
    if (json.contains("type"))
        type = json["type"].is_string() ? json["type"].get<std::string>() : json["type"].dump();
    if (type != "BPE")
        throw Error(where + ": the model \"" + type +
                    "\" is not one Finch implements (it reads BPE models: GPT-2, Llama 3, Qwen, Mistral, Gemma)");
    if (json.contains("dropout") && !json["dropout"].is_null() && json["dropout"] != 0)
        throw Error(where + ": 'dropout' is set: a tokenizer that drops merges at random cannot be reproduced");

    const auto vocab = json.find("vocab");
    if (vocab == json.end() || !vocab->is_object())
        throw Error(where + ": 'vocab': expected an object of tokens and ids");
    for (auto it = vocab->begin(); it != vocab->end(); ++it) {
        if (!it->is_number_unsigned() || it->get<uint64_t>() > 16'000'000)
            throw Error(where + ": 'vocab': the id of \"" + it.key() + "\" is not an id: " + it->dump());
        const int id = it->get<int>();
        ids_[it.key()] = id;
        if (size_t(id) >= tokens_.size())
            tokens_.resize(size_t(id) + 1);
        tokens_[size_t(id)] = it.key();
    }

    continuingPrefix_ = textField(json, "continuing_subword_prefix", where);
    endOfWordSuffix_ = textField(json, "end_of_word_suffix", where);

    const auto merges = json.find("merges");
    if (merges == json.end() || !merges->is_array())
        throw Error(where + ": 'merges': expected a list");
    for (size_t rank = 0; rank < merges->size(); ++rank) {
        const Json& merge = (*merges)[rank];
        std::string left, right;
        if (merge.is_string()) { // "a b", as files written before 0.20 have them
            const std::string text = merge.get<std::string>();
            const size_t space = text.find(' ', 1);
            if (space == std::string::npos)
                throw Error(where + ": 'merges'[" + std::to_string(rank) + "]: expected \"a b\", found \"" + text + "\"");
            left = text.substr(0, space);
            right = text.substr(space + 1);
        } else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string()) {
            left = merge[0].get<std::string>();
            right = merge[1].get<std::string>();
        } else {
            throw Error(where + ": 'merges'[" + std::to_string(rank) + "]: expected a pair of tokens, found " + merge.dump());
        }
        const int leftId = idOf(left), rightId = idOf(right);
        // The right part carries the subword prefix, which the merged token has once.
        const std::string joined = left + right.substr(std::min(right.size(), continuingPrefix_.size()));
        const int result = idOf(joined);
        if (leftId < 0 || rightId < 0 || result < 0)
            throw Error(where + ": 'merges'[" + std::to_string(rank) + "]: \"" + left + "\" + \"" + right +
                        "\" names a token missing from the vocabulary");
        merges_.try_emplace(pairKey(leftId, rightId), Merge{int(rank), result});
    }

    const std::string unk = textField(json, "unk_token", where);
    if (!unk.empty()) {
        unkId_ = idOf(unk);
        if (unkId_ < 0)
            throw Error(where + ": 'unk_token' \"" + unk + "\" is not in the vocabulary");
    }
    fuseUnk_ = flagField(json, "fuse_unk", where);
    byteFallback_ = flagField(json, "byte_fallback", where);
    ignoreMerges_ = flagField(json, "ignore_merges", where);
    for (int byte = 0; byte < 256; ++byte) {
        char name[8];
        std::snprintf(name, sizeof name, "<0x%02X>", byte);
        byteIds_[byte] = idOf(name);
    }
}

int BpeModel::idOf(std::string_view token) const
{
    const auto it = ids_.find(std::string(token));
    return it == ids_.end() ? -1 : it->second;
}

const std::string* BpeModel::tokenOf(int id) const
{
    return id >= 0 && size_t(id) < tokens_.size() && !tokens_[size_t(id)].empty() ? &tokens_[size_t(id)] : nullptr;
}

void BpeModel::tokenize(std::string_view word, std::vector<int>& out) const
{
    if (word.empty())
        return;
    if (ignoreMerges_)
        if (const int whole = idOf(word); whole >= 0) {
            out.push_back(whole);
            return;
        }

    // The word as symbols: its characters (with the subword prefix and word suffix where the
    // model has them), bytes where a character is unknown, or the unk token.
    std::vector<int> symbols;
    bool previousUnk = false;
    for (size_t at = 0; at < word.size();) {
        const size_t length = std::min(utf8Length(static_cast<unsigned char>(word[at])), word.size() - at);
        std::string piece(word.substr(at, length));
        if (at > 0)
            piece = continuingPrefix_ + piece;
        if (at + length == word.size())
            piece += endOfWordSuffix_;
        at += length;
        if (const int id = idOf(piece); id >= 0) {
            symbols.push_back(id);
            previousUnk = false;
            continue;
        }
        if (byteFallback_) {
            const std::string_view character = word.substr(at - length, length);
            if (std::all_of(character.begin(), character.end(), [&](char b) { return byteIds_[uint8_t(b)] >= 0; })) {
                for (const char byte : character)
                    symbols.push_back(byteIds_[uint8_t(byte)]);
                previousUnk = false;
                continue;
            }
        }
        if (unkId_ < 0)
            throw Error("the tokenizer has no token for \"" + std::string(word.substr(at - length, length)) +
                        "\" and no unk_token to stand for it");
        if (!(fuseUnk_ && previousUnk))
            symbols.push_back(unkId_);
        previousUnk = true;
    }

    // Merge the adjacent pair of the lowest rank, leftmost first, until none applies: a heap
    // of candidate pairs over a linked list of symbols, O(n log n) for the long words of
    // pipelines that do not pre-tokenize (a whole line can be one word).
    struct Symbol {
        int id, previous, next;
    };
    std::vector<Symbol> list(symbols.size());
    for (size_t i = 0; i < symbols.size(); ++i)
        list[i] = {symbols[i], int(i) - 1, i + 1 < symbols.size() ? int(i) + 1 : -1};
    struct Candidate {
        int rank, left, leftId, rightId, result;
        bool operator>(const Candidate& other) const
        {
            return rank != other.rank ? rank > other.rank : left > other.left;
        }
    };
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> heap;
    auto consider = [&](int left) {
        if (left < 0 || list[size_t(left)].next < 0)
            return;
        const int right = list[size_t(left)].next;
        const auto it = merges_.find(pairKey(list[size_t(left)].id, list[size_t(right)].id));
        if (it != merges_.end())
            heap.push({it->second.rank, left, list[size_t(left)].id, list[size_t(right)].id, it->second.result});
    };
    for (int i = 0; i + 1 < int(list.size()); ++i)
        consider(i);
    while (!heap.empty()) {
        const Candidate best = heap.top();
        heap.pop();
        Symbol& left = list[size_t(best.left)];
        // Stale: the pair changed since it was queued (a neighbour merged first).
        if (left.id != best.leftId || left.next < 0 || list[size_t(left.next)].id != best.rightId)
            continue;
        const int removed = left.next;
        left.id = best.result;
        left.next = list[size_t(removed)].next;
        if (left.next >= 0)
            list[size_t(left.next)].previous = best.left;
        list[size_t(removed)].id = -1;
        consider(left.previous);
        consider(best.left);
    }
    symbols.clear();
    for (int i = list.empty() ? -1 : 0; i >= 0; i = list[size_t(i)].next)
        symbols.push_back(list[size_t(i)].id);
    out.insert(out.end(), symbols.begin(), symbols.end());
}

} // namespace finch::text
