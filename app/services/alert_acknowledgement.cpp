#include "services/alert_acknowledgement.h"

#include <QCoreApplication>
#include <QDateTime>

#include <optional>

#include "services/app_session.h"
#include "services/telemetry_hub.h"
#include "store/audit_log.h"
#include "store/permissions.h"

namespace fyr::app {

QString alertAuditTarget(const QString& rule, const QString& series, const QString& labels) {
    QString target = rule;
    if (!series.isEmpty()) target += QLatin1Char(' ') + series;
    if (!labels.isEmpty()) target += QLatin1Char('{') + labels + QLatin1Char('}');
    return target;
}

QString acknowledgeAlert(TelemetryHub& hub, AppSession& session, uint64_t alertId) {
    const Principal& who = session.who();
    if (session.isExpired())
        return QCoreApplication::translate("fyr::app::Alerts",
                                           "The session is locked; sign in again to acknowledge alerts.");
    const Permission needed = Permission::DashboardsView;
    if (!session.may(needed)) {
        session.audit().append(who.user, QStringLiteral("permission.denied"), permissionName(needed),
                               QStringLiteral("alert acknowledge %1").arg(alertId));
        return QCoreApplication::translate("fyr::app::Alerts", "%1 (role %2) lacks the permission %3")
            .arg(who.user, who.role, permissionName(needed));
    }
    session.touch();
    std::optional<telemetry::Alert> alert;
    for (const telemetry::Alert& a : hub.alerts().active())
        if (a.id == alertId) alert = a;
    if (!alert)
        return QCoreApplication::translate("fyr::app::Alerts", "Alert %1 is no longer open; it resolved meanwhile.")
            .arg(alertId);
    if (alert->isAcknowledged()) return {};  // the first acknowledgement stands, on record already
    if (!hub.acknowledge(alertId, who.user))
        return QCoreApplication::translate("fyr::app::Alerts", "Alert %1 is no longer open; it resolved meanwhile.")
            .arg(alertId);
    const QString details = QStringLiteral("alert %1, %2, opened %3")
                                .arg(alertId)
                                .arg(telemetry::severityName(alert->severity))
                                .arg(QDateTime::fromSecsSinceEpoch(alert->start_s, Qt::UTC).toString(Qt::ISODate));
    const QString e = session.audit().append(who.user, QStringLiteral("alert.acknowledge"),
                                             alertAuditTarget(alert->rule, alert->series, alert->labels), details);
    if (!e.isEmpty())
        return QCoreApplication::translate("fyr::app::Alerts",
                                           "The alert was acknowledged, but the audit log could not record it: %1")
            .arg(e);
    return {};
}

}  // namespace fyr::app
