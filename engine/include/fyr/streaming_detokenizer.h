// Turns token ids into text one id at a time for display while generating:
// push() returns only complete, well-formed UTF-8, holding back the start of a
// multi-byte character whose remaining bytes come with later tokens.
//
//   fyr::StreamingDetokenizer stream(*tokenizer);
//   for (int32_t id : generated) std::fputs(stream.push(id).c_str(), stdout);
//   std::fputs(stream.flush().c_str(), stdout);
//
// Bytes that can never become a well-formed character (a stray continuation
// byte, an overlong form, a surrogate, 0xF8..0xFF) come out as U+FFFD, one per
// byte; flush() ends a character still incomplete with one U+FFFD. As decode(),
// the first piece of a SentencePiece vocabulary loses its leading space.
//
// Not thread-safe: one stream per generation. The Tokenizer must outlive it.
#pragma once

#include <cstdint>
#include <string>

namespace fyr {

class Tokenizer;

class StreamingDetokenizer final {
public:
    // special: show control tokens' text (as Tokenizer::token_to_piece).
    explicit StreamingDetokenizer(const Tokenizer& tokenizer, bool special = false);

    std::string push(int32_t token_id);
    std::string flush();
    void reset();
    // Bytes held back, waiting for the rest of a character.
    size_t pending_bytes() const { return m_pending.size(); }

private:
    const Tokenizer& m_tokenizer;
    bool m_special;
    bool m_first = true;
    std::string m_pending;
};

}  // namespace fyr
