#include "telemetry/burn_rate.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace fyr::app::telemetry {

namespace {

// The percentile of "pNN", in (0, 100); nullopt for anything else.
std::optional<double> percentileOf(const QString& name) {
    if (name.size() < 2 || name[0] != QLatin1Char('p')) return std::nullopt;
    bool ok = false;
    const double p = name.mid(1).toDouble(&ok);
    if (!ok || !(p > 0.0 && p < 100.0) || name.mid(1).startsWith(QLatin1Char('+'))) return std::nullopt;
    return p;
}

// The keys an SLI's selectors read.
std::vector<SeriesKey> keysOf(const SeriesSource& source, const std::vector<SeriesSelector>& selectors) {
    std::vector<SeriesKey> out;
    std::set<SeriesKey> seen;
    for (const SeriesSelector& s : selectors)
        for (SeriesKey& k : source.keys(s.name))
            if (BurnRate::matches(s, k.labels) && seen.insert(k).second) out.push_back(std::move(k));
    return out;
}

// Σ mean × step over the window, and whether any point was there.
std::optional<double> eventsIn(const SeriesSource& source, const std::vector<SeriesKey>& keys, int64_t from_s,
                               int64_t now_s) {
    double sum = 0.0;
    bool any = false;
    for (const SeriesKey& k : keys) {
        const SeriesRange r = source.range(k, from_s, now_s, now_s, SeriesQuery::kMaxPoints);
        for (const SeriesPoint& p : r.points) {
            if (p.time_s < from_s || !std::isfinite(p.mean)) continue;
            sum += std::max(0.0, p.mean) * static_cast<double>(r.step_s);
            any = true;
        }
    }
    if (!any) return std::nullopt;
    return sum;
}

// The aggregate of each slice of the window, in time order.
std::vector<double> slicesIn(const SeriesSource& source, const Sli& sli, const QString& labels, int64_t from_s,
                             int64_t now_s) {
    std::map<int64_t, std::vector<double>> slices;
    for (const SeriesSelector& s : sli.series) {
        const SeriesRange r = source.range({s.name, labels}, from_s, now_s, now_s, SeriesQuery::kMaxPoints);
        const bool useMax = sli.aggregate == QLatin1String("max");
        const bool useMin = sli.aggregate == QLatin1String("min");
        for (const SeriesPoint& p : r.points) {
            if (p.time_s < from_s) continue;
            const double v = useMax ? p.max : useMin ? p.min : p.mean;
            if (!std::isfinite(v)) continue;
            int64_t slice = p.time_s / sli.slice_s;
            if (slice * sli.slice_s > p.time_s) --slice;
            slices[slice].push_back(v);
        }
    }
    std::vector<double> out;
    out.reserve(slices.size());
    for (auto& [slice, values] : slices)
        if (const auto a = BurnRate::aggregate(sli.aggregate, std::move(values))) out.push_back(*a);
    return out;
}

bool isBad(const Sli& sli, double v) {
    if (sli.below) return !(v < *sli.below);
    if (sli.above) return !(v > *sli.above);
    return false;
}

}  // namespace

std::vector<BurnWindow> BurnRate::defaultWindows() {
    return {{3600, 300, 14.4, Severity::Critical},
            {6 * 3600, 1800, 6.0, Severity::Critical},
            {3 * 86400, 6 * 3600, 1.0, Severity::Warning}};
}

std::vector<BurnWindow> BurnRate::scaledWindows(const Slo& slo) {
    std::vector<BurnWindow> out = slo.windows.empty() ? defaultWindows() : slo.windows;
    const double scale = static_cast<double>(slo.period_s) / static_cast<double>(kReferencePeriod_s);
    const int64_t floor_s = std::max(kMinWindow_s, slo.sli.kind == SliKind::Threshold ? slo.sli.slice_s : int64_t{0});
    for (BurnWindow& w : out) {
        w.long_s = std::max(floor_s, static_cast<int64_t>(std::llround(static_cast<double>(w.long_s) * scale)));
        w.short_s = std::max(floor_s, static_cast<int64_t>(std::llround(static_cast<double>(w.short_s) * scale)));
        w.short_s = std::min(w.short_s, w.long_s);
    }
    return out;
}

bool BurnRate::matches(const SeriesSelector& selector, const QString& labels) {
    if (selector.match.empty()) return true;
    const auto pairs = SeriesKey::parseLabels(labels);
    if (!pairs) return false;
    for (const auto& wanted : selector.match) {
        // (Not a structured binding: clang before 16 cannot capture one in a lambda.)
        const auto it =
            std::find_if(pairs->begin(), pairs->end(), [&](const auto& p) { return p.first == wanted.first; });
        if (it == pairs->end() || it->second != wanted.second) return false;
    }
    return true;
}

bool BurnRate::isValidAggregate(const QString& name) {
    return name == QLatin1String("mean") || name == QLatin1String("min") || name == QLatin1String("max") ||
           percentileOf(name).has_value();
}

std::optional<double> BurnRate::aggregate(const QString& name, std::vector<double> values) {
    if (values.empty()) return std::nullopt;
    if (name == QLatin1String("mean")) {
        double sum = 0.0;
        for (const double v : values) sum += v;
        return sum / static_cast<double>(values.size());
    }
    if (name == QLatin1String("min")) return *std::min_element(values.begin(), values.end());
    if (name == QLatin1String("max")) return *std::max_element(values.begin(), values.end());
    const auto p = percentileOf(name);
    if (!p) return std::nullopt;
    std::sort(values.begin(), values.end());
    const double rank = *p / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(rank));
    const size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (values[hi] - values[lo]) * (rank - static_cast<double>(lo));
}

std::optional<double> BurnRate::rate(const SeriesSource& source, const Slo& slo, const QString& labels,
                                     int64_t window_s, int64_t now_s) {
    Q_ASSERT(window_s > 0 && slo.objective > 0.0 && slo.objective < 1.0);
    const double budget = 1.0 - slo.objective;
    const int64_t from_s = now_s - window_s;
    if (slo.sli.kind == SliKind::Ratio) {
        const auto total = eventsIn(source, keysOf(source, slo.sli.total), from_s, now_s);
        if (!total || *total <= 0.0) return std::nullopt;
        const double bad = eventsIn(source, keysOf(source, slo.sli.bad), from_s, now_s).value_or(0.0);
        return std::min(1.0, bad / *total) / budget;
    }
    const std::vector<double> slices = slicesIn(source, slo.sli, labels, from_s, now_s);
    if (slices.empty()) return std::nullopt;
    const auto bad = std::count_if(slices.begin(), slices.end(), [&](double v) { return isBad(slo.sli, v); });
    return static_cast<double>(bad) / static_cast<double>(slices.size()) / budget;
}

std::vector<BurnEvaluation> BurnRate::evaluate(const SeriesSource& source, const Slo& slo, int64_t now_s) {
    std::vector<QString> instances;
    if (slo.sli.kind == SliKind::Ratio) {
        instances.push_back(QString());
    } else {
        std::set<QString> seen;
        for (const SeriesSelector& s : slo.sli.series)
            for (const SeriesKey& k : source.keys(s.name))
                if (matches(s, k.labels) && seen.insert(k.labels).second) instances.push_back(k.labels);
    }
    const std::vector<BurnWindow> windows = scaledWindows(slo);
    std::vector<BurnEvaluation> out;
    for (const QString& labels : instances) {
        BurnEvaluation e;
        e.labels = labels;
        std::map<int64_t, std::optional<double>> cache;  // by window length: pairs share windows (6 h)
        const auto rateOf = [&](int64_t w) {
            const auto it = cache.find(w);
            if (it != cache.end()) return it->second;
            return cache[w] = rate(source, slo, labels, w, now_s);
        };
        for (size_t i = 0; i < windows.size(); ++i) {
            const BurnWindow& w = windows[i];
            const auto longRate = rateOf(w.long_s);
            const auto shortRate = rateOf(w.short_s);
            const bool fires = longRate && shortRate && *longRate > w.factor && *shortRate > w.factor;
            const bool better = fires && (!e.firing || w.severity > e.window.severity);
            if (i == 0 || better) {
                e.window = w;
                e.long_rate = longRate;
                e.short_rate = shortRate;
            }
            e.firing = e.firing || fires;
        }
        if (slo.sli.kind == SliKind::Threshold && !windows.empty()) {
            const int64_t newest = std::max(slo.sli.slice_s, kMinWindow_s);
            const auto slices = slicesIn(source, slo.sli, labels, now_s - newest, now_s);
            if (!slices.empty()) e.latest = slices.back();
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace fyr::app::telemetry
