// Accounts, roles and API keys: the whole built-in role × permission matrix
// against the specification, custom roles, the first admin created once,
// scrypt hashes with their settings, lockout after repeated failures (and when
// it ends), API keys shown once, stored hashed, never stronger than their user,
// expiring and revocable.
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include "store/identity.h"
#include "store/model_access.h"
#include "store/permissions.h"
#include "store/statement.h"
#include "store/store.h"

using fyr::app::Identity;
using fyr::app::Permission;
using fyr::app::Store;

namespace {

// The specification of the built-in roles, written out as the issue states them.
const QMap<QString, QStringList> kMatrix{
    {QStringLiteral("admin"),
     {QStringLiteral("users.manage"), QStringLiteral("security.manage"), QStringLiteral("models.manage"),
      QStringLiteral("models.use"), QStringLiteral("chat.use"), QStringLiteral("chat.view_all"),
      QStringLiteral("dashboards.view"), QStringLiteral("deployments.plan"), QStringLiteral("audit.view"),
      QStringLiteral("api_keys.manage"), QStringLiteral("settings.manage")}},
    {QStringLiteral("operator"),
     {QStringLiteral("models.manage"), QStringLiteral("models.use"), QStringLiteral("chat.use"),
      QStringLiteral("dashboards.view"), QStringLiteral("deployments.plan"), QStringLiteral("api_keys.manage")}},
    {QStringLiteral("analyst"), {QStringLiteral("models.use"), QStringLiteral("chat.use"), QStringLiteral("dashboards.view")}},
    {QStringLiteral("auditor"),
     {QStringLiteral("audit.view"), QStringLiteral("chat.view_all"), QStringLiteral("dashboards.view")}},
};

Identity::Policy fastPolicy() {
    Identity::Policy p;
    p.password = {1u << 10, 8, 1};  // tests only; the default is N = 2^17
    p.maxFailures = 3;
    p.lockoutMs = 60'000;
    return p;
}

}  // namespace

class TestIdentity : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Identity> m_id;

private slots:
    void initTestCase() {
        Store::Opened o = Store::open(m_dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY2(o.store, qPrintable(o.error));
        m_store = std::move(o.store);
        m_id = std::make_unique<Identity>(*m_store, fastPolicy());
        QVERIFY(!m_id->hasUsers());
        QCOMPARE(m_id->createFirstAdmin(QStringLiteral("root"), "first admin pw"), QString());
        QVERIFY(m_id->hasUsers());
        QVERIFY(m_id->createFirstAdmin(QStringLiteral("other"), "another pw!").contains(QStringLiteral("exists")));
    }

    void everyRoleTimesEveryPermission() {
        QCOMPARE(fyr::app::allPermissions().size(), 11);
        int checked = 0;
        for (const fyr::app::BuiltinRole& role : fyr::app::builtinRoles()) {
            const QString name = QString::fromLatin1(role.name);
            QVERIFY2(kMatrix.contains(name), role.name);
            // The same through the store: a user of the role signs in and gets exactly these.
            const QString user = QStringLiteral("u-") + name;
            if (name != QStringLiteral("admin"))
                QCOMPARE(m_id->createUser(user, "password " + name.toUtf8(), name), QString());
            const Identity::Result r = name == QStringLiteral("admin")
                                           ? m_id->login(QStringLiteral("root"), "first admin pw")
                                           : m_id->login(user, "password " + name.toUtf8());
            QVERIFY2(r.principal, qPrintable(r.error));
            for (Permission p : fyr::app::allPermissions()) {
                const bool want = kMatrix[name].contains(fyr::app::permissionName(p));
                QVERIFY2(fyr::app::allowed(role.permissions, p) == want,
                         qPrintable(name + QLatin1Char(' ') + fyr::app::permissionName(p)));
                QVERIFY2(fyr::app::allowed(r.principal->permissions, p) == want,
                         qPrintable(QStringLiteral("stored ") + name + QLatin1Char(' ') + fyr::app::permissionName(p)));
                ++checked;
            }
        }
        QCOMPARE(checked, 4 * 11);
        for (const QString& n : kMatrix[QStringLiteral("admin")]) QVERIFY(fyr::app::permissionFromName(n));
        QVERIFY(!fyr::app::permissionFromName(QStringLiteral("root.everything")));
    }

    void customRoles() {
        using fyr::app::bit;
        QCOMPARE(m_id->createRole(QStringLiteral("reviewer"), bit(Permission::AuditView) | bit(Permission::DashboardsView)),
                 QString());
        QVERIFY(!m_id->createRole(QStringLiteral("reviewer"), 0).isEmpty());
        QCOMPARE(m_id->createUser(QStringLiteral("rita"), "reviewer pw", QStringLiteral("reviewer")), QString());
        const Identity::Result r = m_id->login(QStringLiteral("rita"), "reviewer pw");
        QVERIFY(r.principal);
        QCOMPARE(r.principal->permissions, bit(Permission::AuditView) | bit(Permission::DashboardsView));
        QVERIFY(m_id->createUser(QStringLiteral("x"), "password", QStringLiteral("nosuchrole")).contains(QStringLiteral("no role")));
        QVERIFY(m_id->createUser(QStringLiteral("y"), "short", QStringLiteral("analyst")).contains(QStringLiteral("short")));
    }

    // Model access per role: no patterns, every model; patterns, only matching
    // names (metadata name or file name, case-insensitive); no models.use, none.
    void modelAccessPerRole() {
        fyr::app::ModelAccess access(*m_store);
        fyr::app::Principal analyst;
        analyst.user = QStringLiteral("ann");
        analyst.role = QStringLiteral("analyst");
        analyst.permissions = fyr::app::bit(fyr::app::Permission::ModelsUse) | fyr::app::bit(fyr::app::Permission::ChatUse);
        QVERIFY(access.check(analyst, {QStringLiteral("Qwen2.5 7B Instruct")}).allowed);
        QCOMPARE(access.allow(QStringLiteral("analyst"), QStringLiteral("llama-3.2-*")), QString());
        QCOMPARE(access.allow(QStringLiteral("analyst"), QStringLiteral("*-q4_k_m.gguf")), QString());
        QVERIFY(!access.allow(QStringLiteral("nosuchrole"), QStringLiteral("x")).isEmpty());
        QCOMPARE(access.patterns(QStringLiteral("analyst")), QStringList({QStringLiteral("*-q4_k_m.gguf"), QStringLiteral("llama-3.2-*")}));
        QVERIFY(access.check(analyst, {QStringLiteral("Llama-3.2-1B-Instruct"), QStringLiteral("model.gguf")}).allowed);
        QVERIFY(access.check(analyst, {QStringLiteral("Mistral 7B"), QStringLiteral("mistral-7b-Q4_K_M.gguf")}).allowed);
        const auto refused = access.check(analyst, {QStringLiteral("Qwen2.5 7B Instruct"), QStringLiteral("qwen.gguf")});
        QVERIFY(!refused.allowed);
        QVERIFY2(refused.reason.contains(QStringLiteral("llama-3.2-*")) && refused.reason.contains(QStringLiteral("Qwen2.5")),
                 qPrintable(refused.reason));
        fyr::app::Principal operatorRole = analyst;
        operatorRole.role = QStringLiteral("operator");
        QVERIFY(access.check(operatorRole, {QStringLiteral("Qwen2.5 7B Instruct")}).allowed);  // its own list is empty
        analyst.permissions = fyr::app::bit(fyr::app::Permission::ChatUse);
        QVERIFY(access.check(analyst, {QStringLiteral("Llama-3.2-1B")}).reason.contains(QStringLiteral("models.use")));
        QCOMPARE(access.disallow(QStringLiteral("analyst"), QStringLiteral("llama-3.2-*")), QString());
        QCOMPARE(access.disallow(QStringLiteral("analyst"), QStringLiteral("*-q4_k_m.gguf")), QString());
        QVERIFY(!access.disallow(QStringLiteral("analyst"), QStringLiteral("*-q4_k_m.gguf")).isEmpty());
    }

    // Someone must always be able to manage the installation.
    void theLastAdminStays() {
        QVERIFY(m_id->setDisabled(QStringLiteral("root"), true).contains(QStringLiteral("last enabled admin")));
        QVERIFY(m_id->setRole(QStringLiteral("root"), QStringLiteral("analyst")).contains(QStringLiteral("last enabled admin")));
        QCOMPARE(m_id->createUser(QStringLiteral("second"), "second admin pw", QStringLiteral("admin")), QString());
        QCOMPARE(m_id->setRole(QStringLiteral("second"), QStringLiteral("analyst")), QString());  // root is still an admin
        QCOMPARE(m_id->setRole(QStringLiteral("second"), QStringLiteral("admin")), QString());
        QCOMPARE(m_id->setDisabled(QStringLiteral("root"), true), QString());
        QVERIFY(m_id->setDisabled(QStringLiteral("second"), true).contains(QStringLiteral("last enabled admin")));
        QCOMPARE(m_id->setDisabled(QStringLiteral("root"), false), QString());
        QVERIFY(m_id->setDisabled(QStringLiteral("nobody"), true).contains(QStringLiteral("no user")));
    }

    void passwordHashesCarryTheirSettings() {
        const QString h = Identity::hashPassword("secret pw", {});
        QVERIFY2(h.startsWith(QStringLiteral("scrypt$131072$8$1$")), qPrintable(h));
        QVERIFY(Identity::verifyPassword("secret pw", h));
        QVERIFY(!Identity::verifyPassword("secret pX", h));
        QVERIFY(Identity::hashPassword("secret pw", {}) != h);  // per-hash salt
        auto r = m_store->reader();
        fyr::app::Statement st(r->db(), "SELECT password_hash FROM users WHERE name = 'root'");
        QVERIFY(st.next());
        QVERIFY(!st.text(0).contains(QStringLiteral("first admin pw")));
    }

    void lockoutAfterRepeatedFailures() {
        QCOMPARE(m_id->createUser(QStringLiteral("lena"), "lena's password", QStringLiteral("analyst")), QString());
        const int64_t t0 = 1'800'000'000'000;
        QVERIFY(m_id->login(QStringLiteral("lena"), "nope", t0).error.contains(QStringLiteral("wrong")));
        QVERIFY(m_id->login(QStringLiteral("lena"), "nope", t0).error.contains(QStringLiteral("wrong")));
        const QString third = m_id->login(QStringLiteral("lena"), "nope", t0).error;
        QVERIFY2(third.contains(QStringLiteral("locked until")), qPrintable(third));
        // Even the right password waits for the lockout to end, and is told until when.
        const Identity::Result during = m_id->login(QStringLiteral("lena"), "lena's password", t0 + 1000);
        QVERIFY(!during.principal);
        QVERIFY2(during.error.contains(QStringLiteral("locked")), qPrintable(during.error));
        QVERIFY(m_id->login(QStringLiteral("lena"), "lena's password", t0 + 61'000).principal);
        // Unknown names get the same answer as wrong passwords.
        QCOMPARE(m_id->login(QStringLiteral("nobody"), "x").error, m_id->login(QStringLiteral("lena"), "bad").error);
    }

    void apiKeys() {
        const Identity::Result op = [&] {
            m_id->createUser(QStringLiteral("otto"), "operator pw", QStringLiteral("operator"));
            return m_id->login(QStringLiteral("otto"), "operator pw");
        }();
        QVERIFY(op.principal);
        QString error;
        const auto key = m_id->createApiKey(op.principal->userId, QStringLiteral("analyst"), QStringLiteral("ci"), {}, &error);
        QVERIFY2(key, qPrintable(error));
        QVERIFY(key->secret.startsWith(QStringLiteral("fyr_")) && key->secret.size() > 40);
        {
            auto r = m_store->reader();
            fyr::app::Statement st(r->db(), "SELECT key_hash FROM api_keys WHERE id = ?1");
            st.bind(1, key->id);
            QVERIFY(st.next());
            QVERIFY(!st.text(0).contains(key->secret.mid(4, 10)));
        }
        const Identity::Result caller = m_id->authenticateKey(key->secret);
        QVERIFY2(caller.principal, qPrintable(caller.error));
        QCOMPARE(caller.principal->role, QStringLiteral("analyst"));  // scoped to the key's role
        QCOMPARE(caller.principal->apiKeyId, std::optional<int64_t>(key->id));
        QVERIFY(!fyr::app::allowed(caller.principal->permissions, Permission::ModelsManage));
        QVERIFY(m_id->authenticateKey(key->secret + QLatin1Char('x')).error.contains(QStringLiteral("unknown")));

        // Never stronger than its user.
        QVERIFY(!m_id->createApiKey(op.principal->userId, QStringLiteral("admin"), QStringLiteral("x"), {}, &error));
        QVERIFY2(error.contains(QStringLiteral("rights")), qPrintable(error));

        const auto shortLived =
            m_id->createApiKey(op.principal->userId, QStringLiteral("analyst"), QStringLiteral("tmp"), 1000, &error);
        QVERIFY(shortLived);
        QVERIFY(m_id->authenticateKey(shortLived->secret, 999).principal);
        QVERIFY(m_id->authenticateKey(shortLived->secret, 1000).error.contains(QStringLiteral("expired")));

        QCOMPARE(m_id->revokeApiKey(key->id), QString());
        QVERIFY(m_id->authenticateKey(key->secret).error.contains(QStringLiteral("revoked")));
        QVERIFY(!m_id->revokeApiKey(key->id).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
