// Generated tokens to text for display, ending at stop strings: each push()
// returns the text that can be shown now — complete UTF-8 (StreamingDetokenizer)
// minus any tail that could still grow into a stop string — and once a stop
// string appears, the text before it and stopped() == true.
//
//   fyr::TextStream text(*tokenizer, {"\nUser:"});
//   text.prime(prompt);                      // so the answer keeps its leading space
//   for (int32_t id : generated) {
//       show(text.push(id));
//       if (text.stopped()) break;           // the stop string itself is never returned
//   }
//   show(text.finish());                     // what was held back (nothing after a stop)
//
// Not thread-safe: one per generation. The Tokenizer must outlive it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fyr/streaming_detokenizer.h"

namespace fyr {

class Tokenizer;

class TextStream final {
public:
    // Empty strings among `stop` are ignored.
    TextStream(const Tokenizer& tokenizer, std::vector<std::string> stop);

    // Feeds the tokens the output follows (the prompt) through the detokenizer,
    // as text that is never returned: a SentencePiece answer then keeps the space
    // it starts with, as it would in the whole text.
    void prime(std::span<const int32_t> context);

    // The text `id` completes that can be handed out now; "" after a stop.
    std::string push(int32_t id);
    // The rest: held-back bytes (a stop string's possible start, an unfinished
    // character as U+FFFD); "" after a stop.
    std::string finish();

    bool stopped() const { return m_stopped; }

private:
    // Length of the longest suffix of m_pending that is a proper prefix of a stop string.
    size_t held_back() const;

    StreamingDetokenizer m_detok;
    std::vector<std::string> m_stop;
    std::string m_pending;  // decoded, not yet returned: a possible start of a stop string
    bool m_stopped = false;
};

}  // namespace fyr
