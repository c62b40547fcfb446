// Additive Holt-Winters forecasting with a daily and a weekly season (Taylor's
// double-seasonal form, J. Oper. Res. Soc. 54, 2003), for the capacity
// forecast (capacity_forecast.h): a level, a trend, and two seasonal terms,
// each smoothed:
//   l_t = α (y_t − d_{t−m1} − w_{t−m2}) + (1 − α)(l_{t−1} + b_{t−1})
//   b_t = β (l_t − l_{t−1}) + (1 − β) b_{t−1}
//   d_t = γ (y_t − l_t − w_{t−m2}) + (1 − γ) d_{t−m1}
//   w_t = δ (y_t − l_t − d_{t−m1}) + (1 − δ) w_{t−m2}
//   ŷ_{t+h} = l_t + h b_t + d_{t+h−m1·k} + w_{t+h−m2·k'}
// with m1 and m2 the steps in a day and a week. α, β, γ, δ are chosen from a
// small grid by the least squared one-step-ahead error over the history.
//
//   std::vector<double> hourly = ...;              // 4 weeks, oldest first
//   Forecast f = HoltWinters::forecast(hourly, 3600, end_s, 24);
//   if (!f.note.isEmpty()) show(f.note);           // a fallback was used
//   if (auto t = HoltWinters::firstExceedance(f, capacity)) warn(*t);
//
// Each season needs two of its cycles to be estimated; with less history the
// model falls back, and says so in `note`:
//   ≥ 2 weeks   daily and weekly seasons
//   ≥ 2 days    daily season only (weekly left out)
//   ≥ 2 points  level and trend only (no season)
//   fewer       the mean of what there is, or nothing
// Forecasts of load are never negative: values and bounds are clamped at 0.
// The bounds are ± 1.96 σ √(1 + (h − 1) α²), σ the one-step errors' RMS: the
// simple exponential smoothing interval, an approximation for this model.
//
// Thread-safety: static functions.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace fyr::app::telemetry {

enum class ForecastModel { None, Mean, Trend, Daily, DailyWeekly };

struct HoltWintersParams {
    double alpha = 0.2;  // level
    double beta = 0.01;  // trend
    double gamma = 0.2;  // daily season
    double delta = 0.2;  // weekly season
};

struct Forecast {
    int64_t start_s = 0;  // the first forecast step's start
    int64_t step_s = 3600;
    std::vector<double> values;  // one per step
    std::vector<double> lower;   // ~95% bounds
    std::vector<double> upper;
    ForecastModel model = ForecastModel::None;
    QString note;  // empty when both seasons were used
    HoltWintersParams params;
    double residual_sd = 0.0;  // RMS of the one-step-ahead errors
    size_t history_points = 0;
};

class HoltWinters final {
public:
    // history: evenly spaced values, step_s apart, oldest first, the last one the
    // step ending at end_s; no NaNs (fill gaps first). Forecasts `horizon` steps
    // from end_s. Preconditions: step_s divides a day; horizon >= 0.
    static Forecast forecast(const std::vector<double>& history, int64_t step_s, int64_t end_s, int horizon,
                             std::optional<HoltWintersParams> params = std::nullopt);
    // The start of the first step whose forecast (its upper bound, when asked)
    // is above capacity; nullopt when none is.
    static std::optional<int64_t> firstExceedance(const Forecast& f, double capacity, bool useUpper = false);
    static QString modelName(ForecastModel m);
};

}  // namespace fyr::app::telemetry
