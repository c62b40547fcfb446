#include "telemetry/series_key.h"

#include <algorithm>

namespace fyr::app::telemetry {

SeriesKey SeriesKey::make(const QString& name, const QStringList& labelNames, const QStringList& labelValues) {
    return SeriesKey{name, canonicalLabels(labelNames, labelValues)};
}

QString SeriesKey::canonicalLabels(const QStringList& labelNames, const QStringList& labelValues) {
    Q_ASSERT_X(labelNames.size() == labelValues.size(), "SeriesKey::canonicalLabels", "one value per label name");
    std::vector<std::pair<QString, QString>> pairs;
    for (qsizetype i = 0; i < labelNames.size() && i < labelValues.size(); ++i)
        pairs.emplace_back(labelNames[i], labelValues[i]);
    std::sort(pairs.begin(), pairs.end());
    QString out;
    for (const auto& [name, value] : pairs) {
        if (!out.isEmpty()) out += QLatin1Char(',');
        out += name + QLatin1String("=\"");
        for (const QChar c : value) {
            if (c == QLatin1Char('\\'))
                out += QLatin1String("\\\\");
            else if (c == QLatin1Char('"'))
                out += QLatin1String("\\\"");
            else if (c == QLatin1Char('\n'))
                out += QLatin1String("\\n");
            else
                out += c;
        }
        out += QLatin1Char('"');
    }
    return out;
}

std::optional<std::vector<std::pair<QString, QString>>> SeriesKey::parseLabels(const QString& labels) {
    std::vector<std::pair<QString, QString>> out;
    qsizetype i = 0;
    const qsizetype n = labels.size();
    while (i < n) {
        const qsizetype eq = labels.indexOf(QLatin1String("=\""), i);
        if (eq <= i) return std::nullopt;
        QString name = labels.mid(i, eq - i);
        QString value;
        qsizetype j = eq + 2;
        bool closed = false;
        while (j < n) {
            const QChar c = labels[j];
            if (c == QLatin1Char('"')) {
                closed = true;
                ++j;
                break;
            }
            if (c == QLatin1Char('\\')) {
                if (j + 1 >= n) return std::nullopt;
                const QChar e = labels[j + 1];
                if (e == QLatin1Char('n'))
                    value += QLatin1Char('\n');
                else if (e == QLatin1Char('\\') || e == QLatin1Char('"'))
                    value += e;
                else
                    return std::nullopt;
                j += 2;
                continue;
            }
            value += c;
            ++j;
        }
        if (!closed) return std::nullopt;
        out.emplace_back(std::move(name), std::move(value));
        if (j == n) break;
        if (labels[j] != QLatin1Char(',') || j + 1 == n) return std::nullopt;
        i = j + 1;
    }
    return out;
}

}  // namespace fyr::app::telemetry
