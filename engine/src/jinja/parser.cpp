#include "fyr/jinja/parser.h"

#include <cerrno>
#include <cstdlib>

#include "builtins.h"
#include "fyr/jinja/lexer.h"
#include "fyr/jinja/template_error.h"

namespace fyr::jinja {

namespace {

using TT = Token::Type;

class ParserImpl {
public:
    explicit ParserImpl(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

    std::unique_ptr<const TemplateAst> run() {
        auto ast = std::make_unique<TemplateAst>();
        std::string stop;
        ast->body = parse_body({}, &stop);
        return ast;
    }

private:
    // --- token helpers -------------------------------------------------------
    const Token& cur() const { return toks_[pos_]; }
    const Token& peek(std::size_t n = 1) const { return toks_[std::min(pos_ + n, toks_.size() - 1)]; }
    void advance() {
        if (pos_ + 1 < toks_.size()) ++pos_;
    }
    bool is_op(const char* op) const { return cur().type == TT::Operator && cur().text == op; }
    bool is_name(const char* n) const { return cur().type == TT::Name && cur().text == n; }
    bool skip_op(const char* op) {
        if (!is_op(op)) return false;
        advance();
        return true;
    }
    bool skip_name(const char* n) {
        if (!is_name(n)) return false;
        advance();
        return true;
    }

    [[noreturn]] void fail_at(const Token& t, const std::string& message) const {
        throw TemplateError(TemplateError::Kind::Syntax, message, t.line, t.column);
    }
    [[noreturn]] void expected(const std::string& what) const {
        fail_at(cur(), "expected " + what + ", found " + cur().describe());
    }
    void expect_op(const char* op) {
        if (!skip_op(op)) expected(std::string("'") + op + "'");
    }
    std::string expect_name(const char* what = "a name") {
        if (cur().type != TT::Name) expected(what);
        std::string n = cur().text;
        advance();
        return n;
    }
    void expect_block_end() {
        if (cur().type != TT::BlockEnd) expected("'%}'");
        advance();
    }

    struct DepthGuard {
        explicit DepthGuard(ParserImpl& p) : parser(p) {
            if (++parser.depth_ > Parser::kMaxDepth) {
                parser.fail_at(parser.cur(), "template nested too deeply (more than " +
                                                 std::to_string(Parser::kMaxDepth) + " levels)");
            }
        }
        ~DepthGuard() { --parser.depth_; }
        DepthGuard(const DepthGuard&) = delete;
        DepthGuard& operator=(const DepthGuard&) = delete;
        ParserImpl& parser;
    };

    ExprPtr make(Expr::Kind kind, const Token& at) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->line = at.line;
        e->column = at.column;
        return e;
    }
    StmtPtr make_stmt(Stmt::Kind kind, const Token& at) {
        auto s = std::make_unique<Stmt>();
        s->kind = kind;
        s->line = at.line;
        s->column = at.column;
        return s;
    }

    // --- statements -----------------------------------------------------------
    // Parses until one of `stops` opens a block tag; leaves pos_ on that name
    // and reports it in *stopped. Empty stops: parse to the end of the template.
    Body parse_body(const std::vector<std::string>& stops, std::string* stopped) {
        DepthGuard guard(*this);
        Body body;
        while (true) {
            const Token& t = cur();
            if (t.type == TT::End) {
                if (!stops.empty()) {
                    std::string list;
                    for (std::size_t i = 0; i < stops.size(); ++i) list += (i ? " or '" : "'") + stops[i] + "'";
                    fail_at(
                        t, "expected " + list + ", found end of template (unclosed '" + open_tags_.back() + "' block)");
                }
                return body;
            }
            if (t.type == TT::Data) {
                auto s = make_stmt(Stmt::Kind::Text, t);
                s->text = t.text;
                body.push_back(std::move(s));
                advance();
            } else if (t.type == TT::VarBegin) {
                advance();
                auto s = make_stmt(Stmt::Kind::Print, t);
                s->expr = parse_tuple(true);
                if (cur().type != TT::VarEnd) expected("'}}'");
                advance();
                body.push_back(std::move(s));
            } else if (t.type == TT::BlockBegin) {
                advance();
                if (cur().type != TT::Name) expected("a tag name");
                for (const auto& stop : stops) {
                    if (cur().text == stop) {
                        *stopped = stop;
                        return body;
                    }
                }
                body.push_back(parse_statement());
            } else {
                fail_at(t, "unexpected " + t.describe());
            }
        }
    }

    StmtPtr parse_statement() {
        const Token tag = cur();
        const std::string& n = tag.text;
        if (n == "if") return parse_if();
        if (n == "for") return parse_for();
        if (n == "set") return parse_set();
        if (n == "macro") return parse_macro();
        if (n == "call") return parse_call_block();
        if (n == "filter") return parse_filter_block();
        if (n == "generation") return parse_simple_block(Stmt::Kind::Generation, "endgeneration");
        if (n == "with") return parse_with();
        if (n == "break" || n == "continue") {
            if (loop_depth_ == 0) fail_at(tag, "'" + n + "' outside of a for loop");
            advance();
            expect_block_end();
            return make_stmt(n == "break" ? Stmt::Kind::Break : Stmt::Kind::Continue, tag);
        }
        static const char* const ends[] = {"endif",         "endfor",  "endset", "endmacro", "endfilter",
                                           "endgeneration", "endwith", "else",   "elif",     "endcall"};
        for (const char* e : ends) {
            if (n == e) {
                fail_at(tag, "unexpected '" + n + "'" +
                                 (open_tags_.empty() ? std::string(" outside of any block")
                                                     : ", the innermost open block is '" + open_tags_.back() + "'"));
            }
        }
        fail_at(tag, "unsupported tag '" + n + "'");
    }

    StmtPtr parse_if() {
        auto s = make_stmt(Stmt::Kind::If, cur());
        advance();
        open_tags_.push_back("if");
        s->conds.push_back(parse_tuple(false));
        expect_block_end();
        while (true) {
            std::string stop;
            Body b = parse_body({"elif", "else", "endif"}, &stop);
            s->bodies.push_back(std::move(b));
            advance();
            if (stop == "elif") {
                s->conds.push_back(parse_tuple(false));
                expect_block_end();
                continue;
            }
            if (stop == "else") {
                expect_block_end();
                std::string stop2;
                s->else_body = parse_body({"endif"}, &stop2);
                advance();
            }
            expect_block_end();
            break;
        }
        open_tags_.pop_back();
        return s;
    }

    void parse_targets(std::vector<std::string>& targets) {
        const bool paren = skip_op("(");
        while (true) {
            targets.push_back(expect_name("a variable name"));
            if (!skip_op(",")) break;
            if (cur().type != TT::Name) break;  // trailing comma
        }
        if (paren) expect_op(")");
    }

    StmtPtr parse_for() {
        auto s = make_stmt(Stmt::Kind::For, cur());
        advance();
        open_tags_.push_back("for");
        parse_targets(s->targets);
        if (!skip_name("in")) expected("'in'");
        s->expr = parse_tuple(false, /*with_condexpr=*/false);
        if (skip_name("if")) s->filter = parse_expression();
        if (is_name("recursive")) fail_at(cur(), "recursive for loops are not supported");
        expect_block_end();
        ++loop_depth_;
        std::string stop;
        s->bodies.push_back(parse_body({"else", "endfor"}, &stop));
        --loop_depth_;
        advance();
        if (stop == "else") {
            expect_block_end();
            std::string stop2;
            s->else_body = parse_body({"endfor"}, &stop2);
            advance();
        }
        expect_block_end();
        open_tags_.pop_back();
        return s;
    }

    StmtPtr parse_set() {
        const Token tag = cur();
        advance();
        std::vector<std::string> targets;
        std::string attr;
        targets.push_back(expect_name("a variable name"));
        if (skip_op(".")) {
            attr = expect_name("an attribute name");
        } else {
            while (skip_op(",")) {
                if (cur().type != TT::Name) break;
                targets.push_back(expect_name("a variable name"));
            }
        }
        if (skip_op("=")) {
            auto s = make_stmt(Stmt::Kind::Set, tag);
            s->targets = std::move(targets);
            s->attr = std::move(attr);
            s->expr = parse_tuple(false);
            expect_block_end();
            return s;
        }
        if (targets.size() != 1 || !attr.empty()) expected("'='");
        auto s = make_stmt(Stmt::Kind::SetBlock, tag);
        s->targets = std::move(targets);
        if (is_op("|")) s->filter = parse_filter_chain(nullptr);
        expect_block_end();
        open_tags_.push_back("set");
        std::string stop;
        s->bodies.push_back(parse_body({"endset"}, &stop));
        advance();
        expect_block_end();
        open_tags_.pop_back();
        return s;
    }

    // Which of varargs/kwargs/caller a macro body reads decides what calls it accepts.
    static void scan_names(const Expr* e, Stmt& macro) {
        if (!e) return;
        if (e->kind == Expr::Kind::Name) {
            if (e->name == "varargs") macro.uses_varargs = true;
            if (e->name == "kwargs") macro.uses_kwargs = true;
            if (e->name == "caller") macro.uses_caller = true;
        }
        for (const auto& a : e->args) scan_names(a.get(), macro);
        for (const auto& kw : e->kwargs) scan_names(kw.second.get(), macro);
    }
    static void scan_names(const Body& body, Stmt& macro) {
        for (const auto& st : body) {
            scan_names(st->expr.get(), macro);
            scan_names(st->filter.get(), macro);
            for (const auto& c : st->conds) scan_names(c.get(), macro);
            for (const auto& d : st->defaults) scan_names(d.get(), macro);
            for (const auto& b : st->bodies) scan_names(b, macro);
            scan_names(st->else_body, macro);
        }
    }

    void parse_signature(Stmt& s) {
        expect_op("(");
        while (!is_op(")")) {
            if (!s.params.empty()) expect_op(",");
            if (is_op(")")) break;
            s.params.push_back(expect_name("a parameter name"));
            if (skip_op("=")) {
                s.defaults.push_back(parse_expression());
            } else {
                if (!s.defaults.empty() && s.defaults.back()) {
                    fail_at(cur(), "non-default argument follows default argument in macro '" + s.name + "'");
                }
                s.defaults.push_back(nullptr);
            }
        }
        advance();
    }

    StmtPtr parse_call_block() {
        auto s = make_stmt(Stmt::Kind::CallBlock, cur());
        advance();
        s->name = "caller";
        if (is_op("(")) parse_signature(*s);
        const Token at = cur();
        s->expr = parse_expression();
        if (s->expr->kind != Expr::Kind::Call) fail_at(at, "expected a macro call after 'call'");
        expect_block_end();
        open_tags_.push_back("call");
        const int saved_loops = loop_depth_;
        loop_depth_ = 0;
        std::string stop;
        s->bodies.push_back(parse_body({"endcall"}, &stop));
        loop_depth_ = saved_loops;
        advance();
        expect_block_end();
        open_tags_.pop_back();
        scan_names(s->bodies[0], *s);
        return s;
    }

    StmtPtr parse_macro() {
        auto s = make_stmt(Stmt::Kind::Macro, cur());
        advance();
        s->name = expect_name("a macro name");
        parse_signature(*s);
        expect_block_end();
        open_tags_.push_back("macro");
        const int saved_loops = loop_depth_;
        loop_depth_ = 0;
        std::string stop;
        s->bodies.push_back(parse_body({"endmacro"}, &stop));
        loop_depth_ = saved_loops;
        advance();
        if (cur().type == TT::Name) advance();  // {% endmacro name %}
        expect_block_end();
        open_tags_.pop_back();
        scan_names(s->bodies[0], *s);
        return s;
    }

    StmtPtr parse_filter_block() {
        auto s = make_stmt(Stmt::Kind::FilterBlock, cur());
        advance();
        s->filter = parse_filter_chain(nullptr, /*leading_pipe=*/false);
        expect_block_end();
        open_tags_.push_back("filter");
        std::string stop;
        s->bodies.push_back(parse_body({"endfilter"}, &stop));
        advance();
        expect_block_end();
        open_tags_.pop_back();
        return s;
    }

    StmtPtr parse_with() {
        auto s = make_stmt(Stmt::Kind::With, cur());
        advance();
        while (cur().type != TT::BlockEnd) {
            if (!s->targets.empty()) expect_op(",");
            s->targets.push_back(expect_name("a variable name"));
            expect_op("=");
            s->conds.push_back(parse_expression());
        }
        expect_block_end();
        open_tags_.push_back("with");
        std::string stop;
        s->bodies.push_back(parse_body({"endwith"}, &stop));
        advance();
        expect_block_end();
        open_tags_.pop_back();
        return s;
    }

    StmtPtr parse_simple_block(Stmt::Kind kind, const char* end) {
        const Token tag = cur();
        auto s = make_stmt(kind, tag);
        advance();
        expect_block_end();
        open_tags_.push_back(tag.text);
        std::string stop;
        s->bodies.push_back(parse_body({end}, &stop));
        advance();
        expect_block_end();
        open_tags_.pop_back();
        return s;
    }

    // --- expressions ------------------------------------------------------------
    ExprPtr parse_tuple(bool allow_empty_end, bool with_condexpr = true) {
        const Token start = cur();
        auto first = with_condexpr ? parse_expression() : parse_or();
        if (!is_op(",")) return first;
        auto tuple = make(Expr::Kind::TupleLit, start);
        tuple->args.push_back(std::move(first));
        while (skip_op(",")) {
            if (cur().type == TT::BlockEnd || cur().type == TT::VarEnd || is_op(")") || is_name("if")) break;
            tuple->args.push_back(with_condexpr ? parse_expression() : parse_or());
        }
        (void)allow_empty_end;
        return tuple;
    }

    ExprPtr parse_expression() {
        DepthGuard guard(*this);
        const Token start = cur();
        auto expr = parse_or();
        int links = 0;
        while (skip_name("if")) {
            check_chain(links);
            auto cond = make(Expr::Kind::CondExpr, start);
            cond->args.push_back(parse_or());
            cond->args.push_back(std::move(expr));
            if (skip_name("else"))
                cond->args.push_back(parse_expression());
            else
                cond->args.push_back(nullptr);
            expr = std::move(cond);
        }
        release(links);
        return expr;
    }

    ExprPtr binary(Expr::Kind kind, const Token& at, ExprPtr l, ExprPtr r, std::string op = {}) {
        auto e = make(kind, at);
        e->name = std::move(op);
        e->args.push_back(std::move(l));
        e->args.push_back(std::move(r));
        return e;
    }

    ExprPtr parse_or() {
        auto l = parse_and();
        int links = 0;
        while (is_name("or")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::Or, t, std::move(l), parse_and());
        }
        release(links);
        return l;
    }

    ExprPtr parse_and() {
        auto l = parse_not();
        int links = 0;
        while (is_name("and")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::And, t, std::move(l), parse_not());
        }
        release(links);
        return l;
    }

    ExprPtr parse_not() {
        if (is_name("not")) {
            DepthGuard guard(*this);
            auto e = make(Expr::Kind::Not, cur());
            advance();
            e->args.push_back(parse_not());
            return e;
        }
        return parse_compare();
    }

    ExprPtr parse_compare() {
        const Token start = cur();
        auto first = parse_math1();
        ExprPtr cmp;
        while (true) {
            std::string op;
            if (cur().type == TT::Operator && (cur().text == "==" || cur().text == "!=" || cur().text == "<" ||
                                               cur().text == "<=" || cur().text == ">" || cur().text == ">=")) {
                op = cur().text;
                advance();
            } else if (is_name("in")) {
                op = "in";
                advance();
            } else if (is_name("not") && peek().type == TT::Name && peek().text == "in") {
                op = "notin";
                advance();
                advance();
            } else {
                break;
            }
            if (cmp && cmp->ops.size() > static_cast<std::size_t>(Parser::kMaxDepth))
                fail_at(cur(), "comparison chain too long");
            if (!cmp) {
                cmp = make(Expr::Kind::Compare, start);
                cmp->args.push_back(std::move(first));
            }
            cmp->ops.push_back(op);
            cmp->args.push_back(parse_math1());
        }
        return cmp ? std::move(cmp) : std::move(first);
    }

    ExprPtr parse_math1() {
        auto l = parse_concat();
        int links = 0;
        while (is_op("+") || is_op("-")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::Binary, t, std::move(l), parse_concat(), t.text);
        }
        release(links);
        return l;
    }

    ExprPtr parse_concat() {
        auto l = parse_math2();
        int links = 0;
        while (is_op("~")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::Binary, t, std::move(l), parse_math2(), "~");
        }
        release(links);
        return l;
    }

    ExprPtr parse_math2() {
        auto l = parse_pow();
        int links = 0;
        while (is_op("*") || is_op("/") || is_op("//") || is_op("%")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::Binary, t, std::move(l), parse_pow(), t.text);
        }
        release(links);
        return l;
    }

    ExprPtr parse_pow() {
        auto l = parse_unary(true);
        int links = 0;
        while (is_op("**")) {
            const Token t = cur();
            advance();
            check_chain(links);
            l = binary(Expr::Kind::Binary, t, std::move(l), parse_unary(true), "**");
        }
        release(links);
        return l;
    }

    ExprPtr parse_unary(bool with_filter) {
        DepthGuard guard(*this);
        ExprPtr node;
        if (is_op("-") || is_op("+")) {
            node = make(is_op("-") ? Expr::Kind::Neg : Expr::Kind::Pos, cur());
            advance();
            node->args.push_back(parse_unary(false));
        } else {
            node = parse_primary();
        }
        node = parse_postfix(std::move(node));
        if (with_filter) node = parse_filter_expr(std::move(node));
        return node;
    }

    ExprPtr parse_primary() {
        const Token t = cur();
        switch (t.type) {
            case TT::Name: {
                advance();
                if (t.text == "true" || t.text == "True" || t.text == "false" || t.text == "False") {
                    auto e = make(Expr::Kind::Literal, t);
                    e->value = Value::boolean(t.text[0] == 't' || t.text[0] == 'T');
                    return e;
                }
                if (t.text == "none" || t.text == "None") {
                    auto e = make(Expr::Kind::Literal, t);
                    e->value = Value::none();
                    return e;
                }
                auto e = make(Expr::Kind::Name, t);
                e->name = t.text;
                return e;
            }
            case TT::String: {
                std::string s;
                while (cur().type == TT::String) {  // adjacent literals concatenate
                    s += cur().text;
                    advance();
                }
                auto e = make(Expr::Kind::Literal, t);
                e->value = Value::string(std::move(s));
                return e;
            }
            case TT::Integer: {
                advance();
                errno = 0;
                const long long v = std::strtoll(t.text.c_str(), nullptr, 10);
                if (errno == ERANGE) fail_at(t, "integer literal " + t.text + " is too large");
                auto e = make(Expr::Kind::Literal, t);
                e->value = Value::integer(v);
                return e;
            }
            case TT::Float: {
                advance();
                auto e = make(Expr::Kind::Literal, t);
                e->value = Value::number(std::strtod(t.text.c_str(), nullptr));
                return e;
            }
            case TT::Operator:
                if (t.text == "(") {
                    advance();
                    if (skip_op(")")) return make(Expr::Kind::TupleLit, t);
                    auto inner = parse_tuple(false);
                    expect_op(")");
                    // "(a,)" is a tuple; "(a)" is just a.
                    return inner;
                }
                if (t.text == "[") {
                    advance();
                    auto e = make(Expr::Kind::ListLit, t);
                    while (!is_op("]")) {
                        if (!e->args.empty()) {
                            expect_op(",");
                            if (is_op("]")) break;
                        }
                        e->args.push_back(parse_expression());
                    }
                    advance();
                    return e;
                }
                if (t.text == "{") {
                    advance();
                    auto e = make(Expr::Kind::DictLit, t);
                    while (!is_op("}")) {
                        if (!e->args.empty()) {
                            expect_op(",");
                            if (is_op("}")) break;
                        }
                        e->args.push_back(parse_expression());
                        expect_op(":");
                        e->args.push_back(parse_expression());
                    }
                    advance();
                    return e;
                }
                break;
            default: break;
        }
        expected("an expression");
    }

    ExprPtr parse_postfix(ExprPtr node) {
        int links = 0;
        while (true) {
            if (is_op(".")) {
                const Token t = cur();
                advance();
                if (cur().type == TT::Name) {
                    auto e = make(Expr::Kind::GetAttr, t);
                    e->name = cur().text;
                    advance();
                    e->args.push_back(std::move(node));
                    node = std::move(e);
                } else if (cur().type == TT::Integer) {
                    auto e = make(Expr::Kind::GetItem, t);
                    e->args.push_back(std::move(node));
                    auto idx = make(Expr::Kind::Literal, cur());
                    idx->value = Value::integer(std::strtoll(cur().text.c_str(), nullptr, 10));
                    e->args.push_back(std::move(idx));
                    advance();
                    node = std::move(e);
                } else {
                    expected("an attribute name after '.'");
                }
            } else if (is_op("[")) {
                node = parse_subscript(std::move(node));
            } else if (is_op("(")) {
                node = parse_call(std::move(node));
            } else {
                release(links);
                return node;
            }
            check_chain(links);
        }
    }

    // Operator and postfix chains are parsed in loops but evaluated recursively,
    // so every link counts as one level of nesting. The caller gives the levels
    // back with release() (a syntax error abandons the whole parse anyway).
    void check_chain(int& links) {
        ++links;
        if (++depth_ > Parser::kMaxDepth) {
            fail_at(cur(), "expression nested too deeply (more than " + std::to_string(Parser::kMaxDepth) + " levels)");
        }
    }
    void release(int links) { depth_ -= links; }

    ExprPtr parse_subscript(ExprPtr node) {
        const Token t = cur();
        advance();
        ExprPtr parts[3];
        bool is_slice = false;
        int idx = 0;
        while (true) {
            if (is_op(":")) {
                is_slice = true;
                if (++idx > 2) expected("']'");
                advance();
                continue;
            }
            if (is_op("]")) break;
            if (parts[idx]) expected(is_slice ? "':' or ']'" : "']'");
            parts[idx] = parse_expression();
            if (!is_slice && is_op(",")) fail_at(cur(), "tuple subscripts are not supported");
        }
        advance();
        if (!is_slice) {
            if (!parts[0]) fail_at(t, "expected an expression inside '[]'");
            auto e = make(Expr::Kind::GetItem, t);
            e->args.push_back(std::move(node));
            e->args.push_back(std::move(parts[0]));
            return e;
        }
        auto e = make(Expr::Kind::Slice, t);
        e->args.push_back(std::move(node));
        for (auto& p : parts) e->args.push_back(std::move(p));
        return e;
    }

    void parse_call_args(Expr& call) {
        expect_op("(");
        bool first = true;
        while (!is_op(")")) {
            if (!first) {
                expect_op(",");
                if (is_op(")")) break;
            }
            first = false;
            if (is_op("*") || is_op("**")) fail_at(cur(), "*args and **kwargs in calls are not supported");
            if (cur().type == TT::Name && peek().type == TT::Operator && peek().text == "=") {
                std::string key = cur().text;
                advance();
                advance();
                for (const auto& kw : call.kwargs)
                    if (kw.first == key) fail_at(cur(), "keyword argument repeated: " + key);
                call.kwargs.emplace_back(std::move(key), parse_expression());
            } else {
                if (!call.kwargs.empty()) fail_at(cur(), "positional argument follows keyword argument");
                call.args.push_back(parse_expression());
            }
        }
        advance();
    }

    ExprPtr parse_call(ExprPtr node) {
        auto e = make(Expr::Kind::Call, cur());
        e->args.push_back(std::move(node));
        parse_call_args(*e);
        return e;
    }

    std::string parse_dotted_name(const char* what) {
        std::string n = expect_name(what);
        while (is_op(".") && peek().type == TT::Name) {
            advance();
            n += "." + cur().text;
            advance();
        }
        return n;
    }

    ExprPtr parse_one_filter(ExprPtr subject) {
        const Token t = cur();
        auto e = make(Expr::Kind::Filter, t);
        e->name = parse_dotted_name("a filter name");
        if (!builtins::has_filter(e->name)) fail_at(t, "unknown filter '" + e->name + "'");
        e->args.push_back(std::move(subject));
        if (is_op("(")) parse_call_args(*e);
        return e;
    }

    ExprPtr parse_filter_chain(ExprPtr subject, bool leading_pipe = true) {
        if (leading_pipe) expect_op("|");
        subject = parse_one_filter(std::move(subject));
        int links = 0;
        while (skip_op("|")) {
            check_chain(links);
            subject = parse_one_filter(std::move(subject));
        }
        release(links);
        return subject;
    }

    ExprPtr parse_filter_expr(ExprPtr node) {
        int links = 0;
        while (true) {
            if (is_op("|")) {
                advance();
                node = parse_one_filter(std::move(node));
            } else if (is_name("is")) {
                const Token t = cur();
                advance();
                auto e = make(Expr::Kind::Test, t);
                e->negated = skip_name("not");
                const Token name_tok = cur();
                e->name = parse_dotted_name("a test name");
                if (!builtins::has_test(e->name)) fail_at(name_tok, "unknown test '" + e->name + "'");
                e->args.push_back(std::move(node));
                if (is_op("(")) {
                    parse_call_args(*e);
                } else if ((cur().type == TT::Name || cur().type == TT::String || cur().type == TT::Integer ||
                            cur().type == TT::Float || is_op("(") || is_op("[") || is_op("{")) &&
                           !is_name("else") && !is_name("or") && !is_name("and")) {
                    if (is_name("is")) fail_at(cur(), "you cannot chain multiple tests with 'is'");
                    auto arg = parse_primary();
                    e->args.push_back(parse_postfix(std::move(arg)));
                }
                node = std::move(e);
            } else if (is_op("(")) {
                node = parse_call(std::move(node));
            } else {
                release(links);
                return node;
            }
            check_chain(links);
        }
    }

    std::vector<Token> toks_;
    std::size_t pos_ = 0;
    int depth_ = 0;
    int loop_depth_ = 0;
    std::vector<std::string> open_tags_;
};

}  // namespace

std::unique_ptr<const TemplateAst> Parser::parse(std::string_view source) {
    return ParserImpl(Lexer::tokenize(source)).run();
}

}  // namespace fyr::jinja
