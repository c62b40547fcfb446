// Byte-level BPE encoding of one pre-tokenized word: the word's bytes map to
// the GPT-2 byte alphabet (every byte a printable code point), then the
// adjacent pair with the lowest merge rank is merged (leftmost on ties) until
// no ranked pair remains. Symbols are interned ids, so a merge step compares
// integers and allocates nothing.
//
// Thread-safe: encode_word() is const; its working memory is the caller's Scratch.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fyr {

class Vocab;

class BpeEncoder final {
public:
    // ignore_merges: a word that is itself a token is emitted whole (Llama 3).
    BpeEncoder(const Vocab& vocab, bool ignore_merges);

    struct Scratch {
        struct Symbol {
            int32_t sym;  // interned text, -1 once merged into its left neighbour
            int32_t prev;
            int32_t next;
        };
        struct Pair {
            int32_t rank;
            int32_t left;
            int32_t right;
            int32_t left_sym;
            int32_t right_sym;
            int32_t result;
        };
        std::vector<Symbol> symbols;
        std::vector<Pair> heap;
        std::string encoded;
    };

    void encode_word(std::string_view word, Scratch* scratch, std::vector<int32_t>* out) const;

    // GPT-2 byte alphabet: byte -> code point and back (-1: not in the alphabet).
    static char32_t byte_to_code_point(uint8_t byte);
    static int code_point_to_byte(char32_t cp);

private:
    struct Merge {
        int32_t rank;
        int32_t result;
    };
    struct Hash {
        size_t operator()(uint64_t key) const {
            key ^= key >> 33;
            key *= 0xff51afd7ed558ccdULL;
            key ^= key >> 33;
            return static_cast<size_t>(key);
        }
    };
    int32_t intern(std::string_view text, std::unordered_map<std::string, int32_t>* index);
    std::string_view symbol_text(int32_t sym) const;

    const Vocab& m_vocab;
    bool m_ignore_merges;
    int32_t m_byte_sym[256];
    int32_t m_single_byte_token[256];
    std::string m_sym_arena;
    std::vector<uint32_t> m_sym_offset;  // n_syms + 1 entries
    std::vector<int32_t> m_sym_token;    // token id of each interned text, -1 if none
    std::unordered_map<uint64_t, Merge, Hash> m_merges;
};

}  // namespace fyr
