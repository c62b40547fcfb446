// What a request cost, from what it used: for the local engine, its share of the
// hardware's time (purchase price spread over the months of its life) and of the
// energy (measured by the GPU's energy counter, or the hardware's nominal watts
// over its time), times the site's PUE and price per kWh; for a remote endpoint,
// its price per million input and output tokens. Nothing is invented: without a
// price the cost is "not configured", never zero.
//
// Each engine step's time (and energy, when measured) is shared among the
// requests in its batch by their tokens (RequestCostMeter), so a shared machine's
// cost is attributed per request, model and user.
//
//   fyr::app::LocalPricing p{.hardwarePrice = 32000, .lifeMonths = 36, .nominalWatts = 700,
//                            .pricePerKwh = 0.18, .pue = 1.4, .currency = "EUR"};
//   fyr::app::Cost c = fyr::app::localCost(p, /*seconds*/ 2.5, /*joules*/ std::nullopt);
//   // c.total, c.hardware, c.energy, c.basis == "nominal watts"
//
// Thread-safety: the functions are pure; RequestCostMeter's calls come on the
// runtime's scheduler thread (the observer) and take() may be called from any.
#pragma once

#include <QString>

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "fyr/runtime.h"

namespace fyr::app {

struct LocalPricing {
    double hardwarePrice = 0;  // what the machine (or its GPU share) cost
    double lifeMonths = 0;     // written off over this many months
    double nominalWatts = 0;   // when energy is not measured
    double pricePerKwh = 0;
    double pue = 1.0;          // the site's power usage effectiveness (>= 1)
    QString currency = QStringLiteral("EUR");
    QString problem() const;   // "" when every figure is usable, else what is missing
};

struct RemotePricing {
    double inputPerMillion = 0;
    double outputPerMillion = 0;
    QString currency = QStringLiteral("EUR");
};

struct Cost {
    bool known = false;  // false: pricing not configured (see `problem`)
    double hardware = 0, energy = 0, total = 0;
    double joules = 0;   // the energy counted (measured or nominal), before PUE
    QString basis;       // "measured energy", "nominal watts", "remote price"
    QString currency;
    QString problem;
};

Cost localCost(const LocalPricing& pricing, double seconds, std::optional<double> measuredJoules);
Cost remoteCost(const RemotePricing& pricing, int64_t inputTokens, int64_t outputTokens);

// Shares every step's time, and energy when a meter reports it, among the
// requests in the batch by their tokens; take() hands a finished request's share.
class RequestCostMeter final : public fyr::RuntimeObserver {
public:
    struct Share {
        double seconds = 0;
        std::optional<double> joules;  // set when every step it took part in had measured energy
        int64_t tokens = 0;
    };
    // Joules used by the device during the step just observed, which took
    // `step_seconds`; empty: not measured.
    using EnergyMeter = std::function<std::optional<double>(double step_seconds)>;
    // A meter from a cumulative energy counter (joules since some start, e.g.
    // PowercapEnergy::totalJoules or NVML's total energy): each step gets the
    // counter's increase since the previous step's reading, scaled by the step's
    // share of the time between the readings, so the energy of idle time between
    // requests is not charged to the next step. The counter is read once here
    // (to prime it) and then on the runtime's thread.
    static EnergyMeter fromCounter(std::function<std::optional<double>()> totalJoules);

    explicit RequestCostMeter(EnergyMeter energy = {});
    void on_step(const fyr::StepStats& step) override;
    Share take(uint64_t request);

private:
    EnergyMeter m_energy;
    std::mutex m_mutex;
    std::unordered_map<uint64_t, Share> m_shares;
};

}  // namespace fyr::app
