// The site's own rows of the price catalog (catalog/<table>.json beside the
// database, see catalog.h): read them, add or replace one by id, remove one —
// for sites with their own contracts. Each change is checked by Catalog's own
// rules before the file is replaced in one step (QSaveFile), so a bad row is
// refused with the field and what was expected and the file is never left
// half-written or broken; each needs settings.manage and is audited as
// "catalog.change", target "<table>/<id>", details "<old> -> <new>" (each the
// row as compact JSON, or null).
//
//   fyr::app::CatalogOverrides site(store.path());
//   QJsonObject row = fyr::app::CatalogOverrides::rowFromText(
//       fyr::app::CatalogTable::ApiPrices, {{"id", "acme/large"}, {"input_per_million", "2.5"}, ...});
//   QString e = site.set(who, audit, fyr::app::CatalogTable::ApiPrices, row);
//   // "" once written, or "api_prices.json: rows["acme/large"].currency: expected a three-letter ..."
//   site.remove(who, audit, fyr::app::CatalogTable::ApiPrices, QStringLiteral("acme/large"));
//
// Thread-safety: any thread; changes from several programs are serialised by a
// lock file beside the catalog file.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace fyr::app {

class AuditLog;
struct Principal;

enum class CatalogTable { Gpus, CloudInstances, ApiPrices };

class CatalogOverrides final {
public:
    // Where a row of the catalog in force comes from.
    enum class Origin {
        BuiltIn,   // only in the program
        Site,      // only in the site's file
        Replaces,  // the site's row replaces a built-in one of the same id
    };
    struct Row {
        QJsonObject row;
        Origin origin = Origin::BuiltIn;
    };

    // The installation whose database is at `databasePath` (its site files are
    // in Catalog::siteDir(databasePath)).
    explicit CatalogOverrides(const QString& databasePath);

    static const QList<CatalogTable>& tables();
    // "gpus", "cloud_instances", "api_prices": what audit targets and fyrctl use.
    static QString tableName(CatalogTable table);
    static std::optional<CatalogTable> tableFromName(const QString& name);
    // "gpus.json", ...
    static QString fileName(CatalogTable table);

    // A row from text values by field name (what a form or a command line gives):
    // a number field's text that reads as a number becomes a number, an empty
    // text leaves the field out; the rest is kept as text for the checks to judge.
    static QJsonObject rowFromText(CatalogTable table, const QMap<QString, QString>& values);

    // The built-in rows, in file order.
    static QList<QJsonObject> builtinRows(CatalogTable table, QString* error = nullptr);
    // The site's rows as its file holds them (none without a file); *error when
    // the file cannot be read or is not a catalog file's JSON. Rows the checks
    // refuse are listed too, so that they can be replaced or removed.
    QList<QJsonObject> siteRows(CatalogTable table, QString* error = nullptr) const;
    // The catalog in force: the built-in rows with the site's replacing them by
    // id, then the site's new ones; each with where it comes from.
    QList<Row> merged(CatalogTable table, QString* error = nullptr) const;
    // The Catalog checks of the site's file as it is now (empty: fine or none).
    QStringList problems(CatalogTable table) const;

    // Adds `row` to the site's file, or replaces the site's row of the same id.
    // "" once written and audited, else why not: the permission, the first row
    // error (file, row, field, what was expected), the file.
    QString set(const Principal& who, AuditLog& audit, CatalogTable table, const QJsonObject& row);
    // Removes the site's row `id` (a built-in row it replaced is in force again).
    // Built-in rows cannot be removed, only replaced.
    QString remove(const Principal& who, AuditLog& audit, CatalogTable table, const QString& id);

    QString filePath(CatalogTable table) const;

private:
    QString change(const Principal& who, AuditLog& audit, CatalogTable table, const QString& id,
                   const std::optional<QJsonObject>& row);

    QString m_siteDir;
};

}  // namespace fyr::app
