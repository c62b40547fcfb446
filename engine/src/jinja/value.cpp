#include "fyr/jinja/value.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "fyr/jinja/callable.h"
#include "fyr/jinja/dict.h"
#include "fyr/jinja/template_error.h"
#include "py_text.h"

namespace fyr::jinja {

namespace {

const std::string& empty_string() {
    static const std::string empty;
    return empty;
}

[[noreturn]] void type_error(const std::string& what) {
    throw TemplateError(TemplateError::Kind::Render, what);
}

}  // namespace

Value::Value() = default;

Value Value::undefined(std::string hint) {
    Value v;
    if (!hint.empty()) v.str_ = std::make_shared<const std::string>(std::move(hint));
    return v;
}

Value Value::none() {
    Value v;
    v.kind_ = ValueKind::None;
    return v;
}

Value Value::boolean(bool b) {
    Value v;
    v.kind_ = ValueKind::Bool;
    v.b_ = b;
    v.i_ = b ? 1 : 0;
    return v;
}

Value Value::integer(std::int64_t i) {
    Value v;
    v.kind_ = ValueKind::Int;
    v.i_ = i;
    return v;
}

Value Value::number(double f) {
    Value v;
    v.kind_ = ValueKind::Float;
    v.f_ = f;
    return v;
}

Value Value::string(std::string s, bool markup) {
    Value v;
    v.kind_ = ValueKind::Str;
    v.flag_ = markup;
    v.str_ = std::make_shared<const std::string>(std::move(s));
    return v;
}

Value Value::list(ValueList items, bool tuple) {
    Value v;
    v.kind_ = ValueKind::List;
    v.flag_ = tuple;
    int depth = 0;
    for (const auto& item : items) depth = std::max<int>(depth, item.depth_);
    if (depth + 1 > kMaxNesting) {
        throw TemplateError(TemplateError::Kind::Limit,
                            "value nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
    }
    v.depth_ = static_cast<std::uint16_t>(depth + 1);
    v.list_ = std::make_shared<ValueList>(std::move(items));
    return v;
}

Value Value::dict(Dict d) {
    Value v;
    v.kind_ = ValueKind::Dict;
    int depth = 0;
    for (const auto& e : d.entries()) depth = std::max<int>(depth, std::max(e.first.depth_, e.second.depth_));
    if (depth + 1 > kMaxNesting) {
        throw TemplateError(TemplateError::Kind::Limit,
                            "value nested too deeply (more than " + std::to_string(kMaxNesting) + " levels)");
    }
    v.depth_ = static_cast<std::uint16_t>(depth + 1);
    v.dict_ = std::make_shared<Dict>(std::move(d));
    return v;
}

Value Value::make_namespace(Dict d) {
    Value v = dict(std::move(d));
    v.kind_ = ValueKind::Namespace;
    return v;
}

Value Value::callable(std::shared_ptr<const Callable> fn) {
    Value v;
    v.kind_ = ValueKind::Callable;
    v.fn_ = std::move(fn);
    return v;
}

Value Value::from_json(const nlohmann::ordered_json& j) {
    switch (j.type()) {
        case nlohmann::ordered_json::value_t::null: return none();
        case nlohmann::ordered_json::value_t::boolean: return boolean(j.get<bool>());
        case nlohmann::ordered_json::value_t::number_integer: return integer(j.get<std::int64_t>());
        case nlohmann::ordered_json::value_t::number_unsigned: {
            const auto u = j.get<std::uint64_t>();
            if (u > static_cast<std::uint64_t>(INT64_MAX)) return number(static_cast<double>(u));
            return integer(static_cast<std::int64_t>(u));
        }
        case nlohmann::ordered_json::value_t::number_float: return number(j.get<double>());
        case nlohmann::ordered_json::value_t::string: return string(j.get<std::string>());
        case nlohmann::ordered_json::value_t::array: {
            ValueList items;
            items.reserve(j.size());
            for (const auto& e : j) items.push_back(from_json(e));
            return list(std::move(items));
        }
        case nlohmann::ordered_json::value_t::object: {
            Dict d;
            for (auto it = j.begin(); it != j.end(); ++it) d.set(string(it.key()), from_json(it.value()));
            return dict(std::move(d));
        }
        case nlohmann::ordered_json::value_t::binary:
        case nlohmann::ordered_json::value_t::discarded: break;
    }
    return none();
}

std::int64_t Value::as_int() const {
    return kind_ == ValueKind::Float ? static_cast<std::int64_t>(f_) : i_;
}

double Value::as_float() const {
    return kind_ == ValueKind::Float ? f_ : static_cast<double>(i_);
}

const std::string& Value::as_str() const {
    if (kind_ != ValueKind::Str || !str_) return empty_string();
    return *str_;
}

const ValueList& Value::as_list() const {
    static const ValueList empty;
    return list_ ? *list_ : empty;
}

const Dict& Value::as_dict() const {
    static const Dict empty;
    return dict_ ? *dict_ : empty;
}

Dict& Value::namespace_dict() const {
    if (kind_ != ValueKind::Namespace || !dict_) type_error("cannot assign attributes on a non-namespace object");
    return *dict_;
}

const Callable& Value::as_callable() const {
    if (!fn_) type_error("'" + type_name() + "' object is not callable");
    return *fn_;
}

const std::string& Value::undefined_hint() const {
    if (kind_ == ValueKind::Undefined && str_) return *str_;
    return empty_string();
}

bool Value::truthy() const {
    switch (kind_) {
        case ValueKind::Undefined:
        case ValueKind::None: return false;
        case ValueKind::Bool: return b_;
        case ValueKind::Int: return i_ != 0;
        case ValueKind::Float: return f_ != 0.0;
        case ValueKind::Str: return !as_str().empty();
        case ValueKind::List: return !as_list().empty();
        case ValueKind::Dict: return !as_dict().empty();
        case ValueKind::Namespace:
        case ValueKind::Callable: return true;
    }
    return false;
}

std::string Value::type_name() const {
    switch (kind_) {
        case ValueKind::Undefined: return "Undefined";
        case ValueKind::None: return "NoneType";
        case ValueKind::Bool: return "bool";
        case ValueKind::Int: return "int";
        case ValueKind::Float: return "float";
        case ValueKind::Str: return flag_ ? "Markup" : "str";
        case ValueKind::List: return flag_ ? "tuple" : "list";
        case ValueKind::Dict: return "dict";
        case ValueKind::Namespace: return "Namespace";
        case ValueKind::Callable: return fn_ ? fn_->type : "function";
    }
    return "object";
}

std::string Value::str(std::size_t max_bytes) const {
    switch (kind_) {
        case ValueKind::Undefined: return {};
        case ValueKind::Str: return as_str();
        default: {
            std::string out;
            append_repr(out, false, max_bytes);
            return out;
        }
    }
}

std::string Value::repr(std::size_t max_bytes) const {
    std::string out;
    append_repr(out, true, max_bytes);
    return out;
}

void Value::append_repr(std::string& out, bool quote_str, std::size_t max_bytes) const {
    if (out.size() > max_bytes) {
        throw TemplateError(TemplateError::Kind::Limit,
                            "value too large to print (more than " + std::to_string(max_bytes) + " bytes)");
    }
    switch (kind_) {
        case ValueKind::Undefined:
            if (quote_str) out += "Undefined";  // str(Undefined) is "", repr() inside a list is not
            break;
        case ValueKind::None: out += "None"; break;
        case ValueKind::Bool: out += b_ ? "True" : "False"; break;
        case ValueKind::Int: out += std::to_string(i_); break;
        case ValueKind::Float: out += py::repr_float(f_); break;
        case ValueKind::Str:
            if (!quote_str)
                out += as_str();
            else if (flag_)
                out += "Markup(" + py::repr_str(as_str()) + ")";
            else
                out += py::repr_str(as_str());
            break;
        case ValueKind::List: {
            out += flag_ ? '(' : '[';
            const auto& items = as_list();
            for (std::size_t k = 0; k < items.size(); ++k) {
                if (k) out += ", ";
                items[k].append_repr(out, true, max_bytes);
            }
            if (flag_ && items.size() == 1) out += ',';
            out += flag_ ? ')' : ']';
            break;
        }
        case ValueKind::Dict:
        case ValueKind::Namespace: {
            if (kind_ == ValueKind::Namespace) out += "<Namespace ";
            out += '{';
            bool first = true;
            for (const auto& e : as_dict().entries()) {
                if (!first) out += ", ";
                first = false;
                e.first.append_repr(out, true, max_bytes);
                out += ": ";
                e.second.append_repr(out, true, max_bytes);
            }
            out += '}';
            if (kind_ == ValueKind::Namespace) out += '>';
            break;
        }
        case ValueKind::Callable:
            out += '<';
            out += type_name();
            out += ' ';
            if (fn_) out += fn_->name;
            out += '>';
            break;
    }
}

bool Value::equals(const Value& other) const {
    if (is_number() && other.is_number()) {
        if (is_float() || other.is_float()) return as_float() == other.as_float();
        return i_ == other.i_;
    }
    if (kind_ != other.kind_) return false;
    switch (kind_) {
        case ValueKind::Undefined:
        case ValueKind::None: return true;
        case ValueKind::Str: return as_str() == other.as_str();
        case ValueKind::List: {
            if (flag_ != other.flag_) return false;  // [1] != (1,)
            const auto& a = as_list();
            const auto& b = other.as_list();
            if (a.size() != b.size()) return false;
            for (std::size_t k = 0; k < a.size(); ++k)
                if (!a[k].equals(b[k])) return false;
            return true;
        }
        case ValueKind::Dict: {
            const auto& a = as_dict();
            const auto& b = other.as_dict();
            if (a.size() != b.size()) return false;
            for (const auto& e : a.entries()) {
                const Value* o = b.find(e.first);
                if (!o || !e.second.equals(*o)) return false;
            }
            return true;
        }
        case ValueKind::Namespace: return dict_ == other.dict_;
        case ValueKind::Callable: return fn_ == other.fn_;
        default: return false;
    }
}

bool Value::contains_namespace() const {
    std::vector<const Value*> stack{this};
    std::unordered_set<const void*> seen;
    while (!stack.empty()) {
        const Value* v = stack.back();
        stack.pop_back();
        if (v->kind_ == ValueKind::Namespace) return true;
        if (v->kind_ == ValueKind::Callable && v->fn_ && v->fn_->has_closure) return true;
        const void* id = v->kind_ == ValueKind::List ? static_cast<const void*>(v->list_.get())
                                                     : static_cast<const void*>(v->dict_.get());
        if (v->kind_ != ValueKind::List && v->kind_ != ValueKind::Dict) continue;
        if (!seen.insert(id).second) continue;
        if (v->kind_ == ValueKind::List) {
            for (const auto& item : v->as_list()) stack.push_back(&item);
        } else {
            for (const auto& e : v->as_dict().entries()) {
                stack.push_back(&e.first);
                stack.push_back(&e.second);
            }
        }
    }
    return false;
}

bool Value::same_as(const Value& other) const {
    if (kind_ != other.kind_) return false;
    switch (kind_) {
        case ValueKind::Undefined:
        case ValueKind::None: return true;
        case ValueKind::Bool: return b_ == other.b_;
        case ValueKind::Int: return i_ == other.i_;  // small ints are shared in CPython
        case ValueKind::Float: return f_ == other.f_;
        case ValueKind::Str: return str_ == other.str_;
        case ValueKind::List: return list_ == other.list_;
        case ValueKind::Dict:
        case ValueKind::Namespace: return dict_ == other.dict_;
        case ValueKind::Callable: return fn_ == other.fn_;
    }
    return false;
}

}  // namespace fyr::jinja
