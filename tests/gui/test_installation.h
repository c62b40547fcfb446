// A temporary installation for the console's tests: created with the admin
// "admin", then signed in to as any user the way the console does (SignedIn
// into an AppSession).
//
//   fyr::test::TestInstallation inst;
//   QCOMPARE(inst.create(), QString());
//   auto session = inst.signInAs(QStringLiteral("admin"), fyr::test::kPassword);
#pragma once

#include <QByteArray>
#include <QList>
#include <QDebug>
#include <QString>
#include <QTemporaryDir>

#include <chrono>
#include <memory>
#include <utility>

#include "services/app_session.h"
#include "services/installation.h"
#include "store/audit_log.h"

namespace fyr::test {

inline const QByteArray kPassword = "adminpass123";                  // the admin's
inline const QByteArray kPassphrase = "correct horse battery staple";  // the data passphrase

class TestInstallation final {
public:
    // "" once the database exists with its admin, or why not.
    QString create() {
        m_path = m_dir.filePath(QStringLiteral("fyr.db"));
        return app::createInstallation(m_path, QStringLiteral("admin"), kPassword, kPassphrase);
    }
    const QString& path() const { return m_path; }

    // Null (and the reason as a warning) when the sign-in is refused. An idle
    // timeout of 0 never locks.
    std::unique_ptr<app::AppSession> signInAs(const QString& user, const QByteArray& password,
                                              std::chrono::milliseconds idle = std::chrono::minutes(30)) const {
        app::SignedIn s = app::signIn(m_path, user, password, kPassphrase, QStringLiteral("fyr"), QStringLiteral("test"));
        if (!s.ok()) qWarning() << s.error;
        return s.ok() ? std::make_unique<app::AppSession>(std::move(s), idle) : nullptr;
    }

    // The audit entries with this action, oldest first.
    static QList<app::AuditLog::Entry> audited(const app::AppSession& session, const QString& action) {
        QString error;
        QList<app::AuditLog::Entry> out;
        for (const app::AuditLog::Entry& e : session.audit().entries(1, 100000, &error))
            if (e.action == action) out.append(e);
        return out;
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
};

}  // namespace fyr::test
