// libFuzzer target: the body of POST /v1/chat/completions
// (ChatCompletionRequest::parse), what the API server reads from any client.
// Any input must give a request within the bounds or an error naming what is
// wrong, never a crash, a hang or a sanitizer report.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "server/chat_completion_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using fyr::app::ChatCompletionRequest;
    const QByteArray body(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto r = ChatCompletionRequest::parse(body, &error);
    if (!r) {
        if (error.isEmpty()) std::abort();  // a refusal must say why
        return 0;
    }
    if (r->messages.isEmpty() || r->messages.size() > ChatCompletionRequest::kMaxMessages) std::abort();
    if (r->stop.size() > ChatCompletionRequest::kMaxStops) std::abort();
    if (r->maxTokens && (*r->maxTokens < 1 || *r->maxTokens > ChatCompletionRequest::kMaxTokensLimit)) std::abort();
    if (r->temperature && (*r->temperature < 0 || *r->temperature > 2)) std::abort();
    if (r->topP && (*r->topP < 0 || *r->topP > 1)) std::abort();
    return 0;
}
