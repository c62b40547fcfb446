#include "cli/admin_session.h"

#include <QCoreApplication>
#include <QProcessEnvironment>

#include "cli/command_parser.h"
#include "services/installation.h"

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
    return fyr::app::auditKey(ring);
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
    // The same sign-in as the console's: store, data key, login, audited.
    SignedIn s = signIn(path, user, password, passphrase, QStringLiteral("fyrctl"), args.value(0));
    const bool ok = s.ok();
    out->store = std::move(s.store);
    out->ring = std::move(s.ring);
    out->audit = std::move(s.audit);
    out->identity = std::move(s.identity);
    out->who = s.who;
    if (!ok) return commandFailure(args, io, s.error);
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
