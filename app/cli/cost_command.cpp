// fyrctl cost: what the installation's requests cost and what the same traffic
// would have cost on hosted APIs (report), and the site's own on-prem pricing
// that prices each request (pricing show|set).
//
//   fyrctl cost report --since 7d [--until DATE] [--by model|user|day|endpoint]
//                      [--compare PROVIDER/MODEL]... [--json] --db PATH --as NAME
//   fyrctl cost pricing show | set [--hardware-price X] [--life-months N] [--nominal-watts W]
//                      [--price-per-kwh P] [--pue X] [--currency CUR]  --as NAME
//   fyrctl cost catalog list [TABLE] [--json] | set TABLE FIELD=VALUE... | remove TABLE ID  --as NAME
//     (the price catalog's site rows: TABLE is gpus, cloud_instances or api_prices)
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

#include <algorithm>
#include <cmath>

#include "cli/admin_session.h"
#include "cli/command.h"
#include "cli/command_parser.h"
#include "services/catalog.h"
#include "services/catalog_overrides.h"
#include "services/cost_report.h"
#include "services/site_pricing.h"
#include "store/clock.h"

namespace fyr::app::cli {

namespace {

// DATE (YYYY-MM-DD, midnight UTC), an ISO 8601 date and time (UTC unless it
// says otherwise), or a DURATION back from now: Nh, Nd or Nw.
std::optional<int64_t> parseWhen(const QString& text, int64_t nowMs) {
    static const QRegularExpression duration(QStringLiteral("^(\\d{1,6})([hdw])$"));
    if (const QRegularExpressionMatch m = duration.match(text); m.hasMatch()) {
        const int64_t n = m.captured(1).toLongLong();
        const QChar unit = m.captured(2).at(0);
        const int64_t hourMs = 3'600'000;
        const int64_t span = unit == u'h' ? n * hourMs : unit == u'd' ? n * 24 * hourMs : n * 7 * 24 * hourMs;
        return nowMs - span;
    }
    static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
    if (date.match(text).hasMatch()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (!d.isValid()) return std::nullopt;
        return QDateTime(d, QTime(0, 0), QTimeZone::utc()).toMSecsSinceEpoch();
    }
    if (text.contains(u'T')) {
        QDateTime t = QDateTime::fromString(text, Qt::ISODate);
        if (!t.isValid()) return std::nullopt;
        if (t.timeSpec() == Qt::LocalTime) t = QDateTime(t.date(), t.time(), QTimeZone::utc());
        return t.toMSecsSinceEpoch();
    }
    return std::nullopt;
}

QString utc(int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

// Two decimals from 1 up; below that enough decimals to show three significant
// digits (a single request's cost is often a millionth of a unit), never an
// exponent.
QString amount(double v, int minDecimals) {
    const double a = std::fabs(v);
    if (a >= 1 || a == 0) return QString::number(v, 'f', a == 0 ? 0 : std::min(2, minDecimals));
    const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(a))) + 2, minDecimals, 12);
    return QString::number(v, 'f', decimals);
}

QString money(double v) {
    return amount(v, 6);
}

QJsonValue orNull(bool known, double v) {
    return known ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

constexpr double kBytesPerMib = 1024.0 * 1024.0;

// KV-cache memory in MiB, or a dash where no request has it recorded.
QString mibCell(const CostReport::Totals& t, double bytes) {
    return t.kvMeasured > 0 ? amount(bytes / kBytesPerMib, 2) : QStringLiteral("-");
}

QJsonObject totalsJson(const CostReport& r, const CostReport::Totals& t) {
    const bool known = t.priced > 0 && !t.mixedCurrencies;
    const std::optional<double> kvMean = t.kvMeanBytes();
    QJsonObject o{{QStringLiteral("requests"), double(t.requests)},
                  {QStringLiteral("priced"), double(t.priced)},
                  {QStringLiteral("not_configured"), double(t.unpriced)},
                  {QStringLiteral("prompt_tokens"), double(t.promptTokens)},
                  {QStringLiteral("gen_tokens"), double(t.genTokens)},
                  {QStringLiteral("gpu_seconds"), t.gpuSeconds},
                  {QStringLiteral("joules"), t.joules},
                  {QStringLiteral("kv_measured"), double(t.kvMeasured)},
                  {QStringLiteral("kv_peak_mib"), orNull(t.kvMeasured > 0, double(t.kvPeakBytes) / kBytesPerMib)},
                  {QStringLiteral("kv_mean_mib"), orNull(kvMean.has_value(), kvMean.value_or(0) / kBytesPerMib)},
                  {QStringLiteral("cost"), orNull(known, t.cost)},
                  {QStringLiteral("cost_hardware"), orNull(known, t.hardware)},
                  {QStringLiteral("cost_energy"), orNull(known, t.energy)},
                  {QStringLiteral("currency"), known ? QJsonValue(t.currency) : QJsonValue(QJsonValue::Null)}};
    if (t.mixedCurrencies) o.insert(QStringLiteral("mixed_currencies"), true);
    QJsonObject compared;
    for (qsizetype i = 0; i < r.compare.size(); ++i) compared.insert(r.compare.at(i).id, t.compared.value(i));
    if (!r.compare.isEmpty()) o.insert(QStringLiteral("compare"), compared);
    return o;
}

// The cost cell of a row: the amount, or why there is none.
QString costCell(const CostReport::Totals& t) {
    if (t.mixedCurrencies) return QCoreApplication::translate("fyrctl", "mixed currencies");
    if (t.priced == 0) return t.unpriced > 0 ? QCoreApplication::translate("fyrctl", "not configured") : QStringLiteral("-");
    QString s = money(t.cost) + u' ' + t.currency;
    if (t.unpriced > 0) s += QCoreApplication::translate("fyrctl", " (+%1 not configured)").arg(t.unpriced);
    return s;
}

int runReport(const QStringList& args, const QCommandLineParser& parser, CommandIo& io) {
    if (!parser.isSet(QStringLiteral("since")))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--since DATE|DURATION is required (e.g. --since 7d or --since 2026-11-01)"));
    const int64_t now = fyr::app::nowMs();
    const auto since = parseWhen(parser.value(QStringLiteral("since")), now);
    if (!since)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--since: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration "
                                       "such as 24h, 7d or 4w, got '%1'").arg(parser.value(QStringLiteral("since"))));
    std::optional<int64_t> until = now;
    if (parser.isSet(QStringLiteral("until"))) {
        until = parseWhen(parser.value(QStringLiteral("until")), now);
        if (!until)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "--until: expected a date (YYYY-MM-DD), a date and time (ISO 8601) or a duration "
                                           "such as 24h, 7d or 4w, got '%1'").arg(parser.value(QStringLiteral("until"))));
    }
    if (*until <= *since)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "the range is empty: --until (%1) is not after --since (%2)").arg(utc(*until), utc(*since)));
    const auto by = CostReport::byFromName(parser.value(QStringLiteral("by")));
    if (!by) return usageError(args, io, QCoreApplication::translate("fyrctl", "--by expects model, user, day or endpoint"));

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    if (auto rc = s.require(Permission::DashboardsView, args, io)) return *rc;

    QList<ApiPrice> compare;
    const QStringList wanted = parser.values(QStringLiteral("compare"));
    if (!wanted.isEmpty()) {
        QStringList errors;
        const auto catalog = Catalog::loadInstalled(s.store->path(), &errors);
        if (!catalog) return commandFailure(args, io, QCoreApplication::translate("fyrctl", "the price catalog is broken:\n  %1").arg(errors.join(QStringLiteral("\n  "))));
        for (const QString& id : wanted) {
            const ApiPrice* p = catalog->apiPrice(id);
            if (!p) {
                QStringList known;
                for (const ApiPrice& a : catalog->apiPrices()) known << a.id;
                return usageError(args, io, QCoreApplication::translate("fyrctl", "--compare: '%1' is not in the price catalog; it has %2").arg(id, known.join(QStringLiteral(", "))));
            }
            compare << *p;
        }
    }
    QString error;
    const auto report = CostReport::build(*s.store, *since, *until, *by, compare, &error);
    if (!report) return commandFailure(args, io, error);
    QString pricingError;
    const LocalPricing pricing = SitePricing::read(*s.store, &pricingError);
    const QString pricingProblem = pricing.problem();

    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const CostReport::Totals& t : report->rows) {
            QJsonObject o = totalsJson(*report, t);
            o.insert(QStringLiteral("key"), t.key);
            rows.append(o);
        }
        QJsonArray compared;
        for (qsizetype i = 0; i < report->compare.size(); ++i) {
            const ApiPrice& p = report->compare.at(i);
            compared.append(QJsonObject{{QStringLiteral("id"), p.id},
                                        {QStringLiteral("input_per_million"), p.inputPerMillion},
                                        {QStringLiteral("output_per_million"), p.outputPerMillion},
                                        {QStringLiteral("currency"), p.currency},
                                        {QStringLiteral("source"), p.source.url},
                                        {QStringLiteral("taken"), p.source.taken},
                                        {QStringLiteral("total"), report->total.compared.value(i)},
                                        {QStringLiteral("monthly_projection"), report->comparedMonthly.value(i)}});
        }
        QJsonObject projection{{QStringLiteral("basis"), QStringLiteral("daily average over the range x 30")},
                               {QStringLiteral("days"), report->days},
                               {QStringLiteral("monthly"), report->monthlyProjection ? QJsonValue(*report->monthlyProjection)
                                                                                     : QJsonValue(QJsonValue::Null)}};
        QJsonObject out{{QStringLiteral("since"), utc(report->sinceMs)},
                        {QStringLiteral("until"), utc(report->untilMs)},
                        {QStringLiteral("by"), CostReport::byName(report->by)},
                        {QStringLiteral("rows"), rows},
                        {QStringLiteral("total"), totalsJson(*report, report->total)},
                        {QStringLiteral("projection"), projection},
                        {QStringLiteral("compare"), compared},
                        {QStringLiteral("pricing"), pricingProblem.isEmpty() ? QJsonValue(QStringLiteral("configured"))
                                                                             : QJsonValue(pricingProblem)}};
        io.out << QJsonDocument(out).toJson(QJsonDocument::Compact) << '\n';
        return kOk;
    }

    io.out << QCoreApplication::translate("fyrctl", "Cost by %1, %2 to %3 (%4 days)\n")
                  .arg(CostReport::byName(report->by), utc(report->sinceMs), utc(report->untilMs))
                  .arg(report->days, 0, 'f', 2);
    QStringList header{CostReport::byName(report->by), QCoreApplication::translate("fyrctl", "requests"), QCoreApplication::translate("fyrctl", "tokens in"), QCoreApplication::translate("fyrctl", "tokens out"), QCoreApplication::translate("fyrctl", "GPU s"),
                       QCoreApplication::translate("fyrctl", "kWh"), QCoreApplication::translate("fyrctl", "KV peak MiB"),
                       QCoreApplication::translate("fyrctl", "KV mean MiB"), QCoreApplication::translate("fyrctl", "cost"), QCoreApplication::translate("fyrctl", "hardware"), QCoreApplication::translate("fyrctl", "energy")};
    for (const ApiPrice& p : report->compare) header << p.id + QStringLiteral(" (") + p.currency + u')';
    auto line = [&](const CostReport::Totals& t, const QString& key) {
        const bool known = t.priced > 0 && !t.mixedCurrencies;
        QStringList cells{key,
                          QString::number(t.requests),
                          QString::number(t.promptTokens),
                          QString::number(t.genTokens),
                          amount(t.gpuSeconds, 1),
                          amount(t.joules / 3.6e6, 4),
                          mibCell(t, double(t.kvPeakBytes)),
                          mibCell(t, t.kvMeanBytes().value_or(0)),
                          costCell(t),
                          known ? money(t.hardware) : QStringLiteral("-"),
                          known ? money(t.energy) : QStringLiteral("-")};
        for (double c : t.compared) cells << money(c);
        return cells;
    };
    QList<QStringList> table{header};
    for (const CostReport::Totals& t : report->rows) table << line(t, t.key);
    table << line(report->total, QCoreApplication::translate("fyrctl", "total"));
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& row : table)
        for (qsizetype c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row.at(c).size());
    for (const QStringList& row : table) {
        QString text;
        for (qsizetype c = 0; c < row.size(); ++c)
            text += (c == 0 ? row.at(c).leftJustified(widths[c]) : row.at(c).rightJustified(widths[c])) +
                    (c + 1 < row.size() ? QStringLiteral("  ") : QString());
        io.out << text << '\n';
    }
    if (report->monthlyProjection)
        io.out << QCoreApplication::translate("fyrctl", "monthly projection: %1 %2 (the daily average over these %3 days x 30)\n")
                      .arg(money(*report->monthlyProjection), report->total.currency)
                      .arg(report->days, 0, 'f', 2);
    else if (report->total.mixedCurrencies)
        io.out << QCoreApplication::translate("fyrctl", "no monthly projection: the requests were priced in more than one currency\n");
    else
        io.out << QCoreApplication::translate("fyrctl", "no monthly projection: no request in the range has a cost\n");
    for (qsizetype i = 0; i < report->compare.size(); ++i) {
        const ApiPrice& p = report->compare.at(i);
        io.out << QCoreApplication::translate("fyrctl", "the same traffic on %1 would have cost %2 %3 (monthly %4 %3) at %5 in / %6 out %3 per 1M tokens "
                     "(%7, taken %8)\n")
                      .arg(p.id, money(report->total.compared.value(i)), p.currency, money(report->comparedMonthly.value(i)))
                      .arg(p.inputPerMillion)
                      .arg(p.outputPerMillion)
                      .arg(p.source.url, p.source.taken);
    }
    if (report->total.unpriced > 0)
        io.out << QCoreApplication::translate("fyrctl", "%1 requests have no cost: the on-prem pricing was not configured when they ran (fyrctl cost pricing set)\n")
                      .arg(report->total.unpriced);
    if (!pricingProblem.isEmpty()) io.out << pricingProblem << '\n';
    return kOk;
}

void printPricing(const LocalPricing& p, bool json, CommandIo& io) {
    const QString problem = p.problem();
    if (json) {
        QJsonObject o = SitePricing::toJson(p);
        o.insert(QStringLiteral("configured"), problem.isEmpty());
        if (!problem.isEmpty()) o.insert(QStringLiteral("problem"), problem);
        io.out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        return;
    }
    io.out << QCoreApplication::translate("fyrctl", "hardware price   %1 %2\n").arg(p.hardwarePrice).arg(p.currency)
           << QCoreApplication::translate("fyrctl", "life             %1 months\n").arg(p.lifeMonths)
           << QCoreApplication::translate("fyrctl", "nominal watts    %1 W\n").arg(p.nominalWatts)
           << QCoreApplication::translate("fyrctl", "price per kWh    %1 %2\n").arg(p.pricePerKwh).arg(p.currency)
           << QCoreApplication::translate("fyrctl", "PUE              %1\n").arg(p.pue);
    io.out << (problem.isEmpty() ? QCoreApplication::translate("fyrctl", "configured") : problem) << '\n';
}

int runPricing(const QStringList& args, const QCommandLineParser& parser, CommandIo& io) {
    const QString action = parser.positionalArguments().value(1);
    if ((action != QLatin1String("show") && action != QLatin1String("set")) || parser.positionalArguments().size() != 2)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected pricing show or pricing set"));
    struct NumberOption {
        const char* name;
        double LocalPricing::*field;
        double minimum;
    };
    const NumberOption numbers[] = {{"hardware-price", &LocalPricing::hardwarePrice, 0},
                                    {"life-months", &LocalPricing::lifeMonths, 0},
                                    {"nominal-watts", &LocalPricing::nominalWatts, 0},
                                    {"price-per-kwh", &LocalPricing::pricePerKwh, 0},
                                    {"pue", &LocalPricing::pue, 1}};
    std::vector<std::pair<const NumberOption*, double>> given;
    for (const NumberOption& n : numbers) {
        const QString name = QLatin1String(n.name);
        if (!parser.isSet(name)) continue;
        bool ok = false;
        const double v = parser.value(name).toDouble(&ok);
        if (!ok || !std::isfinite(v) || (n.minimum >= 1 ? v < 1 : v <= 0))
            return usageError(args, io, n.minimum >= 1 ? QCoreApplication::translate("fyrctl", "--%1 expects a number of at least 1").arg(name)
                                                       : QCoreApplication::translate("fyrctl", "--%1 expects a number above 0").arg(name));
        given.emplace_back(&n, v);
    }
    static const QRegularExpression currencyCode(QStringLiteral("^[A-Z]{3}$"));
    if (parser.isSet(QStringLiteral("currency")) && !currencyCode.match(parser.value(QStringLiteral("currency"))).hasMatch())
        return usageError(args, io, QCoreApplication::translate("fyrctl", "--currency expects a three-letter ISO 4217 code such as EUR or USD"));
    if (action == QLatin1String("show") && (!given.empty() || parser.isSet(QStringLiteral("currency"))))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "pricing show takes no values; use pricing set"));
    if (action == QLatin1String("set") && given.empty() && !parser.isSet(QStringLiteral("currency")))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "pricing set: give at least one of --hardware-price, --life-months, --nominal-watts, "
                                       "--price-per-kwh, --pue, --currency"));

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    const bool json = parser.isSet(QStringLiteral("json"));
    QString error;
    LocalPricing pricing = SitePricing::read(*s.store, &error);
    if (!error.isEmpty()) return commandFailure(args, io, error);
    if (action == QLatin1String("show")) {
        if (auto rc = s.require(Permission::DashboardsView, args, io)) return *rc;
        printPricing(pricing, json, io);
        return kOk;
    }
    if (auto rc = s.require(Permission::SettingsManage, args, io)) return *rc;
    const QJsonObject before = SitePricing::toJson(pricing);
    for (const auto& [option, value] : given) pricing.*(option->field) = value;
    if (parser.isSet(QStringLiteral("currency"))) pricing.currency = parser.value(QStringLiteral("currency"));
    if (const QString e = SitePricing::write(*s.store, pricing); !e.isEmpty()) return commandFailure(args, io, e);
    const QJsonObject details{{QStringLiteral("before"), before}, {QStringLiteral("after"), SitePricing::toJson(pricing)}};
    if (auto rc = s.record(QStringLiteral("cost.pricing"), QStringLiteral("local"),
                           QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)), args, io))
        return *rc;
    printPricing(pricing, json, io);
    return kOk;
}

QString originName(CatalogOverrides::Origin origin) {
    switch (origin) {
    case CatalogOverrides::Origin::BuiltIn: return QCoreApplication::translate("fyrctl", "built in");
    case CatalogOverrides::Origin::Site: return QCoreApplication::translate("fyrctl", "site");
    case CatalogOverrides::Origin::Replaces: return QCoreApplication::translate("fyrctl", "site (replaces built-in)");
    }
    return {};
}

// --json: "builtin", "site" or "replaces" (a site row in place of a built-in one).
QString originKey(CatalogOverrides::Origin origin) {
    switch (origin) {
    case CatalogOverrides::Origin::BuiltIn: return QStringLiteral("builtin");
    case CatalogOverrides::Origin::Site: return QStringLiteral("site");
    case CatalogOverrides::Origin::Replaces: return QStringLiteral("replaces");
    }
    return {};
}

QString catalogText(const QJsonValue& v) {
    return v.isDouble() ? QString::number(v.toDouble(), 'g', 15) : v.toString();
}

void printCatalog(const CatalogOverrides& site, CatalogTable table, CommandIo& io) {
    QStringList header{QStringLiteral("id"), QCoreApplication::translate("fyrctl", "origin")};
    QStringList names;
    for (const CatalogField& f : Catalog::fields(CatalogOverrides::fileName(table)))
        if (f.name != QLatin1String("id") && f.name != QLatin1String("via") && f.name != QLatin1String("note")) names << f.name;
    header << names;
    QList<QStringList> lines{header};
    for (const CatalogOverrides::Row& r : site.merged(table)) {
        QStringList cells{catalogText(r.row.value(QStringLiteral("id"))), originName(r.origin)};
        for (const QString& name : names) cells << catalogText(r.row.value(name));
        lines << cells;
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList& line : lines)
        for (qsizetype c = 0; c < line.size(); ++c) widths[c] = std::max(widths[c], line.at(c).size());
    io.out << CatalogOverrides::tableName(table) << '\n';
    for (const QStringList& line : lines) {
        QString text;
        for (qsizetype c = 0; c < line.size(); ++c)
            text += c + 1 < line.size() ? line.at(c).leftJustified(widths[c]) + QStringLiteral("  ") : line.at(c);
        io.out << QStringLiteral("  ") << text << '\n';
    }
    for (const QString& problem : site.problems(table)) io.out << QStringLiteral("  ! ") << problem << '\n';
}

int runCatalog(const QStringList& args, const QCommandLineParser& parser, CommandIo& io) {
    const QStringList pos = parser.positionalArguments();
    const QString action = pos.value(1);
    if (action != QLatin1String("list") && action != QLatin1String("set") && action != QLatin1String("remove"))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "expected catalog list, catalog set or catalog remove"));
    std::optional<CatalogTable> table;
    if (pos.size() > 2) {
        table = CatalogOverrides::tableFromName(pos.at(2));
        if (!table)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "expected a catalog table: gpus, cloud_instances or api_prices, got '%1'").arg(pos.at(2)));
    }
    QMap<QString, QString> given;
    if (action == QLatin1String("list") && pos.size() > 3)
        return usageError(args, io, QCoreApplication::translate("fyrctl", "unexpected argument '%1'").arg(pos.at(3)));
    if (action == QLatin1String("set")) {
        if (!table || pos.size() < 4)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "catalog set: expected TABLE and FIELD=VALUE... (id=... names the row)"));
        for (qsizetype i = 3; i < pos.size(); ++i) {
            const qsizetype eq = pos.at(i).indexOf(u'=');
            if (eq <= 0) return usageError(args, io, QCoreApplication::translate("fyrctl", "catalog set: expected FIELD=VALUE, got '%1'").arg(pos.at(i)));
            given.insert(pos.at(i).left(eq), pos.at(i).mid(eq + 1));
        }
        if (given.value(QStringLiteral("id")).trimmed().isEmpty())
            return usageError(args, io, QCoreApplication::translate("fyrctl", "catalog set: id=... is required (the row to add or replace)"));
    }
    if (action == QLatin1String("remove") && (!table || pos.size() != 4))
        return usageError(args, io, QCoreApplication::translate("fyrctl", "catalog remove: expected TABLE and ID"));

    AdminSession s;
    if (auto rc = openAdminSession(parser, args, io, &s)) return *rc;
    CatalogOverrides site(s.store->path());
    if (action == QLatin1String("list")) {
        if (auto rc = s.require(Permission::DashboardsView, args, io)) return *rc;
        const QList<CatalogTable> tables = table ? QList<CatalogTable>{*table} : CatalogOverrides::tables();
        if (parser.isSet(QStringLiteral("json"))) {
            QJsonArray rows;
            for (CatalogTable t : tables)
                for (const CatalogOverrides::Row& r : site.merged(t))
                    rows.append(QJsonObject{{QStringLiteral("table"), CatalogOverrides::tableName(t)},
                                            {QStringLiteral("origin"), originKey(r.origin)},
                                            {QStringLiteral("row"), r.row}});
            io.out << QJsonDocument(rows).toJson(QJsonDocument::Compact) << '\n';
            return kOk;
        }
        for (CatalogTable t : tables) printCatalog(site, t, io);
        return kOk;
    }
    if (auto rc = s.require(Permission::SettingsManage, args, io)) return *rc;
    const QString target = CatalogOverrides::tableName(*table) + u'/';
    if (action == QLatin1String("remove")) {
        if (const QString e = site.remove(s.who, *s.audit, *table, pos.at(3)); !e.isEmpty()) return commandFailure(args, io, e);
        io.out << QCoreApplication::translate("fyrctl", "%1 removed from the site's catalog (%2)\n").arg(target + pos.at(3), site.filePath(*table));
        return kOk;
    }
    // The row in force of that id, if any, with the fields given on top (FIELD= leaves one out).
    const QString id = given.value(QStringLiteral("id")).trimmed();
    QMap<QString, QString> values;
    for (const CatalogOverrides::Row& r : site.merged(*table))
        if (r.row.value(QStringLiteral("id")).toString() == id)
            for (auto it = r.row.begin(); it != r.row.end(); ++it) values.insert(it.key(), catalogText(it.value()));
    for (auto it = given.begin(); it != given.end(); ++it) values.insert(it.key(), it.value());
    if (const QString e = site.set(s.who, *s.audit, *table, CatalogOverrides::rowFromText(*table, values)); !e.isEmpty())
        return commandFailure(args, io, e);
    io.out << QCoreApplication::translate("fyrctl", "%1 saved in the site's catalog (%2)\n").arg(target + id, site.filePath(*table));
    return kOk;
}

}  // namespace

int runCost(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("action"), QCoreApplication::translate("fyrctl", "report, pricing show|set, or catalog list|set|remove"));
    parser.addOptions({
        {QStringLiteral("since"), QCoreApplication::translate("fyrctl", "report: from DATE (YYYY-MM-DD, UTC), an ISO 8601 time, or DURATION ago (24h, 7d, 4w)."),
         QStringLiteral("WHEN")},
        {QStringLiteral("until"), QCoreApplication::translate("fyrctl", "report: up to (not including) WHEN (default: now)."), QStringLiteral("WHEN")},
        {QStringLiteral("by"), QCoreApplication::translate("fyrctl", "report: group by model, user, day or endpoint (default model)."), QStringLiteral("GROUP"),
         QStringLiteral("model")},
        {QStringLiteral("compare"), QCoreApplication::translate("fyrctl", "report: what the same tokens would have cost at this hosted API (an id of the price "
                                       "catalog, e.g. openai/gpt-4o; may be repeated)."),
         QStringLiteral("PROVIDER/MODEL")},
        {QStringLiteral("hardware-price"), QCoreApplication::translate("fyrctl", "pricing set: what the machine (or its GPU share) cost."), QStringLiteral("X")},
        {QStringLiteral("life-months"), QCoreApplication::translate("fyrctl", "pricing set: months to write the hardware off over."), QStringLiteral("N")},
        {QStringLiteral("nominal-watts"), QCoreApplication::translate("fyrctl", "pricing set: the machine's draw when the energy is not measured."), QStringLiteral("W")},
        {QStringLiteral("price-per-kwh"), QCoreApplication::translate("fyrctl", "pricing set: what a kWh costs the site."), QStringLiteral("P")},
        {QStringLiteral("pue"), QCoreApplication::translate("fyrctl", "pricing set: the site's power usage effectiveness (1 or more)."), QStringLiteral("X")},
        {QStringLiteral("currency"), QCoreApplication::translate("fyrctl", "pricing set: the currency of the prices (ISO 4217, e.g. EUR)."), QStringLiteral("CUR")},
        {QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print JSON (report, pricing show, catalog list).")},
    });
    addAdminOptions(parser);
    if (auto rc = parseCommandLine(parser, args,
                                   QCoreApplication::translate("fyrctl", "Report what the requests cost (by model, user, day or endpoint), compare with hosted "
                                      "APIs' prices, set the site's on-prem pricing, and list or change the site's rows of the "
                                      "price catalog (catalog set TABLE id=ID FIELD=VALUE..., catalog remove TABLE ID; "
                                      "TABLE: gpus, cloud_instances or api_prices)."),
                                   io))
        return *rc;
    const QString action = parser.positionalArguments().value(0);
    if (action == QLatin1String("report")) {
        if (parser.positionalArguments().size() != 1)
            return usageError(args, io, QCoreApplication::translate("fyrctl", "unexpected argument '%1'").arg(parser.positionalArguments().value(1)));
        return runReport(args, parser, io);
    }
    if (action == QLatin1String("pricing")) return runPricing(args, parser, io);
    if (action == QLatin1String("catalog")) return runCatalog(args, parser, io);
    return usageError(args, io, QCoreApplication::translate("fyrctl", "expected report, pricing show, pricing set, catalog list, catalog set or catalog remove"));
}

}  // namespace fyr::app::cli
