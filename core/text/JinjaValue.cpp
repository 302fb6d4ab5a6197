#include "core/text/JinjaValue.h"

#include "core/common/Utf8.h"
#include "core/text/UnicodeText.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace finch::text::jinja {
namespace {

// Python's str.isspace(): Unicode White_Space and the ASCII separators \x1c-\x1f.
bool isPythonSpace(char32_t c) { return isUnicodeWhitespace(c) || (c >= 0x1C && c <= 0x1F); }

std::vector<size_t> codePointStarts(const std::string& text)
{
    std::vector<size_t> starts;
    for (size_t at = 0; at < text.size(); at += std::max<size_t>(1, utf8Length(static_cast<unsigned char>(text[at]))))
        starts.push_back(at);
    return starts;
}

std::string character(const std::string& text, const std::vector<size_t>& starts, size_t index)
{
    const size_t end = index + 1 < starts.size() ? starts[index + 1] : text.size();
    return text.substr(starts[index], end - starts[index]);
}

void appendJsonString(std::string& out, const std::string& text, bool ensureAscii)
{
    out += '"';
    for (size_t at = 0; at < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[at]);
        char buffer[16];
        switch (c) {
        case '"': out += "\\\""; ++at; continue;
        case '\\': out += "\\\\"; ++at; continue;
        case '\n': out += "\\n"; ++at; continue;
        case '\r': out += "\\r"; ++at; continue;
        case '\t': out += "\\t"; ++at; continue;
        case '\b': out += "\\b"; ++at; continue;
        case '\f': out += "\\f"; ++at; continue;
        default: break;
        }
        if (c < 0x20) {
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
            ++at;
        } else if (c < 0x80 || !ensureAscii) {
            out += static_cast<char>(c);
            ++at;
        } else {
            const char32_t code = codePointAt(text, at);
            at += utf8Length(c);
            if (code >= 0x10000) {
                const char32_t v = code - 0x10000;
                std::snprintf(buffer, sizeof buffer, "\\u%04x\\u%04x", unsigned(0xD800 + (v >> 10)),
                              unsigned(0xDC00 + (v & 0x3FF)));
            } else {
                std::snprintf(buffer, sizeof buffer, "\\u%04x", unsigned(code));
            }
            out += buffer;
        }
    }
    out += '"';
}

struct JsonWriter {
    const std::string* indent; // null: everything on one line
    std::string itemSeparator, keySeparator;
    bool sortKeys, ensureAscii;
    const Fail& fail;

    void newline(std::string& out, int level) const
    {
        out += '\n';
        for (int i = 0; i < level; ++i)
            out += *indent;
    }

    void write(std::string& out, const Value& value, int level) const
    {
        if (level > 256)
            fail("tojson: the value nests too deeply");
        switch (value.kind()) {
        case Kind::None: out += "null"; return;
        case Kind::Bool: out += value.asInt() ? "true" : "false"; return;
        case Kind::Int: out += std::to_string(value.asInt()); return;
        case Kind::Float: {
            const double f = value.asFloat();
            out += std::isnan(f) ? "NaN" : std::isinf(f) ? (f > 0 ? "Infinity" : "-Infinity") : pythonFloat(f);
            return;
        }
        case Kind::String: appendJsonString(out, value.string(), ensureAscii); return;
        case Kind::List: {
            const List& items = value.list();
            if (items.empty()) {
                out += "[]";
                return;
            }
            out += '[';
            for (size_t i = 0; i < items.size(); ++i) {
                if (i > 0)
                    out += itemSeparator;
                if (indent)
                    newline(out, level + 1);
                write(out, items[i], level + 1);
            }
            if (indent)
                newline(out, level);
            out += ']';
            return;
        }
        case Kind::Dict: {
            std::vector<const std::pair<std::string, Value>*> entries;
            for (const auto& entry : value.dict().entries)
                entries.push_back(&entry);
            if (entries.empty()) {
                out += "{}";
                return;
            }
            if (sortKeys)
                std::stable_sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
            out += '{';
            for (size_t i = 0; i < entries.size(); ++i) {
                if (i > 0)
                    out += itemSeparator;
                if (indent)
                    newline(out, level + 1);
                appendJsonString(out, entries[i]->first, ensureAscii);
                out += keySeparator;
                write(out, entries[i]->second, level + 1);
            }
            if (indent)
                newline(out, level);
            out += '}';
            return;
        }
        case Kind::Undefined:
            fail("tojson: an undefined value is not JSON serializable (" + value.undefinedMessage() + ")");
            return;
        case Kind::Function: fail("tojson: a function is not JSON serializable"); return;
        }
    }
};

bool startsOrEndsWith(const std::string& text, const Value& affixes, bool atStart, const Fail& fail)
{
    auto matches = [&](const Value& affix) {
        if (affix.kind() != Kind::String)
            fail("startswith/endswith take a string or a tuple of strings, found " + affix.typeName());
        const std::string& a = affix.string();
        return atStart ? text.starts_with(a) : text.ends_with(a);
    };
    if (affixes.kind() == Kind::List)
        return std::any_of(affixes.list().begin(), affixes.list().end(), matches);
    return matches(affixes);
}

const Value& positional(const Arguments& args, size_t index, const Value& fallback)
{
    return index < args.positional.size() ? args.positional[index] : fallback;
}

} // namespace

const Value* Dict::find(const std::string& key) const
{
    for (const auto& entry : entries)
        if (entry.first == key)
            return &entry.second;
    return nullptr;
}

void Dict::set(const std::string& key, Value value)
{
    for (auto& entry : entries) {
        if (entry.first == key) {
            entry.second = std::move(value);
            return;
        }
    }
    entries.emplace_back(key, std::move(value));
}

Value Value::none()
{
    Value v;
    v.kind_ = Kind::None;
    return v;
}

Value Value::undefined(const std::string& what, bool isMessage)
{
    Value v;
    v.string_ = std::make_shared<const std::string>(isMessage ? what : "'" + what + "' is undefined");
    return v;
}

Value Value::tuple(List items)
{
    Value v(std::move(items));
    v.isTuple_ = true;
    return v;
}

Value Value::function(std::string name, Function function)
{
    Value v;
    v.kind_ = Kind::Function;
    v.string_ = std::make_shared<const std::string>(std::move(name));
    v.function_ = std::make_shared<const Function>(std::move(function));
    return v;
}

bool Value::truthy() const
{
    switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return false;
    case Kind::Bool:
    case Kind::Int: return integer_ != 0;
    case Kind::Float: return number_ != 0;
    case Kind::String: return !string_->empty();
    case Kind::List: return !list_->empty();
    case Kind::Dict: return !dict_->entries.empty();
    case Kind::Function: return true;
    }
    return false;
}

int64_t Value::length() const { return kind_ == Kind::String ? int64_t(countCodePoints(*string_)) : 0; }

bool Value::equals(const Value& other) const
{
    if (isNumber() && other.isNumber()) {
        if (isInteger() && other.isInteger())
            return asInt() == other.asInt();
        return asFloat() == other.asFloat();
    }
    if (kind_ != other.kind_)
        return false;
    switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return true;
    case Kind::String: return *string_ == *other.string_;
    case Kind::List:
        return list_->size() == other.list_->size() &&
               std::equal(list_->begin(), list_->end(), other.list_->begin(),
                          [](const Value& a, const Value& b) { return a.equals(b); });
    case Kind::Dict:
        if (dict_->entries.size() != other.dict_->entries.size())
            return false;
        for (const auto& [key, value] : dict_->entries) {
            const Value* theirs = other.dict_->find(key);
            if (!theirs || !value.equals(*theirs))
                return false;
        }
        return true;
    case Kind::Function: return function_ == other.function_;
    default: return false;
    }
}

bool Value::sameAs(const Value& other) const
{
    if (kind_ != other.kind_)
        return false;
    switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return true;
    case Kind::Bool: return integer_ == other.integer_;
    case Kind::List: return list_ == other.list_;
    case Kind::Dict: return dict_ == other.dict_;
    default: return equals(other);
    }
}

std::string Value::str() const
{
    switch (kind_) {
    case Kind::Undefined: return {};
    case Kind::String: return *string_;
    default: return repr();
    }
}

std::string Value::repr() const
{
    switch (kind_) {
    case Kind::Undefined: return {};
    case Kind::None: return "None";
    case Kind::Bool: return integer_ ? "True" : "False";
    case Kind::Int: return std::to_string(integer_);
    case Kind::Float: return std::isnan(number_) ? "nan" : std::isinf(number_) ? (number_ > 0 ? "inf" : "-inf") : pythonFloat(number_);
    case Kind::String: {
        const std::string& s = *string_;
        const bool doubleQuotes = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
        const char quote = doubleQuotes ? '"' : '\'';
        std::string out(1, quote);
        for (const char c : s) {
            const auto u = static_cast<unsigned char>(c);
            if (c == quote || c == '\\')
                out += '\\', out += c;
            else if (c == '\n')
                out += "\\n";
            else if (c == '\r')
                out += "\\r";
            else if (c == '\t')
                out += "\\t";
            else if (u < 0x20 || u == 0x7F) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02x", u);
                out += buffer;
            } else {
                out += c;
            }
        }
        out += quote;
        return out;
    }
    case Kind::List: {
        std::string out = isTuple_ ? "(" : "[";
        for (size_t i = 0; i < list_->size(); ++i)
            out += (i ? ", " : "") + (*list_)[i].repr();
        return out + (isTuple_ ? (list_->size() == 1 ? ",)" : ")") : "]");
    }
    case Kind::Dict: {
        std::string out = isNamespace_ ? "<Namespace {" : "{";
        bool first = true;
        for (const auto& [key, value] : dict_->entries) {
            out += (first ? "" : ", ") + Value(key).repr() + ": " + value.repr();
            first = false;
        }
        return out + (isNamespace_ ? "}>" : "}");
    }
    case Kind::Function: return "<function " + *string_ + ">";
    }
    return {};
}

std::string Value::typeName() const
{
    switch (kind_) {
    case Kind::Undefined: return "undefined";
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::String: return "str";
    case Kind::List: return "list";
    case Kind::Dict: return isNamespace_ ? "namespace" : "dict object";
    case Kind::Function: return "function";
    }
    return {};
}

Value fromJson(const nlohmann::ordered_json& json)
{
    switch (json.type()) {
    case nlohmann::json::value_t::null: return Value::none();
    case nlohmann::json::value_t::boolean: return Value(json.get<bool>());
    case nlohmann::json::value_t::number_integer: return Value(json.get<int64_t>());
    case nlohmann::json::value_t::number_unsigned: {
        const auto u = json.get<uint64_t>();
        return u <= uint64_t(INT64_MAX) ? Value(int64_t(u)) : Value(double(u));
    }
    case nlohmann::json::value_t::number_float: return Value(json.get<double>());
    case nlohmann::json::value_t::string: return Value(json.get<std::string>());
    case nlohmann::json::value_t::array: {
        List items;
        items.reserve(json.size());
        for (const auto& item : json)
            items.push_back(fromJson(item));
        return Value(std::move(items));
    }
    case nlohmann::json::value_t::object: {
        Dict dict;
        for (const auto& [key, item] : json.items())
            dict.set(key, fromJson(item));
        return Value(std::move(dict));
    }
    default: return Value::none();
    }
}

std::string pythonFloat(double value)
{
    // Shortest round-trip digits, laid out as Python's float repr does: positional for
    // exponents in [-4, 16), scientific otherwise, always with a '.0' or an exponent.
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
    std::string text(buffer, result.ptr);
    std::string sign;
    if (text[0] == '-')
        sign = "-", text.erase(0, 1);
    const size_t e = text.find('e');
    std::string digits = text.substr(0, e);
    std::erase(digits, '.');
    const int exponent = std::stoi(text.substr(e + 1));
    while (digits.size() > 1 && digits.back() == '0')
        digits.pop_back();
    const int point = exponent + 1; // digits before the decimal point
    if (exponent >= -4 && exponent < 16) {
        if (point <= 0)
            return sign + "0." + std::string(size_t(-point), '0') + digits;
        if (size_t(point) >= digits.size())
            return sign + digits + std::string(size_t(point) - digits.size(), '0') + ".0";
        return sign + digits.substr(0, size_t(point)) + "." + digits.substr(size_t(point));
    }
    std::string mantissa = digits.substr(0, 1);
    if (digits.size() > 1)
        mantissa += "." + digits.substr(1);
    char exponentText[16];
    std::snprintf(exponentText, sizeof exponentText, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + exponentText;
}

std::string toJson(const Value& value, const Value& indent, const Value& separators, bool sortKeys, bool ensureAscii,
                   const Fail& fail)
{
    std::string indentText;
    const bool indented = indent.kind() != Kind::None && indent.kind() != Kind::Undefined;
    if (indented)
        indentText = indent.kind() == Kind::String ? indent.string()
                                                    : std::string(size_t(std::clamp<int64_t>(indent.asInt(), 0, 64)), ' ');
    JsonWriter writer{indented ? &indentText : nullptr, indented ? "," : ", ", ": ", sortKeys, ensureAscii, fail};
    if (separators.kind() == Kind::List) {
        if (separators.list().size() != 2)
            fail("tojson: separators must be a pair of strings");
        writer.itemSeparator = separators.list()[0].str();
        writer.keySeparator = separators.list()[1].str();
    }
    std::string out;
    writer.write(out, value, 0);
    return out;
}

std::string strip(const std::string& text, const Value& chars, bool left, bool right)
{
    const std::vector<size_t> starts = codePointStarts(text);
    std::vector<char32_t> set;
    const bool byChars = chars.kind() == Kind::String;
    if (byChars)
        for (size_t at : codePointStarts(chars.string()))
            set.push_back(codePointAt(chars.string(), at));
    auto strippable = [&](size_t index) {
        const char32_t c = codePointAt(text, starts[index]);
        return byChars ? std::find(set.begin(), set.end(), c) != set.end() : isPythonSpace(c);
    };
    size_t begin = 0, end = starts.size();
    while (left && begin < end && strippable(begin))
        ++begin;
    while (right && end > begin && strippable(end - 1))
        --end;
    const size_t from = begin < starts.size() ? starts[begin] : text.size();
    const size_t to = end < starts.size() ? starts[end] : text.size();
    return text.substr(from, to - from);
}

List split(const std::string& text, const Value& separator, int64_t maxSplit, bool fromRight)
{
    List parts;
    if (separator.kind() == Kind::String) {
        const std::string& sep = separator.string();
        std::vector<std::string> pieces;
        if (!fromRight) {
            size_t from = 0;
            while (maxSplit < 0 || int64_t(pieces.size()) < maxSplit) {
                const size_t at = text.find(sep, from);
                if (at == std::string::npos)
                    break;
                pieces.push_back(text.substr(from, at - from));
                from = at + sep.size();
            }
            pieces.push_back(text.substr(from));
        } else {
            size_t to = text.size();
            while (maxSplit < 0 || int64_t(pieces.size()) < maxSplit) {
                if (to < sep.size())
                    break;
                const size_t at = text.rfind(sep, to - sep.size());
                if (at == std::string::npos)
                    break;
                pieces.push_back(text.substr(at + sep.size(), to - at - sep.size()));
                to = at;
            }
            pieces.push_back(text.substr(0, to));
            std::reverse(pieces.begin(), pieces.end());
        }
        for (auto& piece : pieces)
            parts.emplace_back(std::move(piece));
        return parts;
    }
    // No separator: runs of whitespace, ignoring it at the ends.
    const std::vector<size_t> starts = codePointStarts(text);
    std::vector<std::pair<size_t, size_t>> words;
    size_t i = 0;
    while (i < starts.size()) {
        while (i < starts.size() && isPythonSpace(codePointAt(text, starts[i])))
            ++i;
        if (i == starts.size())
            break;
        const size_t begin = i;
        while (i < starts.size() && !isPythonSpace(codePointAt(text, starts[i])))
            ++i;
        words.emplace_back(begin, i);
    }
    auto bytes = [&](size_t index) { return index < starts.size() ? starts[index] : text.size(); };
    if (maxSplit >= 0 && int64_t(words.size()) > maxSplit + 1) {
        if (!fromRight) {
            const size_t restBegin = bytes(words[size_t(maxSplit)].first);
            words.resize(size_t(maxSplit));
            for (const auto& [b, e] : words)
                parts.emplace_back(text.substr(bytes(b), bytes(e) - bytes(b)));
            parts.emplace_back(strip(text.substr(restBegin), Value(), false, true));
            return parts;
        }
        const size_t keepFrom = words.size() - size_t(maxSplit);
        parts.emplace_back(strip(text.substr(0, bytes(words[keepFrom - 1].second)), Value(), true, false));
        for (size_t w = keepFrom; w < words.size(); ++w)
            parts.emplace_back(text.substr(bytes(words[w].first), bytes(words[w].second) - bytes(words[w].first)));
        return parts;
    }
    for (const auto& [b, e] : words)
        parts.emplace_back(text.substr(bytes(b), bytes(e) - bytes(b)));
    return parts;
}

std::string replace(const std::string& text, const std::string& old, const std::string& with, int64_t count)
{
    std::string out;
    int64_t done = 0;
    if (old.empty()) {
        const std::vector<size_t> starts = codePointStarts(text);
        for (size_t i = 0; i <= starts.size(); ++i) {
            if (count < 0 || done < count)
                out += with, ++done;
            if (i < starts.size())
                out += character(text, starts, i);
        }
        return out;
    }
    size_t from = 0;
    while (count < 0 || done < count) {
        const size_t at = text.find(old, from);
        if (at == std::string::npos)
            break;
        out.append(text, from, at - from);
        out += with;
        from = at + old.size();
        ++done;
    }
    out.append(text, from);
    return out;
}

std::string capitalize(const std::string& text)
{
    if (text.empty())
        return text;
    const size_t first = utf8Length(static_cast<unsigned char>(text[0]));
    return toUpper(text.substr(0, first)) + toLower(text.substr(first));
}

std::string title(const std::string& text)
{
    // Python: a cased character after an uncased one starts a word.
    std::string out;
    bool previousCased = false;
    const std::vector<size_t> starts = codePointStarts(text);
    for (size_t i = 0; i < starts.size(); ++i) {
        const std::string c = character(text, starts, i);
        const std::string lower = toLower(c), upper = toUpper(c);
        const bool cased = lower != upper;
        out += cased ? (previousCased ? lower : upper) : c;
        previousCased = cased;
    }
    return out;
}

std::string indent(const std::string& text, const std::string& indentation, bool first, bool blank)
{
    // jinja2's do_indent, including its quirk of appending a newline before splitting lines.
    std::vector<std::string> lines;
    const std::string s = text + "\n";
    size_t from = 0;
    while (from < s.size()) {
        size_t at = s.find_first_of("\n\r", from);
        lines.push_back(s.substr(from, at - from));
        from = at + ((s[at] == '\r' && at + 1 < s.size() && s[at + 1] == '\n') ? 2 : 1);
    }
    std::string out;
    if (blank) {
        for (size_t i = 0; i < lines.size(); ++i)
            out += (i ? "\n" + indentation : "") + lines[i];
    } else {
        out = lines.empty() ? std::string() : lines[0];
        for (size_t i = 1; i < lines.size(); ++i)
            out += "\n" + (lines[i].empty() ? lines[i] : indentation + lines[i]);
    }
    return first ? indentation + out : out;
}

std::string htmlEscape(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&#34;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::pair<int64_t, int64_t> sliceBounds(int64_t size, std::optional<int64_t> start, std::optional<int64_t> stop,
                                        int64_t step)
{
    const int64_t lower = step > 0 ? 0 : -1, upper = step > 0 ? size : size - 1;
    auto clamp = [&](std::optional<int64_t> bound, int64_t fallback) {
        if (!bound)
            return fallback;
        int64_t value = *bound < 0 ? *bound + size : *bound;
        return std::clamp(value, lower, upper);
    };
    return {clamp(start, step > 0 ? lower : upper), clamp(stop, step > 0 ? upper : lower)};
}

std::string codePointSlice(const std::string& text, int64_t begin, int64_t end, int64_t step)
{
    const std::vector<size_t> starts = codePointStarts(text);
    std::string out;
    for (int64_t i = begin; step > 0 ? i < end : i > end; i += step)
        if (i >= 0 && size_t(i) < starts.size())
            out += character(text, starts, size_t(i));
    return out;
}

Value boundMethod(const Value& target, const std::string& name, const Fail& fail)
{
    if (target.kind() == Kind::Dict && !target.isNamespace()) {
        const Value self = target;
        if (name == "items" || name == "keys" || name == "values")
            return Value::function(name, [self, name](Arguments&) {
                List out;
                for (const auto& [key, value] : self.dict().entries)
                    out.push_back(name == "keys" ? Value(key) : name == "values" ? value : Value::tuple(List{Value(key), value}));
                return Value(std::move(out));
            });
        if (name == "get")
            return Value::function(name, [self, fail](Arguments& args) {
                if (args.positional.empty())
                    fail("get() needs a key");
                const Value& key = args.positional[0];
                const Value* found = key.kind() == Kind::String ? self.dict().find(key.string()) : nullptr;
                return found ? *found : positional(args, 1, Value::none());
            });
        return Value();
    }
    if (target.kind() != Kind::String)
        return Value();
    const std::string text = target.string();
    auto method = [&](Function function) { return Value::function("str." + name, std::move(function)); };
    auto stringArgument = [fail, name](const Arguments& args, size_t index) -> const std::string& {
        if (index >= args.positional.size() || args.positional[index].kind() != Kind::String)
            fail("str." + name + "() needs a string argument");
        return args.positional[index].string();
    };
    if (name == "strip" || name == "lstrip" || name == "rstrip")
        return method([text, name](Arguments& args) {
            return Value(strip(text, positional(args, 0, Value::none()), name != "rstrip", name != "lstrip"));
        });
    if (name == "split" || name == "rsplit")
        return method([text, name, fail](Arguments& args) {
            Value separator = positional(args, 0, Value::none());
            Value maxSplit = positional(args, 1, Value(int64_t(-1)));
            for (const auto& [key, value] : args.named)
                (key == "sep" ? separator : maxSplit) = value;
            if (separator.kind() == Kind::String && separator.string().empty())
                fail("str." + name + "(): empty separator");
            return Value(split(text, separator, maxSplit.asInt(), name == "rsplit"));
        });
    if (name == "replace")
        return method([text, stringArgument](Arguments& args) {
            return Value(replace(text, stringArgument(args, 0), stringArgument(args, 1),
                                 positional(args, 2, Value(int64_t(-1))).asInt()));
        });
    if (name == "startswith" || name == "endswith")
        return method([text, name, fail](Arguments& args) {
            if (args.positional.empty())
                fail("str." + name + "() needs an argument");
            return Value(startsOrEndsWith(text, args.positional[0], name == "startswith", fail));
        });
    if (name == "upper")
        return method([text](Arguments&) { return Value(toUpper(text)); });
    if (name == "lower")
        return method([text](Arguments&) { return Value(toLower(text)); });
    if (name == "title")
        return method([text](Arguments&) { return Value(title(text)); });
    if (name == "capitalize")
        return method([text](Arguments&) { return Value(capitalize(text)); });
    if (name == "find" || name == "rfind" || name == "count")
        return method([text, name, stringArgument](Arguments& args) {
            const std::string& needle = stringArgument(args, 0);
            if (name == "count") {
                if (needle.empty())
                    return Value(int64_t(countCodePoints(text) + 1));
                int64_t n = 0;
                for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
                    ++n;
                return Value(n);
            }
            const size_t at = name == "find" ? text.find(needle) : text.rfind(needle);
            return Value(at == std::string::npos ? int64_t(-1) : int64_t(countCodePoints(text.substr(0, at))));
        });
    if (name == "join")
        return method([text, fail](Arguments& args) {
            if (args.positional.empty() || args.positional[0].kind() != Kind::List)
                fail("str.join() needs a list of strings");
            std::string out;
            bool first = true;
            for (const Value& item : args.positional[0].list()) {
                if (item.kind() != Kind::String)
                    fail("str.join(): expected strings, found " + item.typeName());
                out += (first ? "" : text) + item.string();
                first = false;
            }
            return Value(std::move(out));
        });
    if (name == "isdigit" || name == "isspace" || name == "isalpha" || name == "isalnum" || name == "islower" ||
        name == "isupper")
        return method([text, name](Arguments&) {
            if (text.empty())
                return Value(false);
            if (name == "islower" || name == "isupper") {
                const std::string lower = toLower(text), upper = toUpper(text);
                return Value(lower != upper && (name == "islower" ? lower == text : upper == text));
            }
            for (size_t at = 0; at < text.size(); at += utf8Length(static_cast<unsigned char>(text[at]))) {
                const char32_t c = codePointAt(text, at);
                const bool ascii = c < 0x80;
                const bool ok = name == "isspace" ? isPythonSpace(c)
                                : name == "isdigit" ? (ascii && std::isdigit(int(c)))
                                : name == "isalpha" ? (ascii ? bool(std::isalpha(int(c))) : toLower(text.substr(at, utf8Length(static_cast<unsigned char>(text[at])))) != toUpper(text.substr(at, utf8Length(static_cast<unsigned char>(text[at])))))
                                                    : (ascii && std::isalnum(int(c)));
                if (!ok)
                    return Value(false);
            }
            return Value(true);
        });
    return Value();
}

} // namespace finch::text::jinja
