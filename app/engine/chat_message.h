// One turn of a conversation as the engine bridge takes it: a role ("system",
// "user", "assistant") and its text.
//
//   fyr::app::ChatMessage m{QStringLiteral("user"), QStringLiteral("Hej!")};
//
// Plain data; copy it between threads freely.
#pragma once

#include <QList>
#include <QString>

namespace fyr::app {

struct ChatMessage {
    QString role;
    QString content;

    friend bool operator==(const ChatMessage&, const ChatMessage&) = default;
};

using Conversation = QList<ChatMessage>;

}  // namespace fyr::app
