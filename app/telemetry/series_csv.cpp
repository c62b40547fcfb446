#include "telemetry/series_csv.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>

#include <charconv>
#include <cmath>
#include <map>
#include <set>

namespace fyr::app::telemetry {

namespace {

QString deviceName(const QIODevice& device) {
    if (const auto* file = qobject_cast<const QFileDevice*>(&device); file && !file->fileName().isEmpty())
        return file->fileName();
    return QCoreApplication::translate("fyr::app::telemetry::SeriesCsv", "CSV output");
}

QByteArray quoted(const QByteArray& text) {
    const bool needsQuotes = text.contains(',') || text.contains('"') || text.contains('\n') || text.contains('\r');
    if (!needsQuotes) return text;
    QByteArray out = text;
    out.replace('"', QByteArrayLiteral("\"\""));
    return '"' + out + '"';
}

QByteArray isoTime(int64_t time_s) {
    return QDateTime::fromSecsSinceEpoch(time_s, Qt::UTC).toString(Qt::ISODate).toLatin1();
}

}  // namespace

QByteArray SeriesCsv::field(const QString& text) {
    QByteArray utf8 = text.toUtf8();
    if (!utf8.isEmpty()) {
        const char c = utf8.front();
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') utf8.prepend('\'');
    }
    return quoted(utf8);
}

QByteArray SeriesCsv::numberField(double v) {
    if (std::isnan(v)) return QByteArrayLiteral("NaN");
    if (std::isinf(v)) return v > 0 ? QByteArrayLiteral("Inf") : QByteArrayLiteral("-Inf");
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
    return QByteArray(buffer, result.ptr - buffer);
}

QByteArray SeriesCsv::format(const std::vector<SeriesRange>& ranges) {
    // Each range's labels by name, and the union of the names for the columns.
    std::vector<std::map<QString, QString>> labels(ranges.size());
    std::set<QString> names;
    for (size_t i = 0; i < ranges.size(); ++i) {
        const auto pairs = SeriesKey::parseLabels(ranges[i].key.labels);
        Q_ASSERT(pairs);  // keys are made canonical
        if (!pairs) continue;
        for (const auto& [name, value] : *pairs) {
            labels[i][name] = value;
            names.insert(name);
        }
    }

    QByteArray out = "time,series";
    for (const QString& name : names) out += ',' + field(name);
    out += ",mean,min,max\r\n";

    for (size_t i = 0; i < ranges.size(); ++i) {
        QByteArray labelCells = ',' + field(ranges[i].key.name);
        for (const QString& name : names) {
            labelCells += ',';
            if (const auto it = labels[i].find(name); it != labels[i].end()) labelCells += field(it->second);
        }
        for (const SeriesPoint& p : ranges[i].points) {
            out += isoTime(p.time_s) + labelCells;
            out += ',' + numberField(p.mean) + ',' + numberField(p.min) + ',' + numberField(p.max) + "\r\n";
        }
    }
    return out;
}

QString SeriesCsv::write(QIODevice& device, const std::vector<SeriesRange>& ranges) {
    if (!device.isWritable())
        return QCoreApplication::translate("fyr::app::telemetry::SeriesCsv", "%1: not open for writing")
            .arg(deviceName(device));
    const QByteArray text = format(ranges);
    if (device.write(text) != text.size()) return writeError(device);
    return {};
}

QString SeriesCsv::openError(const QIODevice& device) {
    return QCoreApplication::translate("fyr::app::telemetry::SeriesCsv", "%1: cannot open: %2")
        .arg(deviceName(device), device.errorString());
}

QString SeriesCsv::writeError(const QIODevice& device) {
    return QCoreApplication::translate("fyr::app::telemetry::SeriesCsv", "%1: cannot write: %2")
        .arg(deviceName(device), device.errorString());
}

}  // namespace fyr::app::telemetry
