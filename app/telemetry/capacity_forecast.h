// The capacity forecast per endpoint and model: hourly requests and tokens per
// second over the last four weeks, forecast 24 hours ahead (holt_winters.h),
// and the first hour whose predicted load is above the measured capacity,
// flagged while there is still time to act.
//
//   QuerySeriesSource source(buffer, db);
//   for (const CapacityTarget& t : CapacityForecaster::targets(source, now_s)) {
//       CapacityForecast f = CapacityForecaster::forecast(source, t, CapacityLoad::Requests,
//                                                         measuredRequestsPerSecond(t), now_s);
//       if (f.exceeds_at_s) warn(t, *f.exceeds_at_s, f.forecast.note);
//   }
//
// Load is read from the series the feeder makes of the request counters
// (series_feeder.h), as rates per second summed over every series of the
// endpoint and model (users, backends, finish reasons):
//   requests  fyr:request_success_total
//   tokens    fyr:prompt_tokens_total + fyr:generation_tokens_total
// Each hour is the mean of its rate; hours without a point between two that
// have one are interpolated, and history starts at the first hour with data.
// Capacity is in the same unit (requests or tokens per second), as measured
// (a benchmark, the most the endpoint has sustained).
//
// Thread-safety: static functions; the source's own guarantees apply.
#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

#include "telemetry/holt_winters.h"
#include "telemetry/series_source.h"

namespace fyr::app::telemetry {

enum class CapacityLoad { Requests, Tokens };

struct CapacityTarget {
    QString endpoint;
    QString model;
    friend bool operator==(const CapacityTarget& a, const CapacityTarget& b) {
        return a.endpoint == b.endpoint && a.model == b.model;
    }
};

struct CapacityForecast {
    CapacityTarget target;
    CapacityLoad load = CapacityLoad::Requests;
    Forecast forecast;                    // per second, hourly steps from the current hour
    std::optional<double> capacity;       // per second
    std::optional<int64_t> exceeds_at_s;  // the first hour predicted above capacity
};

class CapacityForecaster final {
public:
    static constexpr int64_t kStep_s = 3600;
    static constexpr int64_t kHistory_s = 28 * 86400;
    static constexpr int kHorizon = 24;

    static QStringList seriesNames(CapacityLoad load);
    // The endpoint and model pairs seen in the request series, ordered.
    static std::vector<CapacityTarget> targets(const SeriesSource& source, int64_t now_s);
    // The hourly load of one target over [end − history_s, end), end the
    // current hour's start; *end_s receives it. Leading hours without data are
    // left out.
    static std::vector<double> hourlyHistory(const SeriesSource& source, const CapacityTarget& target,
                                             CapacityLoad load, int64_t now_s, int64_t history_s, int64_t* end_s);
    static CapacityForecast forecast(const SeriesSource& source, const CapacityTarget& target, CapacityLoad load,
                                     std::optional<double> capacity, int64_t now_s);
};

}  // namespace fyr::app::telemetry
