// SentencePiece-style encoding of one piece of text (spaces already escaped as
// U+2581): start from single UTF-8 characters, repeatedly merge the adjacent
// pair whose concatenation is the highest-scoring vocabulary token (leftmost on
// ties), and spell any character without a token as <0xXX> byte tokens.
//
// Thread-safe: encode() is const and keeps its state on the caller's stack.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace fyr {

class Vocab;

class SpmEncoder final {
public:
    explicit SpmEncoder(const Vocab& vocab);
    void encode(std::string_view text, std::vector<int32_t>* out) const;
    // The token for one raw byte: <0xXX>, else the one-byte text, else UNK (-1 if none).
    int32_t byte_token(uint8_t byte) const { return m_byte_token[byte]; }

private:
    const Vocab& m_vocab;
    int32_t m_byte_token[256];
};

}  // namespace fyr
