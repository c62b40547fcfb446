#include "fyr/jinja/evaluator.h"

#include <cmath>
#include <limits>

#include "builtins.h"
#include "fyr/jinja/dict.h"
#include "fyr/jinja/template_error.h"
#include "py_text.h"

namespace fyr::jinja {

namespace {

[[noreturn]] void render_error(const std::string& message) {
    throw TemplateError(TemplateError::Kind::Render, message);
}

[[noreturn]] void unsupported(const char* op, const Value& l, const Value& r) {
    render_error(std::string("unsupported operand type(s) for ") + op + ": '" + l.type_name() + "' and '" +
                 r.type_name() + "'");
}

bool is_intlike(const Value& v) {
    return v.is_int() || v.is_bool();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int64_t py_mod(std::int64_t a, std::int64_t b) {
    std::int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0))) m += b;
    return m;
}

[[noreturn]] void overflow() {
    render_error("integer overflow (Fyr integers are 64-bit)");
}

}  // namespace

struct Evaluator::Scope {
    Scope* parent = nullptr;
    std::vector<std::pair<std::string, Value>> vars;

    const Value* find(const std::string& name) const {
        for (const Scope* s = this; s; s = s->parent)
            for (const auto& v : s->vars)
                if (v.first == name) return &v.second;
        return nullptr;
    }
    void set(const std::string& name, Value value) {
        for (auto& v : vars) {
            if (v.first == name) {
                v.second = std::move(value);
                return;
            }
        }
        vars.emplace_back(name, std::move(value));
    }
};

Evaluator::Evaluator(RenderLimits limits) : limits_(limits) {}

std::string Evaluator::render(const TemplateAst& ast, const Variables& context) {
    Scope globals;
    globals.vars = builtins::globals();
    Scope root;
    root.parent = &globals;
    for (const auto& kv : context) root.set(kv.first, kv.second);
    std::string out;
    out_ = &out;
    root_ = &root;
    call_depth_ = 0;
    iterations_ = 0;
    exec(ast.body, root);
    out_ = nullptr;
    root_ = nullptr;
    return out;
}

void Evaluator::check_size(std::size_t size) const {
    if (size > limits_.max_output_bytes) {
        throw TemplateError(TemplateError::Kind::Limit,
                            "output limit exceeded (more than " + std::to_string(limits_.max_output_bytes) + " bytes)");
    }
}

void Evaluator::count_iterations(std::int64_t n) {
    iterations_ += n;
    if (iterations_ > limits_.max_loop_iterations) {
        throw TemplateError(
            TemplateError::Kind::Limit,
            "loop iteration limit exceeded (more than " + std::to_string(limits_.max_loop_iterations) + " iterations)");
    }
}

void Evaluator::charge_text(const Value& v) {
    if (v.is_str()) count_bytes(v.as_str().size());
}

void Evaluator::charge(const Value& v) {
    if (v.is_str())
        count_bytes(v.as_str().size());
    else if (v.is_list())
        count_bytes(v.as_list().size() * 16);
    else if (v.is_dict())
        count_bytes(v.as_dict().size() * 16);
}

void Evaluator::count_bytes(std::size_t bytes) {
    iterations_ += static_cast<std::int64_t>(bytes >> 10);
    if (iterations_ > limits_.max_loop_iterations) {
        throw TemplateError(TemplateError::Kind::Limit,
                            "work limit exceeded (the template copies too much text; budget " +
                                std::to_string(limits_.max_loop_iterations) + " steps)");
    }
}

std::string Evaluator::strftime_now(const std::string& format) const {
    if (!strftime_) render_error("strftime_now is not available in this context");
    return strftime_(format);
}

std::string Evaluator::to_str(const Value& v) const {
    std::string s = v.str(limits_.max_output_bytes);
    check_size(s.size());
    return s;
}

void Evaluator::write(const std::string& text) {
    check_size(out_->size() + text.size());
    out_->append(text);
}

// --- statements -------------------------------------------------------------------

Evaluator::Flow Evaluator::exec(const Body& body, Scope& scope) {
    for (const auto& stmt : body) {
        const Flow f = exec_stmt(*stmt, scope);
        if (f != Flow::Normal) return f;
    }
    return Flow::Normal;
}

Evaluator::Flow Evaluator::exec_stmt(const Stmt& stmt, Scope& scope) {
    try {
        switch (stmt.kind) {
            case Stmt::Kind::Text: write(stmt.text); return Flow::Normal;
            case Stmt::Kind::Print: write(to_str(eval(*stmt.expr, scope))); return Flow::Normal;
            case Stmt::Kind::If:
                for (std::size_t i = 0; i < stmt.conds.size(); ++i)
                    if (eval(*stmt.conds[i], scope).truthy()) return exec(stmt.bodies[i], scope);
                return exec(stmt.else_body, scope);
            case Stmt::Kind::For: return exec_for(stmt, scope);
            case Stmt::Kind::Set: exec_set(stmt, scope); return Flow::Normal;
            case Stmt::Kind::SetBlock: {
                Value v = Value::string(capture(stmt.bodies[0], scope));
                if (stmt.filter) v = apply_filter_chain(*stmt.filter, v, scope);
                scope.set(stmt.targets[0], v);
                return Flow::Normal;
            }
            case Stmt::Kind::Macro: {
                auto fn = std::make_shared<Callable>();
                fn->name = stmt.name;
                fn->type = "macro";
                const Stmt* macro = &stmt;
                // Inside a loop or macro, the macro closes over the locals visible here.
                std::shared_ptr<Scope> closure;
                if (&scope != root_) {
                    closure = std::make_shared<Scope>();
                    for (const Scope* s = &scope; s && s != root_; s = s->parent)
                        for (const auto& v : s->vars)
                            if (!closure->find(v.first)) closure->vars.push_back(v);
                    fn->has_closure = true;
                }
                fn->call = [macro, closure](Evaluator& ev, CallArgs& args) {
                    return ev.call_macro(*macro, args, closure.get());
                };
                scope.set(stmt.name, Value::callable(fn));
                return Flow::Normal;
            }
            case Stmt::Kind::CallBlock: {
                // The body becomes `caller`, a macro that sees the variables of this point.
                auto fn = std::make_shared<Callable>();
                fn->name = "caller";
                fn->type = "macro";
                fn->has_closure = true;
                auto closure = std::make_shared<Scope>();
                for (const Scope* s = &scope; s && s != root_; s = s->parent)
                    for (const auto& v : s->vars)
                        if (!closure->find(v.first)) closure->vars.push_back(v);
                const Stmt* body = &stmt;
                fn->call = [body, closure](Evaluator& ev, CallArgs& args) {
                    return ev.call_macro(*body, args, closure.get());
                };
                const Expr& call_expr = *stmt.expr;
                const Value callee = eval(*call_expr.args[0], scope);
                CallArgs args;
                eval_args(call_expr, 1, scope, args);
                args.keyword.emplace_back("caller", Value::callable(fn));
                write(to_str(call(callee, args)));
                return Flow::Normal;
            }
            case Stmt::Kind::FilterBlock: {
                Value v = apply_filter_chain(*stmt.filter, Value::string(capture(stmt.bodies[0], scope)), scope);
                write(to_str(v));
                return Flow::Normal;
            }
            case Stmt::Kind::Generation: return exec(stmt.bodies[0], scope);
            case Stmt::Kind::With: {
                // Values are computed in the enclosing scope; assignments inside stay inside.
                Scope inner;
                inner.parent = &scope;
                for (std::size_t i = 0; i < stmt.targets.size(); ++i)
                    inner.set(stmt.targets[i], eval(*stmt.conds[i], scope));
                return exec(stmt.bodies[0], inner);
            }
            case Stmt::Kind::Break: return Flow::Break;
            case Stmt::Kind::Continue: return Flow::Continue;
        }
    } catch (const TemplateError& err) {
        if (err.has_location() || err.kind() == TemplateError::Kind::Raised) throw;
        throw err.located(stmt.line, stmt.column);
    }
    return Flow::Normal;
}

std::string Evaluator::capture(const Body& body, Scope& scope) {
    std::string buffer;
    std::string* saved = out_;
    out_ = &buffer;
    try {
        exec(body, scope);
    } catch (...) {
        out_ = saved;
        throw;
    }
    out_ = saved;
    return buffer;
}

namespace {

void unpack(Evaluator& ev, const std::vector<std::string>& targets, const Value& v,
            const std::function<void(const std::string&, Value)>& assign) {
    if (targets.size() == 1) {
        assign(targets[0], v);
        return;
    }
    if (!(v.is_list() || v.is_str() || v.is_dict())) {
        render_error("cannot unpack non-iterable " + v.type_name() + " object");
    }
    ValueList items = ev.iterate(v);
    if (items.size() > targets.size()) {
        render_error("too many values to unpack (expected " + std::to_string(targets.size()) + ")");
    }
    if (items.size() < targets.size()) {
        render_error("not enough values to unpack (expected " + std::to_string(targets.size()) + ", got " +
                     std::to_string(items.size()) + ")");
    }
    for (std::size_t i = 0; i < targets.size(); ++i) assign(targets[i], items[i]);
}

}  // namespace

Evaluator::Flow Evaluator::exec_for(const Stmt& stmt, Scope& scope) {
    const Value iterable = eval(*stmt.expr, scope);
    if (!(iterable.is_list() || iterable.is_dict() || iterable.is_str() || iterable.is_undefined())) {
        render_error("'" + iterable.type_name() + "' object is not iterable");
    }
    ValueList all = iterate(iterable);
    // Every iteration gets a fresh scope: assignments in the body neither leak out
    // of the loop nor carry over to the next iteration, as in jinja2.
    ValueList items;
    if (stmt.filter) {
        for (const auto& item : all) {
            count_iterations(1);
            Scope filter_scope;
            filter_scope.parent = &scope;
            unpack(*this, stmt.targets, item,
                   [&](const std::string& n, Value v) { filter_scope.set(n, std::move(v)); });
            if (eval(*stmt.filter, filter_scope).truthy()) items.push_back(item);
        }
    } else {
        items = std::move(all);
    }
    if (items.empty()) return exec(stmt.else_body, scope);
    const auto n = static_cast<std::int64_t>(items.size());
    // loop.cycle() reads the current position through a shared counter.
    auto position = std::make_shared<std::int64_t>(0);
    auto cycle_fn = std::make_shared<Callable>();
    cycle_fn->name = "cycle";
    cycle_fn->call = [position](Evaluator&, CallArgs& a) {
        if (a.positional.empty()) render_error("no items for cycling given");
        return a.positional[static_cast<std::size_t>(*position) % a.positional.size()];
    };
    const Value cycle = Value::callable(cycle_fn);
    for (std::int64_t i = 0; i < n; ++i) {
        count_iterations(1);
        const auto idx = static_cast<std::size_t>(i);
        Scope loop_scope;
        loop_scope.parent = &scope;
        unpack(*this, stmt.targets, items[idx],
               [&](const std::string& nm, Value v) { loop_scope.set(nm, std::move(v)); });
        // The loop object is rebuilt every iteration; its keys are shared constants.
        static const Value k_index = Value::string("index"), k_index0 = Value::string("index0"),
                           k_revindex = Value::string("revindex"), k_revindex0 = Value::string("revindex0"),
                           k_first = Value::string("first"), k_last = Value::string("last"),
                           k_length = Value::string("length"), k_depth = Value::string("depth"),
                           k_depth0 = Value::string("depth0"), k_previtem = Value::string("previtem"),
                           k_nextitem = Value::string("nextitem"), k_cycle = Value::string("cycle");
        Dict loop;
        loop.reserve(12);
        loop.add_new(k_index, Value::integer(i + 1));
        loop.add_new(k_index0, Value::integer(i));
        loop.add_new(k_revindex, Value::integer(n - i));
        loop.add_new(k_revindex0, Value::integer(n - i - 1));
        loop.add_new(k_first, Value::boolean(i == 0));
        loop.add_new(k_last, Value::boolean(i == n - 1));
        loop.add_new(k_length, Value::integer(n));
        loop.add_new(k_depth, Value::integer(1));
        loop.add_new(k_depth0, Value::integer(0));
        if (i > 0) loop.add_new(k_previtem, items[idx - 1]);
        if (i + 1 < n) loop.add_new(k_nextitem, items[idx + 1]);
        *position = i;
        loop.add_new(k_cycle, cycle);
        loop_scope.set("loop", Value::dict(std::move(loop)));
        const Flow f = exec(stmt.bodies[0], loop_scope);
        if (f == Flow::Break) break;
    }
    return Flow::Normal;
}

void Evaluator::exec_set(const Stmt& stmt, Scope& scope) {
    Value v = eval(*stmt.expr, scope);
    if (!stmt.attr.empty()) {
        Value ns = lookup(stmt.targets[0], scope);
        if (!ns.is_namespace()) {
            render_error("cannot assign attribute '" + stmt.attr + "' on '" + stmt.targets[0] +
                         "': it is not a namespace() (it is " + ns.type_name() + ")");
        }
        if (v.contains_namespace()) {
            render_error("cannot store a namespace inside the namespace '" + stmt.targets[0] + "'");
        }
        ns.namespace_dict().set(Value::string(stmt.attr), std::move(v));
        return;
    }
    unpack(*this, stmt.targets, v, [&](const std::string& n, Value x) { scope.set(n, std::move(x)); });
}

Value Evaluator::call_macro(const Stmt& macro, CallArgs& args, Scope* closure) {
    if (call_depth_ >= limits_.max_call_depth) {
        throw TemplateError(TemplateError::Kind::Limit, "maximum recursion depth exceeded (more than " +
                                                            std::to_string(limits_.max_call_depth) +
                                                            " nested macro calls, in macro '" + macro.name + "')");
    }
    if (args.positional.size() > macro.params.size() && !macro.uses_varargs) {
        render_error("macro '" + macro.name + "' takes not more than " + std::to_string(macro.params.size()) +
                     " argument(s)");
    }
    Dict extra_kwargs;
    Value caller;
    for (const auto& kw : args.keyword) {
        bool known = false;
        for (std::size_t i = 0; i < macro.params.size(); ++i) {
            if (macro.params[i] == kw.first) {
                known = true;
                if (i < args.positional.size()) {
                    render_error("macro '" + macro.name + "' got multiple values for argument '" + kw.first + "'");
                }
            }
        }
        if (known) continue;
        if (kw.first == "caller" && macro.uses_caller)
            caller = kw.second;
        else if (macro.uses_kwargs)
            extra_kwargs.set(Value::string(kw.first), kw.second);
        else
            render_error("macro '" + macro.name + "' takes no keyword argument '" + kw.first + "'");
    }
    // Macros see the top-level variables (and their closure), not the caller's locals.
    if (closure) closure->parent = root_;
    Scope scope;
    scope.parent = closure ? closure : root_;
    for (std::size_t i = 0; i < macro.params.size(); ++i) {
        const Value* given = args.get(i, macro.params[i].c_str());
        if (given)
            scope.set(macro.params[i], *given);
        else if (macro.defaults[i])
            scope.set(macro.params[i], eval(*macro.defaults[i], scope));
        else
            scope.set(macro.params[i], Value::undefined("'" + macro.params[i] + "' is undefined"));
    }
    if (macro.uses_varargs) {
        ValueList rest;
        for (std::size_t i = macro.params.size(); i < args.positional.size(); ++i) rest.push_back(args.positional[i]);
        scope.set("varargs", Value::list(std::move(rest), true));
    }
    if (macro.uses_kwargs) scope.set("kwargs", Value::dict(std::move(extra_kwargs)));
    if (macro.uses_caller)
        scope.set("caller", caller.is_undefined() ? Value::undefined("'caller' is undefined") : caller);
    count_iterations(1);
    ++call_depth_;
    std::string text;
    try {
        text = capture(macro.bodies[0], scope);
    } catch (...) {
        --call_depth_;
        throw;
    }
    --call_depth_;
    return Value::string(std::move(text));
}

Value Evaluator::apply_filter_chain(const Expr& chain, Value subject, Scope& scope) {
    Value inner = chain.args[0] ? apply_filter_chain(*chain.args[0], std::move(subject), scope) : std::move(subject);
    CallArgs args;
    eval_args(chain, 1, scope, args);
    try {
        return builtins::filter(*this, chain.name, inner, args);
    } catch (const TemplateError& err) {
        throw err.located(chain.line, chain.column);
    }
}

// --- expressions ------------------------------------------------------------------

Value Evaluator::lookup(const std::string& name, Scope& scope) {
    if (const Value* v = scope.find(name)) return *v;
    return Value::undefined("'" + name + "' is undefined");
}

void Evaluator::eval_args(const Expr& e, std::size_t first, Scope& scope, CallArgs& out) {
    for (std::size_t i = first; i < e.args.size(); ++i) out.positional.push_back(eval(*e.args[i], scope));
    for (const auto& kw : e.kwargs) out.keyword.emplace_back(kw.first, eval(*kw.second, scope));
}

Value Evaluator::eval(const Expr& e, Scope& scope) {
    try {
        return eval_inner(e, scope);
    } catch (const TemplateError& err) {
        if (err.has_location() || err.kind() == TemplateError::Kind::Raised) throw;
        throw err.located(e.line, e.column);
    }
}

Value Evaluator::eval_inner(const Expr& e, Scope& scope) {
    switch (e.kind) {
        case Expr::Kind::Literal: return e.value;
        case Expr::Kind::Name: return lookup(e.name, scope);
        case Expr::Kind::ListLit:
        case Expr::Kind::TupleLit: {
            ValueList items;
            items.reserve(e.args.size());
            for (const auto& a : e.args) items.push_back(eval(*a, scope));
            return Value::list(std::move(items), e.kind == Expr::Kind::TupleLit);
        }
        case Expr::Kind::DictLit: {
            Dict d;
            for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
                Value k = eval(*e.args[i], scope);
                if (k.is_list() && !k.is_tuple()) render_error("unhashable type: 'list'");
                if (k.is_dict()) render_error("unhashable type: 'dict'");
                d.set(std::move(k), eval(*e.args[i + 1], scope));
            }
            return Value::dict(std::move(d));
        }
        case Expr::Kind::GetAttr: {
            Value obj = eval(*e.args[0], scope);
            charge_text(obj);  // a str method will walk the whole string
            return get_attr(obj, e.name);
        }
        case Expr::Kind::GetItem: {
            Value obj = eval(*e.args[0], scope);
            charge_text(obj);  // indexing a str decodes it
            return get_item(obj, eval(*e.args[1], scope));
        }
        case Expr::Kind::Slice: {
            const Value obj = eval(*e.args[0], scope);
            charge(obj);
            Value parts[3];
            for (int i = 0; i < 3; ++i) {
                const auto& p = e.args[static_cast<std::size_t>(i) + 1];
                parts[i] = p ? eval(*p, scope) : Value::none();
                if (!parts[i].is_none() && !is_intlike(parts[i])) {
                    render_error("slice indices must be integers or None, not " + parts[i].type_name());
                }
            }
            if (obj.is_undefined()) builtins::undefined_error(obj);
            // jinja2 compiles a slice to a plain Python subscript, so a failure raises.
            if (obj.is_dict()) render_error("unhashable type: 'slice'");
            if (!obj.is_list() && !obj.is_str()) render_error("'" + obj.type_name() + "' object is not subscriptable");
            const std::int64_t step = parts[2].is_none() ? 1 : parts[2].as_int();
            if (step == 0) render_error("slice step cannot be zero");
            std::vector<char32_t> cps;
            if (obj.is_str()) cps = py::decode(obj.as_str());
            const auto len = static_cast<std::int64_t>(obj.is_str() ? cps.size() : obj.as_list().size());
            const auto clamp = [&](const Value& v, std::int64_t dflt) {
                if (v.is_none()) return dflt;
                std::int64_t x = v.as_int();
                if (x < 0) {
                    x += len;
                    if (x < 0) x = step < 0 ? -1 : 0;
                } else if (x >= len) {
                    x = step < 0 ? len - 1 : len;
                }
                return x;
            };
            const std::int64_t start = clamp(parts[0], step < 0 ? len - 1 : 0);
            const std::int64_t stop = clamp(parts[1], step < 0 ? -1 : len);
            std::vector<std::size_t> picks;
            if (step > 0) {
                for (std::int64_t i = start; i < stop; i += step) picks.push_back(static_cast<std::size_t>(i));
            } else {
                for (std::int64_t i = start; i > stop; i += step) picks.push_back(static_cast<std::size_t>(i));
            }
            if (obj.is_str()) {
                std::string s;
                for (std::size_t i : picks) py::append_utf8(s, cps[i]);
                return Value::string(std::move(s), obj.is_markup());
            }
            ValueList items;
            for (std::size_t i : picks) items.push_back(obj.as_list()[i]);
            return Value::list(std::move(items), obj.is_tuple());
        }
        case Expr::Kind::Call: {
            const Value callee = eval(*e.args[0], scope);
            CallArgs args;
            eval_args(e, 1, scope, args);
            Value result = call(callee, args);
            charge(result);
            return result;
        }
        case Expr::Kind::Filter: {
            if (!e.args[0]) render_error("filter '" + e.name + "' has no value to filter");
            const Value subject = eval(*e.args[0], scope);
            CallArgs args;
            eval_args(e, 1, scope, args);
            charge_text(subject);
            Value result = builtins::filter(*this, e.name, subject, args);
            charge(result);
            return result;
        }
        case Expr::Kind::Test: {
            const Value subject = eval(*e.args[0], scope);
            CallArgs args;
            eval_args(e, 1, scope, args);
            charge_text(subject);
            return Value::boolean(builtins::test(*this, e.name, subject, args) != e.negated);
        }
        case Expr::Kind::Neg:
        case Expr::Kind::Pos: {
            const Value v = eval(*e.args[0], scope);
            const bool neg = e.kind == Expr::Kind::Neg;
            if (v.is_undefined()) builtins::undefined_error(v);
            if (is_intlike(v)) {
                if (neg && v.as_int() == std::numeric_limits<std::int64_t>::min()) overflow();
                return Value::integer(neg ? -v.as_int() : v.as_int());
            }
            if (v.is_float()) return Value::number(neg ? -v.as_float() : v.as_float());
            render_error(std::string("bad operand type for unary ") + (neg ? "-" : "+") + ": '" + v.type_name() + "'");
        }
        case Expr::Kind::Not: return Value::boolean(!eval(*e.args[0], scope).truthy());
        case Expr::Kind::Binary: {
            const Value l = eval(*e.args[0], scope);
            const Value r = eval(*e.args[1], scope);
            return eval_binary(e, l, r);
        }
        case Expr::Kind::And: {
            Value l = eval(*e.args[0], scope);
            if (!l.truthy()) return l;
            return eval(*e.args[1], scope);
        }
        case Expr::Kind::Or: {
            Value l = eval(*e.args[0], scope);
            if (l.truthy()) return l;
            return eval(*e.args[1], scope);
        }
        case Expr::Kind::Compare: {
            Value left = eval(*e.args[0], scope);
            for (std::size_t i = 0; i < e.ops.size(); ++i) {
                Value right = eval(*e.args[i + 1], scope);
                charge_text(left);
                charge_text(right);
                if (!compare(e.ops[i], left, right)) return Value::boolean(false);
                left = std::move(right);
            }
            return Value::boolean(true);
        }
        case Expr::Kind::CondExpr:
            if (eval(*e.args[0], scope).truthy()) return eval(*e.args[1], scope);
            if (e.args[2]) return eval(*e.args[2], scope);
            return Value::undefined("the inline if-expression on line " + std::to_string(e.line) +
                                    " evaluated to false and no else section was defined.");
    }
    render_error("unknown expression");
}

Value Evaluator::eval_binary(const Expr& e, const Value& l, const Value& r) {
    const std::string& op = e.name;
    if (op == "~") {
        std::string s = to_str(l);
        s += to_str(r);
        check_size(s.size());
        count_bytes(s.size());
        return Value::string(std::move(s));
    }
    if (l.is_undefined()) builtins::undefined_error(l);
    if (r.is_undefined()) builtins::undefined_error(r);
    const bool ints = is_intlike(l) && is_intlike(r);
    const bool nums = l.is_number() && r.is_number();
    std::int64_t res = 0;
    if (op == "+") {
        if (ints) {
            if (__builtin_add_overflow(l.as_int(), r.as_int(), &res)) overflow();
            return Value::integer(res);
        }
        if (nums) return Value::number(l.as_float() + r.as_float());
        if (l.is_str() && r.is_str()) {
            // Markup + str escapes the plain side (markupsafe), even with autoescape off.
            const bool markup = l.is_markup() || r.is_markup();
            std::string s = (markup && !l.is_markup()) ? py::html_escape(l.as_str()) : l.as_str();
            s += (markup && !r.is_markup()) ? py::html_escape(r.as_str()) : r.as_str();
            check_size(s.size());
            count_bytes(s.size());
            return Value::string(std::move(s), markup);
        }
        if (l.is_list() && r.is_list() && l.is_tuple() == r.is_tuple()) {
            // A Value is about 80 bytes; lists count against the size limit by that.
            check_size((l.as_list().size() + r.as_list().size()) * 64);
            count_bytes((l.as_list().size() + r.as_list().size()) * 64);
            ValueList items = l.as_list();
            items.insert(items.end(), r.as_list().begin(), r.as_list().end());
            return Value::list(std::move(items), l.is_tuple());
        }
        unsupported("+", l, r);
    }
    if (op == "-") {
        if (ints) {
            if (__builtin_sub_overflow(l.as_int(), r.as_int(), &res)) overflow();
            return Value::integer(res);
        }
        if (nums) return Value::number(l.as_float() - r.as_float());
        unsupported("-", l, r);
    }
    if (op == "*") {
        if (ints) {
            if (__builtin_mul_overflow(l.as_int(), r.as_int(), &res)) overflow();
            return Value::integer(res);
        }
        if (nums) return Value::number(l.as_float() * r.as_float());
        const Value* seq = (l.is_str() || l.is_list()) && is_intlike(r)   ? &l
                           : (r.is_str() || r.is_list()) && is_intlike(l) ? &r
                                                                          : nullptr;
        if (seq) {
            const std::int64_t n = std::max<std::int64_t>(0, (seq == &l ? r : l).as_int());
            const std::size_t unit = seq->is_str() ? seq->as_str().size() : seq->as_list().size() * 64;
            if (unit > 0 && static_cast<std::uint64_t>(n) > limits_.max_output_bytes / unit + 1) check_size(SIZE_MAX);
            check_size(unit * static_cast<std::size_t>(n));
            count_bytes(unit * static_cast<std::size_t>(n));
            if (seq->is_str()) {
                std::string s;
                s.reserve(unit * static_cast<std::size_t>(n));
                for (std::int64_t i = 0; i < n; ++i) s += seq->as_str();
                return Value::string(std::move(s), seq->is_markup());
            }
            ValueList items;
            for (std::int64_t i = 0; i < n; ++i)
                items.insert(items.end(), seq->as_list().begin(), seq->as_list().end());
            return Value::list(std::move(items), seq->is_tuple());
        }
        unsupported("*", l, r);
    }
    if (op == "/") {
        if (!nums) unsupported("/", l, r);
        if (r.as_float() == 0.0) render_error("division by zero");
        return Value::number(l.as_float() / r.as_float());
    }
    if (op == "//") {
        if (!nums) unsupported("//", l, r);
        if (ints) {
            if (r.as_int() == 0) render_error("integer division or modulo by zero");
            if (l.as_int() == std::numeric_limits<std::int64_t>::min() && r.as_int() == -1) overflow();
            return Value::integer(floor_div(l.as_int(), r.as_int()));
        }
        if (r.as_float() == 0.0) render_error("float floor division by zero");
        return Value::number(std::floor(l.as_float() / r.as_float()));
    }
    if (op == "%") {
        if (l.is_str()) return Value::string(builtins::percent_format(*this, l.as_str(), r), l.is_markup());
        if (!nums) unsupported("%", l, r);
        if (ints) {
            if (r.as_int() == 0) render_error("integer division or modulo by zero");
            if (r.as_int() == -1) return Value::integer(0);
            return Value::integer(py_mod(l.as_int(), r.as_int()));
        }
        if (r.as_float() == 0.0) render_error("float modulo");
        double m = std::fmod(l.as_float(), r.as_float());
        if (m != 0.0 && ((m < 0) != (r.as_float() < 0))) m += r.as_float();
        return Value::number(m);
    }
    if (op == "**") {
        if (!nums) unsupported("** or pow()", l, r);
        if (ints && r.as_int() >= 0) {
            std::int64_t base = l.as_int(), exp = r.as_int(), acc = 1;
            while (exp > 0) {
                if (exp & 1)
                    if (__builtin_mul_overflow(acc, base, &acc)) overflow();
                exp >>= 1;
                if (exp > 0 && __builtin_mul_overflow(base, base, &base)) overflow();
            }
            return Value::integer(acc);
        }
        if (l.as_float() == 0.0 && r.as_float() < 0) render_error("0.0 cannot be raised to a negative power");
        return Value::number(std::pow(l.as_float(), r.as_float()));
    }
    render_error("unknown operator '" + op + "'");
}

bool Evaluator::compare(const std::string& op, const Value& l, const Value& r) {
    if (op == "==") return l.equals(r);
    if (op == "!=") return !l.equals(r);
    if (op == "in") return builtins::contains(*this, r, l);
    if (op == "notin") return !builtins::contains(*this, r, l);
    if (l.is_undefined()) builtins::undefined_error(l);
    if (r.is_undefined()) builtins::undefined_error(r);
    int c = 0;
    try {
        c = builtins::order(l, r);
    } catch (const TemplateError&) {
        render_error("'" + op + "' not supported between instances of '" + l.type_name() + "' and '" + r.type_name() +
                     "'");
    }
    if (op == "<") return c < 0;
    if (op == "<=") return c <= 0;
    if (op == ">") return c > 0;
    return c >= 0;
}

Value Evaluator::call(const Value& callee, CallArgs& args) {
    if (callee.is_undefined()) builtins::undefined_error(callee);
    if (!callee.is_callable()) render_error("'" + callee.type_name() + "' object is not callable");
    return callee.as_callable().call(*this, args);
}

Value Evaluator::get_attr(const Value& obj, const std::string& name) {
    if (obj.is_undefined()) builtins::undefined_error(obj);
    if (obj.is_namespace()) {
        if (const Value* v = obj.as_dict().find(name)) return *v;
        return Value::undefined("'Namespace object' has no attribute '" + name + "'");
    }
    Value m = builtins::method(obj, name);
    if (!m.is_undefined()) return m;
    if (obj.is_dict()) {
        if (const Value* v = obj.as_dict().find(name)) return *v;
    }
    return Value::undefined("'" + obj.type_name() + " object' has no attribute '" + name + "'");
}

Value Evaluator::get_item(const Value& obj, const Value& key) {
    if (obj.is_undefined()) builtins::undefined_error(obj);
    if (obj.is_dict() || obj.is_namespace()) {
        if (const Value* v = obj.as_dict().find(key)) return *v;
    } else if ((obj.is_list() || obj.is_str()) && is_intlike(key)) {
        std::int64_t i = key.as_int();
        if (obj.is_list()) {
            const auto n = static_cast<std::int64_t>(obj.as_list().size());
            if (i < 0) i += n;
            if (i >= 0 && i < n) return obj.as_list()[static_cast<std::size_t>(i)];
        } else {
            const auto cps = py::decode(obj.as_str());
            const auto n = static_cast<std::int64_t>(cps.size());
            if (i < 0) i += n;
            if (i >= 0 && i < n)
                return Value::string(py::encode(cps, static_cast<std::size_t>(i), static_cast<std::size_t>(i) + 1));
        }
        return Value::undefined("'" + obj.type_name() + " object' has no element " + std::to_string(key.as_int()));
    }
    if (key.is_str()) {
        if (obj.is_namespace()) return get_attr(obj, key.as_str());
        Value m = builtins::method(obj, key.as_str());
        if (!m.is_undefined()) return m;
        return Value::undefined("'" + obj.type_name() + " object' has no attribute '" + key.as_str() + "'");
    }
    return Value::undefined("'" + obj.type_name() + " object' has no element " + key.repr(256));
}

ValueList Evaluator::iterate(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Undefined: return {};
        case ValueKind::List: return v.as_list();
        case ValueKind::Dict: {
            ValueList keys;
            for (const auto& e : v.as_dict().entries()) keys.push_back(e.first);
            return keys;
        }
        case ValueKind::Str: {
            ValueList chars;
            for (char32_t c : py::decode(v.as_str())) {
                std::string s;
                py::append_utf8(s, c);
                chars.push_back(Value::string(std::move(s), v.is_markup()));
            }
            return chars;
        }
        default: render_error("'" + v.type_name() + "' object is not iterable");
    }
}

}  // namespace fyr::jinja
