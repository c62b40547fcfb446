#include "fyr/text_stream.h"

#include <algorithm>
#include <string_view>
#include <utility>

namespace fyr {

TextStream::TextStream(const Tokenizer& tokenizer, std::vector<std::string> stop) : m_detok(tokenizer) {
    for (std::string& s : stop) {
        if (s.empty()) continue;
        m_stop.push_back(std::move(s));
    }
}

void TextStream::prime(std::span<const int32_t> context) {
    for (int32_t id : context) m_detok.push(id);
}

size_t TextStream::held_back() const {
    const std::string_view text(m_pending);
    size_t keep = 0;
    for (const std::string& s : m_stop) {
        const size_t max_len = std::min(text.size(), s.size() - 1);
        for (size_t len = max_len; len > keep; --len) {
            if (text.substr(text.size() - len) == std::string_view(s).substr(0, len)) {
                keep = len;
                break;
            }
        }
    }
    return keep;
}

std::string TextStream::push(int32_t id) {
    if (m_stopped) return {};
    m_pending += m_detok.push(id);
    if (m_stop.empty()) return std::exchange(m_pending, {});

    size_t hit = std::string::npos;
    for (const std::string& s : m_stop) {
        const size_t at = m_pending.find(s);
        if (at != std::string::npos) hit = std::min(hit, at);
    }
    if (hit != std::string::npos) {
        m_stopped = true;
        m_pending.resize(hit);
        return std::exchange(m_pending, {});
    }
    const size_t n = m_pending.size() - held_back();
    std::string out = m_pending.substr(0, n);
    m_pending.erase(0, n);  // shorter than the longest stop string
    return out;
}

std::string TextStream::finish() {
    if (m_stopped) return {};
    m_pending += m_detok.flush();
    return std::exchange(m_pending, {});
}

}  // namespace fyr
