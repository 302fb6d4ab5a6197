#pragma once
// The chat-template interpreter behind JinjaTemplate (Jinja.h): it walks the syntax tree
// (JinjaSyntax.h) over values (JinjaValue.h), charging its Budget. Statements and
// expressions are in Jinja.cpp, filters and tests in JinjaFilters.cpp.
#include "core/text/Jinja.h"
#include "core/text/JinjaSyntax.h"
#include "core/text/JinjaValue.h"

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace finch::text {

struct JinjaTemplate::Program {
    std::string name;
    jinja::Body body;
    bool generationTags = false;
};

} // namespace finch::text

namespace finch::text::jinja {

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

// {% break %} and {% continue %}, thrown to the loop.
struct LoopSignal {
    bool isBreak;
};

class Interpreter {
public:
    Interpreter(const JinjaTemplate::Program& program, const Clock& clock);
    ~Interpreter();
    JinjaTemplate::Rendered run(const nlohmann::ordered_json& variables);

private:
    [[noreturn]] void fail(const std::string& problem) const { budget_.fail(problem); }
    void write(std::string_view text);
    void writeValue(const Value& value);

    // Jinja.cpp: globals, statements and expressions.
    void installGlobals(Frame& globals);
    Value makeDict(Arguments& args, bool isNamespace);
    std::string formatTime(const std::string& format);
    void renderBody(const Body& body);
    void renderNode(const Node& node);
    std::string capture(const Body& body);
    void assign(const std::vector<std::string>& targets, const Value& value);
    void renderFor(const Node& node);
    Value loopObject(const List& items, size_t i);
    void defineMacro(const Node& node);
    // The items of a list itself, or a mapping's keys or a string's characters built into
    // `scratch`.
    const List& sequence(const Value& value, List& scratch);
    Value evaluate(const Expr& expr);
    void requireDefined(const Value& value) const;
    Value attribute(const Value& target, const std::string& name, int line);
    Value item(const Value& target, const Value& key);
    Value slice(const Expr& expr);
    Arguments arguments(const Expr& expr, size_t firstPositional);
    Value call(const Expr& expr);
    Value binaryOperation(const Expr& expr);
    Value concatenate(const Value& left, const Value& right, std::string_view what);
    Value repeat(const Value& sequence, int64_t times);
    Value arithmetic(const std::string& op, const Value& left, const Value& right);
    int64_t power(int64_t base, int64_t exponent);
    bool contains(const Value& container, const Value& element);
    int compare(const Value& left, const Value& right, int depth = 0);

    // JinjaFilters.cpp: filters and tests.
    Value applyFilterChain(const Expr& chain, Value operand);
    Value applyFilter(const Expr& expr, Value value);
    Value filter(const std::string& name, Value value, Arguments& args);
    Value textFilter(const std::string& name, const Value& value, Arguments& args);
    Value sequenceFilter(const std::string& name, const Value& value, Arguments& args);
    Value numberFilter(const std::string& name, const Value& value, Arguments& args);
    Value toInteger(const Value& value, const Value& fallback);
    Value attributePath(const Value& target, const std::string& path);
    // Sorted by key(item), stably (and reversed if asked), each key computed once.
    template <typename Key>
    List sorted(const List& items, Key key, bool reverse);
    bool test(const Expr& expr);
    bool runTest(const std::string& name, const Value& value, const List& args);

    static const Value* findNamed(const Arguments& args, std::string_view key);
    static Value argument(const Arguments& args, size_t index, std::string_view key, Value fallback = Value());

    // How deeply blocks, expressions and macro calls nest while rendering: the recursion
    // that kMaxNesting bounds.
    struct DepthGuard {
        explicit DepthGuard(Interpreter& in) : interpreter(in)
        {
            if (++interpreter.depth_ > kMaxNesting)
                interpreter.fail("blocks, expressions or macro calls nest deeper than " + std::to_string(kMaxNesting));
        }
        ~DepthGuard() { --interpreter.depth_; }
        Interpreter& interpreter;
    };

    const JinjaTemplate::Program& program_;
    const Clock& clock_;
    Budget budget_;
    std::shared_ptr<Frame> frame_, globals_;
    // Every namespace made, emptied when the render ends: only they can close a cycle.
    std::vector<Value> namespaces_;
    std::string* out_ = nullptr;
    std::string* mainOutput_ = nullptr;
    std::vector<std::pair<size_t, size_t>>* spans_ = nullptr;
    int line_ = 0;
    int depth_ = 0;
};

} // namespace finch::text::jinja
