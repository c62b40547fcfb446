#include "store/quotas.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>

#include <sqlite3.h>

#include "store/clock.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {


QString utc(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

constexpr int64_t kDayMs = 24LL * 3600 * 1000, kMinuteMs = 60'000;

}  // namespace

Quotas::Quotas(Store& store) : m_store(store) {}

QString Quotas::userSubject(int64_t userId) {
    return QStringLiteral("user:%1").arg(userId);
}

QString Quotas::keySubject(int64_t keyId) {
    return QStringLiteral("key:%1").arg(keyId);
}

QString Quotas::set(const QString& subject, std::optional<int64_t> tokensPerDay, std::optional<int64_t> requestsPerMinute) {
    if ((tokensPerDay && *tokensPerDay < 0) || (requestsPerMinute && *requestsPerMinute < 0))
        return QCoreApplication::translate("fyr::app::Quotas", "a quota cannot be negative");
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db,
                         "INSERT OR REPLACE INTO quotas(subject, tokens_per_day, requests_per_minute, updated_ms) "
                         "VALUES(?1, ?2, ?3, ?4)");
            st.bind(1, subject);
            if (tokensPerDay) st.bind(2, *tokensPerDay);
            else st.bindNull(2);
            if (requestsPerMinute) st.bind(3, *requestsPerMinute);
            else st.bindNull(3);
            st.bind(4, static_cast<int64_t>(QDateTime::currentMSecsSinceEpoch()));
            return st.run() ? QString() : st.error();
        })
        .get();
}

Quotas::Limits Quotas::limits(const QString& subject) const {
    Limits l;
    auto r = m_store.reader();
    if (!r) return l;
    Statement st(r->db(), "SELECT tokens_per_day, requests_per_minute FROM quotas WHERE subject = ?1");
    st.bind(1, subject);
    if (st.next()) {
        if (!st.isNull(0)) l.tokensPerDay = st.integer(0);
        if (!st.isNull(1)) l.requestsPerMinute = st.integer(1);
    }
    return l;
}

Quotas::Decision Quotas::check(const Principal& who, int64_t tokens, int64_t nowMs) const {
    nowMs = fyr::app::nowMs(nowMs);
    const int64_t dayStart = nowMs - nowMs % kDayMs;  // UTC days
    auto r = m_store.reader();
    if (!r) return {false, QCoreApplication::translate("fyr::app::Quotas", "cannot read the database to check quotas"), 0};

    struct Scope {
        QString subject, column, label;
        int64_t id;
    };
    QList<Scope> scopes{{userSubject(who.userId), QStringLiteral("user_id"), QCoreApplication::translate("fyr::app::Quotas", "user %1").arg(who.user), who.userId}};
    if (who.apiKeyId)
        scopes.append({keySubject(*who.apiKeyId), QStringLiteral("api_key_id"), QCoreApplication::translate("fyr::app::Quotas", "API key %1").arg(*who.apiKeyId),
                       *who.apiKeyId});
    for (const Scope& s : scopes) {
        const Limits l = limits(s.subject);
        if (l.tokensPerDay) {
            const QByteArray q = "SELECT COALESCE(SUM(prompt_tokens + gen_tokens), 0) FROM requests WHERE " +
                                 s.column.toLatin1() + " = ?1 AND started_ms >= ?2";
            Statement st(r->db(), q.constData());
            st.bind(1, s.id).bind(2, dayStart);
            const int64_t used = st.next() ? st.integer(0) : 0;
            if (used + tokens > *l.tokensPerDay)
                return {false,
                        QCoreApplication::translate("fyr::app::Quotas", "the daily token quota of %1 is used up (%2 of %3 tokens today, this request needs about "
                           "%4); it resets at %5")
                            .arg(s.label)
                            .arg(used)
                            .arg(*l.tokensPerDay)
                            .arg(tokens)
                            .arg(utc(dayStart + kDayMs)),
                        dayStart + kDayMs};
        }
        if (l.requestsPerMinute) {
            const QByteArray q = "SELECT COUNT(*), MIN(started_ms) FROM requests WHERE " + s.column.toLatin1() +
                                 " = ?1 AND started_ms > ?2";
            Statement st(r->db(), q.constData());
            st.bind(1, s.id).bind(2, nowMs - kMinuteMs);
            const bool row = st.next();
            const int64_t n = row ? st.integer(0) : 0;
            if (n >= *l.requestsPerMinute) {
                const int64_t resets = (row ? st.integer(1) : nowMs) + kMinuteMs;
                return {false,
                        QCoreApplication::translate("fyr::app::Quotas", "%1 may make %2 requests per minute and has made %3; the next is allowed at %4")
                            .arg(s.label)
                            .arg(*l.requestsPerMinute)
                            .arg(n)
                            .arg(utc(resets)),
                        resets};
            }
        }
    }
    return {};
}

}  // namespace fyr::app
