#include "py_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace fyr::jinja::py {

std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    out.reserve(s.size());
    std::size_t i = 0;
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    while (i < s.size()) {
        const unsigned char c = byte(i);
        int extra = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        if (i + static_cast<std::size_t>(extra) >= s.size()) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = byte(i + static_cast<std::size_t>(k));
            if ((cc & 0xC0) != 0x80) {
                ok = false;
                break;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (!ok) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += 1 + static_cast<std::size_t>(extra);
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

std::string encode(const std::vector<char32_t>& cps, std::size_t begin, std::size_t end) {
    std::string out;
    if (end > cps.size()) end = cps.size();
    for (std::size_t i = begin; i < end; ++i) append_utf8(out, cps[i]);
    return out;
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool is_space(char32_t cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

namespace {

template <typename Pred>
std::string strip_if(std::string_view s, bool left, bool right, Pred pred) {
    const auto cps = decode(s);
    std::size_t b = 0, e = cps.size();
    if (left)
        while (b < e && pred(cps[b])) ++b;
    if (right)
        while (e > b && pred(cps[e - 1])) --e;
    return encode(cps, b, e);
}

char32_t to_upper(char32_t c) {
    if (c >= 'a' && c <= 'z') return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
    if (c == 0xFF) return 0x178;
    if (c >= 0x100 && c <= 0x17F && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F) {
        // Latin Extended-A alternates upper/lower in pairs, with an offset after 0x138.
        const bool odd_lower = (c < 0x138) || (c > 0x148 && c < 0x178);
        if (odd_lower && (c & 1)) return c - 1;
        if (!odd_lower && (c >= 0x139 && c <= 0x148) && !(c & 1)) return c - 1;
        if (c >= 0x179 && c <= 0x17E && !(c & 1)) return c - 1;
    }
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return c - 32;
    if (c == 0x3C2) return 0x3A3;
    if (c >= 0x430 && c <= 0x44F) return c - 32;
    if (c >= 0x450 && c <= 0x45F) return c - 80;
    return c;
}

char32_t to_lower(char32_t c) {
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
    if (c == 0x178) return 0xFF;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x138 && c != 0x149) {
        const bool even_upper = (c < 0x138) || (c > 0x148 && c < 0x178);
        if (even_upper && !(c & 1)) return c + 1;
        if (!even_upper && (c >= 0x139 && c <= 0x148) && (c & 1)) return c + 1;
        if (c >= 0x179 && c <= 0x17E && (c & 1)) return c + 1;
    }
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return c + 32;
    if (c >= 0x410 && c <= 0x42F) return c + 32;
    if (c >= 0x400 && c <= 0x40F) return c + 80;
    return c;
}

bool is_cased_letter(char32_t c) {
    return to_upper(c) != c || to_lower(c) != c;
}

}  // namespace

std::string strip(std::string_view s, bool left, bool right) {
    return strip_if(s, left, right, is_space);
}

std::string strip_chars(std::string_view s, std::string_view chars, bool left, bool right) {
    const auto set = decode(chars);
    return strip_if(s, left, right, [&](char32_t c) {
        for (char32_t x : set)
            if (x == c) return true;
        return false;
    });
}

std::string upper(std::string_view s) {
    std::string out;
    for (char32_t c : decode(s)) append_utf8(out, to_upper(c));
    return out;
}

std::string lower(std::string_view s) {
    std::string out;
    for (char32_t c : decode(s)) append_utf8(out, to_lower(c));
    return out;
}

std::string title(std::string_view s) {
    // str.title(): a cased letter after a cased letter is lowered, otherwise raised.
    std::string out;
    bool prev_cased = false;
    for (char32_t c : decode(s)) {
        const bool cased = is_cased_letter(c);
        append_utf8(out, cased ? (prev_cased ? to_lower(c) : to_upper(c)) : c);
        prev_cased = cased;
    }
    return out;
}

std::string capitalize(std::string_view s) {
    std::string out;
    bool first = true;
    for (char32_t c : decode(s)) {
        append_utf8(out, first ? to_upper(c) : to_lower(c));
        first = false;
    }
    return out;
}

std::vector<std::string> split_whitespace(std::string_view s, std::int64_t maxsplit, bool from_right) {
    auto cps = decode(s);
    std::vector<std::string> parts;
    if (!from_right) {
        std::size_t i = 0;
        while (true) {
            while (i < cps.size() && is_space(cps[i])) ++i;
            if (i >= cps.size()) break;
            if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit) {
                std::size_t e = cps.size();
                while (e > i && is_space(cps[e - 1])) --e;
                parts.push_back(encode(cps, i, e));
                break;
            }
            std::size_t j = i;
            while (j < cps.size() && !is_space(cps[j])) ++j;
            parts.push_back(encode(cps, i, j));
            i = j;
        }
        return parts;
    }
    std::size_t i = cps.size();
    while (true) {
        while (i > 0 && is_space(cps[i - 1])) --i;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit) {
            std::size_t b = 0;
            while (b < i && is_space(cps[b])) ++b;
            parts.push_back(encode(cps, b, i));
            break;
        }
        std::size_t j = i;
        while (j > 0 && !is_space(cps[j - 1])) --j;
        parts.push_back(encode(cps, j, i));
        i = j;
    }
    std::reverse(parts.begin(), parts.end());
    return parts;
}

std::vector<std::string> split(std::string_view s, std::string_view sep, std::int64_t maxsplit, bool from_right) {
    std::vector<std::string> parts;
    if (!from_right) {
        std::size_t pos = 0;
        while (maxsplit < 0 || static_cast<std::int64_t>(parts.size()) < maxsplit) {
            const std::size_t hit = s.find(sep, pos);
            if (hit == std::string_view::npos) break;
            parts.emplace_back(s.substr(pos, hit - pos));
            pos = hit + sep.size();
        }
        parts.emplace_back(s.substr(pos));
        return parts;
    }
    std::size_t end = s.size();
    std::int64_t done = 0;
    while (maxsplit < 0 || done < maxsplit) {
        if (end < sep.size()) break;
        const std::size_t hit = s.rfind(sep, end - sep.size());
        if (hit == std::string_view::npos) break;
        parts.emplace_back(s.substr(hit + sep.size(), end - hit - sep.size()));
        end = hit;
        ++done;
    }
    parts.emplace_back(s.substr(0, end));
    std::reverse(parts.begin(), parts.end());
    return parts;
}

std::string replace(std::string_view s, std::string_view old_text, std::string_view new_text, std::int64_t count) {
    std::string out;
    if (old_text.empty()) {
        // Python inserts the replacement between every code point and at both ends.
        const auto cps = decode(s);
        std::int64_t done = 0;
        for (std::size_t i = 0; i <= cps.size(); ++i) {
            if (count < 0 || done < count) {
                out += new_text;
                ++done;
            }
            if (i < cps.size()) append_utf8(out, cps[i]);
        }
        return out;
    }
    std::size_t pos = 0;
    std::int64_t done = 0;
    while (count < 0 || done < count) {
        const std::size_t hit = s.find(old_text, pos);
        if (hit == std::string_view::npos) break;
        out.append(s.substr(pos, hit - pos));
        out.append(new_text);
        pos = hit + old_text.size();
        ++done;
    }
    out.append(s.substr(pos));
    return out;
}

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&#34;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

bool printable(char32_t c) {
    if (c < 0x20 || c == 0x7F) return false;
    if (c >= 0x80 && c <= 0xA0) return false;
    if (c == 0xAD) return false;
    if ((c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F)) return false;
    if (c == 0x3000 || c == 0xFEFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    return true;
}

void append_hex(std::string& out, const char* prefix, unsigned value, int digits) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*x", digits, value);
    out += prefix;
    out += buf;
}

}  // namespace

std::string repr_str(std::string_view s) {
    const bool has_single = s.find('\'') != std::string_view::npos;
    const bool has_double = s.find('"') != std::string_view::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    std::string out(1, quote);
    for (char32_t c : decode(s)) {
        if (c == static_cast<char32_t>(quote) || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (!printable(c)) {
            if (c < 0x100)
                append_hex(out, "\\x", static_cast<unsigned>(c), 2);
            else if (c < 0x10000)
                append_hex(out, "\\u", static_cast<unsigned>(c), 4);
            else
                append_hex(out, "\\U", static_cast<unsigned>(c), 8);
        } else {
            append_utf8(out, c);
        }
    }
    out += quote;
    return out;
}

std::string repr_float(double f) {
    if (std::isnan(f)) return "nan";
    if (std::isinf(f)) return f < 0 ? "-inf" : "inf";
    if (f == 0.0) return std::signbit(f) ? "-0.0" : "0.0";
    // Shortest round-trip digits, then Python's layout: positional for exponents in
    // [-4, 16), scientific with at least two exponent digits otherwise.
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    std::string sign;
    if (sci[0] == '-') {
        sign = "-";
        sci.erase(0, 1);
    }
    const std::size_t epos = sci.find('e');
    std::string digits = sci.substr(0, epos);
    const int exp = std::atoi(sci.c_str() + epos + 1);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int nd = static_cast<int>(digits.size());
    std::string out;
    if (exp >= -5 + 1 && exp < 16) {
        if (exp >= 0) {
            if (nd <= exp + 1) {
                out = digits + std::string(static_cast<std::size_t>(exp + 1 - nd), '0') + ".0";
            } else {
                out = digits.substr(0, static_cast<std::size_t>(exp + 1)) + "." +
                      digits.substr(static_cast<std::size_t>(exp + 1));
            }
        } else {
            out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
        }
    } else {
        out = digits.substr(0, 1);
        if (nd > 1) out += "." + digits.substr(1);
        char ebuf[16];
        std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += ebuf;
    }
    return sign + out;
}

std::string json_quote(std::string_view s, bool ensure_ascii) {
    std::string out = "\"";
    for (char32_t c : decode(s)) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    append_hex(out, "\\u", static_cast<unsigned>(c), 4);
                } else if (ensure_ascii && c > 0x7F) {
                    if (c >= 0x10000) {
                        const char32_t v = c - 0x10000;
                        append_hex(out, "\\u", static_cast<unsigned>(0xD800 + (v >> 10)), 4);
                        append_hex(out, "\\u", static_cast<unsigned>(0xDC00 + (v & 0x3FF)), 4);
                    } else {
                        append_hex(out, "\\u", static_cast<unsigned>(c), 4);
                    }
                } else {
                    append_utf8(out, c);
                }
        }
    }
    out += '"';
    return out;
}

}  // namespace fyr::jinja::py
