#include "store/identity.h"

#include <QCoreApplication>
#include <QDateTime>

#include <sqlite3.h>

#include "store/clock.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


QString keyHash(const QString& secret) {
    return QString::fromLatin1(crypto::sha256(secret.toUtf8()).toHex());
}

// Whether `name` is an admin and no other enabled admin exists.
bool isLastAdmin(sqlite3* db, const QString& name) {
    Statement self(db, "SELECT ro.name FROM users u JOIN roles ro ON ro.id = u.role_id WHERE u.name = ?1");
    self.bind(1, name);
    if (!self.next() || self.text(0) != QLatin1String("admin")) return false;
    Statement others(db, "SELECT COUNT(*) FROM users u JOIN roles ro ON ro.id = u.role_id "
                         "WHERE ro.name = 'admin' AND u.disabled = 0 AND u.name <> ?1");
    others.bind(1, name);
    return others.next() && others.integer(0) == 0;
}

}  // namespace

Identity::Identity(Store& store) : m_store(store) {}

Identity::Identity(Store& store, Policy policy) : m_store(store), m_policy(policy) {}

QString Identity::hashPassword(const QByteArray& password, const crypto::ScryptParams& params) {
    const QByteArray salt = crypto::randomBytes(crypto::kSaltBytes);
    QByteArray hash = crypto::scrypt(password, salt, params);
    if (salt.isEmpty() || hash.isEmpty()) return {};
    const QString out = QStringLiteral("scrypt$%1$%2$%3$%4$%5")
                            .arg(params.n)
                            .arg(params.r)
                            .arg(params.p)
                            .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
    crypto::wipe(hash);
    return out;
}

bool Identity::verifyPassword(const QByteArray& password, const QString& stored) {
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QStringLiteral("scrypt")) return false;
    const crypto::ScryptParams params{parts[1].toULongLong(), parts[2].toUInt(), parts[3].toUInt()};
    QByteArray hash = crypto::scrypt(password, QByteArray::fromBase64(parts[4].toLatin1()), params);
    const bool ok = !hash.isEmpty() && crypto::equal(hash, QByteArray::fromBase64(parts[5].toLatin1()));
    crypto::wipe(hash);
    return ok;
}

QString Identity::seedRoles() {
    return m_store
        .write([](sqlite3* db) -> QString {
            for (const BuiltinRole& r : builtinRoles()) {
                Statement role(db, "INSERT OR IGNORE INTO roles(name, builtin, created_ms) VALUES(?1, 1, ?2)");
                role.bind(1, QString::fromLatin1(r.name)).bind(2, fyr::app::nowMs());
                if (!role.run()) return role.error();
                for (Permission p : allPermissions()) {
                    if (!allowed(r.permissions, p)) continue;
                    Statement grant(db,
                                    "INSERT OR IGNORE INTO role_permissions(role_id, permission) "
                                    "SELECT id, ?2 FROM roles WHERE name = ?1");
                    grant.bind(1, QString::fromLatin1(r.name)).bind(2, permissionName(p));
                    if (!grant.run()) return grant.error();
                }
            }
            return {};
        })
        .get();
}

bool Identity::hasUsers() const {
    auto r = m_store.reader();
    if (!r) return false;
    Statement st(r->db(), "SELECT COUNT(*) FROM users");
    return st.next() && st.integer(0) > 0;
}

QString Identity::createFirstAdmin(const QString& name, const QByteArray& password) {
    if (const QString e = seedRoles(); !e.isEmpty()) return e;
    if (hasUsers()) return QCoreApplication::translate("fyr::app::Identity", "the first administrator exists already; sign in as an administrator to add users");
    return createUser(name, password, QStringLiteral("admin"));
}

QString Identity::createRole(const QString& name, PermissionSet permissions) {
    if (name.trimmed().isEmpty()) return QCoreApplication::translate("fyr::app::Identity", "a role needs a name");
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement role(db, "INSERT INTO roles(name, builtin, created_ms) VALUES(?1, 0, ?2)");
            role.bind(1, name).bind(2, fyr::app::nowMs());
            if (!role.run()) return QCoreApplication::translate("fyr::app::Identity", "cannot create the role %1: %2").arg(name, role.error());
            const int64_t id = sqlite3_last_insert_rowid(db);
            for (Permission p : allPermissions()) {
                if (!allowed(permissions, p)) continue;
                Statement grant(db, "INSERT INTO role_permissions(role_id, permission) VALUES(?1, ?2)");
                grant.bind(1, id).bind(2, permissionName(p));
                if (!grant.run()) return grant.error();
            }
            return {};
        })
        .get();
}

QString Identity::setRolePermission(const QString& role, Permission p, bool granted) {
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement find(db, "SELECT id, builtin FROM roles WHERE name = ?1");
            find.bind(1, role);
            if (!find.next()) return QCoreApplication::translate("fyr::app::Identity", "there is no role %1").arg(role);
            if (find.integer(1) != 0)
                return QCoreApplication::translate("fyr::app::Identity", "%1 is a built-in role; create a custom role instead").arg(role);
            Statement st(db, granted ? "INSERT OR IGNORE INTO role_permissions(role_id, permission) VALUES(?1, ?2)"
                                     : "DELETE FROM role_permissions WHERE role_id = ?1 AND permission = ?2");
            st.bind(1, find.integer(0)).bind(2, permissionName(p));
            return st.run() ? QString() : st.error();
        })
        .get();
}

std::vector<Identity::RoleInfo> Identity::roles() const {
    std::vector<RoleInfo> out;
    auto r = m_store.reader();
    if (!r) return out;
    Statement st(r->db(), "SELECT name, builtin FROM roles ORDER BY builtin DESC, name");
    while (st.next()) {
        RoleInfo info;
        info.name = st.text(0);
        info.builtin = st.integer(1) != 0;
        out.push_back(info);
    }
    r.reset();
    for (RoleInfo& info : out) info.permissions = rolePermissions(info.name, nullptr).value_or(0);
    return out;
}

std::optional<PermissionSet> Identity::rolePermissions(const QString& role, int64_t* roleId) const {
    auto r = m_store.reader();
    if (!r) return std::nullopt;
    Statement id(r->db(), "SELECT id FROM roles WHERE name = ?1");
    id.bind(1, role);
    if (!id.next()) return std::nullopt;
    if (roleId) *roleId = id.integer(0);
    PermissionSet set = 0;
    Statement perms(r->db(), "SELECT permission FROM role_permissions WHERE role_id = ?1");
    perms.bind(1, id.integer(0));
    while (perms.next()) {
        if (auto p = permissionFromName(perms.text(0))) set |= bit(*p);
    }
    return set;
}

QString Identity::createUser(const QString& name, const QByteArray& password, const QString& role, int clearance) {
    if (const QString e = accountProblem(name, password); !e.isEmpty()) return e;
    int64_t roleId = 0;
    if (!rolePermissions(role, &roleId)) return QCoreApplication::translate("fyr::app::Identity", "there is no role %1").arg(role);
    const QString hash = hashPassword(password, m_policy.password);
    if (hash.isEmpty()) return QCoreApplication::translate("fyr::app::Identity", "hashing the password failed");
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db,
                         "INSERT INTO users(name, role_id, password_hash, clearance, created_ms) "
                         "VALUES(?1, ?2, ?3, ?4, ?5)");
            st.bind(1, name).bind(2, roleId).bind(3, hash).bind(4, int64_t{clearance}).bind(5, fyr::app::nowMs());
            return st.run() ? QString() : QCoreApplication::translate("fyr::app::Identity", "cannot create the user %1: %2").arg(name, st.error());
        })
        .get();
}

QString Identity::accountProblem(const QString& name, const QByteArray& password) {
    if (name.trimmed().isEmpty()) return QCoreApplication::translate("fyr::app::Identity", "a user needs a name");
    if (password.size() < 8) return QCoreApplication::translate("fyr::app::Identity", "the password is too short (at least 8 characters)");
    return {};
}

QString Identity::setPassword(const QString& name, const QByteArray& password) {
    if (const QString e = accountProblem(name, password); !e.isEmpty()) return e;
    const QString hash = hashPassword(password, m_policy.password);
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db, "UPDATE users SET password_hash = ?2, failed_logins = 0, locked_until_ms = NULL "
                             "WHERE name = ?1");
            st.bind(1, name).bind(2, hash);
            if (!st.run()) return st.error();
            return sqlite3_changes(db) == 1 ? QString() : QCoreApplication::translate("fyr::app::Identity", "there is no user %1").arg(name);
        })
        .get();
}

QString Identity::setDisabled(const QString& name, bool disabled) {
    return m_store
        .write([&](sqlite3* db) -> QString {
            // The last enabled admin stays: someone must be able to manage the installation.
            if (disabled && isLastAdmin(db, name))
                return QCoreApplication::translate("fyr::app::Identity", "%1 is the last enabled admin").arg(name);
            Statement st(db, "UPDATE users SET disabled = ?2 WHERE name = ?1");
            st.bind(1, name).bind(2, static_cast<int64_t>(disabled ? 1 : 0));
            if (!st.run()) return st.error();
            return sqlite3_changes(db) == 1 ? QString()
                                            : QCoreApplication::translate("fyr::app::Identity", "there is no user %1").arg(name);
        })
        .get();
}

QString Identity::setRole(const QString& name, const QString& role) {
    int64_t roleId = 0;
    if (!rolePermissions(role, &roleId)) return QCoreApplication::translate("fyr::app::Identity", "there is no role %1").arg(role);
    return m_store
        .write([&](sqlite3* db) -> QString {
            if (role != QLatin1String("admin") && isLastAdmin(db, name))
                return QCoreApplication::translate("fyr::app::Identity", "%1 is the last enabled admin").arg(name);
            Statement st(db, "UPDATE users SET role_id = ?2 WHERE name = ?1");
            st.bind(1, name).bind(2, roleId);
            if (!st.run()) return st.error();
            return sqlite3_changes(db) == 1 ? QString()
                                            : QCoreApplication::translate("fyr::app::Identity", "there is no user %1").arg(name);
        })
        .get();
}

std::vector<Identity::UserInfo> Identity::users() const {
    std::vector<UserInfo> out;
    auto r = m_store.reader();
    if (!r) return out;
    Statement st(r->db(), "SELECT u.id, u.name, ro.name, u.clearance, u.disabled, u.created_ms, u.locked_until_ms "
                          "FROM users u JOIN roles ro ON ro.id = u.role_id ORDER BY u.name");
    while (st.next()) {
        UserInfo u;
        u.id = st.integer(0);
        u.name = st.text(1);
        u.role = st.text(2);
        u.clearance = static_cast<int>(st.integer(3));
        u.disabled = st.integer(4) != 0;
        u.createdMs = st.integer(5);
        if (!st.isNull(6)) u.lockedUntilMs = st.integer(6);
        out.push_back(u);
    }
    return out;
}

std::vector<Identity::KeyInfo> Identity::apiKeys() const {
    std::vector<KeyInfo> out;
    auto r = m_store.reader();
    if (!r) return out;
    Statement st(r->db(), "SELECT k.id, u.name, ro.name, k.name, k.created_ms, k.expires_ms, k.revoked_ms "
                          "FROM api_keys k JOIN users u ON u.id = k.user_id JOIN roles ro ON ro.id = k.role_id ORDER BY k.id");
    while (st.next()) {
        KeyInfo k;
        k.id = st.integer(0);
        k.user = st.text(1);
        k.role = st.text(2);
        k.name = st.text(3);
        k.createdMs = st.integer(4);
        if (!st.isNull(5)) k.expiresMs = st.integer(5);
        if (!st.isNull(6)) k.revokedMs = st.integer(6);
        out.push_back(k);
    }
    return out;
}

Identity::Result Identity::login(const QString& name, const QByteArray& password, int64_t nowMs) {
    nowMs = fyr::app::nowMs(nowMs);
    Result out;
    auto r = m_store.reader(&out.error);
    if (!r) return out;
    Statement st(r->db(),
                 "SELECT u.id, u.password_hash, u.failed_logins, u.locked_until_ms, u.disabled, u.clearance, ro.name "
                 "FROM users u JOIN roles ro ON ro.id = u.role_id WHERE u.name = ?1");
    st.bind(1, name);
    const QString wrong = QCoreApplication::translate("fyr::app::Identity", "wrong user name or password");
    if (!st.next()) {
        // The same work as a real check: no timing difference for unknown names.
        verifyPassword(password, hashPassword("x", m_policy.password));
        out.error = wrong;
        return out;
    }
    const int64_t userId = st.integer(0);
    const QString stored = st.text(1);
    const int64_t failures = st.integer(2);
    const bool hadLock = !st.isNull(3);
    const bool locked = hadLock && st.integer(3) > nowMs;
    if (st.integer(4) != 0) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "the account %1 is disabled").arg(name);
        return out;
    }
    if (locked) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "the account %1 is locked after repeated failed sign-ins until %2")
                        .arg(name, QDateTime::fromMSecsSinceEpoch(st.integer(3)).toString(Qt::ISODate));
        return out;
    }
    const int clearance = static_cast<int>(st.integer(5));
    const QString role = st.text(6);
    if (!verifyPassword(password, stored)) {
        const bool lockNow = failures + 1 >= m_policy.maxFailures;
        m_store
            .write([&](sqlite3* db) -> QString {
                Statement up(db, "UPDATE users SET failed_logins = ?2, locked_until_ms = ?3 WHERE id = ?1");
                up.bind(1, userId).bind(2, lockNow ? int64_t{0} : failures + 1);
                if (lockNow) up.bind(3, nowMs + m_policy.lockoutMs);
                else up.bindNull(3);
                return up.run() ? QString() : up.error();
            })
            .get();
        out.error = lockNow ? QCoreApplication::translate("fyr::app::Identity", "wrong password; the account %1 is now locked until %2")
                                  .arg(name, QDateTime::fromMSecsSinceEpoch(nowMs + m_policy.lockoutMs).toString(Qt::ISODate))
                            : wrong;
        return out;
    }
    if (failures > 0 || hadLock) {
        m_store
            .write([&](sqlite3* db) -> QString {
                Statement up(db, "UPDATE users SET failed_logins = 0, locked_until_ms = NULL WHERE id = ?1");
                up.bind(1, userId);
                return up.run() ? QString() : up.error();
            })
            .get();
    }
    const std::optional<PermissionSet> perms = rolePermissions(role, nullptr);
    out.principal = Principal{userId, name, role, perms.value_or(0), clearance, std::nullopt};
    return out;
}

std::optional<Identity::NewKey> Identity::createApiKey(int64_t userId, const QString& role, const QString& name,
                                                       std::optional<int64_t> expiresMs, QString* error) {
    auto fail = [&](const QString& why) -> std::optional<NewKey> {
        if (error) *error = why;
        return std::nullopt;
    };
    int64_t roleId = 0;
    const std::optional<PermissionSet> keyPerms = rolePermissions(role, &roleId);
    if (!keyPerms) return fail(QCoreApplication::translate("fyr::app::Identity", "there is no role %1").arg(role));
    QString userRole;
    {
        auto r = m_store.reader();
        if (!r) return fail(QCoreApplication::translate("fyr::app::Identity", "cannot read the database"));
        Statement st(r->db(), "SELECT ro.name FROM users u JOIN roles ro ON ro.id = u.role_id WHERE u.id = ?1");
        st.bind(1, userId);
        if (!st.next()) return fail(QCoreApplication::translate("fyr::app::Identity", "there is no user with id %1").arg(userId));
        userRole = st.text(0);
    }
    const PermissionSet userPerms = rolePermissions(userRole, nullptr).value_or(0);
    if ((*keyPerms & ~userPerms) != 0)
        return fail(QCoreApplication::translate("fyr::app::Identity", "a key with the role %1 would have rights its user (role %2) does not have").arg(role, userRole));
    const QByteArray raw = crypto::randomBytes(32);
    if (raw.isEmpty()) return fail(QCoreApplication::translate("fyr::app::Identity", "the system's random number generator failed"));
    NewKey key;
    key.secret = QStringLiteral("fyr_") +
                 QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const QString e = m_store
                          .write([&](sqlite3* db) -> QString {
                              Statement st(db,
                                           "INSERT INTO api_keys(user_id, role_id, name, key_hash, created_ms, "
                                           "expires_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
                              st.bind(1, userId).bind(2, roleId).bind(3, name).bind(4, keyHash(key.secret)).bind(5, fyr::app::nowMs());
                              if (expiresMs) st.bind(6, *expiresMs);
                              else st.bindNull(6);
                              if (!st.run()) return st.error();
                              key.id = sqlite3_last_insert_rowid(db);
                              return {};
                          })
                          .get();
    if (!e.isEmpty()) return fail(e);
    return key;
}

Identity::Result Identity::authenticateKey(const QString& secret, int64_t nowMs) {
    nowMs = fyr::app::nowMs(nowMs);
    Result out;
    auto r = m_store.reader(&out.error);
    if (!r) return out;
    Statement st(r->db(),
                 "SELECT k.id, k.expires_ms, k.revoked_ms, u.id, u.name, u.disabled, u.clearance, ro.name "
                 "FROM api_keys k JOIN users u ON u.id = k.user_id JOIN roles ro ON ro.id = k.role_id "
                 "WHERE k.key_hash = ?1");
    st.bind(1, keyHash(secret));
    if (!st.next()) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "unknown API key");
        return out;
    }
    if (!st.isNull(2)) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "this API key was revoked");
        return out;
    }
    if (!st.isNull(1) && st.integer(1) <= nowMs) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "this API key expired on %1").arg(QDateTime::fromMSecsSinceEpoch(st.integer(1)).toString(Qt::ISODate));
        return out;
    }
    if (st.integer(5) != 0) {
        out.error = QCoreApplication::translate("fyr::app::Identity", "the account %1 is disabled").arg(st.text(4));
        return out;
    }
    const QString role = st.text(7);
    out.principal = Principal{st.integer(3), st.text(4), role, rolePermissions(role, nullptr).value_or(0),
                              static_cast<int>(st.integer(6)), st.integer(0)};
    return out;
}

QString Identity::revokeApiKey(int64_t id) {
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db, "UPDATE api_keys SET revoked_ms = ?2 WHERE id = ?1 AND revoked_ms IS NULL");
            st.bind(1, id).bind(2, fyr::app::nowMs());
            if (!st.run()) return st.error();
            return sqlite3_changes(db) == 1 ? QString() : QCoreApplication::translate("fyr::app::Identity", "there is no active API key %1").arg(id);
        })
        .get();
}

}  // namespace fyr::app
