// fyrctl init, users and keys: headless administration of an installation.
// Secrets come from files or the environment, never argv, and are never printed
// (except a new API key, shown once). Every change lands in the audit chain under
// the acting user.
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTimeZone>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "services/installation.h"
#include "store/conversations.h"
#include "store/key_rotation.h"
#include "store/model_access.h"

namespace fyr::app::cli {
namespace {

QString utc(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

QJsonValue optionalTime(const std::optional<int64_t>& ms) {
    return ms ? QJsonValue(utc(*ms)) : QJsonValue();
}

}  // namespace

int runInit(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addOptions({
        {QStringLiteral("db"), QCoreApplication::translate("fyrctl", "The database to create (default: the installation's)."),
         QStringLiteral("PATH")},
        {QStringLiteral("admin"), QCoreApplication::translate("fyrctl", "The first administrator's user name."), QStringLiteral("NAME")},
        {QStringLiteral("password-file"),
         QCoreApplication::translate("fyrctl", "The administrator's password on the first line of FILE (default: the FYR_PASSWORD variable)."),
         QStringLiteral("FILE")},
        {QStringLiteral("passphrase-file"),
         QCoreApplication::translate("fyrctl", "The data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable)."),
         QStringLiteral("FILE")},
    });
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl",
                                                               "Create an installation without a window: the database, its "
                                                               "data key wrapped by the passphrase, and the first admin."),
                                   io))
        return *rc;
    const QString admin = parser.value(QStringLiteral("admin"));
    if (admin.isEmpty()) return usageError(args, io, QCoreApplication::translate("fyrctl", "init needs --admin NAME"));
    QByteArray password, passphrase;
    QString why;
    if (!readSecret(parser, QStringLiteral("password-file"), QStringLiteral("FYR_PASSWORD"), &password, &why) ||
        !readSecret(parser, QStringLiteral("passphrase-file"), QStringLiteral("FYR_PASSPHRASE"), &passphrase, &why))
        return usageError(args, io, why);
    if (const QString e = passphraseProblem(passphrase); !e.isEmpty()) return usageError(args, io, e);

    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : Store::defaultPath();
    // The same creation as the console's first start.
    if (QString e = createInstallation(path, admin, password, passphrase); !e.isEmpty()) return commandFailure(args, io, e);
    io.out << QCoreApplication::translate("fyrctl", "installation created at %1 with the admin %2\n").arg(path, admin);
    return kOk;
}

int runUsers(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QCoreApplication::translate("fyrctl", "add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE"));
    addAdminOptions(parser);
    parser.addOptions({
        {QStringLiteral("role"), QCoreApplication::translate("fyrctl", "add: the new user's role (default analyst)."), QStringLiteral("ROLE"),
         QStringLiteral("analyst")},
        {QStringLiteral("clearance"), QCoreApplication::translate("fyrctl", "add: the new user's data clearance level (default 0)."),
         QStringLiteral("N"), QStringLiteral("0")},
        {QStringLiteral("new-password-file"),
         QCoreApplication::translate("fyrctl", "add, passwd: the new password on the first line of FILE (default: the FYR_NEW_PASSWORD variable)."),
         QStringLiteral("FILE")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "list: print JSON.")},
    });
    if (auto rc = parseCommandLine(parser, args, QCoreApplication::translate("fyrctl", "Manage local accounts."), io)) return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const int wanted = action == QLatin1String("list") ? 1 : action == QLatin1String("role") ? 3 : 2;
    static const QStringList actions = {QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("passwd"),
                                        QStringLiteral("disable"), QStringLiteral("enable"), QStringLiteral("role")};
    if (!actions.contains(action) || pos.size() != wanted)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected add NAME, list, passwd NAME, disable NAME, enable NAME or role NAME ROLE"));
    bool ok = false;
    const int clearance = parser.value(QStringLiteral("clearance")).toInt(&ok);
    if (!ok || clearance < 0 || clearance > 100)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--clearance expects 0 to 100"));
    QByteArray newPassword;
    if (action == QLatin1String("add") || action == QLatin1String("passwd")) {
        QString why;
        if (!readSecret(parser, QStringLiteral("new-password-file"), QStringLiteral("FYR_NEW_PASSWORD"), &newPassword, &why))
            return usageError(args, io, why);
    }

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    const QString name = pos.value(1);
    if (action == QLatin1String("list")) {
        if (auto rc = s.require(Permission::UsersManage, args, io)) return *rc;
        const auto users = s.identity->users();
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray arr;
            for (const auto& u : users)
                arr.append(QJsonObject{{QStringLiteral("name"), u.name},
                                       {QStringLiteral("role"), u.role},
                                       {QStringLiteral("clearance"), u.clearance},
                                       {QStringLiteral("disabled"), u.disabled},
                                       {QStringLiteral("created"), utc(u.createdMs)},
                                       {QStringLiteral("locked_until"), optionalTime(u.lockedUntilMs)}});
            io.out << QJsonDocument(arr).toJson(QJsonDocument::Compact) << '\n';
        } else {
            for (const auto& u : users)
                io.out << QStringLiteral("%1  %2  clearance %3%4\n")
                              .arg(u.name, -16)
                              .arg(u.role, -10)
                              .arg(u.clearance)
                              .arg(u.disabled ? QCoreApplication::translate("fyrctl", "  disabled") : QString());
        }
        return kOk;
    }
    // Changing one's own password needs no permission; everything else does.
    if (!(action == QLatin1String("passwd") && name == s.who.user))
        if (auto rc = s.require(Permission::UsersManage, args, io)) return *rc;
    QString e;
    QString details;
    if (action == QLatin1String("add")) {
        e = s.identity->createUser(name, newPassword, parser.value(QStringLiteral("role")), clearance);
        details = QStringLiteral("role %1, clearance %2").arg(parser.value(QStringLiteral("role"))).arg(clearance);
    } else if (action == QLatin1String("passwd")) {
        e = s.identity->setPassword(name, newPassword);
    } else if (action == QLatin1String("disable") || action == QLatin1String("enable")) {
        if (action == QLatin1String("disable") && name == s.who.user)
            return commandFailure(args, io, QCoreApplication::translate("fyrctl", "you cannot disable your own account"));
        e = s.identity->setDisabled(name, action == QLatin1String("disable"));
    } else {
        e = s.identity->setRole(name, pos.value(2));
        details = QStringLiteral("role %1").arg(pos.value(2));
    }
    if (!e.isEmpty()) return commandFailure(args, io, e);
    if (auto rc = s.record(QStringLiteral("user.") + action, name, details, args, io)) return *rc;
    io.out << QCoreApplication::translate("fyrctl", "user %1: %2 done\n").arg(name, action);
    return kOk;
}

int runKeys(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "create NAME, list or revoke ID"));
    addAdminOptions(parser);
    parser.addOptions({
        {QStringLiteral("role"), QCoreApplication::translate("fyrctl", "create: the key's role (default: the acting user's)."),
         QStringLiteral("ROLE")},
        {QStringLiteral("expires-days"), QCoreApplication::translate("fyrctl", "create: days until the key expires (default 90)."),
         QStringLiteral("N"), QStringLiteral("90")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print JSON.")},
    });
    if (auto rc = parseCommandLine(parser, args, QCoreApplication::translate("fyrctl", "Manage API keys: shown once, stored only as a hash."), io))
        return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (!((action == QLatin1String("list") && pos.size() == 1) ||
          ((action == QLatin1String("create") || action == QLatin1String("revoke")) && pos.size() == 2)))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected create NAME, list or revoke ID"));
    bool ok = false;
    const int days = parser.value(QStringLiteral("expires-days")).toInt(&ok);
    if (!ok || days < 1 || days > 3650) return usageError(args, io, QCoreApplication::translate("fyrctl", "--expires-days expects 1 to 3650"));

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (auto rc = s.require(Permission::ApiKeysManage, args, io)) return *rc;
    if (action == QLatin1String("list")) {
        QJsonArray arr;
        for (const auto& k : s.identity->apiKeys()) {
            if (parser.isSet(QStringLiteral("json"))) {
                arr.append(QJsonObject{{QStringLiteral("id"), static_cast<qint64>(k.id)},
                                       {QStringLiteral("user"), k.user},
                                       {QStringLiteral("role"), k.role},
                                       {QStringLiteral("name"), k.name},
                                       {QStringLiteral("created"), utc(k.createdMs)},
                                       {QStringLiteral("expires"), optionalTime(k.expiresMs)},
                                       {QStringLiteral("revoked"), optionalTime(k.revokedMs)}});
                continue;
            }
            io.out << QStringLiteral("%1  %2  %3  %4  %5\n")
                          .arg(k.id, 4)
                          .arg(k.name, -16)
                          .arg(k.user, -12)
                          .arg(k.role, -10)
                          .arg(k.revokedMs ? QCoreApplication::translate("fyrctl", "revoked %1").arg(utc(*k.revokedMs))
                                           : k.expiresMs ? QCoreApplication::translate("fyrctl", "expires %1").arg(utc(*k.expiresMs))
                                                         : QString());
        }
        if (parser.isSet(QStringLiteral("json"))) io.out << QJsonDocument(arr).toJson(QJsonDocument::Compact) << '\n';
        return kOk;
    }
    if (action == QLatin1String("revoke")) {
        const qint64 id = pos.value(1).toLongLong(&ok);
        if (!ok) return usageError(args, io, QCoreApplication::translate("fyrctl", "revoke expects the key's number (see keys list)"));
        if (QString e = s.identity->revokeApiKey(id); !e.isEmpty()) return commandFailure(args, io, e);
        if (auto rc = s.record(QStringLiteral("key.revoke"), QString::number(id), {}, args, io)) return *rc;
        io.out << QCoreApplication::translate("fyrctl", "key %1 revoked\n").arg(id);
        return kOk;
    }
    const QString role = parser.isSet(QStringLiteral("role")) ? parser.value(QStringLiteral("role")) : s.who.role;
    QString error;
    const int64_t expires = QDateTime::currentMSecsSinceEpoch() + int64_t{days} * 24 * 3600 * 1000;
    const auto key = s.identity->createApiKey(s.who.userId, role, pos.value(1), expires, &error);
    if (!key) return commandFailure(args, io, error);
    if (auto rc = s.record(QStringLiteral("key.create"), QString::number(key->id),
                           QStringLiteral("%1, role %2, expires %3").arg(pos.value(1), role, utc(expires)), args, io))
        return *rc;
    if (parser.isSet(QStringLiteral("json")))
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("id"), static_cast<qint64>(key->id)},
                                            {QStringLiteral("key"), key->secret},
                                            {QStringLiteral("role"), role},
                                            {QStringLiteral("expires"), utc(expires)}})
                      .toJson(QJsonDocument::Compact)
               << '\n';
    else
        io.out << QCoreApplication::translate("fyrctl", "key %1 (role %2, expires %3); it is shown only now:\n%4\n")
                      .arg(key->id)
                      .arg(role, utc(expires), key->secret);
    return kOk;
}

}  // namespace fyr::app::cli

namespace fyr::app::cli {

int runRoles(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QCoreApplication::translate("fyrctl", "list, create NAME [PERMISSION…], grant|revoke ROLE PERMISSION, models ROLE, allow-model|deny-model ROLE PATTERN"));
    addAdminOptions(parser);
    parser.addOption({QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print JSON.")});
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "List roles and their permissions; create custom roles and change what they may do."),
                                   io))
        return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const bool modelAction = action == QLatin1String("allow-model") || action == QLatin1String("deny-model");
    const bool shapeOk = (action == QLatin1String("list") && pos.size() == 1) ||
                         (action == QLatin1String("create") && pos.size() >= 2) ||
                         (action == QLatin1String("models") && pos.size() == 2) ||
                         ((action == QLatin1String("grant") || action == QLatin1String("revoke") || modelAction) && pos.size() == 3);
    if (!shapeOk)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected list, create NAME [PERMISSION…], grant ROLE PERMISSION, revoke ROLE PERMISSION, models ROLE, allow-model ROLE PATTERN or deny-model ROLE PATTERN"));
    PermissionSet perms = 0;
    for (const QString& name : (modelAction || action == QLatin1String("models")) ? QStringList() : pos.mid(2)) {
        const auto p = permissionFromName(name);
        if (!p) {
            QStringList known;
            for (Permission k : allPermissions()) known << permissionName(k);
            return usageError(args, io, QCoreApplication::translate("fyrctl", "unknown permission %1 (known: %2)").arg(name, known.join(QStringLiteral(", "))));
        }
        perms |= bit(*p);
    }
    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (action == QLatin1String("list")) {
        QJsonArray arr;
        for (const auto& r : s.identity->roles()) {
            QStringList names;
            for (Permission p : allPermissions())
                if (allowed(r.permissions, p)) names << permissionName(p);
            if (parser.isSet(QStringLiteral("json")))
                arr.append(QJsonObject{{QStringLiteral("name"), r.name},
                                       {QStringLiteral("builtin"), r.builtin},
                                       {QStringLiteral("permissions"), QJsonArray::fromStringList(names)}});
            else
                io.out << QStringLiteral("%1  %2  %3\n")
                              .arg(r.name, -12)
                              .arg(r.builtin ? QCoreApplication::translate("fyrctl", "built-in") : QCoreApplication::translate("fyrctl", "custom"), -9)
                              .arg(names.join(QStringLiteral(" ")));
        }
        if (parser.isSet(QStringLiteral("json"))) io.out << QJsonDocument(arr).toJson(QJsonDocument::Compact) << '\n';
        return kOk;
    }
    if (action == QLatin1String("models")) {
        const QStringList pats = ModelAccess(*s.store).patterns(pos.value(1));
        io.out << (pats.isEmpty() ? QCoreApplication::translate("fyrctl", "%1 may use every model\n").arg(pos.value(1))
                                  : pats.join(u'\n') + u'\n');
        return kOk;
    }
    if (auto rc = s.require(Permission::SecurityManage, args, io)) return *rc;
    if (modelAction) {
        ModelAccess access(*s.store);
        const QString e = action == QLatin1String("allow-model") ? access.allow(pos.value(1), pos.value(2))
                                                                 : access.disallow(pos.value(1), pos.value(2));
        if (!e.isEmpty()) return commandFailure(args, io, e);
        if (auto rc = s.record(QStringLiteral("role.") + action, pos.value(1), pos.value(2), args, io)) return *rc;
        io.out << QCoreApplication::translate("fyrctl", "role %1: %2 done\n").arg(pos.value(1), action);
        return kOk;
    }
    // Nobody hands out rights they do not hold themselves.
    if ((perms & ~s.who.permissions) != 0)
        return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1 cannot grant permissions the role %2 does not hold").arg(s.who.user, s.who.role));
    QString e;
    if (action == QLatin1String("create")) e = s.identity->createRole(pos.value(1), perms);
    else e = s.identity->setRolePermission(pos.value(1), *permissionFromName(pos.value(2)), action == QLatin1String("grant"));
    if (!e.isEmpty()) return commandFailure(args, io, e);
    if (auto rc = s.record(QStringLiteral("role.") + action, pos.value(1), pos.mid(2).join(u' '), args, io)) return *rc;
    io.out << QCoreApplication::translate("fyrctl", "role %1: %2 done\n").arg(pos.value(1), action);
    return kOk;
}

namespace {

std::optional<int64_t> userId(const Identity& identity, const QString& name) {
    for (const auto& u : identity.users())
        if (u.name == name) return u.id;
    return std::nullopt;
}

}  // namespace

int runExportUser(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("user"), QCoreApplication::translate("fyrctl", "Whose data to export."));
    addAdminOptions(parser);
    parser.addOption({QStringLiteral("out"), QCoreApplication::translate("fyrctl", "Write the JSON to FILE (default: standard output)."),
                      QStringLiteral("FILE")});
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Export everything held about one user (account, conversations decrypted, keys without secrets, requests) as JSON."),
                                   io))
        return *rc;
    if (parser.positionalArguments().size() != 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "expected one user name"));
    const QString name = parser.positionalArguments().at(0);
    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (name != s.who.user)
        if (auto rc = s.require(Permission::UsersManage, args, io)) return *rc;
    const auto id = userId(*s.identity, name);
    if (!id) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "there is no user %1").arg(name));
    QString error;
    const QJsonObject data = Conversations(*s.store, *s.ring).exportUser(*id, &error);
    if (!error.isEmpty()) return commandFailure(args, io, error);
    const QByteArray json = QJsonDocument(data).toJson(QJsonDocument::Indented);
    if (parser.isSet(QStringLiteral("out"))) {
        QSaveFile f(parser.value(QStringLiteral("out")));
        if (!f.open(QIODevice::WriteOnly) || f.write(json) < 0 || !f.commit())
            return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1: cannot write: %2").arg(f.fileName(), f.errorString()));
    } else {
        io.out << QString::fromUtf8(json);
    }
    if (auto rc = s.record(QStringLiteral("user.export"), name, parser.value(QStringLiteral("out")), args, io)) return *rc;
    return kOk;
}

int runEraseUser(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("user"), QCoreApplication::translate("fyrctl", "Whose data to erase."));
    addAdminOptions(parser);
    parser.addOption({QStringLiteral("yes"), QCoreApplication::translate("fyrctl", "Confirm: erasure cannot be undone.")});
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Erase one user: account, conversations, messages and keys. Request figures and the audit log stay, without the person."),
                                   io))
        return *rc;
    if (parser.positionalArguments().size() != 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "expected one user name"));
    if (!parser.isSet(QStringLiteral("yes")))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "erasure cannot be undone: add --yes to confirm"));
    const QString name = parser.positionalArguments().at(0);
    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (auto rc = s.require(Permission::UsersManage, args, io)) return *rc;
    if (name == s.who.user) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "you cannot erase your own account"));
    const auto id = userId(*s.identity, name);
    if (!id) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "there is no user %1").arg(name));
    QString error;
    if (!Conversations(*s.store, *s.ring).eraseUser(*id, &error)) return commandFailure(args, io, error);
    if (auto rc = s.record(QStringLiteral("user.erase"), name, {}, args, io)) return *rc;
    io.out << QCoreApplication::translate("fyrctl", "user %1 erased\n").arg(name);
    return kOk;
}

}  // namespace fyr::app::cli

namespace fyr::app::cli {

int runRotateKey(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    addAdminOptions(parser);
    parser.addOptions({
        {QStringLiteral("status"), QCoreApplication::translate("fyrctl", "Only show the data keys and how much is still under older ones.")},
        {QStringLiteral("batch"), QCoreApplication::translate("fyrctl", "Values re-encrypted per transaction (default 200)."), QStringLiteral("N"),
         QStringLiteral("200")},
    });
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl",
                                                               "Make a new data key and re-encrypt every message and payload with it. "
                                                               "Stopped or killed, run it again: it resumes where it was."),
                                   io))
        return *rc;
    bool ok = false;
    const int batch = parser.value(QStringLiteral("batch")).toInt(&ok);
    if (!ok || batch < 1 || batch > 100000) return usageError(args, io, QCoreApplication::translate("fyrctl", "--batch expects 1 to 100000"));
    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (auto rc = s.require(Permission::SecurityManage, args, io)) return *rc;
    QString error;
    const int64_t stale = KeyRotation(*s.store, *s.ring, batch).pending(&error);
    if (stale < 0) return commandFailure(args, io, error);
    QStringList ids;
    for (int64_t id : s.ring->keyIds()) ids << QString::number(id);
    if (parser.isSet(QStringLiteral("status"))) {
        io.out << QCoreApplication::translate("fyrctl", "data keys %1 (newest %2); %3 value(s) still under older keys\n")
                      .arg(ids.join(QStringLiteral(", ")))
                      .arg(s.ring->keyIds().last())
                      .arg(stale);
        return kOk;
    }
    std::unique_ptr<KeyRing> ring;
    if (stale > 0) {
        io.err << QCoreApplication::translate("fyrctl", "resuming: %1 value(s) still under older keys\n").arg(stale);
    } else {
        QByteArray passphrase;
        QString why;
        if (!readSecret(parser, QStringLiteral("passphrase-file"), QStringLiteral("FYR_PASSPHRASE"), &passphrase, &why))
            return usageError(args, io, why);
        ring = s.ring->rotate(*s.store, passphrase, KeyRing::Secret::Passphrase, {}, &error);
        if (!ring) return commandFailure(args, io, error);
        if (auto rc = s.record(QStringLiteral("key.rotate"), QString::number(ring->keyIds().last()),
                               QStringLiteral("new data key"), args, io))
            return *rc;
    }
    const KeyRing& active = ring ? *ring : *s.ring;
    KeyRotation rotation(*s.store, active, batch);
    const KeyRotation::Result r = rotation.run([&](int64_t done, int64_t total) {
        io.err << '\r' << QCoreApplication::translate("fyrctl", "re-encrypted %1 of %2").arg(done).arg(total);
        io.err.flush();
        return true;
    });
    io.err << '\n';
    if (!r.error.isEmpty()) return commandFailure(args, io, r.error);
    if (auto rc = s.record(QStringLiteral("key.reencrypt"), QString::number(active.keyIds().last()),
                           QStringLiteral("%1 value(s), %2 left").arg(r.reencrypted).arg(r.remaining), args, io))
        return *rc;
    io.out << QCoreApplication::translate("fyrctl", "data key %1 in use: %2 value(s) re-encrypted, %3 left\n")
                  .arg(active.keyIds().last())
                  .arg(r.reencrypted)
                  .arg(r.remaining);
    return r.remaining == 0 ? kOk : kFailure;
}

}  // namespace fyr::app::cli
