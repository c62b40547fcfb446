#include "fyr/jinja/lexer.h"

#include <algorithm>

#include "fyr/jinja/template_error.h"
#include "py_text.h"

namespace fyr::jinja {

namespace {

bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_name_char(char c) {
    return is_name_start(c) || is_digit(c);
}

class LexerImpl {
public:
    explicit LexerImpl(std::string source) : src_(std::move(source)) {
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < src_.size(); ++i)
            if (src_[i] == '\n') line_starts_.push_back(i + 1);
    }

    std::vector<Token> run() {
        std::size_t pos = 0;
        bool line_starting = true;
        while (pos < src_.size()) {
            const std::size_t tag = find_tag(pos);
            if (tag == std::string::npos) {
                emit_data(pos, src_.substr(pos));
                break;
            }
            const char kind = src_[tag + 1];
            std::size_t after = tag + 2;
            char sign = 0;
            if (after < src_.size() && (src_[after] == '-' || src_[after] == '+')) sign = src_[after++];
            std::string text = src_.substr(pos, tag - pos);
            if (sign == '-') {
                while (!text.empty() && is_ws(text.back())) text.pop_back();
            } else if (sign != '+' && kind != '{') {
                // lstrip_blocks: drop spaces/tabs between the line start and the tag.
                const std::size_t nl = text.rfind('\n');
                const std::size_t l_pos = nl == std::string::npos ? 0 : nl + 1;
                if (l_pos > 0 || line_starting) {
                    const bool only_blank =
                        l_pos < text.size() &&
                        std::all_of(text.begin() + static_cast<std::ptrdiff_t>(l_pos), text.end(),
                                    [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; });
                    if (only_blank) text.resize(l_pos);
                }
            }
            emit_data(pos, text);
            if (kind == '#') {
                pos = lex_comment(tag, after);
            } else if (kind == '%' && is_raw_begin(after)) {
                pos = lex_raw(tag, after);
            } else {
                pos = lex_tag(tag, after, kind == '{');
            }
            line_starting = pos > 0 && src_[pos - 1] == '\n';
        }
        Token end;
        end.type = Token::Type::End;
        locate(end, src_.size());
        tokens_.push_back(end);
        return std::move(tokens_);
    }

private:
    std::size_t find_tag(std::size_t from) const {
        std::size_t p = from;
        while (true) {
            p = src_.find('{', p);
            if (p == std::string::npos || p + 1 >= src_.size()) return std::string::npos;
            const char c = src_[p + 1];
            if (c == '{' || c == '%' || c == '#') return p;
            ++p;
        }
    }

    void locate(Token& t, std::size_t offset) const {
        const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
        const std::size_t line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
        t.line = static_cast<int>(line_index + 1);
        t.column = static_cast<int>(offset - line_starts_[line_index] + 1);
    }

    [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
        Token t;
        locate(t, offset);
        throw TemplateError(TemplateError::Kind::Syntax, message, t.line, t.column);
    }

    void emit(Token::Type type, std::string text, std::size_t offset) {
        Token t;
        t.type = type;
        t.text = std::move(text);
        locate(t, offset);
        tokens_.push_back(std::move(t));
    }

    void emit_data(std::size_t offset, std::string text) {
        if (!text.empty()) emit(Token::Type::Data, std::move(text), offset);
    }

    // After a block or comment end: trim_blocks drops one newline unless `+` was used.
    std::size_t after_end(std::size_t end_pos, char sign) const {
        if (sign == '-') {
            while (end_pos < src_.size() && is_ws(src_[end_pos])) ++end_pos;
        } else if (sign != '+' && end_pos < src_.size() && src_[end_pos] == '\n') {
            ++end_pos;
        }
        return end_pos;
    }

    std::size_t lex_comment(std::size_t tag, std::size_t content) {
        const std::size_t close = src_.find("#}", content);
        if (close == std::string::npos) fail(tag, "unterminated comment: expected '#}', found end of template");
        char sign = 0;
        if (close > content && (src_[close - 1] == '-' || src_[close - 1] == '+')) sign = src_[close - 1];
        return after_end(close + 2, sign);
    }

    bool is_raw_begin(std::size_t p) const {
        while (p < src_.size() && is_ws(src_[p])) ++p;
        if (src_.compare(p, 3, "raw") != 0) return false;
        p += 3;
        while (p < src_.size() && is_ws(src_[p])) ++p;
        if (p < src_.size() && src_[p] == '-') ++p;
        return src_.compare(p, 2, "%}") == 0;
    }

    std::size_t lex_raw(std::size_t tag, std::size_t p) {
        std::size_t close = src_.find("%}", p);
        const bool strip_after = close > 0 && src_[close - 1] == '-';
        std::size_t body = close + 2;
        if (strip_after)
            while (body < src_.size() && is_ws(src_[body])) ++body;
        // Find {% endraw %} with any whitespace and markers.
        std::size_t search = body;
        while (true) {
            const std::size_t open = src_.find("{%", search);
            if (open == std::string::npos)
                fail(tag, "unterminated raw block: expected '{% endraw %}', found end of template");
            std::size_t q = open + 2;
            char sign = 0;
            if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) sign = src_[q++];
            while (q < src_.size() && is_ws(src_[q])) ++q;
            if (src_.compare(q, 6, "endraw") == 0) {
                q += 6;
                while (q < src_.size() && is_ws(src_[q])) ++q;
                char end_sign = 0;
                if (q < src_.size() && (src_[q] == '-' || src_[q] == '+')) end_sign = src_[q++];
                if (src_.compare(q, 2, "%}") == 0) {
                    std::string text = src_.substr(body, open - body);
                    if (sign == '-')
                        while (!text.empty() && is_ws(text.back())) text.pop_back();
                    emit_data(body, std::move(text));
                    return after_end(q + 2, end_sign);
                }
            }
            search = open + 2;
        }
    }

    std::size_t lex_tag(std::size_t tag, std::size_t p, bool is_var) {
        emit(is_var ? Token::Type::VarBegin : Token::Type::BlockBegin, is_var ? "{{" : "{%", tag);
        std::vector<char> brackets;
        while (true) {
            while (p < src_.size() && is_ws(src_[p])) ++p;
            if (p >= src_.size()) {
                fail(tag,
                     std::string("unterminated tag: expected '") + (is_var ? "}}" : "%}") + "', found end of template");
            }
            // End markers win unless a bracket is still open (so `{{ {'a': {}} }}` works).
            if (brackets.empty()) {
                const char* close = is_var ? "}}" : "%}";
                char sign = 0;
                std::size_t q = p;
                if (src_[q] == '-' || (src_[q] == '+' && !is_var)) sign = src_[q++];
                if (src_.compare(q, 2, close) == 0) {
                    emit(is_var ? Token::Type::VarEnd : Token::Type::BlockEnd, close, p);
                    if (is_var) {
                        std::size_t e = q + 2;
                        if (sign == '-')
                            while (e < src_.size() && is_ws(src_[e])) ++e;
                        return e;
                    }
                    return after_end(q + 2, sign);
                }
            }
            const char c = src_[p];
            if (c == '\'' || c == '"') {
                p = lex_string(p);
            } else if (is_digit(c)) {
                p = lex_number(p);
            } else if (is_name_start(c)) {
                std::size_t e = p;
                while (e < src_.size() && is_name_char(src_[e])) ++e;
                emit(Token::Type::Name, src_.substr(p, e - p), p);
                p = e;
            } else {
                static const char* const two[] = {"//", "**", "==", "!=", "<=", ">="};
                std::string op;
                for (const char* t : two)
                    if (src_.compare(p, 2, t) == 0) op = t;
                if (op.empty()) {
                    static const std::string singles = "+-*/%~<>=.:|,()[]{}";
                    if (singles.find(c) == std::string::npos) {
                        fail(p, std::string("unexpected character '") +
                                    (static_cast<unsigned char>(c) < 0x80 && c >= 0x20 ? std::string(1, c)
                                                                                       : std::string("\\x") + hex(c)) +
                                    "' in tag");
                    }
                    op = std::string(1, c);
                }
                if (op == "(" || op == "[" || op == "{") {
                    if (brackets.size() > 1000) fail(p, "brackets nested too deeply");
                    brackets.push_back(op[0]);
                } else if (op == ")" || op == "]" || op == "}") {
                    const char open = op == ")" ? '(' : op == "]" ? '[' : '{';
                    if (brackets.empty() || brackets.back() != open) {
                        fail(p, "unexpected '" + op + "'" +
                                    (brackets.empty() ? std::string()
                                                      : std::string(", expected '") + closing(brackets.back()) + "'"));
                    }
                    brackets.pop_back();
                }
                emit(Token::Type::Operator, op, p);
                p += op.size();
            }
        }
    }

    static std::string hex(char c) {
        static const char* digits = "0123456789abcdef";
        const auto u = static_cast<unsigned char>(c);
        return std::string{digits[u >> 4], digits[u & 15]};
    }
    static char closing(char open) { return open == '(' ? ')' : open == '[' ? ']' : '}'; }

    std::size_t lex_number(std::size_t p) {
        const std::size_t start = p;
        const auto digits = [&] {
            while (p < src_.size() &&
                   (is_digit(src_[p]) || (src_[p] == '_' && p + 1 < src_.size() && is_digit(src_[p + 1]))))
                ++p;
        };
        digits();
        bool is_float = false;
        // After a '.', only an integer is lexed so that `a.0.1` is two subscripts.
        const bool after_dot = start > 0 && src_[start - 1] == '.';
        if (!after_dot && p + 1 < src_.size() && src_[p] == '.' && is_digit(src_[p + 1])) {
            is_float = true;
            ++p;
            digits();
        }
        if (!after_dot && p < src_.size() && (src_[p] == 'e' || src_[p] == 'E')) {
            std::size_t q = p + 1;
            if (q < src_.size() && (src_[q] == '+' || src_[q] == '-')) ++q;
            if (q < src_.size() && is_digit(src_[q])) {
                is_float = true;
                p = q;
                digits();
            }
        }
        std::string text = src_.substr(start, p - start);
        text.erase(std::remove(text.begin(), text.end(), '_'), text.end());
        emit(is_float ? Token::Type::Float : Token::Type::Integer, std::move(text), start);
        return p;
    }

    std::size_t lex_string(std::size_t p) {
        const char quote = src_[p];
        const std::size_t start = p++;
        std::string value;
        while (true) {
            if (p >= src_.size())
                fail(start, std::string("unterminated string: expected ") + quote + ", found end of template");
            const char c = src_[p];
            if (c == quote) {
                ++p;
                break;
            }
            if (c != '\\') {
                value += c;
                ++p;
                continue;
            }
            if (p + 1 >= src_.size()) fail(start, "unterminated string: expected a character after '\\'");
            const char e = src_[p + 1];
            p += 2;
            switch (e) {
                case '\n': break;  // line continuation
                case '\\': value += '\\'; break;
                case '\'': value += '\''; break;
                case '"': value += '"'; break;
                case 'a': value += '\a'; break;
                case 'b': value += '\b'; break;
                case 'f': value += '\f'; break;
                case 'n': value += '\n'; break;
                case 'r': value += '\r'; break;
                case 't': value += '\t'; break;
                case 'v': value += '\v'; break;
                case 'x':
                case 'u':
                case 'U': {
                    const std::size_t n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    char32_t cp = 0;
                    for (std::size_t k = 0; k < n; ++k) {
                        const char h = p + k < src_.size() ? src_[p + k] : '\0';
                        int d = -1;
                        if (h >= '0' && h <= '9')
                            d = h - '0';
                        else if (h >= 'a' && h <= 'f')
                            d = h - 'a' + 10;
                        else if (h >= 'A' && h <= 'F')
                            d = h - 'A' + 10;
                        if (d < 0) fail(p - 2, std::string("truncated \\") + e + " escape in string");
                        cp = cp * 16 + static_cast<char32_t>(d);
                    }
                    if (cp > 0x10FFFF) fail(p - 2, "illegal Unicode character in string escape");
                    p += n;
                    py::append_utf8(value, cp);
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        char32_t cp = static_cast<char32_t>(e - '0');
                        for (int k = 0; k < 2 && p < src_.size() && src_[p] >= '0' && src_[p] <= '7'; ++k)
                            cp = cp * 8 + static_cast<char32_t>(src_[p++] - '0');
                        py::append_utf8(value, cp);
                    } else {
                        // Python keeps unknown escapes as written.
                        value += '\\';
                        value += e;
                    }
            }
        }
        emit(Token::Type::String, std::move(value), start);
        return p;
    }

    std::string src_;
    std::vector<std::size_t> line_starts_;
    std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> Lexer::tokenize(std::string_view source) {
    // jinja2 normalises every newline to \n and, without keep_trailing_newline,
    // drops one newline at the very end of the source.
    std::string text;
    text.reserve(source.size());
    for (std::size_t i = 0; i < source.size(); ++i) {
        if (source[i] == '\r') {
            text += '\n';
            if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
        } else {
            text += source[i];
        }
    }
    if (!text.empty() && text.back() == '\n') text.pop_back();
    return LexerImpl(std::move(text)).run();
}

}  // namespace fyr::jinja
