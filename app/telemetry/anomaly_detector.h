// Anomalies in one series: the latest readings (the median of the last
// recent_s) against a baseline (the window_s before them), as a z-score.
//
//   AnomalyReading r = AnomalyDetector::read(source, key, rule.anomaly, now_s);
//   if (!r.warming_up && AnomalyDetector::exceeds(rule.anomaly, r.z, rule.anomaly.threshold)) ...
//
// Two scores:
//   robust z  0.6745 × (x − median) / MAD, the median absolute deviation of
//             the baseline (Iglewicz and Hoaglin's modified z-score); a few
//             outliers in the baseline move it little. 3.5 is their cut-off.
//   EWMA      (x − μ) / σ with μ and σ² exponentially weighted over the
//             baseline in time order (weight alpha for each new point), so
//             recent behaviour counts most and slow drifts are followed.
// A spread of zero (a constant baseline) is raised to min_scale; if that is 0
// too, any change reads as ±kInfiniteZ and no change as 0.
// Seasonality is off by default; when on, the baseline is the window centred on
// the same moment one season earlier, which needs that history in the source.
//
// Thread-safety: static functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "telemetry/alert_rule.h"
#include "telemetry/series_source.h"

namespace fyr::app::telemetry {

struct AnomalyReading {
    bool warming_up = true;       // not enough baseline (or no recent reading): never an alert
    std::optional<double> value;  // the recent readings' median
    double center = 0.0;          // median or EWMA mean of the baseline
    double scale = 0.0;           // MAD / 0.6745 or EWMA standard deviation
    double z = 0.0;
    size_t baseline_points = 0;
};

class AnomalyDetector final {
public:
    static constexpr double kInfiniteZ = 1e9;
    static constexpr size_t kMinPoints = 10;

    // The scores of x against a baseline (non-empty). center and scale, when
    // given, receive the baseline's centre and spread (in the series' unit).
    static double robustZ(std::vector<double> baseline, double x, double minScale, double* center = nullptr,
                          double* scale = nullptr);
    // Precondition: 0 < alpha <= 1.
    static double ewmaZ(const std::vector<double>& baseline, double x, double alpha, double minScale,
                        double* center = nullptr, double* scale = nullptr);
    static double median(std::vector<double> values);

    static AnomalyReading read(const SeriesSource& source, const SeriesKey& key, const AnomalySpec& spec,
                               int64_t now_s);
    // Whether z is at least `limit` in the spec's direction.
    static bool exceeds(const AnomalySpec& spec, double z, double limit);
};

}  // namespace fyr::app::telemetry
