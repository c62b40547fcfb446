#include "telemetry/alert_manager.h"

#include <QStringList>

#include <algorithm>
#include <cmath>
#include <set>

#include "telemetry/anomaly_detector.h"
#include "telemetry/burn_rate.h"

namespace fyr::app::telemetry {

namespace {

QString duration(int64_t s) {
    if (s % 86400 == 0) return QStringLiteral("%1 d").arg(s / 86400);
    if (s % 3600 == 0) return QStringLiteral("%1 h").arg(s / 3600);
    if (s % 60 == 0) return QStringLiteral("%1 min").arg(s / 60);
    return QStringLiteral("%1 s").arg(s);
}

QString num(double v) {
    return QString::number(v, 'g', 4);
}

QString seriesText(const QString& name, const QString& labels) {
    return labels.isEmpty() ? name : name + QLatin1Char('{') + labels + QLatin1Char('}');
}

QString sloSeries(const Slo& slo) {
    const std::vector<SeriesSelector>& s = slo.sli.kind == SliKind::Ratio ? slo.sli.bad : slo.sli.series;
    return s.empty() ? QString() : s.front().name;
}

QString zText(const AnomalySpec& spec, double z) {
    const QString score = spec.method == AnomalyMethod::RobustZ ? QStringLiteral("robust z") : QStringLiteral("EWMA z");
    if (std::abs(z) >= AnomalyDetector::kInfiniteZ)
        return score + (z > 0 ? QStringLiteral(" +inf") : QStringLiteral(" -inf"));
    return score + QLatin1Char(' ') + QString::number(z, 'f', 1);
}

}  // namespace

AlertManager::AlertManager(const SeriesSource& source) : m_source(source) {}

void AlertManager::setSlos(std::vector<Slo> slos) {
    std::lock_guard lock(m_mutex);
    m_slos = std::move(slos);
}

void AlertManager::setRules(std::vector<AlertRule> rules) {
    std::lock_guard lock(m_mutex);
    m_rules = std::move(rules);
}

void AlertManager::addSink(std::shared_ptr<AlertSink> sink) {
    std::lock_guard lock(m_mutex);
    if (sink) m_sinks.push_back(std::move(sink));
}

void AlertManager::tick(int64_t now_s) {
    std::lock_guard tickLock(m_tickMutex);
    std::vector<Slo> slos;
    std::vector<AlertRule> rules;
    {
        std::lock_guard lock(m_mutex);
        slos = m_slos;
        rules = m_rules;
    }

    // Evaluate without the data lock: range queries may read the database.
    struct Pending {
        InstanceKey key;
        QString series;
        QString runbook;
        Condition condition;
        int64_t for_s = 0;
    };
    std::vector<Pending> pending;
    std::set<QString> ruleIds;
    for (const Slo& slo : slos) {
        const QString id = QStringLiteral("slo:") + slo.id;
        ruleIds.insert(id);
        for (const BurnEvaluation& e : BurnRate::evaluate(m_source, slo, now_s)) {
            Condition c;
            c.holds = c.keeps = e.firing;
            c.severity = e.window.severity;
            c.value = e.short_rate.value_or(0.0);
            c.threshold = e.window.factor;
            c.clear_s = e.window.short_s;
            c.summary = QStringLiteral(
                            "SLO %1%2: error budget burning %3x over %4 and %5x over %6 (alert at %7x; "
                            "objective %8% over %9)")
                            .arg(slo.id, e.labels.isEmpty() ? QString() : QLatin1Char(' ') + e.labels,
                                 e.long_rate ? num(*e.long_rate) : QStringLiteral("-"), duration(e.window.long_s),
                                 e.short_rate ? num(*e.short_rate) : QStringLiteral("-"), duration(e.window.short_s),
                                 num(e.window.factor), num(slo.objective * 100.0), duration(slo.period_s));
            if (e.latest)
                c.summary += QStringLiteral("; latest %1 of %2: %3")
                                 .arg(slo.sli.aggregate, duration(slo.sli.slice_s), num(*e.latest));
            pending.push_back({{id, e.labels}, sloSeries(slo), slo.runbook, std::move(c), 0});
        }
    }
    for (const AlertRule& rule : rules) {
        ruleIds.insert(rule.id);
        for (const SeriesKey& key : m_source.keys(rule.series.name)) {
            if (!BurnRate::matches(rule.series, key.labels)) continue;
            Condition c;
            c.severity = rule.severity;
            c.clear_s = rule.clear_s;
            const QString what = seriesText(key.name, key.labels);
            if (rule.kind == RuleKind::Anomaly) {
                const AnomalySpec& spec = rule.anomaly;
                const AnomalyReading r = AnomalyDetector::read(m_source, key, spec, now_s);
                if (!r.warming_up) {
                    c.holds = AnomalyDetector::exceeds(spec, r.z, spec.threshold);
                    c.keeps = AnomalyDetector::exceeds(spec, r.z, spec.clear);
                    c.value = r.z;
                    c.threshold = spec.threshold;
                    c.summary = QStringLiteral("%1: %2 is %3 from the %4 baseline %5 (spread %6; alert at %7)")
                                    .arg(what, num(r.value.value_or(0.0)), zText(spec, r.z),
                                         spec.seasonal ? QStringLiteral("seasonal") : duration(spec.window_s),
                                         num(r.center), num(r.scale), num(spec.threshold));
                }
            } else {
                const int64_t recent_s = std::max<int64_t>(1, rule.anomaly.recent_s);
                double sum = 0.0;
                size_t n = 0;
                for (const SeriesPoint& p :
                     m_source.range(key, now_s - recent_s, now_s, now_s, SeriesQuery::kMaxPoints).points) {
                    if (p.time_s < now_s - recent_s || !std::isfinite(p.mean)) continue;
                    sum += p.mean;
                    ++n;
                }
                if (n > 0) {
                    const double v = sum / static_cast<double>(n);
                    const bool up = rule.above.has_value();
                    const double limit = up ? *rule.above : rule.below.value_or(0.0);
                    const double clear = rule.clear.value_or(limit);
                    c.holds = up ? v > limit : v < limit;
                    c.keeps = up ? v > clear : v < clear;
                    c.value = v;
                    c.threshold = limit;
                    c.summary =
                        QStringLiteral("%1: %2, limit %3 %4 (clears %5 %6)")
                            .arg(what, num(v), up ? QStringLiteral("above") : QStringLiteral("below"), num(limit),
                                 up ? QStringLiteral("at or below") : QStringLiteral("at or above"), num(clear));
                }
            }
            pending.push_back({{rule.id, key.labels}, key.name, rule.runbook, std::move(c), rule.for_s});
        }
    }

    std::vector<AlertEvent> events;
    std::vector<std::shared_ptr<AlertSink>> sinks;
    // Changes are made and told under the notification lock, so sinks hear them
    // in the order they happened; taken before the data lock, never inside it.
    std::lock_guard notifyLock(m_notifyMutex);
    {
        std::lock_guard lock(m_mutex);
        std::set<InstanceKey> seen;
        for (const Pending& p : pending) {
            seen.insert(p.key);
            step(p.key, p.series, p.runbook, p.condition, p.for_s, now_s, events);
        }
        // Instances not evaluated this time: their series stopped reporting
        // (clear), or their rule is gone (resolved now).
        for (auto it = m_instances.begin(); it != m_instances.end();) {
            if (seen.count(it->first)) {
                ++it;
                continue;
            }
            Instance& inst = it->second;
            if (!inst.alert) {
                it = m_instances.erase(it);
                continue;
            }
            if (!ruleIds.count(it->first.first)) {
                inst.clear_since = now_s;
                inst.clear_s = 0;
            } else if (!inst.clear_since) {
                inst.clear_since = now_s;
            }
            if (now_s - *inst.clear_since >= inst.clear_s) {
                resolve(inst, now_s, events);
                it = m_instances.erase(it);
            } else {
                ++it;
            }
        }
        sinks = m_sinks;
    }
    for (const AlertEvent& e : events)
        for (const auto& sink : sinks) sink->notify(e);
}

void AlertManager::step(const InstanceKey& key, const QString& series, const QString& runbook, const Condition& c,
                        int64_t for_s, int64_t now_s, std::vector<AlertEvent>& events) {
    auto it = m_instances.find(key);
    if (it == m_instances.end()) {
        if (!c.holds) return;
        it = m_instances.emplace(key, Instance{}).first;
    }
    Instance& inst = it->second;
    if (!inst.alert) {
        if (!c.holds) {
            m_instances.erase(it);
            return;
        }
        if (!inst.pending_since) inst.pending_since = now_s;
        if (now_s - *inst.pending_since < for_s) return;
        Alert a;
        a.id = m_nextId++;
        a.rule = key.first;
        a.labels = key.second;
        a.series = series;
        a.severity = c.severity;
        a.start_s = *inst.pending_since;
        a.runbook = runbook;
        a.summary = c.summary;
        a.value = c.value;
        a.threshold = c.threshold;
        inst.alert = a;
        inst.clear_since.reset();
        inst.clear_s = c.clear_s;
        events.push_back({AlertChange::Opened, a});
        return;
    }
    Alert& a = *inst.alert;
    if (c.keeps) {
        inst.clear_since.reset();
        a.summary = c.summary;
        a.value = c.value;
        a.threshold = c.threshold;
        if (c.holds) inst.clear_s = c.clear_s;  // the pair firing now (an SLO's windows may change)
        if (c.holds && c.severity > a.severity) {
            a.severity = c.severity;
            events.push_back({AlertChange::Escalated, a});
        }
        return;
    }
    if (!inst.clear_since) inst.clear_since = now_s;
    if (now_s - *inst.clear_since >= inst.clear_s) {
        resolve(inst, now_s, events);
        m_instances.erase(it);
    }
}

void AlertManager::resolve(Instance& inst, int64_t now_s, std::vector<AlertEvent>& events) {
    Alert a = *inst.alert;
    a.end_s = now_s;
    inst.alert.reset();
    events.push_back({AlertChange::Resolved, a});
    m_history.push_back(std::move(a));
    while (m_history.size() > kMaxHistory) m_history.pop_front();
}

bool AlertManager::acknowledge(uint64_t id, const QString& by, int64_t at_s) {
    std::lock_guard notifyLock(m_notifyMutex);  // not the tick's lock: a tick's queries may take a while
    AlertEvent event;
    std::vector<std::shared_ptr<AlertSink>> sinks;
    {
        std::lock_guard lock(m_mutex);
        Alert* found = nullptr;
        for (auto& [key, inst] : m_instances)
            if (inst.alert && inst.alert->id == id) found = &*inst.alert;
        if (!found) return false;
        if (found->isAcknowledged()) return true;
        found->acknowledged_by = by;
        found->acknowledged_at_s = at_s;
        event = {AlertChange::Acknowledged, *found};
        sinks = m_sinks;
    }
    for (const auto& sink : sinks) sink->notify(event);
    return true;
}

std::vector<Alert> AlertManager::active() const {
    std::lock_guard lock(m_mutex);
    std::vector<Alert> out;
    for (const auto& [key, inst] : m_instances)
        if (inst.alert) out.push_back(*inst.alert);
    std::sort(out.begin(), out.end(), [](const Alert& a, const Alert& b) { return a.id < b.id; });
    return out;
}

std::vector<Alert> AlertManager::history() const {
    std::lock_guard lock(m_mutex);
    return {m_history.begin(), m_history.end()};
}

}  // namespace fyr::app::telemetry
