#include "store/sessions.h"

#include <QCoreApplication>

#include "store/clock.h"
#include "store/crypto.h"

namespace fyr::app {

namespace {


}  // namespace

Sessions::Sessions() = default;

Sessions::Sessions(Policy policy) : m_policy(policy) {}

QString Sessions::open(const Principal& who, int64_t nowMs) {
    const QByteArray raw = crypto::randomBytes(32);
    if (raw.isEmpty()) return {};
    const QString token =
        QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    const int64_t t = fyr::app::nowMs(nowMs);
    std::lock_guard lock(m_mutex);
    m_sessions.insert(token, Entry{who, t, t});
    return token;
}

std::optional<Principal> Sessions::touch(const QString& token, QString* why, int64_t nowMs) {
    const int64_t t = fyr::app::nowMs(nowMs);
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(token);
    if (it == m_sessions.end()) {
        if (why) *why = QCoreApplication::translate("fyr::app::Sessions", "not signed in (unknown or closed session)");
        return std::nullopt;
    }
    if (t - it->lastMs > m_policy.idleMs) {
        if (why) *why = QCoreApplication::translate("fyr::app::Sessions", "the session timed out after %1 minutes without activity; sign in again").arg(m_policy.idleMs / 60000);
        m_sessions.erase(it);
        return std::nullopt;
    }
    if (t - it->openedMs > m_policy.maxAgeMs) {
        if (why) *why = QCoreApplication::translate("fyr::app::Sessions", "the session is older than %1 hours; sign in again").arg(m_policy.maxAgeMs / 3600000);
        m_sessions.erase(it);
        return std::nullopt;
    }
    it->lastMs = t;
    return it->who;
}

void Sessions::close(const QString& token) {
    std::lock_guard lock(m_mutex);
    m_sessions.remove(token);
}

void Sessions::closeUser(int64_t userId) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_sessions.begin(); it != m_sessions.end();) {
        if (it->who.userId == userId) it = m_sessions.erase(it);
        else ++it;
    }
}

int Sessions::count() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(m_sessions.size());
}

}  // namespace fyr::app
