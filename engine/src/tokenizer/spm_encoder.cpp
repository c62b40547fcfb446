#include "spm_encoder.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "fyr/unicode.h"
#include "fyr/vocab.h"

namespace fyr {
namespace {

struct Symbol {
    int32_t prev;
    int32_t next;
    uint32_t offset;
    uint32_t size;  // 0 once merged into the symbol on its left
};

struct Bigram {
    float score;
    int32_t left;
    int32_t right;
    uint32_t size;  // bytes of both symbols when the pair was proposed
};

// Heap order: highest score first, then the leftmost pair.
struct BigramLess {
    bool operator()(const Bigram& a, const Bigram& b) const {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

}  // namespace

SpmEncoder::SpmEncoder(const Vocab& vocab) : m_vocab(vocab) {
    for (int b = 0; b < 256; ++b) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "<0x%02X>", b);
        int32_t id = vocab.find(hex);
        if (id < 0) id = vocab.find(std::string(1, static_cast<char>(b)));
        if (id < 0) id = vocab.unk_id();
        m_byte_token[b] = id;
    }
}

void SpmEncoder::encode(std::string_view text, std::vector<int32_t>* out) const {
    if (text.empty()) return;
    std::vector<Symbol> symbols;
    symbols.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const size_t n = std::min(unicode::utf8_sequence_length(static_cast<uint8_t>(text[pos])), text.size() - pos);
        const auto index = static_cast<int32_t>(symbols.size());
        symbols.push_back({index - 1, pos + n == text.size() ? -1 : index + 1, static_cast<uint32_t>(pos),
                           static_cast<uint32_t>(n)});
        pos += n;
    }

    std::vector<Bigram> heap;
    const auto propose = [&](int32_t left, int32_t right) {
        if (left < 0 || right < 0) return;
        const Symbol& l = symbols[static_cast<size_t>(left)];
        const Symbol& r = symbols[static_cast<size_t>(right)];
        const int32_t id = m_vocab.find(text.substr(l.offset, l.size + r.size));
        if (id < 0) return;
        heap.push_back({m_vocab.score(id), left, right, l.size + r.size});
        std::push_heap(heap.begin(), heap.end(), BigramLess());
    };
    for (size_t i = 1; i < symbols.size(); ++i) propose(static_cast<int32_t>(i - 1), static_cast<int32_t>(i));

    while (!heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), BigramLess());
        const Bigram b = heap.back();
        heap.pop_back();
        Symbol& l = symbols[static_cast<size_t>(b.left)];
        Symbol& r = symbols[static_cast<size_t>(b.right)];
        // Stale: one side has been merged with something else since.
        if (l.size == 0 || r.size == 0 || l.size + r.size != b.size) continue;
        l.size += r.size;
        r.size = 0;
        l.next = r.next;
        if (r.next >= 0) symbols[static_cast<size_t>(r.next)].prev = b.left;
        propose(l.prev, b.left);
        propose(b.left, l.next);
    }

    for (int32_t i = 0; i >= 0; i = symbols[static_cast<size_t>(i)].next) {
        const Symbol& s = symbols[static_cast<size_t>(i)];
        const std::string_view piece = text.substr(s.offset, s.size);
        const int32_t id = m_vocab.find(piece);
        if (id >= 0) {
            out->push_back(id);
            continue;
        }
        // Merged symbols are always tokens, so this is one character without a
        // token: spell it as bytes.
        for (const char c : piece) {
            const int32_t byte_id = m_byte_token[static_cast<uint8_t>(c)];
            if (byte_id >= 0) out->push_back(byte_id);
        }
    }
}

}  // namespace fyr
