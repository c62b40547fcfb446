// The body of an OpenAI `POST /v1/chat/completions`, read strictly: what the API
// server takes from a client it does not trust. Fields honoured: model,
// messages (role and content strings), max_tokens / max_completion_tokens,
// temperature, top_p, seed, stop (a string or a list of them), stream; other
// fields are ignored. Every refusal names the field ("messages[2].content:
// expected a string").
//
//   QString error;
//   const auto r = fyr::app::ChatCompletionRequest::parse(body, &error);
//   if (!r) return badRequest(error);
//   generate(r->messages, r->maxTokens.value_or(256), ...);
//
// Bounds: the body at most kMaxBodyBytes, at most kMaxMessages messages and
// kMaxStops stop strings, numbers in the ranges OpenAI documents.
//
// Thread-safety: parse() is a pure function.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <optional>

#include "engine/chat_message.h"

namespace fyr::app {

struct ChatCompletionRequest {
    Q_DECLARE_TR_FUNCTIONS(fyr::app::ChatCompletionRequest)
public:
    static constexpr qsizetype kMaxBodyBytes = 1024 * 1024;
    static constexpr int kMaxMessages = 256;
    static constexpr int kMaxStops = 4;
    static constexpr int kMaxTokensLimit = 1 << 20;

    QString model;
    Conversation messages;              // at least one; roles system, user, assistant (or developer, read as system)
    std::optional<int> maxTokens;       // max_completion_tokens, else max_tokens
    std::optional<double> temperature;  // 0 .. 2
    std::optional<double> topP;         // 0 .. 1
    std::optional<quint64> seed;        // a whole number >= 0
    QStringList stop;
    bool stream = false;

    // The request, or nullopt with `error` naming the field and what was wrong.
    static std::optional<ChatCompletionRequest> parse(const QByteArray& body, QString* error);
};

}  // namespace fyr::app
