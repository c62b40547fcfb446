#include "guard/security_events.h"

#include <QJsonDocument>

#include <sqlite3.h>

#include "store/clock.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app::guard {

SecurityEvents::SecurityEvents(Store& store) : m_store(store) {}

QString SecurityEvents::record(const GuardResult& result, Direction dir, const GuardContext& ctx, int64_t nowMs) {
    std::vector<const Finding*> notable;
    for (const Finding& f : result.findings)
        if (f.verdict != Verdict::Allow) notable.push_back(&f);
    if (notable.empty()) return {};
    const int64_t when = fyr::app::nowMs(nowMs);
    return m_store
        .write([&](sqlite3* db) -> QString {
            for (const Finding* f : notable) {
                const QJsonObject details{
                    {QStringLiteral("scanner"), f->scanner},
                    {QStringLiteral("kind"), f->kind},
                    {QStringLiteral("rule"), f->rule},
                    {QStringLiteral("owasp"), f->owasp},
                    {QStringLiteral("verdict"), verdictName(f->verdict)},
                    {QStringLiteral("decided_by"), f->decidedBy},
                    {QStringLiteral("score"), f->score},
                    {QStringLiteral("direction"), dir == Direction::Input ? QStringLiteral("input") : QStringLiteral("output")},
                    {QStringLiteral("user"), ctx.user},
                    {QStringLiteral("role"), ctx.role},
                    {QStringLiteral("excerpt"), f->excerpt},
                    {QStringLiteral("guard_us"), static_cast<qint64>(result.elapsedUs)}};
                Statement st(db,
                             "INSERT INTO security_events(time_ms, kind, severity, user_id, request_id, details) "
                             "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
                st.bind(1, when).bind(2, f->category).bind(3, f->severity);
                if (ctx.userId) st.bind(4, *ctx.userId);
                else st.bindNull(4);
                if (ctx.requestId) st.bind(5, *ctx.requestId);
                else st.bindNull(5);
                st.bind(6, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
                if (!st.run()) return st.error();
            }
            return {};
        })
        .get();
}

std::vector<SecurityEvent> SecurityEvents::recent(int limit, int64_t sinceMs) const {
    std::vector<SecurityEvent> out;
    auto r = m_store.reader();
    if (!r) return out;
    Statement st(r->db(),
                 "SELECT id, time_ms, kind, severity, user_id, request_id, details FROM security_events "
                 "WHERE time_ms >= ?1 ORDER BY id DESC LIMIT ?2");
    st.bind(1, sinceMs).bind(2, static_cast<int64_t>(limit));
    while (st.next()) {
        SecurityEvent e;
        e.id = st.integer(0);
        e.timeMs = st.integer(1);
        e.type = st.text(2);
        e.severity = st.text(3);
        if (!st.isNull(4)) e.userId = st.integer(4);
        if (!st.isNull(5)) e.requestId = st.integer(5);
        e.details = QJsonDocument::fromJson(st.text(6).toUtf8()).object();
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace fyr::app::guard
