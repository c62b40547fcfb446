#include "store/conversations.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <sqlite3.h>

#include "store/clock.h"
#include "store/key_ring.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


}  // namespace

Conversations::Conversations(Store& store, const KeyRing& ring) : m_store(store), m_ring(ring) {}

QByteArray Conversations::context(int64_t messageId) {
    return QByteArrayLiteral("messages.content:") + QByteArray::number(messageId);
}

int64_t Conversations::create(int64_t userId, const QString& title, QString* error, int64_t nowMs) {
    const int64_t t = fyr::app::nowMs(nowMs);
    int64_t id = 0;
    const QString e = m_store
                          .write([&](sqlite3* db) -> QString {
                              Statement st(db,
                                           "INSERT INTO conversations(user_id, title, created_ms, updated_ms) "
                                           "VALUES(?1, ?2, ?3, ?3)");
                              st.bind(1, userId).bind(2, title).bind(3, t);
                              if (!st.run()) return st.error();
                              id = sqlite3_last_insert_rowid(db);
                              return {};
                          })
                          .get();
    if (!e.isEmpty() && error) *error = e;
    return e.isEmpty() ? id : 0;
}

int64_t Conversations::addMessage(int64_t conversationId, const QString& role, const QString& content, QString* error,
                                  int64_t nowMs) {
    const int64_t t = fyr::app::nowMs(nowMs);
    int64_t id = 0;
    const QString e =
        m_store
            .write([&](sqlite3* db) -> QString {
                // The row first (its id binds the ciphertext to it), then the sealed content.
                Statement ins(db, "INSERT INTO messages(conversation_id, role, content, created_ms) VALUES(?1, ?2, x'', ?3)");
                ins.bind(1, conversationId).bind(2, role).bind(3, t);
                if (!ins.run()) return ins.error();
                id = sqlite3_last_insert_rowid(db);
                const QByteArray sealed = m_ring.seal(content.toUtf8(), context(id));
                if (sealed.isEmpty()) return QCoreApplication::translate("fyr::app::Conversations", "encrypting the message failed");
                Statement up(db, "UPDATE messages SET content = ?2 WHERE id = ?1");
                up.bind(1, id).bind(2, sealed);
                if (!up.run()) return up.error();
                Statement touch(db, "UPDATE conversations SET updated_ms = ?2 WHERE id = ?1");
                touch.bind(1, conversationId).bind(2, t);
                return touch.run() ? QString() : touch.error();
            })
            .get();
    if (!e.isEmpty() && error) *error = e;
    return e.isEmpty() ? id : 0;
}

QList<Conversations::Message> Conversations::messages(int64_t conversationId, QString* error) const {
    QList<Message> out;
    auto r = m_store.reader(error);
    if (!r) return out;
    Statement st(r->db(), "SELECT id, role, content, created_ms FROM messages WHERE conversation_id = ?1 ORDER BY id");
    st.bind(1, conversationId);
    while (st.next()) {
        QString why;
        const std::optional<QByteArray> plain = m_ring.open(st.blob(2), context(st.integer(0)), &why);
        if (!plain) {
            if (error) *error = QCoreApplication::translate("fyr::app::Conversations", "message %1: %2").arg(st.integer(0)).arg(why);
            return {};
        }
        out.append({st.integer(0), st.text(1), QString::fromUtf8(*plain), st.integer(3)});
    }
    return out;
}

int Conversations::deleteOlderThan(int days, QString* error, int64_t nowMs) {
    const int64_t cutoff = fyr::app::nowMs(nowMs) - int64_t{days} * 24 * 3600 * 1000;
    int removed = 0;
    const QString e = m_store
                          .write([&](sqlite3* db) -> QString {
                              Statement st(db, "DELETE FROM conversations WHERE updated_ms < ?1");
                              st.bind(1, cutoff);
                              if (!st.run()) return st.error();
                              removed = sqlite3_changes(db);
                              return {};
                          })
                          .get();
    if (!e.isEmpty() && error) *error = e;
    return removed;
}

QJsonObject Conversations::exportUser(int64_t userId, QString* error) const {
    auto r = m_store.reader(error);
    if (!r) return {};
    QJsonObject out;
    Statement u(r->db(),
                "SELECT u.name, ro.name, u.clearance, u.created_ms FROM users u JOIN roles ro ON ro.id = u.role_id "
                "WHERE u.id = ?1");
    u.bind(1, userId);
    if (!u.next()) {
        if (error) *error = QCoreApplication::translate("fyr::app::Conversations", "there is no user with id %1").arg(userId);
        return {};
    }
    out.insert(QStringLiteral("user"), QJsonObject{{QStringLiteral("id"), static_cast<qint64>(userId)},
                                                   {QStringLiteral("name"), u.text(0)},
                                                   {QStringLiteral("role"), u.text(1)},
                                                   {QStringLiteral("clearance"), static_cast<qint64>(u.integer(2))},
                                                   {QStringLiteral("created_ms"), static_cast<qint64>(u.integer(3))}});
    QJsonArray conversations;
    Statement c(r->db(), "SELECT id, title, created_ms, updated_ms FROM conversations WHERE user_id = ?1 ORDER BY id");
    c.bind(1, userId);
    while (c.next()) {
        QJsonArray msgs;
        for (const Message& m : messages(c.integer(0), error)) {
            msgs.append(QJsonObject{{QStringLiteral("role"), m.role},
                                    {QStringLiteral("content"), m.content},
                                    {QStringLiteral("created_ms"), static_cast<qint64>(m.createdMs)}});
        }
        conversations.append(QJsonObject{{QStringLiteral("title"), c.text(1)},
                                         {QStringLiteral("created_ms"), static_cast<qint64>(c.integer(2))},
                                         {QStringLiteral("updated_ms"), static_cast<qint64>(c.integer(3))},
                                         {QStringLiteral("messages"), msgs}});
    }
    out.insert(QStringLiteral("conversations"), conversations);
    QJsonArray keys;
    Statement k(r->db(), "SELECT name, created_ms, expires_ms, revoked_ms FROM api_keys WHERE user_id = ?1");
    k.bind(1, userId);
    while (k.next()) {
        keys.append(QJsonObject{{QStringLiteral("name"), k.text(0)},
                                {QStringLiteral("created_ms"), static_cast<qint64>(k.integer(1))},
                                {QStringLiteral("expires_ms"), k.isNull(2) ? QJsonValue() : QJsonValue(static_cast<qint64>(k.integer(2)))},
                                {QStringLiteral("revoked_ms"), k.isNull(3) ? QJsonValue() : QJsonValue(static_cast<qint64>(k.integer(3)))}});
    }
    out.insert(QStringLiteral("api_keys"), keys);
    QJsonArray requests;
    Statement q(r->db(), "SELECT model, started_ms, prompt_tokens, gen_tokens, finish_reason, cost FROM requests "
                         "WHERE user_id = ?1 ORDER BY id");
    q.bind(1, userId);
    while (q.next()) {
        requests.append(QJsonObject{{QStringLiteral("model"), q.text(0)},
                                    {QStringLiteral("started_ms"), static_cast<qint64>(q.integer(1))},
                                    {QStringLiteral("prompt_tokens"), static_cast<qint64>(q.integer(2))},
                                    {QStringLiteral("gen_tokens"), static_cast<qint64>(q.integer(3))},
                                    {QStringLiteral("finish_reason"), q.text(4)},
                                    {QStringLiteral("cost"), q.real(5)}});
    }
    out.insert(QStringLiteral("requests"), requests);
    return out;
}

bool Conversations::eraseUser(int64_t userId, QString* error) {
    const QString e = m_store
                          .write([&](sqlite3* db) -> QString {
                              // Requests keep their figures (costs, dashboards) without the person;
                              // their payloads go.
                              Statement req(db, "UPDATE requests SET user_id = NULL, payload = NULL WHERE user_id = ?1");
                              req.bind(1, userId);
                              if (!req.run()) return req.error();
                              Statement user(db, "DELETE FROM users WHERE id = ?1");  // cascades: conversations, messages, keys
                              user.bind(1, userId);
                              if (!user.run()) return user.error();
                              return sqlite3_changes(db) == 1 ? QString() : QCoreApplication::translate("fyr::app::Conversations", "there is no user with id %1").arg(userId);
                          })
                          .get();
    if (!e.isEmpty() && error) *error = e;
    return e.isEmpty();
}

}  // namespace fyr::app
