// WebhookAlertSink: an alert POSTed as JSON to a listener on 127.0.0.1 (a
// QTcpServer standing in for the site's webhook), also when notified from
// another thread; an error status retried once, then reported; a closed port
// reported; URLs off this machine, with credentials or of another scheme refused.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <thread>

#include "telemetry/webhook_alert_sink.h"

using namespace fyr::app::telemetry;

namespace {

// A one-route HTTP listener: records each request and answers with `status`.
class Listener : public QObject {
public:
    struct Request {
        QByteArray method, path, contentType, body;
    };

    explicit Listener(int status) : m_status(status) {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/fyr").arg(m_server.serverPort())); }
    std::vector<Request> requests;

private:
    void read(QTcpSocket* s) {
        QByteArray& buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0) return;
        const QList<QByteArray> lines = buf.left(end).split('\n');
        Request r;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        r.method = first.value(0);
        r.path = first.value(1);
        qsizetype length = 0;
        for (const QByteArray& l : lines) {
            const QByteArray lower = l.trimmed().toLower();
            if (lower.startsWith("content-length:")) length = lower.mid(15).trimmed().toLongLong();
            if (lower.startsWith("content-type:")) r.contentType = l.trimmed().mid(13).trimmed();
        }
        if (buf.size() < end + 4 + length) return;
        r.body = buf.mid(end + 4, length);
        requests.push_back(r);
        m_buffers.remove(s);
        s->write("HTTP/1.1 " + QByteArray::number(m_status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        s->disconnectFromHost();
    }

    int m_status;
    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
};

AlertEvent makeEvent(AlertChange change) {
    Alert a;
    a.id = 42;
    a.rule = QStringLiteral("gpu-hot");
    a.series = QStringLiteral("fyr:gpu_temperature_celsius");
    a.labels = QStringLiteral("gpu=\"0\"");
    a.severity = Severity::Critical;
    a.start_s = 1700000000;
    a.summary = QStringLiteral("95 above 90");
    a.runbook = QStringLiteral("Check the fans.");
    a.value = 95;
    a.threshold = 90;
    return {change, a};
}

}  // namespace

class TestWebhookAlertSink : public QObject {
    Q_OBJECT
private slots:
    void deliversToALocalListener() {
        Listener listener(200);
        WebhookAlertSink sink(listener.url());
        QSignalSpy delivered(&sink, &WebhookAlertSink::delivered);
        sink.notify(makeEvent(AlertChange::Opened));
        // From the alert manager's thread too.
        std::thread other([&] { sink.notify(makeEvent(AlertChange::Resolved)); });
        other.join();
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 2, 10000);
        QCOMPARE(delivered[0][0].toULongLong(), quint64{42});
        QCOMPARE(delivered[0][1].toInt(), 200);
        QCOMPARE(listener.requests.size(), size_t{2});
        const Listener::Request& r = listener.requests[0];
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/hooks/fyr"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(QStringLiteral("source")).toString(), QStringLiteral("fyr"));
        QCOMPARE(body.value(QStringLiteral("event")).toString(), QStringLiteral("opened"));
        const QJsonObject alert = body.value(QStringLiteral("alert")).toObject();
        QCOMPARE(alert.value(QStringLiteral("id")).toString(), QStringLiteral("42"));
        QCOMPARE(alert.value(QStringLiteral("rule")).toString(), QStringLiteral("gpu-hot"));
        QCOMPARE(alert.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QCOMPARE(alert.value(QStringLiteral("runbook")).toString(), QStringLiteral("Check the fans."));
        QCOMPARE(alert.value(QStringLiteral("start")).toString(), QStringLiteral("2023-11-14T22:13:20Z"));
        QCOMPARE(alert.value(QStringLiteral("value")).toDouble(), 95.0);
        QCOMPARE(QJsonDocument::fromJson(listener.requests[1].body).object().value(QStringLiteral("event")).toString(),
                 QStringLiteral("resolved"));
    }

    void errorStatusIsRetriedThenReported() {
        Listener listener(503);
        WebhookAlertSink sink(listener.url());
        QSignalSpy failed(&sink, &WebhookAlertSink::failed);
        QSignalSpy delivered(&sink, &WebhookAlertSink::delivered);
        sink.notify(makeEvent(AlertChange::Opened));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QCOMPARE(listener.requests.size(), size_t{2});  // the first try and one retry
        QVERIFY2(failed[0][1].toString().contains(QStringLiteral("HTTP 503")), qPrintable(failed[0][1].toString()));
        QCOMPARE(delivered.size(), 0);
    }

    void closedPortIsReported() {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        WebhookAlertSink sink(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)), false, 2000);
        QSignalSpy failed(&sink, &WebhookAlertSink::failed);
        sink.notify(makeEvent(AlertChange::Opened));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 15000);
        QVERIFY(failed[0][1].toString().startsWith(QStringLiteral("webhook http://127.0.0.1:")));
    }

    void urls_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowRemote");
        QTest::addColumn<bool>("ok");
        QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:9000/x") << false << true;
        QTest::newRow("localhost https") << QStringLiteral("https://localhost/x") << false << true;
        QTest::newRow("ipv6 loopback") << QStringLiteral("http://[::1]:9000/") << false << true;
        QTest::newRow("site host, not allowed") << QStringLiteral("https://alerts.example.org/hook") << false << false;
        QTest::newRow("site host, allowed") << QStringLiteral("https://alerts.example.org/hook") << true << true;
        QTest::newRow("lan address, not allowed") << QStringLiteral("http://10.0.0.5/hook") << false << false;
        QTest::newRow("credentials") << QStringLiteral("http://user:secret@127.0.0.1/") << false << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/") << false << false;
        QTest::newRow("no host") << QStringLiteral("http:///x") << true << false;
    }
    void urls() {
        QFETCH(QString, url);
        QFETCH(bool, allowRemote);
        QFETCH(bool, ok);
        QString error;
        QCOMPARE(WebhookAlertSink::checkUrl(QUrl(url), allowRemote, &error), ok);
        QCOMPARE(error.isEmpty(), ok);
        QVERIFY(!error.contains(QStringLiteral("secret")));
    }

    void refusedUrlPostsNothing() {
        WebhookAlertSink sink(QUrl(QStringLiteral("https://alerts.example.org/hook")));
        QSignalSpy failed(&sink, &WebhookAlertSink::failed);
        sink.notify(makeEvent(AlertChange::Opened));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed[0][1].toString().contains(QStringLiteral("this machine")));
    }
};

QTEST_GUILESS_MAIN(TestWebhookAlertSink)
#include "tst_webhook_alert_sink.moc"
