// An alert rule as data (resources/telemetry/alert_rules.json, read by
// ObservabilityConfig): a series watched for anomalies or against a plain
// limit, how long a condition must hold before an alert opens and stay clear
// before it resolves, and the runbook shown with the alert.
//
//   AlertRule r;
//   r.id = QStringLiteral("ttft-anomaly");
//   r.series = {QStringLiteral("fyr:time_to_first_token_seconds_mean"), {}};
//   r.kind = RuleKind::Anomaly;
//   r.anomaly.method = AnomalyMethod::RobustZ;   // median / MAD of the last hour
//   r.anomaly.threshold = 4.0;
//   r.runbook = QStringLiteral("Check the queue and the batch size ...");
//
// SLOs make their own burn-rate rules (burn_rate.h); their runbook is the SLO's.
//
// Thread-safety: value types.
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

#include "telemetry/alert.h"
#include "telemetry/slo.h"

namespace fyr::app::telemetry {

enum class AnomalyMethod { RobustZ, Ewma };
enum class AnomalyDirection { Up, Down, Both };

struct AnomalySpec {
    AnomalyMethod method = AnomalyMethod::RobustZ;
    AnomalyDirection direction = AnomalyDirection::Both;
    int64_t window_s = 3600;  // the trailing baseline
    int64_t recent_s = 60;    // the latest readings, compared with the baseline (their median)
    double threshold = 4.0;   // |z| at which the condition holds
    double clear = 3.0;       // |z| below which it no longer does (hysteresis); <= threshold
    // Warm-up: a baseline holding less than this much data (points × their step)
    // raises nothing, nor one of fewer than kMinPoints points.
    int64_t warmup_s = 900;
    double ewma_alpha = 0.05;  // EWMA only: the weight of each new point
    double min_scale = 0.0;    // a floor for the spread (MAD or standard deviation), in the series' unit
    // Seasonality, off by default: when set, the baseline is the window around
    // the same time one season (season_s) earlier instead of the trailing one.
    bool seasonal = false;
    int64_t season_s = 86400;
};

enum class RuleKind { Anomaly, Threshold };

struct AlertRule {
    QString id;
    QString description;
    SeriesSelector series;  // every matching label set is watched on its own
    RuleKind kind = RuleKind::Anomaly;
    AnomalySpec anomaly;
    // Threshold: the latest reading (mean of the last `anomaly.recent_s`) above
    // `above` or below `below` (one of them), clear again past `clear`.
    std::optional<double> above;
    std::optional<double> below;
    std::optional<double> clear;
    Severity severity = Severity::Warning;
    int64_t for_s = 0;      // the condition holds this long before an alert opens
    int64_t clear_s = 300;  // and stays clear this long before it resolves
    QString runbook;
};

}  // namespace fyr::app::telemetry
