#include "services/site_pricing.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <sqlite3.h>

#include <cmath>

#include "store/clock.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

namespace {

const char* const kNumbers[] = {"hardware_price", "life_months", "nominal_watts", "price_per_kwh", "pue"};

double* field(LocalPricing& p, int i) {
    double* fields[] = {&p.hardwarePrice, &p.lifeMonths, &p.nominalWatts, &p.pricePerKwh, &p.pue};
    return fields[i];
}

}  // namespace

QJsonObject SitePricing::toJson(const LocalPricing& pricing) {
    LocalPricing p = pricing;
    QJsonObject o;
    for (int i = 0; i < 5; ++i) o.insert(QLatin1String(kNumbers[i]), *field(p, i));
    o.insert(QStringLiteral("currency"), p.currency);
    return o;
}

std::optional<LocalPricing> SitePricing::fromJson(const QJsonObject& o, QString* error) {
    LocalPricing p;
    p.currency.clear();  // never assumed
    for (int i = 0; i < 5; ++i) {
        const QJsonValue v = o.value(QLatin1String(kNumbers[i]));
        if (v.isUndefined()) continue;
        if (!v.isDouble() || !std::isfinite(v.toDouble()) || v.toDouble() < 0) {
            if (error)
                *error = QCoreApplication::translate("fyr::app::CostModel", "%1: expected a number of 0 or more")
                             .arg(QLatin1String(kNumbers[i]));
            return std::nullopt;
        }
        *field(p, i) = v.toDouble();
    }
    if (o.contains(QStringLiteral("currency"))) p.currency = o.value(QStringLiteral("currency")).toString();
    return p;
}

LocalPricing SitePricing::read(Store& store, QString* error) {
    QString why;
    auto reader = store.reader(&why);
    if (!reader) {
        if (error) *error = why;
        LocalPricing none;
        none.currency.clear();
        return none;
    }
    Statement st(reader->db(), "SELECT value FROM settings WHERE key = ?1");
    st.bind(1, QLatin1String(kSettingsKey));
    LocalPricing none;
    none.currency.clear();
    if (!st.next()) {
        if (error) *error = st.error();
        return none;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(st.text(0).toUtf8(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = QCoreApplication::translate("fyr::app::CostModel", "the stored on-prem pricing is not a JSON object");
        return none;
    }
    return fromJson(doc.object(), error).value_or(none);
}

QString SitePricing::write(Store& store, const LocalPricing& pricing) {
    const QString value = QString::fromUtf8(QJsonDocument(toJson(pricing)).toJson(QJsonDocument::Compact));
    return store
        .write([&](sqlite3* db) -> QString {
            Statement st(db, "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, ?3) "
                             "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms");
            st.bind(1, QLatin1String(kSettingsKey)).bind(2, value).bind(3, fyr::app::nowMs());
            return st.run() ? QString() : st.error();
        })
        .get();
}

}  // namespace fyr::app
