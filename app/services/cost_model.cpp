#include "services/cost_model.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <memory>

namespace fyr::app {

namespace {

constexpr double kSecondsPerMonth = 30.436875 * 24 * 3600;  // a Gregorian month on average
constexpr double kJoulesPerKwh = 3.6e6;

}  // namespace

QString LocalPricing::problem() const {
    QStringList missing;
    if (!(hardwarePrice > 0)) missing << QCoreApplication::translate("fyr::app::CostModel", "hardware price");
    if (!(lifeMonths > 0)) missing << QCoreApplication::translate("fyr::app::CostModel", "months of life");
    if (!(pricePerKwh > 0)) missing << QCoreApplication::translate("fyr::app::CostModel", "price per kWh");
    if (!(pue >= 1.0)) missing << QCoreApplication::translate("fyr::app::CostModel", "PUE (at least 1)");
    if (currency.trimmed().isEmpty()) missing << QCoreApplication::translate("fyr::app::CostModel", "currency");
    if (missing.isEmpty()) return {};
    return QCoreApplication::translate("fyr::app::CostModel", "the on-prem cost is not configured: %1").arg(missing.join(QStringLiteral(", ")));
}

Cost localCost(const LocalPricing& pricing, double seconds, std::optional<double> measuredJoules) {
    Cost c;
    c.currency = pricing.currency;
    c.problem = pricing.problem();
    if (!c.problem.isEmpty()) return c;
    if (!measuredJoules && !(pricing.nominalWatts > 0)) {
        c.problem = QCoreApplication::translate("fyr::app::CostModel",
                                                "the energy was not measured and no nominal watts are configured");
        return c;
    }
    seconds = std::max(0.0, seconds);
    c.known = true;
    c.hardware = pricing.hardwarePrice / (pricing.lifeMonths * kSecondsPerMonth) * seconds;
    c.joules = measuredJoules ? std::max(0.0, *measuredJoules) : pricing.nominalWatts * seconds;
    c.basis = measuredJoules ? QStringLiteral("measured energy") : QStringLiteral("nominal watts");
    c.energy = c.joules * pricing.pue / kJoulesPerKwh * pricing.pricePerKwh;
    c.total = c.hardware + c.energy;
    return c;
}

Cost remoteCost(const RemotePricing& pricing, int64_t inputTokens, int64_t outputTokens) {
    Cost c;
    c.currency = pricing.currency;
    if (!(pricing.inputPerMillion > 0) && !(pricing.outputPerMillion > 0)) {
        c.problem = QCoreApplication::translate("fyr::app::CostModel", "the endpoint has no price per million tokens");
        return c;
    }
    c.known = true;
    c.basis = QStringLiteral("remote price");
    c.total = (static_cast<double>(inputTokens) * pricing.inputPerMillion +
               static_cast<double>(outputTokens) * pricing.outputPerMillion) / 1e6;
    return c;
}

RequestCostMeter::RequestCostMeter(EnergyMeter energy) : m_energy(std::move(energy)) {}

void RequestCostMeter::on_step(const fyr::StepStats& step) {
    const std::optional<double> joules = m_energy ? m_energy(step.step_ms / 1000.0) : std::nullopt;
    int64_t total = 0;
    for (const auto& [id, tokens] : step.request_tokens) total += tokens;
    if (total <= 0) return;
    const double seconds = step.step_ms / 1000.0;
    std::lock_guard lock(m_mutex);
    for (const auto& [id, tokens] : step.request_tokens) {
        const double part = static_cast<double>(tokens) / static_cast<double>(total);
        auto [it, fresh] = m_shares.try_emplace(id);
        Share& s = it->second;
        s.seconds += seconds * part;
        s.tokens += tokens;
        // Energy is kept only while every step of the request was measured.
        if (joules && (fresh || s.joules)) s.joules = s.joules.value_or(0.0) + *joules * part;
        else s.joules.reset();
    }
}

RequestCostMeter::EnergyMeter RequestCostMeter::fromCounter(std::function<std::optional<double>()> totalJoules) {
    struct Last {
        std::chrono::steady_clock::time_point time;
        double joules = 0;
        bool primed = false;
    };
    auto last = std::make_shared<Last>();
    // Primed now, so the first step is measured too.
    if (const std::optional<double> start = totalJoules ? totalJoules() : std::nullopt)
        *last = {std::chrono::steady_clock::now(), *start, true};
    return [counter = std::move(totalJoules), last](double stepSeconds) -> std::optional<double> {
        const std::optional<double> now = counter ? counter() : std::nullopt;
        const auto t = std::chrono::steady_clock::now();
        if (!now) {
            last->primed = false;
            return std::nullopt;
        }
        const Last before = *last;
        *last = {t, *now, true};
        if (!before.primed || *now < before.joules) return std::nullopt;
        const double elapsed = std::chrono::duration<double>(t - before.time).count();
        if (elapsed <= 0) return std::nullopt;
        return (*now - before.joules) * std::min(1.0, std::max(0.0, stepSeconds) / elapsed);
    };
}

RequestCostMeter::Share RequestCostMeter::take(uint64_t request) {
    std::lock_guard lock(m_mutex);
    auto it = m_shares.find(request);
    if (it == m_shares.end()) return {};
    Share s = it->second;
    m_shares.erase(it);
    return s;
}

}  // namespace fyr::app
