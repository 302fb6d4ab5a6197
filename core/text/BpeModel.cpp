#include "core/text/BpeModel.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/common/Utf8.h"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <functional>
#include <queue>

namespace finch::text {
namespace {

using Json = nlohmann::ordered_json;

// Open-addressing tables at most half full, so that probe runs stay short.
size_t tableSize(size_t entries)
{
    size_t size = 16;
    while (size < entries * 2)
        size *= 2;
    return size;
}

size_t mixPair(uint64_t pair)
{
    pair ^= pair >> 33;
    pair *= 0xFF51AFD7ED558CCDull;
    return size_t(pair ^ (pair >> 33));
}

// The vocabulary and merges of a "model" object already parsed whole (HfTokenizer::fromJson).
BpeModel::Source sourceOf(const Json& json, const std::string& where)
{
    BpeModel::Source source;
    if (!json.is_object())
        return source; // the constructor says what is wrong
    if (const auto vocab = json.find("vocab"); vocab != json.end() && vocab->is_object())
        for (auto it = vocab->begin(); it != vocab->end(); ++it)
            source.addToken(it.key(), *it, where);
    if (const auto merges = json.find("merges"); merges != json.end() && merges->is_array())
        for (const Json& merge : *merges) {
            if (merge.is_string())
                source.addSpacedMerge(merge.get_ref<const std::string&>(), where);
            else if (merge.is_array() && merge.size() == 2 && merge[0].is_string() && merge[1].is_string())
                source.addMerge(merge[0].get_ref<const std::string&>(), merge[1].get_ref<const std::string&>());
            else
                throw Error(where + ": 'merges'[" + std::to_string(source.merges()) + "]: expected a pair of tokens, found " +
                            merge.dump());
        }
    return source;
}

} // namespace

BpeModel::Source::Span BpeModel::Source::append(std::string& text, std::string_view piece)
{
    if (text.size() + piece.size() > UINT32_MAX)
        throw Error("the tokenizer's vocabulary or merges hold more than 4 GiB of text");
    const Span span{uint32_t(text.size()), uint32_t(piece.size())};
    text.append(piece);
    return span;
}

void BpeModel::Source::addToken(std::string_view token, const Json& id, const std::string& where)
{
    if (!id.is_number_unsigned() || id.get<uint64_t>() > 16'000'000)
        throw Error(where + ": 'vocab': the id of \"" + std::string(token) + "\" is not an id: " + id.dump());
    tokens_.emplace_back(append(tokenText_, token), id.get<int>());
}

void BpeModel::Source::addSpacedMerge(std::string_view joined, const std::string& where)
{
    const size_t space = joined.find(' ', 1);
    if (space == std::string_view::npos)
        throw Error(where + ": 'merges'[" + std::to_string(merges_.size()) + "]: expected \"a b\", found \"" +
                    std::string(joined) + "\"");
    addMerge(joined.substr(0, space), joined.substr(space + 1));
}

void BpeModel::Source::addMerge(std::string_view left, std::string_view right)
{
    merges_.emplace_back(append(mergeText_, left), append(mergeText_, right));
}

BpeModel::BpeModel(const Json& json, const std::string& where) : BpeModel(json, sourceOf(json, where), where) {}

BpeModel::BpeModel(const Json& json, Source source, const std::string& where)
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
    if (const auto vocab = json.find("vocab"); vocab == json.end() || !vocab->is_object())
        throw Error(where + ": 'vocab': expected an object of tokens and ids");
    if (const auto merges = json.find("merges"); merges == json.end() || !merges->is_array())
        throw Error(where + ": 'merges': expected a list");
    continuingPrefix_ = textField(json, "continuing_subword_prefix", where);
    endOfWordSuffix_ = textField(json, "end_of_word_suffix", where);
    index(std::move(source), where);

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

void BpeModel::index(Source source, const std::string& where)
{
    text_ = std::move(source.tokenText_);
    int largest = -1;
    for (const auto& [text, id] : source.tokens_)
        largest = std::max(largest, id);
    tokens_.assign(size_t(largest + 1), kGap);
    idSlots_.assign(tableSize(source.tokens_.size()), IdSlot{});
    for (const auto& [text, id] : source.tokens_) {
        IdSlot& slot = idSlots_[idSlot(textOf(text))];
        // A token listed twice takes its last id, as a JSON object read by the library does.
        if (slot.id >= 0 && tokens_[size_t(slot.id)].offset == slot.text.offset)
            tokens_[size_t(slot.id)] = kGap;
        slot = {text, id};
        tokens_[size_t(id)] = text;
    }

    mergeSlots_.assign(tableSize(source.merges_.size()), MergeSlot{});
    const std::string_view mergeText = source.mergeText_;
    std::string joined;
    for (size_t rank = 0; rank < source.merges_.size(); ++rank) {
        const auto [leftSpan, rightSpan] = source.merges_[rank];
        const std::string_view left = mergeText.substr(leftSpan.offset, leftSpan.length);
        const std::string_view right = mergeText.substr(rightSpan.offset, rightSpan.length);
        // The right part carries the subword prefix, which the merged token has once.
        joined.assign(left).append(right.substr(std::min(right.size(), continuingPrefix_.size())));
        const int leftId = idOf(left), rightId = idOf(right), result = idOf(joined);
        if (leftId < 0 || rightId < 0 || result < 0)
            throw Error(where + ": 'merges'[" + std::to_string(rank) + "]: \"" + std::string(left) + "\" + \"" +
                        std::string(right) + "\" names a token missing from the vocabulary");
        // A pair listed twice takes its last rank, as in the library's map of merges.
        const uint64_t pair = pairKey(leftId, rightId);
        mergeSlots_[mergeSlot(pair)] = {pair, int(rank), result};
    }
}

size_t BpeModel::idSlot(std::string_view token) const
{
    const size_t mask = idSlots_.size() - 1;
    size_t i = std::hash<std::string_view>{}(token) & mask;
    while (idSlots_[i].id >= 0 && textOf(idSlots_[i].text) != token)
        i = (i + 1) & mask;
    return i;
}

size_t BpeModel::mergeSlot(uint64_t pair) const
{
    const size_t mask = mergeSlots_.size() - 1;
    size_t i = mixPair(pair) & mask;
    while (mergeSlots_[i].pair != pair && mergeSlots_[i].pair != kFreePair)
        i = (i + 1) & mask;
    return i;
}

int BpeModel::idOf(std::string_view token) const
{
    return idSlots_[idSlot(token)].id;
}

std::optional<std::string_view> BpeModel::tokenOf(int id) const
{
    if (id < 0 || size_t(id) >= tokens_.size() || tokens_[size_t(id)].offset == kGap.offset)
        return std::nullopt;
    return textOf(tokens_[size_t(id)]);
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
    // model has them), bytes where a character is unknown, or the unk token. Reused, as a
    // text is millions of words.
    thread_local std::vector<int> symbols;
    symbols.clear();
    const bool affixes = !continuingPrefix_.empty() || !endOfWordSuffix_.empty();
    std::string affixed;
    bool previousUnk = false;
    for (size_t at = 0; at < word.size();) {
        const size_t length = std::min(utf8Length(static_cast<unsigned char>(word[at])), word.size() - at);
        const std::string_view character = word.substr(at, length);
        std::string_view piece = character;
        if (affixes) {
            affixed.clear();
            if (at > 0)
                affixed = continuingPrefix_;
            affixed += character;
            if (at + length == word.size())
                affixed += endOfWordSuffix_;
            piece = affixed;
        }
        at += length;
        if (const int id = idOf(piece); id >= 0) {
            symbols.push_back(id);
            previousUnk = false;
            continue;
        }
        if (byteFallback_ &&
            std::all_of(character.begin(), character.end(), [&](char b) { return byteIds_[uint8_t(b)] >= 0; })) {
            for (const char byte : character)
                symbols.push_back(byteIds_[uint8_t(byte)]);
            previousUnk = false;
            continue;
        }
        if (unkId_ < 0)
            throw Error("the tokenizer has no token for \"" + std::string(character) + "\" and no unk_token to stand for it");
        if (!(fuseUnk_ && previousUnk))
            symbols.push_back(unkId_);
        previousUnk = true;
    }
    if (symbols.size() <= kShortWord)
        mergeShort(symbols);
    else
        mergeLong(symbols);
    out.insert(out.end(), symbols.begin(), symbols.end());
}

// Both merge the adjacent pair of the lowest rank, leftmost first, until none applies.

void BpeModel::mergeShort(std::vector<int>& symbols) const
{
    // The rank and result of the pair at each place, the lowest found by a scan: for the
    // few symbols of a pre-tokenized word, cheaper than a heap, and nothing to allocate.
    std::array<int, kShortWord> ranks, results;
    auto rate = [&](size_t i) {
        const MergeSlot& merge = mergeSlots_[mergeSlot(pairKey(symbols[i], symbols[i + 1]))];
        ranks[i] = merge.pair == kFreePair ? INT_MAX : merge.rank;
        results[i] = merge.result;
    };
    for (size_t i = 0; i + 1 < symbols.size(); ++i)
        rate(i);
    while (symbols.size() > 1) {
        const size_t pairs = symbols.size() - 1;
        const size_t best = size_t(std::min_element(ranks.begin(), ranks.begin() + pairs) - ranks.begin());
        if (ranks[best] == INT_MAX)
            break;
        symbols[best] = results[best];
        symbols.erase(symbols.begin() + ptrdiff_t(best) + 1);
        // The pairs after the merged one move down a place.
        for (size_t i = best + 1; i + 1 < pairs; ++i) {
            ranks[i] = ranks[i + 1];
            results[i] = results[i + 1];
        }
        if (best > 0)
            rate(best - 1);
        if (best + 1 < symbols.size())
            rate(best);
    }
}

void BpeModel::mergeLong(std::vector<int>& symbols) const
{
    // A heap of candidate pairs over a linked list of symbols: O(n log n) for the long words
    // of pipelines that do not pre-tokenize (a whole line can be one word).
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
        const MergeSlot& merge = mergeSlots_[mergeSlot(pairKey(list[size_t(left)].id, list[size_t(right)].id))];
        if (merge.pair != kFreePair)
            heap.push({merge.rank, left, list[size_t(left)].id, list[size_t(right)].id, merge.result});
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
    for (int i = 0; i >= 0; i = list[size_t(i)].next)
        symbols.push_back(list[size_t(i)].id);
}

} // namespace finch::text
