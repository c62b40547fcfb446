#include "telemetry/anomaly_detector.h"

#include <algorithm>
#include <cmath>

namespace fyr::app::telemetry {

namespace {

double scoreOf(double x, double center, double scale, double minScale) {
    const double s = std::max(scale, minScale);
    const double d = x - center;
    if (s > 0.0) return std::clamp(d / s, -AnomalyDetector::kInfiniteZ, AnomalyDetector::kInfiniteZ);
    if (d == 0.0) return 0.0;
    return d > 0.0 ? AnomalyDetector::kInfiniteZ : -AnomalyDetector::kInfiniteZ;
}

}  // namespace

double AnomalyDetector::median(std::vector<double> values) {
    Q_ASSERT(!values.empty());
    if (values.empty()) return 0.0;
    const size_t mid = values.size() / 2;
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
    const double upper = values[mid];
    if (values.size() % 2 == 1) return upper;
    const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
    return (lower + upper) / 2.0;
}

double AnomalyDetector::robustZ(std::vector<double> baseline, double x, double minScale, double* center,
                                double* scale) {
    Q_ASSERT(!baseline.empty());
    if (baseline.empty()) return 0.0;
    const double m = median(baseline);
    for (double& v : baseline) v = std::abs(v - m);
    // MAD / 0.6745 estimates the standard deviation of normal data, so the
    // score reads like an ordinary z.
    const double sigma = median(std::move(baseline)) / 0.6745;
    if (center) *center = m;
    if (scale) *scale = sigma;
    return scoreOf(x, m, sigma, minScale);
}

double AnomalyDetector::ewmaZ(const std::vector<double>& baseline, double x, double alpha, double minScale,
                              double* center, double* scale) {
    Q_ASSERT(!baseline.empty() && alpha > 0.0 && alpha <= 1.0);
    if (baseline.empty()) return 0.0;
    double mean = baseline.front();
    double var = 0.0;
    for (size_t i = 1; i < baseline.size(); ++i) {
        // West's incremental form of the exponentially weighted mean and variance.
        const double diff = baseline[i] - mean;
        const double incr = alpha * diff;
        mean += incr;
        var = (1.0 - alpha) * (var + diff * incr);
    }
    const double sigma = std::sqrt(std::max(0.0, var));
    if (center) *center = mean;
    if (scale) *scale = sigma;
    return scoreOf(x, mean, sigma, minScale);
}

AnomalyReading AnomalyDetector::read(const SeriesSource& source, const SeriesKey& key, const AnomalySpec& spec,
                                     int64_t now_s) {
    AnomalyReading out;
    const int64_t recent_s = std::max<int64_t>(1, spec.recent_s);
    std::vector<double> recent;
    for (const SeriesPoint& p : source.range(key, now_s - recent_s, now_s, now_s, SeriesQuery::kMaxPoints).points)
        if (p.time_s >= now_s - recent_s && std::isfinite(p.mean)) recent.push_back(p.mean);
    int64_t to_s = now_s - recent_s;
    if (spec.seasonal) to_s = now_s - spec.season_s + spec.window_s / 2;
    const int64_t from_s = to_s - spec.window_s;
    const SeriesRange base = source.range(key, from_s, to_s, now_s, SeriesQuery::kMaxPoints);
    std::vector<double> baseline;
    baseline.reserve(base.points.size());
    for (const SeriesPoint& p : base.points)
        if (p.time_s >= from_s && std::isfinite(p.mean)) baseline.push_back(p.mean);
    out.baseline_points = baseline.size();
    if (recent.empty()) return out;
    out.value = median(recent);
    const int64_t covered_s = static_cast<int64_t>(baseline.size()) * base.step_s;
    if (baseline.size() < kMinPoints || covered_s < spec.warmup_s) return out;
    out.warming_up = false;
    out.z = spec.method == AnomalyMethod::RobustZ
                ? robustZ(std::move(baseline), *out.value, spec.min_scale, &out.center, &out.scale)
                : ewmaZ(baseline, *out.value, spec.ewma_alpha, spec.min_scale, &out.center, &out.scale);
    return out;
}

bool AnomalyDetector::exceeds(const AnomalySpec& spec, double z, double limit) {
    switch (spec.direction) {
        case AnomalyDirection::Up: return z >= limit;
        case AnomalyDirection::Down: return z <= -limit;
        case AnomalyDirection::Both: return std::abs(z) >= limit;
    }
    return false;
}

}  // namespace fyr::app::telemetry
