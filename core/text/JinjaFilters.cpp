// The chat-template interpreter's filters and tests (JinjaInterpreter.h), as jinja2 and
// transformers define them.
#include "core/text/JinjaInterpreter.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace finch::text::jinja {

Value Interpreter::applyFilterChain(const Expr& chain, Value operand)
{
    // A {% filter %} block's chain: the innermost filter has no operand expression.
    if (chain.kind != ExprKind::Filter)
        fail("expected a filter");
    if (chain.children[0])
        operand = applyFilterChain(*chain.children[0], std::move(operand));
    return applyFilter(chain, std::move(operand));
}

Value Interpreter::applyFilter(const Expr& expr, Value value)
{
    Arguments args = arguments(expr, 1);
    line_ = expr.line;
    return filter(expr.name, std::move(value), args);
}

Value Interpreter::argument(const Arguments& args, size_t index, std::string_view key, Value fallback)
{
    if (index < args.positional.size())
        return args.positional[index];
    if (const Value* named = findNamed(args, key))
        return *named;
    return fallback;
}

// Attribute "a.b.0" of an item, as jinja2's make_attrgetter reads it.
Value Interpreter::attributePath(const Value& target, const std::string& path)
{
    Value current = target;
    size_t from = 0;
    while (from <= path.size()) {
        budget_.step();
        const size_t dot = path.find('.', from);
        const std::string part = path.substr(from, dot == std::string::npos ? std::string::npos : dot - from);
        budget_.work(part.size());
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

Value Interpreter::filter(const std::string& name, Value value, Arguments& args)
{
    if (name == "default" || name == "d") {
        const Value fallback = argument(args, 0, "default_value", Value(std::string()));
        const bool boolean = argument(args, 1, "boolean", Value(false)).truthy();
        if (value.kind() == Kind::Undefined || (boolean && !value.truthy()))
            return fallback;
        return value;
    }
    if (name == "safe")
        return value;
    if (name == "attr") {
        if (args.positional.empty())
            fail("attr needs a name");
        return attribute(value, args.positional[0].str(budget_), line_);
    }
    if (name == "int" || name == "float" || name == "abs" || name == "round")
        return numberFilter(name, value, args);
    if (name == "length" || name == "count" || name == "join" || name == "selectattr" || name == "rejectattr" ||
        name == "select" || name == "reject" || name == "map" || name == "list" || name == "first" ||
        name == "last" || name == "reverse" || name == "items" || name == "dictsort" || name == "sort" ||
        name == "unique" || name == "min" || name == "max" || name == "sum")
        return sequenceFilter(name, value, args);
    return textFilter(name, value, args);
}

Value Interpreter::textFilter(const std::string& name, const Value& value, Arguments& args)
{
    auto text = [&] { return value.str(budget_); };
    if (name == "trim")
        return Value(strip(text(), argument(args, 0, "chars"), true, true, budget_));
    if (name == "tojson") {
        const Value indent = argument(args, 0, "indent", Value::none());
        const bool ensureAscii = argument(args, 1, "ensure_ascii", Value(false)).truthy();
        const Value separators = argument(args, 2, "separators", Value::none());
        const bool sortKeys = argument(args, 3, "sort_keys", Value(false)).truthy();
        return Value(toJson(value, indent, separators, sortKeys, ensureAscii, budget_));
    }
    if (name == "upper")
        return Value(upper(text(), budget_));
    if (name == "lower")
        return Value(lower(text(), budget_));
    if (name == "capitalize")
        return Value(capitalize(text(), budget_));
    if (name == "title")
        return Value(title(text(), budget_));
    if (name == "replace") {
        const Value count = argument(args, 2, "count", Value::none());
        return Value(replace(text(), argument(args, 0, "old").str(budget_), argument(args, 1, "new").str(budget_),
                             count.isInteger() ? count.asInt() : -1, budget_));
    }
    if (name == "string")
        return Value(text());
    if (name == "escape" || name == "e")
        return Value(htmlEscape(text(), budget_));
    if (name == "indent") {
        const Value width = argument(args, 0, "width", Value(int64_t(4)));
        const bool first = argument(args, 1, "first", Value(false)).truthy();
        const bool blank = argument(args, 2, "blank", Value(false)).truthy();
        std::string indentation;
        if (width.kind() == Kind::String) {
            indentation = width.string();
        } else {
            if (!width.isInteger())
                fail("indent: width must be an integer or a string, found " + width.typeName());
            const size_t spaces = size_t(std::max<int64_t>(0, width.asInt()));
            budget_.buildString(spaces, "indent()");
            indentation.assign(spaces, ' ');
        }
        return Value(indent(text(), indentation, first, blank, budget_));
    }
    if (name == "wordcount")
        return Value(int64_t(split(text(), Value::none(), -1, false, budget_).size()));
    fail("the filter '" + name + "' is not one Finch's chat-template engine implements");
}

Value Interpreter::sequenceFilter(const std::string& name, const Value& value, Arguments& args)
{
    if (name == "length" || name == "count") {
        if (value.kind() == Kind::List)
            return Value(int64_t(value.list().size()));
        if (value.kind() == Kind::Dict)
            return Value(int64_t(value.dict().entries.size()));
        if (value.kind() == Kind::String)
            return Value(value.length(budget_));
        if (value.kind() == Kind::Undefined)
            return Value(int64_t(0));
        fail("object of type " + value.typeName() + " has no len()");
    }
    if (name == "reverse" && value.kind() == Kind::String)
        return Value(codePointSlice(value.string(), sliceIndices(value.length(budget_), {}, {}, -1), budget_));
    List scratch;
    const List& items = sequence(value, scratch);
    if (name == "list") {
        if (&items == &scratch)
            return Value(std::move(scratch));
        budget_.buildList(items.size(), "list");
        return Value(List(items));
    }
    if (name == "first" || name == "last") {
        if (items.empty())
            return Value::undefined("the sequence is empty", true);
        return name == "first" ? items.front() : items.back();
    }
    if (name == "reverse") {
        budget_.buildList(items.size(), "reverse");
        return Value(List(items.rbegin(), items.rend()));
    }
    if (name == "join") {
        const std::string separator = argument(args, 0, "d", Value(std::string())).str(budget_);
        const Value attribute = argument(args, 1, "attribute", Value::none());
        std::string joined;
        for (size_t i = 0; i < items.size(); ++i) {
            const Value item = attribute.kind() == Kind::None ? items[i] : attributePath(items[i], attribute.str(budget_));
            const std::string piece = item.str(budget_);
            budget_.growString(joined.size(), addSizes(i ? separator.size() : 0, piece.size()), "join");
            if (i)
                joined += separator;
            joined += piece;
        }
        return Value(std::move(joined));
    }
    if (name == "selectattr" || name == "rejectattr" || name == "select" || name == "reject") {
        const bool byAttribute = name.ends_with("attr");
        const bool keep = name.starts_with("select");
        size_t next = 0;
        std::string path;
        if (byAttribute) {
            if (args.positional.empty())
                fail(name + " needs an attribute name");
            path = args.positional[next++].str(budget_);
        }
        std::string testName;
        if (next < args.positional.size())
            testName = args.positional[next++].str(budget_);
        if (!testName.empty() && !isTest(testName))
            fail("the test " + describe(testName) + " is not one Finch's chat-template engine implements");
        const List testArgs(args.positional.begin() + std::ptrdiff_t(next), args.positional.end());
        List kept;
        for (const Value& item : items) {
            const Value subject = byAttribute ? attributePath(item, path) : item;
            const bool passes = testName.empty() ? subject.truthy() : runTest(testName, subject, testArgs);
            if (passes == keep) {
                budget_.growList(kept.size(), 1, name);
                kept.push_back(item);
            }
        }
        return Value(std::move(kept));
    }
    if (name == "map") {
        budget_.buildList(items.size(), "map");
        List mapped;
        if (const Value* attribute = findNamed(args, "attribute")) {
            const Value* fallback = findNamed(args, "default");
            const std::string path = attribute->str(budget_);
            for (const Value& item : items) {
                Value result = attributePath(item, path);
                mapped.push_back(result.kind() == Kind::Undefined && fallback ? *fallback : result);
            }
            return Value(std::move(mapped));
        }
        if (args.positional.empty())
            fail("map needs a filter's name or attribute=");
        const std::string filterName = args.positional[0].str(budget_);
        if (!isFilter(filterName))
            fail("the filter " + describe(filterName) + " is not one Finch's chat-template engine implements");
        const DepthGuard guard(*this); // map('map', 'map', …) recurses
        Arguments rest;
        budget_.buildList(args.positional.size() + args.named.size(), "map");
        rest.positional.assign(args.positional.begin() + 1, args.positional.end());
        rest.named = args.named;
        for (const Value& item : items) {
            budget_.step();
            mapped.push_back(filter(filterName, item, rest));
        }
        return Value(std::move(mapped));
    }
    if (name == "items" || name == "dictsort") {
        if (value.kind() == Kind::Undefined)
            return Value(List{});
        if (value.kind() != Kind::Dict)
            fail(name + " needs a mapping, found " + value.typeName());
        budget_.buildList(value.dict().entries.size(), name);
        List pairs;
        for (const auto& [key, item] : value.dict().entries) {
            budget_.work(key.size());
            pairs.push_back(Value::tuple(List{Value(key), item}));
        }
        if (name == "items")
            return Value(std::move(pairs));
        const bool caseSensitive = argument(args, 0, "case_sensitive", Value(false)).truthy();
        const bool byValue = argument(args, 1, "by", Value(std::string("key"))).str(budget_) == "value";
        const bool reverse = argument(args, 2, "reverse", Value(false)).truthy();
        return Value(sorted(pairs, [&](const Value& pair) {
            const Value& key = pair.list()[byValue ? 1 : 0];
            return caseSensitive || key.kind() != Kind::String ? key : Value(lower(key.string(), budget_));
        }, reverse));
    }
    if (name == "sort" || name == "unique" || name == "min" || name == "max") {
        const bool caseSensitive = findNamed(args, "case_sensitive") && findNamed(args, "case_sensitive")->truthy();
        const Value* attribute = findNamed(args, "attribute");
        auto key = [&](const Value& item) {
            Value k = attribute ? attributePath(item, attribute->str(budget_)) : item;
            return caseSensitive || k.kind() != Kind::String ? k : Value(lower(k.string(), budget_));
        };
        if (name == "sort")
            return Value(sorted(items, key, argument(args, 0, "reverse", Value(false)).truthy()));
        if (name == "unique") {
            List unique, seen;
            for (const Value& item : items) {
                const Value k = key(item);
                budget_.step(int64_t(seen.size())); // compared with each key seen so far
                if (std::none_of(seen.begin(), seen.end(), [&](const Value& s) { return s.equals(k, budget_); })) {
                    budget_.growList(unique.size(), 1, "unique");
                    seen.push_back(k);
                    unique.push_back(item);
                }
            }
            return Value(std::move(unique));
        }
        if (items.empty())
            return Value::undefined("no " + name + " of an empty sequence", true);
        // Python's min() and max(): the first of the smallest or largest.
        size_t best = 0;
        Value bestKey = key(items[0]);
        for (size_t i = 1; i < items.size(); ++i) {
            Value k = key(items[i]);
            const int order = compare(k, bestKey);
            if (name == "min" ? order < 0 : order > 0)
                best = i, bestKey = std::move(k);
        }
        return items[best];
    }
    if (name == "sum") {
        const Value* attribute = findNamed(args, "attribute");
        Value total = argument(args, 1, "start", Value(int64_t(0)));
        for (const Value& item : items) {
            const Value term = attribute ? attributePath(item, attribute->str(budget_)) : item;
            if (!term.isNumber() || !total.isNumber())
                fail("sum needs numbers, found " + term.typeName());
            total = arithmetic("+", total, term);
        }
        return total;
    }
    fail("the filter '" + name + "' is not one Finch's chat-template engine implements");
}

template <typename Key>
List Interpreter::sorted(const List& items, Key key, bool reverse)
{
    budget_.buildList(items.size(), "sorting");
    std::vector<std::pair<Value, size_t>> keyed;
    keyed.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i)
        keyed.emplace_back(key(items[i]), i);
    // About n log n comparisons, each charged for what it compares.
    budget_.step(int64_t(items.size()) * std::bit_width(items.size()));
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
        const int order = compare(a.first, b.first);
        return reverse ? order > 0 : order < 0;
    });
    List result;
    result.reserve(items.size());
    for (const auto& [k, index] : keyed)
        result.push_back(items[index]);
    return result;
}

Value Interpreter::numberFilter(const std::string& name, const Value& value, Arguments& args)
{
    if (name == "int")
        return toInteger(value, argument(args, 0, "default", Value(int64_t(0))));
    if (name == "float") {
        const Value fallback = argument(args, 0, "default", Value(0.0));
        if (value.isNumber())
            return Value(value.asFloat());
        if (value.kind() == Kind::String) {
            const std::string trimmed = strip(value.string(), Value(), true, true, budget_);
            char* end = nullptr;
            const double parsed = std::strtod(trimmed.c_str(), &end);
            if (!trimmed.empty() && end == trimmed.c_str() + trimmed.size())
                return Value(parsed);
        }
        return fallback;
    }
    if (name == "abs") {
        if (value.isInteger()) {
            if (value.asInt() == INT64_MIN)
                fail("integer overflow in abs (Finch's integers are 64-bit)");
            return Value(value.asInt() < 0 ? -value.asInt() : value.asInt());
        }
        if (value.kind() == Kind::Float)
            return Value(std::fabs(value.asFloat()));
        fail("bad operand type for abs(): " + value.typeName());
    }
    // round
    const Value precisionArgument = argument(args, 0, "precision", Value(int64_t(0)));
    if (!precisionArgument.isInteger())
        fail("round: the precision must be an integer, found " + precisionArgument.typeName());
    const int64_t precision = precisionArgument.asInt();
    const std::string method = argument(args, 1, "method", Value(std::string("common"))).str(budget_);
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

// jinja2's int filter: int(value), else int(float(value)), else the default. Finch's
// integers are 64-bit: a float beyond them is an error where Python would make a big int.
Value Interpreter::toInteger(const Value& value, const Value& fallback)
{
    auto truncated = [&](double number) {
        if (std::isnan(number))
            return fallback; // int(float('nan')) is a ValueError: jinja2 gives the default
        if (std::isinf(number))
            fail("int: cannot convert float infinity to integer");
        // -2^63 and 2^63 are exact doubles: every double in between truncates to an int64.
        if (!(number >= -0x1p63 && number < 0x1p63))
            fail("int: " + pythonFloat(number) + " is out of the range of Finch's 64-bit integers (integer overflow)");
        return Value(int64_t(number));
    };
    if (value.isInteger())
        return Value(value.asInt());
    if (value.kind() == Kind::Float)
        return truncated(value.asFloat());
    if (value.kind() == Kind::String) {
        const std::string trimmed = strip(value.string(), Value(), true, true, budget_);
        int64_t parsed = 0;
        const auto [end, error] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), parsed);
        if (error == std::errc() && end == trimmed.data() + trimmed.size())
            return Value(parsed);
        char* floatEnd = nullptr;
        const double asFloat = std::strtod(trimmed.c_str(), &floatEnd);
        if (!trimmed.empty() && floatEnd == trimmed.c_str() + trimmed.size())
            return truncated(asFloat);
    }
    return fallback;
}

// --- tests ------------------------------------------------------------------------------------

bool Interpreter::test(const Expr& expr)
{
    const Value subject = evaluate(*expr.children[0]);
    Arguments args = arguments(expr, 1);
    line_ = expr.line;
    return runTest(expr.name, subject, args.positional);
}

bool Interpreter::runTest(const std::string& name, const Value& value, const List& args)
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
        return value.sameAs(other(), budget_);
    if (name == "eq" || name == "equalto" || name == "==")
        return value.equals(other(), budget_);
    if (name == "ne" || name == "!=")
        return !value.equals(other(), budget_);
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
        const int64_t divisor = other().asInt();
        return divisor == -1 || value.asInt() % divisor == 0; // INT64_MIN % -1 would trap
    }
    if (name == "lower")
        return kind == Kind::String && lower(value.string(), budget_) == value.string();
    if (name == "upper")
        return kind == Kind::String && upper(value.string(), budget_) == value.string();
    fail("the test '" + name + "' is not one Finch's chat-template engine implements");
}

} // namespace finch::text::jinja
