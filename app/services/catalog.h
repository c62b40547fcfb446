// The hardware and price catalog: GPUs, cloud GPU instances and hosted-API token
// prices, as data in resources/catalog/ (built into the program under :/catalog),
// every row with its source and the date its figures were taken. A site with its
// own contracts puts files of the same names in catalog/ beside the database;
// their rows replace the built-in ones by id (and add new ids).
//
//   QStringList errors;
//   auto catalog = fyr::app::Catalog::loadInstalled(store.path(), &errors);
//   if (!catalog) report(errors);                  // "api_prices.json: rows[2].taken: expected …"
//   if (const fyr::app::ApiPrice* p = catalog->apiPrice("openai/gpt-4o"))
//       fyr::app::Cost c = fyr::app::remoteCost(p->pricing(), inputTokens, outputTokens);
//
// Every row is checked before use: field types, positive numbers, an http(s)
// source, an ISO 8601 date (YYYY-MM-DD, or YYYY-MM where a source gives only the
// month), a three-letter currency, no unknown fields (a misspelt "sorce" is an
// error, not a row without a source), ids unique within a file.
//
// Thread-safety: a loaded Catalog is immutable; share it freely.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "services/cost_model.h"

namespace fyr::app {

struct CatalogSource {
    QString url;    // where the figures come from
    QString via;    // the page they were read on, when not the source itself
    QString taken;  // ISO 8601 date
    QString note;
};

struct GpuSpec {
    QString id, vendor, name;
    double memoryGb = 0;           // as the vendor states it
    double memoryBandwidthGbS = 0;
    double fp16Tflops = 0;         // dense tensor
    double int8Tops = 0;           // dense tensor
    double tdpW = 0;
    std::optional<double> price;   // typical price, only where a source gives one
    QString currency;              // of the price
    CatalogSource source;
};

struct CloudInstance {
    QString id, provider, instance, gpu, region;
    int gpuCount = 0;
    double hourlyPrice = 0;
    QString currency;
    QString pricing;  // "on-demand", "capacity-block", "spot", "reserved"
    CatalogSource source;
};

struct ApiPrice {
    QString id;  // "provider/model", what --compare takes
    QString provider, model;
    double inputPerMillion = 0, outputPerMillion = 0;
    QString currency;
    CatalogSource source;
    RemotePricing pricing() const { return {inputPerMillion, outputPerMillion, currency}; }
};

// A field of a catalog file, as the checks see it (a form is built from these).
struct CatalogField {
    QString name;      // as in the file: "input_per_million"
    QString expected;  // translated: "a number above 0"
    bool required = false;
    bool number = false;
};

class Catalog final {
public:
    static constexpr const char* kGpusFile = "gpus.json";
    static constexpr const char* kCloudInstancesFile = "cloud_instances.json";
    static constexpr const char* kApiPricesFile = "api_prices.json";

    // The built-in files in `builtinDir`, with rows replaced or added from files of
    // the same names in `siteDir` (skipped when empty or missing). nullopt with
    // *errors when any file is unreadable or any row is broken.
    static std::optional<Catalog> load(const QString& builtinDir, const QString& siteDir, QStringList* errors);
    // :/catalog and the site's catalog beside `databasePath`.
    static std::optional<Catalog> loadInstalled(const QString& databasePath, QStringList* errors);
    // <folder of the database>/catalog
    static QString siteDir(const QString& databasePath);
    // Checks one catalog file's text (its kind is told by `fileName`'s base name);
    // each error starts with `fileName` and names the row and field.
    static QStringList check(const QString& fileName, const QByteArray& text);
    // Checks one row of the file `fileName` names, by the same rules; each error
    // names the row by its id ("api_prices.json: rows[\"acme/m\"].currency: ...").
    static QStringList checkRow(const QString& fileName, const QJsonObject& row);
    // The fields of the file `fileName` names, in the order rows list them.
    static QList<CatalogField> fields(const QString& fileName);

    const QList<GpuSpec>& gpus() const { return m_gpus; }
    const QList<CloudInstance>& cloudInstances() const { return m_instances; }
    const QList<ApiPrice>& apiPrices() const { return m_apiPrices; }
    const ApiPrice* apiPrice(const QString& id) const;
    const GpuSpec* gpu(const QString& id) const;

private:
    QList<GpuSpec> m_gpus;
    QList<CloudInstance> m_instances;
    QList<ApiPrice> m_apiPrices;
};

}  // namespace fyr::app
