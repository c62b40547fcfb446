#include "telemetry/holt_winters.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fyr::app::telemetry {

namespace {

struct Fit {
    double sse = 0.0;
    size_t count = 0;
    double level = 0.0;
    double trend = 0.0;
    std::vector<double> daily;   // [m1], indexed by step mod m1
    std::vector<double> weekly;  // [m2], indexed by step mod m2
};

double mean(const std::vector<double>& y, size_t from, size_t to) {
    double s = 0.0;
    for (size_t i = from; i < to; ++i) s += y[i];
    return to > from ? s / static_cast<double>(to - from) : 0.0;
}

// Runs the smoother over y with the seasons given (m = 0: none); the state at
// the end and the one-step errors after the first `skip` steps.
Fit run(const std::vector<double>& y, size_t m1, size_t m2, const HoltWintersParams& p, size_t skip) {
    Fit f;
    const size_t n = y.size();
    // Initial state from the first two cycles of the longest season (or the
    // first points): level and trend from the two cycles' means, each season
    // the average deviation of its slot, the weekly one net of the daily one.
    const size_t cycle = m2 ? m2 : m1 ? m1 : std::min<size_t>(n, 2);
    const double first = mean(y, 0, cycle);
    const double second = n >= 2 * cycle ? mean(y, cycle, 2 * cycle) : first;
    f.trend = m1 ? (second - first) / static_cast<double>(cycle) : (n >= 2 ? y[1] - y[0] : 0.0);
    const size_t init = std::min(n, 2 * cycle);
    const double mid = (static_cast<double>(cycle) - 1.0) / 2.0;
    std::vector<double> detrended(init);
    for (size_t i = 0; i < init; ++i) detrended[i] = y[i] - (first + (static_cast<double>(i) - mid) * f.trend);
    if (m1) {
        f.daily.assign(m1, 0.0);
        std::vector<double> counts(m1, 0.0);
        for (size_t day = 0; (day + 1) * m1 <= init; ++day) {
            const double dayMean = mean(detrended, day * m1, (day + 1) * m1);
            for (size_t k = 0; k < m1; ++k) {
                f.daily[k] += detrended[day * m1 + k] - dayMean;
                counts[k] += 1.0;
            }
        }
        for (size_t k = 0; k < m1; ++k)
            if (counts[k] > 0) f.daily[k] /= counts[k];
    }
    if (m2) {
        f.weekly.assign(m2, 0.0);
        for (size_t k = 0; k < m2; ++k) {
            double s = 0.0;
            int c = 0;
            for (size_t i = k; i < init; i += m2, ++c) s += detrended[i] - f.daily[k % m1];
            f.weekly[k] = c ? s / c : 0.0;
        }
        const double wm = mean(f.weekly, 0, m2);
        for (double& w : f.weekly) w -= wm;
    }
    f.level = m1 ? first - (mid + 1.0) * f.trend : y[0] - f.trend;

    for (size_t t = 0; t < n; ++t) {
        const double d = m1 ? f.daily[t % m1] : 0.0;
        const double w = m2 ? f.weekly[t % m2] : 0.0;
        const double predicted = f.level + f.trend + d + w;
        if (t >= skip) {
            const double e = y[t] - predicted;
            f.sse += e * e;
            ++f.count;
        }
        const double previous = f.level;
        f.level = p.alpha * (y[t] - d - w) + (1.0 - p.alpha) * (f.level + f.trend);
        f.trend = p.beta * (f.level - previous) + (1.0 - p.beta) * f.trend;
        if (m1) f.daily[t % m1] = p.gamma * (y[t] - f.level - w) + (1.0 - p.gamma) * d;
        if (m2) f.weekly[t % m2] = p.delta * (y[t] - f.level - d) + (1.0 - p.delta) * w;
    }
    return f;
}

}  // namespace

QString HoltWinters::modelName(ForecastModel m) {
    switch (m) {
        case ForecastModel::None: return QStringLiteral("none");
        case ForecastModel::Mean: return QStringLiteral("mean");
        case ForecastModel::Trend: return QStringLiteral("level and trend");
        case ForecastModel::Daily: return QStringLiteral("Holt-Winters, daily season");
        case ForecastModel::DailyWeekly: return QStringLiteral("Holt-Winters, daily and weekly seasons");
    }
    return {};
}

Forecast HoltWinters::forecast(const std::vector<double>& history, int64_t step_s, int64_t end_s, int horizon,
                               std::optional<HoltWintersParams> params) {
    Q_ASSERT(step_s > 0 && 86400 % step_s == 0 && horizon >= 0);
    Forecast out;
    out.start_s = end_s;
    out.step_s = step_s;
    out.history_points = history.size();
    const size_t n = history.size();
    const auto m1 = static_cast<size_t>(86400 / step_s);
    const size_t m2 = 7 * m1;
    const double hours = static_cast<double>(n) * static_cast<double>(step_s) / 3600.0;
    if (n == 0) {
        out.note = QStringLiteral("no history: no forecast");
        return out;
    }
    size_t s1 = 0, s2 = 0;
    if (n >= 2 * m2) {
        out.model = ForecastModel::DailyWeekly;
        s1 = m1;
        s2 = m2;
    } else if (n >= 2 * m1) {
        out.model = ForecastModel::Daily;
        s1 = m1;
        out.note = QStringLiteral("%1 days of history, less than two weeks: weekly seasonality left out")
                       .arg(hours / 24.0, 0, 'f', 1);
    } else if (n >= 2) {
        out.model = ForecastModel::Trend;
        out.note = QStringLiteral("%1 hours of history, less than two days: no seasonality, level and trend only")
                       .arg(hours, 0, 'f', 0);
    } else {
        out.model = ForecastModel::Mean;
        out.note = QStringLiteral("one point of history: the forecast repeats it");
    }
    if (out.model == ForecastModel::Mean) {
        out.values.assign(static_cast<size_t>(horizon), std::max(0.0, history[0]));
        out.lower = out.upper = out.values;
        return out;
    }
    // Errors are scored after the initial cycles, which the start state was fitted to.
    const size_t skip = s2 ? s2 : s1 ? s1 : 1;
    HoltWintersParams best;
    Fit fit;
    if (params) {
        best = *params;
        fit = run(history, s1, s2, best, skip);
    } else {
        double bestSse = std::numeric_limits<double>::infinity();
        const double alphas[] = {0.05, 0.1, 0.2, 0.3, 0.5, 0.8};
        const double betas[] = {0.0, 0.01, 0.05, 0.1};
        const double gammas[] = {0.05, 0.1, 0.2, 0.4};
        const double deltas[] = {0.05, 0.1, 0.2, 0.4};
        for (const double a : alphas)
            for (const double b : betas)
                for (const double g :
                     s1 ? std::vector<double>(std::begin(gammas), std::end(gammas)) : std::vector<double>{0.0})
                    for (const double d :
                         s2 ? std::vector<double>(std::begin(deltas), std::end(deltas)) : std::vector<double>{0.0}) {
                        const HoltWintersParams p{a, b, g, d};
                        Fit candidate = run(history, s1, s2, p, skip);
                        if (candidate.sse < bestSse) {
                            bestSse = candidate.sse;
                            best = p;
                            fit = std::move(candidate);
                        }
                    }
    }
    out.params = best;
    out.residual_sd = fit.count ? std::sqrt(fit.sse / static_cast<double>(fit.count)) : 0.0;
    for (int h = 1; h <= horizon; ++h) {
        const size_t t = n + static_cast<size_t>(h) - 1;  // the index being forecast
        double v = fit.level + static_cast<double>(h) * fit.trend;
        if (s1) v += fit.daily[t % s1];
        if (s2) v += fit.weekly[t % s2];
        const double spread = 1.96 * out.residual_sd * std::sqrt(1.0 + (h - 1) * best.alpha * best.alpha);
        out.values.push_back(std::max(0.0, v));
        out.lower.push_back(std::max(0.0, v - spread));
        out.upper.push_back(std::max(0.0, v + spread));
    }
    return out;
}

std::optional<int64_t> HoltWinters::firstExceedance(const Forecast& f, double capacity, bool useUpper) {
    const std::vector<double>& v = useUpper ? f.upper : f.values;
    for (size_t i = 0; i < v.size(); ++i)
        if (v[i] > capacity) return f.start_s + static_cast<int64_t>(i) * f.step_s;
    return std::nullopt;
}

}  // namespace fyr::app::telemetry
