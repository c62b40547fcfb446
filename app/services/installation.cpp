#include "services/installation.h"

#include <QCoreApplication>
#include <QFileInfo>

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

QString createInstallation(const QString& path, const QString& admin, const QByteArray& password,
                           const QByteArray& passphrase) {
    if (const QString e = Identity::accountProblem(admin, password); !e.isEmpty()) return e;
    if (const QString e = passphraseProblem(passphrase); !e.isEmpty()) return e;
    Store::Opened o = Store::open(path);
    if (!o.store) return o.error;
    Identity identity(*o.store);
    if (identity.hasUsers() || KeyRing::initialized(*o.store))
        return QCoreApplication::translate("fyr::app::Installation",
                                           "%1 is already an installation; nothing was changed")
            .arg(path);
    if (QString e = KeyRing::initialize(*o.store, passphrase); !e.isEmpty()) return e;
    if (QString e = identity.createFirstAdmin(admin, password); !e.isEmpty()) return e;
    QString error;
    const auto ring = KeyRing::unlock(*o.store, passphrase, &error);
    if (!ring) return error;
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
