#include "cli/admin_session.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include "cli/command_parser.h"

namespace fyr::app::cli {

void addAdminOptions(QCommandLineParser& parser) {
    parser.addOptions({
        {QStringLiteral("db"), QCoreApplication::translate("fyrctl", "The database (default: the installation's)."),
         QStringLiteral("PATH")},
        {QStringLiteral("as"), QCoreApplication::translate("fyrctl", "Act as this user (default: the FYR_USER variable)."),
         QStringLiteral("NAME")},
        {QStringLiteral("password-file"),
         QCoreApplication::translate("fyrctl", "The acting user's password on the first line of FILE (default: the FYR_PASSWORD variable)."),
         QStringLiteral("FILE")},
        {QStringLiteral("passphrase-file"),
         QCoreApplication::translate("fyrctl", "The data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable)."),
         QStringLiteral("FILE")},
    });
}

QByteArray auditKey(const KeyRing& ring) {
    return ring.subkey("fyr audit chain v1");
}

std::optional<int> openAdminSession(const QCommandLineParser& parser, const QStringList& args, CommandIo& io,
                                    AdminSession* out, const QString& passphraseOption) {
    QString user = parser.value(QStringLiteral("as"));
    if (user.isEmpty()) user = QProcessEnvironment::systemEnvironment().value(QStringLiteral("FYR_USER"));
    if (user.isEmpty()) return usageError(args, io, QCoreApplication::translate("fyrctl", "say who acts: --as NAME (or set FYR_USER)"));
    QByteArray password, passphrase;
    QString why;
    if (!readSecret(parser, QStringLiteral("password-file"), QStringLiteral("FYR_PASSWORD"), &password, &why) ||
        !readSecret(parser, passphraseOption, QStringLiteral("FYR_PASSPHRASE"), &passphrase, &why))
        return usageError(args, io, why);

    const QString path = parser.isSet(QStringLiteral("db")) ? parser.value(QStringLiteral("db")) : Store::defaultPath();
    Store::Opened o = Store::open(path);
    if (!o.store) return commandFailure(args, io, o.error);
    out->store = std::move(o.store);
    QString error;
    out->ring = KeyRing::unlock(*out->store, passphrase, &error);
    if (!out->ring) return commandFailure(args, io, error);
    out->audit = std::make_unique<AuditLog>(*out->store, auditKey(*out->ring));
    out->identity = std::make_unique<Identity>(*out->store);
    const Identity::Result r = out->identity->login(user, password);
    if (!r.principal) {
        out->audit->append(user, QStringLiteral("login.failed"), QStringLiteral("fyrctl"), r.error);
        return commandFailure(args, io, r.error);
    }
    out->who = *r.principal;
    if (const QString e = out->audit->append(user, QStringLiteral("login"), QStringLiteral("fyrctl"), args.value(0)); !e.isEmpty())
        return commandFailure(args, io, e);
    return std::nullopt;
}

std::optional<int> AdminSession::require(Permission p, const QStringList& args, CommandIo& io) {
    if (allowed(who.permissions, p)) return std::nullopt;
    audit->append(who.user, QStringLiteral("permission.denied"), permissionName(p), args.join(u' '));
    return commandFailure(args, io,
                          QCoreApplication::translate("fyrctl", "%1 (role %2) lacks the permission %3")
                              .arg(who.user, who.role, permissionName(p)));
}

std::optional<int> AdminSession::record(const QString& action, const QString& target, const QString& details,
                                        const QStringList& args, CommandIo& io) {
    const QString e = audit->append(who.user, action, target, details);
    if (e.isEmpty()) return std::nullopt;
    return commandFailure(args, io, QCoreApplication::translate("fyrctl", "done, but the audit log could not record it: %1").arg(e));
}

}  // namespace fyr::app::cli
