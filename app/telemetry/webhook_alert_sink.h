// Alert changes POSTed as JSON to a webhook the site runs (a chat bridge, a
// pager gateway), off unless configured. Library fyr_telemetry_webhook, so that
// fyr_telemetry itself needs no QtNetwork.
//
//   QString error;
//   if (WebhookAlertSink::checkUrl(url, /*allowRemote=*/false, &error))
//       manager.addSink(std::make_shared<WebhookAlertSink>(url));   // on a thread with an event loop
//
// The body (Content-Type: application/json):
//   {"source": "fyr", "event": "opened", "alert": {<Alert::toJson()>}}
// The URL must be http or https with no user name or password in it, and by
// default its host must be this machine (localhost, 127.0.0.0/8, ::1); a host
// elsewhere on the site needs allowRemote, so that alerts (which carry model
// and user names) never leave the machine by a typo. Redirects are not
// followed. Each POST has a timeout; a failure is retried once after a second,
// then reported through failed(). At most kMaxPending posts wait at a time;
// more are dropped and reported.
//
// Thread-safety: notify() may be called from any thread; the posts are made on
// the thread this object lives in, which must run an event loop. The signals
// are emitted there.
#pragma once

#include <QObject>
#include <QUrl>

#include <memory>

#include "telemetry/alert_sink.h"

class QNetworkAccessManager;

namespace fyr::app::telemetry {

class WebhookAlertSink final : public QObject, public AlertSink {
    Q_OBJECT
public:
    static constexpr int kMaxPending = 64;
    static constexpr int kDefaultTimeoutMs = 5000;

    // Precondition: checkUrl(url, allowRemote) holds (an invalid URL posts nothing
    // and reports every event as failed).
    explicit WebhookAlertSink(QUrl url, bool allowRemote = false, int timeoutMs = kDefaultTimeoutMs,
                              QObject* parent = nullptr);
    ~WebhookAlertSink() override;

    void notify(const AlertEvent& event) override;

    static bool checkUrl(const QUrl& url, bool allowRemote, QString* error);
    static QByteArray bodyOf(const AlertEvent& event);

signals:
    void delivered(quint64 alertId, int httpStatus);
    void failed(quint64 alertId, const QString& error);

private:
    void post(const QByteArray& body, quint64 alertId, int attempt);

    QUrl m_url;
    QString m_urlError;
    int m_timeoutMs;
    std::unique_ptr<QNetworkAccessManager> m_network;  // made on first use, in this object's thread
    int m_pending = 0;                                 // this object's thread only
};

}  // namespace fyr::app::telemetry
