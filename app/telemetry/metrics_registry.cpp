#include "telemetry/metrics_registry.h"

#include <QCoreApplication>

#include <cmath>

namespace fyr::app::telemetry {

namespace detail {

class FamilyState {
public:
    MetricType type = MetricType::Counter;
    QString name;
    QString help;
    QStringList labelNames;
    std::vector<double> bounds;
    size_t maxSeries = 0;
    FamilyState* dropped = nullptr;  // where refused label sets are counted; null for that family itself

    std::mutex mutex;
    std::map<QStringList, std::unique_ptr<MetricSeries>> series;  // guarded by mutex
    MetricSeries* overflow = nullptr;                             // guarded by mutex; owned by `series`

    MetricSeries* insert(const QStringList& values) {
        auto s = std::make_unique<MetricSeries>();
        if (type == MetricType::Histogram) {
            s->bounds = &bounds;
            s->buckets = std::make_unique<std::atomic<uint64_t>[]>(bounds.size() + 1);
            for (size_t i = 0; i <= bounds.size(); ++i) s->buckets[i].store(0, std::memory_order_relaxed);
        }
        MetricSeries* raw = s.get();
        series.emplace(values, std::move(s));
        return raw;
    }
};

MetricSeries* seriesFor(FamilyState* family, const QStringList& labelValues) {
    if (!family) return nullptr;
    Q_ASSERT_X(labelValues.size() == family->labelNames.size(), "MetricFamily::labels", "one value per label name");
    MetricSeries* result = nullptr;
    bool refused = false;
    {
        std::lock_guard lock(family->mutex);
        const bool countOk = labelValues.size() == family->labelNames.size();
        if (countOk) {
            if (const auto it = family->series.find(labelValues); it != family->series.end()) return it->second.get();
        }
        const size_t ordinary = family->series.size() - (family->overflow ? 1 : 0);
        if (countOk && ordinary < family->maxSeries) return family->insert(labelValues);
        if (!family->overflow) {
            QStringList other;
            for (qsizetype i = 0; i < family->labelNames.size(); ++i)
                other << QString::fromLatin1(MetricsRegistry::kOverflowLabelValue);
            const auto it = family->series.find(other);
            family->overflow = it != family->series.end() ? it->second.get() : family->insert(other);
        }
        result = family->overflow;
        refused = true;
    }
    // Outside this family's lock: the dropped counter is a family of its own.
    if (refused && family->dropped)
        seriesFor(family->dropped, {family->name})->value.fetch_add(1.0, std::memory_order_relaxed);
    return result;
}

}  // namespace detail

namespace {

bool isNameChar(QChar c, bool first, bool colonAllowed) {
    const char16_t u = c.unicode();
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_') return true;
    if (colonAllowed && u == ':') return true;
    return !first && u >= '0' && u <= '9';
}

bool isValidName(const QString& name, bool colonAllowed) {
    if (name.isEmpty()) return false;
    for (qsizetype i = 0; i < name.size(); ++i)
        if (!isNameChar(name[i], i == 0, colonAllowed)) return false;
    return true;
}

void setError(QString* error, const QString& text) {
    if (error) *error = text;
}

}  // namespace

MetricsRegistry::MetricsRegistry(size_t maxSeriesPerMetric) : m_maxSeries(std::max<size_t>(maxSeriesPerMetric, 1)) {
    Q_ASSERT(maxSeriesPerMetric >= 1);
    m_dropped = add(MetricType::Counter, QString::fromLatin1(kDroppedSeriesMetric),
                    QStringLiteral("Label sets refused because their metric already had the most series allowed; "
                                   "their updates went to the series labelled __other__."),
                    {}, {QStringLiteral("metric")}, nullptr);
    Q_ASSERT(m_dropped);
}

MetricsRegistry::~MetricsRegistry() = default;

bool MetricsRegistry::isValidMetricName(const QString& name) {
    return isValidName(name, true);
}

bool MetricsRegistry::isValidLabelName(const QString& name) {
    return isValidName(name, false) && !name.startsWith(QLatin1String("__"));
}

CounterFamily MetricsRegistry::counter(const QString& name, const QString& help, const QStringList& labelNames,
                                       QString* error) {
    return CounterFamily(add(MetricType::Counter, name, help, {}, labelNames, error));
}

GaugeFamily MetricsRegistry::gauge(const QString& name, const QString& help, const QStringList& labelNames,
                                   QString* error) {
    return GaugeFamily(add(MetricType::Gauge, name, help, {}, labelNames, error));
}

HistogramFamily MetricsRegistry::histogram(const QString& name, const QString& help, const std::vector<double>& bounds,
                                           const QStringList& labelNames, QString* error) {
    return HistogramFamily(add(MetricType::Histogram, name, help, bounds, labelNames, error));
}

detail::FamilyState* MetricsRegistry::add(MetricType type, const QString& name, const QString& help,
                                          const std::vector<double>& bounds, const QStringList& labelNames,
                                          QString* error) {
    if (!isValidMetricName(name)) {
        setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                    "'%1' is not a valid metric name: it must match "
                                                    "[a-zA-Z_:][a-zA-Z0-9_:]*")
                            .arg(name));
        return nullptr;
    }
    if (type == MetricType::Counter && !name.endsWith(QLatin1String("_total"))) {
        setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                    "%1: a counter's name must end in _total")
                            .arg(name));
        return nullptr;
    }
    if (help.trimmed().isEmpty()) {
        setError(error,
                 QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry", "%1: the help text is empty")
                     .arg(name));
        return nullptr;
    }
    for (qsizetype i = 0; i < labelNames.size(); ++i) {
        const QString& label = labelNames[i];
        if (!isValidLabelName(label)) {
            setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                        "%1: '%2' is not a valid label name: it must match "
                                                        "[a-zA-Z_][a-zA-Z0-9_]* and not begin with __")
                                .arg(name, label));
            return nullptr;
        }
        if (labelNames.indexOf(label) != i) {
            setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                        "%1: the label '%2' is named twice")
                                .arg(name, label));
            return nullptr;
        }
        if (type == MetricType::Histogram && label == QLatin1String("le")) {
            setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                        "%1: a histogram cannot have a label named le")
                                .arg(name));
            return nullptr;
        }
    }
    std::vector<double> upper = bounds;
    if (!upper.empty() && std::isinf(upper.back()) && upper.back() > 0) upper.pop_back();  // +Inf is implied
    for (size_t i = 0; i < upper.size(); ++i) {
        if (!std::isfinite(upper[i]) || (i > 0 && upper[i] <= upper[i - 1])) {
            setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                        "%1: bucket bounds must be finite and strictly increasing")
                                .arg(name));
            return nullptr;
        }
    }

    QStringList taken{name};
    if (type == MetricType::Histogram)
        taken << name + QLatin1String("_bucket") << name + QLatin1String("_sum") << name + QLatin1String("_count");

    std::lock_guard lock(m_mutex);
    for (const QString& t : taken) {
        if (m_takenNames.count(t)) {
            setError(error, QCoreApplication::translate("fyr::app::telemetry::MetricsRegistry",
                                                        "%1: the name %2 is already registered")
                                .arg(name, t));
            return nullptr;
        }
    }
    auto family = std::make_unique<detail::FamilyState>();
    family->type = type;
    family->name = name;
    family->help = help;
    family->labelNames = labelNames;
    family->bounds = std::move(upper);
    family->maxSeries = m_maxSeries;
    family->dropped = m_dropped;
    detail::FamilyState* raw = family.get();
    // A family without labels has its one series from the start, so it is
    // exposed (as 0) before its first update, as Prometheus' clients do.
    if (labelNames.isEmpty()) raw->insert({});
    m_families.emplace(name, std::move(family));
    m_takenNames.insert(taken.begin(), taken.end());
    return raw;
}

std::vector<MetricFamilySnapshot> MetricsRegistry::collect() const {
    std::lock_guard lock(m_mutex);
    std::vector<MetricFamilySnapshot> out;
    out.reserve(m_families.size());
    for (const auto& [name, family] : m_families) {
        MetricFamilySnapshot f;
        f.name = family->name;
        f.help = family->help;
        f.type = family->type;
        f.labelNames = family->labelNames;
        f.bounds = family->bounds;
        std::lock_guard familyLock(family->mutex);
        f.series.reserve(family->series.size());
        for (const auto& [values, series] : family->series) {
            if (family->type == MetricType::Gauge && !series->present.load(std::memory_order_relaxed)) continue;
            MetricSeriesSnapshot s;
            s.labelValues = values;
            s.value = series->value.load(std::memory_order_relaxed);
            if (family->type == MetricType::Histogram) {
                s.cumulativeCounts.resize(family->bounds.size() + 1);
                uint64_t running = 0;
                for (size_t i = 0; i <= family->bounds.size(); ++i) {
                    running += series->buckets[i].load(std::memory_order_relaxed);
                    s.cumulativeCounts[i] = running;
                }
            }
            f.series.push_back(std::move(s));
        }
        out.push_back(std::move(f));
    }
    return out;
}

}  // namespace fyr::app::telemetry
