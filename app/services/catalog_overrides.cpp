#include "services/catalog_overrides.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QLockFile>
#include <QSaveFile>

#include "services/catalog.h"
#include "store/audit_log.h"
#include "store/identity.h"
#include "store/permissions.h"

namespace fyr::app {

namespace {

QString idOf(const QJsonObject& row) {
    return row.value(QStringLiteral("id")).toString();
}

QString compact(const std::optional<QJsonObject>& row) {
    return row ? QString::fromUtf8(QJsonDocument(*row).toJson(QJsonDocument::Compact)) : QStringLiteral("null");
}

// A catalog file's top object; nullopt with *error when it cannot be read or is
// not a JSON object with a list of rows. A missing file reads as `fallback`.
std::optional<QJsonObject> readTop(const QString& path, const QJsonObject& fallback, QString* error) {
    QFile f(path);
    if (!f.exists()) return fallback;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("fyr::app::CatalogOverrides", "%1: cannot be read: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QCoreApplication::translate("fyr::app::CatalogOverrides", "%1: not valid JSON at byte %2: %3").arg(path).arg(parseError.offset).arg(parseError.errorString());
        return std::nullopt;
    }
    if (!doc.isObject() || !doc.object().value(QStringLiteral("rows")).isArray()) {
        *error = QCoreApplication::translate("fyr::app::CatalogOverrides", "%1: expected a JSON object with a list of rows").arg(path);
        return std::nullopt;
    }
    return doc.object();
}

QList<QJsonObject> rowsOf(const QJsonObject& top) {
    QList<QJsonObject> rows;
    for (const QJsonValue& v : top.value(QStringLiteral("rows")).toArray()) rows << v.toObject();
    return rows;
}

// What a new site file starts as: the built-in file's format and version, no rows.
QJsonObject emptyFile(CatalogTable table) {
    QString ignored;
    const auto builtin = readTop(QStringLiteral(":/catalog/") + CatalogOverrides::fileName(table), {}, &ignored);
    QJsonObject top;
    if (builtin) {
        top.insert(QStringLiteral("format"), builtin->value(QStringLiteral("format")));
        top.insert(QStringLiteral("version"), builtin->value(QStringLiteral("version")));
    }
    top.insert(QStringLiteral("rows"), QJsonArray());
    return top;
}

}  // namespace

CatalogOverrides::CatalogOverrides(const QString& databasePath) : m_siteDir(Catalog::siteDir(databasePath)) {}

const QList<CatalogTable>& CatalogOverrides::tables() {
    static const QList<CatalogTable> all{CatalogTable::Gpus, CatalogTable::CloudInstances, CatalogTable::ApiPrices};
    return all;
}

QString CatalogOverrides::tableName(CatalogTable table) {
    switch (table) {
    case CatalogTable::Gpus: return QStringLiteral("gpus");
    case CatalogTable::CloudInstances: return QStringLiteral("cloud_instances");
    case CatalogTable::ApiPrices: return QStringLiteral("api_prices");
    }
    return {};
}

std::optional<CatalogTable> CatalogOverrides::tableFromName(const QString& name) {
    for (CatalogTable t : tables())
        if (tableName(t) == name || fileName(t) == name) return t;
    return std::nullopt;
}

QString CatalogOverrides::fileName(CatalogTable table) {
    switch (table) {
    case CatalogTable::Gpus: return QLatin1String(Catalog::kGpusFile);
    case CatalogTable::CloudInstances: return QLatin1String(Catalog::kCloudInstancesFile);
    case CatalogTable::ApiPrices: return QLatin1String(Catalog::kApiPricesFile);
    }
    return {};
}

QString CatalogOverrides::filePath(CatalogTable table) const {
    return QDir(m_siteDir).filePath(fileName(table));
}

QJsonObject CatalogOverrides::rowFromText(CatalogTable table, const QMap<QString, QString>& values) {
    const QList<CatalogField> fields = Catalog::fields(fileName(table));
    QJsonObject row;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString text = it.value().trimmed();
        if (text.isEmpty()) continue;
        bool number = false;
        for (const CatalogField& f : fields) number = number || (f.name == it.key() && f.number);
        if (number) {
            bool ok = false;
            double v = QLocale::c().toDouble(text, &ok);
            if (!ok) v = QLocale().toDouble(text, &ok);
            if (ok) {
                row.insert(it.key(), v);
                continue;
            }
        }
        row.insert(it.key(), text);
    }
    return row;
}

QList<QJsonObject> CatalogOverrides::builtinRows(CatalogTable table, QString* error) {
    QString e;
    const auto top = readTop(QStringLiteral(":/catalog/") + fileName(table), {}, &e);
    if (error) *error = e;
    return top ? rowsOf(*top) : QList<QJsonObject>();
}

QList<QJsonObject> CatalogOverrides::siteRows(CatalogTable table, QString* error) const {
    QString e;
    const auto top = readTop(filePath(table), emptyFile(table), &e);
    if (error) *error = e;
    return top ? rowsOf(*top) : QList<QJsonObject>();
}

QList<CatalogOverrides::Row> CatalogOverrides::merged(CatalogTable table, QString* error) const {
    QString builtinError, siteError;
    QList<Row> out;
    for (const QJsonObject& r : builtinRows(table, &builtinError)) out << Row{r, Origin::BuiltIn};
    for (const QJsonObject& r : siteRows(table, &siteError)) {
        bool replaced = false;
        for (Row& existing : out)
            if (existing.origin == Origin::BuiltIn && idOf(existing.row) == idOf(r)) {
                existing = Row{r, Origin::Replaces};
                replaced = true;
            }
        if (!replaced) out << Row{r, Origin::Site};
    }
    if (error) *error = !builtinError.isEmpty() ? builtinError : siteError;
    return out;
}

QStringList CatalogOverrides::problems(CatalogTable table) const {
    QFile f(filePath(table));
    if (!f.exists()) return {};
    if (!f.open(QIODevice::ReadOnly))
        return {QCoreApplication::translate("fyr::app::CatalogOverrides", "%1: cannot be read: %2").arg(f.fileName(), f.errorString())};
    return Catalog::check(fileName(table), f.readAll());
}

QString CatalogOverrides::set(const Principal& who, AuditLog& audit, CatalogTable table, const QJsonObject& row) {
    if (!allowed(who.permissions, Permission::SettingsManage))
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 may not change the price catalog: permission %2 is missing")
            .arg(who.user, permissionName(Permission::SettingsManage));
    const QStringList errors = Catalog::checkRow(fileName(table), row);
    if (!errors.isEmpty()) return errors.join(QLatin1Char('\n'));
    return change(who, audit, table, idOf(row), row);
}

QString CatalogOverrides::remove(const Principal& who, AuditLog& audit, CatalogTable table, const QString& id) {
    if (!allowed(who.permissions, Permission::SettingsManage))
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 may not change the price catalog: permission %2 is missing")
            .arg(who.user, permissionName(Permission::SettingsManage));
    return change(who, audit, table, id, std::nullopt);
}

QString CatalogOverrides::change(const Principal& who, AuditLog& audit, CatalogTable table, const QString& id,
                                 const std::optional<QJsonObject>& row) {
    const QString target = tableName(table) + QLatin1Char('/') + id;
    if (!QDir().mkpath(m_siteDir))
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was not changed: the folder %2 cannot be created").arg(target, m_siteDir);
    // Another program (fyrctl, a second console) may change the same file: one at a time.
    QLockFile lock(QDir(m_siteDir).filePath(QLatin1Char('.') + fileName(table) + QStringLiteral(".lock")));
    if (!lock.tryLock(5000))
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was not changed: %2 is being changed by another program").arg(target, filePath(table));

    QString error;
    const std::optional<QJsonObject> top = readTop(filePath(table), emptyFile(table), &error);
    if (!top)
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was not changed: the site's file is not a catalog file (%2); correct it or move it away")
            .arg(target, error);
    QList<QJsonObject> rows = rowsOf(*top);
    std::optional<QJsonObject> before;
    qsizetype at = -1;
    for (qsizetype i = 0; i < rows.size(); ++i)
        if (idOf(rows.at(i)) == id) {
            before = rows.at(i);
            at = i;
            break;
        }
    if (!row && !before) {
        for (const QJsonObject& b : builtinRows(table))
            if (idOf(b) == id)
                return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 is a built-in row: it cannot be removed, only replaced by a site row of the same id")
                    .arg(target);
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1: the site's catalog has no row with this id").arg(target);
    }
    if (before == row) return {};  // nothing to change, nothing to audit
    if (!row) rows.removeAt(at);
    else if (at >= 0) rows[at] = *row;
    else rows << *row;

    QJsonObject next = *top;
    QJsonArray array;
    for (const QJsonObject& r : rows) array.append(r);
    next.insert(QStringLiteral("rows"), array);
    const QByteArray text = QJsonDocument(next).toJson(QJsonDocument::Indented);
    // The rules of Catalog, on the whole file as it would be. A file broken by
    // hand may be mended one row at a time, but no change may leave it worse.
    const QStringList now = problems(table);
    const QStringList after = Catalog::check(fileName(table), text);
    if (!after.isEmpty() && (now.isEmpty() || after.size() >= now.size()))
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was not changed: the site's file would be broken:\n%2").arg(target, after.join(QLatin1Char('\n')));

    QSaveFile f(filePath(table));
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
        return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was not changed: %2 cannot be written: %3").arg(target, filePath(table), f.errorString());
    const QString audited =
        audit.append(who.user, QStringLiteral("catalog.change"), target, compact(before) + QStringLiteral(" -> ") + compact(row));
    if (!audited.isEmpty()) return QCoreApplication::translate("fyr::app::CatalogOverrides", "%1 was changed but the audit entry failed: %2").arg(target, audited);
    return {};
}

}  // namespace fyr::app
