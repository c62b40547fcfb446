// Multi-window, multi-burn-rate alerting on SLOs (Google SRE workbook, ch. 5
// "Alerting on SLOs", recommendation 6): an SLO's error budget is being spent
// too fast when both a long window (the budget really is going) and a short one
// (it still is, right now) burn it at least `factor` times the sustainable rate.
//
//   for (const BurnEvaluation& e : BurnRate::evaluate(source, slo, now_s))
//       if (e.firing) page(e);
//
// The workbook's windows are for a 30-day SLO:
//   1 h  and 5 min   at 14.4  (2% of the budget in an hour)    critical (page)
//   6 h  and 30 min  at 6     (5% of the budget in six hours)  critical (page)
//   3 d  and 6 h     at 1     (10% of the budget in three days) warning (ticket)
// Other periods scale the windows by period / 30 d and keep the factors, so that
// each alert still means the same share of the budget; a window is never
// shorter than 60 s nor than a threshold SLO's slice.
//
// burn rate = (bad / total in the window) / (1 - objective); a ratio SLI sums
// rate × step over the window's points, a threshold SLI counts slices (slo.h).
// Windows without data give no reading, and an instance with no reading in
// either window of a pair does not fire.
//
// Thread-safety: static functions; the source's own guarantees apply.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "telemetry/series_source.h"
#include "telemetry/slo.h"

namespace fyr::app::telemetry {

struct BurnEvaluation {
    QString labels;  // the instance: a threshold SLI's label set; "" for a ratio
    bool firing = false;
    BurnWindow window;  // the firing pair of the highest severity, else the first pair
    std::optional<double> long_rate;
    std::optional<double> short_rate;
    std::optional<double> latest;  // threshold SLIs: the newest slice's aggregate
};

class BurnRate final {
public:
    static constexpr int64_t kReferencePeriod_s = 30 * 86400;
    static constexpr int64_t kMinWindow_s = 60;

    static std::vector<BurnWindow> defaultWindows();
    // The SLO's windows (or the defaults) scaled to its period.
    static std::vector<BurnWindow> scaledWindows(const Slo& slo);

    // The burn rate over [now_s - window_s, now_s) of one instance (labels of a
    // threshold SLI's series; ignored for a ratio); nullopt without data.
    static std::optional<double> rate(const SeriesSource& source, const Slo& slo, const QString& labels,
                                      int64_t window_s, int64_t now_s);
    // Every instance of the SLO, each against every window pair.
    static std::vector<BurnEvaluation> evaluate(const SeriesSource& source, const Slo& slo, int64_t now_s);

    // Whether a canonical label string has every label the selector asks for.
    static bool matches(const SeriesSelector& selector, const QString& labels);
    // The aggregate of values: "mean", "min", "max" or "pNN" (linear
    // interpolation between ranks); nullopt for no values or an unknown name.
    static std::optional<double> aggregate(const QString& name, std::vector<double> values);
    static bool isValidAggregate(const QString& name);
};

}  // namespace fyr::app::telemetry
