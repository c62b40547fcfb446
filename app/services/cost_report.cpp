#include "services/cost_report.h"

#include <QCoreApplication>

#include <algorithm>
#include <string>

#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {

constexpr double kMsPerDay = 86'400'000.0;

const char* keyExpression(CostReport::By by) {
    switch (by) {
    case CostReport::By::Model: return "r.model";
    case CostReport::By::User: return "COALESCE(u.name, '-')";
    case CostReport::By::Day: return "strftime('%Y-%m-%d', r.started_ms / 1000, 'unixepoch')";
    case CostReport::By::Endpoint: return "COALESCE(r.endpoint, '-')";
    }
    return "r.model";
}

void add(CostReport::Totals& into, const CostReport::Totals& row) {
    into.requests += row.requests;
    into.priced += row.priced;
    into.unpriced += row.unpriced;
    into.promptTokens += row.promptTokens;
    into.genTokens += row.genTokens;
    into.gpuSeconds += row.gpuSeconds;
    into.joules += row.joules;
    into.kvMeasured += row.kvMeasured;
    into.kvPeakBytes = std::max(into.kvPeakBytes, row.kvPeakBytes);
    into.kvBytesTotal += row.kvBytesTotal;
    into.cost += row.cost;
    into.hardware += row.hardware;
    into.energy += row.energy;
    if (row.mixedCurrencies) into.mixedCurrencies = true;
    if (!row.currency.isEmpty()) {
        if (!into.currency.isEmpty() && into.currency != row.currency) into.mixedCurrencies = true;
        if (into.currency.isEmpty()) into.currency = row.currency;
    }
}

}  // namespace

QString CostReport::byName(By by) {
    switch (by) {
    case By::Model: return QStringLiteral("model");
    case By::User: return QStringLiteral("user");
    case By::Day: return QStringLiteral("day");
    case By::Endpoint: return QStringLiteral("endpoint");
    }
    return {};
}

std::optional<CostReport::By> CostReport::byFromName(const QString& name) {
    for (By by : {By::Model, By::User, By::Day, By::Endpoint})
        if (byName(by) == name) return by;
    return std::nullopt;
}

std::optional<CostReport> CostReport::build(Store& store, int64_t sinceMs, int64_t untilMs, By by,
                                            const QList<ApiPrice>& compare, QString* error) {
    if (untilMs <= sinceMs) {
        if (error) *error = QCoreApplication::translate("fyr::app::CostReport", "the range ends before it starts");
        return std::nullopt;
    }
    QString why;
    auto reader = store.reader(&why);
    if (!reader) {
        if (error) *error = why;
        return std::nullopt;
    }
    // Requests that never reached the engine ("not run") cost nothing and are not unpriced.
    const std::string sql =
        std::string("SELECT ") + keyExpression(by) +
        ", COUNT(*), COUNT(r.cost), "
        "SUM(r.cost IS NULL AND COALESCE(r.cost_basis, '') <> 'not run'), "
        "TOTAL(r.prompt_tokens), TOTAL(r.gen_tokens), TOTAL(r.gpu_seconds), TOTAL(r.joules), "
        "TOTAL(r.cost), TOTAL(r.cost_hardware), TOTAL(r.cost_energy), "
        "MIN(CASE WHEN r.cost IS NOT NULL THEN r.cost_currency END), "
        "MAX(CASE WHEN r.cost IS NOT NULL THEN r.cost_currency END), "
        "COUNT(r.kv_peak_bytes), COALESCE(MAX(r.kv_peak_bytes), 0), TOTAL(r.kv_peak_bytes) "
        "FROM requests r LEFT JOIN users u ON u.id = r.user_id "
        "WHERE r.started_ms >= ?1 AND r.started_ms < ?2 GROUP BY 1 ORDER BY 1";
    Statement st(reader->db(), sql.c_str());
    st.bind(1, sinceMs).bind(2, untilMs);
    CostReport report;
    report.sinceMs = sinceMs;
    report.untilMs = untilMs;
    report.by = by;
    report.compare = compare;
    report.days = static_cast<double>(untilMs - sinceMs) / kMsPerDay;
    report.total.compared = QList<double>(compare.size(), 0.0);
    while (st.next()) {
        Totals t;
        t.key = st.text(0);
        t.requests = st.integer(1);
        t.priced = st.integer(2);
        t.unpriced = st.integer(3);
        t.promptTokens = static_cast<int64_t>(st.real(4));
        t.genTokens = static_cast<int64_t>(st.real(5));
        t.gpuSeconds = st.real(6);
        t.joules = st.real(7);
        t.cost = st.real(8);
        t.hardware = st.real(9);
        t.energy = st.real(10);
        t.currency = st.text(11);
        t.mixedCurrencies = st.text(11) != st.text(12);
        t.kvMeasured = st.integer(13);
        t.kvPeakBytes = st.integer(14);
        t.kvBytesTotal = st.real(15);
        for (const ApiPrice& p : compare) t.compared << remoteCost(p.pricing(), t.promptTokens, t.genTokens).total;
        for (qsizetype i = 0; i < compare.size(); ++i) report.total.compared[i] += t.compared[i];
        add(report.total, t);
        report.rows << t;
    }
    if (!st.error().isEmpty()) {
        if (error) *error = st.error();
        return std::nullopt;
    }
    if (report.total.priced > 0 && !report.total.mixedCurrencies)
        report.monthlyProjection = report.total.cost / report.days * 30.0;
    for (double c : report.total.compared) report.comparedMonthly << c / report.days * 30.0;
    return report;
}

}  // namespace fyr::app
