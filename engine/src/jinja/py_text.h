// Python text semantics on UTF-8 strings: code-point indexing, whitespace, case
// mapping, repr() quoting and float repr. Internal to the Jinja engine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fyr::jinja::py {

// Decodes UTF-8 into code points; invalid bytes become U+FFFD so that indexing
// never fails on odd input.
std::vector<char32_t> decode(std::string_view s);
std::string encode(const std::vector<char32_t>& cps, std::size_t begin = 0, std::size_t end = SIZE_MAX);
void append_utf8(std::string& out, char32_t cp);
std::size_t length(std::string_view s);  // in code points

bool is_space(char32_t cp);  // str.isspace()
std::string strip(std::string_view s, bool left, bool right);
std::string strip_chars(std::string_view s, std::string_view chars, bool left, bool right);
std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string title(std::string_view s);
std::string capitalize(std::string_view s);
std::vector<std::string> split_whitespace(std::string_view s, std::int64_t maxsplit, bool from_right);
std::vector<std::string> split(std::string_view s, std::string_view sep, std::int64_t maxsplit, bool from_right);
std::string replace(std::string_view s, std::string_view old_text, std::string_view new_text, std::int64_t count);
std::string html_escape(std::string_view s);  // markupsafe.escape

std::string repr_str(std::string_view s);  // 'text' with Python's quoting rules
std::string repr_float(double f);          // 12.5, 1.0, 1e-05, inf, nan
std::string json_quote(std::string_view s, bool ensure_ascii);

}  // namespace fyr::jinja::py
