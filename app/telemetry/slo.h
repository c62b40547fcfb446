// A service level objective as data (resources/telemetry/slos.json, read by
// ObservabilityConfig): which series it reads, what counts as good, the target
// and the period its error budget is counted over, and the burn-rate windows
// that alert on it (burn_rate.h).
//
//   Slo ttft;
//   ttft.id = QStringLiteral("ttft-p95");
//   ttft.sli.kind = SliKind::Threshold;                  // time slices, good or bad
//   ttft.sli.series = {{QStringLiteral("fyr:time_to_first_token_seconds_mean"), {}}};
//   ttft.sli.aggregate = QStringLiteral("p95");          // of each slice's points
//   ttft.sli.slice_s = 300;                              // "over 5 min"
//   ttft.sli.below = 2.0;                                // good: p95 < 2 s
//   ttft.objective = 0.99;                               // 99% of slices good
//   ttft.period_s = 30 * 86400;
//
// Two kinds of indicator:
//   ratio      bad events / all events, from rate series (counters fed as rates,
//              series_feeder.h), each the sum over every listed series and label
//              set that matches: an error rate.
//   threshold  the fraction of time slices (slice_s long) whose aggregate of the
//              series' points (mean, min, max or a percentile pNN of the points)
//              is not on the good side of the limit: a "good minutes" indicator
//              (SRE workbook, ch. 2) for latencies and temperatures. Each label
//              set of the series is its own objective (one alert per GPU).
// The error budget is 1 - objective; a burn rate of 1 spends it in exactly
// one period.
//
// Thread-safety: value types.
#pragma once

#include <QString>

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "telemetry/alert.h"

namespace fyr::app::telemetry {

// A series by name, restricted to the label sets whose listed labels have these
// values (other labels may be anything).
struct SeriesSelector {
    QString name;
    std::map<QString, QString> match;  // label name -> value
};

enum class SliKind { Ratio, Threshold };

struct Sli {
    SliKind kind = SliKind::Threshold;
    // Ratio: bad and total events per second.
    std::vector<SeriesSelector> bad;
    std::vector<SeriesSelector> total;
    // Threshold: one series (each of its label sets on its own); good when the
    // slice's aggregate is < below (or > above; exactly one of them is set).
    std::vector<SeriesSelector> series;
    QString aggregate = QStringLiteral("mean");  // mean, min, max, p1 ... p99.9
    int64_t slice_s = 60;
    std::optional<double> below;
    std::optional<double> above;
};

// One multi-window burn-rate alert: fires when both the long and the short
// window burn the budget at least `factor` times as fast as the period allows.
struct BurnWindow {
    int64_t long_s = 3600;
    int64_t short_s = 300;
    double factor = 14.4;
    Severity severity = Severity::Critical;
};

struct Slo {
    QString id;
    QString description;
    Sli sli;
    double objective = 0.99;  // in (0, 1)
    int64_t period_s = 30 * 86400;
    // As written for a 30-day period and scaled to period_s (burn_rate.h); empty
    // means the workbook's three: 1 h / 5 min at 14.4 and 6 h / 30 min at 6
    // (critical, a page), 3 d / 6 h at 1 (warning, a ticket).
    std::vector<BurnWindow> windows;
    QString runbook;
};

}  // namespace fyr::app::telemetry
