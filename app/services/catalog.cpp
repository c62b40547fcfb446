#include "services/catalog.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <cmath>
#include <vector>

namespace fyr::app {

namespace {

enum class Kind { Text, Url, Date, Positive, Count, Currency, Pricing };

struct Field {
    const char* name;
    Kind kind;
    bool required;
};

struct FileSpec {
    const char* file;
    const char* format;
    std::vector<Field> fields;
};

const std::vector<Field> kSourceFields{{"source", Kind::Url, true},
                                       {"via", Kind::Url, false},
                                       {"taken", Kind::Date, true},
                                       {"note", Kind::Text, false}};

std::vector<Field> withSource(std::vector<Field> fields) {
    fields.insert(fields.end(), kSourceFields.begin(), kSourceFields.end());
    return fields;
}

const std::vector<FileSpec>& specs() {
    static const std::vector<FileSpec> all{
        {Catalog::kGpusFile, "fyr-catalog-gpus",
         withSource({{"id", Kind::Text, true},
                     {"vendor", Kind::Text, true},
                     {"name", Kind::Text, true},
                     {"memory_gb", Kind::Positive, true},
                     {"memory_bandwidth_gb_s", Kind::Positive, true},
                     {"fp16_tflops", Kind::Positive, true},
                     {"int8_tops", Kind::Positive, true},
                     {"tdp_w", Kind::Positive, true},
                     {"price", Kind::Positive, false},
                     {"currency", Kind::Currency, false}})},
        {Catalog::kCloudInstancesFile, "fyr-catalog-cloud-instances",
         withSource({{"id", Kind::Text, true},
                     {"provider", Kind::Text, true},
                     {"instance", Kind::Text, true},
                     {"gpu_count", Kind::Count, true},
                     {"gpu", Kind::Text, true},
                     {"hourly_price", Kind::Positive, true},
                     {"currency", Kind::Currency, true},
                     {"pricing", Kind::Pricing, true},
                     {"region", Kind::Text, true}})},
        {Catalog::kApiPricesFile, "fyr-catalog-api-prices",
         withSource({{"id", Kind::Text, true},
                     {"provider", Kind::Text, true},
                     {"model", Kind::Text, true},
                     {"input_per_million", Kind::Positive, true},
                     {"output_per_million", Kind::Positive, true},
                     {"currency", Kind::Currency, true}})},
    };
    return all;
}

const FileSpec* specFor(const QString& fileName) {
    const QString base = QFileInfo(fileName).fileName();
    for (const FileSpec& s : specs())
        if (base == QLatin1String(s.file)) return &s;
    return nullptr;
}

QString expected(Kind kind) {
    switch (kind) {
    case Kind::Text: return QCoreApplication::translate("fyr::app::Catalog", "a non-empty string");
    case Kind::Url: return QCoreApplication::translate("fyr::app::Catalog", "an http or https address");
    case Kind::Date: return QCoreApplication::translate("fyr::app::Catalog", "an ISO 8601 date (YYYY-MM-DD, or YYYY-MM)");
    case Kind::Positive: return QCoreApplication::translate("fyr::app::Catalog", "a number above 0");
    case Kind::Count: return QCoreApplication::translate("fyr::app::Catalog", "a whole number from 1 up");
    case Kind::Currency: return QCoreApplication::translate("fyr::app::Catalog", "a three-letter ISO 4217 currency code such as USD");
    case Kind::Pricing: return QCoreApplication::translate("fyr::app::Catalog", "one of on-demand, capacity-block, spot, reserved");
    }
    return {};
}

QString shown(const QJsonValue& v) {
    QString s;
    if (v.isString()) s = QLatin1Char('"') + v.toString() + QLatin1Char('"');
    else if (v.isDouble()) s = QString::number(v.toDouble());
    else if (v.isBool()) s = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    else if (v.isNull()) s = QStringLiteral("null");
    else if (v.isArray()) s = QCoreApplication::translate("fyr::app::Catalog", "a list");
    else s = QCoreApplication::translate("fyr::app::Catalog", "an object");
    if (s.size() > 60) s = s.left(57) + QStringLiteral("...");
    return s;
}

bool validDate(const QString& s) {
    static const QRegularExpression re(QStringLiteral("^(\\d{4})-(\\d{2})(?:-(\\d{2}))?$"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch()) return false;
    const int day = m.captured(3).isEmpty() ? 1 : m.captured(3).toInt();
    return QDate(m.captured(1).toInt(), m.captured(2).toInt(), day).isValid();
}

bool valid(Kind kind, const QJsonValue& v) {
    switch (kind) {
    case Kind::Text: return v.isString() && !v.toString().trimmed().isEmpty();
    case Kind::Url: {
        if (!v.isString()) return false;
        const QUrl url(v.toString(), QUrl::StrictMode);
        return url.isValid() && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http")) &&
               !url.host().isEmpty();
    }
    case Kind::Date: return v.isString() && validDate(v.toString());
    case Kind::Positive: return v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() > 0;
    case Kind::Count: return v.isDouble() && v.toDouble() >= 1 && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() < 1e6;
    case Kind::Currency: {
        static const QRegularExpression re(QStringLiteral("^[A-Z]{3}$"));
        return v.isString() && re.match(v.toString()).hasMatch();
    }
    case Kind::Pricing: {
        static const QStringList ways{QStringLiteral("on-demand"), QStringLiteral("capacity-block"), QStringLiteral("spot"),
                                      QStringLiteral("reserved")};
        return v.isString() && ways.contains(v.toString());
    }
    }
    return false;
}

// One row's fields; errors start with `where` ("api_prices.json: rows[2]") and
// name the field and what was expected.
void checkFields(const FileSpec& spec, const QJsonObject& row, const QString& where, QStringList* errors) {
    for (const Field& f : spec.fields) {
        const QString name = QLatin1String(f.name);
        if (!row.contains(name)) {
            if (f.required) *errors << QCoreApplication::translate("fyr::app::Catalog", "%1.%2: missing (expected %3)").arg(where, name, expected(f.kind));
            continue;
        }
        if (!valid(f.kind, row.value(name)))
            *errors << QCoreApplication::translate("fyr::app::Catalog", "%1.%2: expected %3, got %4").arg(where, name, expected(f.kind), shown(row.value(name)));
    }
    for (auto it = row.begin(); it != row.end(); ++it) {
        bool known = false;
        for (const Field& f : spec.fields) known = known || it.key() == QLatin1String(f.name);
        if (!known) *errors << QCoreApplication::translate("fyr::app::Catalog", "%1.%2: not a field of this file").arg(where, it.key());
    }
    if (row.contains(QStringLiteral("price")) && !row.contains(QStringLiteral("currency")))
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1.currency: missing (a price needs its currency)").arg(where);
}

// The rows of one file, each checked; errors name the file, the row and the field.
QList<QJsonObject> readRows(const QString& fileName, const QByteArray& text, QStringList* errors) {
    QList<QJsonObject> rows;
    const FileSpec* spec = specFor(fileName);
    if (!spec) {
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: not a catalog file (expected %2, %3 or %4)")
                       .arg(fileName, QLatin1String(Catalog::kGpusFile), QLatin1String(Catalog::kCloudInstancesFile),
                            QLatin1String(Catalog::kApiPricesFile));
        return rows;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: not valid JSON at byte %2: %3").arg(fileName).arg(parseError.offset).arg(parseError.errorString());
        return rows;
    }
    if (!doc.isObject()) {
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: expected a JSON object at the top").arg(fileName);
        return rows;
    }
    const QJsonObject top = doc.object();
    if (top.value(QStringLiteral("format")).toString() != QLatin1String(spec->format))
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: format: expected \"%2\", got %3").arg(fileName, QLatin1String(spec->format), shown(top.value(QStringLiteral("format"))));
    if (top.value(QStringLiteral("version")).toDouble() != 1)
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: version: expected 1, got %2").arg(fileName, shown(top.value(QStringLiteral("version"))));
    if (!top.value(QStringLiteral("rows")).isArray()) {
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: rows: expected a list of rows").arg(fileName);
        return rows;
    }
    const QJsonArray array = top.value(QStringLiteral("rows")).toArray();
    QStringList ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString where = QStringLiteral("%1: rows[%2]").arg(fileName).arg(i);
        if (!array.at(i).isObject()) {
            *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: expected an object, got %2").arg(where, shown(array.at(i)));
            continue;
        }
        const QJsonObject row = array.at(i).toObject();
        const qsizetype before = errors->size();
        checkFields(*spec, row, where, errors);
        const QString id = row.value(QStringLiteral("id")).toString();
        if (!id.isEmpty() && ids.contains(id)) *errors << QCoreApplication::translate("fyr::app::Catalog", "%1.id: \"%2\" appears twice").arg(where, id);
        ids << id;
        if (errors->size() == before) rows << row;
    }
    return rows;
}

bool readFile(const QString& path, QByteArray* out, QStringList* errors) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *errors << QCoreApplication::translate("fyr::app::Catalog", "%1: cannot be read: %2").arg(path, f.errorString());
        return false;
    }
    *out = f.readAll();
    return true;
}

CatalogSource sourceOf(const QJsonObject& row) {
    return {row.value(QStringLiteral("source")).toString(), row.value(QStringLiteral("via")).toString(),
            row.value(QStringLiteral("taken")).toString(), row.value(QStringLiteral("note")).toString()};
}

}  // namespace

QStringList Catalog::check(const QString& fileName, const QByteArray& text) {
    QStringList errors;
    readRows(fileName, text, &errors);
    return errors;
}

QStringList Catalog::checkRow(const QString& fileName, const QJsonObject& row) {
    const FileSpec* spec = specFor(fileName);
    if (!spec) return check(fileName, {});
    const QString id = row.value(QStringLiteral("id")).toString();
    const QString where = id.isEmpty() ? QStringLiteral("%1: new row").arg(fileName)
                                       : QStringLiteral("%1: rows[\"%2\"]").arg(fileName, id.left(80));
    QStringList errors;
    checkFields(*spec, row, where, &errors);
    return errors;
}

QList<CatalogField> Catalog::fields(const QString& fileName) {
    QList<CatalogField> out;
    if (const FileSpec* spec = specFor(fileName))
        for (const Field& f : spec->fields)
            out << CatalogField{QLatin1String(f.name), expected(f.kind), f.required,
                                f.kind == Kind::Positive || f.kind == Kind::Count};
    return out;
}

QString Catalog::siteDir(const QString& databasePath) {
    return QFileInfo(databasePath).absoluteDir().filePath(QStringLiteral("catalog"));
}

std::optional<Catalog> Catalog::loadInstalled(const QString& databasePath, QStringList* errors) {
    return load(QStringLiteral(":/catalog"), siteDir(databasePath), errors);
}

std::optional<Catalog> Catalog::load(const QString& builtinDir, const QString& siteDir, QStringList* errors) {
    QStringList problems;
    std::vector<QList<QJsonObject>> files;
    for (const FileSpec& spec : specs()) {
        const QString builtinPath = QDir(builtinDir).filePath(QLatin1String(spec.file));
        QByteArray text;
        QList<QJsonObject> rows;
        if (readFile(builtinPath, &text, &problems)) rows = readRows(builtinPath, text, &problems);
        const QString sitePath = siteDir.isEmpty() ? QString() : QDir(siteDir).filePath(QLatin1String(spec.file));
        if (!sitePath.isEmpty() && QFileInfo::exists(sitePath) && readFile(sitePath, &text, &problems)) {
            for (const QJsonObject& row : readRows(sitePath, text, &problems)) {
                const QString id = row.value(QStringLiteral("id")).toString();
                bool replaced = false;
                for (QJsonObject& existing : rows) {
                    if (existing.value(QStringLiteral("id")).toString() == id) {
                        existing = row;
                        replaced = true;
                    }
                }
                if (!replaced) rows << row;
            }
        }
        files.push_back(rows);
    }
    if (!problems.isEmpty()) {
        if (errors) *errors = problems;
        return std::nullopt;
    }
    Catalog c;
    for (const QJsonObject& r : files[0]) {
        GpuSpec g;
        g.id = r.value(QStringLiteral("id")).toString();
        g.vendor = r.value(QStringLiteral("vendor")).toString();
        g.name = r.value(QStringLiteral("name")).toString();
        g.memoryGb = r.value(QStringLiteral("memory_gb")).toDouble();
        g.memoryBandwidthGbS = r.value(QStringLiteral("memory_bandwidth_gb_s")).toDouble();
        g.fp16Tflops = r.value(QStringLiteral("fp16_tflops")).toDouble();
        g.int8Tops = r.value(QStringLiteral("int8_tops")).toDouble();
        g.tdpW = r.value(QStringLiteral("tdp_w")).toDouble();
        if (r.contains(QStringLiteral("price"))) g.price = r.value(QStringLiteral("price")).toDouble();
        g.currency = r.value(QStringLiteral("currency")).toString();
        g.source = sourceOf(r);
        c.m_gpus << g;
    }
    for (const QJsonObject& r : files[1]) {
        CloudInstance i;
        i.id = r.value(QStringLiteral("id")).toString();
        i.provider = r.value(QStringLiteral("provider")).toString();
        i.instance = r.value(QStringLiteral("instance")).toString();
        i.gpu = r.value(QStringLiteral("gpu")).toString();
        i.region = r.value(QStringLiteral("region")).toString();
        i.gpuCount = r.value(QStringLiteral("gpu_count")).toInt();
        i.hourlyPrice = r.value(QStringLiteral("hourly_price")).toDouble();
        i.currency = r.value(QStringLiteral("currency")).toString();
        i.pricing = r.value(QStringLiteral("pricing")).toString();
        i.source = sourceOf(r);
        c.m_instances << i;
    }
    for (const QJsonObject& r : files[2]) {
        ApiPrice p;
        p.id = r.value(QStringLiteral("id")).toString();
        p.provider = r.value(QStringLiteral("provider")).toString();
        p.model = r.value(QStringLiteral("model")).toString();
        p.inputPerMillion = r.value(QStringLiteral("input_per_million")).toDouble();
        p.outputPerMillion = r.value(QStringLiteral("output_per_million")).toDouble();
        p.currency = r.value(QStringLiteral("currency")).toString();
        p.source = sourceOf(r);
        c.m_apiPrices << p;
    }
    return c;
}

const ApiPrice* Catalog::apiPrice(const QString& id) const {
    for (const ApiPrice& p : m_apiPrices)
        if (p.id == id) return &p;
    return nullptr;
}

const GpuSpec* Catalog::gpu(const QString& id) const {
    for (const GpuSpec& g : m_gpus)
        if (g.id == id) return &g;
    return nullptr;
}

}  // namespace fyr::app
