#pragma once
// Values of the chat-template interpreter (Jinja.cpp), with Python's semantics: what str()
// and repr() print, truthiness, equality across int/float/bool, code-point string lengths,
// and the string and mapping methods the jinja2 sandbox allows.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace finch::text::jinja {

class Value;
using List = std::vector<Value>;

// A mapping that keeps insertion order, as Python's dict does.
struct Dict {
    std::vector<std::pair<std::string, Value>> entries;
    const Value* find(const std::string& key) const;
    void set(const std::string& key, Value value);
};

struct Arguments {
    List positional;
    std::vector<std::pair<std::string, Value>> named;
};
using Function = std::function<Value(Arguments&)>;
// Reports a problem; never returns.
using Fail = std::function<void(const std::string&)>;

enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Function };

class Value {
public:
    Value() = default; // undefined
    explicit Value(bool b) : kind_(Kind::Bool), integer_(b) {}
    explicit Value(int64_t i) : kind_(Kind::Int), integer_(i) {}
    explicit Value(double f) : kind_(Kind::Float), number_(f) {}
    explicit Value(std::string s) : kind_(Kind::String), string_(std::make_shared<std::string>(std::move(s))) {}
    explicit Value(const char* s) : Value(std::string(s)) {}
    explicit Value(List items) : kind_(Kind::List), list_(std::make_shared<List>(std::move(items))) {}
    explicit Value(Dict dict) : kind_(Kind::Dict), dict_(std::make_shared<Dict>(std::move(dict))) {}

    static Value none();
    // `what` names the missing thing ("'foo' is undefined"), or is the whole message.
    static Value undefined(const std::string& what, bool isMessage = false);
    static Value function(std::string name, Function function);

    Kind kind() const { return kind_; }
    bool isInteger() const { return kind_ == Kind::Int || kind_ == Kind::Bool; }
    bool isNumber() const { return isInteger() || kind_ == Kind::Float; }
    int64_t asInt() const { return kind_ == Kind::Float ? int64_t(number_) : integer_; }
    double asFloat() const { return kind_ == Kind::Float ? number_ : double(integer_); }
    const std::string& string() const { return *string_; }
    const List& list() const { return *list_; }
    const Dict& dict() const { return *dict_; }
    Dict& mutableDict() { return *dict_; } // namespaces only: plain values are immutable
    const Function& function() const { return *function_; }
    bool isNamespace() const { return kind_ == Kind::Dict && isNamespace_; }
    void setNamespace(bool isNamespace) { isNamespace_ = isNamespace; }
    // A list that Python would hold as a tuple: it prints as (a, b).
    static Value tuple(List items);

    bool truthy() const;
    // Python's len() of a string: code points.
    int64_t length() const;
    bool equals(const Value& other) const;
    bool sameAs(const Value& other) const;
    // Python's str() and repr(); undefined prints as nothing.
    std::string str() const;
    std::string repr() const;
    // "str", "int", "dict object", … for messages.
    std::string typeName() const;
    std::string undefinedMessage() const { return string_ ? *string_ : "a value is undefined"; }

private:
    Kind kind_ = Kind::Undefined;
    bool isNamespace_ = false;
    bool isTuple_ = false;
    int64_t integer_ = 0;
    double number_ = 0;
    std::shared_ptr<const std::string> string_; // also an undefined value's message
    std::shared_ptr<List> list_;
    std::shared_ptr<Dict> dict_;
    std::shared_ptr<const Function> function_;
};

Value fromJson(const nlohmann::ordered_json& json);
// transformers' tojson: json.dumps(ensure_ascii, indent, separators, sort_keys).
std::string toJson(const Value& value, const Value& indent, const Value& separators, bool sortKeys, bool ensureAscii,
                   const Fail& fail);
// Python's repr() of a float (the shortest text that reads back the same).
std::string pythonFloat(double value);

// A string's or mapping's method (s.strip, d.items, …) bound to it; undefined when the
// value has no such method.
Value boundMethod(const Value& target, const std::string& name, const Fail& fail);

// Python's str methods on UTF-8 text.
std::string strip(const std::string& text, const Value& chars, bool left, bool right);
List split(const std::string& text, const Value& separator, int64_t maxSplit, bool fromRight = false);
std::string replace(const std::string& text, const std::string& old, const std::string& with, int64_t count);
std::string capitalize(const std::string& text);
std::string title(const std::string& text);
std::string indent(const std::string& text, const std::string& indentation, bool first, bool blank);
std::string htmlEscape(const std::string& text);

// Python's slice.indices(): the clamped start and stop for a sequence of `size` items.
std::pair<int64_t, int64_t> sliceBounds(int64_t size, std::optional<int64_t> start, std::optional<int64_t> stop,
                                        int64_t step);
// Code points [begin, end) by `step` of UTF-8 text (bounds already clamped).
std::string codePointSlice(const std::string& text, int64_t begin, int64_t end, int64_t step);

} // namespace finch::text::jinja
