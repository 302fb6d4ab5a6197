#include "core/text/TokenizerPipeline.h"

#include "core/common/Error.h"
#include "core/common/JsonFile.h"
#include "core/common/Utf8.h"
#include "core/text/Regex.h"
#include "core/text/UnicodeText.h"

#include <algorithm>
#include <array>

namespace finch::text::pipeline {
namespace {

// ---- reading the JSON -------------------------------------------------------------

std::string typeOf(const Json& json, const std::string& where)
{
    if (!json.is_object() || !json.contains("type") || !json["type"].is_string())
        throw Error(where + ": expected an object with a 'type'");
    return json["type"].get<std::string>();
}

size_t count(const Json& json, const char* key, const std::string& where, size_t fallback)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return fallback;
    if (!it->is_number_unsigned() || it->get<uint64_t>() > 1000000)
        throw Error(where + ": '" + key + "': expected a count, found " + it->dump());
    return it->get<size_t>();
}

const Json& list(const Json& json, const char* key, const std::string& where)
{
    const auto it = json.find(key);
    if (it == json.end() || !it->is_array())
        throw Error(where + ": '" + key + "': expected a list");
    return *it;
}

[[noreturn]] void unsupported(const std::string& where, const std::string& kind, const std::string& type)
{
    throw Error(where + ": the " + kind + " \"" + type +
                "\" is not one Finch implements, so this tokenizer cannot be used exactly; see docs/ARCHITECTURE.md");
}

// A pattern is {"String": literal} or {"Regex": pattern}.
struct Pattern {
    std::string literal;
    std::unique_ptr<Regex> regex;

    Pattern(const Json& json, const std::string& where)
    {
        if (json.is_object() && json.contains("String") && json["String"].is_string())
            literal = json["String"].get<std::string>();
        else if (json.is_object() && json.contains("Regex") && json["Regex"].is_string())
            regex = std::make_unique<Regex>(json["Regex"].get<std::string>(), where);
        else
            throw Error(where + ": 'pattern': expected {\"String\": …} or {\"Regex\": …}, found " + json.dump());
        if (!regex && literal.empty())
            throw Error(where + ": 'pattern': an empty string matches nothing useful");
    }

    std::vector<std::pair<size_t, size_t>> findAll(std::string_view in) const
    {
        if (regex)
            return regex->findAll(in);
        std::vector<std::pair<size_t, size_t>> found;
        for (size_t at = in.find(literal); at != std::string_view::npos; at = in.find(literal, at + literal.size()))
            found.emplace_back(at, at + literal.size());
        return found;
    }
};

[[noreturn]] void grownPastLimit(const std::string& where, size_t limit)
{
    throw Error(where + ": normalizing makes the text longer than " + std::to_string(limit) + " bytes (" +
                std::to_string(kMaxNormalizedGrowth) + " times its size, and 4 KiB); Finch stops there rather than "
                "let a chain of normalizers grow it without bound");
}

// Throws finch::Error naming `where` before the result grows past `limit` bytes.
std::string replaceAll(const std::string& in, const Pattern& pattern, const std::string& content,
                       size_t limit = SIZE_MAX, const std::string& where = {})
{
    std::string out;
    size_t last = 0;
    for (const auto& [begin, end] : pattern.findAll(in)) {
        if (out.size() + (begin - last) + content.size() > limit)
            grownPastLimit(where, limit);
        out.append(in, last, begin - last);
        out += content;
        last = end;
    }
    if (out.size() + (in.size() - last) > limit)
        grownPastLimit(where, limit);
    out.append(in, last, std::string::npos);
    return out;
}

// ---- normalizers ------------------------------------------------------------------

class FormNormalizer : public Normalizer {
public:
    explicit FormNormalizer(NormalizationForm form) : form_(form) {}
    std::string normalizeWithin(std::string in, size_t) const override { return text::normalize(in, form_); }

private:
    NormalizationForm form_;
};

class LowercaseNormalizer : public Normalizer {
public:
    std::string normalizeWithin(std::string in, size_t) const override { return toLower(in); }
};

class PrependNormalizer : public Normalizer {
public:
    explicit PrependNormalizer(std::string prefix) : prefix_(std::move(prefix)) {}
    std::string normalizeWithin(std::string in, size_t) const override { return in.empty() ? in : prefix_ + in; }

private:
    std::string prefix_;
};

class ReplaceNormalizer : public Normalizer {
public:
    ReplaceNormalizer(const Json& json, const std::string& where)
        : pattern_(json.value("pattern", Json()), where), content_(textField(json, "content", where)), where_(where)
    {
    }
    std::string normalizeWithin(std::string in, size_t limit) const override
    {
        return replaceAll(in, pattern_, content_, limit, where_);
    }

private:
    Pattern pattern_;
    std::string content_, where_;
};

class StripNormalizer : public Normalizer {
public:
    StripNormalizer(bool left, bool right) : left_(left), right_(right) {}
    std::string normalizeWithin(std::string in, size_t) const override
    {
        size_t begin = 0, end = in.size();
        while (left_ && begin < end && isUnicodeWhitespace(codePointAt(in, begin)))
            begin += utf8Length(static_cast<unsigned char>(in[begin]));
        while (right_ && end > begin && isUnicodeWhitespace(codePointAt(in, previousCodePointStart(in, end))))
            end = previousCodePointStart(in, end);
        return in.substr(begin, end - begin);
    }

private:
    bool left_, right_;
};

class NormalizerSequence : public Normalizer {
public:
    NormalizerSequence(const Json& json, const std::string& where)
    {
        const Json& items = list(json, "normalizers", where);
        for (size_t i = 0; i < items.size(); ++i) {
            std::string stageWhere = where + "[" + std::to_string(i) + "]";
            if (auto stage = makeNormalizer(items[i], stageWhere))
                stages_.emplace_back(std::move(stage), std::move(stageWhere));
        }
    }
    std::string normalizeWithin(std::string in, size_t limit) const override
    {
        for (const auto& [stage, where] : stages_) {
            in = stage->normalizeWithin(std::move(in), limit);
            if (in.size() > limit)
                grownPastLimit(where, limit);
        }
        return in;
    }

private:
    std::vector<std::pair<std::unique_ptr<Normalizer>, std::string>> stages_; // with where each is in the file
};

// ---- splitting, as the library's SplitDelimiterBehavior ------------------------------

enum class Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

Behavior behaviorFrom(const std::string& name, const std::string& where)
{
    static const std::array<std::pair<const char*, Behavior>, 5> names{{{"Removed", Behavior::Removed},
                                                                         {"Isolated", Behavior::Isolated},
                                                                         {"MergedWithPrevious", Behavior::MergedWithPrevious},
                                                                         {"MergedWithNext", Behavior::MergedWithNext},
                                                                         {"Contiguous", Behavior::Contiguous}}};
    for (const auto& [word, behavior] : names)
        if (name == word)
            return behavior;
    throw Error(where + ": 'behavior': expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous, "
                        "found \"" + name + "\"");
}

struct Span {
    size_t begin, end;
    bool match;
};

// The piece cut at `matches` (sorted, not overlapping) with `behavior`.
void splitPiece(const Piece& piece, const std::vector<std::pair<size_t, size_t>>& matches, Behavior behavior, bool invert,
                std::vector<Piece>& out)
{
    std::vector<Span> spans;
    size_t last = 0;
    for (const auto& [begin, end] : matches) {
        if (begin > last)
            spans.push_back({last, begin, false});
        spans.push_back({begin, end, true});
        last = end;
    }
    if (last < piece.text.size() || spans.empty())
        spans.push_back({last, piece.text.size(), false});
    if (invert)
        for (Span& span : spans)
            span.match = !span.match;

    std::vector<Span> kept;
    bool previousMatch = false;
    switch (behavior) {
    case Behavior::Removed:
        for (const Span& span : spans)
            if (!span.match)
                kept.push_back(span);
        break;
    case Behavior::Isolated: kept = spans; break;
    case Behavior::MergedWithPrevious:
        for (const Span& span : spans) {
            if (span.match && !previousMatch && !kept.empty())
                kept.back().end = span.end;
            else
                kept.push_back(span);
            previousMatch = span.match;
        }
        break;
    case Behavior::MergedWithNext:
        for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
            if (it->match && !previousMatch && !kept.empty())
                kept.back().begin = it->begin;
            else
                kept.push_back(*it);
            previousMatch = it->match;
        }
        std::reverse(kept.begin(), kept.end());
        break;
    case Behavior::Contiguous:
        for (const Span& span : spans) {
            if (span.match == previousMatch && !kept.empty())
                kept.back().end = span.end;
            else
                kept.push_back(span);
            previousMatch = span.match;
        }
        break;
    }
    for (const Span& span : kept)
        if (span.end > span.begin)
            out.push_back({piece.text.substr(span.begin, span.end - span.begin), piece.atStart && span.begin == 0});
}

template <typename Split>
void splitEach(std::vector<Piece>& pieces, Split&& split)
{
    std::vector<Piece> out;
    out.reserve(pieces.size());
    for (const Piece& piece : pieces)
        split(piece, out);
    pieces = std::move(out);
}

// GPT-2's reversible map from bytes to printable characters (ByteLevel), as UTF-8 strings.
const std::vector<std::string>& byteToUnicode()
{
    static const std::vector<std::string> table = [] {
        // Printable bytes stand for themselves; the others take the code points from 256 on.
        std::vector<std::string> mapped(256);
        int next = 256;
        for (int byte = 0; byte < 256; ++byte) {
            const bool printable = (byte >= '!' && byte <= '~') || (byte >= 0xA1 && byte <= 0xAC) || byte >= 0xAE;
            const int code = printable ? byte : next++;
            std::string utf8;
            if (code < 0x80) {
                utf8 += static_cast<char>(code);
            } else {
                utf8 += static_cast<char>(0xC0 | (code >> 6));
                utf8 += static_cast<char>(0x80 | (code & 0x3F));
            }
            mapped[size_t(byte)] = utf8;
        }
        return mapped;
    }();
    return table;
}

// ---- pre-tokenizers ---------------------------------------------------------------

const char* const kGpt2Pattern = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

class SplitPreTokenizer : public PreTokenizer {
public:
    SplitPreTokenizer(const Json& json, const std::string& where)
        : pattern_(json.value("pattern", Json()), where), behavior_(behaviorFrom(textField(json, "behavior", where), where)),
          invert_(flagField(json, "invert", where, false))
    {
    }
    void split(std::vector<Piece>& pieces) const override
    {
        splitEach(pieces, [&](const Piece& piece, std::vector<Piece>& out) {
            splitPiece(piece, pattern_.findAll(piece.text), behavior_, invert_, out);
        });
    }

private:
    Pattern pattern_;
    Behavior behavior_;
    bool invert_;
};

// Splits at every match of a regular expression (Digits, Punctuation, Whitespace, …).
class RegexPreTokenizer : public PreTokenizer {
public:
    RegexPreTokenizer(const std::string& pattern, Behavior behavior, bool invert, const std::string& where)
        : regex_(pattern, where), behavior_(behavior), invert_(invert)
    {
    }
    void split(std::vector<Piece>& pieces) const override
    {
        splitEach(pieces, [&](const Piece& piece, std::vector<Piece>& out) {
            splitPiece(piece, regex_.findAll(piece.text), behavior_, invert_, out);
        });
    }

private:
    Regex regex_;
    Behavior behavior_;
    bool invert_;
};

class ByteLevelPreTokenizer : public PreTokenizer {
public:
    ByteLevelPreTokenizer(const Json& json, const std::string& where)
        : addPrefixSpace_(flagField(json, "add_prefix_space", where, true))
    {
        if (flagField(json, "use_regex", where, true))
            regex_ = std::make_unique<Regex>(kGpt2Pattern, where);
    }
    void split(std::vector<Piece>& pieces) const override
    {
        splitEach(pieces, [&](Piece piece, std::vector<Piece>& out) {
            if (addPrefixSpace_ && piece.text.rfind(' ', 0) != 0)
                piece.text = " " + piece.text;
            const size_t first = out.size();
            if (regex_)
                splitPiece(piece, regex_->findAll(piece.text), Behavior::Isolated, false, out);
            else if (!piece.text.empty())
                out.push_back(piece);
            // Every byte becomes a printable character, so the model sees no raw bytes.
            const auto& table = byteToUnicode();
            for (size_t i = first; i < out.size(); ++i) {
                std::string mapped;
                mapped.reserve(out[i].text.size() * 2);
                for (const char byte : out[i].text)
                    mapped += table[static_cast<unsigned char>(byte)];
                out[i].text = std::move(mapped);
            }
        });
    }

private:
    bool addPrefixSpace_;
    std::unique_ptr<Regex> regex_;
};

class MetaspacePreTokenizer : public PreTokenizer {
public:
    MetaspacePreTokenizer(const Json& json, const std::string& where)
        : replacement_(textField(json, "replacement", where, "\u2581")), split_(flagField(json, "split", where, true)),
          space_(Json{{"String", " "}}, where)
    {
        // Older files say add_prefix_space instead of prepend_scheme.
        std::string scheme = textField(json, "prepend_scheme", where, flagField(json, "add_prefix_space", where, true) ? "always" : "never");
        if (scheme != "always" && scheme != "first" && scheme != "never")
            throw Error(where + ": 'prepend_scheme': expected always, first or never, found \"" + scheme + "\"");
        scheme_ = scheme;
    }
    void split(std::vector<Piece>& pieces) const override
    {
        splitEach(pieces, [&](Piece piece, std::vector<Piece>& out) {
            piece.text = replaceAll(piece.text, space_, replacement_);
            const bool prepend = scheme_ == "always" || (scheme_ == "first" && piece.atStart);
            if (prepend && piece.text.rfind(replacement_, 0) != 0)
                piece.text = replacement_ + piece.text;
            if (!split_) {
                if (!piece.text.empty())
                    out.push_back(std::move(piece));
                return;
            }
            std::vector<std::pair<size_t, size_t>> marks;
            for (size_t at = piece.text.find(replacement_); at != std::string::npos;
                 at = piece.text.find(replacement_, at + replacement_.size()))
                marks.emplace_back(at, at + replacement_.size());
            splitPiece(piece, marks, Behavior::MergedWithNext, false, out);
        });
    }

private:
    std::string replacement_;
    std::string scheme_;
    bool split_;
    Pattern space_;
};

class PreTokenizerSequence : public PreTokenizer {
public:
    explicit PreTokenizerSequence(std::vector<std::unique_ptr<PreTokenizer>> stages) : stages_(std::move(stages)) {}
    void split(std::vector<Piece>& pieces) const override
    {
        for (const auto& stage : stages_)
            stage->split(pieces);
    }

private:
    std::vector<std::unique_ptr<PreTokenizer>> stages_;
};

// ---- decoders ---------------------------------------------------------------------

class ByteLevelDecoder : public Decoder {
public:
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        // The inverse of byteToUnicode, by the character's UTF-8 text.
        static const auto inverse = [] {
            std::vector<std::pair<std::string, char>> pairs;
            for (int byte = 0; byte < 256; ++byte)
                pairs.emplace_back(byteToUnicode()[size_t(byte)], static_cast<char>(byte));
            std::sort(pairs.begin(), pairs.end());
            return pairs;
        }();
        std::string bytes;
        for (const std::string& token : tokens) {
            // A token all of whose characters come from the byte table gives its bytes; any
            // other (an added token) is taken as it is written.
            std::string mapped;
            bool fromTable = true;
            for (size_t at = 0; at < token.size() && fromTable;) {
                const size_t length = utf8Length(static_cast<unsigned char>(token[at]));
                const std::string character = token.substr(at, length);
                const auto it = std::lower_bound(inverse.begin(), inverse.end(), std::make_pair(character, char(0)),
                                                 [](const auto& a, const auto& b) { return a.first < b.first; });
                fromTable = it != inverse.end() && it->first == character;
                if (fromTable)
                    mapped += it->second;
                at += length;
            }
            bytes += fromTable ? mapped : token;
        }
        return {utf8Lossy(bytes)};
    }
};

class ReplaceDecoder : public Decoder {
public:
    ReplaceDecoder(const Json& json, const std::string& where)
        : pattern_(json.value("pattern", Json()), where), content_(textField(json, "content", where))
    {
    }
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        for (std::string& token : tokens)
            token = replaceAll(token, pattern_, content_);
        return tokens;
    }

private:
    Pattern pattern_;
    std::string content_;
};

// "<0x41>" -> 0x41, or -1.
int byteToken(const std::string& token)
{
    if (token.size() != 6 || token.compare(0, 3, "<0x") != 0 || token[5] != '>')
        return -1;
    int value = 0;
    for (size_t i = 3; i < 5; ++i) {
        const char c = token[i];
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                 : -1;
        if (digit < 0)
            return -1;
        value = value * 16 + digit;
    }
    return value;
}

class ByteFallbackDecoder : public Decoder {
public:
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        std::vector<std::string> out;
        std::string bytes;
        size_t byteTokens = 0;
        auto flush = [&] {
            if (byteTokens == 0)
                return;
            if (findValid(bytes))
                out.push_back(bytes);
            else
                for (size_t i = 0; i < byteTokens; ++i)
                    out.emplace_back("\xEF\xBF\xBD"); // one U+FFFD per byte token, as the library
            bytes.clear();
            byteTokens = 0;
        };
        for (std::string& token : tokens) {
            const int byte = byteToken(token);
            if (byte >= 0) {
                bytes += static_cast<char>(byte);
                ++byteTokens;
            } else {
                flush();
                out.push_back(std::move(token));
            }
        }
        flush();
        return out;
    }

private:
    static bool findValid(const std::string& bytes) { return utf8Lossy(bytes) == bytes; }
};

class FuseDecoder : public Decoder {
public:
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        std::string all;
        for (const std::string& token : tokens)
            all += token;
        return {all};
    }
};

class StripDecoder : public Decoder {
public:
    StripDecoder(const Json& json, const std::string& where)
        : content_(textField(json, "content", where, " ")), start_(count(json, "start", where, 0)),
          stop_(count(json, "stop", where, 0))
    {
    }
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        for (std::string& token : tokens) {
            size_t begin = 0, end = token.size();
            for (size_t i = 0; i < start_ && token.compare(begin, content_.size(), content_) == 0 && begin < end; ++i)
                begin += content_.size();
            for (size_t i = 0; i < stop_ && end - begin >= content_.size() &&
                               token.compare(end - content_.size(), content_.size(), content_) == 0;
                 ++i)
                end -= content_.size();
            token = token.substr(begin, end - begin);
        }
        return tokens;
    }

private:
    std::string content_;
    size_t start_, stop_;
};

class MetaspaceDecoder : public Decoder {
public:
    MetaspaceDecoder(const Json& json, const std::string& where)
        : replacement_(textField(json, "replacement", where, "\u2581")),
          prependScheme_(textField(json, "prepend_scheme", where, flagField(json, "add_prefix_space", where, true) ? "always" : "never")),
          mark_(Json{{"String", replacement_}}, where)
    {
    }
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        // The first token loses its marks (the one the pre-tokenizer prepended among them);
        // elsewhere each mark is a space.
        for (size_t i = 0; i < tokens.size(); ++i)
            tokens[i] = replaceAll(tokens[i], mark_, i == 0 && prependScheme_ != "never" ? "" : " ");
        return tokens;
    }

private:
    std::string replacement_, prependScheme_;
    Pattern mark_;
};

class DecoderSequence : public Decoder {
public:
    explicit DecoderSequence(std::vector<std::unique_ptr<Decoder>> stages) : stages_(std::move(stages)) {}
    std::vector<std::string> decode(std::vector<std::string> tokens) const override
    {
        for (const auto& stage : stages_)
            tokens = stage->decode(std::move(tokens));
        return tokens;
    }

private:
    std::vector<std::unique_ptr<Decoder>> stages_;
};

// ---- post-processors --------------------------------------------------------------

class TemplateProcessor : public PostProcessor {
public:
    TemplateProcessor(const Json& json, const std::string& where)
    {
        const Json& special = json.value("special_tokens", Json::object());
        for (const Json& item : list(json, "single", where)) {
            if (item.contains("Sequence")) {
                template_.push_back(-1);
            } else if (item.contains("SpecialToken") && item["SpecialToken"].value("id", Json()).is_string()) {
                const std::string name = item["SpecialToken"]["id"].get<std::string>();
                const auto it = special.find(name);
                if (it == special.end() || !it->contains("ids") || !(*it)["ids"].is_array())
                    throw Error(where + ": 'special_tokens': no ids for \"" + name + "\"");
                for (const Json& id : (*it)["ids"]) {
                    if (!id.is_number_unsigned() || id.get<uint64_t>() > uint64_t(INT32_MAX))
                        throw Error(where + ": 'special_tokens': \"" + name + "\" has an id that is not one: " + id.dump());
                    template_.push_back(id.get<int>());
                }
            } else {
                throw Error(where + ": 'single': expected Sequence or SpecialToken items, found " + item.dump());
            }
        }
    }
    std::vector<int> addSpecialTokens(std::vector<int> ids) const override
    {
        std::vector<int> out;
        out.reserve(ids.size() + template_.size());
        for (const int item : template_) {
            if (item < 0)
                out.insert(out.end(), ids.begin(), ids.end());
            else
                out.push_back(item);
        }
        return out;
    }

private:
    std::vector<int> template_; // -1: the sequence
};

// ByteLevel's post-processing only trims offsets, which ids do not have.
class IdentityProcessor : public PostProcessor {
public:
    std::vector<int> addSpecialTokens(std::vector<int> ids) const override { return ids; }
};

class ProcessorSequence : public PostProcessor {
public:
    explicit ProcessorSequence(std::vector<std::unique_ptr<PostProcessor>> stages) : stages_(std::move(stages)) {}
    std::vector<int> addSpecialTokens(std::vector<int> ids) const override
    {
        for (const auto& stage : stages_)
            ids = stage->addSpecialTokens(std::move(ids));
        return ids;
    }

private:
    std::vector<std::unique_ptr<PostProcessor>> stages_;
};

template <typename Stage, typename Make>
std::vector<std::unique_ptr<Stage>> stagesOf(const Json& json, const char* key, const std::string& where, Make&& make)
{
    std::vector<std::unique_ptr<Stage>> stages;
    const Json& items = list(json, key, where);
    for (size_t i = 0; i < items.size(); ++i)
        if (auto stage = make(items[i], where + "[" + std::to_string(i) + "]"))
            stages.push_back(std::move(stage));
    return stages;
}

} // namespace

std::string Normalizer::normalize(std::string text) const
{
    const size_t limit = kMaxNormalizedGrowth * text.size() + 4096;
    return normalizeWithin(std::move(text), limit);
}

std::unique_ptr<Normalizer> makeNormalizer(const Json& json, const std::string& where)
{
    if (json.is_null())
        return nullptr;
    const std::string type = typeOf(json, where);
    if (type == "NFC")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfc);
    if (type == "NFD")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfd);
    if (type == "NFKC")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfkc);
    if (type == "NFKD")
        return std::make_unique<FormNormalizer>(NormalizationForm::Nfkd);
    if (type == "Lowercase")
        return std::make_unique<LowercaseNormalizer>();
    if (type == "Prepend")
        return std::make_unique<PrependNormalizer>(textField(json, "prepend", where));
    if (type == "Replace")
        return std::make_unique<ReplaceNormalizer>(json, where);
    if (type == "Strip")
        return std::make_unique<StripNormalizer>(flagField(json, "strip_left", where, true), flagField(json, "strip_right", where, true));
    if (type == "Sequence")
        return std::make_unique<NormalizerSequence>(json, where);
    unsupported(where, "normalizer", type);
}

std::unique_ptr<PreTokenizer> makePreTokenizer(const Json& json, const std::string& where)
{
    if (json.is_null())
        return nullptr;
    const std::string type = typeOf(json, where);
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelPreTokenizer>(json, where);
    if (type == "Split")
        return std::make_unique<SplitPreTokenizer>(json, where);
    if (type == "Metaspace")
        return std::make_unique<MetaspacePreTokenizer>(json, where);
    if (type == "Digits")
        return std::make_unique<RegexPreTokenizer>("\\p{N}", flagField(json, "individual_digits", where, false)
                                                                  ? Behavior::Isolated
                                                                  : Behavior::Contiguous,
                                                   false, where);
    if (type == "Punctuation")
        return std::make_unique<RegexPreTokenizer>("[\\p{P}!-/:-@\\[-`{-~]",
                                                   behaviorFrom(textField(json, "behavior", where, "Isolated"), where), false, where);
    if (type == "Whitespace") // words and runs of other non-spaces; the spaces go
        return std::make_unique<RegexPreTokenizer>("\\w+|[^\\w\\s]+", Behavior::Removed, true, where);
    if (type == "WhitespaceSplit")
        return std::make_unique<RegexPreTokenizer>("\\s+", Behavior::Removed, false, where);
    if (type == "Sequence")
        return std::make_unique<PreTokenizerSequence>(stagesOf<PreTokenizer>(json, "pretokenizers", where, makePreTokenizer));
    unsupported(where, "pre-tokenizer", type);
}

std::unique_ptr<Decoder> makeDecoder(const Json& json, const std::string& where)
{
    if (json.is_null())
        return nullptr;
    const std::string type = typeOf(json, where);
    if (type == "ByteLevel")
        return std::make_unique<ByteLevelDecoder>();
    if (type == "Replace")
        return std::make_unique<ReplaceDecoder>(json, where);
    if (type == "ByteFallback")
        return std::make_unique<ByteFallbackDecoder>();
    if (type == "Fuse")
        return std::make_unique<FuseDecoder>();
    if (type == "Strip")
        return std::make_unique<StripDecoder>(json, where);
    if (type == "Metaspace")
        return std::make_unique<MetaspaceDecoder>(json, where);
    if (type == "Sequence")
        return std::make_unique<DecoderSequence>(stagesOf<Decoder>(json, "decoders", where, makeDecoder));
    unsupported(where, "decoder", type);
}

std::unique_ptr<PostProcessor> makePostProcessor(const Json& json, const std::string& where)
{
    if (json.is_null())
        return nullptr;
    const std::string type = typeOf(json, where);
    if (type == "TemplateProcessing")
        return std::make_unique<TemplateProcessor>(json, where);
    if (type == "ByteLevel")
        return std::make_unique<IdentityProcessor>();
    if (type == "Sequence")
        return std::make_unique<ProcessorSequence>(stagesOf<PostProcessor>(json, "processors", where, makePostProcessor));
    unsupported(where, "post-processor", type);
}

} // namespace finch::text::pipeline
