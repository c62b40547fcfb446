#include "services/telemetry_outputs.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrl>

#include <algorithm>
#include <utility>

#include "core/log_categories.h"
#include "services/installation_settings.h"
#include "telemetry/alert_manager.h"
#include "telemetry/alert_sink.h"
#include "telemetry/otlp_exporter.h"
#include "telemetry/syslog_alert_sink.h"
#include "telemetry/trace_context.h"
#include "telemetry/webhook_alert_sink.h"

namespace fyr::app {

namespace {


constexpr qint64 kMaxHeaderFileBytes = 64 * 1024;
constexpr int kMaxHeaders = 64;

bool isTokenChar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

}  // namespace

// The one sink AlertManager knows; the syslog and webhook sinks behind it change with the settings.
class TelemetryOutputs::Forwarder final : public telemetry::AlertSink {
public:
    void notify(const telemetry::AlertEvent& event) override {
        std::shared_ptr<telemetry::AlertSink> syslog, webhook;
        {
            std::lock_guard lock(m_mutex);
            syslog = m_syslog;
            webhook = m_webhook;
        }
        if (syslog) syslog->notify(event);
        if (webhook) webhook->notify(event);
    }
    void set(std::shared_ptr<telemetry::AlertSink> syslog, std::shared_ptr<telemetry::AlertSink> webhook) {
        std::lock_guard lock(m_mutex);
        m_syslog = std::move(syslog);
        m_webhook = std::move(webhook);
    }

private:
    std::mutex m_mutex;
    std::shared_ptr<telemetry::AlertSink> m_syslog, m_webhook;
};

TelemetryOutputs::TelemetryOutputs() : m_forwarder(std::make_shared<Forwarder>()) {
    m_status = {QCoreApplication::translate("fyr::app::TelemetryOutputs", "trace export: off"),
                QCoreApplication::translate("fyr::app::TelemetryOutputs", "alerts to syslog: off"),
                QCoreApplication::translate("fyr::app::TelemetryOutputs", "alert webhook: off")};
}

TelemetryOutputs::TelemetryOutputs(telemetry::AlertManager& alerts) : TelemetryOutputs() {
    alerts.addSink(m_forwarder);
}

TelemetryOutputs::~TelemetryOutputs() {
    // The manager may outlive us and keep the forwarder: leave it empty.
    m_forwarder->set(nullptr, nullptr);
}

std::optional<QList<QPair<QByteArray, QByteArray>>> TelemetryOutputs::readHeaderFile(const QString& path,
                                                                                      QString* error) {
    auto fail = [&](const QString& why) -> std::optional<QList<QPair<QByteArray, QByteArray>>> {
        if (error) *error = why;
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1: cannot be read: %2").arg(path, file.errorString()));
    if (file.size() > kMaxHeaderFileBytes)
        return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1: larger than %2 bytes; expected a few header lines").arg(path).arg(kMaxHeaderFileBytes));
    const QByteArray text = file.read(kMaxHeaderFileBytes + 1);
    QList<QPair<QByteArray, QByteArray>> headers;
    int lineNo = 0;
    for (const QByteArray& line : text.split('\n')) {
        ++lineNo;
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#')) continue;
        const qsizetype colon = trimmed.indexOf(':');
        const QByteArray name = colon > 0 ? trimmed.left(colon).trimmed() : QByteArray();
        if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenChar))
            return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1:%2: expected \"Name: value\" with a header name of letters, digits and -").arg(path).arg(lineNo));
        const QByteArray value = trimmed.mid(colon + 1).trimmed();
        // The value is a credential: it is never quoted back.
        if (value.isEmpty()) return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1:%2: header %3 has no value").arg(path).arg(lineNo).arg(QString::fromLatin1(name)));
        if (std::any_of(value.begin(), value.end(), [](char c) { return (c >= 0 && c < 0x20 && c != '\t') || c == 0x7f; }))
            return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1:%2: header %3's value holds a control character").arg(path).arg(lineNo).arg(QString::fromLatin1(name)));
        if (headers.size() >= kMaxHeaders)
            return fail(QCoreApplication::translate("fyr::app::TelemetryOutputs", "%1:%2: more than %3 headers").arg(path).arg(lineNo).arg(kMaxHeaders));
        headers.append({name, value});
    }
    return headers;
}

QStringList TelemetryOutputs::apply(const InstallationSettings& settings) {
    QStringList problems, status;

    // Trace export.
    std::shared_ptr<telemetry::OtlpExporter> exporter;
    if (settings.value(QStringLiteral("telemetry.otlp.enabled")).toBool()) {
        telemetry::OtlpExporterConfig c;
        c.enabled = true;
        c.endpoint = QUrl(settings.value(QStringLiteral("telemetry.otlp.endpoint")).toString());
        const QString headersFile = settings.value(QStringLiteral("telemetry.otlp.headers_file")).toString();
        QString why;
        bool ok = telemetry::OtlpExporter::checkEndpoint(c.endpoint, &why);
        if (ok && !headersFile.isEmpty()) {
            if (auto headers = readHeaderFile(headersFile, &why))
                c.headers = *headers;
            else
                ok = false;
        }
        if (ok) {
            exporter = std::make_shared<telemetry::OtlpExporter>(c);
            status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "trace export: on, to %1").arg(c.endpoint.toString());
        } else {
            problems << QCoreApplication::translate("fyr::app::TelemetryOutputs", "trace export stays off (telemetry.otlp): %1").arg(why);
            status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "trace export: off (%1)").arg(why);
        }
    } else {
        status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "trace export: off");
    }

    // Alerts to syslog.
    std::shared_ptr<telemetry::AlertSink> syslog;
    if (settings.value(QStringLiteral("alerts.syslog.enabled")).toBool()) {
        syslog = std::make_shared<telemetry::SyslogAlertSink>();
        status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "alerts to syslog: on (facility daemon)");
    } else {
        status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "alerts to syslog: off");
    }

    // Alerts to a webhook.
    std::shared_ptr<telemetry::AlertSink> webhook;
    const QString hook = settings.value(QStringLiteral("alerts.webhook.url")).toString();
    if (!hook.isEmpty()) {
        const QUrl url(hook);
        const bool remote = settings.value(QStringLiteral("alerts.webhook.allow_remote")).toBool();
        QString why;
        if (telemetry::WebhookAlertSink::checkUrl(url, remote, &why)) {
            // Deleted on its own thread whoever drops the last reference.
            webhook = std::shared_ptr<telemetry::WebhookAlertSink>(new telemetry::WebhookAlertSink(url, remote),
                                                                   [](telemetry::WebhookAlertSink* s) { s->deleteLater(); });
            status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "alert webhook: %1").arg(url.toString());
        } else {
            problems << QCoreApplication::translate("fyr::app::TelemetryOutputs", "the alert webhook stays off (alerts.webhook.url): %1").arg(why);
            status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "alert webhook: off (%1)").arg(why);
        }
    } else {
        status << QCoreApplication::translate("fyr::app::TelemetryOutputs", "alert webhook: off");
    }

    m_forwarder->set(std::move(syslog), std::move(webhook));
    std::shared_ptr<telemetry::OtlpExporter> old;
    {
        std::lock_guard lock(m_mutex);
        old = std::exchange(m_exporter, std::move(exporter));
        m_status = status;
    }
    // Spans the old exporter holds are sent now; whatever is still in flight
    // when it is destroyed is dropped (never waited for on this thread).
    if (old) old->flush();
    for (const QString& p : problems) qCWarning(lcTelemetry).noquote() << p;
    return problems;
}

void TelemetryOutputs::exportTrace(const std::vector<telemetry::Span>& spans) {
    if (spans.empty() || (spans.front().trace_flags & telemetry::kTraceFlagSampled) == 0) return;
    std::shared_ptr<telemetry::OtlpExporter> exporter;
    {
        std::lock_guard lock(m_mutex);
        exporter = m_exporter;
    }
    if (exporter && exporter->enabled()) exporter->enqueue(spans);
}

QStringList TelemetryOutputs::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

bool TelemetryOutputs::traceExportOn() const {
    std::lock_guard lock(m_mutex);
    return m_exporter && m_exporter->enabled();
}

quint64 TelemetryOutputs::spansExported() const {
    std::shared_ptr<telemetry::OtlpExporter> exporter;
    {
        std::lock_guard lock(m_mutex);
        exporter = m_exporter;
    }
    return exporter ? exporter->stats().exported : 0;
}

}  // namespace fyr::app
