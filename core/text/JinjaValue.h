#pragma once
// Values of the chat-template interpreter (Jinja.cpp), with Python's semantics: what str()
// and repr() print, truthiness, equality across int/float/bool, code-point string lengths,
// and the string and mapping methods the jinja2 sandbox allows. Also the Budget that bounds
// what a render may spend: every operation here whose cost grows with its operands charges
// it before doing the work.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finch::text::jinja {

class Value;
using List = std::vector<Value>;

// What one render may spend, charged before the work is done. Steps bound the time: each
// node and expression costs one, and work on data (building, copying, scanning, comparing)
// one per kBytesPerStep bytes, which also bounds the memory a render can fill. Each string
// and list built is bounded on its own, so no single allocation can be huge.
class Budget {
public:
    static constexpr int64_t kMaxSteps = 10'000'000;
    static constexpr size_t kBytesPerStep = 16;
    static constexpr size_t kMaxStringBytes = size_t(64) << 20;
    static constexpr size_t kMaxListItems = 1'000'000;
    // How deeply printing, comparing, tojson and the template's variables may nest lists
    // and mappings (their code recurses once per level).
    static constexpr int kMaxValueDepth = 256;

    // `where` gives the prefix of every message: the template's name and current line.
    explicit Budget(std::function<std::string()> where) : where_(std::move(where)) {}

    [[noreturn]] void fail(const std::string& problem) const;
    void step(int64_t steps = 1);
    // Work over `bytes` of data (a mapping's entry looked at counts as a byte).
    void work(size_t bytes);
    // Before building a string of `bytes` bytes, or a list of `items` items, or growing one
    // by that much; `what` names the operation in the error ("join would make a string of
    // more than 64 MiB").
    void buildString(size_t bytes, std::string_view what) { growString(0, bytes, what); }
    void growString(size_t size, size_t added, std::string_view what);
    void buildList(size_t items, std::string_view what) { growList(0, items, what); }
    void growList(size_t size, size_t added, std::string_view what);
    // Before following a nested list or mapping `depth` levels down.
    void enter(int depth) const;

private:
    std::function<std::string()> where_;
    int64_t steps_ = 0;
    size_t bytes_ = 0; // worked on since the last step charged
};

// A mapping that keeps insertion order, as Python's dict does.
struct Dict {
    std::vector<std::pair<std::string, Value>> entries;
    // Both scan the entries: charged to the budget.
    const Value* find(const std::string& key, Budget& budget) const;
    void set(const std::string& key, Value value, Budget& budget);
};

struct Arguments {
    List positional;
    std::vector<std::pair<std::string, Value>> named;
};
using Function = std::function<Value(Arguments&)>;

// Size arithmetic that saturates: a size that would overflow is simply too large.
size_t addSizes(size_t a, size_t b);
size_t multiplySizes(size_t a, size_t b);

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
    Value(const Value&) = default;
    Value(Value&&) noexcept = default;
    Value& operator=(const Value&) = default;
    Value& operator=(Value&&) noexcept = default;
    ~Value();

    static Value none();
    // `what` names the missing thing ("'foo' is undefined"), or is the whole message.
    static Value undefined(const std::string& what, bool isMessage = false);
    static Value function(std::string name, Function function);
    // A method bound to `receiver`, a list or mapping it reads. The method's value owns the
    // receiver (the function keeps only a reference), so freeing a long chain of methods
    // bound to mappings that hold methods never recurses.
    static Value method(std::string name, Function function, const Value& receiver);

    Kind kind() const { return kind_; }
    bool isInteger() const { return kind_ == Kind::Int || kind_ == Kind::Bool; }
    bool isNumber() const { return isInteger() || kind_ == Kind::Float; }
    int64_t asInt() const { return integer_; } // integers and booleans only
    double asFloat() const { return kind_ == Kind::Float ? number_ : double(integer_); }
    const std::string& string() const { return *string_; }
    const List& list() const { return *list_; }
    const Dict& dict() const { return *dict_; }
    Dict& mutableDict() { return *dict_; } // namespaces only: plain values are immutable
    const Function& function() const { return *function_; }
    const std::string& functionName() const { return *string_; }
    bool isNamespace() const { return kind_ == Kind::Dict && isNamespace_; }
    void setNamespace(bool isNamespace) { isNamespace_ = isNamespace; }
    // A list that Python would hold as a tuple: it prints as (a, b).
    static Value tuple(List items);
    bool isTuple() const { return isTuple_; }

    bool truthy() const;
    // Python's len() of a string: code points.
    int64_t length(Budget& budget) const;
    // Python's ==. Namespaces are equal only to themselves (jinja2's Namespace has no __eq__),
    // which also keeps comparisons out of the cycles only namespaces can close.
    bool equals(const Value& other, Budget& budget, int depth = 0) const;
    bool sameAs(const Value& other, Budget& budget) const;
    // Python's str() and repr(); undefined prints as nothing. A list or mapping met again
    // inside itself prints as Python prints it: [...], {...}.
    std::string str(Budget& budget) const;
    std::string repr(Budget& budget) const;
    // repr() cut short, for error messages.
    std::string describe() const;
    // "str", "int", "dict object", … for messages.
    std::string typeName() const;
    std::string undefinedMessage() const { return string_ ? *string_ : "a value is undefined"; }

private:
    void releaseNested() noexcept;

    Kind kind_ = Kind::Undefined;
    bool isNamespace_ = false;
    bool isTuple_ = false;
    int64_t integer_ = 0;
    double number_ = 0;
    std::shared_ptr<const std::string> string_; // also an undefined value's message
    std::shared_ptr<List> list_;
    std::shared_ptr<Dict> dict_; // also a bound method's receiver
    std::shared_ptr<const Function> function_;
};

// Python's repr() of a string, cut short, for error messages.
std::string describe(std::string_view text);

// The template's variables; a value nested deeper than Budget::kMaxValueDepth is refused.
Value fromJson(const nlohmann::ordered_json& json, Budget& budget, int depth = 0);
// transformers' tojson: json.dumps(ensure_ascii, indent, separators, sort_keys).
std::string toJson(const Value& value, const Value& indent, const Value& separators, bool sortKeys, bool ensureAscii,
                   Budget& budget);
// Python's repr() of a float (the shortest text that reads back the same).
std::string pythonFloat(double value);

// A string's or mapping's method (s.strip, d.items, …) bound to it; undefined when the
// value has no such method.
Value boundMethod(const Value& target, const std::string& name, Budget& budget);

// Python's str methods on UTF-8 text.
std::string strip(const std::string& text, const Value& chars, bool left, bool right, Budget& budget);
List split(const std::string& text, const Value& separator, int64_t maxSplit, bool fromRight, Budget& budget);
std::string replace(const std::string& text, const std::string& old, const std::string& with, int64_t count,
                    Budget& budget);
std::string capitalize(const std::string& text, Budget& budget);
std::string title(const std::string& text, Budget& budget);
std::string upper(const std::string& text, Budget& budget);
std::string lower(const std::string& text, Budget& budget);
std::string indent(const std::string& text, const std::string& indentation, bool first, bool blank, Budget& budget);
std::string htmlEscape(const std::string& text, Budget& budget);
// Byte offset of the first `needle` in `text` at or after `from` (in linear time, whatever
// the text), or npos.
size_t findText(std::string_view text, std::string_view needle, size_t from, Budget& budget);

// len(range(start, stop, step)), whatever the integers (step is not zero).
uint64_t rangeLength(int64_t start, int64_t stop, int64_t step);
// Python's slice.indices(): which of `size` items a slice selects, as the first index, the
// step and how many.
struct SliceIndices {
    int64_t first, step, count;
};
SliceIndices sliceIndices(int64_t size, std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step);
// The code points `slice` selects from UTF-8 text.
std::string codePointSlice(const std::string& text, const SliceIndices& slice, Budget& budget);

} // namespace finch::text::jinja
