// Something a template can call: a global function (range, namespace, ...), a bound
// method ("abc".upper) or a macro.
//
//   auto fn = std::make_shared<Callable>();
//   fn->name = "double";
//   fn->call = [](Evaluator&, CallArgs& a) { return Value::integer(a.positional.at(0).as_int() * 2); };
//   Value v = Value::callable(fn);
//
// Thread-safe as far as the wrapped function is; the engine's own callables only
// touch the Evaluator they are given.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "fyr/jinja/value.h"

namespace fyr::jinja {

class Evaluator;

struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keyword;

    // Python-style binding of positional/keyword arguments to named parameters:
    // returns the argument for parameter `index` called `name`, or nullptr.
    const Value* get(std::size_t index, const char* name) const;
    // Throws a TypeError-like error for arguments that match none of `names`.
    void check(const char* function, std::initializer_list<const char*> names) const;
};

struct Callable {
    std::string name;
    // Python's kind of callable, for repr and errors: "builtin_function_or_method", "macro".
    std::string type = "builtin_function_or_method";
    std::function<Value(Evaluator&, CallArgs&)> call;
    // A macro defined inside a loop or macro keeps the local variables it saw; such
    // a callable may not be stored in a namespace (that could form a reference cycle).
    bool has_closure = false;
};

}  // namespace fyr::jinja
