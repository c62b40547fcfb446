// The site's own on-prem pricing (what the hardware cost, over how many months,
// its nominal watts, the price per kWh, the PUE, the currency), kept in the
// store's settings table under "cost.local_pricing" so every program on the
// installation prices requests the same way. Nothing is assumed: without a row
// the pricing is empty and every cost it gives is "not configured".
//
//   fyr::app::LocalPricing p = fyr::app::SitePricing::read(store);
//   if (!p.problem().isEmpty()) ...                       // not configured: say so
//   QString e = fyr::app::SitePricing::write(store, p);   // "" once stored
//
// Thread-safety: as Store (any thread).
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

#include "services/cost_model.h"

namespace fyr::app {

class Store;

class SitePricing final {
public:
    static constexpr const char* kSettingsKey = "cost.local_pricing";

    // The stored pricing, or an empty one (not configured) when none is stored;
    // a stored value that cannot be read is reported in *error and treated as empty.
    static LocalPricing read(Store& store, QString* error = nullptr);
    // Stores `pricing` as it is (a partial pricing stays "not configured").
    static QString write(Store& store, const LocalPricing& pricing);

    static QJsonObject toJson(const LocalPricing& pricing);
    static std::optional<LocalPricing> fromJson(const QJsonObject& o, QString* error);
};

}  // namespace fyr::app
