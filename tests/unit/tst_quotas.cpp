// Quotas: a user's daily tokens and per-minute requests, and an API key's own
// limits on top, refuse with the limit and when it resets; no quota, no limit;
// the day is UTC and the minute slides.
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "store/identity.h"
#include "store/quotas.h"
#include "store/statement.h"
#include "store/store.h"

using namespace fyr::app;

class TestQuotas : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    Principal m_user, m_key;

    void request(int64_t userId, std::optional<int64_t> keyId, int64_t at, int64_t tokens) {
        const QString e = m_store
                              ->write([&](sqlite3* db) {
                                  Statement st(db, "INSERT INTO requests(user_id, api_key_id, model, started_ms, "
                                                   "prompt_tokens, gen_tokens) VALUES(?1, ?2, 'm', ?3, ?4, 0)");
                                  st.bind(1, userId).bind(3, at).bind(4, tokens);
                                  if (keyId) st.bind(2, *keyId);
                                  else st.bindNull(2);
                                  return st.run() ? QString() : st.error();
                              })
                              .get();
        QCOMPARE(e, QString());
    }

private slots:
    void initTestCase() {
        Store::Opened o = Store::open(m_dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY(o.store);
        m_store = std::move(o.store);
        Identity::Policy fast;
        fast.password = {1u << 10, 8, 1};
        Identity id(*m_store, fast);
        QCOMPARE(id.createFirstAdmin(QStringLiteral("admin"), "admin password"), QString());
        QCOMPARE(id.createUser(QStringLiteral("ana"), "ana password", QStringLiteral("analyst")), QString());
        m_user = *id.login(QStringLiteral("ana"), "ana password").principal;
        QString error;
        const auto key = id.createApiKey(m_user.userId, QStringLiteral("analyst"), QStringLiteral("k"), {}, &error);
        QVERIFY(key);
        m_key = *id.authenticateKey(key->secret).principal;
    }

    void noQuotaNoLimit() {
        Quotas q(*m_store);
        QVERIFY(q.check(m_user, 1'000'000'000).allowed);
        QVERIFY(!q.limits(Quotas::userSubject(m_user.userId)).tokensPerDay);
        QVERIFY(!q.set(Quotas::userSubject(m_user.userId), -1, {}).isEmpty());
    }

    void dailyTokens() {
        Quotas q(*m_store);
        QCOMPARE(q.set(Quotas::userSubject(m_user.userId), 1000, {}), QString());
        const int64_t day = 24LL * 3600 * 1000;
        const int64_t midnight = 20000 * day;  // a UTC midnight
        request(m_user.userId, {}, midnight - 10, 900);  // yesterday: does not count
        request(m_user.userId, {}, midnight + 10, 700);
        QVERIFY(q.check(m_user, 300, midnight + 20).allowed);
        const Quotas::Decision d = q.check(m_user, 301, midnight + 20);
        QVERIFY(!d.allowed);
        QCOMPARE(d.resetsAtMs, midnight + day);
        QVERIFY2(d.reason.contains(QStringLiteral("700 of 1000")) && d.reason.contains(QStringLiteral("resets at")),
                 qPrintable(d.reason));
        QVERIFY(q.check(m_user, 301, midnight + day + 1).allowed);  // the next day
    }

    void requestsPerMinuteForTheKey() {
        Quotas q(*m_store);
        QCOMPARE(q.set(Quotas::keySubject(*m_key.apiKeyId), {}, 2), QString());
        const int64_t t = 30000LL * 24 * 3600 * 1000;
        request(m_user.userId, *m_key.apiKeyId, t, 1);
        request(m_user.userId, *m_key.apiKeyId, t + 1000, 1);
        QVERIFY(q.check(m_user, 1, t + 2000).allowed);  // the user has no per-minute limit
        const Quotas::Decision d = q.check(m_key, 1, t + 2000);
        QVERIFY(!d.allowed);
        QCOMPARE(d.resetsAtMs, t + 60'000);
        QVERIFY2(d.reason.contains(QStringLiteral("2 requests per minute")), qPrintable(d.reason));
        QVERIFY(q.check(m_key, 1, t + 60'001).allowed);  // the window slid past the first
        // The user's own quota applies to the key too.
        QCOMPARE(q.set(Quotas::userSubject(m_user.userId), 0, {}), QString());
        QVERIFY(!q.check(m_key, 1, t + 120'000).allowed);
    }
};

QTEST_GUILESS_MAIN(TestQuotas)
#include "tst_quotas.moc"
