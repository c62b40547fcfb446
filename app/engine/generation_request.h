// What to generate: a conversation (rendered with the model's chat template) or a
// raw prompt, and how to sample.
//
//   fyr::app::GenerationRequest r;
//   r.messages = {{QStringLiteral("user"), QStringLiteral("Once upon a time")}};
//   r.maxTokens = 64;
//   r.temperature = 0;   // greedy
//   const quint64 id = bridge.generate(r);
//
// Plain data; copy it between threads freely.
#pragma once

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

#include "engine/chat_message.h"
#include "guard/guard.h"

namespace fyr::app {

struct GenerationRequest {
    // The conversation so far, ending with the user's turn. A model with a chat
    // template sees all of it; one without gets the last user message as plain text.
    Conversation messages;
    // When not empty: complete this text as it is (no template) and ignore `messages`.
    QString prompt;

    int maxTokens = 512;          // <= 0: until the end of text or a full context
    float temperature = 0.7f;     // <= 0: greedy (the most likely token; the other sampling settings are ignored)
    float topP = 0.95f;           // >= 1: off
    int topK = 40;                // <= 0: off
    float minP = 0.05f;           // <= 0: off
    float repeatPenalty = 1.0f;   // 1: off
    std::optional<quint64> seed;  // none: a new random seed for each request
    QStringList stop;             // end before the first occurrence of any of these
    bool ignoreEos = false;       // keep going past end-of-text tokens

    // When set, the user's last message is checked before the model sees it (a
    // block ends the request with finish reason "guard", a redaction is what the
    // model reads) and the answer as it streams (a block stops it; redactions are
    // applied to the final text). Results and times come back in GenerationStats.
    std::shared_ptr<const guard::Guard> guard;
    guard::GuardContext guardContext;
    // The user's message was checked already (by the request gate, which keeps the
    // record): its verdict, taken as the input check instead of checking again. The
    // message must be the text that check allowed (redactions applied).
    std::optional<guard::GuardResult> checkedInput;

    // Tracing (with EngineWorker::setTraceStore): the caller's W3C trace context,
    // continued by the request's trace (empty or invalid: a trace of its own),
    // and the id the trace is kept under ("" : "chat-<id>").
    QString traceparent;
    QString tracestate;
    QString requestId;
};

}  // namespace fyr::app
