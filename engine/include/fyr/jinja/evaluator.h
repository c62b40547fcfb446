// Walks a TemplateAst and produces the rendered text, with jinja2's semantics as
// configured by transformers (default Undefined, autoescape off, sandboxed: no
// list/dict mutation).
//
//   auto ast = Parser::parse("Hello {{ name }}!");
//   Evaluator ev;
//   std::string out = ev.render(*ast, {{"name", Value::string("Fyr")}});  // "Hello Fyr!"
//
// An Evaluator holds the state of one render. Not thread-safe: use one Evaluator
// per render (they are cheap); one TemplateAst may be rendered by many Evaluators
// on different threads at the same time.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "fyr/jinja/ast.h"
#include "fyr/jinja/callable.h"
#include "fyr/jinja/render_limits.h"
#include "fyr/jinja/value.h"

namespace fyr::jinja {

class Evaluator {
public:
    using Variables = std::vector<std::pair<std::string, Value>>;

    explicit Evaluator(RenderLimits limits = {});

    // strftime_now(format) as templates call it; unset means "not available".
    void set_strftime(std::function<std::string(const std::string&)> fn) { strftime_ = std::move(fn); }

    // Renders with `context` as the top-level variables (they shadow the globals
    // range, namespace, dict, joiner, raise_exception, strftime_now).
    // Throws TemplateError.
    std::string render(const TemplateAst& ast, const Variables& context);

    // --- used by filters, methods and callables ----------------------------------
    const RenderLimits& limits() const { return limits_; }
    // Throws a Limit error when a string or list of `size` bytes/items is too large.
    void check_size(std::size_t size) const;
    void count_iterations(std::int64_t n);
    // Charges the work budget for copying `bytes` (quadratic string building).
    void count_bytes(std::size_t bytes);
    // Charges the budget for the size of a string, list or dict an operation walks
    // or builds; charge_text() only for strings (list lookups are O(1)).
    void charge(const Value& v);
    void charge_text(const Value& v);
    Value call(const Value& callee, CallArgs& args);
    Value get_attr(const Value& obj, const std::string& name);
    Value get_item(const Value& obj, const Value& key);
    // Python iter(): the items of a list, the keys of a dict, the characters of a string.
    ValueList iterate(const Value& v);
    std::string strftime_now(const std::string& format) const;
    // Python str() bounded by the output limit.
    std::string to_str(const Value& v) const;

private:
    struct Scope;
    enum class Flow { Normal, Break, Continue };

    Flow exec(const Body& body, Scope& scope);
    Flow exec_stmt(const Stmt& stmt, Scope& scope);
    Flow exec_for(const Stmt& stmt, Scope& scope);
    void exec_set(const Stmt& stmt, Scope& scope);
    std::string capture(const Body& body, Scope& scope);
    Value call_macro(const Stmt& macro, CallArgs& args, Scope* closure);
    Value apply_filter_chain(const Expr& chain, Value subject, Scope& scope);

    Value eval(const Expr& e, Scope& scope);
    Value eval_inner(const Expr& e, Scope& scope);
    Value eval_binary(const Expr& e, const Value& l, const Value& r);
    bool compare(const std::string& op, const Value& l, const Value& r);
    void eval_args(const Expr& e, std::size_t first, Scope& scope, CallArgs& out);
    Value lookup(const std::string& name, Scope& scope);

    void write(const std::string& text);

    RenderLimits limits_;
    std::function<std::string(const std::string&)> strftime_;
    std::string* out_ = nullptr;
    Scope* root_ = nullptr;
    int call_depth_ = 0;
    std::int64_t iterations_ = 0;
};

}  // namespace fyr::jinja
