// How one generation went: token counts, time to first token, speeds, and why it
// ended. Sent with EngineBridge::finished().
//
//   connect(&bridge, &EngineBridge::finished, this, [](quint64 id, const GenerationStats& s) {
//       qDebug() << id << s.ttftMs << "ms to the first token," << s.tokensPerSecond << "tok/s";
//   });
//
// Plain data; copy it between threads freely.
#pragma once

#include <optional>

#include <QString>

#include "guard/guard.h"

namespace fyr::app {

struct GenerationStats {
    int promptTokens = 0;              // the whole prompt, template included
    int cachedTokens = 0;              // of those, reused from the previous turn's KV cache (not evaluated again)
    int generatedTokens = 0;           // sampled tokens, a final end-of-text token not counted
    double ttftMs = 0;                 // from the request's start on the engine thread to the first token
    double promptTokensPerSecond = 0;  // prompt tokens evaluated (not the cached ones) per second
    double tokensPerSecond = 0;        // generated tokens per second after the first
    double totalMs = 0;                // the whole request on the engine thread
    // This request's share of the engine's time: each step's time shared among
    // the requests in its batch by their tokens (RequestCostMeter), so requests
    // that ran together are not each charged the whole step. Its energy the same
    // way when the device's energy is measured per step, else none.
    double engineSeconds = 0;
    std::optional<double> joules;
    // The most KV-cache memory the request held at once, bytes
    // (fyr::RequestMetrics::kv_peak_bytes); unset where the runtime did not run it.
    std::optional<int64_t> kvPeakBytes;
    // "length" (maxTokens reached), "eos" (the model ended its answer), "stop" (a stop
    // string), "cancelled" (stop() was called), "context" (the context is full) or
    // "guard" (the guard blocked the prompt or the answer).
    QString finishReason;
    // Everything textStreamed() delivered for this request; with a guard, the
    // answer as it may be shown (redactions applied).
    QString text;

    bool guarded = false;              // the request went through a guard
    guard::GuardResult guardInput;     // the verdict on the user's message
    guard::GuardResult guardOutput;    // the verdict on the answer (the last check of it)
    int64_t guardMicros = 0;           // all guard checks of this request together

    // With a trace store set: the id the request's spans are kept under and its trace.
    QString requestId;
    QString traceId;  // 32 hex digits
};

}  // namespace fyr::app
