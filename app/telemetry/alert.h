// An alert: one rule firing for one series (label set), from the moment it
// opened until it resolved, with who acknowledged it and the runbook to follow.
// AlertManager (alert_manager.h) makes them; sinks and the UI read them.
//
//   for (const Alert& a : manager.active())
//       qInfo("%s [%s] %s", qPrintable(a.rule), qPrintable(severityName(a.severity)), qPrintable(a.summary));
//
// Thread-safety: a value type; the free functions are reentrant.
#pragma once

#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <optional>

namespace fyr::app::telemetry {

enum class Severity { Info, Warning, Critical };

// "info", "warning", "critical"; and back (nullopt for anything else).
QString severityName(Severity s);
std::optional<Severity> severityFromName(const QString& name);

struct Alert {
    uint64_t id = 0;                        // unique within an AlertManager, increasing
    QString rule;                           // the rule's id ("slo:ttft-p95" for an SLO's burn rate)
    QString series;                         // the metric name read
    QString labels;                         // canonical labels of the series (series_key.h); "" for an aggregate
    Severity severity = Severity::Warning;  // the highest reached while open
    int64_t start_s = 0;                    // Unix seconds
    std::optional<int64_t> end_s;           // when resolved
    QString acknowledged_by;                // empty until acknowledged
    std::optional<int64_t> acknowledged_at_s;
    QString runbook;         // what to do, from the rule
    QString summary;         // what was seen, with the values, as of the last evaluation
    double value = 0.0;      // the reading that fired (burn rate, z-score, value)
    double threshold = 0.0;  // what it was compared with

    bool isOpen() const { return !end_s.has_value(); }
    bool isAcknowledged() const { return acknowledged_at_s.has_value(); }
    // {"id", "rule", "series", "labels", "severity", "start", "end", "acknowledged_by",
    //  "acknowledged_at", "runbook", "summary", "value", "threshold"}, times in ISO 8601 UTC.
    QJsonObject toJson() const;
};

}  // namespace fyr::app::telemetry
