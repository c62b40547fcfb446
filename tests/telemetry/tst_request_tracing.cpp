// A runtime request's result laid onto its trace: spans from the engine's
// timings, usage, finish reason, response model and id, error status for
// "error" and "deadline" but not for a cancellation; then a real request on
// stories260K (SKIP without it) traced from a caller's traceparent through the
// runtime and exported to a collector in the test, whose span tree is checked.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <condition_variable>
#include <mutex>

#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/runtime.h"
#include "services/request_tracing.h"
#include "telemetry/otlp_exporter.h"
#include "telemetry/trace_store.h"

using namespace fyr::app::telemetry;
using fyr::app::traceRuntimeResult;

namespace {

const QString kModel = QStringLiteral(FYR_SHARED_DIR "/models/stories260K.gguf");
const QString kCaller = QStringLiteral("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

const Span* byName(const std::vector<Span>& spans, const char* name) {
    for (const Span& s : spans)
        if (s.name == QLatin1String(name)) return &s;
    return nullptr;
}

// Answers every POST with 200 and keeps the bodies.
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
    QList<QByteArray> bodies;

private:
    void read(QTcpSocket* s) {
        QByteArray& buffer = m_buffers[s];
        buffer += s->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) return;
        qsizetype length = 0;
        for (const QByteArray& line : buffer.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:")) length = line.mid(15).trimmed().toLongLong();
        if (buffer.size() < end + 4 + length) return;
        bodies << buffer.mid(end + 4, length);
        buffer.remove(0, end + 4 + length);
        s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    }
    QTcpServer m_server;
    std::map<QTcpSocket*, QByteArray> m_buffers;
};

}  // namespace

class TestRequestTracing : public QObject {
    Q_OBJECT
private slots:
    void resultBecomesSpansAndAttributes_data() {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("status");
        QTest::newRow("length") << QStringLiteral("length") << int(SpanStatus::Unset);
        QTest::newRow("eos") << QStringLiteral("eos") << int(SpanStatus::Unset);
        QTest::newRow("cancelled") << QStringLiteral("cancelled") << int(SpanStatus::Unset);
        QTest::newRow("deadline") << QStringLiteral("deadline") << int(SpanStatus::Error);
        QTest::newRow("error") << QStringLiteral("error") << int(SpanStatus::Error);
    }
    void resultBecomesSpansAndAttributes() {
        QFETCH(QString, reason);
        QFETCH(int, status);
        RequestTrace::Options o;
        o.request_id = QStringLiteral("r1");
        o.model = QStringLiteral("stories260K");
        o.traceparent = kCaller;
        RequestTrace trace(o);
        fyr::RequestResult r;
        r.id = 17;
        r.finish_reason = reason.toStdString();
        r.metrics.queue_ms = 2;
        r.metrics.ttft_ms = 10;
        r.metrics.e2e_ms = 50;
        r.metrics.prompt_tokens = 5;
        r.metrics.gen_tokens = 8;
        r.metrics.reused_prefix_tokens = 3;
        r.metrics.kv_peak_bytes = 40960;
        r.record.model = "stories260K";
        const int64_t submit = trace.root().start_unix_ns;
        QCOMPARE(int(traceRuntimeResult(trace, submit, r)), status);
        const std::vector<Span> spans = trace.finish(SpanStatus(status), {}, submit + 50'000'000);
        QCOMPARE(spans.size(), size_t{4});
        QCOMPARE(byName(spans, "queue")->end_unix_ns, submit + 2'000'000);
        QCOMPARE(byName(spans, "prefill")->end_unix_ns, submit + 10'000'000);
        QCOMPARE(byName(spans, "decode")->end_unix_ns, submit + 50'000'000);
        const Span& root = spans.front();
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kGenAiUsageInputTokens)), int64_t{5});
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kGenAiUsageOutputTokens)), int64_t{8});
        QCOMPARE(std::get<QStringList>(*root.attribute(attr::kGenAiResponseFinishReasons)), QStringList{reason});
        QCOMPARE(std::get<QString>(*root.attribute(attr::kGenAiResponseModel)), QStringLiteral("stories260K"));
        QCOMPARE(std::get<QString>(*root.attribute(attr::kGenAiResponseId)), QStringLiteral("17"));
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kReusedPrefixTokens)), int64_t{3});
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kKvPeakBytes)), int64_t{40960});
        QCOMPARE(root.attribute(attr::kErrorType) != nullptr, status == int(SpanStatus::Error));
    }

    void realRequestIsExportedAsOneTree() {
        if (!QFile::exists(kModel)) QSKIP("stories260K.gguf missing from " FYR_SHARED_DIR "/models");
        std::string error;
        auto file = fyr::GgufFile::open(kModel.toStdString(), &error);
        QVERIFY2(file, error.c_str());
        auto model = fyr::Model::load(*file, &error);
        QVERIFY2(model, error.c_str());

        Collector collector;
        OtlpExporterConfig config;
        config.enabled = true;
        config.endpoint = collector.url();
        OtlpExporter exporter(config);
        TraceStore store;

        RequestTrace::Options o;
        o.request_id = QStringLiteral("chat-1");
        o.model = QStringLiteral("stories260K");
        o.traceparent = kCaller;
        RequestTrace trace(o);
        trace.addPhase(RequestPhase::GuardInput, trace.root().start_unix_ns, unixNanosNow());

        std::mutex m;
        std::condition_variable cv;
        bool done = false;
        SpanStatus status = SpanStatus::Unset;
        {
            fyr::RuntimeParams p;
            p.n_threads = 2;
            p.max_seq_len = 64;
            fyr::Runtime rt(*model, p);
            fyr::Request r;
            r.prompt = {1, 403, 407, 261, 378};
            r.max_tokens = 6;
            const int64_t submitted = unixNanosNow();
            trace.beginPhase(RequestPhase::Stream, submitted);
            // On the runtime's thread; the test thread waits until it is done.
            r.on_done = [&, submitted](const fyr::RequestResult& result) {
                std::lock_guard lock(m);
                status = traceRuntimeResult(trace, submitted, result);
                trace.endPhase(RequestPhase::Stream);
                done = true;
                cv.notify_all();
            };
            QVERIFY(rt.submit(std::move(r)).accepted());
            std::unique_lock lock(m);
            QVERIFY(cv.wait_for(lock, std::chrono::seconds(60), [&] { return done; }));
        }
        std::vector<Span> spans = trace.finish(status);
        store.put(trace.requestId(), spans);
        exporter.enqueue(std::move(spans));
        exporter.flush();
        QTRY_COMPARE(collector.bodies.size(), 1);
        QCOMPARE(store.find(QStringLiteral("chat-1"))->size(), size_t{6});

        const QJsonArray exported =
            QJsonDocument::fromJson(collector.bodies.front())
                .object()[QStringLiteral("resourceSpans")][0][QStringLiteral("scopeSpans")][0][QStringLiteral("spans")]
                .toArray();
        QCOMPARE(exported.size(), 6);
        const QJsonObject root = exported[0].toObject();
        QCOMPARE(root[QStringLiteral("traceId")].toString(), QStringLiteral("0af7651916cd43dd8448eb211c80319c"));
        QCOMPARE(root[QStringLiteral("parentSpanId")].toString(), QStringLiteral("b7ad6b7169203331"));
        QStringList names;
        for (qsizetype i = 1; i < exported.size(); ++i) {
            const QJsonObject c = exported[i].toObject();
            QCOMPARE(c[QStringLiteral("traceId")].toString(), root[QStringLiteral("traceId")].toString());
            QCOMPARE(c[QStringLiteral("parentSpanId")].toString(), root[QStringLiteral("spanId")].toString());
            QVERIFY(c[QStringLiteral("startTimeUnixNano")].toString().toLongLong() >=
                    root[QStringLiteral("startTimeUnixNano")].toString().toLongLong());
            QVERIFY(c[QStringLiteral("endTimeUnixNano")].toString().toLongLong() <=
                    root[QStringLiteral("endTimeUnixNano")].toString().toLongLong());
            names << c[QStringLiteral("name")].toString();
        }
        names.sort();
        QCOMPARE(names, (QStringList{QStringLiteral("decode"), QStringLiteral("guard.input"), QStringLiteral("prefill"),
                                     QStringLiteral("queue"), QStringLiteral("stream")}));
        QString outputTokens;
        for (const QJsonValue& a : root[QStringLiteral("attributes")].toArray())
            if (a[QStringLiteral("key")].toString() == attr::kGenAiUsageOutputTokens)
                outputTokens = a[QStringLiteral("value")][QStringLiteral("intValue")].toString();
        QVERIFY(outputTokens.toInt() > 0 && outputTokens.toInt() <= 6);
    }
};

QTEST_GUILESS_MAIN(TestRequestTracing)
#include "tst_request_tracing.moc"
