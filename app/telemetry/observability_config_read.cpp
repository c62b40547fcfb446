// The readers of the three formats: every key checked for type and range,
// unknown keys refused, errors with the JSON path (config_reader.h).
#include <QRegularExpression>

#include <algorithm>
#include <set>

#include "telemetry/burn_rate.h"
#include "telemetry/config_reader.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/observability_config.h"

namespace fyr::app::telemetry {

namespace {

constexpr qsizetype kMaxSelectors = 16;
constexpr qsizetype kMaxMatch = 16;
constexpr qsizetype kMaxWindows = 10;
constexpr int64_t kYear_s = 366 * 86400;

class Reader {
public:
    Reader(ConfigReader& rd, const QStringList& knownSeries) : m_rd(rd), m_known(knownSeries) {}

    // format, version and the list; nullopt after any error in them.
    std::optional<QJsonArray> header(const QByteArray& json, const char* format, const char* list) {
        const auto root = m_rd.parse(json);
        if (!root) return std::nullopt;
        const QString path = QStringLiteral("$");
        // Format and version first: a file of another kind or version says so
        // rather than listing all its keys as unknown.
        const auto f = m_rd.string(*root, "format", path, true, 64);
        if (f && *f != QLatin1String(format)) {
            m_rd.error(ConfigReader::member(path, "format"),
                       QStringLiteral("expected \"%1\", found \"%2\"").arg(QLatin1String(format), f->left(64)));
            return std::nullopt;
        }
        const auto v =
            m_rd.integer(*root, "version", path, true, ObservabilityConfig::kVersion, ObservabilityConfig::kVersion);
        if (!v) return std::nullopt;  // another version's keys mean other things: read none of them
        m_rd.keys(*root, path, {"format", "version", list}, {"description"});
        m_rd.string(*root, "description", path, false);
        auto items = m_rd.array(*root, list, path, true, ObservabilityConfig::kMaxItems);
        if (!m_rd.ok()) return std::nullopt;
        return items;
    }

    std::optional<QString> id(const QJsonObject& o, const QString& path, std::set<QString>& seen) {
        static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"));
        const auto s = m_rd.string(o, "id", path, true, 64);
        if (!s) return std::nullopt;
        if (!re.match(*s).hasMatch()) {
            m_rd.error(ConfigReader::member(path, "id"),
                       QStringLiteral("expected 1 to 64 of A-Z a-z 0-9 . _ - (not starting with . _ -), found \"%1\"")
                           .arg(*s));
            return std::nullopt;
        }
        if (!seen.insert(*s).second) {
            m_rd.error(ConfigReader::member(path, "id"),
                       QStringLiteral("expected a unique id, found \"%1\" again").arg(*s));
            return std::nullopt;
        }
        return s;
    }

    std::optional<SeriesSelector> selector(const QJsonValue& v, const QString& path) {
        SeriesSelector out;
        if (v.isString()) {
            out.name = v.toString();
        } else if (v.isObject()) {
            const QJsonObject o = v.toObject();
            m_rd.keys(o, path, {"name"}, {"match"});
            const auto name = m_rd.string(o, "name", path, true, 200);
            if (!name) return std::nullopt;
            out.name = *name;
            if (const auto match = m_rd.object(o, "match", path, false)) {
                if (match->size() > kMaxMatch) {
                    m_rd.error(
                        ConfigReader::member(path, "match"),
                        QStringLiteral("expected at most %1 labels, found %2").arg(kMaxMatch).arg(match->size()));
                    return std::nullopt;
                }
                for (auto it = match->begin(); it != match->end(); ++it) {
                    const QString where = ConfigReader::member(path, "match") + QLatin1Char('.') + it.key().left(64);
                    if (!MetricsRegistry::isValidLabelName(it.key())) {
                        m_rd.error(where, QStringLiteral("expected a label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
                        return std::nullopt;
                    }
                    if (!it.value().isString() || it.value().toString().size() > 256) {
                        m_rd.error(where, QStringLiteral("expected a string of at most 256 characters, found %1")
                                              .arg(ConfigReader::typeName(it.value())));
                        return std::nullopt;
                    }
                    out.match[it.key()] = it.value().toString();
                }
            }
        } else {
            m_rd.error(path, QStringLiteral("expected a metric name or {\"name\", \"match\"}, found %1")
                                 .arg(ConfigReader::typeName(v)));
            return std::nullopt;
        }
        const QString where = v.isObject() ? path + QStringLiteral(".name") : path;
        if (out.name.size() > 200 || !MetricsRegistry::isValidMetricName(out.name)) {
            m_rd.error(where, QStringLiteral("expected a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*), found \"%1\"")
                                  .arg(out.name.left(200)));
            return std::nullopt;
        }
        if (!m_known.isEmpty() && !m_known.contains(out.name)) {
            m_rd.error(where, QStringLiteral("unknown metric \"%1\" (expected a series Fyr records, e.g. %2)")
                                  .arg(out.name, m_known.first()));
            return std::nullopt;
        }
        return out;
    }

    std::optional<std::vector<SeriesSelector>> selectors(const QJsonObject& o, const char* key, const QString& path,
                                                         bool required) {
        const auto a = m_rd.array(o, key, path, required, kMaxSelectors);
        if (!a) return std::nullopt;
        if (required && a->isEmpty()) {
            m_rd.error(ConfigReader::member(path, key), QStringLiteral("expected at least one series"));
            return std::nullopt;
        }
        std::vector<SeriesSelector> out;
        for (qsizetype i = 0; i < a->size(); ++i) {
            auto s = selector(a->at(i), ConfigReader::item(ConfigReader::member(path, key), i));
            if (!s) return std::nullopt;
            out.push_back(std::move(*s));
        }
        return out;
    }

    std::optional<Severity> severity(const QJsonObject& o, const QString& path, bool required) {
        const auto s = m_rd.choice(o, "severity", path, required,
                                   {QStringLiteral("info"), QStringLiteral("warning"), QStringLiteral("critical")});
        if (!s) return std::nullopt;
        return severityFromName(*s);
    }

    std::optional<Sli> sli(const QJsonObject& o, const QString& path) {
        Sli out;
        const auto kind = m_rd.choice(o, "kind", path, true, {QStringLiteral("ratio"), QStringLiteral("threshold")});
        if (!kind) return std::nullopt;
        if (*kind == QLatin1String("ratio")) {
            out.kind = SliKind::Ratio;
            m_rd.keys(o, path, {"kind", "bad", "total"}, {});
            auto bad = selectors(o, "bad", path, true);
            auto total = selectors(o, "total", path, true);
            if (!bad || !total) return std::nullopt;
            out.bad = std::move(*bad);
            out.total = std::move(*total);
            return out;
        }
        out.kind = SliKind::Threshold;
        m_rd.keys(o, path, {"kind", "series"}, {"aggregate", "slice", "below", "above"});
        if (!o.contains(QLatin1String("series"))) return std::nullopt;
        auto s = selector(o.value(QLatin1String("series")), ConfigReader::member(path, "series"));
        if (!s) return std::nullopt;
        out.series = {std::move(*s)};
        if (const auto a = m_rd.string(o, "aggregate", path, false, 16)) {
            if (!BurnRate::isValidAggregate(*a)) {
                m_rd.error(ConfigReader::member(path, "aggregate"),
                           QStringLiteral("expected mean, min, max or a percentile such as p95, found \"%1\"").arg(*a));
                return std::nullopt;
            }
            out.aggregate = *a;
        }
        out.slice_s = m_rd.duration(o, "slice", path, false, 1, 86400).value_or(60);
        out.below = m_rd.number(o, "below", path, false);
        out.above = m_rd.number(o, "above", path, false);
        if (o.contains(QLatin1String("below")) == o.contains(QLatin1String("above"))) {
            m_rd.error(path,
                       QStringLiteral("expected exactly one of \"below\" and \"above\" (the good side of the limit)"));
            return std::nullopt;
        }
        return out;
    }

    std::optional<Slo> slo(const QJsonValue& v, const QString& path, std::set<QString>& ids) {
        if (!v.isObject()) {
            m_rd.error(path, QStringLiteral("expected an object, found %1").arg(ConfigReader::typeName(v)));
            return std::nullopt;
        }
        const QJsonObject o = v.toObject();
        const int before = int(m_rd.errors().size());
        m_rd.keys(o, path, {"id", "sli", "objective", "runbook"}, {"description", "period", "windows"});
        Slo out;
        out.id = id(o, path, ids).value_or(QString());
        out.description = m_rd.string(o, "description", path, false).value_or(QString());
        out.runbook = m_rd.string(o, "runbook", path, true).value_or(QString());
        if (const auto obj = m_rd.object(o, "sli", path, true))
            if (auto s = sli(*obj, ConfigReader::member(path, "sli"))) out.sli = std::move(*s);
        if (const auto objective = m_rd.number(o, "objective", path, true)) {
            if (!(*objective > 0.0 && *objective < 1.0))
                m_rd.error(
                    ConfigReader::member(path, "objective"),
                    QStringLiteral("expected a fraction between 0 and 1 (0.99 for 99%), found %1").arg(*objective));
            out.objective = *objective;
        }
        out.period_s = m_rd.duration(o, "period", path, false, 3600, kYear_s).value_or(30 * 86400);
        if (const auto windows = m_rd.array(o, "windows", path, false, kMaxWindows)) {
            for (qsizetype i = 0; i < windows->size(); ++i) {
                const QString where = ConfigReader::item(ConfigReader::member(path, "windows"), i);
                if (!windows->at(i).isObject()) {
                    m_rd.error(
                        where,
                        QStringLiteral("expected an object, found %1").arg(ConfigReader::typeName(windows->at(i))));
                    continue;
                }
                const QJsonObject w = windows->at(i).toObject();
                m_rd.keys(w, where, {"long", "short", "factor", "severity"}, {});
                BurnWindow bw;
                bw.long_s = m_rd.duration(w, "long", where, true, 60, kYear_s).value_or(0);
                bw.short_s = m_rd.duration(w, "short", where, true, 60, kYear_s).value_or(0);
                if (bw.short_s > bw.long_s)
                    m_rd.error(where, QStringLiteral("expected the short window to be no longer than the long one"));
                const auto factor = m_rd.number(w, "factor", where, true);
                if (factor && !(*factor > 0.0))
                    m_rd.error(ConfigReader::member(where, "factor"),
                               QStringLiteral("expected a burn rate above 0, found %1").arg(*factor));
                bw.factor = factor.value_or(1.0);
                bw.severity = severity(w, where, true).value_or(Severity::Warning);
                out.windows.push_back(bw);
            }
        }
        if (int(m_rd.errors().size()) != before) return std::nullopt;
        return out;
    }

    std::optional<AlertRule> rule(const QJsonValue& v, const QString& path, std::set<QString>& ids) {
        if (!v.isObject()) {
            m_rd.error(path, QStringLiteral("expected an object, found %1").arg(ConfigReader::typeName(v)));
            return std::nullopt;
        }
        const QJsonObject o = v.toObject();
        const int before = int(m_rd.errors().size());
        m_rd.keys(o, path, {"id", "series", "kind", "runbook"},
                  {"description", "severity", "for", "clear_for", "anomaly", "threshold"});
        AlertRule out;
        out.id = id(o, path, ids).value_or(QString());
        out.description = m_rd.string(o, "description", path, false).value_or(QString());
        out.runbook = m_rd.string(o, "runbook", path, true).value_or(QString());
        if (o.contains(QLatin1String("series")))
            if (auto s = selector(o.value(QLatin1String("series")), ConfigReader::member(path, "series")))
                out.series = std::move(*s);
        out.severity = severity(o, path, false).value_or(Severity::Warning);
        out.for_s = m_rd.duration(o, "for", path, false, 0, 86400).value_or(0);
        out.clear_s = m_rd.duration(o, "clear_for", path, false, 0, 86400).value_or(300);
        const auto kind = m_rd.choice(o, "kind", path, true, {QStringLiteral("anomaly"), QStringLiteral("threshold")});
        if (kind == QLatin1String("anomaly")) {
            out.kind = RuleKind::Anomaly;
            if (o.contains(QLatin1String("threshold")))
                m_rd.error(ConfigReader::member(path, "threshold"),
                           QStringLiteral("expected only with \"kind\": \"threshold\""));
            if (const auto a = m_rd.object(o, "anomaly", path, false))
                anomaly(*a, ConfigReader::member(path, "anomaly"), out.anomaly);
        } else if (kind == QLatin1String("threshold")) {
            out.kind = RuleKind::Threshold;
            if (o.contains(QLatin1String("anomaly")))
                m_rd.error(ConfigReader::member(path, "anomaly"),
                           QStringLiteral("expected only with \"kind\": \"anomaly\""));
            if (const auto t = m_rd.object(o, "threshold", path, true))
                threshold(*t, ConfigReader::member(path, "threshold"), out);
        }
        if (int(m_rd.errors().size()) != before) return std::nullopt;
        return out;
    }

    void anomaly(const QJsonObject& o, const QString& path, AnomalySpec& a) {
        m_rd.keys(o, path, {},
                  {"method", "direction", "window", "recent", "threshold", "clear", "warmup", "alpha", "min_scale",
                   "seasonal", "season"});
        if (const auto m = m_rd.choice(o, "method", path, false, {QStringLiteral("robust_z"), QStringLiteral("ewma")}))
            a.method = *m == QLatin1String("ewma") ? AnomalyMethod::Ewma : AnomalyMethod::RobustZ;
        if (const auto d = m_rd.choice(o, "direction", path, false,
                                       {QStringLiteral("up"), QStringLiteral("down"), QStringLiteral("both")}))
            a.direction = *d == QLatin1String("up")     ? AnomalyDirection::Up
                          : *d == QLatin1String("down") ? AnomalyDirection::Down
                                                        : AnomalyDirection::Both;
        a.window_s = m_rd.duration(o, "window", path, false, 60, 30 * 86400).value_or(a.window_s);
        a.recent_s = m_rd.duration(o, "recent", path, false, 1, 86400).value_or(a.recent_s);
        a.warmup_s = m_rd.duration(o, "warmup", path, false, 0, 30 * 86400).value_or(a.warmup_s);
        a.season_s = m_rd.duration(o, "season", path, false, 60, 90 * 86400).value_or(a.season_s);
        a.seasonal = m_rd.boolean(o, "seasonal", path, false).value_or(a.seasonal);
        const auto positive = [&](const char* key, double& into, bool allowZero, double max) {
            const auto n = m_rd.number(o, key, path, false);
            if (!n) return;
            if (!((allowZero ? *n >= 0.0 : *n > 0.0) && *n <= max))
                m_rd.error(ConfigReader::member(path, key),
                           QStringLiteral("expected a number %1 0 and at most %2, found %3")
                               .arg(allowZero ? QStringLiteral("from") : QStringLiteral("above"))
                               .arg(max)
                               .arg(*n));
            else
                into = *n;
        };
        const bool clearGiven = o.contains(QLatin1String("clear"));
        positive("threshold", a.threshold, false, 1e6);
        if (!clearGiven) a.clear = 0.75 * a.threshold;  // as the defaults, 4 and 3
        positive("clear", a.clear, true, 1e6);
        positive("alpha", a.ewma_alpha, false, 1.0);
        positive("min_scale", a.min_scale, true, 1e300);
        if (a.clear > a.threshold)
            m_rd.error(ConfigReader::member(path, "clear"),
                       QStringLiteral("expected at most the threshold (%1), found %2").arg(a.threshold).arg(a.clear));
    }

    void threshold(const QJsonObject& o, const QString& path, AlertRule& r) {
        m_rd.keys(o, path, {}, {"above", "below", "clear", "recent"});
        r.above = m_rd.number(o, "above", path, false);
        r.below = m_rd.number(o, "below", path, false);
        r.clear = m_rd.number(o, "clear", path, false);
        r.anomaly.recent_s = m_rd.duration(o, "recent", path, false, 1, 86400).value_or(60);
        if (o.contains(QLatin1String("above")) == o.contains(QLatin1String("below"))) {
            m_rd.error(path, QStringLiteral("expected exactly one of \"above\" and \"below\""));
            return;
        }
        if (r.clear && r.above && *r.clear > *r.above)
            m_rd.error(ConfigReader::member(path, "clear"),
                       QStringLiteral("expected at most \"above\" (%1), found %2").arg(*r.above).arg(*r.clear));
        if (r.clear && r.below && *r.clear < *r.below)
            m_rd.error(ConfigReader::member(path, "clear"),
                       QStringLiteral("expected at least \"below\" (%1), found %2").arg(*r.below).arg(*r.clear));
    }

    std::optional<DashboardLayout> dashboard(const QJsonValue& v, const QString& path, std::set<QString>& ids) {
        if (!v.isObject()) {
            m_rd.error(path, QStringLiteral("expected an object, found %1").arg(ConfigReader::typeName(v)));
            return std::nullopt;
        }
        const QJsonObject o = v.toObject();
        const int before = int(m_rd.errors().size());
        m_rd.keys(o, path, {"id", "title", "panels"}, {"columns"});
        DashboardLayout out;
        out.id = id(o, path, ids).value_or(QString());
        out.title = m_rd.string(o, "title", path, true, 200).value_or(QString());
        out.columns = int(m_rd.integer(o, "columns", path, false, 1, 48).value_or(12));
        std::set<QString> panelIds;
        if (const auto panels = m_rd.array(o, "panels", path, true, ObservabilityConfig::kMaxItems)) {
            for (qsizetype i = 0; i < panels->size(); ++i) {
                const QString where = ConfigReader::item(ConfigReader::member(path, "panels"), i);
                if (auto p = panel(panels->at(i), where, out.columns, panelIds)) {
                    for (qsizetype j = 0; j < qsizetype(out.panels.size()); ++j) {
                        const DashboardPanel& q = out.panels[size_t(j)];
                        if (p->x < q.x + q.w && q.x < p->x + p->w && p->y < q.y + q.h && q.y < p->y + p->h) {
                            m_rd.error(where, QStringLiteral("expected no overlap, found one with panels[%1] (\"%2\")")
                                                  .arg(j)
                                                  .arg(q.id));
                            break;
                        }
                    }
                    out.panels.push_back(std::move(*p));
                }
            }
        }
        if (int(m_rd.errors().size()) != before) return std::nullopt;
        return out;
    }

    std::optional<DashboardPanel> panel(const QJsonValue& v, const QString& path, int columns, std::set<QString>& ids) {
        if (!v.isObject()) {
            m_rd.error(path, QStringLiteral("expected an object, found %1").arg(ConfigReader::typeName(v)));
            return std::nullopt;
        }
        const QJsonObject o = v.toObject();
        const int before = int(m_rd.errors().size());
        m_rd.keys(o, path, {"id", "title", "kind", "x", "y", "w", "h"}, {"series", "window", "unit"});
        DashboardPanel out;
        out.id = id(o, path, ids).value_or(QString());
        out.title = m_rd.string(o, "title", path, true, 200).value_or(QString());
        out.kind =
            m_rd.choice(o, "kind", path, true,
                        {QStringLiteral("line"), QStringLiteral("area"), QStringLiteral("bar"), QStringLiteral("gauge"),
                         QStringLiteral("stat"), QStringLiteral("table"), QStringLiteral("alerts")})
                .value_or(out.kind);
        out.series = selectors(o, "series", path, false).value_or(std::vector<SeriesSelector>{});
        if (out.kind != QLatin1String("alerts") && !o.contains(QLatin1String("series")))
            m_rd.error(ConfigReader::member(path, "series"),
                       QStringLiteral("missing (required for a \"%1\" panel)").arg(out.kind));
        out.window_s = m_rd.duration(o, "window", path, false, 60, kYear_s).value_or(3600);
        out.unit = m_rd.string(o, "unit", path, false, 32).value_or(QString());
        out.x = int(m_rd.integer(o, "x", path, true, 0, columns - 1).value_or(0));
        out.y = int(m_rd.integer(o, "y", path, true, 0, 1000).value_or(0));
        out.w = int(m_rd.integer(o, "w", path, true, 1, columns).value_or(1));
        out.h = int(m_rd.integer(o, "h", path, true, 1, 100).value_or(1));
        if (out.x + out.w > columns)
            m_rd.error(
                ConfigReader::member(path, "w"),
                QStringLiteral("expected x + w within the %1 columns, found %2").arg(columns).arg(out.x + out.w));
        if (int(m_rd.errors().size()) != before) return std::nullopt;
        return out;
    }

private:
    ConfigReader& m_rd;
    const QStringList& m_known;
};

template <class T, class F>
std::optional<std::vector<T>> readList(const QByteArray& json, const QString& source, const QStringList& knownSeries,
                                       QStringList* errors, const char* format, const char* list, F item) {
    ConfigReader rd(source);
    Reader reader(rd, knownSeries);
    std::vector<T> out;
    if (const auto items = reader.header(json, format, list)) {
        std::set<QString> ids;
        for (qsizetype i = 0; i < items->size() && rd.errors().size() < ConfigReader::kMaxErrors; ++i)
            if (auto t = item(reader, items->at(i),
                              ConfigReader::item(ConfigReader::member(QStringLiteral("$"), list), i), ids))
                out.push_back(std::move(*t));
    }
    if (!rd.ok()) {
        if (errors) *errors = rd.errors();
        return std::nullopt;
    }
    if (errors) errors->clear();
    return out;
}

}  // namespace

std::optional<std::vector<Slo>> ObservabilityConfig::parseSlos(const QByteArray& json, const QString& source,
                                                               const QStringList& knownSeries, QStringList* errors) {
    return readList<Slo>(json, source, knownSeries, errors, kSlosFormat, "slos",
                         [](Reader& r, const QJsonValue& v, const QString& path, std::set<QString>& ids) {
                             return r.slo(v, path, ids);
                         });
}

std::optional<std::vector<AlertRule>> ObservabilityConfig::parseRules(const QByteArray& json, const QString& source,
                                                                      const QStringList& knownSeries,
                                                                      QStringList* errors) {
    return readList<AlertRule>(json, source, knownSeries, errors, kRulesFormat, "rules",
                               [](Reader& r, const QJsonValue& v, const QString& path, std::set<QString>& ids) {
                                   return r.rule(v, path, ids);
                               });
}

std::optional<std::vector<DashboardLayout>> ObservabilityConfig::parseDashboards(const QByteArray& json,
                                                                                 const QString& source,
                                                                                 const QStringList& knownSeries,
                                                                                 QStringList* errors) {
    return readList<DashboardLayout>(json, source, knownSeries, errors, kDashboardsFormat, "dashboards",
                                     [](Reader& r, const QJsonValue& v, const QString& path, std::set<QString>& ids) {
                                         return r.dashboard(v, path, ids);
                                     });
}

}  // namespace fyr::app::telemetry
