#include "core/text/Jinja.h"

#include "core/common/Utf8.h"
#include "core/text/JinjaInterpreter.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <ctime>
#include <locale.h>

namespace finch::text {
namespace jinja {

namespace {
constexpr size_t kMaxOutputBytes = Budget::kMaxStringBytes;
}

Interpreter::Interpreter(const JinjaTemplate::Program& program, const Clock& clock)
    : program_(program), clock_(clock), budget_([this] {
          return line_ > 0 ? program_.name + ", line " + std::to_string(line_) + ": " : program_.name + ": ";
      })
{
}

Interpreter::~Interpreter()
{
    // Only namespaces are mutable, so only they can close a cycle (ns.self = ns), which
    // reference counting would never free: emptying them frees everything.
    for (Value& ns : namespaces_)
        ns.mutableDict().entries.clear();
}

JinjaTemplate::Rendered Interpreter::run(const nlohmann::ordered_json& variables)
{
    auto globals = std::make_shared<Frame>();
    if (!variables.is_object())
        throw Error(program_.name + ": the template's variables must be a JSON object");
    for (const auto& [key, value] : variables.items())
        globals->names[key] = fromJson(value, budget_);
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

void Interpreter::write(std::string_view text)
{
    if (out_->size() + text.size() > kMaxOutputBytes)
        fail("the rendered text grows past " + std::to_string(kMaxOutputBytes >> 20) + " MiB");
    budget_.work(text.size());
    out_->append(text);
}

void Interpreter::writeValue(const Value& value)
{
    if (value.kind() == Kind::String)
        write(value.string());
    else
        write(value.str(budget_));
}

// --- globals -------------------------------------------------------------------------------

void Interpreter::installGlobals(Frame& globals)
{
    auto define = [&](const char* name, Function function) {
        if (!globals.names.contains(name))
            globals.names[name] = Value::function(name, std::move(function));
    };
    define("range", [this](Arguments& args) {
        int64_t start = 0, stop = 0, stride = 1;
        const auto& p = args.positional;
        if (p.empty() || p.size() > 3)
            fail("range() takes 1 to 3 arguments");
        auto integer = [&](const Value& v) {
            if (!v.isInteger())
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
        // Counted first, then made in unsigned arithmetic: start + k * stride cannot overflow.
        const uint64_t count = rangeLength(start, stop, stride);
        budget_.buildList(size_t(count), "range()");
        List items;
        items.reserve(size_t(count));
        for (uint64_t k = 0; k < count; ++k)
            items.emplace_back(int64_t(uint64_t(start) + k * uint64_t(stride)));
        return Value(std::move(items));
    });
    define("namespace", [this](Arguments& args) { return makeDict(args, true); });
    define("dict", [this](Arguments& args) { return makeDict(args, false); });
    define("raise_exception", [this](Arguments& args) -> Value {
        throw TemplateRaised(args.positional.empty() ? std::string() : args.positional[0].str(budget_));
    });
    define("strftime_now", [this](Arguments& args) {
        if (args.positional.size() != 1 || args.positional[0].kind() != Kind::String)
            fail("strftime_now() takes one format string");
        return Value(formatTime(args.positional[0].string()));
    });
}

Value Interpreter::makeDict(Arguments& args, bool isNamespace)
{
    Dict dict;
    if (args.positional.size() > 1)
        fail("namespace() and dict() take at most one positional argument");
    if (!args.positional.empty()) {
        const Value& source = args.positional[0];
        if (source.kind() != Kind::Dict)
            fail("namespace() and dict() take a mapping, found " + source.typeName());
        budget_.buildList(source.dict().entries.size(), "dict() or namespace()");
        dict = source.dict();
    }
    for (auto& [key, value] : args.named)
        dict.set(key, value, budget_);
    if (isNamespace)
        for (const auto& entry : dict.entries)
            if (entry.first.starts_with("_"))
                fail("a namespace cannot hold the underscore-prefixed attribute '" + entry.first + "'");
    Value result(std::move(dict));
    result.setNamespace(isNamespace);
    if (isNamespace) {
        budget_.work(sizeof(Value));
        namespaces_.push_back(result);
    }
    return result;
}

// Python's datetime.strftime in the C locale (English names, whatever the process's
// LC_TIME), as transformers renders it.
std::string Interpreter::formatTime(const std::string& format)
{
    static const locale_t cLocale = newlocale(LC_ALL_MASK, "C", locale_t(0));
    const std::tm time = clock_();
    // No directive expands past 64 bytes in the C locale.
    const size_t capacity = addSizes(multiplySizes(format.size(), 64), 1);
    budget_.buildString(capacity, "strftime_now()");
    std::string text(capacity, '\0');
    text.resize(strftime_l(text.data(), text.size(), format.c_str(), &time, cLocale));
    return text;
}

// --- statements ------------------------------------------------------------------------------

void Interpreter::renderBody(const Body& body)
{
    for (const auto& node : body)
        renderNode(*node);
}

void Interpreter::renderNode(const Node& node)
{
    const DepthGuard guard(*this);
    budget_.step();
    line_ = node.line;
    switch (node.kind) {
    case NodeKind::Text: write(node.text); break;
    case NodeKind::Output: writeValue(evaluate(*node.expr)); break;
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
                fail("'" + node.targets[0] + "' is not a namespace(), so '" + node.targets[0] + "." + node.attribute +
                     "' cannot be set");
            if (node.attribute.starts_with("_"))
                fail("a namespace cannot hold the underscore-prefixed attribute '" + node.attribute + "'");
            const_cast<Value*>(target)->mutableDict().set(node.attribute, std::move(value), budget_);
        } else {
            assign(node.targets, value);
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
        writeValue(applyFilterChain(*node.expr, std::move(text)));
        break;
    }
    }
}

std::string Interpreter::capture(const Body& body)
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

void Interpreter::assign(const std::vector<std::string>& targets, const Value& value)
{
    if (targets.size() == 1) {
        frame_->names[targets[0]] = value;
        return;
    }
    List scratch;
    const List& items = sequence(value, scratch);
    if (items.size() != targets.size())
        fail("cannot unpack " + std::to_string(items.size()) + " values into " + std::to_string(targets.size()) +
             " names");
    for (size_t i = 0; i < targets.size(); ++i)
        frame_->names[targets[i]] = items[i];
}

void Interpreter::renderFor(const Node& node)
{
    const Value iterable = evaluate(*node.expr); // holds the list looped over
    List scratch, kept;
    const List& all = sequence(iterable, scratch);
    auto frame = std::make_shared<Frame>();
    frame->parent = frame_;
    const auto saved = frame_;
    frame_ = frame;
    try {
        const List* items = &all;
        if (node.filter) {
            for (const Value& item : all) {
                assign(node.targets, item);
                if (evaluate(*node.filter).truthy()) {
                    budget_.growList(kept.size(), 1, "a filtered loop");
                    kept.push_back(item);
                }
            }
            items = &kept;
        }
        for (size_t i = 0; i < items->size(); ++i) {
            budget_.step();
            assign(node.targets, (*items)[i]);
            if (node.usesLoop)
                frame_->names["loop"] = loopObject(*items, i);
            try {
                renderBody(node.body);
            } catch (const LoopSignal& signal) {
                if (signal.isBreak)
                    break;
            }
        }
        frame_ = saved;
        if (items->empty())
            renderBody(node.elseBody);
    } catch (...) {
        frame_ = saved;
        throw;
    }
}

Value Interpreter::loopObject(const List& items, size_t i)
{
    const int64_t n = static_cast<int64_t>(items.size()), index = static_cast<int64_t>(i);
    Dict loop;
    auto set = [&](const char* key, Value value) { loop.entries.emplace_back(key, std::move(value)); };
    set("index", Value(index + 1));
    set("index0", Value(index));
    set("revindex", Value(n - index));
    set("revindex0", Value(n - index - 1));
    set("first", Value(i == 0));
    set("last", Value(index == n - 1));
    set("length", Value(n));
    set("depth", Value(int64_t(1)));
    set("depth0", Value(int64_t(0)));
    set("previtem", i > 0 ? items[i - 1] : Value());
    set("nextitem", index + 1 < n ? items[i + 1] : Value());
    set("cycle", Value::function("loop.cycle", [this, i](Arguments& args) {
            if (args.positional.empty())
                fail("loop.cycle() needs at least one value");
            return args.positional[i % args.positional.size()];
        }));
    return Value(std::move(loop));
}

void Interpreter::defineMacro(const Node& node)
{
    // The macro lives in the frame it sees: a weak reference, or the two would keep each
    // other alive. A macro called after its scope ended sees the template's globals.
    const std::weak_ptr<Frame> closure = frame_;
    frame_->names[node.text] = Value::function(node.text, [this, &node, closure](Arguments& args) {
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

const Value* Interpreter::findNamed(const Arguments& args, std::string_view key)
{
    for (const auto& [name, value] : args.named)
        if (name == key)
            return &value;
    return nullptr;
}

// --- expressions ------------------------------------------------------------------------------

const List& Interpreter::sequence(const Value& value, List& scratch)
{
    switch (value.kind()) {
    case Kind::Undefined: return scratch;
    case Kind::List: return value.list();
    case Kind::Dict:
        budget_.buildList(value.dict().entries.size(), "iterating over a mapping");
        for (const auto& entry : value.dict().entries) {
            budget_.work(entry.first.size());
            scratch.emplace_back(entry.first);
        }
        return scratch;
    case Kind::String: {
        const std::string& text = value.string();
        budget_.buildList(size_t(value.length(budget_)), "iterating over a string");
        for (size_t at = 0; at < text.size();) {
            const size_t length = std::min(utf8Length(static_cast<unsigned char>(text[at])), text.size() - at);
            scratch.emplace_back(text.substr(at, length));
            at += length;
        }
        return scratch;
    }
    default: fail("cannot loop over " + value.typeName());
    }
}

Value Interpreter::evaluate(const Expr& expr)
{
    const DepthGuard guard(*this);
    budget_.step();
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
        line_ = expr.line;
        requireDefined(value);
        if (value.kind() == Kind::Float)
            return Value(-value.asFloat());
        if (value.isInteger()) {
            if (value.asInt() == INT64_MIN)
                fail("integer overflow in unary - (Finch's integers are 64-bit)");
            return Value(-value.asInt());
        }
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
        budget_.buildList(expr.children.size(), "a list literal");
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
            dict.set(key.string(), evaluate(*expr.children[i + 1]), budget_);
        }
        return Value(std::move(dict));
    }
    case ExprKind::Binary: return binaryOperation(expr);
    }
    fail("unknown expression");
}

void Interpreter::requireDefined(const Value& value) const
{
    if (value.kind() == Kind::Undefined)
        fail(value.undefinedMessage());
}

Value Interpreter::attribute(const Value& target, const std::string& name, int line)
{
    line_ = line;
    if (target.kind() == Kind::Undefined)
        fail(target.undefinedMessage());
    if (name.starts_with("__"))
        fail("access to '" + name + "' is unsafe and not allowed");
    if (Value method = boundMethod(target, name, budget_); method.kind() != Kind::Undefined)
        return method;
    if (target.kind() == Kind::Dict) {
        if (const Value* value = target.dict().find(name, budget_))
            return *value;
    }
    return Value::undefined(target.typeName() + " has no attribute " + describe(name), true);
}

Value Interpreter::item(const Value& target, const Value& key)
{
    if (target.kind() == Kind::Undefined)
        fail(target.undefinedMessage());
    if (target.kind() == Kind::Dict) {
        if (key.kind() == Kind::String) {
            if (const Value* value = target.dict().find(key.string(), budget_))
                return *value;
            return attribute(target, key.string(), line_);
        }
        return Value::undefined(target.typeName() + " has no element " + key.describe(), true);
    }
    if ((target.kind() == Kind::List || target.kind() == Kind::String) && key.isInteger()) {
        auto missing = [&] { return Value::undefined(target.typeName() + " has no element " + std::to_string(key.asInt()), true); };
        int64_t index = key.asInt();
        if (target.kind() == Kind::List) {
            const int64_t size = int64_t(target.list().size());
            if (index < 0)
                index += size;
            if (index < 0 || index >= size)
                return missing();
            return target.list()[size_t(index)];
        }
        // A string is measured only for an index from its end.
        if (index < 0)
            index += target.length(budget_);
        if (index < 0)
            return missing();
        std::string character = codePointSlice(target.string(), {index, 1, 1}, budget_);
        return character.empty() ? missing() : Value(std::move(character));
    }
    if (key.kind() == Kind::String)
        return attribute(target, key.string(), line_);
    return Value::undefined(target.typeName() + " has no element " + key.describe(), true);
}

Value Interpreter::slice(const Expr& expr)
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
    line_ = expr.line;
    const int64_t stride = bounds[2].value_or(1);
    if (stride == 0)
        fail("a slice step cannot be zero");
    if (target.kind() == Kind::String) {
        const SliceIndices indices = sliceIndices(target.length(budget_), bounds[0], bounds[1], stride);
        return Value(codePointSlice(target.string(), indices, budget_));
    }
    if (target.kind() == Kind::List) {
        const List& items = target.list();
        const SliceIndices indices = sliceIndices(int64_t(items.size()), bounds[0], bounds[1], stride);
        budget_.buildList(size_t(indices.count), "a slice");
        List result;
        result.reserve(size_t(indices.count));
        for (int64_t k = 0; k < indices.count; ++k) // k * step stays within the list
            result.push_back(items[size_t(indices.first + k * indices.step)]);
        return Value(std::move(result));
    }
    requireDefined(target);
    fail("cannot slice " + target.typeName());
}

Arguments Interpreter::arguments(const Expr& expr, size_t firstPositional)
{
    Arguments args;
    for (size_t i = firstPositional; i < expr.children.size(); ++i)
        args.positional.push_back(evaluate(*expr.children[i]));
    for (const auto& [key, value] : expr.keywords)
        args.named.emplace_back(key, evaluate(*value));
    return args;
}

Value Interpreter::call(const Expr& expr)
{
    const Value callee = evaluate(*expr.children[0]);
    Arguments args = arguments(expr, 1);
    line_ = expr.line;
    if (callee.kind() != Kind::Function) {
        requireDefined(callee);
        fail(callee.typeName() + " cannot be called");
    }
    return callee.function()(args);
}

Value Interpreter::binaryOperation(const Expr& expr)
{
    const Value left = evaluate(*expr.children[0]);
    const Value right = evaluate(*expr.children[1]);
    line_ = expr.line;
    const std::string& op = expr.name;
    if (op == "==")
        return Value(left.equals(right, budget_));
    if (op == "!=")
        return Value(!left.equals(right, budget_));
    if (op == "in") {
        const bool contained = contains(right, left);
        return Value(expr.negated ? !contained : contained);
    }
    if (op == "~")
        return concatenate(left, right, "a '~' concatenation");
    if (op == "<" || op == ">" || op == "<=" || op == ">=") {
        const int order = compare(left, right);
        return Value(op == "<" ? order < 0 : op == ">" ? order > 0 : op == "<=" ? order <= 0 : order >= 0);
    }
    requireDefined(left);
    requireDefined(right);
    if (op == "+") {
        if (left.kind() == Kind::String && right.kind() == Kind::String)
            return concatenate(left, right, "a '+' concatenation");
        if (left.kind() == Kind::List && right.kind() == Kind::List) {
            budget_.buildList(addSizes(left.list().size(), right.list().size()), "a '+' concatenation");
            List joined;
            joined.reserve(left.list().size() + right.list().size());
            joined.insert(joined.end(), left.list().begin(), left.list().end());
            joined.insert(joined.end(), right.list().begin(), right.list().end());
            return Value(std::move(joined));
        }
    }
    if (op == "*") {
        const Value& sequence = left.kind() == Kind::String || left.kind() == Kind::List ? left : right;
        const Value& count = &sequence == &left ? right : left;
        if ((sequence.kind() == Kind::String || sequence.kind() == Kind::List) && count.isInteger())
            return repeat(sequence, count.asInt());
    }
    if (!left.isNumber() || !right.isNumber())
        fail("unsupported operand types for " + op + ": " + left.typeName() + " and " + right.typeName());
    return arithmetic(op, left, right);
}

Value Interpreter::concatenate(const Value& left, const Value& right, std::string_view what)
{
    std::string text = left.str(budget_);
    if (right.kind() == Kind::String) {
        budget_.growString(text.size(), right.string().size(), what);
        text += right.string();
    } else {
        const std::string more = right.str(budget_);
        budget_.growString(text.size(), more.size(), what);
        text += more;
    }
    return Value(std::move(text));
}

Value Interpreter::repeat(const Value& sequence, int64_t times)
{
    const size_t n = times > 0 ? size_t(times) : 0;
    if (sequence.kind() == Kind::String) {
        const std::string& unit = sequence.string();
        budget_.buildString(multiplySizes(unit.size(), n), "a repetition");
        std::string repeated;
        if (!unit.empty()) { // else n may be huge: nothing to repeat
            repeated.reserve(unit.size() * n);
            for (size_t i = 0; i < n; ++i)
                repeated += unit;
        }
        return Value(std::move(repeated));
    }
    const List& unit = sequence.list();
    budget_.buildList(multiplySizes(unit.size(), n), "a repetition");
    List repeated;
    if (!unit.empty()) {
        repeated.reserve(unit.size() * n);
        for (size_t i = 0; i < n; ++i)
            repeated.insert(repeated.end(), unit.begin(), unit.end());
    }
    return Value(std::move(repeated));
}

Value Interpreter::arithmetic(const std::string& op, const Value& left, const Value& right)
{
    // Finch's integers are 64-bit: where Python's would grow past that, the render fails.
    const bool integers = left.isInteger() && right.isInteger();
    if (integers && op != "/") {
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
            if (b == -1) { // every integer is divisible by -1; only INT64_MIN // -1 overflows
                if (op == "%")
                    return Value(int64_t(0));
                if (a == INT64_MIN)
                    fail("integer overflow in // (Finch's integers are 64-bit)");
                return Value(-a);
            }
            int64_t quotient = a / b, remainder = a % b;
            if (remainder != 0 && ((remainder < 0) != (b < 0)))
                --quotient, remainder += b;
            return Value(op == "//" ? quotient : remainder);
        }
        if (op == "**" && b >= 0)
            return Value(power(a, b));
        if (op == "+" || op == "-" || op == "*")
            fail("integer overflow in " + op + " (Finch's integers are 64-bit)");
    }
    const double a = left.asFloat(), b = right.asFloat();
    if (op == "+")
        return Value(a + b);
    if (op == "-")
        return Value(a - b);
    if (op == "*")
        return Value(a * b);
    if (op == "**") {
        if (a == 0 && b < 0)
            fail("0.0 cannot be raised to a negative power");
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

int64_t Interpreter::power(int64_t base, int64_t exponent)
{
    // By squaring: as many steps as the exponent has bits. A square that overflows is one
    // the result would include (|base| > 1), so the result overflows too.
    int64_t result = 1;
    for (uint64_t e = uint64_t(exponent); e; e >>= 1) {
        if ((e & 1) && __builtin_mul_overflow(result, base, &result))
            fail("integer overflow in ** (Finch's integers are 64-bit)");
        if (e > 1 && __builtin_mul_overflow(base, base, &base))
            fail("integer overflow in ** (Finch's integers are 64-bit)");
    }
    return result;
}

bool Interpreter::contains(const Value& container, const Value& element)
{
    switch (container.kind()) {
    case Kind::String:
        if (element.kind() != Kind::String)
            fail("'in <string>' requires a string on the left, found " + element.typeName());
        return findText(container.string(), element.string(), 0, budget_) != std::string::npos;
    case Kind::List:
        return std::any_of(container.list().begin(), container.list().end(),
                           [&](const Value& item) { return item.equals(element, budget_); });
    case Kind::Dict: return element.kind() == Kind::String && container.dict().find(element.string(), budget_) != nullptr;
    case Kind::Undefined: return false;
    default: fail("'in' needs a string, list or mapping on the right, found " + container.typeName());
    }
}

int Interpreter::compare(const Value& left, const Value& right, int depth)
{
    if (left.isNumber() && right.isNumber()) {
        if (left.isInteger() && right.isInteger())
            return left.asInt() < right.asInt() ? -1 : left.asInt() > right.asInt() ? 1 : 0;
        return left.asFloat() < right.asFloat() ? -1 : left.asFloat() > right.asFloat() ? 1 : 0;
    }
    if (left.kind() == Kind::String && right.kind() == Kind::String) {
        budget_.work(std::min(left.string().size(), right.string().size()));
        const int order = left.string().compare(right.string());
        return order < 0 ? -1 : order > 0 ? 1 : 0;
    }
    if (left.kind() == Kind::List && right.kind() == Kind::List) {
        budget_.enter(depth + 1);
        const List &a = left.list(), &b = right.list();
        for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
            if (!a[i].equals(b[i], budget_, depth + 1))
                return compare(a[i], b[i], depth + 1);
        return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
    }
    requireDefined(left);
    requireDefined(right);
    fail("cannot compare " + left.typeName() + " with " + right.typeName());
}

} // namespace jinja

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
    jinja::Interpreter interpreter(*program_, clock);
    try {
        return interpreter.run(variables);
    } catch (const jinja::LoopSignal&) {
        throw Error(program_->name + ": {% break %} or {% continue %} outside a loop");
    }
}

bool JinjaTemplate::hasGenerationTags() const { return program_->generationTags; }

} // namespace finch::text
