// The jinja2 filters, tests, global functions and Python methods (str, dict, list)
// the engine supports. Internal to the Jinja engine.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fyr/jinja/callable.h"
#include "fyr/jinja/value.h"

namespace fyr::jinja {
class Evaluator;
}

namespace fyr::jinja::builtins {

bool has_filter(std::string_view name);
bool has_test(std::string_view name);

Value filter(Evaluator& ev, const std::string& name, const Value& subject, CallArgs& args);
bool test(Evaluator& ev, const std::string& name, const Value& subject, CallArgs& args);

// A bound method of `self` (e.g. "abc".upper, d.items), or Undefined when the
// Python type has no such attribute.
Value method(const Value& self, const std::string& name);

// Python `needle in haystack`.
bool contains(Evaluator& ev, const Value& haystack, const Value& needle);
// Python `a < b` (TypeError for unordered kinds); returns -1, 0 or 1.
int order(const Value& a, const Value& b, bool case_insensitive = false);
// Python's printf-style `format % args`.
std::string percent_format(Evaluator& ev, const std::string& format, const Value& args);

struct JsonOptions {
    bool ensure_ascii = false;
    bool pretty = false;  // indent given
    std::string indent;   // per level, when pretty
    std::string item_separator = ", ";
    std::string key_separator = ": ";
    bool sort_keys = false;
};
// json.dumps(v, ...) exactly as Python writes it.
std::string to_json(Evaluator& ev, const Value& v, const JsonOptions& options);

// range, namespace, dict, joiner, raise_exception, strftime_now.
std::vector<std::pair<std::string, Value>> globals();

[[noreturn]] void undefined_error(const Value& undefined);

}  // namespace fyr::jinja::builtins
