// Creating an installation and signing in to one: the calls `fyrctl init`, every
// fyrctl command that acts as a user (--as) and the console's first-start and
// sign-in dialogs share, so the rules, the messages and the audit entries are
// the same whichever way in.
//
//   if (QString e = fyr::app::createInstallation(path, QStringLiteral("admin"), password, passphrase); !e.isEmpty())
//       show(e);
//   fyr::app::SignedIn s = fyr::app::signIn(path, user, password, passphrase, QStringLiteral("fyr"), {});
//   if (!s.ok()) show(s.error);          // s.problem: the database's state when it could not be opened
//   s.audit->append(s.who.user, QStringLiteral("backup.create"), file, {});
//
// Both derive keys with scrypt (a second or so): call them off the GUI thread.
// Thread-safety: any thread; the objects returned may then be used from any thread.
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

#include "store/audit_log.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/store.h"

namespace fyr::app {

struct SignedIn {
    std::unique_ptr<Store> store;
    std::unique_ptr<KeyRing> ring;
    std::unique_ptr<AuditLog> audit;
    std::unique_ptr<Identity> identity;
    Principal who;
    Store::Problem problem = Store::Problem::None;  // why the database could not be opened
    QString error;                                  // "" when signed in

    bool ok() const { return error.isEmpty() && identity && who.userId != 0; }
};

// What is at a database path, looked at without changing anything (the console
// picks its first dialog by it).
enum class InstallationState {
    Missing,     // no file
    NotSetUp,    // a database without an administrator: created empty, or a set-up
                 // (fyrctl init, a first start) interrupted before the admin was committed
    Ready,       // an installation to sign in to
    Unreadable,  // damaged, locked or not a database: signing in says which, and the way out
};
InstallationState installationState(const QString& path);

// The audit chain's key from the data key (the same for every caller).
QByteArray auditKey(const KeyRing& ring);

// "" or why the data passphrase is not acceptable (checked before anything is written).
QString passphraseProblem(const QByteArray& passphrase);

// Creates the database at `path`, its data key wrapped by `passphrase` and the first
// admin; audited as "install.init". Refused (nothing changed) when `path` already is
// an installation. Names and secrets are checked before the file is created. A set-up
// interrupted after the data key but before the admin is finished when `passphrase`
// opens that key (never replaced: something may already be sealed under it).
QString createInstallation(const QString& path, const QString& admin, const QByteArray& password,
                           const QByteArray& passphrase);

// Opens the store, unlocks the data key and logs `user` in. The login is audited as
// "login" (target `origin`, details `detail`), a failed one as "login.failed" with the reason.
SignedIn signIn(const QString& path, const QString& user, const QByteArray& password, const QByteArray& passphrase,
                const QString& origin, const QString& detail);

}  // namespace fyr::app
