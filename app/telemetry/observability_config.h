// Observability as code: SLOs, alert rules and dashboard layouts kept as
// versioned JSON files that can be exported, reviewed (diffed) and imported.
// Defaults ship in resources/telemetry/ (slos.json, alert_rules.json,
// dashboards.json).
//
//   ObservabilityConfig config;
//   QStringList errors;
//   if (!config.importFile(path, ObservabilityConfig::fyrSeriesNames(), &errors))
//       for (const QString& e : errors) qWarning("%s", qPrintable(e));
//       // "rules.json: $.rules[3].anomaly.threshold: expected a number, found a string"
//   alerts.setSlos(config.slos);
//   alerts.setRules(config.rules);
//   config.exportTo(dir, &errors);       // slos.json, alert_rules.json, dashboards.json
//
// Each file is one object: "format" ("fyr-slos", "fyr-alert-rules" or
// "fyr-dashboards"), "version" (kVersion; another is refused, not guessed at),
// an optional "description", and its list. The schema, key by key, is in the
// readers (observability_config_read.cpp); in short:
//
//   slo          id, description?, sli, objective (0..1 exclusive), period? ("30d"),
//                windows? [{long, short, factor, severity}], runbook
//   sli          kind "ratio": bad [selector], total [selector]
//                kind "threshold": series selector, aggregate? ("mean", "min",
//                "max", "pNN"), slice? ("1m"), below | above
//   selector     "metric:name" or {"name": ..., "match": {"label": "value"}}
//   rule         id, description?, series selector, kind "anomaly" | "threshold",
//                severity? ("warning"), for? ("0s"), clear_for? ("5m"), runbook,
//                anomaly? {method "robust_z" | "ewma", direction, window, recent,
//                threshold, clear, warmup, alpha, min_scale, seasonal, season}
//                threshold? {above | below, clear?, recent?}
//   dashboard    id, title, columns? (12), panels [{id, title, kind, series?,
//                window?, unit?, x, y, w, h}], panels inside the grid, not overlapping
//
// Importing checks everything before taking anything: an unknown key, a wrong
// type, a value out of range, a duplicate id, a metric that Fyr does not record
// (when a list of known series is given) is an error naming the file, the JSON
// path and what was expected, and the file changes nothing. Files over 1 MiB,
// lists over their caps and over-long strings are refused (config_reader.h).
// Export writes the same form back (durations in their largest whole unit,
// defaults written out), so that import(export(x)) == x.
//
// Thread-safety: a value type; static members are reentrant.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "telemetry/alert_rule.h"
#include "telemetry/dashboard_layout.h"
#include "telemetry/slo.h"

namespace fyr::app::telemetry {

class ObservabilityConfig final {
public:
    static constexpr int kVersion = 1;
    static constexpr qsizetype kMaxItems = 500;  // SLOs, rules, dashboards, panels per dashboard
    static constexpr const char* kSlosFormat = "fyr-slos";
    static constexpr const char* kRulesFormat = "fyr-alert-rules";
    static constexpr const char* kDashboardsFormat = "fyr-dashboards";

    std::vector<Slo> slos;
    std::vector<AlertRule> rules;
    std::vector<DashboardLayout> dashboards;

    // The file's list replaces this config's list of the same kind. False with
    // errors ("<path>: <json path>: <what>") and nothing changed on any problem.
    // An empty knownSeries skips the metric check.
    bool importFile(const QString& path, const QStringList& knownSeries, QStringList* errors);
    bool importBytes(const QByteArray& json, const QString& source, const QStringList& knownSeries,
                     QStringList* errors);
    // Writes the three files into dir (atomically, each); false with errors.
    bool exportTo(const QString& dir, QStringList* errors) const;

    static std::optional<std::vector<Slo>> parseSlos(const QByteArray& json, const QString& source,
                                                     const QStringList& knownSeries, QStringList* errors);
    static std::optional<std::vector<AlertRule>> parseRules(const QByteArray& json, const QString& source,
                                                            const QStringList& knownSeries, QStringList* errors);
    static std::optional<std::vector<DashboardLayout>> parseDashboards(const QByteArray& json, const QString& source,
                                                                       const QStringList& knownSeries,
                                                                       QStringList* errors);
    static QByteArray exportSlos(const std::vector<Slo>& slos);
    static QByteArray exportRules(const std::vector<AlertRule>& rules);
    static QByteArray exportDashboards(const std::vector<DashboardLayout>& dashboards);

    // The series names Fyr records (series_feeder.h): every gauge and counter of
    // FyrMetrics by its name, every histogram as <name>_count and <name>_mean.
    static QStringList fyrSeriesNames();
};

}  // namespace fyr::app::telemetry
