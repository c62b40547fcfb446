// Conversations and their messages, with message content encrypted at rest
// (KeyRing::seal, bound to the message's row), retention and the per-user
// export and erasure that privacy law asks for.
//
//   fyr::app::Conversations c(store, ring);
//   int64_t conv = c.create(userId, QStringLiteral("Release notes"), &err);
//   c.addMessage(conv, QStringLiteral("user"), QStringLiteral("Summarize ..."), &err);
//   QList<fyr::app::Conversations::Message> m = c.messages(conv, &err);   // decrypted; an altered row is an error
//   int removed = c.deleteOlderThan(90, &err);                          // retention, in days
//   QJsonObject all = c.exportUser(userId, &err);                       // everything held about one user
//   c.eraseUser(userId, &err);                                          // and then none of it
//
// Thread-safety: any thread (writes go through the store's writer).
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <cstdint>

namespace fyr::app {

class KeyRing;
class Store;

class Conversations {
public:
    struct Message {
        int64_t id = 0;
        QString role;
        QString content;
        int64_t createdMs = 0;
    };

    Conversations(Store& store, const KeyRing& ring);

    // The new conversation's id, or 0 and *error.
    int64_t create(int64_t userId, const QString& title, QString* error, int64_t nowMs = -1);
    int64_t addMessage(int64_t conversationId, const QString& role, const QString& content, QString* error,
                       int64_t nowMs = -1);
    QList<Message> messages(int64_t conversationId, QString* error) const;
    // Deletes conversations (and their messages) last updated more than `days` ago; how many.
    int deleteOlderThan(int days, QString* error, int64_t nowMs = -1);
    // The user, their conversations with messages (decrypted), API keys (no secrets) and requests.
    QJsonObject exportUser(int64_t userId, QString* error) const;
    // Deletes the user's conversations, messages, keys and account; their requests and
    // security events keep their figures without the user. The audit log is kept.
    bool eraseUser(int64_t userId, QString* error);

private:
    static QByteArray context(int64_t messageId);
    Store& m_store;
    const KeyRing& m_ring;
};

}  // namespace fyr::app
