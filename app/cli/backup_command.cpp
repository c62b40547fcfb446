#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "store/backup.h"
#include "store/store.h"

namespace fyr::app::cli {
namespace {


QString when(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toString(Qt::ISODate);
}

}  // namespace

int runBackup(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "create, restore FILE, list or prune"));
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("fyrctl", "The database (default: the installation's)."),
                                QStringLiteral("PATH"));
    const QCommandLineOption out(QStringLiteral("out"), QCoreApplication::translate("fyrctl", "create: the backup file (default: a new file in --dir)."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption dir(QStringLiteral("dir"), QCoreApplication::translate("fyrctl", "Where backups go and are listed from (default: the backups folder beside the database, %1).")
                                                            .arg(Backup::defaultDir()),
                                 QStringLiteral("DIR"));
    const QCommandLineOption passphraseFile(
        QStringLiteral("passphrase-file"),
        QCoreApplication::translate("fyrctl", "Read the passphrase from the first line of FILE (default: the FYR_BACKUP_PASSPHRASE variable)."),
        QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print the result as JSON."));
    const QCommandLineOption keep(QStringLiteral("keep"), QCoreApplication::translate("fyrctl", "prune: how many of the newest backups to keep."),
                                  QStringLiteral("N"));
    parser.addOptions({db, out, dir, passphraseFile, json, keep});
    parser.addOptions({
        {QStringLiteral("as"), QCoreApplication::translate("fyrctl", "create: act as this user (default: the FYR_USER variable)."), QStringLiteral("NAME")},
        {QStringLiteral("password-file"),
         QCoreApplication::translate("fyrctl", "create: the acting user's password on the first line of FILE (default: the FYR_PASSWORD variable)."),
         QStringLiteral("FILE")},
        {QStringLiteral("data-passphrase-file"),
         QCoreApplication::translate("fyrctl", "create: the data passphrase on the first line of FILE (default: the FYR_PASSPHRASE variable)."),
         QStringLiteral("FILE")},
    });
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Encrypted backups of the installation database: create one while Fyr runs, "
                                      "list them, restore one (stop Fyr first; the current database is kept)."),
                                   io))
        return *rc;
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(0);
    const QString dbPath = parser.isSet(db) ? parser.value(db) : Store::defaultPath();
    const QString backupDir = parser.isSet(dir) ? parser.value(dir) : Backup::defaultDir(dbPath);

    if (action == QStringLiteral("list")) {
        if (pos.size() != 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "list takes no file"));
        const QList<BackupInfo> all = Backup::list(backupDir);
        if (parser.isSet(json)) {
            QJsonArray a;
            for (const BackupInfo& b : all) {
                a.append(QJsonObject{{QStringLiteral("path"), b.path},
                                     {QStringLiteral("created"), when(b.createdMs)},
                                     {QStringLiteral("schema_version"), b.schemaVersion},
                                     {QStringLiteral("database_bytes"), static_cast<qint64>(b.databaseBytes)},
                                     {QStringLiteral("file_bytes"), static_cast<qint64>(b.fileBytes)}});
            }
            io.out << QJsonDocument(a).toJson(QJsonDocument::Compact) << '\n';
            return kOk;
        }
        if (all.isEmpty()) io.out << QCoreApplication::translate("fyrctl", "no backups in %1\n").arg(backupDir);
        for (const BackupInfo& b : all) {
            io.out << QCoreApplication::translate("fyrctl", "%1  %2  schema %3  %4 KiB\n")
                          .arg(when(b.createdMs), b.path)
                          .arg(b.schemaVersion)
                          .arg(b.fileBytes / 1024);
        }
        return kOk;
    }
    if (action == QStringLiteral("prune")) {
        bool ok = false;
        const int n = parser.value(keep).toInt(&ok);
        if (!parser.isSet(keep) || !ok || n < 1)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "prune needs --keep N, a number from 1 up"));
        QString error;
        const QStringList removed = Backup::prune(backupDir, n, &error);
        for (const QString& path : removed) io.out << QCoreApplication::translate("fyrctl", "deleted %1\n").arg(path);
        if (!error.isEmpty()) return commandFailure(args, io, error);
        io.out << QCoreApplication::translate("fyrctl", "%1 backups kept in %2, %3 deleted\n").arg(Backup::list(backupDir).size()).arg(backupDir).arg(removed.size());
        return kOk;
    }
    if (action != QStringLiteral("create") && action != QStringLiteral("restore"))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected create, restore FILE, list or prune"));
    if (action == QStringLiteral("create") && pos.size() != 1) return usageError(args, io, QCoreApplication::translate("fyrctl", "create takes no file"));
    if (action == QStringLiteral("restore") && pos.size() != 2)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "restore takes the backup file to restore"));
    QByteArray passphrase;
    QString why;
    if (!readSecret(parser, passphraseFile.names().constFirst(), QStringLiteral("FYR_BACKUP_PASSPHRASE"), &passphrase, &why))
        return usageError(args, io, why);

    if (action == QStringLiteral("create")) {
        // Taken by a named user with settings.manage, and recorded in the audit chain.
        // (restore needs no account: it is the way out when the database is damaged.)
        AdminSession s;
        if (auto rc = openAdminSession(parser, args, io, &s, QStringLiteral("data-passphrase-file"))) return *rc;
        if (auto rc = s.require(Permission::SettingsManage, args, io)) return *rc;

        const QString file = parser.isSet(out) ? parser.value(out)
                                               : backupDir + QStringLiteral("/fyr-%1.fyrbak")
                                                                 .arg(QDateTime::currentDateTime().toString(
                                                                     QStringLiteral("yyyyMMdd-HHmmss-zzz")));
        BackupInfo info;
        if (const QString e = Backup::create(*s.store, file, passphrase, &info); !e.isEmpty())
            return commandFailure(args, io, e);
        if (auto rc = s.record(QStringLiteral("backup.create"), info.path, QStringLiteral("%1 bytes").arg(info.fileBytes), args, io))
            return *rc;
        if (parser.isSet(json)) {
            io.out << QJsonDocument(QJsonObject{{QStringLiteral("path"), info.path},
                                                {QStringLiteral("created"), when(info.createdMs)},
                                                {QStringLiteral("schema_version"), info.schemaVersion},
                                                {QStringLiteral("file_bytes"), static_cast<qint64>(info.fileBytes)}})
                          .toJson(QJsonDocument::Compact)
                   << '\n';
        } else {
            io.out << QCoreApplication::translate("fyrctl", "backup written: %1 (%2 KiB)\n").arg(info.path).arg(info.fileBytes / 1024);
        }
        return kOk;
    }
    QString kept;
    if (const QString e = Backup::restore(pos.at(1), passphrase, dbPath, &kept); !e.isEmpty())
        return commandFailure(args, io, e);
    io.out << QCoreApplication::translate("fyrctl", "restored %1 into %2\n").arg(pos.at(1), dbPath);
    if (!kept.isEmpty()) io.out << QCoreApplication::translate("fyrctl", "the database it replaced is kept as %1\n").arg(kept);
    return kOk;
}

}  // namespace fyr::app::cli
