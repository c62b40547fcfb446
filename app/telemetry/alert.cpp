#include "telemetry/alert.h"

#include "telemetry/alert_sink.h"

#include <QDateTime>

#include <cmath>

namespace fyr::app::telemetry {

namespace {

QString isoTime(int64_t t_s) {
    return QDateTime::fromSecsSinceEpoch(t_s, Qt::UTC).toString(Qt::ISODate);
}

QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

}  // namespace

QString severityName(Severity s) {
    switch (s) {
        case Severity::Info: return QStringLiteral("info");
        case Severity::Warning: return QStringLiteral("warning");
        case Severity::Critical: return QStringLiteral("critical");
    }
    return {};
}

std::optional<Severity> severityFromName(const QString& name) {
    if (name == QLatin1String("info")) return Severity::Info;
    if (name == QLatin1String("warning")) return Severity::Warning;
    if (name == QLatin1String("critical")) return Severity::Critical;
    return std::nullopt;
}

QString alertChangeName(AlertChange c) {
    switch (c) {
        case AlertChange::Opened: return QStringLiteral("opened");
        case AlertChange::Escalated: return QStringLiteral("escalated");
        case AlertChange::Acknowledged: return QStringLiteral("acknowledged");
        case AlertChange::Resolved: return QStringLiteral("resolved");
    }
    return {};
}

QJsonObject Alert::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(id));
    o.insert(QStringLiteral("rule"), rule);
    o.insert(QStringLiteral("series"), series);
    o.insert(QStringLiteral("labels"), labels);
    o.insert(QStringLiteral("severity"), severityName(severity));
    o.insert(QStringLiteral("start"), isoTime(start_s));
    o.insert(QStringLiteral("end"), end_s ? QJsonValue(isoTime(*end_s)) : QJsonValue());
    o.insert(QStringLiteral("acknowledged_by"), acknowledged_by.isEmpty() ? QJsonValue() : QJsonValue(acknowledged_by));
    o.insert(QStringLiteral("acknowledged_at"),
             acknowledged_at_s ? QJsonValue(isoTime(*acknowledged_at_s)) : QJsonValue());
    o.insert(QStringLiteral("runbook"), runbook);
    o.insert(QStringLiteral("summary"), summary);
    o.insert(QStringLiteral("value"), number(value));
    o.insert(QStringLiteral("threshold"), number(threshold));
    return o;
}

}  // namespace fyr::app::telemetry
