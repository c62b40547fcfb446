#include "services/app_session.h"

#include <QCoreApplication>

#include <cassert>

namespace fyr::app {

AppSession::AppSession(SignedIn signedIn, std::chrono::milliseconds idle, QObject* parent)
    : QObject(parent), m_in(std::move(signedIn)), m_idle(idle) {
    assert(m_in.ok());
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AppSession::expire);
    setIdleTimeout(idle);
}

AppSession::~AppSession() = default;

void AppSession::setIdleTimeout(std::chrono::milliseconds idle) {
    m_idle = idle;
    m_timer.stop();
    if (m_idle.count() > 0 && !m_expired) m_timer.start(m_idle);
}

void AppSession::touch() {
    if (!m_expired && m_idle.count() > 0) m_timer.start(m_idle);
}

void AppSession::expire() {
    if (m_expired) return;
    m_expired = true;
    m_timer.stop();
    m_in.audit->append(m_in.who.user, QStringLiteral("session.timeout"), QStringLiteral("fyr"),
                       QStringLiteral("idle %1 min").arg(m_idle.count() / 60000.0, 0, 'f', 1));
    emit expired();
}

QString AppSession::resume(const QByteArray& password) {
    return finishResume(checkPassword(password));
}

Identity::Result AppSession::checkPassword(const QByteArray& password) const {
    const QString user = m_in.who.user;  // changed only by finishResume(), after this returns
    Identity::Result r = m_in.identity->login(user, password);
    if (!r.principal) {
        m_in.audit->append(user, QStringLiteral("login.failed"), QStringLiteral("fyr"), r.error);
        return r;
    }
    m_in.audit->append(user, QStringLiteral("login"), QStringLiteral("fyr"), QStringLiteral("after idle timeout"));
    return r;
}

QString AppSession::finishResume(const Identity::Result& checked) {
    if (!checked.principal) return checked.error;
    m_in.who = *checked.principal;  // the role may have changed meanwhile
    if (m_expired) {
        m_expired = false;
        setIdleTimeout(m_idle);
        emit resumed();
    }
    return {};
}

}  // namespace fyr::app
