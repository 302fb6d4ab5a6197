#include "core/text/HfTokenizer.h"

#include "core/common/Error.h"
#include "core/common/FileIO.h"
#include "core/common/JsonFile.h"
#include "core/common/Utf8.h"
#include "core/text/BpeModel.h"
#include "core/text/TokenizerPipeline.h"

#include <algorithm>
#include <stdexcept>

namespace finch::text {
namespace {

using Json = nlohmann::ordered_json;

// Letters, digits and '_' (ASCII and beyond): what a single_word token must not touch.
bool isWordCharacter(char32_t c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= 0xC0 && !isUnicodeWhitespace(c) && c != 0xD7 && c != 0xF7);
}

// Reads a tokenizer.json in one pass, in time linear in its size: a DOM of the document
// except the model's vocab and merges, whose entries go straight to a BpeModel::Source.
// (nlohmann's own DOM parser looks through an ordered_json object's keys for each key it
// adds: quadratic, half a minute for a vocab of Qwen3's 151k tokens.)
class TokenizerJsonReader final : public nlohmann::json_sax<Json> {
public:
    explicit TokenizerJsonReader(const std::string& path) : path_(path), where_(path + ": 'model'") {}

    Json read(std::string_view text)
    {
        text_ = text;
        Json::sax_parse(text.begin(), text.end(), this);
        return std::move(root_);
    }
    BpeModel::Source takeSource() { return std::move(source_); }

    bool null() override { return scalar(Json()); }
    bool boolean(bool value) override { return scalar(Json(value)); }
    bool number_integer(number_integer_t value) override { return scalar(Json(value)); }
    bool number_unsigned(number_unsigned_t value) override { return scalar(Json(value)); }
    bool number_float(number_float_t value, const string_t&) override { return scalar(Json(value)); }
    bool binary(binary_t&) override { return true; } // JSON text has none

    bool string(string_t& value) override
    {
        switch (part_) {
        case Part::Merges: source_.addSpacedMerge(value, where_); return true;
        case Part::MergePair:
            if (pairSize_ < 2)
                pair_[pairSize_] = value;
            ++pairSize_;
            return true;
        default: return scalar(Json(std::move(value)));
        }
    }

    bool key(string_t& value) override
    {
        key_.swap(value);
        return true;
    }

    bool start_object(std::size_t) override
    {
        enter();
        if (part_ != Part::Document)
            misplaced("an object");
        const bool vocab = inModel() && key_ == "vocab";
        const bool model = open_.size() == 1 && open_[0]->is_object() && key_ == "model";
        Json& object = add(Json::object());
        if (vocab) {
            part_ = Part::Vocab;
            return true;
        }
        if (model)
            model_ = &object;
        open_.push_back(&object);
        return true;
    }

    bool end_object() override
    {
        --depth_;
        if (part_ == Part::Vocab) {
            part_ = Part::Document;
            return true;
        }
        requireDistinctKeys(*open_.back());
        open_.pop_back();
        return true;
    }

    bool start_array(std::size_t) override
    {
        enter();
        if (part_ == Part::Merges) {
            part_ = Part::MergePair;
            pairSize_ = 0;
            return true;
        }
        if (part_ != Part::Document)
            misplaced("a list");
        const bool merges = inModel() && key_ == "merges";
        Json& array = add(Json::array());
        if (merges)
            part_ = Part::Merges;
        else
            open_.push_back(&array);
        return true;
    }

    bool end_array() override
    {
        --depth_;
        if (part_ == Part::MergePair) {
            if (pairSize_ != 2)
                misplaced("a list of " + std::to_string(pairSize_) + " texts");
            source_.addMerge(pair_[0], pair_[1]);
            part_ = Part::Merges;
        } else if (part_ == Part::Merges) {
            part_ = Part::Document;
        } else {
            open_.pop_back();
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) override
    {
        const std::string_view before = text_.substr(0, std::min(text_.size(), position > 0 ? position - 1 : 0));
        const size_t line = 1 + size_t(std::count(before.begin(), before.end(), '\n'));
        const size_t newline = before.rfind('\n');
        const size_t column = before.size() - (newline == std::string_view::npos ? 0 : newline + 1) + 1;
        std::string what = error.what();
        // nlohmann's message repeats the position; keep what went wrong.
        if (const size_t cut = what.find(": ", what.find("column")); cut != std::string::npos)
            what.erase(0, cut + 2);
        throw Error(path_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": not valid JSON: " + what);
    }

private:
    enum class Part { Document, Vocab, Merges, MergePair };

    bool inModel() const { return open_.size() == 2 && open_[1] == model_; }

    void enter()
    {
        // The limit parseJson keeps: nlohmann's parser does not recurse, but copies and dump() do.
        if (++depth_ > kMaxJsonDepth)
            throw Error(path_ + ": JSON nested more than " + std::to_string(kMaxJsonDepth) +
                        " levels deep; Finch reads at most that");
    }

    // Adds a value to the open container. Objects take their keys without looking for the
    // same key before (requireDistinctKeys checks once they are complete).
    Json& add(Json value)
    {
        if (open_.empty())
            return root_ = std::move(value);
        Json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return parent.back();
        }
        auto& entries = static_cast<Json::object_t::Container&>(parent.get_ref<Json::object_t&>());
        entries.emplace_back(std::move(key_), std::move(value));
        return entries.back().second;
    }

    bool scalar(Json value)
    {
        switch (part_) {
        case Part::Vocab: source_.addToken(key_, value, where_); break;
        case Part::Document: add(std::move(value)); break;
        default: misplaced(value.dump());
        }
        return true;
    }

    // Something other than an id in the vocab, or than a merge in the merges.
    [[noreturn]] void misplaced(const std::string& found) const
    {
        if (part_ == Part::Vocab)
            throw Error(where_ + ": 'vocab': the id of \"" + key_ + "\" is not an id: found " + found);
        throw Error(where_ + ": 'merges'[" + std::to_string(source_.merges()) +
                    "]: expected \"a b\" or a pair of tokens, found " + found);
    }

    // A key given twice is refused, as the library refuses a field given twice.
    void requireDistinctKeys(const Json& object) const
    {
        std::vector<std::string_view> keys;
        keys.reserve(object.size());
        for (const auto& [key, value] : object.items())
            keys.push_back(key);
        std::sort(keys.begin(), keys.end());
        if (const auto twice = std::adjacent_find(keys.begin(), keys.end()); twice != keys.end())
            throw Error(path_ + ": the key \"" + std::string(*twice) + "\" appears twice in one object");
    }

    const std::string& path_;
    const std::string where_;
    std::string_view text_;
    Json root_;
    std::vector<Json*> open_; // the containers being filled, innermost last
    const Json* model_ = nullptr;
    std::string key_;
    Part part_ = Part::Document;
    int depth_ = 0;
    std::string pair_[2];
    size_t pairSize_ = 0;
    BpeModel::Source source_;
};

} // namespace

// The added tokens of one kind as a byte trie: the longest one at a place in the text is
// found in as many steps as it has bytes, however many there are (Gemma 3 has 6,000, most
// of them starting with '<').
class AddedTokenTrie {
public:
    AddedTokenTrie() : nodes_(1) { std::fill(std::begin(rootChildren_), std::end(rootChildren_), 0); }

    // Of two tokens with the same text, the first added is the one found.
    void add(std::string_view content, int token)
    {
        size_t node = 0;
        for (const char c : content) {
            const unsigned char byte = static_cast<unsigned char>(c);
            int child = childOf(node, byte);
            if (child == 0) {
                child = int(nodes_.size());
                if (node == 0)
                    rootChildren_[byte] = child;
                else
                    nodes_[node].children.emplace_back(byte, child);
                nodes_.emplace_back();
            }
            node = size_t(child);
        }
        if (nodes_[node].token < 0)
            nodes_[node].token = token;
    }

    // The longest token that `text` has at `at`, or -1.
    int longestAt(std::string_view text, size_t at) const
    {
        int found = -1;
        for (size_t node = 0; at < text.size();) {
            const int child = childOf(node, static_cast<unsigned char>(text[at++]));
            if (child == 0)
                break;
            node = size_t(child);
            if (nodes_[node].token >= 0)
                found = nodes_[node].token;
        }
        return found;
    }

private:
    struct Node {
        int token = -1;
        std::vector<std::pair<unsigned char, int>> children;
    };

    int childOf(size_t node, unsigned char byte) const // 0 for none (the root is no one's child)
    {
        if (node == 0)
            return rootChildren_[byte];
        for (const auto& [edge, child] : nodes_[node].children)
            if (edge == byte)
                return child;
        return 0;
    }

    std::vector<Node> nodes_;
    int rootChildren_[256];
};

HfTokenizer::HfTokenizer() = default;
HfTokenizer::~HfTokenizer() = default;

std::unique_ptr<HfTokenizer> HfTokenizer::load(const std::string& path)
{
    const std::string text = readWholeFile(path);
    TokenizerJsonReader reader(path);
    const Json json = reader.read(text);
    if (!json.is_object() || !json.contains("model"))
        throw Error(path + ": expected a tokenizer.json object with a 'model'");
    return assemble(json, std::make_unique<BpeModel>(json["model"], reader.takeSource(), path + ": 'model'"), path);
}

std::unique_ptr<HfTokenizer> HfTokenizer::fromJson(const Json& json, const std::string& source)
{
    if (!json.is_object() || !json.contains("model"))
        throw Error(source + ": expected a tokenizer.json object with a 'model'");
    return assemble(json, std::make_unique<BpeModel>(json["model"], source + ": 'model'"), source);
}

std::unique_ptr<HfTokenizer> HfTokenizer::assemble(const Json& json, std::unique_ptr<BpeModel> model,
                                                   const std::string& source)
{
    std::unique_ptr<HfTokenizer> tokenizer(new HfTokenizer);
    tokenizer->model_ = std::move(model);
    tokenizer->normalizer_ = pipeline::makeNormalizer(json.value("normalizer", Json()), source + ": 'normalizer'");
    tokenizer->preTokenizer_ = pipeline::makePreTokenizer(json.value("pre_tokenizer", Json()), source + ": 'pre_tokenizer'");
    tokenizer->postProcessor_ =
        pipeline::makePostProcessor(json.value("post_processor", Json()), source + ": 'post_processor'");
    tokenizer->decoder_ = pipeline::makeDecoder(json.value("decoder", Json()), source + ": 'decoder'");
    if (json.contains("truncation") && !json["truncation"].is_null())
        throw Error(source + ": 'truncation' is set; Finch truncates itself (max_seq_length) and reads only null here");

    tokenizer->vocabSize_ = tokenizer->model_->size();
    const Json& added = json.value("added_tokens", Json::array());
    if (!added.is_array())
        throw Error(source + ": 'added_tokens': expected a list");
    for (auto& trie : tokenizer->addedTries_)
        trie = std::make_unique<AddedTokenTrie>();
    for (size_t i = 0; i < added.size(); ++i) {
        const std::string where = source + ": 'added_tokens'[" + std::to_string(i) + "]";
        const Json& entry = added[i];
        if (!entry.is_object() || !entry.value("content", Json()).is_string() || entry["content"].get<std::string>().empty() ||
            !entry.value("id", Json()).is_number_unsigned() || entry["id"].get<uint64_t>() > 16'000'000)
            throw Error(where + ": expected an object with an 'id' and a non-empty 'content'");
        AddedToken token;
        token.id = entry["id"].get<int>();
        token.content = entry["content"].get<std::string>();
        token.special = flagField(entry, "special", where);
        token.lstrip = flagField(entry, "lstrip", where);
        token.rstrip = flagField(entry, "rstrip", where);
        token.singleWord = flagField(entry, "single_word", where);
        token.normalized = entry.contains("normalized") ? flagField(entry, "normalized", where) : !token.special;
        // A normalized token is looked for in the normalized text, so in its normalized form.
        if (token.normalized && tokenizer->normalizer_) {
            token.content = tokenizer->normalizer_->normalize(token.content);
            // It would match everywhere without consuming anything.
            if (token.content.empty())
                throw Error(where + ": \"" + entry["content"].get<std::string>() +
                            "\" normalizes to nothing, so it cannot be found in a text");
        }
        tokenizer->addedTries_[token.normalized]->add(token.content, int(i));
        tokenizer->addedById_.emplace(token.id, i);
        tokenizer->vocabSize_ = std::max(tokenizer->vocabSize_, token.id + 1);
        tokenizer->added_.push_back(std::move(token));
    }
    return tokenizer;
}

void HfTokenizer::splitOnAddedTokens(std::vector<Segment>& segments, bool normalizedTokens) const
{
    const AddedTokenTrie& trie = *addedTries_[normalizedTokens];
    std::vector<Segment> out;
    for (Segment& segment : segments) {
        if (segment.id >= 0) {
            out.push_back(std::move(segment));
            continue;
        }
        const std::string& text = segment.text;
        size_t emitted = 0; // text before this offset is already in `out`
        size_t at = 0;
        while (at < text.size()) {
            // The longest at the leftmost place: leftmost-longest, as the library matches.
            const int index = trie.longestAt(text, at);
            const AddedToken* found = index >= 0 ? &added_[size_t(index)] : nullptr;
            size_t start = at, stop = found ? at + found->content.size() : 0;
            if (found && found->singleWord) {
                const bool spaceBefore = start == 0 || !isWordCharacter(codePointAt(text, previousCodePointStart(text, start)));
                const bool spaceAfter = stop == text.size() || !isWordCharacter(codePointAt(text, stop));
                if (!spaceBefore || !spaceAfter)
                    found = nullptr;
            }
            if (!found) {
                at += utf8Length(static_cast<unsigned char>(text[at]));
                continue;
            }
            if (found->lstrip)
                while (start > emitted && isUnicodeWhitespace(codePointAt(text, previousCodePointStart(text, start))))
                    start = previousCodePointStart(text, start);
            if (found->rstrip)
                while (stop < text.size() && isUnicodeWhitespace(codePointAt(text, stop)))
                    stop += utf8Length(static_cast<unsigned char>(text[stop]));
            if (start > emitted)
                out.push_back({text.substr(emitted, start - emitted), -1, segment.atStart && emitted == 0});
            out.push_back({{}, found->id, false});
            emitted = at = stop;
        }
        if (emitted < text.size())
            out.push_back({text.substr(emitted), -1, segment.atStart && emitted == 0});
    }
    segments = std::move(out);
}

void HfTokenizer::encodeSegment(const Segment& segment, std::vector<int>& ids) const
{
    std::vector<Segment> parts{segment};
    if (normalizer_) {
        parts[0].text = normalizer_->normalize(std::move(parts[0].text));
        splitOnAddedTokens(parts, true);
    }
    for (const Segment& part : parts) {
        if (part.id >= 0) {
            ids.push_back(part.id);
            continue;
        }
        std::vector<pipeline::Piece> pieces{{part.text, part.atStart}};
        if (preTokenizer_)
            preTokenizer_->split(pieces);
        for (const pipeline::Piece& piece : pieces)
            model_->tokenize(piece.text, ids);
    }
}

std::vector<int> HfTokenizer::encode(std::string_view text, bool addSpecialTokens) const
{
    if (findInvalidUtf8(text) != std::string_view::npos)
        throw Error("cannot tokenize text that is not valid UTF-8");
    std::vector<Segment> segments{{std::string(text), -1, true}};
    splitOnAddedTokens(segments, false);
    std::vector<int> ids;
    for (const Segment& segment : segments) {
        if (segment.id >= 0)
            ids.push_back(segment.id);
        else
            encodeSegment(segment, ids);
    }
    return addSpecialTokens && postProcessor_ ? postProcessor_->addSpecialTokens(std::move(ids)) : ids;
}

std::vector<std::string> HfTokenizer::encodeAsPieces(std::string_view text) const
{
    std::vector<std::string> pieces;
    for (const int id : encode(text))
        pieces.push_back(idToPiece(id));
    return pieces;
}

const AddedToken* HfTokenizer::addedById(int id) const
{
    const auto it = addedById_.find(id);
    return it == addedById_.end() ? nullptr : &added_[it->second];
}

std::string HfTokenizer::decode(const std::vector<int>& ids, bool skipSpecialTokens) const
{
    std::vector<std::string> tokens;
    tokens.reserve(ids.size());
    for (const int id : ids) {
        const AddedToken* added = addedById(id);
        if (added && added->special && skipSpecialTokens)
            continue;
        // Ids past the tokenizer (a model's spare embedding rows) decode to nothing, as in the library.
        if (added)
            tokens.push_back(added->content);
        else if (const auto token = model_->tokenOf(id))
            tokens.emplace_back(*token);
    }
    if (!decoder_) {
        std::string joined;
        for (size_t i = 0; i < tokens.size(); ++i)
            joined += (i ? " " : "") + tokens[i];
        return joined;
    }
    std::string text;
    for (const std::string& piece : decoder_->decode(std::move(tokens)))
        text += piece;
    return text;
}

std::string HfTokenizer::idToPiece(int id) const
{
    if (const auto token = model_->tokenOf(id))
        return std::string(*token);
    if (const AddedToken* added = addedById(id))
        return added->content;
    throw std::out_of_range("token id " + std::to_string(id) + " is outside the vocabulary");
}

int HfTokenizer::pieceToId(std::string_view piece) const
{
    for (const AddedToken& token : added_)
        if (token.content == piece)
            return token.id;
    const int id = model_->idOf(piece);
    return id >= 0 ? id : unkId();
}

int HfTokenizer::unkId() const
{
    return model_->unkId();
}

void HfTokenizer::setSpecialTokens(const std::string& bos, const std::string& eos, const std::string& pad,
                                   const std::string& where)
{
    auto idOf = [&](const std::string& name, const char* role) {
        if (name.empty())
            return -1;
        for (const AddedToken& token : added_)
            if (token.content == name)
                return token.id;
        const int id = model_->idOf(name);
        if (id < 0)
            throw Error(where + ": the " + role + " token \"" + name + "\" is not in the tokenizer's vocabulary");
        return id;
    };
    bosId_ = idOf(bos, "bos");
    eosId_ = idOf(eos, "eos");
    padId_ = idOf(pad, "pad");
}

} // namespace finch::text
