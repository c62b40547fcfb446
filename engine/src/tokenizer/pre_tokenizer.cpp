#include "pre_tokenizer.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

#include "fyr/unicode.h"

namespace fyr {
namespace {

using unicode::flags;
using Range = PreTokenizer::Range;
using Stage = PreTokenizer::Stage;

constexpr uint8_t k_l = unicode::k_letter;
constexpr uint8_t k_n = unicode::k_number;
constexpr uint8_t k_p = unicode::k_punctuation;
constexpr uint8_t k_s = unicode::k_whitespace;
constexpr uint8_t k_valid = unicode::k_valid;
constexpr size_t k_unbounded = static_cast<size_t>(-1);

// The text being split, with each code point's flags looked up once.
struct Text {
    const char32_t* cp;
    const uint8_t* fl;
};

bool is_crlf(char32_t c) { return c == '\r' || c == '\n'; }
char32_t ascii_lower(char32_t c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }
// [^\s\p{L}\p{N}] over a real code point.
bool is_other(uint8_t f) { return (f & k_valid) && !(f & (k_s | k_l | k_n)); }

// Length of an English contraction suffix at p ('s 't 're 've 'm 'll 'd), or 0.
size_t contraction(const Text& t, size_t p, size_t end, bool any_case) {
    if (t.cp[p] != '\'' || p + 1 >= end) return 0;
    const auto norm = [&](char32_t c) { return any_case ? ascii_lower(c) : c; };
    const char32_t a = norm(t.cp[p + 1]);
    if (a == 's' || a == 't' || a == 'm' || a == 'd') return 2;
    if (p + 2 < end) {
        const char32_t b = norm(t.cp[p + 2]);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) return 3;
    }
    return 0;
}

// Whitespace handling shared by the GPT-2 and Llama-3 patterns once nothing else
// matched at p: `\s+(?!\S)` keeps the last space of a run for the word after
// it; `\s+` takes a run that ends the piece. A lone whitespace character before
// a word is matched by Llama-3's final `\s+` and by nothing in the GPT-2
// pattern; either way it becomes a piece of its own.
size_t whitespace_run(const Text& t, size_t p, size_t end) {
    size_t q = p;
    while (q < end && (t.fl[q] & k_s)) ++q;
    const size_t n = q - p;
    if (n > 1 && q < end) return n - 1;
    if (n > 0) return n;
    return 1;  // nothing matched: the code point is a piece of its own
}

// 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)
size_t match_gpt2(const Text& t, size_t p, size_t end) {
    if (const size_t n = contraction(t, p, end, false)) return n;
    const bool space = t.cp[p] == ' ';
    const uint8_t f2 = space ? (p + 1 < end ? t.fl[p + 1] : 0) : t.fl[p];
    const size_t start = p + (space ? 1 : 0);
    size_t q = start;
    if (f2 & k_l) {
        while (q < end && (t.fl[q] & k_l)) ++q;
        return q - p;
    }
    if (f2 & k_n) {
        while (q < end && (t.fl[q] & k_n)) ++q;
        return q - p;
    }
    if (is_other(f2)) {
        while (q < end && is_other(t.fl[q])) ++q;
        return q - p;
    }
    return whitespace_run(t, p, end);
}

// (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,max_digits}|
//  ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
size_t match_llama3(const Text& t, size_t p, size_t end, size_t max_digits) {
    if (const size_t n = contraction(t, p, end, true)) return n;
    const char32_t c = t.cp[p];
    const uint8_t f = t.fl[p];
    if (!is_crlf(c) && !(f & k_n) && ((f & k_l) || (p + 1 < end && (t.fl[p + 1] & k_l)))) {
        size_t q = p + 1;
        while (q < end && (t.fl[q] & k_l)) ++q;
        return q - p;
    }
    if (f & k_n) {
        size_t q = p;
        while (q < end && (t.fl[q] & k_n) && q - p < max_digits) ++q;
        return q - p;
    }
    const bool space = c == ' ';
    const uint8_t f2 = space ? (p + 1 < end ? t.fl[p + 1] : 0) : f;
    if (is_other(f2) || (space && p + 1 == end)) {
        size_t q = p + (space ? 1 : 0);
        while (q < end && is_other(t.fl[q])) ++q;
        while (q < end && is_crlf(t.cp[q])) ++q;
        return q - p;
    }
    size_t q = p;
    size_t last_newline_end = 0;
    while (q < end && (t.fl[q] & k_s)) {
        if (is_crlf(t.cp[q])) last_newline_end = q + 1;
        ++q;
    }
    if (last_newline_end) return last_newline_end - p;  // \s*[\r\n]+
    return whitespace_run(t, p, end);
}

// The letter class of the deepseek-llm pattern: the cased letters of the
// Unicode version that pattern was written against, as explicit code point
// ranges (later cased letters, e.g. U+A790.. or U+1D400.., are not in it).
struct CodePointRange {
    char32_t first;
    char32_t last;
};
constexpr CodePointRange k_deepseek_letters[] = {
    {0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x1BA},
    {0x1BC, 0x1BF}, {0x1C4, 0x293}, {0x295, 0x2AF}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D},
    {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5},
    {0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x10A0, 0x10C5}, {0x13A0, 0x13F5}, {0x13F8, 0x13FD},
    {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1D00, 0x1D2B}, {0x1D6B, 0x1D77}, {0x1D79, 0x1D9A}, {0x1E00, 0x1F15},
    {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
    {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4},
    {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC},
    {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124},
    {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2134}, {0x2139, 0x2139}, {0x213C, 0x213F},
    {0x2145, 0x2149}, {0x214E, 0x214E}, {0x2183, 0x2184}, {0x2C00, 0x2C7B}, {0x2C7E, 0x2CE4}, {0x2CEB, 0x2CEE},
    {0x2CF2, 0x2CF3}, {0xA640, 0xA66D}, {0xA680, 0xA69B}, {0xA722, 0xA76F}, {0xA771, 0xA787}, {0xA78B, 0xA78E},
    {0xAB70, 0xABBF}, {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F},
    {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x118A0, 0x118DF},
    {0x1E900, 0x1E943},
};

bool is_deepseek_letter(char32_t c, uint8_t f) {
    // Every range holds cased letters only, so the flag rules most text out fast.
    if (!(f & unicode::k_cased)) return false;
    const auto* end = std::end(k_deepseek_letters);
    const auto* it = std::upper_bound(std::begin(k_deepseek_letters), end, c,
                                      [](char32_t v, const CodePointRange& r) { return v < r.first; });
    return it != std::begin(k_deepseek_letters) && c <= (it - 1)->last;
}

// Character classes of the simple patterns. Non-ASCII whitespace never belongs
// to an explicit code point range (those patterns treat it as \s only).
bool in_class(Stage stage, char32_t c, uint8_t f) {
    switch (stage) {
    case Stage::PunctSymbolRuns:
        return (f & k_p) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' ||
               c == '|';
    case Stage::FalconPunctRuns:
        return (f & k_p) || c == '$' || c == '+' || c == '<' || c == '=' || c == '>' || c == '^' || c == '~' ||
               c == '|' || c == '`';
    case Stage::NumberRuns:
    case Stage::SingleNumber: return f & k_n;
    case Stage::ThreeDigits: return c >= '0' && c <= '9';
    case Stage::SingleNewline: return is_crlf(c);
    case Stage::SpaceCasedLetters: return is_deepseek_letter(c, f);
    case Stage::SpaceAsciiPunct:
        return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x7E) || (c >= 0xFF01 && c <= 0xFF0F) ||
               (c >= 0xFF1A && c <= 0xFF5E) || (c >= 0x2018 && c <= 0x201F) || (c >= 0x3001 && c <= 0x3002);
    case Stage::CjkRuns:
        return !(f & k_s) && ((c >= 0x0800 && c <= 0x9FA5) || (c >= 0xAC00 && c <= 0xD7FF));
    case Stage::SpaceLetters: return f & k_l;
    case Stage::SpacePunct: return f & k_p;
    default: return false;
    }
}

struct RunShape {
    bool space_prefix;  // \s? in front
    size_t min;
    size_t max;
};

RunShape shape_of(Stage stage) {
    switch (stage) {
    case Stage::SingleNumber:
    case Stage::SingleNewline: return {false, 1, 1};
    case Stage::ThreeDigits: return {false, 3, 3};
    case Stage::SpaceCasedLetters:
    case Stage::SpaceAsciiPunct:
    case Stage::SpaceLetters:
    case Stage::SpacePunct: return {true, 1, k_unbounded};
    default: return {false, 1, k_unbounded};
    }
}

// X?C{min,max} at p: the length of the match, or 0.
size_t match_run(const Text& t, Stage stage, RunShape shape, size_t p, size_t end) {
    size_t start = p;
    if (shape.space_prefix && (t.fl[p] & k_s) && p + 1 < end && in_class(stage, t.cp[p + 1], t.fl[p + 1])) {
        start = p + 1;
    }
    size_t q = start;
    while (q < end && q - start < shape.max && in_class(stage, t.cp[q], t.fl[q])) ++q;
    return q - start >= shape.min ? q - p : 0;
}

void apply(const Text& t, Stage stage, Range r, std::vector<Range>* out) {
    if (stage == Stage::Gpt2Words || stage == Stage::Llama3Words || stage == Stage::Qwen2Words) {
        // These patterns give every code point a piece: no gaps to merge.
        for (size_t p = r.begin; p < r.end;) {
            const size_t n = stage == Stage::Gpt2Words     ? match_gpt2(t, p, r.end)
                             : stage == Stage::Llama3Words ? match_llama3(t, p, r.end, 3)
                                                           : match_llama3(t, p, r.end, 1);
            out->push_back({p, p + n});
            p += n;
        }
        return;
    }
    if (stage == Stage::TrailingSpace) {
        // \s+$ : the whitespace run that ends the piece, if any.
        size_t q = r.end;
        while (q > r.begin && (t.fl[q - 1] & k_s)) --q;
        if (q > r.begin) out->push_back({r.begin, q});
        if (q < r.end) out->push_back({q, r.end});
        return;
    }
    // A regex search: matches become pieces, and so does the text between them.
    const RunShape shape = shape_of(stage);
    size_t gap = r.begin;
    for (size_t p = r.begin; p < r.end;) {
        const size_t n = match_run(t, stage, shape, p, r.end);
        if (n == 0) {
            ++p;
            continue;
        }
        if (gap < p) out->push_back({gap, p});
        out->push_back({p, p + n});
        p += n;
        gap = p;
    }
    if (gap < r.end) out->push_back({gap, r.end});
}

}  // namespace

PreTokenizer PreTokenizer::for_name(std::string_view name, bool* known) {
    PreTokenizer pt;
    *known = true;
    if (name == "llama3" || name == "llama-v3" || name == "llama-bpe" || name == "falcon3" || name == "dbrx" ||
        name == "smaug-bpe") {
        pt.m_stages = {Stage::Llama3Words};
    } else if (name == "qwen2" || name == "deepseek-r1-qwen" || name == "stablelm2" || name == "megrez") {
        pt.m_stages = {Stage::Qwen2Words};
    } else if (name == "gpt-2" || name == "phi-2" || name == "mpt" || name == "olmo" || name == "jais" ||
               name == "roberta-bpe") {
        pt.m_stages = {Stage::Gpt2Words};
    } else if (name == "starcoder" || name == "refact" || name == "command-r" || name == "smollm" ||
               name == "codeshell" || name == "exaone" || name == "minerva-7b") {
        pt.m_stages = {Stage::SingleNumber, Stage::Gpt2Words};
    } else if (name == "falcon") {
        pt.m_stages = {Stage::FalconPunctRuns, Stage::Gpt2Words, Stage::ThreeDigits};
    } else if (name == "deepseek-llm") {
        pt.m_stages = {Stage::SingleNewline, Stage::SpaceCasedLetters, Stage::SpaceAsciiPunct,
                       Stage::TrailingSpace,  Stage::CjkRuns,           Stage::NumberRuns};
    } else if (name == "deepseek-coder") {
        pt.m_stages = {Stage::SingleNewline, Stage::SpaceLetters, Stage::SpacePunct, Stage::CjkRuns,
                       Stage::SingleNumber};
    } else {
        // "default", and vocabularies converted before pre types existed
        // (gpt-neox, baichuan).
        *known = name == "default" || name == "gpt-neox" || name == "baichuan";
        pt.m_stages = {Stage::PunctSymbolRuns, Stage::Gpt2Words, Stage::NumberRuns, Stage::ThreeDigits};
    }
    return pt;
}

void PreTokenizer::split(const std::u32string& cpts, std::vector<Range>* out) const {
    out->clear();
    if (cpts.empty()) return;
    std::vector<uint8_t> fl(cpts.size());
    for (size_t i = 0; i < cpts.size(); ++i) fl[i] = flags(cpts[i]);
    const Text t{cpts.data(), fl.data()};
    std::vector<Range> current{{0, cpts.size()}};
    for (const Stage stage : m_stages) {
        out->clear();
        for (const Range& r : current) apply(t, stage, r, out);
        current.swap(*out);
    }
    out->swap(current);
}

}  // namespace fyr
