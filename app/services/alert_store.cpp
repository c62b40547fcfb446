#include "services/alert_store.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <algorithm>
#include <chrono>
#include <utility>

#include "core/log_categories.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {

using telemetry::AlertChange;
using telemetry::AlertEvent;
using telemetry::Severity;

constexpr const char* kColumns =
    "SELECT id, rule, series, labels, severity, last_severity, summary, runbook, opened_ms, acknowledged_ms, "
    "acknowledged_by, resolved_ms, details FROM alerts ";

QJsonObject parseDetails(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString detailsText(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<int64_t> ms(const std::optional<int64_t>& s) {
    if (!s) return std::nullopt;
    return *s * 1000;
}

Statement& bindOptional(Statement& st, int index, const std::optional<int64_t>& v) {
    return v ? st.bind(index, *v) : st.bindNull(index);
}

// The alert's whole state as of the event, merged into its row (made if missing).
QString writeEvent(sqlite3* db, int64_t runId, const AlertEvent& event, int64_t now_ms) {
    const telemetry::Alert& a = event.alert;
    Statement find(db, "SELECT id, details FROM alerts WHERE run_id = ?1 AND alert_id = ?2");
    find.bind(1, runId).bind(2, static_cast<int64_t>(a.id));
    const bool exists = find.next();
    if (!find.error().isEmpty()) return find.error();
    QJsonObject details = exists ? parseDetails(find.text(1)) : QJsonObject();
    const int64_t row = exists ? find.integer(0) : 0;
    const QJsonObject now = a.toJson();
    for (auto it = now.begin(); it != now.end(); ++it) details.insert(it.key(), it.value());
    if (event.change == AlertChange::Escalated) {
        QJsonArray escalations = details.value(QStringLiteral("escalations")).toArray();
        escalations.append(QJsonObject{{QStringLiteral("time_ms"), static_cast<qint64>(now_ms)},
                                       {QStringLiteral("severity"), telemetry::severityName(a.severity)}});
        details.insert(QStringLiteral("escalations"), escalations);
    }
    const QString severity = telemetry::severityName(a.severity);
    if (!exists) {
        Statement ins(db,
                      "INSERT INTO alerts(run_id, alert_id, rule, series, labels, severity, last_severity, summary, "
                      "runbook, opened_ms, acknowledged_ms, acknowledged_by, resolved_ms, details) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        ins.bind(1, runId)
            .bind(2, static_cast<int64_t>(a.id))
            .bind(3, a.rule)
            .bind(4, a.series)
            .bind(5, a.labels)
            .bind(6, severity)
            .bind(7, a.summary)
            .bind(8, a.runbook)
            .bind(9, a.start_s * 1000);
        bindOptional(ins, 10, ms(a.acknowledged_at_s));
        if (a.isAcknowledged())
            ins.bind(11, a.acknowledged_by);
        else
            ins.bindNull(11);
        bindOptional(ins, 12, ms(a.end_s));
        ins.bind(13, detailsText(details));
        return ins.run() ? QString() : ins.error();
    }
    // The first acknowledgement and the first resolution stand.
    Statement up(db,
                 "UPDATE alerts SET last_severity = ?2, summary = ?3, "
                 "acknowledged_ms = COALESCE(acknowledged_ms, ?4), acknowledged_by = COALESCE(acknowledged_by, ?5), "
                 "resolved_ms = COALESCE(resolved_ms, ?6), details = ?7 WHERE id = ?1");
    up.bind(1, row).bind(2, severity).bind(3, a.summary);
    bindOptional(up, 4, ms(a.acknowledged_at_s));
    if (a.isAcknowledged())
        up.bind(5, a.acknowledged_by);
    else
        up.bindNull(5);
    bindOptional(up, 6, ms(a.end_s));
    up.bind(7, detailsText(details));
    return up.run() ? QString() : up.error();
}

// Alerts an earlier run left open: closed as of this start, with a note.
QString closeStale(sqlite3* db, int64_t runId, int64_t startup_ms) {
    Statement find(db, "SELECT id, details FROM alerts WHERE resolved_ms IS NULL AND run_id <> ?1");
    find.bind(1, runId);
    std::vector<std::pair<int64_t, QJsonObject>> stale;
    while (find.next()) stale.emplace_back(find.integer(0), parseDetails(find.text(1)));
    if (!find.error().isEmpty()) return find.error();
    for (auto& [row, details] : stale) {
        details.insert(QStringLiteral("note"), AlertStore::kClosedAtRestart);
        details.insert(QStringLiteral("end"),
                       QDateTime::fromMSecsSinceEpoch(startup_ms, Qt::UTC).toString(Qt::ISODate));
        Statement up(db, "UPDATE alerts SET resolved_ms = ?2, details = ?3 WHERE id = ?1");
        up.bind(1, row).bind(2, startup_ms).bind(3, detailsText(details));
        if (!up.run()) return up.error();
    }
    if (!stale.empty()) qCInfo(lcTelemetry) << "alerts: closed" << stale.size() << "left open by an earlier run";
    return {};
}

Severity severityOr(const QString& name) {
    return telemetry::severityFromName(name).value_or(Severity::Warning);
}

std::vector<StoredAlert> query(const Store& store, const QByteArray& where, const std::vector<int64_t>& args,
                               QString* error) {
    std::vector<StoredAlert> out;
    QString why;
    const auto reader = store.reader(&why);
    if (!reader) {
        if (error) *error = why;
        return out;
    }
    const QByteArray sql = QByteArray(kColumns) + where;
    Statement st(reader->db(), sql.constData());
    for (size_t i = 0; i < args.size(); ++i) st.bind(static_cast<int>(i + 1), args[i]);
    while (st.next()) {
        StoredAlert a;
        a.id = st.integer(0);
        a.rule = st.text(1);
        a.series = st.text(2);
        a.labels = st.text(3);
        a.severity = severityOr(st.text(4));
        a.lastSeverity = severityOr(st.text(5));
        a.summary = st.text(6);
        a.runbook = st.text(7);
        a.opened_ms = st.integer(8);
        if (!st.isNull(9)) a.acknowledged_ms = st.integer(9);
        a.acknowledgedBy = st.text(10);
        if (!st.isNull(11)) a.resolved_ms = st.integer(11);
        a.details = parseDetails(st.text(12));
        out.push_back(std::move(a));
    }
    if (!st.error().isEmpty()) {
        if (error) *error = st.error();
        out.clear();
    }
    return out;
}

}  // namespace

const QString AlertStore::kClosedAtRestart = QStringLiteral("closed at restart");

bool StoredAlert::closedAtRestart() const {
    return details.value(QStringLiteral("note")).toString() == AlertStore::kClosedAtRestart;
}

AlertStore::AlertStore(Store& store, int64_t startup_ms, QObject* parent)
    : QObject(parent), m_store(store), m_runId(static_cast<int64_t>(QRandomGenerator::system()->generate64() >> 1)) {
    const int64_t at_ms = startup_ms >= 0 ? startup_ms : QDateTime::currentMSecsSinceEpoch();
    const int64_t runId = m_runId;
    // Queued first, so nothing of this run can be taken for stale.
    track(m_store.write([runId, at_ms](sqlite3* db) { return closeStale(db, runId, at_ms); }));
}

AlertStore::~AlertStore() {
    // The writes need nothing of this object; the store finishes them.
    collect();
}

void AlertStore::notify(const telemetry::AlertEvent& event) {
    const int64_t runId = m_runId;
    const int64_t now_ms = QDateTime::currentMSecsSinceEpoch();
    collect();  // the earlier writes' errors, logged as they come; the list stays short
    track(m_store.write([runId, event, now_ms](sqlite3* db) { return writeEvent(db, runId, event, now_ms); }));
    emit recorded();
}

void AlertStore::track(std::future<QString> write) {
    std::lock_guard lock(m_mutex);
    m_writes.push_back(std::move(write));
}

// Notes and logs the errors of the writes that are done.
void AlertStore::collect() {
    std::vector<std::future<QString>> writes;
    {
        std::lock_guard lock(m_mutex);
        writes.swap(m_writes);
    }
    std::vector<std::future<QString>> pending;
    QString first;
    for (std::future<QString>& w : writes) {
        if (w.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            pending.push_back(std::move(w));
            continue;
        }
        const QString e = w.get();
        if (e.isEmpty()) continue;
        qCWarning(lcTelemetry).noquote() << "alerts: could not record an alert in" << m_store.path() << ":" << e;
        if (first.isEmpty()) first = e;
    }
    std::lock_guard lock(m_mutex);
    if (m_error.isEmpty()) m_error = first;
    for (std::future<QString>& w : pending) m_writes.push_back(std::move(w));
}

QString AlertStore::flush() {
    // The writer runs jobs in order: once this one is done, every earlier one is.
    const QString e = m_store.write([](sqlite3*) { return QString(); }).get();
    collect();
    std::lock_guard lock(m_mutex);
    const QString first = std::exchange(m_error, QString());
    return first.isEmpty() ? e : first;
}

std::vector<StoredAlert> AlertStore::open(QString* error) const {
    return query(m_store, "WHERE resolved_ms IS NULL ORDER BY opened_ms, id", {}, error);
}

std::vector<StoredAlert> AlertStore::latest(int limit, QString* error) const {
    return query(m_store, "ORDER BY opened_ms DESC, id DESC LIMIT ?1", {std::max(0, limit)}, error);
}

std::vector<StoredAlert> AlertStore::between(int64_t from_ms, int64_t to_ms, QString* error) const {
    return query(m_store, "WHERE opened_ms < ?2 AND (resolved_ms IS NULL OR resolved_ms >= ?1) ORDER BY opened_ms, id",
                 {from_ms, to_ms}, error);
}

}  // namespace fyr::app
