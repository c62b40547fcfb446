#include "telemetry/capacity_forecast.h"

#include <QStringList>

#include <cmath>
#include <map>
#include <set>

namespace fyr::app::telemetry {

namespace {

std::optional<QString> label(const QString& labels, const QString& name) {
    const auto pairs = SeriesKey::parseLabels(labels);
    if (!pairs) return std::nullopt;
    for (const auto& [k, v] : *pairs)
        if (k == name) return v;
    return std::nullopt;
}

}  // namespace

QStringList CapacityForecaster::seriesNames(CapacityLoad load) {
    if (load == CapacityLoad::Requests) return {QStringLiteral("fyr:request_success_total")};
    return {QStringLiteral("fyr:prompt_tokens_total"), QStringLiteral("fyr:generation_tokens_total")};
}

std::vector<CapacityTarget> CapacityForecaster::targets(const SeriesSource& source, int64_t) {
    std::set<std::pair<QString, QString>> seen;
    for (const QString& name : seriesNames(CapacityLoad::Requests))
        for (const SeriesKey& k : source.keys(name))
            seen.insert({label(k.labels, QStringLiteral("endpoint")).value_or(QString()),
                         label(k.labels, QStringLiteral("model")).value_or(QString())});
    std::vector<CapacityTarget> out;
    for (const auto& [endpoint, model] : seen) out.push_back({endpoint, model});
    return out;
}

std::vector<double> CapacityForecaster::hourlyHistory(const SeriesSource& source, const CapacityTarget& target,
                                                      CapacityLoad load, int64_t now_s, int64_t history_s,
                                                      int64_t* end_s) {
    const int64_t end = now_s - ((now_s % kStep_s) + kStep_s) % kStep_s;
    const int64_t from = end - history_s;
    if (end_s) *end_s = end;
    const auto hours = static_cast<size_t>(history_s / kStep_s);
    // Per hour: Σ over series of (Σ mean × step) / 3600 — the hour's mean rate.
    std::vector<double> sum(hours, 0.0);
    std::vector<bool> seen(hours, false);
    for (const QString& name : seriesNames(load)) {
        for (const SeriesKey& k : source.keys(name)) {
            if (label(k.labels, QStringLiteral("endpoint")).value_or(QString()) != target.endpoint ||
                label(k.labels, QStringLiteral("model")).value_or(QString()) != target.model)
                continue;
            const SeriesRange r = source.range(k, from, end, now_s, hours + 1);
            // Per series and hour, the mean of its points weighted by their step.
            std::map<size_t, std::pair<double, double>> perHour;  // hour -> (Σ v × step, Σ step)
            for (const SeriesPoint& p : r.points) {
                if (p.time_s < from || p.time_s >= end || !std::isfinite(p.mean)) continue;
                const auto h = static_cast<size_t>((p.time_s - from) / kStep_s);
                auto& acc = perHour[h];
                acc.first += p.mean * static_cast<double>(r.step_s);
                acc.second += static_cast<double>(r.step_s);
            }
            for (const auto& [h, acc] : perHour) {
                sum[h] += acc.first / acc.second;
                seen[h] = true;
            }
        }
    }
    size_t first = 0;
    while (first < hours && !seen[first]) ++first;
    std::vector<double> out;
    if (first == hours) return out;
    size_t last = hours;
    while (!seen[last - 1]) --last;
    for (size_t h = first; h < hours; ++h) {
        if (seen[h]) {
            out.push_back(sum[h]);
            continue;
        }
        // A gap: the line between its neighbours; after the last point, the last value.
        size_t next = h + 1;
        while (next < hours && !seen[next]) ++next;
        const double before = out.back();
        if (next >= last || next == hours) {
            out.push_back(before);
        } else {
            const double frac = 1.0 / static_cast<double>(next - h + 1);
            out.push_back(before + (sum[next] - before) * frac);
        }
    }
    return out;
}

CapacityForecast CapacityForecaster::forecast(const SeriesSource& source, const CapacityTarget& target,
                                              CapacityLoad load, std::optional<double> capacity, int64_t now_s) {
    CapacityForecast out;
    out.target = target;
    out.load = load;
    out.capacity = capacity;
    int64_t end = 0;
    const std::vector<double> history = hourlyHistory(source, target, load, now_s, kHistory_s, &end);
    out.forecast = HoltWinters::forecast(history, kStep_s, end, kHorizon);
    if (capacity) out.exceeds_at_s = HoltWinters::firstExceedance(out.forecast, *capacity);
    return out;
}

}  // namespace fyr::app::telemetry
