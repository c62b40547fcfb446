// What the requests in a time range cost, grouped by model, user, UTC day or
// endpoint, from the cost stored with each request (RequestGate::finish): the
// totals and their hardware and energy parts, GPU-seconds, joules and tokens;
// the peak and mean KV-cache memory the requests held (requests.kv_peak_bytes);
// what the same tokens would have cost on hosted APIs from the catalog; and a
// monthly projection, which is the range's daily average × 30 and nothing more.
// Requests whose cost is unknown (pricing not configured, or recorded before
// costs were kept) are counted as such, never as zero.
//
//   QString error;
//   auto r = fyr::app::CostReport::build(store, sinceMs, untilMs, fyr::app::CostReport::By::Model,
//                                        {*catalog.apiPrice("openai/gpt-4o")}, &error);
//   for (const auto& row : r->rows) show(row.key, row.cost, row.currency, row.compared.value(0));
//
// Thread-safety: build() reads through its own connection; call it from any thread.
#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>

#include "services/catalog.h"

namespace fyr::app {

class Store;

class CostReport final {
public:
    enum class By { Model, User, Day, Endpoint };

    struct Totals {
        QString key;                 // model, user name, YYYY-MM-DD (UTC) or endpoint; "" for the total
        int64_t requests = 0;
        int64_t priced = 0;          // with a cost
        int64_t unpriced = 0;        // cost unknown: pricing not configured (or kept before costs were)
        int64_t promptTokens = 0, genTokens = 0;
        double gpuSeconds = 0, joules = 0;
        // KV-cache memory (what VRAM is on a GPU backend), of the requests that have
        // it recorded: those the engine did not run, or kept before it was, are left
        // out rather than counted as holding none.
        int64_t kvMeasured = 0;    // requests with their KV memory recorded
        int64_t kvPeakBytes = 0;   // the most any one of them held
        double kvBytesTotal = 0;   // their peaks summed (for the mean)
        std::optional<double> kvMeanBytes() const {
            return kvMeasured > 0 ? std::optional<double>(kvBytesTotal / static_cast<double>(kvMeasured)) : std::nullopt;
        }
        double cost = 0, hardware = 0, energy = 0;  // of the priced requests, in `currency`
        QString currency;            // "" when nothing was priced
        bool mixedCurrencies = false;  // priced in more than one currency: the sums mean nothing
        QList<double> compared;      // one per compared API price, in its currency
    };

    int64_t sinceMs = 0, untilMs = 0;  // [since, until)
    By by = By::Model;
    QList<Totals> rows;                // ordered by key
    Totals total;
    QList<ApiPrice> compare;
    double days = 0;                   // length of the range in days
    // total.cost / days × 30, when anything was priced in one currency.
    std::optional<double> monthlyProjection;
    QList<double> comparedMonthly;     // the same for each compared price

    static std::optional<CostReport> build(Store& store, int64_t sinceMs, int64_t untilMs, By by,
                                           const QList<ApiPrice>& compare, QString* error);
    static QString byName(By by);                        // "model", "user", "day", "endpoint"
    static std::optional<By> byFromName(const QString& name);
};

}  // namespace fyr::app
