// A time series' identity: a metric's name and its labels as one canonical
// string, the form kept in the database's metric_series.labels column:
// name="value" pairs sorted by label name, joined by commas, values escaped as in
// Prometheus' text format (backslash, double quote and newline).
//
//   SeriesKey k = SeriesKey::make(QStringLiteral("fyr:gpu_utilization_ratio"),
//                                 {QStringLiteral("gpu"), QStringLiteral("backend")},
//                                 {QStringLiteral("0"), QStringLiteral("nvml")});
//   // k.labels == R"(backend="nvml",gpu="0")"
//   auto pairs = SeriesKey::parseLabels(k.labels);   // {{"backend","nvml"},{"gpu","0"}}
//
// Thread-safety: a value type; the static members are reentrant.
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <tuple>
#include <utility>
#include <vector>

namespace fyr::app::telemetry {

struct SeriesKey {
    QString name;
    QString labels;  // canonical (see above); "" for a series without labels

    // Precondition: one value per label name.
    static SeriesKey make(const QString& name, const QStringList& labelNames, const QStringList& labelValues);
    static QString canonicalLabels(const QStringList& labelNames, const QStringList& labelValues);
    // The (name, value) pairs of a canonical string, unescaped and in order;
    // nullopt for a string that is not one.
    static std::optional<std::vector<std::pair<QString, QString>>> parseLabels(const QString& labels);

    friend bool operator==(const SeriesKey& a, const SeriesKey& b) { return a.name == b.name && a.labels == b.labels; }
    friend bool operator<(const SeriesKey& a, const SeriesKey& b) {
        return std::tie(a.name, a.labels) < std::tie(b.name, b.labels);
    }
};

}  // namespace fyr::app::telemetry
