// A template value with Python semantics: what jinja2 would see as a Python object.
//
//   Value v = Value::from_json(nlohmann::ordered_json::parse(R"({"a": [1, 2.5, "x"]})"));
//   v.str();   // "{'a': [1, 2.5, 'x']}"   (Python str())
//   v.truthy(); // true
//
// Values are cheap to copy: strings, lists and dicts are shared, immutable after
// construction (the sandbox forbids list/dict mutation). The one mutable kind is a
// namespace(), whose attributes `{% set ns.x = ... %}` changes in place.
// Thread-safe: a Value may be read from several threads; a namespace must not be
// written while another thread reads it (a render never shares its namespaces).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fyr::jinja {

class Dict;
struct Callable;
class Value;
using ValueList = std::vector<Value>;

enum class ValueKind : std::uint8_t {
    Undefined,
    None,
    Bool,
    Int,
    Float,
    Str,
    List,  // Python list or tuple (is_tuple())
    Dict,
    Namespace,
    Callable,  // macro, global function or bound method
};

class Value {
public:
    // Deeper nesting is refused when a list or dict is built, so that printing,
    // comparing and destroying values never recurses without bound.
    static constexpr int kMaxNesting = 512;

    Value();  // Undefined

    static Value undefined(std::string hint = {});
    static Value none();
    static Value boolean(bool b);
    static Value integer(std::int64_t i);
    static Value number(double f);
    static Value string(std::string s, bool markup = false);
    static Value list(ValueList items, bool tuple = false);
    static Value dict(Dict d);
    static Value make_namespace(Dict d);
    static Value callable(std::shared_ptr<const Callable> fn);
    static Value from_json(const nlohmann::ordered_json& j);

    ValueKind kind() const { return kind_; }
    bool is_undefined() const { return kind_ == ValueKind::Undefined; }
    bool is_none() const { return kind_ == ValueKind::None; }
    bool is_bool() const { return kind_ == ValueKind::Bool; }
    bool is_int() const { return kind_ == ValueKind::Int; }
    bool is_float() const { return kind_ == ValueKind::Float; }
    // Python numbers: bool is an int subclass.
    bool is_number() const { return is_bool() || is_int() || is_float(); }
    bool is_str() const { return kind_ == ValueKind::Str; }
    bool is_list() const { return kind_ == ValueKind::List; }
    bool is_dict() const { return kind_ == ValueKind::Dict; }
    bool is_namespace() const { return kind_ == ValueKind::Namespace; }
    bool is_callable() const { return kind_ == ValueKind::Callable; }
    bool is_markup() const { return kind_ == ValueKind::Str && flag_; }
    bool is_tuple() const { return kind_ == ValueKind::List && flag_; }

    bool as_bool() const { return b_; }
    std::int64_t as_int() const;  // bool or int
    double as_float() const;      // bool, int or float
    const std::string& as_str() const;
    const ValueList& as_list() const;
    const Dict& as_dict() const;  // Dict or Namespace
    Dict& namespace_dict() const;
    const Callable& as_callable() const;
    // Why the value is undefined, for error messages ("'x' is undefined").
    const std::string& undefined_hint() const;

    bool truthy() const;
    // Python's type name as it appears in TypeError messages.
    std::string type_name() const;
    // Python str() and repr(). max_bytes bounds the work on huge nested values.
    std::string str(std::size_t max_bytes = SIZE_MAX) const;
    std::string repr(std::size_t max_bytes = SIZE_MAX) const;
    // Python ==, deep for lists and dicts; 1 == 1.0 == True.
    bool equals(const Value& other) const;
    // Whether a namespace or a closure-carrying macro is reachable from this value.
    // Namespace attributes may not hold these, which rules out reference cycles.
    bool contains_namespace() const;
    // Python `is` for the kinds that have identity.
    bool same_as(const Value& other) const;

private:
    void append_repr(std::string& out, bool top_level_str, std::size_t max_bytes) const;

    ValueKind kind_ = ValueKind::Undefined;
    bool flag_ = false;        // markup for Str, tuple for List
    std::uint16_t depth_ = 0;  // nesting of lists/dicts, bounded by kMaxNesting
    bool b_ = false;
    std::int64_t i_ = 0;
    double f_ = 0.0;
    std::shared_ptr<const std::string> str_;  // Str; hint for Undefined
    std::shared_ptr<ValueList> list_;
    std::shared_ptr<Dict> dict_;
    std::shared_ptr<const Callable> fn_;
};

}  // namespace fyr::jinja
