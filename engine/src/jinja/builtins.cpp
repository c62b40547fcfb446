#include "builtins.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <unordered_set>

#include "fyr/jinja/dict.h"
#include "fyr/jinja/evaluator.h"
#include "fyr/jinja/template_error.h"
#include "py_text.h"

namespace fyr::jinja::builtins {

namespace {

[[noreturn]] void fail(const std::string& message) {
    throw TemplateError(TemplateError::Kind::Render, message);
}

Value str_value(std::string s) {
    return Value::string(std::move(s));
}

bool is_intlike(const Value& v) {
    return v.is_int() || v.is_bool();
}

// jinja2's soft_str: strings (and Markup) stay as they are, everything else goes through str().
std::string soft_str(Evaluator& ev, const Value& v) {
    return v.is_str() ? v.as_str() : ev.to_str(v);
}

Value arg_or(const CallArgs& a, std::size_t i, const char* name, const Value& fallback) {
    const Value* v = a.get(i, name);
    return v ? *v : fallback;
}

std::int64_t int_arg(const CallArgs& a, std::size_t i, const char* name, std::int64_t fallback) {
    const Value* v = a.get(i, name);
    if (!v || v->is_none()) return fallback;
    if (!is_intlike(*v)) fail(std::string("argument '") + name + "' must be an integer, not " + v->type_name());
    return v->as_int();
}

bool bool_arg(const CallArgs& a, std::size_t i, const char* name, bool fallback) {
    const Value* v = a.get(i, name);
    return v ? v->truthy() : fallback;
}

std::string str_arg(Evaluator& ev, const CallArgs& a, std::size_t i, const char* name, const std::string& fallback) {
    const Value* v = a.get(i, name);
    if (!v) return fallback;
    return soft_str(ev, *v);
}

std::string need_str(const Value& v, const char* what) {
    if (!v.is_str()) fail(std::string(what) + " must be str, not " + v.type_name());
    return v.as_str();
}

std::int64_t length_of(const Value& v) {
    switch (v.kind()) {
        case ValueKind::Undefined: return 0;
        case ValueKind::Str: return static_cast<std::int64_t>(py::length(v.as_str()));
        case ValueKind::List: return static_cast<std::int64_t>(v.as_list().size());
        case ValueKind::Dict:
        case ValueKind::Namespace: return static_cast<std::int64_t>(v.as_dict().size());
        default: fail("object of type '" + v.type_name() + "' has no len()");
    }
}

// jinja2's make_attrgetter: "a.b.0" looks up item-then-attribute per part.
Value attr_path(Evaluator& ev, const Value& item, const std::string& path) {
    Value cur = item;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = path.find('.', start);
        const std::string part = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        Value key = str_value(part);
        if (!part.empty() && std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
            part.size() < 18) {
            key = Value::integer(std::strtoll(part.c_str(), nullptr, 10));
        }
        cur = ev.get_item(cur, key);
        if (dot == std::string::npos) return cur;
        start = dot + 1;
    }
}

// Python's ordering key used by sort/dictsort/min/max with case_sensitive=False.
Value fold_case(const Value& v, bool case_sensitive) {
    if (!case_sensitive && v.is_str()) return str_value(py::lower(v.as_str()));
    return v;
}

std::vector<std::string> splitlines(const std::string& s) {
    std::vector<std::string> lines;
    const auto cps = py::decode(s);
    std::string cur;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        const bool brk = c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E ||
                         c == 0x85 || c == 0x2028 || c == 0x2029;
        if (!brk) {
            py::append_utf8(cur, c);
            continue;
        }
        if (c == '\r' && i + 1 < cps.size() && cps[i + 1] == '\n') ++i;
        lines.push_back(cur);
        cur.clear();
    }
    if (!cur.empty()) lines.push_back(cur);
    return lines;
}

double python_round(double x, std::int64_t ndigits) {
    if (!std::isfinite(x)) return x;
    if (ndigits > 300) return x;
    if (ndigits < -300) return 0.0;
    if (ndigits >= 0) {
        // printf rounds the exact binary value half-to-even, which is what Python's
        // correctly rounded round() does (round(2.675, 2) == 2.67).
        char buf[1024];
        std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(ndigits), x);
        return std::strtod(buf, nullptr);
    }
    const double scale = std::pow(10.0, static_cast<double>(std::llabs(ndigits)));
    const double y = ndigits >= 0 ? x * scale : x / scale;
    double r = std::nearbyint(y);  // round-half-even, like Python
    if (std::fabs(y - std::trunc(y)) != 0.5) r = std::round(y);
    return ndigits >= 0 ? r / scale : r * scale;
}

// --- filters ---------------------------------------------------------------------

using FilterFn = std::function<Value(Evaluator&, const Value&, CallArgs&)>;

Value select_impl(Evaluator& ev, const Value& seq, CallArgs& args, bool attr_mode, bool keep) {
    std::size_t next = 0;
    std::string attribute;
    if (attr_mode) {
        if (args.positional.empty()) fail("selectattr/rejectattr need an attribute name");
        attribute = need_str(args.positional[0], "attribute");
        next = 1;
    }
    std::string test_name;
    CallArgs test_args;
    if (args.positional.size() > next) {
        test_name = need_str(args.positional[next], "test name");
        if (!has_test(test_name)) fail("no test named '" + test_name + "'");
        test_args.positional.assign(args.positional.begin() + static_cast<std::ptrdiff_t>(next) + 1,
                                    args.positional.end());
        test_args.keyword = args.keyword;
    }
    ValueList out;
    if (!seq.truthy()) return Value::list({});  // jinja2 treats a falsy sequence (None) as empty
    for (const auto& item : ev.iterate(seq)) {
        ev.count_iterations(1);
        const Value subject = attr_mode ? attr_path(ev, item, attribute) : item;
        bool ok = test_name.empty() ? subject.truthy() : test(ev, test_name, subject, test_args);
        if (ok == keep) out.push_back(item);
    }
    return Value::list(std::move(out));
}

std::string json_dump(Evaluator& ev, const Value& v, const JsonOptions& o, int level) {
    switch (v.kind()) {
        case ValueKind::None: return "null";
        case ValueKind::Bool: return v.as_bool() ? "true" : "false";
        case ValueKind::Int: return std::to_string(v.as_int());
        case ValueKind::Float: {
            const double f = v.as_float();
            if (std::isnan(f)) return "NaN";
            if (std::isinf(f)) return f < 0 ? "-Infinity" : "Infinity";
            return py::repr_float(f);
        }
        case ValueKind::Str: return py::json_quote(v.as_str(), o.ensure_ascii);
        case ValueKind::List: {
            const auto& items = v.as_list();
            if (items.empty()) return "[]";
            std::string out = "[";
            std::string nl;
            if (o.pretty) {
                nl = "\n";
                for (int i = 0; i <= level; ++i) nl += o.indent;
                out += nl;
            }
            for (std::size_t i = 0; i < items.size(); ++i) {
                if (i) out += o.item_separator + nl;
                out += json_dump(ev, items[i], o, level + 1);
                ev.check_size(out.size());
            }
            if (o.pretty) {
                out += "\n";
                for (int i = 0; i < level; ++i) out += o.indent;
            }
            return out + "]";
        }
        case ValueKind::Dict: {
            std::vector<const Dict::Entry*> entries;
            for (const auto& e : v.as_dict().entries()) entries.push_back(&e);
            if (entries.empty()) return "{}";
            const auto key_text = [](const Value& k) -> std::string {
                switch (k.kind()) {
                    case ValueKind::Str: return k.as_str();
                    case ValueKind::None: return "null";
                    case ValueKind::Bool: return k.as_bool() ? "true" : "false";
                    case ValueKind::Int: return std::to_string(k.as_int());
                    case ValueKind::Float: return py::repr_float(k.as_float());
                    default: fail("keys must be str, int, float, bool or None, not " + k.type_name());
                }
            };
            if (o.sort_keys) {
                std::stable_sort(entries.begin(), entries.end(), [](const Dict::Entry* a, const Dict::Entry* b) {
                    return order(a->first, b->first) < 0;
                });
            }
            std::string out = "{";
            std::string nl;
            if (o.pretty) {
                nl = "\n";
                for (int i = 0; i <= level; ++i) nl += o.indent;
                out += nl;
            }
            bool first = true;
            for (const auto* e : entries) {
                if (!first) out += o.item_separator + nl;
                first = false;
                out += py::json_quote(key_text(e->first), o.ensure_ascii);
                out += o.key_separator;
                out += json_dump(ev, e->second, o, level + 1);
                ev.check_size(out.size());
            }
            if (o.pretty) {
                out += "\n";
                for (int i = 0; i < level; ++i) out += o.indent;
            }
            return out + "}";
        }
        default: fail("Object of type " + v.type_name() + " is not JSON serializable");
    }
}

Value do_tojson(Evaluator& ev, const Value& v, CallArgs& a) {
    a.check("tojson", {"ensure_ascii", "indent", "separators", "sort_keys"});
    JsonOptions o;
    o.ensure_ascii = bool_arg(a, 0, "ensure_ascii", false);
    const Value* indent = a.get(1, "indent");
    if (indent && !indent->is_none()) {
        o.pretty = true;
        o.item_separator = ",";
        if (indent->is_str()) {
            o.indent = indent->as_str();
        } else if (is_intlike(*indent)) {
            const std::int64_t n = indent->as_int();
            if (n > 64) fail("tojson indent too large");
            o.indent = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, n)), ' ');
        } else {
            fail("tojson indent must be an int or str, not " + indent->type_name());
        }
    }
    const Value* seps = a.get(2, "separators");
    if (seps && !seps->is_none()) {
        if (!seps->is_list() || seps->as_list().size() != 2 || !seps->as_list()[0].is_str() ||
            !seps->as_list()[1].is_str()) {
            fail("tojson separators must be a pair of strings");
        }
        o.item_separator = seps->as_list()[0].as_str();
        o.key_separator = seps->as_list()[1].as_str();
    }
    o.sort_keys = bool_arg(a, 3, "sort_keys", false);
    return str_value(to_json(ev, v, o));
}

Value do_indent(Evaluator& ev, const Value& v, CallArgs& a) {
    a.check("indent", {"width", "first", "blank"});
    const Value* w = a.get(0, "width");
    std::string ind;
    if (w && w->is_str())
        ind = w->as_str();
    else {
        const std::int64_t n = int_arg(a, 0, "width", 4);
        if (n > 1000) fail("indent width too large");
        ind = std::string(static_cast<std::size_t>(std::max<std::int64_t>(0, n)), ' ');
    }
    const bool first = bool_arg(a, 1, "first", false);
    const bool blank = bool_arg(a, 2, "blank", false);
    if (!v.is_str()) fail("unsupported operand type(s) for +=: '" + v.type_name() + "' and 'str'");
    std::string s = v.as_str() + "\n";
    const auto lines = splitlines(s);
    std::string rv;
    if (blank) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) rv += "\n" + ind;
            rv += lines[i];
        }
    } else if (!lines.empty()) {
        rv = lines[0];
        for (std::size_t i = 1; i < lines.size(); ++i) {
            rv += "\n";
            if (!lines[i].empty()) rv += ind;
            rv += lines[i];
        }
    }
    if (first) rv = ind + rv;
    ev.check_size(rv.size());
    return Value::string(std::move(rv), v.is_markup());
}

Value do_map(Evaluator& ev, const Value& seq, CallArgs& a) {
    ValueList out;
    if (!seq.truthy()) return Value::list({});  // jinja2 treats a falsy sequence (None) as empty
    const Value* attribute = nullptr;
    const Value* dflt = nullptr;
    for (const auto& kw : a.keyword) {
        if (kw.first == "attribute")
            attribute = &kw.second;
        else if (kw.first == "default")
            dflt = &kw.second;
    }
    if (attribute && a.positional.empty()) {
        const std::string path = soft_str(ev, *attribute);
        for (const auto& item : ev.iterate(seq)) {
            ev.count_iterations(1);
            Value v = attr_path(ev, item, path);
            if (v.is_undefined() && dflt) v = *dflt;
            out.push_back(v);
        }
        return Value::list(std::move(out));
    }
    if (a.positional.empty()) fail("map() needs a filter name or attribute=");
    const std::string name = need_str(a.positional[0], "filter name");
    if (!has_filter(name)) fail("no filter named '" + name + "'");
    CallArgs rest;
    rest.positional.assign(a.positional.begin() + 1, a.positional.end());
    rest.keyword = a.keyword;
    for (const auto& item : ev.iterate(seq)) {
        ev.count_iterations(1);
        CallArgs copy = rest;
        out.push_back(filter(ev, name, item, copy));
    }
    return Value::list(std::move(out));
}

Value do_sort(Evaluator& ev, const Value& v, CallArgs& a) {
    a.check("sort", {"reverse", "case_sensitive", "attribute"});
    const bool reverse = bool_arg(a, 0, "reverse", false);
    const bool cs = bool_arg(a, 1, "case_sensitive", false);
    const Value* attr = a.get(2, "attribute");
    ValueList items = ev.iterate(v);
    std::vector<std::pair<Value, Value>> keyed;
    for (auto& item : items) {
        Value key = attr && !attr->is_none() ? attr_path(ev, item, soft_str(ev, *attr)) : item;
        keyed.emplace_back(fold_case(key, cs), item);
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& x, const auto& y) {
        return reverse ? order(y.first, x.first) < 0 : order(x.first, y.first) < 0;
    });
    ValueList out;
    for (auto& k : keyed) out.push_back(k.second);
    return Value::list(std::move(out));
}

Value do_minmax(Evaluator& ev, const Value& v, CallArgs& a, bool want_max) {
    a.check(want_max ? "max" : "min", {"case_sensitive", "attribute"});
    const bool cs = bool_arg(a, 0, "case_sensitive", false);
    const Value* attr = a.get(1, "attribute");
    const ValueList items = ev.iterate(v);
    if (items.empty()) return Value::undefined("No aggregated item, sequence was empty.");
    std::size_t best = 0;
    Value best_key;
    for (std::size_t i = 0; i < items.size(); ++i) {
        Value key = fold_case(attr && !attr->is_none() ? attr_path(ev, items[i], soft_str(ev, *attr)) : items[i], cs);
        if (i == 0 || (want_max ? order(key, best_key) > 0 : order(key, best_key) < 0)) {
            best = i;
            best_key = key;
        }
    }
    return items[best];
}

Value to_int(Evaluator& ev, const Value& v, const Value& dflt, std::int64_t base) {
    if (v.is_undefined()) undefined_error(v);
    if (is_intlike(v)) return Value::integer(v.as_int());
    if (v.is_float()) {
        if (!std::isfinite(v.as_float()) || std::fabs(v.as_float()) > 9.2e18) return dflt;
        return Value::integer(static_cast<std::int64_t>(v.as_float()));
    }
    if (v.is_str()) {
        std::string s = py::strip(v.as_str(), true, true);
        s.erase(std::remove(s.begin(), s.end(), '_'), s.end());
        if (s.empty()) return dflt;
        char* end = nullptr;
        errno = 0;
        const long long i = std::strtoll(s.c_str(), &end, static_cast<int>(base));
        if (end && *end == '\0' && errno == 0) return Value::integer(i);
        end = nullptr;
        const double f = std::strtod(s.c_str(), &end);
        if (end && *end == '\0' && std::isfinite(f) && std::fabs(f) < 9.2e18)
            return Value::integer(static_cast<std::int64_t>(f));
    }
    (void)ev;
    return dflt;
}

Value to_float(const Value& v, const Value& dflt) {
    if (v.is_undefined()) undefined_error(v);
    if (v.is_number()) return Value::number(v.as_float());
    if (v.is_str()) {
        const std::string s = py::strip(v.as_str(), true, true);
        if (s.empty()) return dflt;
        char* end = nullptr;
        const double f = std::strtod(s.c_str(), &end);
        if (end && *end == '\0') return Value::number(f);
    }
    return dflt;
}

std::string striptags(const std::string& s) {
    std::string out;
    std::size_t i = 0;
    while (i < s.size()) {
        if (s.compare(i, 4, "<!--") == 0) {
            const std::size_t e = s.find("-->", i + 4);
            if (e != std::string::npos) {
                i = e + 3;
                continue;
            }
        }
        if (s[i] == '<') {
            const std::size_t e = s.find('>', i + 1);
            if (e != std::string::npos) {
                i = e + 1;
                continue;
            }
        }
        out += s[i++];
    }
    std::string joined;
    for (const auto& w : py::split_whitespace(out, -1, false)) {
        if (!joined.empty()) joined += ' ';
        joined += w;
    }
    static const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"},    {"&gt;", ">"},  {"&#34;", "\""},
                                                                   {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& e : entities) joined = py::replace(joined, e.first, e.second, -1);
    return joined;
}

const std::map<std::string, FilterFn, std::less<>>& filter_table() {
    static const std::map<std::string, FilterFn, std::less<>> table = [] {
        std::map<std::string, FilterFn, std::less<>> t;
        t["abs"] = [](Evaluator&, const Value& v, CallArgs&) {
            if (is_intlike(v)) {
                if (v.as_int() == INT64_MIN) fail("integer overflow");
                return Value::integer(std::llabs(v.as_int()));
            }
            if (v.is_float()) return Value::number(std::fabs(v.as_float()));
            fail("bad operand type for abs(): '" + v.type_name() + "'");
        };
        t["attr"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("attr", {"name"});
            return ev.get_attr(v, need_str(arg_or(a, 0, "name", Value()), "attribute name"));
        };
        t["batch"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("batch", {"linecount", "fill_with"});
            const std::int64_t n = int_arg(a, 0, "linecount", 1);
            if (n <= 0) fail("batch size must be positive");
            const Value* fill = a.get(1, "fill_with");
            ValueList out, cur;
            for (const auto& item : ev.iterate(v)) {
                cur.push_back(item);
                if (static_cast<std::int64_t>(cur.size()) == n) {
                    out.push_back(Value::list(std::move(cur)));
                    cur.clear();
                }
            }
            if (!cur.empty()) {
                if (fill && !fill->is_none())
                    while (static_cast<std::int64_t>(cur.size()) < n) cur.push_back(*fill);
                out.push_back(Value::list(std::move(cur)));
            }
            return Value::list(std::move(out));
        };
        t["capitalize"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            return Value::string(py::capitalize(soft_str(ev, v)), v.is_markup());
        };
        t["center"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("center", {"width"});
            const std::string s = soft_str(ev, v);
            const std::int64_t width = std::min<std::int64_t>(int_arg(a, 0, "width", 80), 100000);
            const auto len = static_cast<std::int64_t>(py::length(s));
            if (width <= len) return str_value(s);
            const std::int64_t total = width - len;
            const std::int64_t left = total / 2 + (total & width & 1);
            return str_value(std::string(static_cast<std::size_t>(left), ' ') + s +
                             std::string(static_cast<std::size_t>(total - left), ' '));
        };
        t["default"] = [](Evaluator&, const Value& v, CallArgs& a) {
            a.check("default", {"default_value", "boolean"});
            const bool boolean = bool_arg(a, 1, "boolean", false);
            if (v.is_undefined() || (boolean && !v.truthy())) return arg_or(a, 0, "default_value", str_value(""));
            return v;
        };
        t["d"] = t["default"];
        t["dictsort"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("dictsort", {"case_sensitive", "by", "reverse"});
            if (!v.is_dict()) fail("dictsort: expected a mapping, got " + v.type_name());
            const bool cs = bool_arg(a, 0, "case_sensitive", false);
            const std::string by = str_arg(ev, a, 1, "by", "key");
            if (by != "key" && by != "value") fail("You can only sort by either 'key' or 'value'");
            const bool reverse = bool_arg(a, 2, "reverse", false);
            std::vector<Dict::Entry> entries = v.as_dict().entries();
            const std::size_t pos = by == "key" ? 0 : 1;
            std::stable_sort(entries.begin(), entries.end(), [&](const Dict::Entry& x, const Dict::Entry& y) {
                const Value kx = fold_case(pos == 0 ? x.first : x.second, cs);
                const Value ky = fold_case(pos == 0 ? y.first : y.second, cs);
                return reverse ? order(ky, kx) < 0 : order(kx, ky) < 0;
            });
            ValueList out;
            for (auto& e : entries) out.push_back(Value::list({e.first, e.second}, true));
            return Value::list(std::move(out));
        };
        t["escape"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            if (v.is_markup()) return v;
            return Value::string(py::html_escape(soft_str(ev, v)), true);
        };
        t["e"] = t["escape"];
        t["forceescape"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            return Value::string(py::html_escape(soft_str(ev, v)), true);
        };
        t["first"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            const ValueList items = ev.iterate(v);
            if (items.empty()) return Value::undefined("No first item, sequence was empty.");
            return items.front();
        };
        t["last"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            const ValueList items = ev.iterate(v);
            if (items.empty()) return Value::undefined("No last item, sequence was empty.");
            return items.back();
        };
        t["float"] = [](Evaluator&, const Value& v, CallArgs& a) {
            a.check("float", {"default"});
            return to_float(v, arg_or(a, 0, "default", Value::number(0.0)));
        };
        t["int"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("int", {"default", "base"});
            const std::int64_t base = int_arg(a, 1, "base", 10);
            if (base != 0 && (base < 2 || base > 36)) fail("int() base must be >= 2 and <= 36, or 0");
            return to_int(ev, v, arg_or(a, 0, "default", Value::integer(0)), base);
        };
        t["format"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            if (!a.keyword.empty()) {
                if (!a.positional.empty()) fail("can't handle positional and keyword arguments at the same time");
                Dict d;
                for (auto& kw : a.keyword) d.set(str_value(kw.first), kw.second);
                return str_value(percent_format(ev, soft_str(ev, v), Value::dict(std::move(d))));
            }
            return str_value(percent_format(ev, soft_str(ev, v), Value::list(a.positional, true)));
        };
        t["indent"] = do_indent;
        t["items"] = [](Evaluator&, const Value& v, CallArgs&) {
            if (v.is_undefined()) return Value::list({});
            if (!v.is_dict()) fail("Can only get item pairs from a mapping.");
            ValueList out;
            for (const auto& e : v.as_dict().entries()) out.push_back(Value::list({e.first, e.second}, true));
            return Value::list(std::move(out));
        };
        t["join"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("join", {"d", "attribute"});
            const std::string sep = str_arg(ev, a, 0, "d", "");
            const Value* attr = a.get(1, "attribute");
            std::string out;
            bool first = true;
            for (const auto& item : ev.iterate(v)) {
                if (!first) out += sep;
                first = false;
                out += soft_str(ev, attr && !attr->is_none() ? attr_path(ev, item, soft_str(ev, *attr)) : item);
                ev.check_size(out.size());
            }
            return str_value(std::move(out));
        };
        t["length"] = [](Evaluator&, const Value& v, CallArgs&) { return Value::integer(length_of(v)); };
        t["count"] = t["length"];
        t["list"] = [](Evaluator& ev, const Value& v, CallArgs&) { return Value::list(ev.iterate(v)); };
        t["lower"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            return Value::string(py::lower(soft_str(ev, v)), v.is_markup());
        };
        t["upper"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            return Value::string(py::upper(soft_str(ev, v)), v.is_markup());
        };
        t["title"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            // jinja2's title: words start after whitespace, '-', '(', '{', '[' or '<';
            // each word gets its first character upper-cased and the rest lower-cased.
            const auto cps = py::decode(soft_str(ev, v));
            std::string out;
            bool word_start = true;
            for (char32_t c : cps) {
                const bool sep = py::is_space(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<';
                std::string ch;
                py::append_utf8(ch, c);
                if (sep)
                    out += ch;
                else
                    out += word_start ? py::upper(ch) : py::lower(ch);
                word_start = sep;
            }
            return Value::string(std::move(out), v.is_markup());
        };
        t["map"] = do_map;
        t["max"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return do_minmax(ev, v, a, true); };
        t["min"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return do_minmax(ev, v, a, false); };
        t["select"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return select_impl(ev, v, a, false, true); };
        t["reject"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return select_impl(ev, v, a, false, false); };
        t["selectattr"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return select_impl(ev, v, a, true, true); };
        t["rejectattr"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return select_impl(ev, v, a, true, false); };
        t["replace"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("replace", {"old", "new", "count"});
            const Value* o = a.get(0, "old");
            const Value* n = a.get(1, "new");
            if (!o || !n) fail("replace() needs the old and the new text");
            std::string out =
                py::replace(soft_str(ev, v), soft_str(ev, *o), soft_str(ev, *n), int_arg(a, 2, "count", -1));
            ev.check_size(out.size());
            return Value::string(std::move(out), v.is_markup());
        };
        t["reverse"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            if (v.is_str()) {
                auto cps = py::decode(v.as_str());
                std::reverse(cps.begin(), cps.end());
                return Value::string(py::encode(cps), v.is_markup());
            }
            ValueList items = ev.iterate(v);
            std::reverse(items.begin(), items.end());
            return Value::list(std::move(items));
        };
        t["round"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("round", {"precision", "method"});
            const std::int64_t precision = int_arg(a, 0, "precision", 0);
            const std::string method = str_arg(ev, a, 1, "method", "common");
            if (!v.is_number()) fail("round: expected a number, got " + v.type_name());
            if (method == "common") {
                if (is_intlike(v)) return Value::integer(v.as_int());
                return Value::number(python_round(v.as_float(), precision));
            }
            if (method != "floor" && method != "ceil") fail("method must be common, ceil or floor");
            const double scale = std::pow(10.0, static_cast<double>(precision));
            const double x = v.as_float() * scale;
            return Value::number((method == "floor" ? std::floor(x) : std::ceil(x)) / scale);
        };
        t["safe"] = [](Evaluator& ev, const Value& v, CallArgs&) { return Value::string(soft_str(ev, v), true); };
        t["sort"] = do_sort;
        t["string"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            if (v.is_str()) return v;
            return str_value(ev.to_str(v));
        };
        t["striptags"] = [](Evaluator& ev, const Value& v, CallArgs&) { return str_value(striptags(soft_str(ev, v))); };
        t["sum"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("sum", {"attribute", "start"});
            const Value* attr = a.get(0, "attribute");
            Value acc = arg_or(a, 1, "start", Value::integer(0));
            for (const auto& item : ev.iterate(v)) {
                const Value x = attr && !attr->is_none() ? attr_path(ev, item, soft_str(ev, *attr)) : item;
                if (is_intlike(acc) && is_intlike(x)) {
                    std::int64_t r = 0;
                    if (__builtin_add_overflow(acc.as_int(), x.as_int(), &r)) fail("integer overflow");
                    acc = Value::integer(r);
                } else if (acc.is_number() && x.is_number()) {
                    acc = Value::number(acc.as_float() + x.as_float());
                } else {
                    fail("unsupported operand type(s) for +: '" + acc.type_name() + "' and '" + x.type_name() + "'");
                }
            }
            return acc;
        };
        t["tojson"] = do_tojson;
        t["trim"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("trim", {"chars"});
            const Value* chars = a.get(0, "chars");
            const std::string s = soft_str(ev, v);
            if (chars && !chars->is_none())
                return Value::string(py::strip_chars(s, soft_str(ev, *chars), true, true), v.is_markup());
            return Value::string(py::strip(s, true, true), v.is_markup());
        };
        t["truncate"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("truncate", {"length", "killwords", "end", "leeway"});
            const std::string s = soft_str(ev, v);
            const std::int64_t length = int_arg(a, 0, "length", 255);
            const bool killwords = bool_arg(a, 1, "killwords", false);
            const std::string end = str_arg(ev, a, 2, "end", "...");
            const std::int64_t leeway = int_arg(a, 3, "leeway", 5);
            const auto cps = py::decode(s);
            const auto n = static_cast<std::int64_t>(cps.size());
            if (n <= length + leeway) return str_value(s);
            const std::int64_t keep = std::max<std::int64_t>(0, length - static_cast<std::int64_t>(py::length(end)));
            std::string head = py::encode(cps, 0, static_cast<std::size_t>(keep));
            if (killwords) return str_value(head + end);
            const std::size_t sp = head.rfind(' ');
            if (sp != std::string::npos) head.resize(sp);
            return str_value(head + end);
        };
        t["unique"] = [](Evaluator& ev, const Value& v, CallArgs& a) {
            a.check("unique", {"case_sensitive", "attribute"});
            const bool cs = bool_arg(a, 0, "case_sensitive", false);
            const Value* attr = a.get(1, "attribute");
            ValueList out, seen_other;
            std::unordered_set<std::string> seen;  // hashable keys, as Python's set would hash them
            for (const auto& item : ev.iterate(v)) {
                ev.count_iterations(1);
                const Value key =
                    fold_case(attr && !attr->is_none() ? attr_path(ev, item, soft_str(ev, *attr)) : item, cs);
                std::string h;
                if (key.is_str())
                    h = "s" + key.as_str();
                else if (key.is_int() || key.is_bool())
                    h = "i" + std::to_string(key.as_int());
                else if (key.is_float() && std::isfinite(key.as_float()) &&
                         std::trunc(key.as_float()) == key.as_float() && std::fabs(key.as_float()) < 9e18)
                    h = "i" + std::to_string(static_cast<std::int64_t>(key.as_float()));
                else if (key.is_float())
                    h = "f" + py::repr_float(key.as_float());
                else if (key.is_none())
                    h = "n";
                if (!h.empty()) {
                    if (seen.insert(std::move(h)).second) out.push_back(item);
                    continue;
                }
                ev.count_iterations(static_cast<std::int64_t>(seen_other.size()));
                if (std::none_of(seen_other.begin(), seen_other.end(), [&](const Value& s) { return s.equals(key); })) {
                    seen_other.push_back(key);
                    out.push_back(item);
                }
            }
            return Value::list(std::move(out));
        };
        t["wordcount"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            const std::string s = soft_str(ev, v);
            std::int64_t n = 0;
            bool in_word = false;
            for (char c : s) {
                const auto u = static_cast<unsigned char>(c);
                const bool w = std::isalnum(u) || c == '_' || u >= 0x80;
                if (w && !in_word) ++n;
                in_word = w;
            }
            return Value::integer(n);
        };
        return t;
    }();
    return table;
}

// --- tests -------------------------------------------------------------------------

using TestFn = std::function<bool(Evaluator&, const Value&, CallArgs&)>;

const Value& need_arg(const CallArgs& a, const char* test_name) {
    if (a.positional.empty()) fail(std::string("test '") + test_name + "' needs an argument");
    return a.positional[0];
}

const std::map<std::string, TestFn, std::less<>>& test_table() {
    static const std::map<std::string, TestFn, std::less<>> table = [] {
        std::map<std::string, TestFn, std::less<>> t;
        t["boolean"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_bool(); };
        // jinja2's Undefined defines __call__ (to raise), so callable() is true for it.
        t["callable"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_callable() || v.is_undefined(); };
        t["defined"] = [](Evaluator&, const Value& v, CallArgs&) { return !v.is_undefined(); };
        t["undefined"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_undefined(); };
        t["divisibleby"] = [](Evaluator&, const Value& v, CallArgs& a) {
            const Value& n = need_arg(a, "divisibleby");
            if (!is_intlike(v) || !is_intlike(n)) fail("divisibleby needs integers");
            if (n.as_int() == 0) fail("integer division or modulo by zero");
            if (n.as_int() == -1) return true;
            return v.as_int() % n.as_int() == 0;
        };
        t["eq"] = [](Evaluator&, const Value& v, CallArgs& a) { return v.equals(need_arg(a, "eq")); };
        t["equalto"] = t["eq"];
        t["=="] = t["eq"];
        t["ne"] = [](Evaluator&, const Value& v, CallArgs& a) { return !v.equals(need_arg(a, "ne")); };
        t["!="] = t["ne"];
        const auto cmp_test = [](const char* name, std::function<bool(int)> pred) {
            return [name, pred](Evaluator&, const Value& v, CallArgs& a) {
                const Value& o = need_arg(a, name);
                if (v.is_undefined()) undefined_error(v);
                return pred(order(v, o));
            };
        };
        t["lt"] = cmp_test("lt", [](int c) { return c < 0; });
        t["lessthan"] = t["lt"];
        t["<"] = t["lt"];
        t["le"] = cmp_test("le", [](int c) { return c <= 0; });
        t["<="] = t["le"];
        t["gt"] = cmp_test("gt", [](int c) { return c > 0; });
        t["greaterthan"] = t["gt"];
        t[">"] = t["gt"];
        t["ge"] = cmp_test("ge", [](int c) { return c >= 0; });
        t[">="] = t["ge"];
        t["escaped"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_markup(); };
        // jinja2 tests `value % 2`, so floats work too (2.0 is even, 2.5 is neither).
        const auto parity = [](const Value& v, const char* name) -> double {
            if (!v.is_number()) fail(std::string(name) + " needs a number, not " + v.type_name());
            if (!v.is_float()) return static_cast<double>(v.as_int() & 1);
            double m = std::fmod(v.as_float(), 2.0);
            if (m < 0) m += 2.0;
            return m;
        };
        t["even"] = [parity](Evaluator&, const Value& v, CallArgs&) { return parity(v, "even") == 0.0; };
        t["odd"] = [parity](Evaluator&, const Value& v, CallArgs&) { return parity(v, "odd") == 1.0; };
        t["false"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_bool() && !v.as_bool(); };
        t["true"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_bool() && v.as_bool(); };
        t["filter"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_str() && has_filter(v.as_str()); };
        t["test"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_str() && has_test(v.as_str()); };
        t["float"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_float(); };
        t["integer"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_int(); };
        t["number"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_number(); };
        t["in"] = [](Evaluator& ev, const Value& v, CallArgs& a) { return contains(ev, need_arg(a, "in"), v); };
        t["iterable"] = [](Evaluator&, const Value& v, CallArgs&) {
            return v.is_undefined() || v.is_str() || v.is_list() || v.is_dict();
        };
        t["sequence"] = [](Evaluator&, const Value& v, CallArgs&) {
            return v.is_undefined() || v.is_str() || v.is_list() || v.is_dict();
        };
        t["mapping"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_dict(); };
        t["none"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_none(); };
        t["string"] = [](Evaluator&, const Value& v, CallArgs&) { return v.is_str(); };
        t["lower"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            const std::string s = soft_str(ev, v);
            return py::lower(s) == s && py::upper(s) != s;
        };
        t["upper"] = [](Evaluator& ev, const Value& v, CallArgs&) {
            const std::string s = soft_str(ev, v);
            return py::upper(s) == s && py::lower(s) != s;
        };
        t["sameas"] = [](Evaluator&, const Value& v, CallArgs& a) { return v.same_as(need_arg(a, "sameas")); };
        return t;
    }();
    return table;
}

// --- methods -----------------------------------------------------------------------

using MethodFn = std::function<Value(Evaluator&, const Value& self, CallArgs&)>;

std::string format_method(Evaluator& ev, const std::string& fmt, const CallArgs& a) {
    std::string out;
    std::size_t auto_index = 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        const char c = fmt[i];
        if (c == '{') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
                out += '{';
                ++i;
                continue;
            }
            const std::size_t close = fmt.find('}', i);
            if (close == std::string::npos) fail("Single '{' encountered in format string");
            const std::string field = fmt.substr(i + 1, close - i - 1);
            if (field.find_first_of(":!.[") != std::string::npos)
                fail("format(): only plain {} and {name} fields are supported");
            const Value* v = nullptr;
            if (field.empty()) {
                if (auto_index >= a.positional.size())
                    fail("Replacement index " + std::to_string(auto_index) + " out of range");
                v = &a.positional[auto_index++];
            } else if (std::all_of(field.begin(), field.end(), [](char d) { return d >= '0' && d <= '9'; })) {
                const auto idx = static_cast<std::size_t>(std::strtoull(field.c_str(), nullptr, 10));
                if (idx >= a.positional.size()) fail("Replacement index " + field + " out of range");
                v = &a.positional[idx];
            } else {
                for (const auto& kw : a.keyword)
                    if (kw.first == field) v = &kw.second;
                if (!v) fail("format(): no argument named '" + field + "'");
            }
            out += ev.to_str(*v);
            i = close;
        } else if (c == '}') {
            if (i + 1 < fmt.size() && fmt[i + 1] == '}')
                ++i;
            else
                fail("Single '}' encountered in format string");
            out += '}';
        } else {
            out += c;
        }
        ev.check_size(out.size());
    }
    return out;
}

bool affix_match(const Value& self, const Value& arg, bool prefix) {
    const std::string& s = self.as_str();
    const auto one = [&](const Value& x) {
        const std::string& p = need_str(x, prefix ? "startswith arg" : "endswith arg");
        if (p.size() > s.size()) return false;
        return prefix ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0;
    };
    if (arg.is_tuple()) return std::any_of(arg.as_list().begin(), arg.as_list().end(), one);
    return one(arg);
}

std::int64_t find_cp(const std::string& s, const std::string& sub, bool reverse) {
    const std::size_t pos = reverse ? s.rfind(sub) : s.find(sub);
    if (pos == std::string::npos) return -1;
    return static_cast<std::int64_t>(py::length(std::string_view(s).substr(0, pos)));
}

Value split_method(Evaluator& ev, const Value& self, CallArgs& a, bool from_right) {
    a.check(from_right ? "rsplit" : "split", {"sep", "maxsplit"});
    const Value* sep = a.get(0, "sep");
    const std::int64_t maxsplit = int_arg(a, 1, "maxsplit", -1);
    std::vector<std::string> parts;
    if (!sep || sep->is_none()) {
        parts = py::split_whitespace(self.as_str(), maxsplit, from_right);
    } else {
        const std::string s = need_str(*sep, "separator");
        if (s.empty()) fail("empty separator");
        parts = py::split(self.as_str(), s, maxsplit, from_right);
    }
    ev.count_iterations(static_cast<std::int64_t>(parts.size()));
    ValueList out;
    for (auto& p : parts) out.push_back(str_value(std::move(p)));
    return Value::list(std::move(out));
}

const std::map<std::string, MethodFn, std::less<>>& str_methods() {
    static const std::map<std::string, MethodFn, std::less<>> table = [] {
        std::map<std::string, MethodFn, std::less<>> t;
        const auto strip_fn = [](bool left, bool right, const char* name) {
            return [left, right, name](Evaluator&, const Value& self, CallArgs& a) {
                a.check(name, {"chars"});
                const Value* chars = a.get(0, "chars");
                if (chars && !chars->is_none()) {
                    return Value::string(py::strip_chars(self.as_str(), need_str(*chars, "chars"), left, right),
                                         self.is_markup());
                }
                return Value::string(py::strip(self.as_str(), left, right), self.is_markup());
            };
        };
        t["strip"] = strip_fn(true, true, "strip");
        t["lstrip"] = strip_fn(true, false, "lstrip");
        t["rstrip"] = strip_fn(false, true, "rstrip");
        t["split"] = [](Evaluator& ev, const Value& self, CallArgs& a) { return split_method(ev, self, a, false); };
        t["rsplit"] = [](Evaluator& ev, const Value& self, CallArgs& a) { return split_method(ev, self, a, true); };
        t["splitlines"] = [](Evaluator&, const Value& self, CallArgs&) {
            ValueList out;
            for (auto& l : splitlines(self.as_str())) out.push_back(str_value(l));
            return Value::list(std::move(out));
        };
        t["startswith"] = [](Evaluator&, const Value& self, CallArgs& a) {
            a.check("startswith", {"prefix"});
            return Value::boolean(affix_match(self, arg_or(a, 0, "prefix", Value()), true));
        };
        t["endswith"] = [](Evaluator&, const Value& self, CallArgs& a) {
            a.check("endswith", {"suffix"});
            return Value::boolean(affix_match(self, arg_or(a, 0, "suffix", Value()), false));
        };
        t["replace"] = [](Evaluator& ev, const Value& self, CallArgs& a) {
            a.check("replace", {"old", "new", "count"});
            const std::string o = need_str(arg_or(a, 0, "old", Value()), "replace() old");
            const std::string n = need_str(arg_or(a, 1, "new", Value()), "replace() new");
            std::string out = py::replace(self.as_str(), o, n, int_arg(a, 2, "count", -1));
            ev.check_size(out.size());
            return Value::string(std::move(out), self.is_markup());
        };
        t["upper"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::string(py::upper(self.as_str()), self.is_markup());
        };
        t["lower"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::string(py::lower(self.as_str()), self.is_markup());
        };
        t["casefold"] = t["lower"];
        t["title"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::string(py::title(self.as_str()), self.is_markup());
        };
        t["capitalize"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::string(py::capitalize(self.as_str()), self.is_markup());
        };
        t["find"] = [](Evaluator&, const Value& self, CallArgs& a) {
            return Value::integer(find_cp(self.as_str(), need_str(arg_or(a, 0, "sub", Value()), "find() arg"), false));
        };
        t["rfind"] = [](Evaluator&, const Value& self, CallArgs& a) {
            return Value::integer(find_cp(self.as_str(), need_str(arg_or(a, 0, "sub", Value()), "rfind() arg"), true));
        };
        t["index"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const std::int64_t i = find_cp(self.as_str(), need_str(arg_or(a, 0, "sub", Value()), "index() arg"), false);
            if (i < 0) fail("substring not found");
            return Value::integer(i);
        };
        t["count"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const std::string sub = need_str(arg_or(a, 0, "sub", Value()), "count() arg");
            const std::string& s = self.as_str();
            if (sub.empty()) return Value::integer(static_cast<std::int64_t>(py::length(s)) + 1);
            std::int64_t n = 0;
            for (std::size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
            return Value::integer(n);
        };
        t["join"] = [](Evaluator& ev, const Value& self, CallArgs& a) {
            a.check("join", {"iterable"});
            std::string out;
            bool first = true;
            for (const auto& item : ev.iterate(arg_or(a, 0, "iterable", Value()))) {
                if (!first) out += self.as_str();
                first = false;
                out += need_str(item, "sequence item");
                ev.check_size(out.size());
            }
            return str_value(std::move(out));
        };
        t["format"] = [](Evaluator& ev, const Value& self, CallArgs& a) {
            return str_value(format_method(ev, self.as_str(), a));
        };
        const auto pred = [](std::function<bool(char32_t)> p, bool need_nonempty) {
            return [p, need_nonempty](Evaluator&, const Value& self, CallArgs&) {
                const auto cps = py::decode(self.as_str());
                if (need_nonempty && cps.empty()) return Value::boolean(false);
                return Value::boolean(std::all_of(cps.begin(), cps.end(), p));
            };
        };
        t["isdigit"] = pred([](char32_t c) { return c >= '0' && c <= '9'; }, true);
        t["isnumeric"] = t["isdigit"];
        t["isdecimal"] = t["isdigit"];
        t["isalpha"] =
            pred([](char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0; }, true);
        t["isalnum"] = pred(
            [](char32_t c) {
                return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0xC0;
            },
            true);
        t["isspace"] = pred(py::is_space, true);
        t["islower"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::boolean(py::lower(self.as_str()) == self.as_str() &&
                                  py::upper(self.as_str()) != self.as_str());
        };
        t["isupper"] = [](Evaluator&, const Value& self, CallArgs&) {
            return Value::boolean(py::upper(self.as_str()) == self.as_str() &&
                                  py::lower(self.as_str()) != self.as_str());
        };
        t["removeprefix"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const std::string p = need_str(arg_or(a, 0, "prefix", Value()), "prefix");
            const std::string& s = self.as_str();
            return str_value(s.compare(0, p.size(), p) == 0 ? s.substr(p.size()) : s);
        };
        t["removesuffix"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const std::string p = need_str(arg_or(a, 0, "suffix", Value()), "suffix");
            const std::string& s = self.as_str();
            const bool match = !p.empty() && p.size() <= s.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
            return str_value(match ? s.substr(0, s.size() - p.size()) : s);
        };
        return t;
    }();
    return table;
}

const std::map<std::string, MethodFn, std::less<>>& dict_methods() {
    static const std::map<std::string, MethodFn, std::less<>> table = [] {
        std::map<std::string, MethodFn, std::less<>> t;
        t["get"] = [](Evaluator&, const Value& self, CallArgs& a) {
            a.check("get", {"key", "default"});
            const Value* key = a.get(0, "key");
            if (!key) fail("get expected at least 1 argument, got 0");
            if (const Value* v = self.as_dict().find(*key)) return *v;
            return arg_or(a, 1, "default", Value::none());
        };
        t["items"] = [](Evaluator&, const Value& self, CallArgs&) {
            ValueList out;
            for (const auto& e : self.as_dict().entries()) out.push_back(Value::list({e.first, e.second}, true));
            return Value::list(std::move(out));
        };
        t["keys"] = [](Evaluator&, const Value& self, CallArgs&) {
            ValueList out;
            for (const auto& e : self.as_dict().entries()) out.push_back(e.first);
            return Value::list(std::move(out));
        };
        t["values"] = [](Evaluator&, const Value& self, CallArgs&) {
            ValueList out;
            for (const auto& e : self.as_dict().entries()) out.push_back(e.second);
            return Value::list(std::move(out));
        };
        t["copy"] = [](Evaluator&, const Value& self, CallArgs&) { return self; };
        return t;
    }();
    return table;
}

const std::map<std::string, MethodFn, std::less<>>& list_methods() {
    static const std::map<std::string, MethodFn, std::less<>> table = [] {
        std::map<std::string, MethodFn, std::less<>> t;
        t["index"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const Value x = arg_or(a, 0, "value", Value());
            const auto& items = self.as_list();
            for (std::size_t i = 0; i < items.size(); ++i)
                if (items[i].equals(x)) return Value::integer(static_cast<std::int64_t>(i));
            fail(x.repr(200) + " is not in list");
        };
        t["count"] = [](Evaluator&, const Value& self, CallArgs& a) {
            const Value x = arg_or(a, 0, "value", Value());
            return Value::integer(std::count_if(self.as_list().begin(), self.as_list().end(),
                                                [&](const Value& v) { return v.equals(x); }));
        };
        t["copy"] = [](Evaluator&, const Value& self, CallArgs&) { return Value::list(self.as_list()); };
        return t;
    }();
    return table;
}

bool is_mutator(const Value& self, std::string_view name) {
    static const char* const list_mut[] = {"append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"};
    static const char* const dict_mut[] = {"update", "pop", "popitem", "setdefault", "clear"};
    if (self.is_list() && !self.is_tuple()) {
        for (const char* m : list_mut)
            if (name == m) return true;
    }
    if (self.is_dict()) {
        for (const char* m : dict_mut)
            if (name == m) return true;
    }
    return false;
}

}  // namespace

bool has_filter(std::string_view name) {
    return filter_table().count(name) > 0;
}
bool has_test(std::string_view name) {
    return test_table().count(name) > 0;
}

Value filter(Evaluator& ev, const std::string& name, const Value& subject, CallArgs& args) {
    const auto& table = filter_table();
    const auto it = table.find(name);
    if (it == table.end()) fail("no filter named '" + name + "'");
    return it->second(ev, subject, args);
}

bool test(Evaluator& ev, const std::string& name, const Value& subject, CallArgs& args) {
    const auto& table = test_table();
    const auto it = table.find(name);
    if (it == table.end()) fail("no test named '" + name + "'");
    return it->second(ev, subject, args);
}

Value method(const Value& self, const std::string& name) {
    // Plain number attributes that templates occasionally read.
    if (self.is_number() && (name == "real" || name == "imag")) {
        if (name == "imag") return self.is_float() ? Value::number(0.0) : Value::integer(0);
        return self.is_float() ? self : Value::integer(self.as_int());
    }
    const std::map<std::string, MethodFn, std::less<>>* table = nullptr;
    if (self.is_str())
        table = &str_methods();
    else if (self.is_dict())
        table = &dict_methods();
    else if (self.is_list())
        table = &list_methods();
    if (is_mutator(self, name)) {
        // The sandbox refuses in-place changes to lists and dicts.
        auto fn = std::make_shared<Callable>();
        fn->name = name;
        const std::string type = self.type_name();
        fn->call = [type, name](Evaluator&, CallArgs&) -> Value {
            fail("access to attribute '" + name + "' of '" + type + "' object is unsafe");
        };
        return Value::callable(fn);
    }
    if (!table) return Value::undefined();
    const auto it = table->find(name);
    if (it == table->end()) return Value::undefined();
    auto fn = std::make_shared<Callable>();
    fn->name = name;
    const MethodFn* impl = &it->second;  // the tables are static and never change
    Value bound = self;
    fn->call = [impl, bound](Evaluator& ev, CallArgs& a) { return (*impl)(ev, bound, a); };
    return Value::callable(fn);
}

bool contains(Evaluator& ev, const Value& haystack, const Value& needle) {
    switch (haystack.kind()) {
        case ValueKind::Undefined: return false;
        case ValueKind::Str:
            if (!needle.is_str()) fail("'in <string>' requires string as left operand, not " + needle.type_name());
            return haystack.as_str().find(needle.as_str()) != std::string::npos;
        case ValueKind::List:
            ev.count_iterations(static_cast<std::int64_t>(haystack.as_list().size() >> 4));
            return std::any_of(haystack.as_list().begin(), haystack.as_list().end(),
                               [&](const Value& v) { return v.equals(needle); });
        case ValueKind::Dict:
            if (needle.is_dict() || (needle.is_list() && !needle.is_tuple()))
                fail("unhashable type: '" + needle.type_name() + "'");
            ev.count_iterations(static_cast<std::int64_t>(haystack.as_dict().size() >> 4));
            return haystack.as_dict().find(needle) != nullptr;
        default: fail("argument of type '" + haystack.type_name() + "' is not iterable");
    }
}

int order(const Value& a, const Value& b, bool case_insensitive) {
    if (a.is_number() && b.is_number()) {
        if (a.is_float() || b.is_float()) {
            const double x = a.as_float(), y = b.as_float();
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        return a.as_int() < b.as_int() ? -1 : (a.as_int() > b.as_int() ? 1 : 0);
    }
    if (a.is_str() && b.is_str()) {
        const int c =
            case_insensitive ? py::lower(a.as_str()).compare(py::lower(b.as_str())) : a.as_str().compare(b.as_str());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (a.is_list() && b.is_list() && a.is_tuple() == b.is_tuple()) {
        const auto& x = a.as_list();
        const auto& y = b.as_list();
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            if (x[i].equals(y[i])) continue;
            return order(x[i], y[i], case_insensitive);
        }
        return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
    }
    fail("'<' not supported between instances of '" + a.type_name() + "' and '" + b.type_name() + "'");
}

std::string percent_format(Evaluator& ev, const std::string& format, const Value& args) {
    ValueList positional = args.is_tuple() ? args.as_list() : ValueList{args};
    const bool mapping = args.is_dict();
    std::size_t next = 0;
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%') {
            out += format[i];
            continue;
        }
        if (++i >= format.size()) fail("incomplete format");
        const Value* arg = nullptr;
        if (format[i] == '(') {
            const std::size_t close = format.find(')', i);
            if (close == std::string::npos || !mapping) fail("format requires a mapping");
            arg = args.as_dict().find(format.substr(i + 1, close - i - 1));
            if (!arg) fail("KeyError: '" + format.substr(i + 1, close - i - 1) + "'");
            i = close + 1;
            if (i >= format.size()) fail("incomplete format");
        }
        std::string flags;
        while (i < format.size() && std::strchr("-+ 0#", format[i])) flags += format[i++];
        int width = 0, precision = -1;
        while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
            width = std::min(width * 10 + (format[i++] - '0'), 1000);
        if (i < format.size() && format[i] == '.') {
            precision = 0;
            ++i;
            while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i])))
                precision = std::min(precision * 10 + (format[i++] - '0'), 100);
        }
        if (i >= format.size()) fail("incomplete format");
        const char conv = format[i];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (!arg) {
            if (next >= positional.size()) fail("not enough arguments for format string");
            arg = &positional[next++];
        }
        std::string piece;
        char buf[128];
        const std::string cflags = flags;
        switch (conv) {
            case 's': piece = ev.to_str(*arg); break;
            case 'r': piece = arg->repr(ev.limits().max_output_bytes); break;
            case 'd':
            case 'i':
            case 'x':
            case 'X':
            case 'o': {
                if (!arg->is_number())
                    fail(std::string("%") + conv + " format: a real number is required, not " + arg->type_name());
                const long long v = arg->is_float() ? static_cast<long long>(arg->as_float()) : arg->as_int();
                const std::string spec = "%" + cflags + std::to_string(width) +
                                         (precision >= 0 ? "." + std::to_string(precision) : "") + "ll" +
                                         std::string(1, conv == 'i' ? 'd' : conv);
                std::snprintf(buf, sizeof buf, spec.c_str(), v);
                piece = buf;
                break;
            }
            case 'f':
            case 'F':
            case 'e':
            case 'E':
            case 'g':
            case 'G': {
                if (!arg->is_number())
                    fail(std::string("%") + conv + " format: a real number is required, not " + arg->type_name());
                const std::string spec = "%" + cflags + std::to_string(width) + "." +
                                         std::to_string(precision >= 0 ? precision : 6) + std::string(1, conv);
                std::snprintf(buf, sizeof buf, spec.c_str(), arg->as_float());
                piece = buf;
                break;
            }
            default: fail(std::string("unsupported format character '") + conv + "'");
        }
        const auto len = static_cast<int>(py::length(piece));
        if (width > len) {
            if (flags.find('-') != std::string::npos)
                piece += std::string(static_cast<std::size_t>(width - len), ' ');
            else
                piece = std::string(static_cast<std::size_t>(width - len), ' ') + piece;
        }
        out += piece;
        ev.check_size(out.size());
    }
    // Python only tolerates unused arguments when the right side is mapping-like.
    const bool mapping_like = mapping || (args.is_list() && !args.is_tuple());
    if (!mapping_like && next < positional.size()) fail("not all arguments converted during string formatting");
    return out;
}

std::string to_json(Evaluator& ev, const Value& v, const JsonOptions& options) {
    return json_dump(ev, v, options, 0);
}

[[noreturn]] void undefined_error(const Value& undefined) {
    const std::string& hint = undefined.undefined_hint();
    fail(hint.empty() ? std::string("undefined value") : hint);
}

std::vector<std::pair<std::string, Value>> globals() {
    std::vector<std::pair<std::string, Value>> g;
    const auto add = [&](const char* name, std::function<Value(Evaluator&, CallArgs&)> fn) {
        auto c = std::make_shared<Callable>();
        c->name = name;
        c->call = std::move(fn);
        g.emplace_back(name, Value::callable(c));
    };
    add("range", [](Evaluator& ev, CallArgs& a) {
        if (!a.keyword.empty()) fail("range() takes no keyword arguments");
        std::int64_t start = 0, stop = 0, step = 1;
        for (const auto& p : a.positional)
            if (!is_intlike(p)) fail("'" + p.type_name() + "' object cannot be interpreted as an integer");
        if (a.positional.size() == 1)
            stop = a.positional[0].as_int();
        else if (a.positional.size() == 2 || a.positional.size() == 3) {
            start = a.positional[0].as_int();
            stop = a.positional[1].as_int();
            if (a.positional.size() == 3) step = a.positional[2].as_int();
        } else {
            fail("range expected 1 to 3 arguments, got " + std::to_string(a.positional.size()));
        }
        if (step == 0) fail("range() arg 3 must not be zero");
        ValueList out;
        // The jinja2 sandbox refuses ranges longer than 100000 items.
        for (std::int64_t i = start; step > 0 ? i < stop : i > stop;) {
            if (out.size() >= 100000) fail("Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
            out.push_back(Value::integer(i));
            if (__builtin_add_overflow(i, step, &i)) break;
        }
        ev.count_iterations(0);
        return Value::list(std::move(out));
    });
    add("namespace", [](Evaluator&, CallArgs& a) {
        Dict d;
        for (const auto& p : a.positional) {
            if (!p.is_dict()) fail("namespace() positional arguments must be mappings, not " + p.type_name());
            for (const auto& e : p.as_dict().entries()) d.set(e.first, e.second);
        }
        for (const auto& kw : a.keyword) d.set(str_value(kw.first), kw.second);
        return Value::make_namespace(std::move(d));
    });
    add("dict", [](Evaluator&, CallArgs& a) {
        Dict d;
        for (const auto& p : a.positional) {
            if (!p.is_dict()) fail("dict() positional arguments must be mappings, not " + p.type_name());
            for (const auto& e : p.as_dict().entries()) d.set(e.first, e.second);
        }
        for (const auto& kw : a.keyword) d.set(str_value(kw.first), kw.second);
        return Value::dict(std::move(d));
    });
    add("joiner", [](Evaluator& ev, CallArgs& a) {
        a.check("joiner", {"sep"});
        const std::string sep = str_arg(ev, a, 0, "sep", ", ");
        auto used = std::make_shared<bool>(false);
        auto c = std::make_shared<Callable>();
        c->name = "joiner";
        c->call = [sep, used](Evaluator&, CallArgs&) {
            if (!*used) {
                *used = true;
                return str_value("");
            }
            return str_value(sep);
        };
        return Value::callable(c);
    });
    add("raise_exception", [](Evaluator& ev, CallArgs& a) -> Value {
        const std::string msg = a.positional.empty() ? std::string() : ev.to_str(a.positional[0]);
        throw TemplateError(TemplateError::Kind::Raised, msg);
    });
    add("strftime_now", [](Evaluator& ev, CallArgs& a) {
        a.check("strftime_now", {"format"});
        const Value* f = a.get(0, "format");
        if (!f) fail("strftime_now() missing required argument 'format'");
        return str_value(ev.strftime_now(need_str(*f, "strftime_now() format")));
    });
    return g;
}

}  // namespace fyr::jinja::builtins
