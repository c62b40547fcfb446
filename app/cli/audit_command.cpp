#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "store/audit_log.h"
#include "store/key_ring.h"
#include "store/store.h"

namespace fyr::app::cli {
namespace {


}  // namespace

int runAudit(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "verify, export or list"));
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("fyrctl", "The database (default: the installation's)."),
                                QStringLiteral("PATH"));
    const QCommandLineOption file(QStringLiteral("file"),
                                  QCoreApplication::translate("fyrctl", "verify: check this JSON-lines export instead of the database's log."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption out(QStringLiteral("out"), QCoreApplication::translate("fyrctl", "export: where the JSON lines go."), QStringLiteral("FILE"));
    const QCommandLineOption passphraseFile(
        QStringLiteral("passphrase-file"),
        QCoreApplication::translate("fyrctl", "Unlock the data key with the passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable)."),
        QStringLiteral("FILE"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"), QCoreApplication::translate("fyrctl", "Unlock the data key with this key file."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print the verdict as JSON."));
    const QCommandLineOption as(QStringLiteral("as"), QCoreApplication::translate("fyrctl", "Act as this user (default: the FYR_USER variable)."),
                                QStringLiteral("NAME"));
    const QCommandLineOption passwordFile(
        QStringLiteral("password-file"),
        QCoreApplication::translate("fyrctl", "The acting user's password on the first line of FILE (default: the FYR_PASSWORD variable)."),
        QStringLiteral("FILE"));
    const QCommandLineOption from(QStringLiteral("from"), QCoreApplication::translate("fyrctl", "list: the first sequence number (default: the last 50 entries)."),
                                  QStringLiteral("SEQ"));
    const QCommandLineOption limit(QStringLiteral("limit"), QCoreApplication::translate("fyrctl", "list: at most N entries (default 50)."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    parser.addOptions({db, file, out, passphraseFile, keyFile, json, as, passwordFile, from, limit});
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Check the tamper-evident audit log (every entry, the chain and the head "
                                      "checkpoint), or export it as JSON lines."),
                                   io))
        return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    if (pos.size() != 1 || (action != QStringLiteral("verify") && action != QStringLiteral("export") &&
                            action != QStringLiteral("list")))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected verify, export or list"));
    if (action == QStringLiteral("list")) {
        bool ok = false;
        const int n = parser.value(limit).toInt(&ok);
        if (!ok || n < 1 || n > 100000) return usageError(args, io, QCoreApplication::translate("fyrctl", "--limit expects 1 to 100000"));
        AdminSession s;
        if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
        if (auto rc = s.require(Permission::AuditView, args, io)) return *rc;
        QString error;
        int64_t first = parser.value(from).toLongLong(&ok);
        if (!parser.isSet(from)) {
            const auto v = s.audit->entries(1, 1 << 30, &error);
            first = v.isEmpty() ? 1 : std::max<int64_t>(1, v.last().seq - n + 1);
        } else if (!ok) {
            return usageError(args, io, QCoreApplication::translate("fyrctl", "--from expects a sequence number"));
        }
        const auto entries = s.audit->entries(first, n, &error);
        if (!error.isEmpty()) return commandFailure(args, io, error);
        for (const auto& e : entries) {
            if (parser.isSet(json))
                io.out << QJsonDocument(QJsonObject{{QStringLiteral("seq"), static_cast<qint64>(e.seq)},
                                                    {QStringLiteral("time_ms"), static_cast<qint64>(e.timeMs)},
                                                    {QStringLiteral("actor"), e.actor},
                                                    {QStringLiteral("action"), e.action},
                                                    {QStringLiteral("target"), e.target},
                                                    {QStringLiteral("details"), e.details}})
                              .toJson(QJsonDocument::Compact)
                       << '\n';
            else
                io.out << QStringLiteral("%1  %2  %3  %4  %5  %6\n")
                              .arg(e.seq, 6)
                              .arg(QDateTime::fromMSecsSinceEpoch(e.timeMs, QTimeZone::utc()).toString(Qt::ISODate), e.actor, e.action, e.target, e.details);
        }
        return kOk;
    }
    if (action == QStringLiteral("export") && !parser.isSet(out))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "export needs --out FILE"));

    QByteArray secret;
    if (parser.isSet(keyFile)) {
        QFile f(parser.value(keyFile));
        if (!f.open(QIODevice::ReadOnly))
            return usageError(args, io, QCoreApplication::translate("fyrctl", "%1: cannot read the key file: %2").arg(parser.value(keyFile), f.errorString()));
        secret = f.readAll();
    } else {
        QString why;
        if (!readSecret(parser, passphraseFile.names().constFirst(), QStringLiteral("FYR_PASSPHRASE"), &secret, &why))
            return usageError(args, io, why + QCoreApplication::translate("fyrctl", " (or give --key-file FILE)"));
    }

    Store::Opened o = Store::open(parser.isSet(db) ? parser.value(db) : Store::defaultPath());
    if (!o.store) return commandFailure(args, io, o.error);
    QString error;
    const auto ring = KeyRing::unlock(*o.store, secret, &error);
    if (!ring) return commandFailure(args, io, error);
    const QByteArray key = auditKey(*ring);
    AuditLog log(*o.store, key);
    // The database's own log is verified as found, before this command adds to it.
    const AuditLog::Verdict v = parser.isSet(file) ? AuditLog::verifyExport(parser.value(file), key) : log.verify();

    // Reading the installation's log takes a named user with audit.view (an export
    // file is checked offline without one).
    if (!parser.isSet(file)) {
        QString user = parser.value(as);
        if (user.isEmpty()) user = qEnvironmentVariable("FYR_USER");
        if (user.isEmpty())
            return usageError(args, io, QCoreApplication::translate("fyrctl", "say who acts: --as NAME (or set FYR_USER)"));
        QByteArray password;
        QString why;
        if (!readSecret(parser, QStringLiteral("password-file"), QStringLiteral("FYR_PASSWORD"), &password, &why))
            return usageError(args, io, why);
        const Identity::Result who = Identity(*o.store).login(user, password);
        if (!who.principal) {
            log.append(user, QStringLiteral("login.failed"), QStringLiteral("fyrctl"), who.error);
            return commandFailure(args, io, who.error);
        }
        if (!allowed(who.principal->permissions, Permission::AuditView)) {
            log.append(user, QStringLiteral("permission.denied"), permissionName(Permission::AuditView), args.join(u' '));
            return commandFailure(args, io, QCoreApplication::translate("fyrctl", "%1 (role %2) lacks the permission %3")
                                                .arg(user, who.principal->role, permissionName(Permission::AuditView)));
        }
        const QString what = action == QStringLiteral("export") ? QStringLiteral("audit.export") : QStringLiteral("audit.verify");
        if (const QString e = log.append(user, what, parser.value(out), v.ok ? QStringLiteral("intact") : v.problem); !e.isEmpty())
            return commandFailure(args, io, e);
    }

    if (action == QStringLiteral("export")) {
        if (const QString e = log.exportJsonLines(parser.value(out)); !e.isEmpty()) return commandFailure(args, io, e);
        io.out << QCoreApplication::translate("fyrctl", "audit log written to %1\n").arg(parser.value(out));
        return kOk;
    }
    if (parser.isSet(json)) {
        io.out << QJsonDocument(QJsonObject{{QStringLiteral("ok"), v.ok},
                                            {QStringLiteral("entries"), static_cast<qint64>(v.entries)},
                                            {QStringLiteral("first_bad_seq"), static_cast<qint64>(v.firstBad)},
                                            {QStringLiteral("problem"), v.problem}})
                      .toJson(QJsonDocument::Compact)
               << '\n';
    } else if (v.ok) {
        io.out << QCoreApplication::translate("fyrctl", "audit log intact: %1 entries, chain and head checkpoint verified\n").arg(v.entries);
    } else {
        io.out << QCoreApplication::translate("fyrctl", "audit log NOT intact: first bad entry %1: %2\n").arg(v.firstBad).arg(v.problem);
    }
    return v.ok ? kOk : kFailure;
}

}  // namespace fyr::app::cli
