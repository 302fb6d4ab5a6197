#include "core/text/Jinja.h"

#include "core/common/Utf8.h"
#include "core/text/JinjaSyntax.h"
#include "core/text/JinjaValue.h"
#include "core/text/UnicodeText.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <ctime>
#include <locale.h>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

namespace finch::text {

using jinja::Body;
using jinja::Dict;
using jinja::Expr;
using jinja::ExprKind;
using jinja::Node;
using jinja::NodeKind;
using jinja::Kind;
using jinja::List;
using jinja::Value;


// ---------------------------------------------------------------------------------------
// The interpreter.

struct JinjaTemplate::Program {
    std::string name;
    Body body;
    bool generationTags = false;
};

namespace {

constexpr size_t kMaxOutputBytes = size_t(64) << 20;
constexpr int64_t kMaxSteps = 10'000'000;
constexpr int kMaxDepth = 200;
constexpr int64_t kMaxRange = 1'000'000;

struct Frame {
    std::unordered_map<std::string, Value> names;
    std::shared_ptr<Frame> parent;

    const Value* find(const std::string& key) const
    {
        for (const Frame* frame = this; frame; frame = frame->parent.get()) {
            const auto it = frame->names.find(key);
            if (it != frame->names.end())
                return &it->second;
        }
        return nullptr;
    }
};

struct LoopSignal {
    bool isBreak;
};

class Interpreter {
public:
    Interpreter(const JinjaTemplate::Program& program, const Clock& clock) : program_(program), clock_(clock) {}

    JinjaTemplate::Rendered run(const nlohmann::ordered_json& variables)
    {
        auto globals = std::make_shared<Frame>();
        if (!variables.is_object())
            throw Error(program_.name + ": the template's variables must be a JSON object");
        for (const auto& [key, value] : variables.items())
            globals->names[key] = jinja::fromJson(value);
        installGlobals(*globals);
        JinjaTemplate::Rendered rendered;
        out_ = &rendered.text;
        spans_ = &rendered.generationSpans;
        mainOutput_ = out_;
        frame_ = globals;
        globals_ = globals;
        renderBody(program_.body);
        return rendered;
    }

private:
    [[noreturn]] void fail(const std::string& problem) const
    {
        throw Error(program_.name + ", line " + std::to_string(line_) + ": " + problem);
    }

    void step()
    {
        if (++steps_ > kMaxSteps)
            fail("rendering took more than " + std::to_string(kMaxSteps) + " steps (an endless template?)");
    }

    void write(std::string_view text)
    {
        if (out_->size() + text.size() > kMaxOutputBytes)
            fail("the rendered text grows past " + std::to_string(kMaxOutputBytes >> 20) + " MiB");
        out_->append(text);
    }

    // --- globals ---------------------------------------------------------------------

    void installGlobals(Frame& globals)
    {
        auto define = [&](const char* name, jinja::Function function) {
            if (!globals.names.contains(name))
                globals.names[name] = Value::function(name, std::move(function));
        };
        define("range", [this](jinja::Arguments& args) {
            int64_t start = 0, stop = 0, stride = 1;
            const auto& p = args.positional;
            if (p.empty() || p.size() > 3)
                fail("range() takes 1 to 3 arguments");
            auto integer = [&](const Value& v) {
                if (v.kind() != Kind::Int && v.kind() != Kind::Bool)
                    fail("range() takes integers, found " + v.typeName());
                return v.asInt();
            };
            if (p.size() == 1)
                stop = integer(p[0]);
            else
                start = integer(p[0]), stop = integer(p[1]);
            if (p.size() == 3)
                stride = integer(p[2]);
            if (stride == 0)
                fail("range() step must not be zero");
            List items;
            for (int64_t i = start; stride > 0 ? i < stop : i > stop; i += stride) {
                if (int64_t(items.size()) >= kMaxRange)
                    fail("range() of more than " + std::to_string(kMaxRange) + " numbers");
                items.emplace_back(i);
            }
            return Value(std::move(items));
        });
        auto makeDict = [this](jinja::Arguments& args, bool isNamespace) {
            Dict dict;
            if (args.positional.size() > 1)
                fail("namespace() and dict() take at most one positional argument");
            if (!args.positional.empty()) {
                const Value& source = args.positional[0];
                if (source.kind() != Kind::Dict)
                    fail("namespace() and dict() take a mapping, found " + source.typeName());
                dict = source.dict();
            }
            for (auto& [key, value] : args.named)
                dict.set(key, value);
            if (isNamespace)
                for (const auto& entry : dict.entries)
                    if (entry.first.starts_with("_"))
                        fail("a namespace cannot hold the underscore-prefixed attribute '" + entry.first + "'");
            Value result(std::move(dict));
            result.setNamespace(isNamespace);
            return result;
        };
        define("namespace", [makeDict](jinja::Arguments& args) { return makeDict(args, true); });
        define("dict", [makeDict](jinja::Arguments& args) { return makeDict(args, false); });
        define("raise_exception", [](jinja::Arguments& args) -> Value {
            throw TemplateRaised(args.positional.empty() ? std::string() : args.positional[0].str());
        });
        define("strftime_now", [this](jinja::Arguments& args) {
            if (args.positional.size() != 1 || args.positional[0].kind() != Kind::String)
                fail("strftime_now() takes one format string");
            return Value(formatTime(args.positional[0].string()));
        });
    }

    // Python's datetime.strftime in the C locale (English names, whatever the process's
    // LC_TIME), as transformers renders it.
    std::string formatTime(const std::string& format)
    {
        static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t(0));
        const std::tm time = clock_();
        // No directive expands past 64 bytes in the C locale.
        const size_t capacity = format.size() * 64 + 1;
        if (out_->size() + capacity > kMaxOutputBytes)
            fail("the rendered text grows past " + std::to_string(kMaxOutputBytes >> 20) + " MiB");
        std::string text(capacity, '\0');
        text.resize(strftime_l(text.data(), text.size(), format.c_str(), &time, cLocale));
        return text;
    }

    // --- statements ------------------------------------------------------------------

    void renderBody(const Body& body)
    {
        for (const auto& node : body)
            renderNode(*node);
    }

    void renderNode(const Node& node)
    {
        step();
        line_ = node.line;
        switch (node.kind) {
        case NodeKind::Text: write(node.text); break;
        case NodeKind::Output: write(evaluate(*node.expr).str()); break;
        case NodeKind::If:
            for (const auto& [condition, body] : node.branches) {
                if (!condition || evaluate(*condition).truthy()) {
                    renderBody(body);
                    break;
                }
            }
            break;
        case NodeKind::For: renderFor(node); break;
        case NodeKind::Set: {
            Value value = evaluate(*node.expr);
            if (!node.attribute.empty()) {
                const Value* target = frame_->find(node.targets[0]);
                if (!target || !target->isNamespace())
                    fail("'" + node.targets[0] + "' is not a namespace(), so '" + node.targets[0] + "." +
                         node.attribute + "' cannot be set");
                if (node.attribute.starts_with("_"))
                    fail("a namespace cannot hold the underscore-prefixed attribute '" + node.attribute + "'");
                const_cast<Value*>(target)->mutableDict().set(node.attribute, std::move(value));
            } else {
                assign(node.targets, std::move(value));
            }
            break;
        }
        case NodeKind::SetBlock: frame_->names[node.text] = Value(capture(node.body)); break;
        case NodeKind::Macro: defineMacro(node); break;
        case NodeKind::Break: throw LoopSignal{true};
        case NodeKind::Continue: throw LoopSignal{false};
        case NodeKind::Generation: {
            const size_t begin = out_->size();
            renderBody(node.body);
            if (out_ == mainOutput_)
                spans_->emplace_back(begin, out_->size());
            break;
        }
        case NodeKind::FilterBlock: {
            Value text(capture(node.body));
            write(applyFilterChain(*node.expr, std::move(text)).str());
            break;
        }
        }
    }

    std::string capture(const Body& body)
    {
        std::string buffer;
        std::string* saved = out_;
        out_ = &buffer;
        try {
            renderBody(body);
        } catch (...) {
            out_ = saved;
            throw;
        }
        out_ = saved;
        return buffer;
    }

    void assign(const std::vector<std::string>& targets, Value value)
    {
        if (targets.size() == 1) {
            frame_->names[targets[0]] = std::move(value);
            return;
        }
        const List items = iterate(value);
        if (items.size() != targets.size())
            fail("cannot unpack " + std::to_string(items.size()) + " values into " + std::to_string(targets.size()) +
                 " names");
        for (size_t i = 0; i < targets.size(); ++i)
            frame_->names[targets[i]] = items[i];
    }

    void renderFor(const Node& node)
    {
        const List all = iterate(evaluate(*node.expr));
        auto frame = std::make_shared<Frame>();
        frame->parent = frame_;
        const auto saved = frame_;
        frame_ = frame;
        List items;
        if (node.filter) {
            for (const Value& item : all) {
                assign(node.targets, item);
                if (evaluate(*node.filter).truthy())
                    items.push_back(item);
            }
        } else {
            items = all;
        }
        try {
            for (size_t i = 0; i < items.size(); ++i) {
                step();
                assign(node.targets, items[i]);
                if (node.usesLoop)
                    frame_->names["loop"] = loopObject(items, i);
                try {
                    renderBody(node.body);
                } catch (const LoopSignal& signal) {
                    if (signal.isBreak)
                        break;
                }
            }
            frame_ = saved;
        } catch (...) {
            frame_ = saved;
            throw;
        }
        if (items.empty())
            renderBody(node.elseBody);
    }

    Value loopObject(const List& items, size_t i)
    {
        const int64_t n = static_cast<int64_t>(items.size()), index = static_cast<int64_t>(i);
        Dict loop;
        loop.set("index", Value(index + 1));
        loop.set("index0", Value(index));
        loop.set("revindex", Value(n - index));
        loop.set("revindex0", Value(n - index - 1));
        loop.set("first", Value(i == 0));
        loop.set("last", Value(index == n - 1));
        loop.set("length", Value(n));
        loop.set("depth", Value(int64_t(1)));
        loop.set("depth0", Value(int64_t(0)));
        loop.set("previtem", i > 0 ? items[i - 1] : Value());
        loop.set("nextitem", index + 1 < n ? items[i + 1] : Value());
        loop.set("cycle", Value::function("loop.cycle", [this, i](jinja::Arguments& args) {
            if (args.positional.empty())
                fail("loop.cycle() needs at least one value");
            return args.positional[i % args.positional.size()];
        }));
        return Value(std::move(loop));
    }

    void defineMacro(const Node& node)
    {
        // The macro lives in the frame it sees: a weak reference, or the two would keep each
        // other alive. A macro called after its scope ended sees the template's globals.
        const std::weak_ptr<Frame> closure = frame_;
        frame_->names[node.text] = Value::function(node.text, [this, &node, closure](jinja::Arguments& args) {
            if (args.positional.size() > node.parameters.size())
                fail("the macro '" + node.text + "' takes " + std::to_string(node.parameters.size()) + " arguments");
            auto frame = std::make_shared<Frame>();
            frame->parent = closure.lock();
            if (!frame->parent)
                frame->parent = globals_;
            for (size_t i = 0; i < node.parameters.size(); ++i) {
                const auto& [name, fallback] = node.parameters[i];
                if (i < args.positional.size())
                    frame->names[name] = args.positional[i];
                else if (const Value* named = findNamed(args, name))
                    frame->names[name] = *named;
                else
                    frame->names[name] = fallback ? evaluate(*fallback) : Value::undefined(name);
            }
            const auto saved = frame_;
            const int savedLine = line_;
            frame_ = frame;
            std::string text;
            try {
                text = capture(node.body);
            } catch (...) {
                frame_ = saved;
                throw;
            }
            frame_ = saved;
            line_ = savedLine;
            return Value(std::move(text));
        });
    }

    static const Value* findNamed(const jinja::Arguments& args, std::string_view key)
    {
        for (const auto& [name, value] : args.named)
            if (name == key)
                return &value;
        return nullptr;
    }

    // --- expressions -----------------------------------------------------------------

    struct DepthGuard {
        explicit DepthGuard(Interpreter& in) : interpreter(in)
        {
            if (++interpreter.depth_ > kMaxDepth)
                interpreter.fail("expressions or macro calls nest deeper than " + std::to_string(kMaxDepth));
        }
        ~DepthGuard() { --interpreter.depth_; }
        Interpreter& interpreter;
    };

    List iterate(const Value& value)
    {
        switch (value.kind()) {
        case Kind::Undefined: return {};
        case Kind::List: return value.list();
        case Kind::Dict: {
            List keys;
            for (const auto& entry : value.dict().entries)
                keys.emplace_back(entry.first);
            return keys;
        }
        case Kind::String: {
            List characters;
            const std::string& text = value.string();
            for (size_t at = 0; at < text.size();) {
                const size_t length = std::min(utf8Length(static_cast<unsigned char>(text[at])), text.size() - at);
                characters.emplace_back(text.substr(at, length));
                at += length;
            }
            return characters;
        }
        default: fail("cannot loop over " + value.typeName());
        }
    }

    Value evaluate(const Expr& expr)
    {
        DepthGuard guard(*this);
        step();
        switch (expr.kind) {
        case ExprKind::Literal: return expr.literal;
        case ExprKind::Name: {
            const Value* value = frame_->find(expr.name);
            return value ? *value : Value::undefined(expr.name);
        }
        case ExprKind::Attribute: return attribute(evaluate(*expr.children[0]), expr.name, expr.line);
        case ExprKind::Item: return item(evaluate(*expr.children[0]), evaluate(*expr.children[1]));
        case ExprKind::Slice: return slice(expr);
        case ExprKind::Call: return call(expr);
        case ExprKind::Filter: return applyFilter(expr, evaluate(*expr.children[0]));
        case ExprKind::Test: {
            const bool result = test(expr);
            return Value(expr.negated ? !result : result);
        }
        case ExprKind::Not: return Value(!evaluate(*expr.children[0]).truthy());
        case ExprKind::Negate: {
            const Value value = evaluate(*expr.children[0]);
            requireDefined(value);
            if (value.kind() == Kind::Float)
                return Value(-value.asFloat());
            if (value.isInteger())
                return Value(-value.asInt());
            fail("cannot negate " + value.typeName());
        }
        case ExprKind::And: {
            Value left = evaluate(*expr.children[0]);
            return left.truthy() ? evaluate(*expr.children[1]) : left;
        }
        case ExprKind::Or: {
            Value left = evaluate(*expr.children[0]);
            return left.truthy() ? left : evaluate(*expr.children[1]);
        }
        case ExprKind::Conditional:
            if (evaluate(*expr.children[0]).truthy())
                return evaluate(*expr.children[1]);
            return expr.children[2] ? evaluate(*expr.children[2]) : Value::undefined("");
        case ExprKind::ListLit: {
            List items;
            for (const auto& child : expr.children)
                items.push_back(evaluate(*child));
            return expr.name == "tuple" ? Value::tuple(std::move(items)) : Value(std::move(items));
        }
        case ExprKind::DictLit: {
            Dict dict;
            for (size_t i = 0; i + 1 < expr.children.size(); i += 2) {
                const Value key = evaluate(*expr.children[i]);
                if (key.kind() != Kind::String)
                    fail("dictionary keys must be strings here, found " + key.typeName());
                dict.set(key.string(), evaluate(*expr.children[i + 1]));
            }
            return Value(std::move(dict));
        }
        case ExprKind::Binary: return binaryOperation(expr);
        }
        fail("unknown expression");
    }

    void requireDefined(const Value& value) const
    {
        if (value.kind() == Kind::Undefined)
            fail(value.undefinedMessage());
    }

    Value attribute(const Value& target, const std::string& name, int line)
    {
        line_ = line;
        if (target.kind() == Kind::Undefined)
            fail(target.undefinedMessage());
        if (name.starts_with("__"))
            fail("access to '" + name + "' is unsafe and not allowed");
        if (Value method = jinja::boundMethod(target, name, [this](const std::string& p) { fail(p); });
            method.kind() != Kind::Undefined)
            return method;
        if (target.kind() == Kind::Dict) {
            if (const Value* value = target.dict().find(name))
                return *value;
        }
        return Value::undefined(target.typeName() + " has no attribute '" + name + "'", true);
    }

    Value item(const Value& target, const Value& key)
    {
        if (target.kind() == Kind::Undefined)
            fail(target.undefinedMessage());
        if (target.kind() == Kind::Dict) {
            if (key.kind() == Kind::String) {
                if (const Value* value = target.dict().find(key.string()))
                    return *value;
                return attribute(target, key.string(), line_);
            }
            return Value::undefined(target.typeName() + " has no element " + key.repr(), true);
        }
        if ((target.kind() == Kind::List || target.kind() == Kind::String) && key.isInteger()) {
            const int64_t size = target.kind() == Kind::List ? int64_t(target.list().size()) : target.length();
            int64_t index = key.asInt();
            if (index < 0)
                index += size;
            if (index < 0 || index >= size)
                return Value::undefined(target.typeName() + " has no element " + std::to_string(key.asInt()), true);
            if (target.kind() == Kind::List)
                return target.list()[size_t(index)];
            return Value(jinja::codePointSlice(target.string(), index, index + 1, 1));
        }
        if (key.kind() == Kind::String)
            return attribute(target, key.string(), line_);
        return Value::undefined(target.typeName() + " has no element " + key.repr(), true);
    }

    Value slice(const Expr& expr)
    {
        const Value target = evaluate(*expr.children[0]);
        std::optional<int64_t> bounds[3];
        for (int i = 0; i < 3; ++i) {
            if (!expr.children[i + 1])
                continue;
            const Value bound = evaluate(*expr.children[i + 1]);
            if (bound.kind() == Kind::None)
                continue;
            if (!bound.isInteger())
                fail("slice indices must be integers, found " + bound.typeName());
            bounds[i] = bound.asInt();
        }
        const int64_t stride = bounds[2].value_or(1);
        if (stride == 0)
            fail("a slice step cannot be zero");
        if (target.kind() == Kind::String) {
            const int64_t size = target.length();
            const auto [begin, end] = jinja::sliceBounds(size, bounds[0], bounds[1], stride);
            return Value(jinja::codePointSlice(target.string(), begin, end, stride));
        }
        if (target.kind() == Kind::List) {
            const List& items = target.list();
            const auto [begin, end] = jinja::sliceBounds(int64_t(items.size()), bounds[0], bounds[1], stride);
            List result;
            for (int64_t i = begin; stride > 0 ? i < end : i > end; i += stride)
                result.push_back(items[size_t(i)]);
            return Value(std::move(result));
        }
        requireDefined(target);
        fail("cannot slice " + target.typeName());
    }

    jinja::Arguments arguments(const Expr& expr, size_t firstPositional)
    {
        jinja::Arguments args;
        for (size_t i = firstPositional; i < expr.children.size(); ++i)
            args.positional.push_back(evaluate(*expr.children[i]));
        for (const auto& [key, value] : expr.keywords)
            args.named.emplace_back(key, evaluate(*value));
        return args;
    }

    Value call(const Expr& expr)
    {
        const Value callee = evaluate(*expr.children[0]);
        jinja::Arguments args = arguments(expr, 1);
        line_ = expr.line;
        if (callee.kind() != Kind::Function) {
            requireDefined(callee);
            fail(callee.typeName() + " cannot be called");
        }
        return callee.function()(args);
    }

    Value binaryOperation(const Expr& expr)
    {
        const Value left = evaluate(*expr.children[0]);
        const Value right = evaluate(*expr.children[1]);
        line_ = expr.line;
        const std::string& op = expr.name;
        if (op == "==")
            return Value(left.equals(right));
        if (op == "!=")
            return Value(!left.equals(right));
        if (op == "in") {
            const bool contained = contains(right, left);
            return Value(expr.negated ? !contained : contained);
        }
        if (op == "~")
            return Value(left.str() + right.str());
        if (op == "<" || op == ">" || op == "<=" || op == ">=") {
            const int order = compare(left, right);
            return Value(op == "<" ? order < 0 : op == ">" ? order > 0 : op == "<=" ? order <= 0 : order >= 0);
        }
        requireDefined(left);
        requireDefined(right);
        if (op == "+") {
            if (left.kind() == Kind::String && right.kind() == Kind::String)
                return Value(left.string() + right.string());
            if (left.kind() == Kind::List && right.kind() == Kind::List) {
                List joined = left.list();
                joined.insert(joined.end(), right.list().begin(), right.list().end());
                return Value(std::move(joined));
            }
        }
        if (op == "*") {
            const Value* text = left.kind() == Kind::String || left.kind() == Kind::List ? &left : &right;
            const Value* count = text == &left ? &right : &left;
            if ((text->kind() == Kind::String || text->kind() == Kind::List) && count->isInteger()) {
                const int64_t n = std::max<int64_t>(0, count->asInt());
                const size_t unit = text->kind() == Kind::String ? text->string().size() : text->list().size();
                if (unit * size_t(n) > kMaxOutputBytes)
                    fail("a repetition larger than the output limit");
                if (text->kind() == Kind::String) {
                    std::string repeated;
                    for (int64_t i = 0; i < n; ++i)
                        repeated += text->string();
                    return Value(std::move(repeated));
                }
                List repeated;
                for (int64_t i = 0; i < n; ++i)
                    repeated.insert(repeated.end(), text->list().begin(), text->list().end());
                return Value(std::move(repeated));
            }
        }
        if (!left.isNumber() || !right.isNumber())
            fail("unsupported operand types for " + op + ": " + left.typeName() + " and " + right.typeName());
        return arithmetic(op, left, right);
    }

    Value arithmetic(const std::string& op, const Value& left, const Value& right)
    {
        const bool integers = left.isInteger() && right.isInteger();
        if (integers && op != "/" && op != "**") {
            const int64_t a = left.asInt(), b = right.asInt();
            int64_t result = 0;
            if (op == "+" && !__builtin_add_overflow(a, b, &result))
                return Value(result);
            if (op == "-" && !__builtin_sub_overflow(a, b, &result))
                return Value(result);
            if (op == "*" && !__builtin_mul_overflow(a, b, &result))
                return Value(result);
            if (op == "//" || op == "%") {
                if (b == 0)
                    fail("integer division or modulo by zero");
                int64_t quotient = a / b, remainder = a % b;
                if (remainder != 0 && ((remainder < 0) != (b < 0)))
                    --quotient, remainder += b;
                return Value(op == "//" ? quotient : remainder);
            }
            if (op == "+" || op == "-" || op == "*")
                fail("integer overflow in " + op);
        }
        const double a = left.asFloat(), b = right.asFloat();
        if (op == "+")
            return Value(a + b);
        if (op == "-")
            return Value(a - b);
        if (op == "*")
            return Value(a * b);
        if (op == "**") {
            if (integers && right.asInt() >= 0) {
                int64_t result = 1;
                for (int64_t i = 0; i < right.asInt(); ++i)
                    if (__builtin_mul_overflow(result, left.asInt(), &result))
                        fail("integer overflow in **");
                return Value(result);
            }
            return Value(std::pow(a, b));
        }
        if (b == 0)
            fail("division by zero");
        if (op == "/")
            return Value(a / b);
        if (op == "//")
            return Value(std::floor(a / b));
        if (op == "%") {
            const double remainder = std::fmod(a, b);
            return Value(remainder != 0 && ((remainder < 0) != (b < 0)) ? remainder + b : remainder);
        }
        fail("unknown operator " + op);
    }

    bool contains(const Value& container, const Value& element)
    {
        switch (container.kind()) {
        case Kind::String:
            if (element.kind() != Kind::String)
                fail("'in <string>' requires a string on the left, found " + element.typeName());
            return container.string().find(element.string()) != std::string::npos;
        case Kind::List:
            return std::any_of(container.list().begin(), container.list().end(),
                               [&](const Value& item) { return item.equals(element); });
        case Kind::Dict: return element.kind() == Kind::String && container.dict().find(element.string()) != nullptr;
        case Kind::Undefined: return false;
        default: fail("'in' needs a string, list or mapping on the right, found " + container.typeName());
        }
    }

    int compare(const Value& left, const Value& right)
    {
        if (left.isNumber() && right.isNumber()) {
            if (left.isInteger() && right.isInteger())
                return left.asInt() < right.asInt() ? -1 : left.asInt() > right.asInt() ? 1 : 0;
            return left.asFloat() < right.asFloat() ? -1 : left.asFloat() > right.asFloat() ? 1 : 0;
        }
        if (left.kind() == Kind::String && right.kind() == Kind::String)
            return left.string().compare(right.string()) < 0 ? -1 : left.string() == right.string() ? 0 : 1;
        if (left.kind() == Kind::List && right.kind() == Kind::List) {
            const List &a = left.list(), &b = right.list();
            for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
                if (!a[i].equals(b[i]))
                    return compare(a[i], b[i]);
            return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
        }
        requireDefined(left);
        requireDefined(right);
        fail("cannot compare " + left.typeName() + " with " + right.typeName());
    }

    // --- filters ---------------------------------------------------------------------

    Value applyFilterChain(const Expr& chain, Value operand)
    {
        // A {% filter %} block's chain: the innermost filter has no operand expression.
        if (chain.kind != ExprKind::Filter)
            fail("expected a filter");
        if (chain.children[0])
            operand = applyFilterChain(*chain.children[0], std::move(operand));
        return applyFilter(chain, std::move(operand));
    }

    Value applyFilter(const Expr& expr, Value value)
    {
        jinja::Arguments args = arguments(expr, 1);
        line_ = expr.line;
        return filter(expr.name, std::move(value), args);
    }

    Value argument(const jinja::Arguments& args, size_t index, std::string_view key, Value fallback = Value())
    {
        if (index < args.positional.size())
            return args.positional[index];
        if (const Value* named = findNamed(args, key))
            return *named;
        return fallback;
    }

    // Attribute "a.b.0" of an item, as jinja2's make_attrgetter reads it.
    Value attributePath(const Value& target, const std::string& path)
    {
        Value current = target;
        size_t from = 0;
        while (from <= path.size()) {
            const size_t dot = path.find('.', from);
            const std::string part = path.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
            int64_t index = 0;
            const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), index);
            if (current.kind() == Kind::Undefined)
                return current;
            current = (error == std::errc() && end == part.data() + part.size()) ? item(current, Value(index))
                                                                                 : item(current, Value(part));
            if (dot == std::string::npos)
                break;
            from = dot + 1;
        }
        return current;
    }

    Value filter(const std::string& name, Value value, jinja::Arguments& args)
    {
        auto text = [&] { return value.str(); };
        if (name == "trim") {
            const Value chars = argument(args, 0, "chars");
            return Value(jinja::strip(text(), chars, true, true));
        }
        if (name == "tojson") {
            const Value indent = argument(args, 0, "indent", Value::none());
            const bool ensureAscii = argument(args, 1, "ensure_ascii", Value(false)).truthy();
            const Value separators = argument(args, 2, "separators", Value::none());
            const bool sortKeys = argument(args, 3, "sort_keys", Value(false)).truthy();
            return Value(jinja::toJson(value, indent, separators, sortKeys, ensureAscii,
                                       [this](const std::string& p) { fail(p); }));
        }
        if (name == "length" || name == "count") {
            if (value.kind() == Kind::List)
                return Value(int64_t(value.list().size()));
            if (value.kind() == Kind::Dict)
                return Value(int64_t(value.dict().entries.size()));
            if (value.kind() == Kind::String)
                return Value(value.length());
            if (value.kind() == Kind::Undefined)
                return Value(int64_t(0));
            fail("object of type " + value.typeName() + " has no len()");
        }
        if (name == "upper")
            return Value(toUpper(text()));
        if (name == "lower")
            return Value(toLower(text()));
        if (name == "capitalize")
            return Value(jinja::capitalize(text()));
        if (name == "title")
            return Value(jinja::title(text()));
        if (name == "default" || name == "d") {
            const Value fallback = argument(args, 0, "default_value", Value(std::string()));
            const bool boolean = argument(args, 1, "boolean", Value(false)).truthy();
            if (value.kind() == Kind::Undefined || (boolean && !value.truthy()))
                return fallback;
            return value;
        }
        if (name == "join") {
            const std::string separator = argument(args, 0, "d", Value(std::string())).str();
            const Value attribute = argument(args, 1, "attribute", Value::none());
            std::string joined;
            bool first = true;
            for (const Value& item : iterate(value)) {
                if (!first)
                    joined += separator;
                first = false;
                joined += (attribute.kind() == Kind::None ? item : attributePath(item, attribute.str())).str();
            }
            return Value(std::move(joined));
        }
        if (name == "replace") {
            const Value count = argument(args, 2, "count", Value::none());
            return Value(jinja::replace(text(), argument(args, 0, "old").str(), argument(args, 1, "new").str(),
                                        count.isInteger() ? count.asInt() : -1));
        }
        if (name == "selectattr" || name == "rejectattr" || name == "select" || name == "reject") {
            const bool byAttribute = name.ends_with("attr");
            const bool keep = name.starts_with("select");
            size_t next = 0;
            std::string path;
            if (byAttribute) {
                if (args.positional.empty())
                    fail(name + " needs an attribute name");
                path = args.positional[next++].str();
            }
            std::string testName;
            if (next < args.positional.size())
                testName = args.positional[next++].str();
            if (!testName.empty() && !jinja::isTest(testName))
                fail("the test '" + testName + "' is not one Finch's chat-template engine implements");
            List testArgs(args.positional.begin() + std::ptrdiff_t(next), args.positional.end());
            List kept;
            for (const Value& item : iterate(value)) {
                const Value subject = byAttribute ? attributePath(item, path) : item;
                const bool passes = testName.empty() ? subject.truthy() : runTest(testName, subject, testArgs);
                if (passes == keep)
                    kept.push_back(item);
            }
            return Value(std::move(kept));
        }
        if (name == "map") {
            List mapped;
            if (const Value* attribute = findNamed(args, "attribute")) {
                const Value* fallback = findNamed(args, "default");
                for (const Value& item : iterate(value)) {
                    Value result = attributePath(item, attribute->str());
                    mapped.push_back(result.kind() == Kind::Undefined && fallback ? *fallback : result);
                }
                return Value(std::move(mapped));
            }
            if (args.positional.empty())
                fail("map needs a filter's name or attribute=");
            const std::string filterName = args.positional[0].str();
            if (!jinja::isFilter(filterName))
                fail("the filter '" + filterName + "' is not one Finch's chat-template engine implements");
            jinja::Arguments rest;
            rest.positional.assign(args.positional.begin() + 1, args.positional.end());
            rest.named = args.named;
            for (const Value& item : iterate(value))
                mapped.push_back(filter(filterName, item, rest));
            return Value(std::move(mapped));
        }
        if (name == "list")
            return Value(iterate(value));
        if (name == "first" || name == "last") {
            const List items = iterate(value);
            if (items.empty())
                return Value::undefined("the sequence is empty", true);
            return name == "first" ? items.front() : items.back();
        }
        if (name == "reverse") {
            if (value.kind() == Kind::String)
                return Value(jinja::codePointSlice(value.string(), value.length() - 1, -1, -1));
            List items = iterate(value);
            std::reverse(items.begin(), items.end());
            return Value(std::move(items));
        }
        if (name == "string")
            return Value(text());
        if (name == "safe")
            return value;
        if (name == "escape" || name == "e")
            return Value(jinja::htmlEscape(text()));
        if (name == "int") {
            const Value fallback = argument(args, 0, "default", Value(int64_t(0)));
            if (value.isInteger())
                return Value(value.asInt());
            if (value.kind() == Kind::Float)
                return std::isfinite(value.asFloat()) ? Value(int64_t(value.asFloat())) : fallback;
            if (value.kind() == Kind::String) {
                const std::string trimmed = jinja::strip(value.string(), Value(), true, true);
                int64_t parsed = 0;
                const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), parsed);
                if (error == std::errc() && end == trimmed.data() + trimmed.size())
                    return Value(parsed);
                char* floatEnd = nullptr;
                const double asFloat = std::strtod(trimmed.c_str(), &floatEnd);
                if (!trimmed.empty() && floatEnd == trimmed.c_str() + trimmed.size() && std::isfinite(asFloat))
                    return Value(int64_t(asFloat));
            }
            return fallback;
        }
        if (name == "float") {
            const Value fallback = argument(args, 0, "default", Value(0.0));
            if (value.isNumber())
                return Value(value.asFloat());
            if (value.kind() == Kind::String) {
                const std::string trimmed = jinja::strip(value.string(), Value(), true, true);
                char* end = nullptr;
                const double parsed = std::strtod(trimmed.c_str(), &end);
                if (!trimmed.empty() && end == trimmed.c_str() + trimmed.size())
                    return Value(parsed);
            }
            return fallback;
        }
        if (name == "abs") {
            if (value.isInteger())
                return Value(value.asInt() < 0 ? -value.asInt() : value.asInt());
            if (value.kind() == Kind::Float)
                return Value(std::fabs(value.asFloat()));
            fail("bad operand type for abs(): " + value.typeName());
        }
        if (name == "round") {
            const int64_t precision = argument(args, 0, "precision", Value(int64_t(0))).asInt();
            const std::string method = argument(args, 1, "method", Value(std::string("common"))).str();
            if (!value.isNumber())
                fail("round needs a number, found " + value.typeName());
            if (method == "common") {
                // Python's round(): correctly rounded, ties to even, which printf's %.Nf gives.
                char buffer[512];
                std::snprintf(buffer, sizeof buffer, "%.*f", int(std::clamp<int64_t>(precision, 0, 300)), value.asFloat());
                return Value(std::strtod(buffer, nullptr));
            }
            const double scale = std::pow(10.0, double(precision));
            const double scaled = value.asFloat() * scale;
            return Value((method == "floor" ? std::floor(scaled) : std::ceil(scaled)) / scale);
        }
        if (name == "items" || name == "dictsort") {
            if (value.kind() == Kind::Undefined)
                return Value(List{});
            if (value.kind() != Kind::Dict)
                fail(name + " needs a mapping, found " + value.typeName());
            List pairs;
            for (const auto& [key, item] : value.dict().entries)
                pairs.push_back(Value::tuple(List{Value(key), item}));
            if (name == "dictsort") {
                const bool caseSensitive = argument(args, 0, "case_sensitive", Value(false)).truthy();
                const bool byValue = argument(args, 1, "by", Value(std::string("key"))).str() == "value";
                const bool reverse = argument(args, 2, "reverse", Value(false)).truthy();
                sortValues(pairs, [&](const Value& pair) {
                    const Value& key = pair.list()[byValue ? 1 : 0];
                    return caseSensitive || key.kind() != Kind::String ? key : Value(toLower(key.string()));
                }, reverse);
            }
            return Value(std::move(pairs));
        }
        if (name == "sort" || name == "unique" || name == "min" || name == "max") {
            const bool caseSensitive = findNamed(args, "case_sensitive") && findNamed(args, "case_sensitive")->truthy();
            const Value* attribute = findNamed(args, "attribute");
            auto key = [&](const Value& item) {
                Value k = attribute ? attributePath(item, attribute->str()) : item;
                return caseSensitive || k.kind() != Kind::String ? k : Value(toLower(k.string()));
            };
            List items = iterate(value);
            if (name == "unique") {
                List unique, seen;
                for (const Value& item : items) {
                    const Value k = key(item);
                    if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return s.equals(k); })) {
                        seen.push_back(k);
                        unique.push_back(item);
                    }
                }
                return Value(std::move(unique));
            }
            const bool reverse = name == "sort" && argument(args, 0, "reverse", Value(false)).truthy();
            sortValues(items, key, reverse);
            if (name == "sort")
                return Value(std::move(items));
            if (items.empty())
                return Value::undefined("no " + name + " of an empty sequence", true);
            return name == "min" ? items.front() : items.back();
        }
        if (name == "sum") {
            const Value* attribute = findNamed(args, "attribute");
            Value total = argument(args, 1, "start", Value(int64_t(0)));
            for (const Value& item : iterate(value)) {
                const Value term = attribute ? attributePath(item, attribute->str()) : item;
                if (!term.isNumber() || !total.isNumber())
                    fail("sum needs numbers, found " + term.typeName());
                total = arithmetic("+", total, term);
            }
            return total;
        }
        if (name == "indent") {
            const Value width = argument(args, 0, "width", Value(int64_t(4)));
            const bool first = argument(args, 1, "first", Value(false)).truthy();
            const bool blank = argument(args, 2, "blank", Value(false)).truthy();
            const std::string indentation = width.kind() == Kind::String ? width.string()
                                                                          : std::string(size_t(std::max<int64_t>(0, width.asInt())), ' ');
            return Value(jinja::indent(text(), indentation, first, blank));
        }
        if (name == "wordcount")
            return Value(int64_t(jinja::split(text(), Value::none(), -1).size()));
        if (name == "attr") {
            if (args.positional.empty())
                fail("attr needs a name");
            return attribute(value, args.positional[0].str(), line_);
        }
        fail("the filter '" + name + "' is not one Finch's chat-template engine implements");
    }

    template <typename Key>
    void sortValues(List& items, Key key, bool reverse)
    {
        std::stable_sort(items.begin(), items.end(), [&](const Value& a, const Value& b) {
            const int order = compare(key(a), key(b));
            return reverse ? order > 0 : order < 0;
        });
    }

    // --- tests -----------------------------------------------------------------------

    bool test(const Expr& expr)
    {
        const Value subject = evaluate(*expr.children[0]);
        jinja::Arguments args = arguments(expr, 1);
        line_ = expr.line;
        return runTest(expr.name, subject, args.positional);
    }

    bool runTest(const std::string& name, const Value& value, const List& args)
    {
        auto other = [&]() -> const Value& {
            if (args.empty())
                fail("the test '" + name + "' needs an argument");
            return args[0];
        };
        const Kind kind = value.kind();
        if (name == "defined")
            return kind != Kind::Undefined;
        if (name == "undefined")
            return kind == Kind::Undefined;
        if (name == "none")
            return kind == Kind::None;
        if (name == "string")
            return kind == Kind::String;
        if (name == "mapping")
            return kind == Kind::Dict;
        if (name == "boolean")
            return kind == Kind::Bool;
        if (name == "true")
            return kind == Kind::Bool && value.asInt() == 1;
        if (name == "false")
            return kind == Kind::Bool && value.asInt() == 0;
        if (name == "integer")
            return kind == Kind::Int;
        if (name == "float")
            return kind == Kind::Float;
        if (name == "number")
            return value.isNumber();
        if (name == "iterable")
            return kind == Kind::List || kind == Kind::Dict || kind == Kind::String || kind == Kind::Undefined;
        if (name == "sequence")
            return kind == Kind::List || kind == Kind::Dict || kind == Kind::String;
        if (name == "callable")
            return kind == Kind::Function;
        if (name == "escaped")
            return false;
        if (name == "sameas")
            return value.sameAs(other());
        if (name == "eq" || name == "equalto" || name == "==")
            return value.equals(other());
        if (name == "ne" || name == "!=")
            return !value.equals(other());
        if (name == "lt" || name == "lessthan" || name == "<")
            return compare(value, other()) < 0;
        if (name == "le" || name == "<=")
            return compare(value, other()) <= 0;
        if (name == "gt" || name == "greaterthan" || name == ">")
            return compare(value, other()) > 0;
        if (name == "ge" || name == ">=")
            return compare(value, other()) >= 0;
        if (name == "in")
            return contains(other(), value);
        if (name == "odd" || name == "even") {
            if (!value.isInteger())
                fail("the test '" + name + "' needs an integer, found " + value.typeName());
            return (value.asInt() % 2 != 0) == (name == "odd");
        }
        if (name == "divisibleby") {
            if (!value.isInteger() || !other().isInteger() || other().asInt() == 0)
                fail("divisibleby needs integers and a divisor other than zero");
            return value.asInt() % other().asInt() == 0;
        }
        if (name == "lower")
            return kind == Kind::String && toLower(value.string()) == value.string();
        if (name == "upper")
            return kind == Kind::String && toUpper(value.string()) == value.string();
        fail("the test '" + name + "' is not one Finch's chat-template engine implements");
    }

    const JinjaTemplate::Program& program_;
    const Clock& clock_;
    std::shared_ptr<Frame> frame_, globals_;
    std::string* out_ = nullptr;
    std::string* mainOutput_ = nullptr;
    std::vector<std::pair<size_t, size_t>>* spans_ = nullptr;
    int line_ = 0;
    int depth_ = 0;
    int64_t steps_ = 0;
};

} // namespace

JinjaTemplate::JinjaTemplate(std::string_view source, std::string name)
{
    auto program = std::make_shared<Program>();
    program->name = std::move(name);
    program->body = jinja::parse(source, program->name, program->generationTags);
    program_ = std::move(program);
}

JinjaTemplate::~JinjaTemplate() = default;
JinjaTemplate::JinjaTemplate(JinjaTemplate&&) noexcept = default;
JinjaTemplate& JinjaTemplate::operator=(JinjaTemplate&&) noexcept = default;

std::tm localTimeNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return local;
}

JinjaTemplate::Rendered JinjaTemplate::render(const nlohmann::ordered_json& variables, const Clock& clock) const
{
    Interpreter interpreter(*program_, clock);
    try {
        return interpreter.run(variables);
    } catch (const LoopSignal&) {
        throw Error(program_->name + ": {% break %} or {% continue %} outside a loop");
    }
}

bool JinjaTemplate::hasGenerationTags() const { return program_->generationTags; }

} // namespace finch::text
