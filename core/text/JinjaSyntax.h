#pragma once
// The syntax tree of a chat template (Jinja.h), as the parser (JinjaParser.cpp) builds it
// and the interpreter (Jinja.cpp) walks it.
#include "core/text/JinjaValue.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace finch::text::jinja {

// How deeply blocks and expressions may nest: deeper than any real template (jinja2 itself
// stops near 70 parentheses), shallow enough that the parser's and interpreter's recursion,
// and the syntax tree's destructors, fit any thread's stack, sanitizers included.
constexpr int kMaxNesting = 200;

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
    Literal, Name, Attribute, Item, Slice, Call, Filter, Test, Not, Negate, Binary, And, Or, Conditional, ListLit,
    DictLit
};

struct Expr {
    ExprKind kind;
    int line = 0;
    int height = 1;     // of the tree below, itself included
    Value literal;      // Literal
    std::string name;   // Name, Attribute, Filter, Test, Binary operator
    bool negated = false; // Test ("is not"), Binary "not in"
    std::vector<ExprPtr> children; // operands, call target first, list items, dict key/value pairs
    std::vector<std::pair<std::string, ExprPtr>> keywords; // call, filter and test keyword arguments
};

struct Node;
using Body = std::vector<std::unique_ptr<Node>>;

enum class NodeKind { Text, Output, If, For, Set, SetBlock, Macro, Break, Continue, Generation, FilterBlock };

struct Node {
    NodeKind kind;
    int line = 0;
    std::string text;                // Text; Macro name; SetBlock name
    ExprPtr expr;                    // Output; For iterable; Set value; FilterBlock filter (its operand unset)
    std::vector<std::pair<ExprPtr, Body>> branches; // If: condition and body (else: no condition)
    std::vector<std::string> targets;  // For and Set names (Set "ns.attr" as {"ns", "attr"} with attribute set)
    std::string attribute;           // Set ns.attribute = …
    ExprPtr filter;                  // For … if filter
    bool usesLoop = false;           // For: the body reads `loop` (built per iteration only then)
    Body body, elseBody;
    std::vector<std::pair<std::string, ExprPtr>> parameters; // Macro parameters and defaults
};

// Parses a template; throws finch::Error "NAME, line N: …" for syntax Finch does not
// implement. `generationTags` tells whether it has {% generation %} blocks.
Body parse(std::string_view source, const std::string& name, bool& generationTags);

// The filter and test names Finch implements (checked when a template is parsed).
bool isFilter(std::string_view name);
bool isTest(std::string_view name);

} // namespace finch::text::jinja
