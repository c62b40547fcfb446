// Unicode helpers for the tokenizers: the general category and whitespace flag of
// every code point (tables generated at build time from UnicodeData.txt) and a
// UTF-8 decoder whose handling of malformed input is defined, never undefined.
//
//   char32_t cp = 0;
//   size_t n = fyr::unicode::decode_utf8(text, pos, &cp);   // n >= 1 while pos < size
//   if (fyr::unicode::is_letter(cp)) ...                    // \p{L}
//   if (fyr::unicode::is_whitespace(cp)) ...                // \s
//
// Thread-safe: the tables are immutable; the first lookup builds a flat table
// once (a thread-safe static).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fyr {

// Unicode general categories, in the order the generated table uses.
// Invalid is for values above U+10FFFF, which have no category.
enum class UnicodeCategory : uint8_t {
    Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No, Pc, Pd, Ps, Pe, Pi, Pf, Po,
    Sm, Sc, Sk, So, Zs, Zl, Zp, Cc, Cf, Cs, Co, Cn, Invalid,
};

namespace unicode {

constexpr char32_t k_replacement = 0xFFFD;
constexpr char32_t k_max_code_point = 0x10FFFF;

UnicodeCategory category(char32_t cp);
bool is_letter(char32_t cp);        // \p{L}
bool is_number(char32_t cp);        // \p{N}
bool is_punctuation(char32_t cp);   // \p{P}
bool is_symbol(char32_t cp);        // \p{S}
bool is_mark(char32_t cp);          // \p{M}
bool is_cased_letter(char32_t cp);  // Lu, Ll, Lt
// Unicode White_Space (Python's str.isspace() minus U+001C..U+001F).
bool is_whitespace(char32_t cp);

// Bit flags of one code point, for hot loops that test several properties.
enum Flag : uint8_t {
    k_letter = 1, k_number = 2, k_punctuation = 4, k_whitespace = 8, k_symbol = 16,
    k_cased = 32, k_valid = 64,  // k_valid: a code point (<= U+10FFFF), assigned or not
};
uint8_t flags(char32_t cp);

// Decodes the code point starting at text[pos] (pos < text.size()) and returns the
// number of bytes consumed (1..4). The lead byte decides the length; only the
// continuation bytes are checked, so overlong forms and surrogates decode as
// their values. A byte that does not start such a sequence (a stray continuation
// byte, 0xF8..0xFF, a truncated sequence, or a value above U+10FFFF) yields
// U+FFFD and consumes exactly one byte.
size_t decode_utf8(std::string_view text, size_t pos, char32_t* cp);

// Appends the UTF-8 form of cp (values above U+10FFFF append U+FFFD).
void append_utf8(std::string& out, char32_t cp);

// Length of a UTF-8 sequence from its lead byte alone (1 for continuation bytes).
size_t utf8_sequence_length(uint8_t lead);

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace unicode
}  // namespace fyr
