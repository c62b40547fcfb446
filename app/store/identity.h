// Local accounts, roles and API keys. Passwords are hashed with scrypt (OpenSSL;
// N = 2^17, r = 8, p = 1 by default) and a per-user salt, the settings stored
// with the hash ("scrypt$N$r$p$salt$hash") so they can be raised later. Repeated
// failures lock an account for a while, and the message says until when. API
// keys are shown once, stored only as a SHA-256 hash, scoped to a role no
// stronger than their user's, expiring and revocable. Every decision goes through
// allowed() (store/permissions.h).
//
//   fyr::app::Identity id(store);
//   id.createFirstAdmin(QStringLiteral("admin"), password);          // first start only
//   auto r = id.login(QStringLiteral("admin"), password);            // r.principal or r.error
//   auto key = id.createApiKey(r.principal->userId, QStringLiteral("analyst"), QStringLiteral("ci"), {}, &err);
//   auto caller = id.authenticateKey(key->secret);                   // the API server's check
//
// Thread-safety: may be used from any thread (writes go through the store's writer).
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "store/crypto.h"
#include "store/permissions.h"

namespace fyr::app {

class Store;

struct Principal {
    int64_t userId = 0;
    QString user;
    QString role;
    PermissionSet permissions = 0;
    int clearance = 0;
    std::optional<int64_t> apiKeyId;  // set when authenticated by an API key
};

class Identity {
public:
    struct Policy {
        crypto::ScryptParams password{};
        int maxFailures = 5;                  // failed logins in a row before a lockout
        int64_t lockoutMs = 15 * 60 * 1000;   // how long it lasts
    };
    struct Result {
        std::optional<Principal> principal;
        QString error;
    };
    struct NewKey {
        int64_t id = 0;
        QString secret;  // "fyr_...": shown to the user once, never stored
    };

    explicit Identity(Store& store);
    Identity(Store& store, Policy policy);

    // Seeds the built-in roles and creates the first user as admin; refused once any user exists.
    QString createFirstAdmin(const QString& name, const QByteArray& password);
    bool hasUsers() const;
    QString createRole(const QString& name, PermissionSet permissions);
    // Adds or removes one permission of a custom role (built-in roles are fixed).
    QString setRolePermission(const QString& role, Permission p, bool granted);
    struct RoleInfo {
        QString name;
        bool builtin = false;
        PermissionSet permissions = 0;
    };
    std::vector<RoleInfo> roles() const;
    QString createUser(const QString& name, const QByteArray& password, const QString& role, int clearance = 0);
    QString setPassword(const QString& name, const QByteArray& password);
    QString setDisabled(const QString& name, bool disabled);
    QString setRole(const QString& name, const QString& role);

    struct UserInfo {
        int64_t id = 0;
        QString name, role;
        int clearance = 0;
        bool disabled = false;
        int64_t createdMs = 0;
        std::optional<int64_t> lockedUntilMs;
    };
    struct KeyInfo {
        int64_t id = 0;
        QString user, role, name;
        int64_t createdMs = 0;
        std::optional<int64_t> expiresMs, revokedMs;
    };
    std::vector<UserInfo> users() const;
    std::vector<KeyInfo> apiKeys() const;

    Result login(const QString& name, const QByteArray& password, int64_t nowMs = -1);
    std::optional<NewKey> createApiKey(int64_t userId, const QString& role, const QString& name,
                                       std::optional<int64_t> expiresMs, QString* error);
    Result authenticateKey(const QString& secret, int64_t nowMs = -1);
    QString revokeApiKey(int64_t id);

    // The rules every account's name and password meet: "" or what is wrong (before anything is written).
    static QString accountProblem(const QString& name, const QByteArray& password);
    static QString hashPassword(const QByteArray& password, const crypto::ScryptParams& params);
    static bool verifyPassword(const QByteArray& password, const QString& stored);

private:
    std::optional<PermissionSet> rolePermissions(const QString& role, int64_t* roleId) const;
    QString seedRoles();

    Store& m_store;
    Policy m_policy;
};

}  // namespace fyr::app
