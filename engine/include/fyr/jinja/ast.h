// The syntax tree the Parser builds and the Evaluator walks. Nodes are compact
// tagged structs: `kind` says which fields are meaningful (listed per kind below).
//
//   std::unique_ptr<const TemplateAst> ast = Parser::parse("{{ 1 + 2 }}");
//
// Thread-safe: the tree is immutable after parsing and may be shared by renders.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fyr/jinja/value.h"

namespace fyr::jinja {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Body = std::vector<StmtPtr>;

struct Expr {
    enum class Kind {
        Literal,   // value
        Name,      // name
        ListLit,   // args = items
        TupleLit,  // args = items
        DictLit,   // args = key0, value0, key1, value1, ...
        GetAttr,   // args[0] . name
        GetItem,   // args[0] [ args[1] ]
        Slice,     // args[0] [ args[1] : args[2] : args[3] ]  (absent parts are null)
        Call,      // args[0] ( args[1..], kwargs )
        Filter,    // args[0] | name ( args[1..], kwargs ); args[0] is null in {% filter %}
        Test,      // args[0] is [not] name ( args[1..] ); negated
        Neg,       // - args[0]
        Pos,       // + args[0]
        Not,       // not args[0]
        Binary,    // args[0] name args[1]; name is + - * / // % ** ~
        And,       // args[0] and args[1]
        Or,        // args[0] or args[1]
        Compare,   // args[0] ops[0] args[1] ops[1] args[2] ...; ops are == != < <= > >= in notin
        CondExpr,  // args[1] if args[0] else args[2] (args[2] may be null)
    };

    Kind kind = Kind::Literal;
    int line = 0;
    int column = 0;
    Value value;
    std::string name;
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;
    std::vector<std::string> ops;
    bool negated = false;
};

struct Stmt {
    enum class Kind {
        Text,         // text
        Print,        // {{ expr }}
        If,           // conds[i] -> bodies[i]; else_body
        For,          // for targets in expr [if filter] bodies[0] [else else_body]
        Set,          // set targets = expr, or set ns_name.attr = expr (attr non-empty)
        SetBlock,     // set targets[0] [| filter] bodies[0] endset
        Macro,        // macro name(params = defaults) bodies[0]
        CallBlock,    // call(params = defaults) expr bodies[0] endcall; expr is a Call
        FilterBlock,  // filter (chain in filter) bodies[0]
        Generation,   // generation bodies[0]
        With,         // with targets[i] = conds[i], ... bodies[0] endwith
        Break,
        Continue,
    };

    Kind kind = Kind::Text;
    int line = 0;
    int column = 0;
    std::string text;                  // Text
    ExprPtr expr;                      // Print value, For iterable, Set value
    ExprPtr filter;                    // For condition; SetBlock/FilterBlock filter chain (innermost subject null)
    std::vector<std::string> targets;  // For/Set names (several = tuple unpacking)
    std::string attr;                  // Set on a namespace: targets[0].attr
    std::vector<ExprPtr> conds;        // If conditions
    std::vector<Body> bodies;
    Body else_body;
    std::string name;                 // Macro
    std::vector<std::string> params;  // Macro
    std::vector<ExprPtr> defaults;    // Macro, aligned with params (null = required)
    bool uses_varargs = false;        // Macro body reads `varargs`: extra positional arguments
    bool uses_kwargs = false;         // Macro body reads `kwargs`: extra keyword arguments
    bool uses_caller = false;         // Macro body reads `caller`: it may be used by {% call %}
};

struct TemplateAst {
    Body body;
};

}  // namespace fyr::jinja
