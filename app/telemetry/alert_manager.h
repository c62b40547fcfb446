// Evaluates SLO burn rates and alert rules on a tick and keeps the alerts they
// raise: one per rule and series at a time (deduplicated), opened when the
// condition has held for the rule's for_s, resolved when it has stayed clear for
// clear_s, so a reading that hovers at the limit does not flap; anomaly and
// threshold rules also clear only past a lower limit (AnomalySpec::clear,
// AlertRule::clear) than the one that fires. Every change goes to the sinks.
//
//   QuerySeriesSource source(buffer, db);
//   AlertManager alerts(source);
//   alerts.setSlos(config.slos);
//   alerts.setRules(config.rules);
//   alerts.addSink(std::make_shared<CallbackAlertSink>(...));
//   // every 10 s on the telemetry thread:
//   alerts.tick(QDateTime::currentSecsSinceEpoch());
//   // from the UI:
//   alerts.acknowledge(id, user, QDateTime::currentSecsSinceEpoch());
//
// An SLO's instance is rule "slo:<id>"; its severity is that of the firing
// window pair with the highest one, raised (an "escalated" event) while open,
// and it resolves after a whole short window (of the pair that fired last)
// without firing. A series that stops reporting counts as clear. Resolved alerts are
// kept for history() up to kMaxHistory, the oldest dropped first.
//
// Thread-safety: every member may be called from any thread. tick() calls are
// serialized; acknowledge() does not wait for a tick's evaluation (its range
// queries), only for sinks being told of other changes, which happens one change
// at a time and in order. Sinks are called outside the data lock, so a sink may
// read active(), but must not call tick() or acknowledge() itself (queue it).
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "telemetry/alert.h"
#include "telemetry/alert_rule.h"
#include "telemetry/alert_sink.h"
#include "telemetry/series_source.h"
#include "telemetry/slo.h"

namespace fyr::app::telemetry {

class AlertManager final {
public:
    static constexpr size_t kMaxHistory = 1000;

    // Precondition: source outlives this object.
    explicit AlertManager(const SeriesSource& source);

    void setSlos(std::vector<Slo> slos);
    void setRules(std::vector<AlertRule> rules);
    void addSink(std::shared_ptr<AlertSink> sink);

    // Evaluates everything as of now_s and notifies the sinks of the changes.
    void tick(int64_t now_s);
    // False for an unknown or resolved alert; acknowledging twice keeps the
    // first acknowledgement (and notifies once).
    bool acknowledge(uint64_t id, const QString& by, int64_t at_s);

    std::vector<Alert> active() const;   // open alerts, by id
    std::vector<Alert> history() const;  // resolved ones, oldest first

private:
    struct Condition {
        bool holds = false;  // fires (for an alert not open)
        bool keeps = false;  // still fires (for an open one): the lower, clearing limit
        Severity severity = Severity::Warning;
        double value = 0.0;
        double threshold = 0.0;
        QString summary;
        int64_t clear_s = 0;
    };
    struct Instance {
        std::optional<int64_t> pending_since;  // the condition has held since
        std::optional<int64_t> clear_since;    // an open alert's condition has been clear since
        std::optional<Alert> alert;            // open
        int64_t clear_s = 0;                   // how long clear before it resolves
    };
    using InstanceKey = std::pair<QString, QString>;  // rule id, labels

    void step(const InstanceKey& key, const QString& series, const QString& runbook, const Condition& c, int64_t for_s,
              int64_t now_s, std::vector<AlertEvent>& events);
    void resolve(Instance& inst, int64_t now_s, std::vector<AlertEvent>& events);
    void notify(const std::vector<AlertEvent>& events);

    const SeriesSource& m_source;
    std::mutex m_tickMutex;    // serializes tick()
    std::mutex m_notifyMutex;  // changes and their notification, in order; taken before m_mutex
    mutable std::mutex m_mutex;
    std::vector<Slo> m_slos;                          // guarded by m_mutex
    std::vector<AlertRule> m_rules;                   // guarded by m_mutex
    std::vector<std::shared_ptr<AlertSink>> m_sinks;  // guarded by m_mutex
    std::map<InstanceKey, Instance> m_instances;      // guarded by m_mutex
    std::deque<Alert> m_history;                      // guarded by m_mutex
    uint64_t m_nextId = 1;                            // guarded by m_mutex
};

}  // namespace fyr::app::telemetry
