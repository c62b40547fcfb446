#include "telemetry/webhook_alert_sink.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace fyr::app::telemetry {

WebhookAlertSink::WebhookAlertSink(QUrl url, bool allowRemote, int timeoutMs, QObject* parent)
    : QObject(parent), m_url(std::move(url)), m_timeoutMs(timeoutMs) {
    checkUrl(m_url, allowRemote, &m_urlError);
}

WebhookAlertSink::~WebhookAlertSink() = default;

bool WebhookAlertSink::checkUrl(const QUrl& url, bool allowRemote, QString* error) {
    const auto fail = [&](const QString& what) {
        if (error) *error = QStringLiteral("webhook URL %1: %2").arg(url.toDisplayString(QUrl::RemoveUserInfo), what);
        return false;
    };
    if (!url.isValid()) return fail(QStringLiteral("not a valid URL"));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return fail(QStringLiteral("expected http or https"));
    if (url.host().isEmpty()) return fail(QStringLiteral("no host"));
    if (!url.userInfo().isEmpty()) return fail(QStringLiteral("a user name or password in the URL is not accepted"));
    if (!allowRemote) {
        const QHostAddress address(url.host());
        const bool local = url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
                           (!address.isNull() && address.isLoopback());
        if (!local)
            return fail(QStringLiteral(
                "expected a host on this machine (localhost, 127.0.0.1, ::1) unless remote webhooks are allowed"));
    }
    if (error) error->clear();
    return true;
}

QByteArray WebhookAlertSink::bodyOf(const AlertEvent& event) {
    const QJsonObject o{{QStringLiteral("source"), QStringLiteral("fyr")},
                        {QStringLiteral("event"), alertChangeName(event.change)},
                        {QStringLiteral("alert"), event.alert.toJson()}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void WebhookAlertSink::notify(const AlertEvent& event) {
    const QByteArray body = bodyOf(event);
    const quint64 id = event.alert.id;
    // Posts are made on this object's thread; notify() may come from the tick's.
    QMetaObject::invokeMethod(
        this, [this, body, id] { post(body, id, 1); }, Qt::QueuedConnection);
}

void WebhookAlertSink::post(const QByteArray& body, quint64 alertId, int attempt) {
    if (!m_urlError.isEmpty()) {
        emit failed(alertId, m_urlError);
        return;
    }
    if (attempt == 1 && m_pending >= kMaxPending) {
        emit failed(alertId, QStringLiteral("webhook: %1 posts waiting already, alert dropped").arg(kMaxPending));
        return;
    }
    if (attempt == 1) ++m_pending;
    if (!m_network) m_network = std::make_unique<QNetworkAccessManager>();
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("fyr"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    QNetworkReply* reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, body, alertId, attempt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool ok = reply->error() == QNetworkReply::NoError && status >= 200 && status < 300;
        if (ok) {
            --m_pending;
            emit delivered(alertId, status);
            return;
        }
        if (attempt < 2) {
            QTimer::singleShot(1000, this, [this, body, alertId] { post(body, alertId, 2); });
            return;
        }
        --m_pending;
        const QString why = status ? QStringLiteral("HTTP %1").arg(status) : reply->errorString();
        emit failed(alertId, QStringLiteral("webhook %1: %2").arg(m_url.toDisplayString(QUrl::RemoveUserInfo), why));
    });
}

}  // namespace fyr::app::telemetry
