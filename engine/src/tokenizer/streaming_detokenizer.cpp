#include "fyr/streaming_detokenizer.h"

#include "fyr/tokenizer.h"
#include "fyr/unicode.h"

namespace fyr {
namespace {

constexpr std::string_view k_replacement_utf8 = "\xEF\xBF\xBD";

bool is_continuation(uint8_t b) { return (b & 0xC0) == 0x80; }

// Whether bytes [pos, end) can still grow into a well-formed character.
bool could_complete(std::string_view s, size_t pos) {
    const auto lead = static_cast<uint8_t>(s[pos]);
    if (lead < 0xC2 || lead > 0xF4) return false;
    for (size_t i = pos + 1; i < s.size(); ++i) {
        if (!is_continuation(static_cast<uint8_t>(s[i]))) return false;
    }
    // The second byte narrows what the first allows (no overlongs, surrogates
    // or values above U+10FFFF).
    if (s.size() > pos + 1) {
        const auto b1 = static_cast<uint8_t>(s[pos + 1]);
        if ((lead == 0xE0 && b1 < 0xA0) || (lead == 0xED && b1 > 0x9F) || (lead == 0xF0 && b1 < 0x90) ||
            (lead == 0xF4 && b1 > 0x8F)) {
            return false;
        }
    }
    return true;
}

}  // namespace

StreamingDetokenizer::StreamingDetokenizer(const Tokenizer& tokenizer, bool special)
    : m_tokenizer(tokenizer), m_special(special) {}

void StreamingDetokenizer::reset() {
    m_first = true;
    m_pending.clear();
}

std::string StreamingDetokenizer::push(int32_t token_id) {
    std::string piece = m_tokenizer.token_to_piece(token_id, m_special);
    if (m_first && !piece.empty()) {
        if (m_tokenizer.strips_leading_space() && piece[0] == ' ') piece.erase(0, 1);
        m_first = false;
    }
    m_pending += piece;

    std::string out;
    const std::string_view s(m_pending);
    size_t pos = 0;
    while (pos < s.size()) {
        const auto lead = static_cast<uint8_t>(s[pos]);
        const size_t len = unicode::utf8_sequence_length(lead);
        if (lead < 0x80) {
            out.push_back(s[pos++]);
            continue;
        }
        if (pos + len > s.size()) {
            if (could_complete(s, pos)) break;  // wait for the next token
            out += k_replacement_utf8;
            ++pos;
            continue;
        }
        if (len > 1 && unicode::is_valid_utf8(s.substr(pos, len))) {
            out += s.substr(pos, len);
            pos += len;
        } else {
            out += k_replacement_utf8;
            ++pos;
        }
    }
    m_pending.erase(0, pos);
    return out;
}

std::string StreamingDetokenizer::flush() {
    std::string out;
    if (!m_pending.empty()) out = std::string(k_replacement_utf8);
    m_pending.clear();
    return out;
}

}  // namespace fyr
