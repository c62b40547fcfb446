#include "telemetry/observability_config.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "telemetry/config_reader.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/series_feeder.h"

namespace fyr::app::telemetry {

namespace {

QJsonValue selectorJson(const SeriesSelector& s) {
    if (s.match.empty()) return s.name;
    QJsonObject match;
    for (const auto& [k, v] : s.match) match.insert(k, v);
    return QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("match"), match}};
}

QJsonArray selectorsJson(const std::vector<SeriesSelector>& list) {
    QJsonArray a;
    for (const SeriesSelector& s : list) a.append(selectorJson(s));
    return a;
}

QByteArray document(const char* format, const char* list, const QJsonArray& items) {
    QJsonObject root{{QStringLiteral("format"), QLatin1String(format)},
                     {QStringLiteral("version"), ObservabilityConfig::kVersion},
                     {QLatin1String(list), items}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

QString directionName(AnomalyDirection d) {
    switch (d) {
        case AnomalyDirection::Up: return QStringLiteral("up");
        case AnomalyDirection::Down: return QStringLiteral("down");
        case AnomalyDirection::Both: return QStringLiteral("both");
    }
    return {};
}

}  // namespace

QByteArray ObservabilityConfig::exportSlos(const std::vector<Slo>& slos) {
    QJsonArray items;
    for (const Slo& slo : slos) {
        QJsonObject sli;
        if (slo.sli.kind == SliKind::Ratio) {
            sli.insert(QStringLiteral("kind"), QStringLiteral("ratio"));
            sli.insert(QStringLiteral("bad"), selectorsJson(slo.sli.bad));
            sli.insert(QStringLiteral("total"), selectorsJson(slo.sli.total));
        } else {
            sli.insert(QStringLiteral("kind"), QStringLiteral("threshold"));
            if (!slo.sli.series.empty()) sli.insert(QStringLiteral("series"), selectorJson(slo.sli.series.front()));
            sli.insert(QStringLiteral("aggregate"), slo.sli.aggregate);
            sli.insert(QStringLiteral("slice"), ConfigReader::formatDuration(slo.sli.slice_s));
            if (slo.sli.below) sli.insert(QStringLiteral("below"), *slo.sli.below);
            if (slo.sli.above) sli.insert(QStringLiteral("above"), *slo.sli.above);
        }
        QJsonObject o{{QStringLiteral("id"), slo.id},
                      {QStringLiteral("sli"), sli},
                      {QStringLiteral("objective"), slo.objective},
                      {QStringLiteral("period"), ConfigReader::formatDuration(slo.period_s)},
                      {QStringLiteral("runbook"), slo.runbook}};
        if (!slo.description.isEmpty()) o.insert(QStringLiteral("description"), slo.description);
        if (!slo.windows.empty()) {
            QJsonArray windows;
            for (const BurnWindow& w : slo.windows)
                windows.append(QJsonObject{{QStringLiteral("long"), ConfigReader::formatDuration(w.long_s)},
                                           {QStringLiteral("short"), ConfigReader::formatDuration(w.short_s)},
                                           {QStringLiteral("factor"), w.factor},
                                           {QStringLiteral("severity"), severityName(w.severity)}});
            o.insert(QStringLiteral("windows"), windows);
        }
        items.append(o);
    }
    return document(kSlosFormat, "slos", items);
}

QByteArray ObservabilityConfig::exportRules(const std::vector<AlertRule>& rules) {
    QJsonArray items;
    for (const AlertRule& r : rules) {
        QJsonObject o{{QStringLiteral("id"), r.id},
                      {QStringLiteral("series"), selectorJson(r.series)},
                      {QStringLiteral("severity"), severityName(r.severity)},
                      {QStringLiteral("for"), ConfigReader::formatDuration(r.for_s)},
                      {QStringLiteral("clear_for"), ConfigReader::formatDuration(r.clear_s)},
                      {QStringLiteral("runbook"), r.runbook}};
        if (!r.description.isEmpty()) o.insert(QStringLiteral("description"), r.description);
        if (r.kind == RuleKind::Anomaly) {
            const AnomalySpec& a = r.anomaly;
            o.insert(QStringLiteral("kind"), QStringLiteral("anomaly"));
            o.insert(
                QStringLiteral("anomaly"),
                QJsonObject{{QStringLiteral("method"),
                             a.method == AnomalyMethod::Ewma ? QStringLiteral("ewma") : QStringLiteral("robust_z")},
                            {QStringLiteral("direction"), directionName(a.direction)},
                            {QStringLiteral("window"), ConfigReader::formatDuration(a.window_s)},
                            {QStringLiteral("recent"), ConfigReader::formatDuration(a.recent_s)},
                            {QStringLiteral("threshold"), a.threshold},
                            {QStringLiteral("clear"), a.clear},
                            {QStringLiteral("warmup"), ConfigReader::formatDuration(a.warmup_s)},
                            {QStringLiteral("alpha"), a.ewma_alpha},
                            {QStringLiteral("min_scale"), a.min_scale},
                            {QStringLiteral("seasonal"), a.seasonal},
                            {QStringLiteral("season"), ConfigReader::formatDuration(a.season_s)}});
        } else {
            o.insert(QStringLiteral("kind"), QStringLiteral("threshold"));
            QJsonObject t{{QStringLiteral("recent"), ConfigReader::formatDuration(r.anomaly.recent_s)}};
            if (r.above) t.insert(QStringLiteral("above"), *r.above);
            if (r.below) t.insert(QStringLiteral("below"), *r.below);
            if (r.clear) t.insert(QStringLiteral("clear"), *r.clear);
            o.insert(QStringLiteral("threshold"), t);
        }
        items.append(o);
    }
    return document(kRulesFormat, "rules", items);
}

QByteArray ObservabilityConfig::exportDashboards(const std::vector<DashboardLayout>& dashboards) {
    QJsonArray items;
    for (const DashboardLayout& d : dashboards) {
        QJsonArray panels;
        for (const DashboardPanel& p : d.panels) {
            QJsonObject o{
                {QStringLiteral("id"), p.id},     {QStringLiteral("title"), p.title},
                {QStringLiteral("kind"), p.kind}, {QStringLiteral("window"), ConfigReader::formatDuration(p.window_s)},
                {QStringLiteral("x"), p.x},       {QStringLiteral("y"), p.y},
                {QStringLiteral("w"), p.w},       {QStringLiteral("h"), p.h}};
            if (!p.series.empty() || p.kind != QLatin1String("alerts"))
                o.insert(QStringLiteral("series"), selectorsJson(p.series));
            if (!p.unit.isEmpty()) o.insert(QStringLiteral("unit"), p.unit);
            panels.append(o);
        }
        items.append(QJsonObject{{QStringLiteral("id"), d.id},
                                 {QStringLiteral("title"), d.title},
                                 {QStringLiteral("columns"), d.columns},
                                 {QStringLiteral("panels"), panels}});
    }
    return document(kDashboardsFormat, "dashboards", items);
}

bool ObservabilityConfig::importBytes(const QByteArray& json, const QString& source, const QStringList& knownSeries,
                                      QStringList* errors) {
    // Which format: read just enough to dispatch; the reader checks it all again.
    QString format;
    if (json.size() <= ConfigReader::kMaxBytes) {
        const QJsonDocument doc = QJsonDocument::fromJson(json);
        if (doc.isObject()) format = doc.object().value(QStringLiteral("format")).toString();
    }
    QStringList errs;
    bool ok = false;
    if (format == QLatin1String(kSlosFormat)) {
        if (auto v = parseSlos(json, source, knownSeries, &errs)) {
            slos = std::move(*v);
            ok = true;
        }
    } else if (format == QLatin1String(kRulesFormat)) {
        if (auto v = parseRules(json, source, knownSeries, &errs)) {
            rules = std::move(*v);
            ok = true;
        }
    } else if (format == QLatin1String(kDashboardsFormat)) {
        if (auto v = parseDashboards(json, source, knownSeries, &errs)) {
            dashboards = std::move(*v);
            ok = true;
        }
    } else {
        ConfigReader rd(source);
        if (const auto root = rd.parse(json)) {
            const QJsonValue f = root->value(QStringLiteral("format"));
            rd.error(QStringLiteral("$.format"),
                     QStringLiteral("expected \"%1\", \"%2\" or \"%3\", found %4")
                         .arg(QLatin1String(kSlosFormat), QLatin1String(kRulesFormat), QLatin1String(kDashboardsFormat),
                              f.isString() ? QLatin1Char('"') + f.toString().left(64) + QLatin1Char('"')
                                           : ConfigReader::typeName(f)));
        }
        errs = rd.errors();
    }
    if (errors) *errors = errs;
    return ok;
}

bool ObservabilityConfig::importFile(const QString& path, const QStringList& knownSeries, QStringList* errors) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (errors) *errors = QStringList{QStringLiteral("%1: %2").arg(path, file.errorString())};
        return false;
    }
    // One byte past the cap, so that an oversized file is seen as one.
    const QByteArray json = file.read(ConfigReader::kMaxBytes + 1);
    return importBytes(json, path, knownSeries, errors);
}

bool ObservabilityConfig::exportTo(const QString& dir, QStringList* errors) const {
    QStringList errs;
    const std::pair<const char*, QByteArray> files[] = {{"slos.json", exportSlos(slos)},
                                                        {"alert_rules.json", exportRules(rules)},
                                                        {"dashboards.json", exportDashboards(dashboards)}};
    for (const auto& [name, bytes] : files) {
        QSaveFile f(QDir(dir).filePath(QLatin1String(name)));
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
            errs << QStringLiteral("%1: %2").arg(f.fileName(), f.errorString());
    }
    if (errors) *errors = errs;
    return errs.isEmpty();
}

QStringList ObservabilityConfig::fyrSeriesNames() {
    MetricsRegistry registry;
    FyrMetrics metrics(registry);
    QStringList out;
    for (const MetricFamilySnapshot& f : registry.collect()) {
        if (f.type == MetricType::Histogram) {
            out << SeriesFeeder::countName(f.name) << SeriesFeeder::meanName(f.name);
        } else {
            out << f.name;
        }
    }
    out.sort();
    return out;
}

}  // namespace fyr::app::telemetry
