// The chat-template lexer and parser: jinja2's grammar, operator precedence and whitespace
// control, as transformers configures it.
#include "core/common/Error.h"
#include "core/text/JinjaSyntax.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace finch::text::jinja {
namespace {

// ---------------------------------------------------------------------------------------
// Lexer: template text and the tokens inside {{ }} and {% %}, with jinja2's whitespace
// control as transformers configures it (trim_blocks, lstrip_blocks).

enum class Tok { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, Int, Float, String, Op, End };

struct Token {
    Tok type;
    std::string text;
    int line;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isNameStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Lexer {
public:
    Lexer(std::string source, const std::string& name) : src_(std::move(source)), name_(name)
    {
        // jinja2 normalizes newlines and drops one trailing newline (keep_trailing_newline=False).
        std::string normalized;
        normalized.reserve(src_.size());
        for (size_t i = 0; i < src_.size(); ++i) {
            if (src_[i] == '\r') {
                normalized += '\n';
                if (i + 1 < src_.size() && src_[i + 1] == '\n')
                    ++i;
            } else {
                normalized += src_[i];
            }
        }
        if (!normalized.empty() && normalized.back() == '\n')
            normalized.pop_back();
        src_ = std::move(normalized);
    }

    std::vector<Token> run()
    {
        size_t pos = 0;
        bool stripNext = false; // a "-" closing the previous tag
        while (pos <= src_.size()) {
            size_t open = findTagStart(pos);
            std::string text = src_.substr(pos, (open == std::string::npos ? src_.size() : open) - pos);
            if (stripNext) {
                size_t first = 0;
                while (first < text.size() && isSpace(text[first]))
                    ++first;
                text.erase(0, first);
            }
            stripNext = false;
            if (open == std::string::npos) {
                emitText(text);
                break;
            }
            const char kind = src_[open + 1];
            const char modifier = open + 2 < src_.size() ? src_[open + 2] : '\0';
            if (modifier == '-') {
                while (!text.empty() && isSpace(text.back()))
                    text.pop_back();
            } else if (kind != '{' && modifier != '+') {
                lstripBlock(text, pos);
            }
            emitText(text);
            line_ = lineAt(open);
            size_t body = open + 2 + ((modifier == '-' || modifier == '+') ? 1 : 0);
            if (kind == '#') {
                const size_t close = src_.find("#}", body);
                if (close == std::string::npos)
                    fail("a comment {# is never closed");
                pos = close + 2;
                if (close > body && src_[close - 1] == '-')
                    stripNext = true;
                else if (!(close > body && src_[close - 1] == '+') && pos < src_.size() && src_[pos] == '\n')
                    ++pos;
                continue;
            }
            const bool block = kind == '%';
            tokens_.push_back({block ? Tok::BlockBegin : Tok::VarBegin, {}, line_});
            const size_t firstToken = tokens_.size();
            pos = lexTag(body, block, stripNext);
            if (block && tokens_.size() == firstToken + 2 && tokens_[firstToken].type == Tok::Name &&
                tokens_[firstToken].text == "raw")
                pos = lexRaw(pos, stripNext);
        }
        tokens_.push_back({Tok::End, {}, lineAt(src_.size())});
        return std::move(tokens_);
    }

private:
    size_t findTagStart(size_t from) const
    {
        for (size_t at = src_.find('{', from); at != std::string::npos; at = src_.find('{', at + 1)) {
            if (at + 1 < src_.size() && (src_[at + 1] == '{' || src_[at + 1] == '%' || src_[at + 1] == '#'))
                return at;
        }
        return std::string::npos;
    }

    // lstrip_blocks: spaces and tabs between a line's start and a block tag go.
    void lstripBlock(std::string& text, size_t textStart) const
    {
        const size_t newline = text.rfind('\n');
        const size_t lineStart = newline == std::string::npos ? 0 : newline + 1;
        const bool atLineStart = newline != std::string::npos || textStart == 0 || src_[textStart - 1] == '\n';
        if (!atLineStart)
            return;
        for (size_t i = lineStart; i < text.size(); ++i)
            if (text[i] != ' ' && text[i] != '\t')
                return;
        text.resize(lineStart);
    }

    void emitText(const std::string& text)
    {
        if (!text.empty())
            tokens_.push_back({Tok::Text, text, line_});
    }

    int lineAt(size_t offset)
    {
        for (; scanned_ < offset && scanned_ < src_.size(); ++scanned_)
            if (src_[scanned_] == '\n')
                ++scannedLine_;
        return scannedLine_;
    }

    [[noreturn]] void fail(const std::string& problem) const
    {
        throw Error(name_ + ", line " + std::to_string(line_) + ": " + problem);
    }

    // Tokens up to the tag's end; returns the offset after it (and after the newline
    // trim_blocks removes).
    size_t lexTag(size_t at, bool block, bool& stripNext)
    {
        int braces = 0;
        while (true) {
            while (at < src_.size() && isSpace(src_[at])) {
                if (src_[at] == '\n')
                    ++line_;
                ++at;
            }
            if (at >= src_.size())
                fail(block ? "a tag {% is never closed" : "an expression {{ is never closed");
            const std::string_view rest(src_.data() + at, src_.size() - at);
            const std::string_view close = block ? "%}" : "}}";
            const bool canClose = block || braces == 0;
            if (canClose && (rest.starts_with(close) || ((rest[0] == '-' || rest[0] == '+') && rest.substr(1).starts_with(close)))) {
                const char modifier = rest[0] == '-' || rest[0] == '+' ? rest[0] : '\0';
                at += 2 + (modifier ? 1 : 0);
                tokens_.push_back({block ? Tok::BlockEnd : Tok::VarEnd, {}, line_});
                if (modifier == '-')
                    stripNext = true;
                else if (block && modifier != '+' && at < src_.size() && src_[at] == '\n')
                    ++at;
                return at;
            }
            const char c = rest[0];
            if (isNameStart(c)) {
                size_t end = 1;
                while (end < rest.size() && isNameChar(rest[end]))
                    ++end;
                tokens_.push_back({Tok::Name, std::string(rest.substr(0, end)), line_});
                at += end;
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                at += lexNumber(rest);
            } else if (c == '\'' || c == '"') {
                at += lexString(rest);
            } else {
                static const char* const two[] = {"//", "**", "==", "!=", "<=", ">="};
                std::string op(1, c);
                for (const char* candidate : two)
                    if (rest.starts_with(candidate))
                        op = candidate;
                if (op.size() == 1 && std::string_view("+-*/%~<>=()[]{}.,:|").find(c) == std::string_view::npos)
                    fail(std::string("unexpected character '") + c + "' in a tag");
                if (op == "{")
                    ++braces;
                else if (op == "}")
                    --braces;
                tokens_.push_back({Tok::Op, op, line_});
                at += op.size();
            }
        }
    }

    size_t lexNumber(std::string_view rest)
    {
        size_t end = 0;
        bool isFloat = false;
        auto digits = [&] {
            while (end < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[end])) || rest[end] == '_'))
                ++end;
        };
        digits();
        if (end + 1 < rest.size() && rest[end] == '.' && std::isdigit(static_cast<unsigned char>(rest[end + 1]))) {
            isFloat = true;
            ++end;
            digits();
        }
        if (end < rest.size() && (rest[end] == 'e' || rest[end] == 'E')) {
            size_t exponent = end + 1;
            if (exponent < rest.size() && (rest[exponent] == '+' || rest[exponent] == '-'))
                ++exponent;
            if (exponent < rest.size() && std::isdigit(static_cast<unsigned char>(rest[exponent]))) {
                isFloat = true;
                end = exponent;
                digits();
            }
        }
        std::string text(rest.substr(0, end));
        std::erase(text, '_');
        tokens_.push_back({isFloat ? Tok::Float : Tok::Int, text, line_});
        return end;
    }

    // Python's string escapes (jinja2 decodes literals with unicode-escape).
    size_t lexString(std::string_view rest)
    {
        const char quote = rest[0];
        std::string value;
        size_t at = 1;
        while (true) {
            if (at >= rest.size())
                fail("a string literal is never closed");
            const char c = rest[at];
            if (c == quote)
                break;
            if (c == '\n')
                ++line_;
            if (c != '\\' || at + 1 >= rest.size()) {
                value += c;
                ++at;
                continue;
            }
            const char e = rest[at + 1];
            at += 2;
            auto hex = [&](int count) {
                if (at + count > rest.size())
                    fail("a \\x, \\u or \\U escape is cut short");
                unsigned long code = 0;
                const auto [end, error] = std::from_chars(rest.data() + at, rest.data() + at + count, code, 16);
                if (error != std::errc() || end != rest.data() + at + count || code > 0x10FFFF)
                    fail("a \\x, \\u or \\U escape is not hexadecimal");
                at += count;
                appendUtf8(value, static_cast<char32_t>(code));
            };
            switch (e) {
            case 'n': value += '\n'; break;
            case 't': value += '\t'; break;
            case 'r': value += '\r'; break;
            case '0': value += '\0'; break;
            case 'a': value += '\a'; break;
            case 'b': value += '\b'; break;
            case 'f': value += '\f'; break;
            case 'v': value += '\v'; break;
            case '\\': value += '\\'; break;
            case '\'': value += '\''; break;
            case '"': value += '"'; break;
            case '\n': ++line_; break; // a line continuation
            case 'x': hex(2); break;
            case 'u': hex(4); break;
            case 'U': hex(8); break;
            default: value += '\\'; value += e; break; // Python keeps unknown escapes
            }
        }
        tokens_.push_back({Tok::String, value, line_});
        return at + 1;
    }

    static void appendUtf8(std::string& out, char32_t c)
    {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x800) {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out += static_cast<char>(0xE0 | (c >> 12));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (c >> 18));
            out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }

    // {% raw %}…{% endraw %}: the text in between is output as it is.
    size_t lexRaw(size_t at, bool& stripNext)
    {
        tokens_.resize(tokens_.size() - 3); // BlockBegin raw BlockEnd
        for (size_t open = src_.find("{%", at); open != std::string::npos; open = src_.find("{%", open + 2)) {
            size_t i = open + 2;
            const bool stripBefore = i < src_.size() && src_[i] == '-';
            if (stripBefore || (i < src_.size() && src_[i] == '+'))
                ++i;
            while (i < src_.size() && isSpace(src_[i]))
                ++i;
            if (src_.compare(i, 6, "endraw") != 0)
                continue;
            i += 6;
            while (i < src_.size() && isSpace(src_[i]))
                ++i;
            const bool stripAfter = i < src_.size() && src_[i] == '-';
            if (stripAfter || (i < src_.size() && src_[i] == '+'))
                ++i;
            if (src_.compare(i, 2, "%}") != 0)
                continue;
            std::string text = src_.substr(at, open - at);
            if (stripNext)
                text.erase(0, text.find_first_not_of(" \t\n\r\f\v") == std::string::npos ? text.size()
                                                                                         : text.find_first_not_of(" \t\n\r\f\v"));
            if (stripBefore)
                while (!text.empty() && isSpace(text.back()))
                    text.pop_back();
            emitText(text);
            stripNext = stripAfter;
            i += 2;
            if (!stripAfter && i < src_.size() && src_[i] == '\n')
                ++i;
            return i;
        }
        fail("{% raw %} is never closed by {% endraw %}");
    }

    std::string src_;
    const std::string& name_;
    std::vector<Token> tokens_;
    int line_ = 1;
    size_t scanned_ = 0;
    int scannedLine_ = 1;
};




// ---------------------------------------------------------------------------------------
// Parser: jinja2's grammar and operator precedence.

class Parser {
public:
    Parser(std::vector<Token> tokens, const std::string& name) : tokens_(std::move(tokens)), name_(name) {}

    Body parseTemplate(bool& generationTags)
    {
        Body body = parseBody({});
        if (peek().type != Tok::End)
            fail("unexpected '" + peek().text + "'");
        generationTags = generationTags_;
        return body;
    }

private:
    const Token& peek(size_t ahead = 0) const { return tokens_[std::min(at_ + ahead, tokens_.size() - 1)]; }
    const Token& next() { return tokens_[std::min(at_++, tokens_.size() - 1)]; }
    bool isOp(const char* op, size_t ahead = 0) const { return peek(ahead).type == Tok::Op && peek(ahead).text == op; }
    bool isName(const char* name, size_t ahead = 0) const
    {
        return peek(ahead).type == Tok::Name && peek(ahead).text == name;
    }
    bool acceptOp(const char* op)
    {
        if (!isOp(op))
            return false;
        ++at_;
        return true;
    }
    bool acceptName(const char* name)
    {
        if (!isName(name))
            return false;
        ++at_;
        return true;
    }
    [[noreturn]] void fail(const std::string& problem) const
    {
        throw Error(name_ + ", line " + std::to_string(peek().line) + ": " + problem);
    }
    std::string describe(const Token& token) const
    {
        switch (token.type) {
        case Tok::End: return "the end of the template";
        case Tok::BlockEnd: return "'%}'";
        case Tok::VarEnd: return "'}}'";
        case Tok::Text: return "text";
        default: return "'" + token.text + "'";
        }
    }
    void expectOp(const char* op)
    {
        if (!acceptOp(op))
            fail(std::string("expected '") + op + "', found " + describe(peek()));
    }
    std::string expectName()
    {
        if (peek().type != Tok::Name)
            fail("expected a name, found " + describe(peek()));
        return next().text;
    }
    void expectBlockEnd()
    {
        if (next().type != Tok::BlockEnd) {
            --at_;
            fail("expected '%}', found " + describe(peek()));
        }
    }

    // Statements until one of `ends` ({% endfor %}, {% else %} …), which is left unread
    // after its {%. Returns with at_ on that tag's name.
    Body parseBody(const std::set<std::string, std::less<>>& ends)
    {
        Body body;
        while (true) {
            const Token& token = peek();
            if (token.type == Tok::End) {
                if (!ends.empty()) {
                    const auto closing = std::find_if(ends.begin(), ends.end(), [](const std::string& tag) { return tag.starts_with("end"); });
                    fail("the template ends inside a block (expected {% " + *closing + " %})");
                }
                return body;
            }
            if (token.type == Tok::Text) {
                auto node = makeNode(NodeKind::Text);
                node->text = next().text;
                body.push_back(std::move(node));
            } else if (token.type == Tok::VarBegin) {
                ++at_;
                auto node = makeNode(NodeKind::Output);
                node->expr = parseTuple();
                if (next().type != Tok::VarEnd) {
                    --at_;
                    fail("expected '}}', found " + describe(peek()));
                }
                body.push_back(std::move(node));
            } else if (token.type == Tok::BlockBegin) {
                if (peek(1).type == Tok::Name && ends.contains(peek(1).text)) {
                    ++at_;
                    return body;
                }
                ++at_;
                body.push_back(parseStatement());
            } else {
                fail("unexpected " + describe(token));
            }
        }
    }

    std::unique_ptr<Node> makeNode(NodeKind kind) const
    {
        auto node = std::make_unique<Node>();
        node->kind = kind;
        node->line = peek().line;
        return node;
    }

    void endTag(const char* name)
    {
        if (expectName() != name)
            fail(std::string("expected {% ") + name + " %}");
        expectBlockEnd();
    }

    std::unique_ptr<Node> parseStatement()
    {
        const Nesting nesting(*this);
        const std::string tag = expectName();
        if (tag == "if")
            return parseIf();
        if (tag == "for")
            return parseFor();
        if (tag == "set")
            return parseSet();
        if (tag == "macro")
            return parseMacro();
        if (tag == "break" || tag == "continue") {
            auto node = makeNode(tag == "break" ? NodeKind::Break : NodeKind::Continue);
            if (loopDepth_ == 0)
                fail("{% " + tag + " %} outside a loop");
            expectBlockEnd();
            return node;
        }
        if (tag == "generation") {
            auto node = makeNode(NodeKind::Generation);
            generationTags_ = true;
            expectBlockEnd();
            node->body = parseBody({"endgeneration"});
            endTag("endgeneration");
            return node;
        }
        if (tag == "filter") {
            auto node = makeNode(NodeKind::FilterBlock);
            node->expr = parseFilterChain(nullptr);
            expectBlockEnd();
            node->body = parseBody({"endfilter"});
            endTag("endfilter");
            return node;
        }
        --at_;
        fail("the tag {% " + tag + " %} is not one Finch's chat-template engine implements");
    }

    std::unique_ptr<Node> parseIf()
    {
        auto node = makeNode(NodeKind::If);
        ExprPtr condition = parseExpression();
        while (true) {
            expectBlockEnd();
            Body body = parseBody({"elif", "else", "endif"});
            node->branches.emplace_back(std::move(condition), std::move(body));
            const std::string tag = next().text;
            if (tag == "elif") {
                condition = parseExpression();
                continue;
            }
            if (tag == "else") {
                expectBlockEnd();
                node->branches.emplace_back(nullptr, parseBody({"endif"}));
                ++at_;
            }
            expectBlockEnd();
            return node;
        }
    }

    std::vector<std::string> parseTargets()
    {
        std::vector<std::string> names{expectName()};
        while (acceptOp(","))
            names.push_back(expectName());
        return names;
    }

    std::unique_ptr<Node> parseFor()
    {
        auto node = makeNode(NodeKind::For);
        const bool parenthesized = acceptOp("(");
        node->targets = parseTargets();
        if (parenthesized)
            expectOp(")");
        if (!acceptName("in"))
            fail("expected 'in' in {% for %}");
        node->expr = parseExpression(false);
        if (acceptName("if"))
            node->filter = parseExpression(false);
        if (isName("recursive"))
            fail("recursive loops are not implemented");
        expectBlockEnd();
        ++loopDepth_;
        const bool outerSawLoop = sawLoop_;
        sawLoop_ = false;
        node->body = parseBody({"else", "endfor"});
        node->usesLoop = sawLoop_;
        sawLoop_ = outerSawLoop || sawLoop_;
        --loopDepth_;
        if (next().text == "else") {
            expectBlockEnd();
            node->elseBody = parseBody({"endfor"});
            ++at_;
        }
        expectBlockEnd();
        return node;
    }

    std::unique_ptr<Node> parseSet()
    {
        auto node = makeNode(NodeKind::Set);
        node->targets = {expectName()};
        if (acceptOp(".")) {
            node->attribute = expectName();
        } else {
            while (acceptOp(","))
                node->targets.push_back(expectName());
        }
        if (peek().type == Tok::BlockEnd && node->targets.size() == 1 && node->attribute.empty()) {
            ++at_;
            node->kind = NodeKind::SetBlock;
            node->text = node->targets[0];
            node->body = parseBody({"endset"});
            endTag("endset");
            return node;
        }
        expectOp("=");
        node->expr = parseTuple();
        expectBlockEnd();
        return node;
    }

    std::unique_ptr<Node> parseMacro()
    {
        auto node = makeNode(NodeKind::Macro);
        node->text = expectName();
        expectOp("(");
        while (!acceptOp(")")) {
            std::string parameter = expectName();
            ExprPtr fallback;
            if (acceptOp("="))
                fallback = parseExpression();
            node->parameters.emplace_back(std::move(parameter), std::move(fallback));
            if (!isOp(")"))
                expectOp(",");
        }
        expectBlockEnd();
        const int loops = loopDepth_;
        loopDepth_ = 0;
        node->body = parseBody({"endmacro"});
        loopDepth_ = loops;
        endTag("endmacro");
        return node;
    }

    // Blocks and expressions nest (the parser recursing) at most kMaxNesting deep.
    struct Nesting {
        explicit Nesting(Parser& parser) : parser(parser)
        {
            if (++parser.depth_ > kMaxNesting)
                parser.fail("blocks or expressions nest deeper than " + std::to_string(kMaxNesting) + " levels");
        }
        ~Nesting() { --parser.depth_; }
        Parser& parser;
    };

    // Adds an operand (null where omitted), keeping the tree no taller than kMaxNesting:
    // chains such as a + b + c … or x|f|g … grow it without the parser recursing.
    void adopt(Expr& parent, ExprPtr child, bool first = false) const
    {
        if (child)
            grow(parent, *child);
        parent.children.insert(first ? parent.children.begin() : parent.children.end(), std::move(child));
    }
    void adoptKeyword(Expr& call, std::string key, ExprPtr value) const
    {
        grow(call, *value);
        call.keywords.emplace_back(std::move(key), std::move(value));
    }
    void grow(Expr& parent, const Expr& child) const
    {
        parent.height = std::max(parent.height, child.height + 1);
        if (parent.height > kMaxNesting)
            fail("an expression nests deeper than " + std::to_string(kMaxNesting) + " levels");
    }

    ExprPtr make(ExprKind kind, int line) const
    {
        auto expr = std::make_unique<Expr>();
        expr->kind = kind;
        expr->line = line;
        return expr;
    }

    // An expression, or several separated by commas (a tuple, kept as a list).
    ExprPtr parseTuple()
    {
        const int line = peek().line;
        ExprPtr first = parseExpression();
        if (!isOp(","))
            return first;
        auto tuple = make(ExprKind::ListLit, line);
        tuple->name = "tuple";
        adopt(*tuple, std::move(first));
        while (acceptOp(",")) {
            if (peek().type == Tok::BlockEnd || peek().type == Tok::VarEnd)
                break;
            adopt(*tuple, parseExpression());
        }
        return tuple;
    }

    ExprPtr parseExpression(bool conditional = true)
    {
        const Nesting nesting(*this);
        ExprPtr expr = parseOr();
        while (conditional && isName("if")) {
            const int line = next().line;
            auto node = make(ExprKind::Conditional, line);
            ExprPtr condition = parseOr();
            ExprPtr otherwise;
            if (acceptName("else"))
                otherwise = parseExpression();
            adopt(*node, std::move(condition));
            adopt(*node, std::move(expr));
            adopt(*node, std::move(otherwise)); // may be null: undefined
            expr = std::move(node);
        }
        return expr;
    }

    ExprPtr binary(ExprKind kind, const std::string& op, ExprPtr left, ExprPtr right, int line) const
    {
        auto node = make(kind, line);
        node->name = op;
        adopt(*node, std::move(left));
        adopt(*node, std::move(right));
        return node;
    }

    // One left-associative level of binary operators, as jinja2 parses each: operands from
    // the next level, joined while the current token is one of this level's operators.
    template <typename Matches>
    ExprPtr leftAssociative(ExprKind kind, ExprPtr (Parser::*operand)(), Matches matches)
    {
        ExprPtr left = (this->*operand)();
        while (matches()) {
            const Token& op = next();
            left = binary(kind, op.text, std::move(left), (this->*operand)(), op.line);
        }
        return left;
    }

    ExprPtr parseOr() { return leftAssociative(ExprKind::Or, &Parser::parseAnd, [this] { return isName("or"); }); }
    ExprPtr parseAnd() { return leftAssociative(ExprKind::And, &Parser::parseNot, [this] { return isName("and"); }); }

    ExprPtr parseNot()
    {
        if (isName("not")) {
            const Nesting nesting(*this);
            const int line = next().line;
            auto node = make(ExprKind::Not, line);
            adopt(*node, parseNot());
            return node;
        }
        return parseCompare();
    }

    ExprPtr parseCompare()
    {
        ExprPtr left = parseMath1();
        while (true) {
            const int line = peek().line;
            std::string op;
            bool negated = false;
            if (peek().type == Tok::Op && (peek().text == "==" || peek().text == "!=" || peek().text == "<" ||
                                           peek().text == ">" || peek().text == "<=" || peek().text == ">=")) {
                op = next().text;
            } else if (isName("in")) {
                ++at_;
                op = "in";
            } else if (isName("not") && isName("in", 1)) {
                at_ += 2;
                op = "in";
                negated = true;
            } else {
                return left;
            }
            auto node = binary(ExprKind::Binary, op, std::move(left), parseMath1(), line);
            node->negated = negated;
            left = std::move(node);
        }
    }

    ExprPtr parseMath1()
    {
        return leftAssociative(ExprKind::Binary, &Parser::parseConcat, [this] { return isOp("+") || isOp("-"); });
    }
    ExprPtr parseConcat() { return leftAssociative(ExprKind::Binary, &Parser::parseMath2, [this] { return isOp("~"); }); }
    ExprPtr parseMath2()
    {
        return leftAssociative(ExprKind::Binary, &Parser::parsePow,
                               [this] { return isOp("*") || isOp("/") || isOp("//") || isOp("%"); });
    }
    ExprPtr parsePow() { return leftAssociative(ExprKind::Binary, &Parser::parseFilteredUnary, [this] { return isOp("**"); }); }
    ExprPtr parseFilteredUnary() { return parseUnary(true); }

    ExprPtr parseUnary(bool withFilter)
    {
        const int line = peek().line;
        ExprPtr node;
        if (acceptOp("-")) {
            const Nesting nesting(*this);
            node = make(ExprKind::Negate, line);
            adopt(*node, parseUnary(false));
        } else if (acceptOp("+")) {
            const Nesting nesting(*this);
            node = parseUnary(false);
        } else {
            node = parsePostfix(parsePrimary());
        }
        return withFilter ? parseFilterExpression(std::move(node)) : std::move(node);
    }

    ExprPtr parsePrimary()
    {
        const Token& token = next();
        auto literal = [&](Value value) {
            auto node = make(ExprKind::Literal, token.line);
            node->literal = std::move(value);
            return node;
        };
        switch (token.type) {
        case Tok::Name:
            if (token.text == "true" || token.text == "True")
                return literal(Value(true));
            if (token.text == "false" || token.text == "False")
                return literal(Value(false));
            if (token.text == "none" || token.text == "None")
                return literal(Value::none());
            {
                auto node = make(ExprKind::Name, token.line);
                node->name = token.text;
                sawLoop_ = sawLoop_ || token.text == "loop";
                return node;
            }
        case Tok::String: {
            std::string text = token.text;
            while (peek().type == Tok::String)
                text += next().text;
            return literal(Value(std::move(text)));
        }
        case Tok::Int: {
            int64_t value = 0;
            const auto [end, error] = std::from_chars(token.text.data(), token.text.data() + token.text.size(), value);
            if (error != std::errc())
                fail("the number " + token.text + " is too large");
            return literal(Value(value));
        }
        case Tok::Float: return literal(Value(std::strtod(token.text.c_str(), nullptr)));
        case Tok::Op:
            if (token.text == "(") {
                if (acceptOp(")")) {
                    auto empty = make(ExprKind::ListLit, token.line);
                    empty->name = "tuple";
                    return empty;
                }
                ExprPtr inner = parseTuple();
                expectOp(")");
                return inner;
            }
            if (token.text == "[") {
                auto node = make(ExprKind::ListLit, token.line);
                while (!acceptOp("]")) {
                    adopt(*node, parseExpression());
                    if (!isOp("]"))
                        expectOp(",");
                }
                return node;
            }
            if (token.text == "{") {
                auto node = make(ExprKind::DictLit, token.line);
                while (!acceptOp("}")) {
                    adopt(*node, parseExpression());
                    expectOp(":");
                    adopt(*node, parseExpression());
                    if (!isOp("}"))
                        expectOp(",");
                }
                return node;
            }
            break;
        default: break;
        }
        --at_;
        fail("unexpected " + describe(token));
    }

    void parseArguments(Expr& call)
    {
        // After "(": positional then keyword arguments, up to ")".
        while (!acceptOp(")")) {
            if (peek().type == Tok::Name && isOp("=", 1)) {
                std::string key = next().text;
                ++at_;
                adoptKeyword(call, std::move(key), parseExpression());
            } else {
                if (!call.keywords.empty())
                    fail("a positional argument after keyword arguments");
                adopt(call, parseExpression());
            }
            if (!isOp(")"))
                expectOp(",");
        }
    }

    ExprPtr parsePostfix(ExprPtr node)
    {
        while (true) {
            const int line = peek().line;
            if (acceptOp(".")) {
                auto attribute = make(ExprKind::Attribute, line);
                if (peek().type == Tok::Int)
                    attribute->kind = ExprKind::Item, adopt(*attribute, parsePrimary());
                else
                    attribute->name = expectName();
                adopt(*attribute, std::move(node), true);
                node = std::move(attribute);
            } else if (acceptOp("[")) {
                node = parseSubscript(std::move(node), line);
            } else if (acceptOp("(")) {
                auto call = make(ExprKind::Call, line);
                adopt(*call, std::move(node));
                parseArguments(*call);
                node = std::move(call);
            } else {
                return node;
            }
        }
    }

    ExprPtr parseSubscript(ExprPtr target, int line)
    {
        std::array<ExprPtr, 3> parts;
        bool slice = false;
        for (int part = 0; part < 3; ++part) {
            if (!isOp(":") && !isOp("]"))
                parts[part] = parseExpression();
            if (part < 2 && acceptOp(":"))
                slice = true;
            else
                break;
        }
        expectOp("]");
        auto node = make(slice ? ExprKind::Slice : ExprKind::Item, line);
        adopt(*node, std::move(target));
        if (!slice) {
            if (!parts[0])
                fail("an empty subscript []");
            adopt(*node, std::move(parts[0]));
        } else {
            for (auto& part : parts)
                adopt(*node, std::move(part)); // null where omitted
        }
        return node;
    }

    // Filters (x | f(…)) and tests (x is [not] t …), then calls on their results.
    ExprPtr parseFilterExpression(ExprPtr node)
    {
        while (true) {
            if (acceptOp("|")) {
                node = parseFilterChain(std::move(node));
            } else if (isName("is")) {
                node = parseTest(std::move(node));
            } else if (isOp("(")) {
                const int line = next().line;
                auto call = make(ExprKind::Call, line);
                adopt(*call, std::move(node));
                parseArguments(*call);
                node = std::move(call);
            } else {
                return node;
            }
        }
    }

    // "name(args) | name(args) …" after the first bar; a null operand for {% filter %} blocks.
    ExprPtr parseFilterChain(ExprPtr operand)
    {
        do {
            const int line = peek().line;
            std::string name = expectName();
            while (acceptOp("."))
                name += "." + expectName();
            if (!isFilter(name)) {
                --at_;
                fail("the filter '" + name + "' is not one Finch's chat-template engine implements");
            }
            auto filter = make(ExprKind::Filter, line);
            filter->name = name;
            adopt(*filter, std::move(operand));
            if (acceptOp("("))
                parseArguments(*filter);
            operand = std::move(filter);
        } while (acceptOp("|"));
        return operand;
    }

    ExprPtr parseTest(ExprPtr operand)
    {
        const int line = next().line; // "is"
        const bool negated = acceptName("not");
        std::string name;
        if (peek().type == Tok::Name)
            name = next().text;
        else if (peek().type == Tok::Op && isTest(peek().text))
            name = next().text;
        else
            fail("expected a test's name after 'is'");
        if (!isTest(name)) {
            --at_;
            fail("the test '" + name + "' is not one Finch's chat-template engine implements");
        }
        auto test = make(ExprKind::Test, line);
        test->name = name;
        test->negated = negated;
        adopt(*test, std::move(operand));
        if (acceptOp("(")) {
            parseArguments(*test);
        } else if (startsArgument()) {
            // jinja2 lets a test take one argument without parentheses: "is divisibleby 3".
            adopt(*test, parsePostfix(parsePrimary()));
        }
        return test;
    }

    bool startsArgument() const
    {
        const Token& token = peek();
        if (token.type == Tok::String || token.type == Tok::Int || token.type == Tok::Float)
            return true;
        if (token.type == Tok::Name)
            return token.text != "else" && token.text != "or" && token.text != "and" && token.text != "is" &&
                   token.text != "in" && token.text != "not" && token.text != "if";
        return token.type == Tok::Op && (token.text == "[" || token.text == "{" || token.text == "-");
    }

    std::vector<Token> tokens_;
    const std::string& name_;
    size_t at_ = 0;
    int depth_ = 0;
    int loopDepth_ = 0;
    bool sawLoop_ = false;
    bool generationTags_ = false;
};

} // namespace

const std::set<std::string, std::less<>> kFilters = {
    "abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first", "float", "indent",
    "int", "items", "join", "last", "length", "list", "lower", "map", "max", "min", "reject", "rejectattr",
    "replace", "reverse", "round", "safe", "select", "selectattr", "sort", "string", "sum", "title", "tojson",
    "trim", "unique", "upper", "wordcount"};

const std::set<std::string, std::less<>> kTests = {
    "boolean", "callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even", "false", "float", "ge",
    "greaterthan", "gt", "in", "integer", "iterable", "le", "lessthan", "lower", "lt", "mapping", "ne", "none",
    "number", "odd", "sameas", "sequence", "string", "true", "undefined", "upper", "==", "!=", "<", "<=", ">", ">="};

bool isFilter(std::string_view name) { return kFilters.contains(name); }
bool isTest(std::string_view name) { return kTests.contains(name); }

Body parse(std::string_view source, const std::string& name, bool& generationTags)
{
    Lexer lexer{std::string(source), name};
    Parser parser(lexer.run(), name);
    return parser.parseTemplate(generationTags);
}

} // namespace finch::text::jinja
