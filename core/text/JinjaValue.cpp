#include "core/text/JinjaValue.h"

#include "core/common/Error.h"
#include "core/common/Utf8.h"
#include "core/text/UnicodeText.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>

namespace finch::text::jinja {
namespace {

// Python's str.isspace(): Unicode White_Space and the ASCII separators \x1c-\x1f.
bool isPythonSpace(char32_t c) { return isUnicodeWhitespace(c) || (c >= 0x1C && c <= 0x1F); }

// The bytes of the code point at `at` (a lead byte's length, cut at the text's end): how
// the interpreter steps through text, valid UTF-8 or not.
size_t codePointBytes(std::string_view text, size_t at)
{
    return std::min(utf8Length(static_cast<unsigned char>(text[at])), text.size() - at);
}

// Code points as the interpreter steps through text (codePointBytes).
size_t codePointCount(std::string_view text)
{
    size_t count = 0;
    for (size_t at = 0; at < text.size(); at += codePointBytes(text, at))
        ++count;
    return count;
}

std::string reversedBytes(std::string_view text, Budget& budget)
{
    budget.buildString(text.size(), "a search from the right");
    return std::string(text.rbegin(), text.rend());
}

// Appends to a string that may not grow past Budget::kMaxStringBytes, charging the budget
// (or, without one, for messages, cutting the text short at `limit`).
class TextBuilder {
public:
    TextBuilder(Budget* budget, std::string_view what, size_t limit = Budget::kMaxStringBytes)
        : budget_(budget), what_(what), limit_(limit)
    {
    }

    void append(std::string_view text)
    {
        if (full_)
            return;
        if (!budget_ && out_.size() + text.size() > limit_) {
            out_.append(text.substr(0, limit_ - out_.size()));
            out_ += "…";
            full_ = true;
            return;
        }
        if (budget_)
            budget_->growString(out_.size(), text.size(), what_);
        out_.append(text);
    }
    void append(char c) { append(std::string_view(&c, 1)); }
    bool full() const { return full_; }
    // How much more fits before the text is cut short (without a budget).
    size_t room() const { return budget_ ? SIZE_MAX : full_ ? 0 : limit_ - out_.size(); }
    Budget* budget() const { return budget_; }
    std::string take() { return std::move(out_); }

private:
    Budget* budget_;
    std::string_view what_;
    size_t limit_;
    std::string out_;
    bool full_ = false;
};

// Python's repr() of a string.
void appendStringRepr(TextBuilder& out, std::string_view s)
{
    s = s.substr(0, out.room()); // a message's repr need not read past what it shows
    const bool doubleQuotes = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char quote = doubleQuotes ? '"' : '\'';
    out.append(quote);
    size_t run = 0; // start of the characters that print as they are
    for (size_t at = 0; at < s.size() && !out.full(); ++at) {
        const char c = s[at];
        const auto u = static_cast<unsigned char>(c);
        char escaped[8] = {};
        if (c == quote || c == '\\')
            escaped[0] = '\\', escaped[1] = c;
        else if (c == '\n')
            std::strcpy(escaped, "\\n");
        else if (c == '\r')
            std::strcpy(escaped, "\\r");
        else if (c == '\t')
            std::strcpy(escaped, "\\t");
        else if (u < 0x20 || u == 0x7F)
            std::snprintf(escaped, sizeof escaped, "\\x%02x", u);
        else
            continue;
        out.append(s.substr(run, at - run));
        out.append(escaped);
        run = at + 1;
    }
    out.append(s.substr(std::min(run, s.size())));
    out.append(quote);
}

// Python's repr() of any value. Containers being printed are remembered, so one met again
// inside itself prints as Python prints it ([...], {...}) instead of recursing forever.
class ReprWriter {
public:
    explicit ReprWriter(TextBuilder& out) : out_(out) {}

    void write(const Value& value, int depth)
    {
        if (out_.full())
            return;
        switch (value.kind()) {
        case Kind::Undefined: return;
        case Kind::None: out_.append("None"); return;
        case Kind::Bool: out_.append(value.asInt() ? "True" : "False"); return;
        case Kind::Int: out_.append(std::to_string(value.asInt())); return;
        case Kind::Float: {
            const double f = value.asFloat();
            out_.append(std::isnan(f) ? "nan" : std::isinf(f) ? (f > 0 ? "inf" : "-inf") : pythonFloat(f));
            return;
        }
        case Kind::String: appendStringRepr(out_, value.string()); return;
        case Kind::List: {
            const List& items = value.list();
            const char* open = value.isTuple() ? "(" : "[";
            const char* close = value.isTuple() ? (items.size() == 1 ? ",)" : ")") : "]";
            if (!enter(&items, depth)) {
                out_.append(value.isTuple() ? "(...)" : "[...]");
                return;
            }
            out_.append(open);
            for (size_t i = 0; i < items.size() && !out_.full(); ++i) {
                if (i)
                    out_.append(", ");
                write(items[i], depth + 1);
            }
            out_.append(close);
            path_.pop_back();
            return;
        }
        case Kind::Dict: {
            const bool isNamespace = value.isNamespace();
            if (!enter(&value.dict(), depth)) {
                out_.append(isNamespace ? "<Namespace {...}>" : "{...}");
                return;
            }
            out_.append(isNamespace ? "<Namespace {" : "{");
            bool first = true;
            for (const auto& [key, item] : value.dict().entries) {
                if (out_.full())
                    break;
                if (!first)
                    out_.append(", ");
                first = false;
                appendStringRepr(out_, key);
                out_.append(": ");
                write(item, depth + 1);
            }
            out_.append(isNamespace ? "}>" : "}");
            path_.pop_back();
            return;
        }
        case Kind::Function:
            out_.append("<function ");
            out_.append(value.functionName());
            out_.append(">");
            return;
        }
    }

private:
    // False when the container is already being printed further out.
    bool enter(const void* container, int depth)
    {
        if (out_.budget())
            out_.budget()->enter(depth + 1);
        if (std::find(path_.begin(), path_.end(), container) != path_.end())
            return false;
        path_.push_back(container);
        return true;
    }

    TextBuilder& out_;
    std::vector<const void*> path_;
};

void appendJsonString(TextBuilder& out, const std::string& text, bool ensureAscii)
{
    out.append('"');
    size_t run = 0; // start of the bytes that are written as they are
    for (size_t at = 0; at < text.size() && !out.full();) {
        const unsigned char c = static_cast<unsigned char>(text[at]);
        char escaped[16] = {};
        size_t length = 1;
        switch (c) {
        case '"': std::strcpy(escaped, "\\\""); break;
        case '\\': std::strcpy(escaped, "\\\\"); break;
        case '\n': std::strcpy(escaped, "\\n"); break;
        case '\r': std::strcpy(escaped, "\\r"); break;
        case '\t': std::strcpy(escaped, "\\t"); break;
        case '\b': std::strcpy(escaped, "\\b"); break;
        case '\f': std::strcpy(escaped, "\\f"); break;
        default:
            if (c < 0x20) {
                std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
            } else if (c >= 0x80 && ensureAscii) {
                const char32_t code = codePointAt(text, at);
                length = codePointBytes(text, at);
                if (code >= 0x10000) {
                    const char32_t v = code - 0x10000;
                    std::snprintf(escaped, sizeof escaped, "\\u%04x\\u%04x", unsigned(0xD800 + (v >> 10)),
                                  unsigned(0xDC00 + (v & 0x3FF)));
                } else {
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", unsigned(code));
                }
            }
        }
        if (!escaped[0]) {
            ++at;
            continue;
        }
        out.append(std::string_view(text).substr(run, at - run));
        out.append(escaped);
        at += length;
        run = at;
    }
    out.append(std::string_view(text).substr(std::min(run, text.size())));
    out.append('"');
}

struct JsonWriter {
    const std::string* indent; // null: everything on one line
    std::string itemSeparator, keySeparator;
    bool sortKeys, ensureAscii;
    Budget& budget;

    void newline(TextBuilder& out, int level) const
    {
        out.append('\n');
        for (int i = 0; i < level; ++i)
            out.append(*indent);
    }

    // Only namespaces are mutable, and they are refused here as json.dumps refuses them,
    // so the value cannot contain itself: depth is the only bound needed.
    void write(TextBuilder& out, const Value& value, int level) const
    {
        budget.enter(level);
        switch (value.kind()) {
        case Kind::None: out.append("null"); return;
        case Kind::Bool: out.append(value.asInt() ? "true" : "false"); return;
        case Kind::Int: out.append(std::to_string(value.asInt())); return;
        case Kind::Float: {
            const double f = value.asFloat();
            out.append(std::isnan(f) ? "NaN" : std::isinf(f) ? (f > 0 ? "Infinity" : "-Infinity") : pythonFloat(f));
            return;
        }
        case Kind::String: appendJsonString(out, value.string(), ensureAscii); return;
        case Kind::List: {
            const List& items = value.list();
            if (items.empty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            for (size_t i = 0; i < items.size(); ++i) {
                if (i > 0)
                    out.append(itemSeparator);
                if (indent)
                    newline(out, level + 1);
                write(out, items[i], level + 1);
            }
            if (indent)
                newline(out, level);
            out.append(']');
            return;
        }
        case Kind::Dict: {
            if (value.isNamespace())
                budget.fail("tojson: Object of type Namespace is not JSON serializable");
            std::vector<const std::pair<std::string, Value>*> entries;
            budget.work(value.dict().entries.size());
            for (const auto& entry : value.dict().entries)
                entries.push_back(&entry);
            if (entries.empty()) {
                out.append("{}");
                return;
            }
            if (sortKeys) {
                budget.step(int64_t(entries.size()) * std::bit_width(entries.size()));
                std::stable_sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
            }
            out.append('{');
            for (size_t i = 0; i < entries.size(); ++i) {
                if (i > 0)
                    out.append(itemSeparator);
                if (indent)
                    newline(out, level + 1);
                appendJsonString(out, entries[i]->first, ensureAscii);
                out.append(keySeparator);
                write(out, entries[i]->second, level + 1);
            }
            if (indent)
                newline(out, level);
            out.append('}');
            return;
        }
        case Kind::Undefined:
            budget.fail("tojson: an undefined value is not JSON serializable (" + value.undefinedMessage() + ")");
        case Kind::Function: budget.fail("tojson: a function is not JSON serializable");
        }
    }
};

bool startsOrEndsWith(const std::string& text, const Value& affixes, bool atStart, Budget& budget)
{
    auto matches = [&](const Value& affix) {
        if (affix.kind() != Kind::String)
            budget.fail("startswith/endswith take a string or a tuple of strings, found " + affix.typeName());
        const std::string& a = affix.string();
        budget.work(a.size());
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

int64_t integerArgument(const Value& value, const std::string& what, Budget& budget)
{
    if (!value.isInteger())
        budget.fail(what + " must be an integer, found " + value.typeName());
    return value.asInt();
}

// Splits on a separator from the left: up to maxSplit pieces cut off, then the rest.
List splitOn(std::string_view text, std::string_view separator, int64_t maxSplit, Budget& budget)
{
    List parts;
    size_t from = 0;
    while (maxSplit < 0 || int64_t(parts.size()) < maxSplit) {
        const size_t at = findText(text, separator, from, budget);
        if (at == std::string::npos)
            break;
        budget.growList(parts.size(), 1, "split()");
        parts.emplace_back(std::string(text.substr(from, at - from)));
        from = at + separator.size();
    }
    budget.growList(parts.size(), 1, "split()");
    parts.emplace_back(std::string(text.substr(from)));
    return parts;
}

} // namespace

// --- the budget ---------------------------------------------------------------------------

void Budget::fail(const std::string& problem) const { throw Error(where_() + problem); }

void Budget::step(int64_t steps)
{
    steps_ += steps;
    if (steps_ > kMaxSteps)
        fail("rendering took more than " + std::to_string(kMaxSteps) + " steps (an endless template?)");
}

void Budget::work(size_t bytes)
{
    bytes_ = addSizes(bytes_, bytes);
    const size_t steps = bytes_ / kBytesPerStep;
    bytes_ %= kBytesPerStep;
    step(int64_t(std::min<size_t>(steps, size_t(kMaxSteps) + 1)));
}

void Budget::growString(size_t size, size_t added, std::string_view what)
{
    if (addSizes(size, added) > kMaxStringBytes)
        fail(std::string(what) + " would make a string of more than " + std::to_string(kMaxStringBytes >> 20) + " MiB");
    work(added);
}

void Budget::growList(size_t size, size_t added, std::string_view what)
{
    if (addSizes(size, added) > kMaxListItems)
        fail(std::string(what) + " would make a list of more than " + std::to_string(kMaxListItems) + " items");
    work(multiplySizes(added, sizeof(Value)));
}

void Budget::enter(int depth) const
{
    if (depth > kMaxValueDepth)
        fail("lists and mappings nest deeper than " + std::to_string(kMaxValueDepth) + " levels");
}

size_t addSizes(size_t a, size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }

size_t multiplySizes(size_t a, size_t b)
{
    size_t product = 0;
    return __builtin_mul_overflow(a, b, &product) ? SIZE_MAX : product;
}

// --- values -------------------------------------------------------------------------------

const Value* Dict::find(const std::string& key, Budget& budget) const
{
    budget.work(entries.size());
    for (const auto& entry : entries)
        if (entry.first == key)
            return &entry.second;
    return nullptr;
}

void Dict::set(const std::string& key, Value value, Budget& budget)
{
    budget.work(entries.size());
    for (auto& entry : entries) {
        if (entry.first == key) {
            entry.second = std::move(value);
            return;
        }
    }
    entries.emplace_back(key, std::move(value));
}

Value::~Value()
{
    if ((list_ && list_.use_count() == 1) || (dict_ && dict_.use_count() == 1))
        releaseNested();
}

void Value::releaseNested() noexcept
{
    // Freeing a list frees its items, which free theirs: a value nested a million levels
    // deep would recurse a million times. Instead this loop takes the nested containers
    // out of each one it frees, so every container is freed with flat items.
    std::vector<std::shared_ptr<List>> lists;
    std::vector<std::shared_ptr<Dict>> dicts;
    auto takeNested = [&](Value& value) {
        if (value.list_)
            lists.push_back(std::move(value.list_));
        if (value.dict_)
            dicts.push_back(std::move(value.dict_));
    };
    takeNested(*this);
    while (!lists.empty() || !dicts.empty()) {
        if (!lists.empty()) {
            const std::shared_ptr<List> list = std::move(lists.back());
            lists.pop_back();
            if (list.use_count() == 1) // else another owner frees it later
                for (Value& item : *list)
                    takeNested(item);
        } else {
            const std::shared_ptr<Dict> dict = std::move(dicts.back());
            dicts.pop_back();
            if (dict.use_count() == 1)
                for (auto& entry : dict->entries)
                    takeNested(entry.second);
        }
    }
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

Value Value::method(std::string name, Function function, const Value& receiver)
{
    Value v = Value::function(std::move(name), std::move(function));
    v.list_ = receiver.list_;
    v.dict_ = receiver.dict_;
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

int64_t Value::length(Budget& budget) const
{
    if (kind_ != Kind::String)
        return 0;
    budget.work(string_->size());
    return int64_t(codePointCount(*string_));
}

bool Value::equals(const Value& other, Budget& budget, int depth) const
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
    case Kind::String:
        if (string_->size() != other.string_->size())
            return false;
        budget.work(string_->size());
        return *string_ == *other.string_;
    case Kind::List:
        if (list_->size() != other.list_->size())
            return false;
        budget.enter(depth + 1);
        budget.step(int64_t(list_->size()));
        for (size_t i = 0; i < list_->size(); ++i)
            if (!(*list_)[i].equals((*other.list_)[i], budget, depth + 1))
                return false;
        return true;
    case Kind::Dict:
        if (isNamespace_ || other.isNamespace_)
            return dict_ == other.dict_;
        if (dict_->entries.size() != other.dict_->entries.size())
            return false;
        budget.enter(depth + 1);
        for (const auto& [key, value] : dict_->entries) {
            const Value* theirs = other.dict_->find(key, budget);
            if (!theirs || !value.equals(*theirs, budget, depth + 1))
                return false;
        }
        return true;
    case Kind::Function: return function_ == other.function_;
    default: return false;
    }
}

bool Value::sameAs(const Value& other, Budget& budget) const
{
    if (kind_ != other.kind_)
        return false;
    switch (kind_) {
    case Kind::Undefined:
    case Kind::None: return true;
    case Kind::Bool: return integer_ == other.integer_;
    case Kind::List: return list_ == other.list_;
    case Kind::Dict: return dict_ == other.dict_;
    default: return equals(other, budget);
    }
}

std::string Value::str(Budget& budget) const
{
    switch (kind_) {
    case Kind::Undefined: return {};
    case Kind::String: budget.work(string_->size()); return *string_;
    default: return repr(budget);
    }
}

std::string Value::repr(Budget& budget) const
{
    TextBuilder out(&budget, "printing a value");
    ReprWriter(out).write(*this, 0);
    return out.take();
}

std::string Value::describe() const
{
    TextBuilder out(nullptr, "", 80);
    ReprWriter(out).write(*this, 0);
    return out.take();
}

std::string describe(std::string_view text)
{
    TextBuilder out(nullptr, "", 80);
    appendStringRepr(out, text);
    return out.take();
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

Value fromJson(const nlohmann::ordered_json& json, Budget& budget, int depth)
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
        budget.enter(depth + 1);
        List items;
        items.reserve(json.size());
        for (const auto& item : json)
            items.push_back(fromJson(item, budget, depth + 1));
        return Value(std::move(items));
    }
    case nlohmann::json::value_t::object: {
        budget.enter(depth + 1);
        Dict dict;
        dict.entries.reserve(json.size());
        for (const auto& [key, item] : json.items()) // a JSON object's keys are unique
            dict.entries.emplace_back(key, fromJson(item, budget, depth + 1));
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
                   Budget& budget)
{
    std::string indentText;
    const bool indented = indent.kind() != Kind::None && indent.kind() != Kind::Undefined;
    if (indented) {
        if (indent.kind() == Kind::String)
            indentText = indent.string();
        else
            indentText.assign(size_t(std::clamp<int64_t>(integerArgument(indent, "tojson: indent", budget), 0, 64)), ' ');
    }
    JsonWriter writer{indented ? &indentText : nullptr, indented ? "," : ", ", ": ", sortKeys, ensureAscii, budget};
    if (separators.kind() == Kind::List) {
        if (separators.list().size() != 2)
            budget.fail("tojson: separators must be a pair of strings");
        writer.itemSeparator = separators.list()[0].str(budget);
        writer.keySeparator = separators.list()[1].str(budget);
    }
    TextBuilder out(&budget, "tojson");
    writer.write(out, value, 0);
    return out.take();
}

// --- strings ------------------------------------------------------------------------------

size_t findText(std::string_view text, std::string_view needle, size_t from, Budget& budget)
{
    if (from > text.size())
        return std::string::npos;
    if (needle.empty())
        return from;
    // glibc's memmem runs in linear time (std::string::find can take length × length). It
    // is given growing windows, not all the text left: a match near `from` then costs
    // little, also under sanitizers, which check all of the range a call is given.
    size_t begin = from;
    for (size_t window = std::max<size_t>(2 * needle.size(), 4096);; window = multiplySizes(window, 2)) {
        const size_t end = std::min(text.size(), addSizes(begin, window));
        if (end - begin >= needle.size()) {
            if (const void* found = memmem(text.data() + begin, end - begin, needle.data(), needle.size())) {
                const size_t at = size_t(static_cast<const char*>(found) - text.data());
                budget.work(at + needle.size() - from);
                return at;
            }
        }
        if (end == text.size()) {
            budget.work(text.size() - from);
            return std::string::npos;
        }
        begin = end - (needle.size() - 1); // a match across the window's end is in the next
    }
}

std::string strip(const std::string& text, const Value& chars, bool left, bool right, Budget& budget)
{
    std::vector<char32_t> set; // sorted, so a long `chars` costs a search, not a scan, per character
    const bool byChars = chars.kind() == Kind::String;
    if (byChars) {
        const std::string& c = chars.string();
        budget.work(multiplySizes(c.size(), sizeof(char32_t)));
        for (size_t at = 0; at < c.size(); at += codePointBytes(c, at))
            set.push_back(codePointAt(c, at));
        std::sort(set.begin(), set.end());
    }
    auto strippable = [&](size_t at) {
        const char32_t c = codePointAt(text, at);
        return byChars ? std::binary_search(set.begin(), set.end(), c) : isPythonSpace(c);
    };
    budget.work(text.size());
    size_t begin = 0;
    while (left && begin < text.size() && strippable(begin))
        begin += codePointBytes(text, begin);
    size_t end = text.size();
    if (right) {
        end = begin; // just past the last code point that stays
        for (size_t at = begin; at < text.size(); at += codePointBytes(text, at))
            if (!strippable(at))
                end = at + codePointBytes(text, at);
    }
    return text.substr(begin, end - begin);
}

List split(const std::string& text, const Value& separator, int64_t maxSplit, bool fromRight, Budget& budget)
{
    if (separator.kind() == Kind::String) {
        if (!fromRight)
            return splitOn(text, separator.string(), maxSplit, budget);
        // Right to left is left to right on the reversed bytes, pieces reversed back.
        List reversed = splitOn(reversedBytes(text, budget), reversedBytes(separator.string(), budget), maxSplit, budget);
        List parts;
        parts.reserve(reversed.size());
        for (auto piece = reversed.rbegin(); piece != reversed.rend(); ++piece)
            parts.emplace_back(std::string(piece->string().rbegin(), piece->string().rend()));
        return parts;
    }
    // No separator: runs of whitespace, as Python's split_whitespace and rsplit_whitespace
    // cut them. Words are byte ranges; splitting from the right keeps only the last
    // maxSplit + 1 of them.
    budget.work(text.size());
    std::deque<std::pair<size_t, size_t>> words;
    const size_t keep = maxSplit < 0 ? SIZE_MAX : size_t(maxSplit) + 1;
    size_t at = 0;
    while (at < text.size() && (fromRight || words.size() < keep)) {
        while (at < text.size() && isPythonSpace(codePointAt(text, at)))
            at += codePointBytes(text, at);
        if (at == text.size())
            break;
        const size_t begin = at;
        while (at < text.size() && !isPythonSpace(codePointAt(text, at)))
            at += codePointBytes(text, at);
        if (words.size() == keep)
            words.pop_front();
        else
            budget.growList(words.size(), 1, "split()");
        words.emplace_back(begin, at);
    }
    List parts;
    parts.reserve(words.size());
    auto piece = [&](size_t from, size_t to) {
        budget.work(to - from);
        parts.emplace_back(text.substr(from, to - from));
    };
    const bool cut = maxSplit >= 0 && words.size() == keep;
    if (!fromRight) {
        // The last word kept stands for the rest of the text when the splits ran out.
        for (size_t w = 0; w < words.size(); ++w)
            piece(words[w].first, cut && w + 1 == words.size() ? text.size() : words[w].second);
        return parts;
    }
    // The first word kept stands for the start of the text when the splits ran out.
    for (size_t w = 0; w < words.size(); ++w)
        piece(cut && w == 0 ? 0 : words[w].first, words[w].second);
    return parts;
}

std::string replace(const std::string& text, const std::string& old, const std::string& with, int64_t count,
                    Budget& budget)
{
    // The size first, so a replacement that would be huge fails before it is built.
    const size_t limit = count < 0 ? SIZE_MAX : size_t(count);
    size_t matches = 0;
    if (old.empty()) {
        budget.work(text.size());
        matches = std::min(codePointCount(text) + 1, limit);
    } else {
        for (size_t at = findText(text, old, 0, budget); at != std::string::npos && matches < limit;
             at = findText(text, old, at + old.size(), budget))
            ++matches;
    }
    budget.buildString(addSizes(text.size() - multiplySizes(matches, old.size()), multiplySizes(matches, with.size())),
                       "replace()");
    std::string out;
    out.reserve(text.size() - matches * old.size() + matches * with.size());
    size_t done = 0;
    if (old.empty()) {
        for (size_t at = 0; at <= text.size(); at += at < text.size() ? codePointBytes(text, at) : 1) {
            if (done < matches)
                out += with, ++done;
            if (at < text.size())
                out.append(text, at, codePointBytes(text, at));
        }
        return out;
    }
    size_t from = 0;
    while (done < matches) {
        const size_t at = findText(text, old, from, budget);
        out.append(text, from, at - from);
        out += with;
        from = at + old.size();
        ++done;
    }
    out.append(text, from);
    return out;
}

std::string upper(const std::string& text, Budget& budget)
{
    budget.buildString(text.size(), "upper()");
    std::string out = toUpper(text);
    budget.buildString(out.size(), "upper()");
    return out;
}

std::string lower(const std::string& text, Budget& budget)
{
    budget.buildString(text.size(), "lower()");
    std::string out = toLower(text);
    budget.buildString(out.size(), "lower()");
    return out;
}

std::string capitalize(const std::string& text, Budget& budget)
{
    if (text.empty())
        return text;
    const size_t first = codePointBytes(text, 0);
    return upper(text.substr(0, first), budget) + lower(text.substr(first), budget);
}

std::string title(const std::string& text, Budget& budget)
{
    // Python: a cased character after an uncased one starts a word. Each character is
    // cased on its own: a step each.
    budget.step(int64_t(text.size()));
    TextBuilder out(&budget, "title()");
    bool previousCased = false;
    for (size_t at = 0; at < text.size(); at += codePointBytes(text, at)) {
        const std::string_view c(text.data() + at, codePointBytes(text, at));
        const std::string lowered = toLower(c), uppered = toUpper(c);
        const bool cased = lowered != uppered;
        out.append(cased ? (previousCased ? lowered : uppered) : std::string(c));
        previousCased = cased;
    }
    return out.take();
}

std::string indent(const std::string& text, const std::string& indentation, bool first, bool blank, Budget& budget)
{
    // jinja2's do_indent, including its quirk of appending a newline before cutting lines
    // (at \n, \r or \r\n); each line after the first is indented, a blank one only if `blank`.
    budget.buildString(text.size() + 1, "indent()");
    const std::string s = text + "\n";
    TextBuilder out(&budget, "indent()");
    if (first)
        out.append(indentation);
    for (size_t from = 0; from < s.size();) {
        const size_t at = s.find_first_of("\n\r", from); // found: s ends with \n
        const std::string_view line(s.data() + from, at - from);
        if (from > 0) {
            out.append('\n');
            if (blank || !line.empty())
                out.append(indentation);
        }
        out.append(line);
        from = at + ((s[at] == '\r' && at + 1 < s.size() && s[at + 1] == '\n') ? 2 : 1);
    }
    return out.take();
}

std::string htmlEscape(const std::string& text, Budget& budget)
{
    TextBuilder out(&budget, "escape");
    size_t run = 0;
    for (size_t at = 0; at < text.size(); ++at) {
        const char* entity = nullptr;
        switch (text[at]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&#34;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        out.append(std::string_view(text).substr(run, at - run));
        out.append(entity);
        run = at + 1;
    }
    out.append(std::string_view(text).substr(run));
    return out.take();
}

uint64_t rangeLength(int64_t start, int64_t stop, int64_t step)
{
    // In unsigned arithmetic: the distance between two int64 values always fits.
    if (step > 0)
        return start < stop ? (uint64_t(stop) - uint64_t(start) - 1) / uint64_t(step) + 1 : 0;
    const uint64_t stride = uint64_t(-(step + 1)) + 1; // -step, even for INT64_MIN
    return start > stop ? (uint64_t(start) - uint64_t(stop) - 1) / stride + 1 : 0;
}

SliceIndices sliceIndices(int64_t size, std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step)
{
    // Python's PySlice_AdjustIndices.
    auto clamp = [&](std::optional<int64_t> bound, int64_t fallback) {
        if (!bound)
            return fallback;
        int64_t value = *bound;
        if (value < 0) {
            value += size; // no overflow: size >= 0
            if (value < 0)
                value = step < 0 ? -1 : 0;
        } else if (value >= size) {
            value = step < 0 ? size - 1 : size;
        }
        return value;
    };
    const int64_t first = clamp(start, step < 0 ? size - 1 : 0);
    const int64_t last = clamp(stop, step < 0 ? -1 : size);
    return {first, step, int64_t(rangeLength(first, last, step))};
}

std::string codePointSlice(const std::string& text, const SliceIndices& slice, Budget& budget)
{
    if (slice.count <= 0)
        return {};
    // The selected code points, in increasing order: indices lowest + k * stride.
    const uint64_t stride = slice.step > 0 ? uint64_t(slice.step) : uint64_t(-(slice.step + 1)) + 1;
    const int64_t highest = slice.step > 0 ? int64_t(uint64_t(slice.first) + uint64_t(slice.count - 1) * stride)
                                           : slice.first;
    const int64_t lowest = slice.step > 0 ? slice.first : int64_t(uint64_t(slice.first) - uint64_t(slice.count - 1) * stride);
    budget.work(std::min(text.size(), multiplySizes(size_t(highest) + 1, 4)));
    std::string selected;
    std::vector<uint8_t> lengths; // of each selected code point, to reverse them
    int64_t index = 0;
    for (size_t at = 0; at < text.size() && index <= highest; at += codePointBytes(text, at), ++index) {
        if (index < lowest || uint64_t(index - lowest) % stride != 0)
            continue;
        const size_t length = codePointBytes(text, at);
        budget.growString(selected.size(), length, "a slice");
        selected.append(text, at, length);
        if (slice.step < 0)
            lengths.push_back(uint8_t(length));
    }
    if (slice.step > 0)
        return selected;
    std::string reversed;
    reversed.reserve(selected.size());
    size_t end = selected.size();
    for (auto length = lengths.rbegin(); length != lengths.rend(); ++length) {
        end -= *length;
        reversed.append(selected, end, *length);
    }
    return reversed;
}

// --- methods ------------------------------------------------------------------------------

Value boundMethod(const Value& target, const std::string& name, Budget& budget)
{
    Budget* const b = &budget;
    if (target.kind() == Kind::Dict && !target.isNamespace()) {
        const Dict* dict = &target.dict(); // kept alive by the method's value (its receiver)
        if (name == "items" || name == "keys" || name == "values")
            return Value::method(name, [dict, name, b](Arguments&) {
                b->buildList(dict->entries.size(), name + "()");
                List out;
                for (const auto& [key, value] : dict->entries) {
                    if (name != "values")
                        b->work(key.size());
                    out.push_back(name == "keys" ? Value(key) : name == "values" ? value : Value::tuple(List{Value(key), value}));
                }
                return Value(std::move(out));
            }, target);
        if (name == "get")
            return Value::method(name, [dict, b](Arguments& args) {
                if (args.positional.empty())
                    b->fail("get() needs a key");
                const Value& key = args.positional[0];
                const Value* found = key.kind() == Kind::String ? dict->find(key.string(), *b) : nullptr;
                return found ? *found : positional(args, 1, Value::none());
            }, target);
        return Value();
    }
    if (target.kind() != Kind::String)
        return Value();
    const Value self = target;
    auto method = [&](Function function) { return Value::function("str." + name, std::move(function)); };
    auto stringArgument = [b, name](const Arguments& args, size_t index) -> const std::string& {
        if (index >= args.positional.size() || args.positional[index].kind() != Kind::String)
            b->fail("str." + name + "() needs a string argument");
        return args.positional[index].string();
    };
    if (name == "strip" || name == "lstrip" || name == "rstrip")
        return method([self, name, b](Arguments& args) {
            return Value(strip(self.string(), positional(args, 0, Value::none()), name != "rstrip", name != "lstrip", *b));
        });
    if (name == "split" || name == "rsplit")
        return method([self, name, b](Arguments& args) {
            Value separator = positional(args, 0, Value::none());
            Value maxSplit = positional(args, 1, Value(int64_t(-1)));
            for (const auto& [key, value] : args.named)
                (key == "sep" ? separator : maxSplit) = value;
            if (separator.kind() == Kind::String && separator.string().empty())
                b->fail("str." + name + "(): empty separator");
            return Value(split(self.string(), separator, integerArgument(maxSplit, "str." + name + "(): maxsplit", *b),
                               name == "rsplit", *b));
        });
    if (name == "replace")
        return method([self, stringArgument, name, b](Arguments& args) {
            const int64_t count = integerArgument(positional(args, 2, Value(int64_t(-1))), "str.replace(): count", *b);
            return Value(replace(self.string(), stringArgument(args, 0), stringArgument(args, 1), count, *b));
        });
    if (name == "startswith" || name == "endswith")
        return method([self, name, b](Arguments& args) {
            if (args.positional.empty())
                b->fail("str." + name + "() needs an argument");
            return Value(startsOrEndsWith(self.string(), args.positional[0], name == "startswith", *b));
        });
    if (name == "upper")
        return method([self, b](Arguments&) { return Value(upper(self.string(), *b)); });
    if (name == "lower")
        return method([self, b](Arguments&) { return Value(lower(self.string(), *b)); });
    if (name == "title")
        return method([self, b](Arguments&) { return Value(title(self.string(), *b)); });
    if (name == "capitalize")
        return method([self, b](Arguments&) { return Value(capitalize(self.string(), *b)); });
    if (name == "find" || name == "rfind" || name == "count")
        return method([self, name, stringArgument, b](Arguments& args) {
            const std::string& text = self.string();
            const std::string& needle = stringArgument(args, 0);
            if (name == "count") {
                if (needle.empty())
                    return Value(self.length(*b) + 1);
                int64_t n = 0;
                for (size_t at = findText(text, needle, 0, *b); at != std::string::npos;
                     at = findText(text, needle, at + needle.size(), *b))
                    ++n;
                return Value(n);
            }
            size_t at = std::string::npos;
            if (name == "find") {
                at = findText(text, needle, 0, *b);
            } else if (const size_t fromEnd = findText(reversedBytes(text, *b), reversedBytes(needle, *b), 0, *b);
                       fromEnd != std::string::npos) {
                at = text.size() - fromEnd - needle.size();
            }
            return Value(at == std::string::npos ? int64_t(-1) : int64_t(codePointCount(std::string_view(text).substr(0, at))));
        });
    if (name == "join")
        return method([self, b](Arguments& args) {
            if (args.positional.empty() || args.positional[0].kind() != Kind::List)
                b->fail("str.join() needs a list of strings");
            TextBuilder out(b, "str.join()");
            bool first = true;
            for (const Value& item : args.positional[0].list()) {
                if (item.kind() != Kind::String)
                    b->fail("str.join(): expected strings, found " + item.typeName());
                if (!first)
                    out.append(self.string());
                out.append(item.string());
                first = false;
            }
            return Value(out.take());
        });
    if (name == "isdigit" || name == "isspace" || name == "isalpha" || name == "isalnum" || name == "islower" ||
        name == "isupper")
        return method([self, name, b](Arguments&) {
            const std::string& text = self.string();
            if (text.empty())
                return Value(false);
            if (name == "islower" || name == "isupper") {
                const std::string lowered = lower(text, *b), uppered = upper(text, *b);
                return Value(lowered != uppered && (name == "islower" ? lowered == text : uppered == text));
            }
            b->step(int64_t(text.size())); // isalpha cases each character on its own
            for (size_t at = 0; at < text.size(); at += codePointBytes(text, at)) {
                const char32_t c = codePointAt(text, at);
                const bool ascii = c < 0x80;
                const std::string_view character(text.data() + at, codePointBytes(text, at));
                const bool ok = name == "isspace" ? isPythonSpace(c)
                                : name == "isdigit" ? (ascii && std::isdigit(int(c)))
                                : name == "isalpha" ? (ascii ? bool(std::isalpha(int(c))) : toLower(character) != toUpper(character))
                                                    : (ascii && std::isalnum(int(c)));
                if (!ok)
                    return Value(false);
            }
            return Value(true);
        });
    return Value();
}

} // namespace finch::text::jinja
