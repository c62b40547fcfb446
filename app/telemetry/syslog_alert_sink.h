// Alert changes written to the system log through syslog(3), facility
// LOG_DAEMON (or the one given), one line each:
//   fyr alert 12 opened critical slo:ttft-p95: <summary> (runbook: <first line>)
// Priority by severity: critical LOG_CRIT, warning LOG_WARNING, info LOG_INFO;
// a resolution is LOG_NOTICE. Newlines in the text become spaces, so one alert
// is one log line.
//
//   manager.addSink(std::make_shared<SyslogAlertSink>());     // optional, from settings
//
// Thread-safety: notify() from one thread at a time; syslog(3) itself is thread-safe.
#pragma once

#include <QByteArray>

#include <functional>

#include "telemetry/alert_sink.h"

namespace fyr::app::telemetry {

class SyslogAlertSink final : public AlertSink {
public:
    using Writer = std::function<void(int priority, const QByteArray& line)>;

    // With no writer, lines go to syslog(3) under the ident "fyr" (openlog on
    // construction, closelog on destruction); tests pass their own.
    explicit SyslogAlertSink(int facility = -1, Writer writer = {});
    ~SyslogAlertSink() override;
    SyslogAlertSink(const SyslogAlertSink&) = delete;
    SyslogAlertSink& operator=(const SyslogAlertSink&) = delete;

    void notify(const AlertEvent& event) override;

    static int priorityOf(const AlertEvent& event);
    static QByteArray lineOf(const AlertEvent& event);

private:
    Writer m_writer;
    bool m_opened = false;
};

}  // namespace fyr::app::telemetry
