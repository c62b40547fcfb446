#include "telemetry/syslog_alert_sink.h"

#include <syslog.h>

namespace fyr::app::telemetry {

SyslogAlertSink::SyslogAlertSink(int facility, Writer writer) : m_writer(std::move(writer)) {
    if (!m_writer) {
        // The ident must outlive the log: a string literal.
        openlog("fyr", LOG_PID, facility < 0 ? LOG_DAEMON : facility);
        m_opened = true;
        m_writer = [](int priority, const QByteArray& line) { syslog(priority, "%s", line.constData()); };
    }
}

SyslogAlertSink::~SyslogAlertSink() {
    if (m_opened) closelog();
}

int SyslogAlertSink::priorityOf(const AlertEvent& event) {
    if (event.change == AlertChange::Resolved) return LOG_NOTICE;
    switch (event.alert.severity) {
        case Severity::Critical: return LOG_CRIT;
        case Severity::Warning: return LOG_WARNING;
        case Severity::Info: return LOG_INFO;
    }
    return LOG_INFO;
}

QByteArray SyslogAlertSink::lineOf(const AlertEvent& event) {
    const Alert& a = event.alert;
    QString line =
        QStringLiteral("fyr alert %1 %2 %3 %4: %5")
            .arg(QString::number(a.id), alertChangeName(event.change), severityName(a.severity), a.rule, a.summary);
    if (event.change == AlertChange::Acknowledged)
        line += QStringLiteral(" (acknowledged by %1)").arg(a.acknowledged_by);
    const QString runbook = a.runbook.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (event.change == AlertChange::Opened && !runbook.isEmpty())
        line += QStringLiteral(" (runbook: %1)").arg(runbook);
    for (QChar& c : line)
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\0')) c = QLatin1Char(' ');
    return line.toUtf8();
}

void SyslogAlertSink::notify(const AlertEvent& event) {
    m_writer(priorityOf(event), lineOf(event));
}

}  // namespace fyr::app::telemetry
