#include "bpe_encoder.h"

#include <algorithm>

#include "fyr/unicode.h"
#include "fyr/vocab.h"

namespace fyr {
namespace {

// Bytes that are printable on their own keep their value; the rest are moved,
// in order, to U+0100 onwards.
bool printable_byte(unsigned b) { return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE; }

struct PairGreater {
    bool operator()(const BpeEncoder::Scratch::Pair& a, const BpeEncoder::Scratch::Pair& b) const {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

uint64_t pair_key(int32_t left, int32_t right) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32) | static_cast<uint32_t>(right);
}

}  // namespace

char32_t BpeEncoder::byte_to_code_point(uint8_t byte) {
    if (printable_byte(byte)) return byte;
    unsigned n = 0;
    for (unsigned b = 0; b < byte; ++b) n += printable_byte(b) ? 0 : 1;
    return 0x100 + n;
}

int BpeEncoder::code_point_to_byte(char32_t cp) {
    static const std::vector<int> reverse = [] {
        std::vector<int> r(0x200, -1);
        for (unsigned b = 0; b < 256; ++b) r[byte_to_code_point(static_cast<uint8_t>(b))] = static_cast<int>(b);
        return r;
    }();
    return cp < reverse.size() ? reverse[cp] : -1;
}

int32_t BpeEncoder::intern(std::string_view text, std::unordered_map<std::string, int32_t>* index) {
    const auto [it, inserted] = index->try_emplace(std::string(text), static_cast<int32_t>(m_sym_token.size()));
    if (inserted) {
        m_sym_arena += text;
        m_sym_offset.push_back(static_cast<uint32_t>(m_sym_arena.size()));
        m_sym_token.push_back(m_vocab.find(text));
    }
    return it->second;
}

std::string_view BpeEncoder::symbol_text(int32_t sym) const {
    const size_t i = static_cast<size_t>(sym);
    return std::string_view(m_sym_arena).substr(m_sym_offset[i], m_sym_offset[i + 1] - m_sym_offset[i]);
}

BpeEncoder::BpeEncoder(const Vocab& vocab, bool ignore_merges) : m_vocab(vocab), m_ignore_merges(ignore_merges) {
    std::unordered_map<std::string, int32_t> index;
    index.reserve(vocab.merges().size() * 2 + 512);
    m_sym_offset.push_back(0);
    for (int b = 0; b < 256; ++b) {
        std::string s;
        unicode::append_utf8(s, byte_to_code_point(static_cast<uint8_t>(b)));
        m_byte_sym[b] = intern(s, &index);
        m_single_byte_token[b] = vocab.find(std::string(1, static_cast<char>(b)));
    }
    m_merges.reserve(vocab.merges().size());
    std::string joined;
    int32_t rank = 0;
    for (const auto& [left, right] : vocab.merges()) {
        joined.assign(left).append(right);
        const int32_t l = intern(left, &index);
        const int32_t r = intern(right, &index);
        const int32_t result = intern(joined, &index);
        m_merges.try_emplace(pair_key(l, r), Merge{rank, result});  // the first rank of a pair counts
        ++rank;
    }
}

void BpeEncoder::encode_word(std::string_view word, Scratch* scratch, std::vector<int32_t>* out) const {
    if (word.empty()) return;
    if (m_ignore_merges) {
        std::string& encoded = scratch->encoded;
        encoded.clear();
        for (const char c : word) unicode::append_utf8(encoded, byte_to_code_point(static_cast<uint8_t>(c)));
        const int32_t id = m_vocab.find(encoded);
        if (id >= 0) {
            out->push_back(id);
            return;
        }
    }
    auto& symbols = scratch->symbols;
    auto& heap = scratch->heap;
    symbols.clear();
    heap.clear();
    const auto n = static_cast<int32_t>(word.size());
    for (int32_t i = 0; i < n; ++i) {
        symbols.push_back({m_byte_sym[static_cast<uint8_t>(word[static_cast<size_t>(i)])], i - 1, i + 1 < n ? i + 1 : -1});
    }
    const auto propose = [&](int32_t left, int32_t right) {
        if (left < 0 || right < 0) return;
        const int32_t ls = symbols[static_cast<size_t>(left)].sym;
        const int32_t rs = symbols[static_cast<size_t>(right)].sym;
        const auto it = m_merges.find(pair_key(ls, rs));
        if (it == m_merges.end()) return;
        heap.push_back({it->second.rank, left, right, ls, rs, it->second.result});
        std::push_heap(heap.begin(), heap.end(), PairGreater());
    };
    for (int32_t i = 1; i < n; ++i) propose(i - 1, i);
    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), PairGreater());
        const Scratch::Pair p = heap.back();
        heap.pop_back();
        auto& l = symbols[static_cast<size_t>(p.left)];
        auto& r = symbols[static_cast<size_t>(p.right)];
        // Stale: either side changed since the pair was proposed.
        if (l.sym != p.left_sym || r.sym != p.right_sym) continue;
        l.sym = p.result;
        r.sym = -1;
        l.next = r.next;
        if (r.next >= 0) symbols[static_cast<size_t>(r.next)].prev = p.left;
        propose(l.prev, p.left);
        propose(p.left, l.next);
    }
    for (int32_t i = 0; i >= 0; i = symbols[static_cast<size_t>(i)].next) {
        const int32_t sym = symbols[static_cast<size_t>(i)].sym;
        const int32_t id = m_sym_token[static_cast<size_t>(sym)];
        if (id >= 0) {
            out->push_back(id);
            continue;
        }
        // Not a token (a vocabulary without that byte or merge result): keep
        // whichever single bytes of its spelling are tokens.
        for (const char c : symbol_text(sym)) {
            const int32_t byte_id = m_single_byte_token[static_cast<uint8_t>(c)];
            if (byte_id >= 0) out->push_back(byte_id);
        }
    }
}

}  // namespace fyr
