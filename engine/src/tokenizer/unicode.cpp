#include "fyr/unicode.h"

#include <algorithm>
#include <vector>

namespace fyr::unicode_tables {
extern const std::size_t k_n_ranges;
extern const uint32_t k_range_first[];
extern const uint8_t k_range_value[];
}  // namespace fyr::unicode_tables

namespace fyr::unicode {
namespace {

constexpr uint8_t k_space_bit = 0x80;
constexpr uint8_t k_category_mask = 0x1F;

// One byte per code point (category | whitespace bit): 1.1 MB, built once on
// first use, so every lookup in the tokenizer's hot loops is a single load.
const std::vector<uint8_t>& flat_table() {
    static const std::vector<uint8_t> table = [] {
        std::vector<uint8_t> t(k_max_code_point + 1, static_cast<uint8_t>(UnicodeCategory::Cn));
        for (size_t i = 0; i < unicode_tables::k_n_ranges; ++i) {
            const uint32_t first = unicode_tables::k_range_first[i];
            const uint32_t end = i + 1 < unicode_tables::k_n_ranges ? unicode_tables::k_range_first[i + 1]
                                                                    : k_max_code_point + 1;
            std::fill(t.begin() + first, t.begin() + end, unicode_tables::k_range_value[i]);
        }
        return t;
    }();
    return table;
}

uint8_t flags_of_category(UnicodeCategory c) {
    switch (c) {
    case UnicodeCategory::Lu:
    case UnicodeCategory::Ll:
    case UnicodeCategory::Lt: return k_letter | k_cased | k_valid;
    case UnicodeCategory::Lm:
    case UnicodeCategory::Lo: return k_letter | k_valid;
    case UnicodeCategory::Nd:
    case UnicodeCategory::Nl:
    case UnicodeCategory::No: return k_number | k_valid;
    case UnicodeCategory::Pc:
    case UnicodeCategory::Pd:
    case UnicodeCategory::Ps:
    case UnicodeCategory::Pe:
    case UnicodeCategory::Pi:
    case UnicodeCategory::Pf:
    case UnicodeCategory::Po: return k_punctuation | k_valid;
    case UnicodeCategory::Sm:
    case UnicodeCategory::Sc:
    case UnicodeCategory::Sk:
    case UnicodeCategory::So: return k_symbol | k_valid;
    case UnicodeCategory::Invalid: return 0;
    default: return k_valid;
    }
}

struct FlagLut {
    uint8_t v[256];
    FlagLut() : v() {
        for (int i = 0; i < 256; ++i) {
            const auto c = static_cast<UnicodeCategory>(i & k_category_mask);
            v[i] = static_cast<uint8_t>(
                (c <= UnicodeCategory::Invalid ? flags_of_category(c) : 0) | ((i & k_space_bit) ? k_whitespace : 0));
        }
    }
};

const FlagLut k_lut;

}  // namespace

UnicodeCategory category(char32_t cp) {
    if (cp > k_max_code_point) return UnicodeCategory::Invalid;
    return static_cast<UnicodeCategory>(flat_table()[cp] & k_category_mask);
}

uint8_t flags(char32_t cp) {
    if (cp > k_max_code_point) return 0;
    return k_lut.v[flat_table()[cp]];
}

bool is_letter(char32_t cp) { return flags(cp) & k_letter; }
bool is_number(char32_t cp) { return flags(cp) & k_number; }
bool is_punctuation(char32_t cp) { return flags(cp) & k_punctuation; }
bool is_symbol(char32_t cp) { return flags(cp) & k_symbol; }
bool is_cased_letter(char32_t cp) { return flags(cp) & k_cased; }
bool is_whitespace(char32_t cp) { return flags(cp) & k_whitespace; }
bool is_mark(char32_t cp) {
    const auto c = category(cp);
    return c == UnicodeCategory::Mn || c == UnicodeCategory::Mc || c == UnicodeCategory::Me;
}

size_t utf8_sequence_length(uint8_t lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

size_t decode_utf8(std::string_view text, size_t pos, char32_t* cp) {
    const auto byte = [&](size_t i) { return static_cast<uint8_t>(text[i]); };
    const uint8_t b0 = byte(pos);
    const auto is_cont = [&](size_t i) { return i < text.size() && (byte(i) & 0xC0) == 0x80; };
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    if ((b0 & 0xE0) == 0xC0 && is_cont(pos + 1)) {
        *cp = (char32_t(b0 & 0x1F) << 6) | (byte(pos + 1) & 0x3F);
        return 2;
    }
    if ((b0 & 0xF0) == 0xE0 && is_cont(pos + 1) && is_cont(pos + 2)) {
        *cp = (char32_t(b0 & 0x0F) << 12) | (char32_t(byte(pos + 1) & 0x3F) << 6) | (byte(pos + 2) & 0x3F);
        return 3;
    }
    if ((b0 & 0xF8) == 0xF0 && is_cont(pos + 1) && is_cont(pos + 2) && is_cont(pos + 3)) {
        const char32_t v = (char32_t(b0 & 0x07) << 18) | (char32_t(byte(pos + 1) & 0x3F) << 12) |
                           (char32_t(byte(pos + 2) & 0x3F) << 6) | (byte(pos + 3) & 0x3F);
        if (v <= k_max_code_point) {
            *cp = v;
            return 4;
        }
    }
    *cp = k_replacement;
    return 1;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > k_max_code_point) cp = k_replacement;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool is_valid_utf8(std::string_view text) {
    size_t pos = 0;
    while (pos < text.size()) {
        char32_t cp = 0;
        const size_t n = decode_utf8(text, pos, &cp);
        if (cp == k_replacement && n == 1) return false;
        // Reject overlong forms and surrogates, which decode_utf8 lets through.
        const char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[n] || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        pos += n;
    }
    return true;
}

}  // namespace fyr::unicode
