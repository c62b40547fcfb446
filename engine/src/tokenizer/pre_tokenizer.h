// Splits text into the words that BPE merges never cross, following the
// pre-tokenizer regex of each `tokenizer.ggml.pre` type. The regexes are not
// interpreted: each is a hand-written matcher over code points (see the .cpp),
// applied in sequence, each one splitting the pieces the previous one produced.
//
// Thread-safe: split() is const and keeps its state on the caller's stack.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace fyr {

class PreTokenizer final {
public:
    // One piece as a [begin, end) range of code point indexes.
    struct Range {
        size_t begin;
        size_t end;
    };
    // The matchers a pre type applies, in order.
    enum class Stage {
        Gpt2Words,        // 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)
        Llama3Words,      // (?i:'s|...)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+
        Qwen2Words,       // the same with \p{N} (one digit per piece)
        PunctSymbolRuns,  // [\p{P}\$\+<=>\^~\|]+
        FalconPunctRuns,  // [\p{P}\$\+<=>\^~\|`]+
        NumberRuns,       // \p{N}+
        SingleNumber,     // \p{N}
        ThreeDigits,      // [0-9][0-9][0-9]
        SingleNewline,    // [\r\n]
        SpaceCasedLetters,  // \s?[A-Za-z\u00B5\u00C0-...]+ (an explicit list of cased letters)
        SpaceAsciiPunct,    // \s?[!-/:-~！-／：-～‘-‟　-。]+
        TrailingSpace,      // \s+$
        CjkRuns,            // [一-龥ࠀ-一가-퟿]+
        SpaceLetters,       // \s?\p{L}+
        SpacePunct,         // \s?\p{P}+
    };

    // Unknown names give the default stages and set *known to false.
    static PreTokenizer for_name(std::string_view pre_name, bool* known);

    // Splits `cpts` into pieces appended to `out` (cleared first).
    void split(const std::u32string& cpts, std::vector<Range>* out) const;

    const std::vector<Stage>& stages() const { return m_stages; }

private:
    std::vector<Stage> m_stages;
};

}  // namespace fyr
