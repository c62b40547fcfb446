// A collector for tests: a QTcpServer on the loopback speaking just enough
// HTTP/1.1 to record each request (method, path, headers, body) and answer it
// from a script, then 200 {}. Lives in the test's thread: run its event loop
// (QTRY_*) while the client works.
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <map>

namespace fyr::test {

struct Received {
    QByteArray method;
    QByteArray path;
    std::map<QByteArray, QByteArray> headers;  // names lowercased
    QByteArray body;
};

struct Answer {
    int status = 200;    // 0: never answer
    QByteArray headers;  // extra header lines, each ending in \r\n
    QByteArray body = "{}";
};

// A collector that records each request and answers from a script (then 200).
class Collector final : public QObject {
public:
    Collector() {
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, this, [this, s] { read(s); });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v1/traces").arg(m_server.serverPort())); }

    QList<Received> received;
    QList<Answer> script;

private:
    void read(QTcpSocket* s) {
        QByteArray& buffer = m_buffers[s];
        buffer += s->readAll();
        while (true) {
            const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0) return;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            Received r;
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            r.method = requestLine.value(0);
            r.path = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0) r.headers[lines[i].left(colon).trimmed().toLower()] = lines[i].mid(colon + 1).trimmed();
            }
            const qsizetype length = r.headers[QByteArrayLiteral("content-length")].toLongLong();
            if (buffer.size() < headerEnd + 4 + length) return;
            r.body = buffer.mid(headerEnd + 4, length);
            buffer.remove(0, headerEnd + 4 + length);
            received << r;
            const Answer a = script.isEmpty() ? Answer{} : script.takeFirst();
            if (a.status == 0) continue;
            s->write("HTTP/1.1 " + QByteArray::number(a.status) + " Status\r\nContent-Type: application/json\r\n" +
                     a.headers + "Content-Length: " + QByteArray::number(a.body.size()) + "\r\n\r\n" + a.body);
        }
    }

    QTcpServer m_server;
    std::map<QTcpSocket*, QByteArray> m_buffers;
};

}  // namespace fyr::test
