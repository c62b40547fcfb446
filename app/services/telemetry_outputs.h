// Where the console's telemetry leaves the process, as the installation's
// settings say (installation_settings.h): finished, sampled request traces to
// an OTLP/HTTP collector, alert changes to syslog and to a webhook. Everything
// is off until a site turns it on; apply() again after a setting changes and
// the outputs are replaced at once (no restart).
//
//   fyr::app::TelemetryOutputs outputs(hub.alerts());          // GUI thread (the webhook posts there)
//   QStringList problems = outputs.apply(settings);            // "" per output that could not start
//   traceStore.setFinishedListener([&outputs](const auto& spans) { outputs.exportTrace(spans); });
//   outputs.status();                                          // one line per output, for the UI
//
// The collector's headers come from the file telemetry.otlp.headers_file names:
// one "Name: value" per line, '#' starts a comment; a line that is not a header
// is reported with the file and line and the exporter stays off. Header values
// are never logged or shown.
//
// Thread-safety: construction, apply() and destruction on the owning thread,
// which runs an event loop (the webhook's posts are made there);
// exportTrace(), status() and the alert sink it registers from any thread.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "telemetry/span.h"

namespace fyr::app {

class InstallationSettings;

namespace telemetry {
class AlertManager;
class AlertSink;
class OtlpExporter;
}  // namespace telemetry

class TelemetryOutputs final {
public:
    // Registers one forwarding sink with `alerts` (which must outlive this object's use of it).
    explicit TelemetryOutputs(telemetry::AlertManager& alerts);
    // Without alerts (fyrctl serve): only the trace export is of use.
    TelemetryOutputs();
    ~TelemetryOutputs();
    TelemetryOutputs(const TelemetryOutputs&) = delete;
    TelemetryOutputs& operator=(const TelemetryOutputs&) = delete;

    // Reads the settings and replaces the outputs; returns what could not be
    // started (each message names the setting or file and what was wrong).
    QStringList apply(const InstallationSettings& settings);

    // Hands a finished trace (root first) to the exporter when it is on and the
    // trace is sampled; never blocks on the network.
    void exportTrace(const std::vector<telemetry::Span>& spans);

    // One line per output: "trace export: off", "alert webhook: http://127.0.0.1:9000/hook", ...
    QStringList status() const;
    bool traceExportOn() const;
    // Spans the exporter accepted so far (0 when off); for tests and the UI.
    quint64 spansExported() const;

    // "Name: value" lines; nullopt with *error "<file>:<line>: <what>" on a bad line.
    static std::optional<QList<QPair<QByteArray, QByteArray>>> readHeaderFile(const QString& path, QString* error);

private:
    class Forwarder;
    std::shared_ptr<Forwarder> m_forwarder;
    mutable std::mutex m_mutex;
    std::shared_ptr<telemetry::OtlpExporter> m_exporter;  // guarded by m_mutex
    QStringList m_status;                                  // guarded by m_mutex
};

}  // namespace fyr::app
