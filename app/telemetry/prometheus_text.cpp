#include "telemetry/prometheus_text.h"

#include <charconv>
#include <cmath>

namespace fyr::app::telemetry {

namespace {

QByteArray escape(const QString& text, bool quotes) {
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '\n')
            out += "\\n";
        else if (quotes && c == '"')
            out += "\\\"";
        else
            out += c;
    }
    return out;
}

const char* typeName(MetricType type) {
    switch (type) {
        case MetricType::Counter: return "counter";
        case MetricType::Gauge: return "gauge";
        case MetricType::Histogram: return "histogram";
    }
    return "untyped";
}

// {a="x",b="y"} with an optional trailing le; nothing at all for no labels.
void appendLabels(QByteArray& out, const QStringList& names, const QStringList& values, const QByteArray& le = {}) {
    if (names.isEmpty() && le.isNull()) return;
    out += '{';
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (i) out += ',';
        out += names[i].toLatin1();  // validated: ASCII only
        out += "=\"";
        out += PrometheusText::escapeLabelValue(i < values.size() ? values[i] : QString());
        out += '"';
    }
    if (!le.isNull()) {
        if (!names.isEmpty()) out += ',';
        out += "le=\"";
        out += le;
        out += '"';
    }
    out += '}';
}

}  // namespace

QByteArray PrometheusText::formatNumber(double v) {
    if (std::isnan(v)) return QByteArrayLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QByteArray(buffer, result.ptr - buffer);
}

QByteArray PrometheusText::escapeLabelValue(const QString& value) {
    return escape(value, true);
}

QByteArray PrometheusText::escapeHelp(const QString& help) {
    return escape(help, false);
}

QByteArray PrometheusText::format(const std::vector<MetricFamilySnapshot>& families) {
    QByteArray out;
    for (const MetricFamilySnapshot& f : families) {
        const QByteArray name = f.name.toLatin1();  // validated: ASCII only
        out += "# HELP " + name + ' ' + escapeHelp(f.help) + '\n';
        out += "# TYPE " + name + ' ' + typeName(f.type) + '\n';
        for (const MetricSeriesSnapshot& s : f.series) {
            if (f.type != MetricType::Histogram) {
                out += name;
                appendLabels(out, f.labelNames, s.labelValues);
                out += ' ' + formatNumber(s.value) + '\n';
                continue;
            }
            Q_ASSERT(s.cumulativeCounts.size() == f.bounds.size() + 1);
            for (size_t i = 0; i < s.cumulativeCounts.size(); ++i) {
                out += name + "_bucket";
                appendLabels(out, f.labelNames, s.labelValues,
                             i < f.bounds.size() ? formatNumber(f.bounds[i]) : QByteArrayLiteral("+Inf"));
                out += ' ' + QByteArray::number(quint64(s.cumulativeCounts[i])) + '\n';
            }
            out += name + "_sum";
            appendLabels(out, f.labelNames, s.labelValues);
            out += ' ' + formatNumber(s.value) + '\n';
            out += name + "_count";
            appendLabels(out, f.labelNames, s.labelValues);
            const uint64_t count = s.cumulativeCounts.empty() ? 0 : s.cumulativeCounts.back();
            out += ' ' + QByteArray::number(quint64(count)) + '\n';
        }
    }
    return out;
}

}  // namespace fyr::app::telemetry
