// The console's signed-in session: the installation's store, its unlocked data
// key, the audit chain, the identity service and who is signed in. After the
// idle timeout without touch() the session expires: expired() is emitted, the
// expiry is audited, and nothing may act for the user until resume() checks the
// password again.
//
//   fyr::app::SignedIn s = fyr::app::signIn(path, user, password, passphrase, QStringLiteral("fyr"), {});
//   auto session = std::make_unique<fyr::app::AppSession>(std::move(s), std::chrono::minutes(30));
//   QObject::connect(session.get(), &fyr::app::AppSession::expired, window, &Window::askPasswordAgain);
//   session->touch();                          // on every key press and click
//   auto checked = QtConcurrent::run([&] { return session->checkPassword(pw); });   // after expired()
//   session->finishResume(checked.result());   // back on the GUI thread
//   if (session->may(fyr::app::Permission::AuditView)) session->audit().verify();
//
// Thread-safety: GUI thread (the timer), except checkPassword(); store(), audit()
// and identity() may be handed to other threads.
#pragma once

#include <QObject>
#include <QTimer>

#include <chrono>

#include "services/installation.h"
#include "store/permissions.h"

namespace fyr::app {

class AppSession final : public QObject {
    Q_OBJECT
public:
    // Precondition: signedIn.ok(). idle <= 0: never expires.
    AppSession(SignedIn signedIn, std::chrono::milliseconds idle, QObject* parent = nullptr);
    ~AppSession() override;

    Store& store() const { return *m_in.store; }
    KeyRing& keyRing() const { return *m_in.ring; }
    AuditLog& audit() const { return *m_in.audit; }
    Identity& identity() const { return *m_in.identity; }
    const Principal& who() const { return m_in.who; }
    bool may(Permission p) const { return !m_expired && allowed(m_in.who.permissions, p); }

    bool isExpired() const { return m_expired; }
    std::chrono::milliseconds idleTimeout() const { return m_idle; }
    void setIdleTimeout(std::chrono::milliseconds idle);
    // Activity: the idle time starts again (nothing while expired).
    void touch();
    // Expires now (the timer's timeout, or "lock" by hand).
    void expire();
    // After expiry: the same user's password again; "" when the session goes on,
    // else the login's error (lockout included). Audited as a login. Derives a key
    // (about half a second): the console runs it as its two halves below.
    QString resume(const QByteArray& password);
    // The first half of resume(), for a worker thread: checks the password and
    // audits the attempt (login, or login.failed with why); the session itself
    // is left alone. Any thread.
    Identity::Result checkPassword(const QByteArray& password) const;
    // The second half, on the session's thread: with a principal the session goes
    // on (resumed() is emitted) and "" is returned, else the check's error.
    QString finishResume(const Identity::Result& checked);

signals:
    void expired();
    void resumed();

private:
    SignedIn m_in;
    std::chrono::milliseconds m_idle;
    QTimer m_timer;
    bool m_expired = false;
};

}  // namespace fyr::app
