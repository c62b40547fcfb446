// Conversations at rest: message content is encrypted and bound to its row (a
// moved ciphertext is reported, not shown), retention deletes only what is old
// enough, the per-user export holds everything about the user decrypted, and
// erasure leaves nothing of the user but anonymous request figures.
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "store/conversations.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/statement.h"
#include "store/store.h"

using namespace fyr::app;

class TestConversations : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<KeyRing> m_ring;
    int64_t m_user = 0;

    QString sql(const QString& text) {
        return m_store->write([&](sqlite3* db) { return execSql(db, text.toUtf8().constData()); }).get();
    }
    int64_t count(const char* query) {
        auto r = m_store->reader();
        Statement st(r->db(), query);
        return st.next() ? st.integer(0) : -1;
    }

private slots:
    void initTestCase() {
        Store::Opened o = Store::open(m_dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY(o.store);
        m_store = std::move(o.store);
        QCOMPARE(KeyRing::initialize(*m_store, "admin pass", KeyRing::Secret::Passphrase, {1u << 10, 8, 1}), QString());
        QString error;
        m_ring = KeyRing::unlock(*m_store, "admin pass", &error);
        QVERIFY2(m_ring, qPrintable(error));
        Identity::Policy fast;
        fast.password = {1u << 10, 8, 1};
        Identity id(*m_store, fast);
        QCOMPARE(id.createFirstAdmin(QStringLiteral("admin"), "admin password"), QString());
        QCOMPARE(id.createUser(QStringLiteral("ana"), "ana password", QStringLiteral("analyst")), QString());
        m_user = id.login(QStringLiteral("ana"), "ana password").principal->userId;
        QVERIFY(id.createApiKey(m_user, QStringLiteral("analyst"), QStringLiteral("k"), {}, &error));
    }

    void contentIsEncryptedAndBoundToItsRow() {
        Conversations c(*m_store, *m_ring);
        QString error;
        const int64_t conv = c.create(m_user, QStringLiteral("Plans"), &error);
        QVERIFY2(conv > 0, qPrintable(error));
        const int64_t a = c.addMessage(conv, QStringLiteral("user"), QStringLiteral("the launch code is 7781"), &error);
        const int64_t b = c.addMessage(conv, QStringLiteral("assistant"), QStringLiteral("noted"), &error);
        QVERIFY(a > 0 && b > 0);
        const QList<Conversations::Message> m = c.messages(conv, &error);
        QCOMPARE(m.size(), 2);
        QCOMPARE(m[0].content, QStringLiteral("the launch code is 7781"));
        QCOMPARE(m[1].role, QStringLiteral("assistant"));
        {
            auto r = m_store->reader();
            Statement st(r->db(), "SELECT content FROM messages");
            while (st.next()) QVERIFY(!st.blob(0).contains("launch code"));
        }
        // Moving one row's ciphertext to another is caught.
        QCOMPARE(sql(QStringLiteral("UPDATE messages SET content = (SELECT content FROM messages WHERE id = %1) "
                                    "WHERE id = %2")
                         .arg(a)
                         .arg(b)),
                 QString());
        QVERIFY(c.messages(conv, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("message %1").arg(b)) && error.contains(QStringLiteral("altered")),
                 qPrintable(error));
    }

    void retentionDeletesOnlyTheOld() {
        Conversations c(*m_store, *m_ring);
        QString error;
        const int64_t day = 24LL * 3600 * 1000;
        const int64_t now = 1'900'000'000'000;
        const int64_t old = c.create(m_user, QStringLiteral("old"), &error, now - 100 * day);
        c.addMessage(old, QStringLiteral("user"), QStringLiteral("x"), &error, now - 95 * day);
        const int64_t recent = c.create(m_user, QStringLiteral("recent"), &error, now - 100 * day);
        c.addMessage(recent, QStringLiteral("user"), QStringLiteral("y"), &error, now - 5 * day);  // touched lately
        const int64_t before = count("SELECT COUNT(*) FROM conversations");
        QCOMPARE(c.deleteOlderThan(90, &error, now), int(before - 1));  // everything but "recent" (the rest are from 2026)
        QCOMPARE(count("SELECT COUNT(*) FROM conversations"), int64_t(1));
        QCOMPARE(c.messages(recent, &error).size(), 1);
        QCOMPARE(count("SELECT COUNT(*) FROM messages WHERE conversation_id NOT IN (SELECT id FROM conversations)"),
                 int64_t(0));
    }

    void exportThenErase() {
        Conversations c(*m_store, *m_ring);
        QString error;
        const int64_t conv = c.create(m_user, QStringLiteral("Mine"), &error);
        c.addMessage(conv, QStringLiteral("user"), QStringLiteral("my private question"), &error);
        QCOMPARE(sql(QStringLiteral("INSERT INTO requests(user_id, model, started_ms, prompt_tokens, gen_tokens, cost, "
                                    "payload) VALUES(%1, 'm', 1, 10, 20, 0.5, x'01')")
                         .arg(m_user)),
                 QString());
        const QJsonObject all = c.exportUser(m_user, &error);
        QCOMPARE(all.value(QStringLiteral("user")).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("ana"));
        bool found = false;
        for (const QJsonValue& cv : all.value(QStringLiteral("conversations")).toArray()) {
            for (const QJsonValue& mv : cv.toObject().value(QStringLiteral("messages")).toArray())
                found = found || mv.toObject().value(QStringLiteral("content")).toString() == QStringLiteral("my private question");
        }
        QVERIFY(found);
        QCOMPARE(all.value(QStringLiteral("api_keys")).toArray().size(), 1);
        QCOMPARE(all.value(QStringLiteral("requests")).toArray().size(), 1);

        QVERIFY2(c.eraseUser(m_user, &error), qPrintable(error));
        QCOMPARE(count("SELECT COUNT(*) FROM users WHERE name = 'ana'"), int64_t(0));
        QCOMPARE(count("SELECT COUNT(*) FROM conversations"), int64_t(0));
        QCOMPARE(count("SELECT COUNT(*) FROM messages"), int64_t(0));
        QCOMPARE(count("SELECT COUNT(*) FROM api_keys"), int64_t(0));
        QCOMPARE(count("SELECT COUNT(*) FROM requests WHERE user_id IS NULL AND payload IS NULL AND gen_tokens = 20"),
                 int64_t(1));
        QVERIFY(c.exportUser(m_user, &error).isEmpty());
        QVERIFY(!c.eraseUser(m_user, &error));
    }
};

QTEST_GUILESS_MAIN(TestConversations)
#include "tst_conversations.moc"
