#include "core/text/HfTokenizer.h"

#include "core/common/Error.h"
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

} // namespace

HfTokenizer::HfTokenizer() = default;
HfTokenizer::~HfTokenizer() = default;

std::unique_ptr<HfTokenizer> HfTokenizer::load(const std::string& path)
{
    return fromJson(readJsonFile(path), path);
}

std::unique_ptr<HfTokenizer> HfTokenizer::fromJson(const Json& json, const std::string& source)
{
    if (!json.is_object() || !json.contains("model"))
        throw Error(source + ": expected a tokenizer.json object with a 'model'");
    std::unique_ptr<HfTokenizer> tokenizer(new HfTokenizer);
    tokenizer->model_ = std::make_unique<BpeModel>(json["model"], source + ": 'model'");
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
        if (token.normalized && tokenizer->normalizer_)
            token.content = tokenizer->normalizer_->normalize(token.content);
        tokenizer->vocabSize_ = std::max(tokenizer->vocabSize_, token.id + 1);
        tokenizer->added_.push_back(std::move(token));
    }
    for (size_t i = 0; i < tokenizer->added_.size(); ++i) {
        const AddedToken& token = tokenizer->added_[i];
        tokenizer->addedByFirstByte_[static_cast<unsigned char>(token.content[0])].push_back(&token);
        tokenizer->addedById_.emplace(token.id, i);
    }
    for (auto& candidates : tokenizer->addedByFirstByte_)
        std::stable_sort(candidates.begin(), candidates.end(),
                         [](const AddedToken* a, const AddedToken* b) { return a->content.size() > b->content.size(); });
    return tokenizer;
}

void HfTokenizer::splitOnAddedTokens(std::vector<Segment>& segments, bool normalizedTokens) const
{
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
            const AddedToken* found = nullptr;
            for (const AddedToken* candidate : addedByFirstByte_[static_cast<unsigned char>(text[at])])
                if (candidate->normalized == normalizedTokens && text.compare(at, candidate->content.size(), candidate->content) == 0) {
                    found = candidate; // the longest first: leftmost-longest, as the library matches
                    break;
                }
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
        if (const std::string* token = added ? &added->content : model_->tokenOf(id))
            tokens.push_back(*token);
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
    if (const std::string* token = model_->tokenOf(id))
        return *token;
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
