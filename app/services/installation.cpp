#include "services/installation.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include "store/statement.h"

namespace fyr::app {

QByteArray auditKey(const KeyRing& ring) {
    return ring.subkey("fyr audit chain v1");
}

QString passphraseProblem(const QByteArray& passphrase) {
    if (passphrase.size() < 12)
        return QCoreApplication::translate("fyr::app::Installation",
                                           "the data passphrase is too short (at least 12 characters)");
    return {};
}

InstallationState installationState(const QString& path) {
    const QFileInfo info(path);
    if (!info.exists()) return InstallationState::Missing;
    if (info.isFile() && info.size() == 0) return InstallationState::NotSetUp;
    // Read-only and without Store::open's migrations: a damaged file is left exactly as it is.
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return InstallationState::Unreadable;
    }
    sqlite3_busy_timeout(db, 2000);
    InstallationState state = InstallationState::Unreadable;
    {
        Statement tables(db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'users'");
        if (tables.next()) {
            if (tables.integer(0) == 0) {
                state = InstallationState::NotSetUp;
            } else {
                Statement users(db, "SELECT COUNT(*) FROM users");
                if (users.next()) state = users.integer(0) > 0 ? InstallationState::Ready : InstallationState::NotSetUp;
            }
        }
    }
    sqlite3_close_v2(db);
    return state;
}

QString createInstallation(const QString& path, const QString& admin, const QByteArray& password,
                           const QByteArray& passphrase) {
    if (const QString e = Identity::accountProblem(admin, password); !e.isEmpty()) return e;
    if (const QString e = passphraseProblem(passphrase); !e.isEmpty()) return e;
    Store::Opened o = Store::open(path);
    if (!o.store) return o.error;
    Identity identity(*o.store);
    if (identity.hasUsers())
        return QCoreApplication::translate("fyr::app::Installation",
                                           "%1 is already an installation; nothing was changed")
            .arg(path);
    const bool interrupted = KeyRing::initialized(*o.store);  // a data key but no admin yet
    if (!interrupted) {
        if (QString e = KeyRing::initialize(*o.store, passphrase); !e.isEmpty()) return e;
    }
    QString error;
    const auto ring = KeyRing::unlock(*o.store, passphrase, &error);
    if (!ring && interrupted)
        return QCoreApplication::translate("fyr::app::Installation",
                                           "%1 was left half set up: it has a data key but no administrator, and this "
                                           "passphrase does not open the key (%2). Enter the data passphrase that "
                                           "set-up was started with, or move the file away to start afresh; nothing "
                                           "was changed")
            .arg(path, error);
    if (!ring) return error;
    if (QString e = identity.createFirstAdmin(admin, password); !e.isEmpty()) return e;
    AuditLog audit(*o.store, auditKey(*ring));
    return audit.append(admin, QStringLiteral("install.init"), path, QStringLiteral("first admin %1").arg(admin));
}

SignedIn signIn(const QString& path, const QString& user, const QByteArray& password, const QByteArray& passphrase,
                const QString& origin, const QString& detail) {
    SignedIn out;
    Store::Opened o = Store::open(path);
    if (!o.store) {
        out.problem = o.problem;
        out.error = o.error;
        return out;
    }
    out.store = std::move(o.store);
    out.ring = KeyRing::unlock(*out.store, passphrase, &out.error);
    if (!out.ring) return out;
    out.audit = std::make_unique<AuditLog>(*out.store, auditKey(*out.ring));
    out.identity = std::make_unique<Identity>(*out.store);
    const Identity::Result r = out.identity->login(user, password);
    if (!r.principal) {
        out.audit->append(user, QStringLiteral("login.failed"), origin, r.error);
        out.error = r.error;
        return out;
    }
    out.who = *r.principal;
    out.error = out.audit->append(user, QStringLiteral("login"), origin, detail);
    return out;
}

}  // namespace fyr::app
