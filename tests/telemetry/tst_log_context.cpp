// Request and trace ids in JSON log lines: inside a request's LogContextScope
// every JSON line carries request_id, trace_id and span_id (through the
// installed handler too, the engine's log included), secrets in the message
// and in a caller-chosen request id are still redacted, other threads and
// lines after the scope carry none, and text lines are unchanged.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>
#include <thread>

#include "core/log_categories.h"
#include "core/logging.h"
#include "fyr/log.h"
#include "telemetry/request_trace.h"

using fyr::app::Logging;
using fyr::app::LogOptions;
using namespace fyr::app::telemetry;

namespace {

QJsonObject jsonLine(const QString& message) {
    const QByteArray line = Logging::formatLine(QtInfoMsg, "fyr.server", message, true);
    return QJsonDocument::fromJson(line).object();
}

RequestTrace::Options callerRequest() {
    RequestTrace::Options o;
    o.request_id = QStringLiteral("req-31");
    o.model = QStringLiteral("tiny-llama");
    o.traceparent = QStringLiteral("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    return o;
}

}  // namespace

class TestLogContext : public QObject {
    Q_OBJECT
private slots:
    void jsonLineCarriesTheRequest() {
        RequestTrace trace(callerRequest());
        {
            LogContextScope scope = trace.logScope();
            const QJsonObject o = jsonLine(QStringLiteral("upstream said Authorization: Bearer abc.def.ghi"));
            QCOMPARE(o.value(QStringLiteral("request_id")).toString(), QStringLiteral("req-31"));
            QCOMPARE(o.value(QStringLiteral("trace_id")).toString(),
                     QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
            QCOMPARE(o.value(QStringLiteral("span_id")).toString(), QString::fromStdString(trace.rootSpanId().hex()));
            QVERIFY(!o.value(QStringLiteral("msg")).toString().contains(QStringLiteral("abc.def.ghi")));
            QVERIFY(o.value(QStringLiteral("msg")).toString().contains(QStringLiteral("[redacted]")));

            // Text lines stay as they were.
            const QByteArray text = Logging::formatLine(QtInfoMsg, "fyr.server", QStringLiteral("hello"), false);
            QVERIFY(!text.contains("req-31"));

            QJsonObject other;
            std::thread([&other] { other = jsonLine(QStringLiteral("elsewhere")); }).join();
            QVERIFY(!other.contains(QStringLiteral("request_id")));
            QVERIFY(!other.contains(QStringLiteral("trace_id")));
        }
        const QJsonObject after = jsonLine(QStringLiteral("done"));
        QVERIFY(!after.contains(QStringLiteral("request_id")));
        QVERIFY(!after.contains(QStringLiteral("trace_id")));
        QVERIFY(!after.contains(QStringLiteral("span_id")));
    }

    // A request id is the caller's to choose: one that smuggles a secret is redacted like a message.
    void requestIdIsRedacted() {
        LogContextScope scope({QStringLiteral("token=hunter2hunter2"), {}, {}});
        const QJsonObject o = jsonLine(QStringLiteral("x"));
        QVERIFY(!o.value(QStringLiteral("request_id")).toString().contains(QStringLiteral("hunter2hunter2")));
        QVERIFY(!o.contains(QStringLiteral("trace_id")));
    }

    void installedHandlerWritesTheIds() {
        QTemporaryFile tmp;
        QVERIFY(tmp.open());
        FILE* stream = std::fopen(qPrintable(tmp.fileName()), "w");
        QVERIFY(stream);
        LogOptions opts;
        opts.json = true;
        opts.stream = stream;
        Logging::install(opts);
        RequestTrace trace(callerRequest());
        {
            LogContextScope scope = trace.logScope();
            qCWarning(lcServer).noquote() << "guard blocked the prompt; api_key=sk-proj-AAAABBBBCCCCDDDDEEEE";
            FYR_LOG_WARN("runtime", "request preempted");
        }
        qCInfo(lcServer) << "outside";
        qInstallMessageHandler(nullptr);
        fyr::log::set_sink({});
        std::fclose(stream);

        QFile f(tmp.fileName());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(o.value(QStringLiteral("request_id")).toString(), QStringLiteral("req-31"));
            QCOMPARE(o.value(QStringLiteral("trace_id")).toString(),
                     QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
            QCOMPARE(o.value(QStringLiteral("span_id")).toString().size(), 16);
        }
        QVERIFY(!lines.at(0).contains("AAAABBBBCCCCDDDDEEEE"));
        QCOMPARE(QJsonDocument::fromJson(lines.at(1)).object().value(QStringLiteral("category")).toString(),
                 QStringLiteral("fyr.engine"));
        QVERIFY(!QJsonDocument::fromJson(lines.at(2)).object().contains(QStringLiteral("request_id")));
    }
};

QTEST_GUILESS_MAIN(TestLogContext)
#include "tst_log_context.moc"
