// OTLP/HTTP JSON export against a collector in the test (a QTcpServer speaking
// just enough HTTP/1.1): a traced request that continues a caller's
// traceparent arrives as one ExportTraceServiceRequest whose span tree is
// checked (the caller's trace id throughout, the root parented on the caller's
// span, queue, guard, prefill, decode and stream under the root, times in
// order, GenAI attributes typed as OTLP asks); batches of at most the batch
// size; retries with backoff on 503 and 429 (Retry-After honoured), on a
// timeout, none on 400; partial success counted; the configured headers sent
// but never logged; a bounded queue that counts what it drops; off by default.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <map>
#include <mutex>

#include "http_collector.h"
#include "telemetry/otlp_exporter.h"
#include "telemetry/otlp_json.h"
#include "telemetry/request_trace.h"

using namespace fyr::app::telemetry;
using fyr::test::Answer;
using fyr::test::Collector;
using fyr::test::Received;

namespace {

const QString kCallerTraceId = QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736");
const QString kCallerSpanId = QStringLiteral("00f067aa0ba902b7");
const QByteArray kCollectorKey = "collector-key-8d1f0c2a";

// Every message any thread logs while it lives.
class LogCapture final {
public:
    LogCapture() {
        s_self = this;
        m_previous = qInstallMessageHandler(handler);
    }
    ~LogCapture() {
        qInstallMessageHandler(m_previous);
        s_self = nullptr;
    }
    QString text() const {
        std::lock_guard lock(m_mutex);
        return m_text;
    }

private:
    static void handler(QtMsgType, const QMessageLogContext&, const QString& message) {
        std::lock_guard lock(s_self->m_mutex);
        s_self->m_text += message + QLatin1Char('\n');
    }
    static inline LogCapture* s_self = nullptr;
    QtMessageHandler m_previous = nullptr;
    mutable std::mutex m_mutex;
    QString m_text;
};

OtlpExporterConfig configFor(const Collector& c) {
    OtlpExporterConfig config;
    config.enabled = true;
    config.endpoint = c.url();
    config.headers.append({QByteArrayLiteral("x-api-key"), kCollectorKey});
    config.resource.service_version = QStringLiteral("0.1.0");
    config.flush_interval_ms = 60'000;  // only full batches and flush() send
    config.initial_backoff_ms = 10;
    config.timeout_ms = 2000;
    return config;
}

std::vector<Span> tracedRequest() {
    RequestTrace::Options o;
    o.request_id = QStringLiteral("req-7");
    o.model = QStringLiteral("tiny-llama");
    o.traceparent = QStringLiteral("00-%1-%2-01").arg(kCallerTraceId, kCallerSpanId);
    o.tracestate = QStringLiteral("rojo=00f067aa0ba902b7");
    RequestTrace trace(o);
    const int64_t t0 = trace.root().start_unix_ns;
    constexpr int64_t ms = 1'000'000;
    trace.addPhase(RequestPhase::GuardInput, t0 + 1 * ms, t0 + 2 * ms)
        .setAttribute(attr::kGuardVerdict, QStringLiteral("allow"));
    const int64_t submit = t0 + 2 * ms;
    trace.addEngineTimings(submit, EngineTimings{4.0, 30.0, 230.0});
    trace.addPhase(RequestPhase::Stream, submit + 30 * ms, submit + 231 * ms);
    trace.addPhase(RequestPhase::GuardOutput, submit + 231 * ms, submit + 233 * ms);
    trace.setUsage(12, 64);
    trace.setFinishReason(QStringLiteral("stop"));
    trace.root().setAttribute(attr::kGenAiRequestTemperature, 0.7);
    return trace.finish(SpanStatus::Ok, {}, submit + 233 * ms);
}

std::vector<Span> someSpans(int n) {
    std::vector<Span> spans;
    RequestTrace t(RequestTrace::Options{});
    const std::vector<Span> one = t.finish();
    for (int i = 0; i < n; ++i) spans.push_back(one.front());
    return spans;
}

QJsonArray spansOf(const Received& r) {
    const QJsonObject request = QJsonDocument::fromJson(r.body).object();
    return request[QStringLiteral("resourceSpans")][0][QStringLiteral("scopeSpans")][0][QStringLiteral("spans")]
        .toArray();
}

QJsonValue attribute(const QJsonObject& span, const QString& key) {
    for (const QJsonValue& a : span[QStringLiteral("attributes")].toArray())
        if (a[QStringLiteral("key")].toString() == key) return a[QStringLiteral("value")];
    return {};
}

qint64 nanos(const QJsonObject& span, const char* field) {
    const QJsonValue v = span[QLatin1String(field)];
    bool ok = false;
    const qint64 n = v.toString().toLongLong(&ok);  // int64 as a decimal string
    return ok ? n : -1;
}

}  // namespace

class TestOtlpExporter : public QObject {
    Q_OBJECT
private slots:
    void offByDefault() {
        const OtlpExporterConfig config;
        QVERIFY(!config.enabled);
        QCOMPARE(config.endpoint, QUrl(QStringLiteral("http://127.0.0.1:4318/v1/traces")));
        OtlpExporter exporter(config);
        QVERIFY(!exporter.enabled());
        exporter.enqueue(someSpans(3));
        exporter.flush();
        QVERIFY(exporter.waitIdle(0));
        QCOMPARE(exporter.stats().enqueued, quint64{0});
    }

    void refusesEndpoints_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("not http") << QStringLiteral("ftp://collector/v1/traces") << QStringLiteral("http or https");
        QTest::newRow("no host") << QStringLiteral("http:///v1/traces") << QStringLiteral("no host");
        QTest::newRow("password in URL") << QStringLiteral("https://fyr:pa55word@collector:4318/v1/traces")
                                         << QStringLiteral("use a header");
    }
    void refusesEndpoints() {
        QFETCH(QString, url);
        QFETCH(QString, why);
        QString error;
        QVERIFY(!OtlpExporter::checkEndpoint(QUrl(url), &error));
        QVERIFY2(error.contains(why), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("pa55word")));
        OtlpExporterConfig config;
        config.enabled = true;
        config.endpoint = QUrl(url);
        LogCapture log;
        OtlpExporter exporter(config);
        QVERIFY(!exporter.enabled());
        QCOMPARE(exporter.stats().last_error, error);
        QVERIFY(log.text().contains(why));
        QVERIFY(!log.text().contains(QStringLiteral("pa55word")));
        exporter.enqueue(someSpans(1));
        QCOMPARE(exporter.stats().enqueued, quint64{0});
        QVERIFY(OtlpExporter::checkEndpoint(QUrl(QStringLiteral("https://collector.site:4318/v1/traces")), &error));
    }

    void spanTreeArrivesAtTheCollector() {
        Collector collector;
        OtlpExporter exporter(configFor(collector));
        exporter.enqueue(tracedRequest());
        exporter.flush();
        QTRY_COMPARE(collector.received.size(), 1);
        QTRY_COMPARE(exporter.stats().exported, quint64{7});

        const Received& r = collector.received.front();
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.path, QByteArray("/v1/traces"));
        QCOMPARE(r.headers.at("content-type"), QByteArray("application/json"));
        QCOMPARE(r.headers.at("x-api-key"), kCollectorKey);

        const QJsonObject request = QJsonDocument::fromJson(r.body).object();
        const QJsonObject resource = request[QStringLiteral("resourceSpans")][0][QStringLiteral("resource")].toObject();
        QCOMPARE(attribute(resource, QStringLiteral("service.name"))[QStringLiteral("stringValue")].toString(),
                 QStringLiteral("fyr"));
        QCOMPARE(request[QStringLiteral("resourceSpans")][0][QStringLiteral("scopeSpans")][0][QStringLiteral("scope")]
                        [QStringLiteral("name")]
                            .toString(),
                 QStringLiteral("fyr"));

        const QJsonArray spans = spansOf(r);
        QCOMPARE(spans.size(), 7);
        QJsonObject root;
        std::map<QString, QJsonObject> children;
        for (const QJsonValue& v : spans) {
            const QJsonObject s = v.toObject();
            QCOMPARE(s[QStringLiteral("traceId")].toString(), kCallerTraceId);  // one trace: the caller's
            QCOMPARE(s[QStringLiteral("spanId")].toString().size(), 16);
            QVERIFY(nanos(s, "startTimeUnixNano") > 0);
            QVERIFY(nanos(s, "endTimeUnixNano") >= nanos(s, "startTimeUnixNano"));
            if (s[QStringLiteral("parentSpanId")].toString() == kCallerSpanId) {
                QVERIFY2(root.isEmpty(), "two spans claim the caller's span as parent");
                root = s;
            } else {
                children[s[QStringLiteral("name")].toString()] = s;
            }
        }
        QVERIFY(!root.isEmpty());
        QCOMPARE(root[QStringLiteral("name")].toString(), QStringLiteral("chat tiny-llama"));
        QCOMPARE(root[QStringLiteral("kind")].toInt(), 2);  // SERVER
        QCOMPARE(root[QStringLiteral("status")][QStringLiteral("code")].toInt(), 1);
        QCOMPARE(root[QStringLiteral("traceState")].toString(), QStringLiteral("rojo=00f067aa0ba902b7"));

        QCOMPARE(children.size(), size_t{6});
        for (const char* name : {"queue", "guard.input", "prefill", "decode", "stream", "guard.output"}) {
            QVERIFY2(children.count(QLatin1String(name)), name);
            const QJsonObject& c = children[QLatin1String(name)];
            QCOMPARE(c[QStringLiteral("parentSpanId")].toString(), root[QStringLiteral("spanId")].toString());
            QCOMPARE(c[QStringLiteral("kind")].toInt(), 1);  // INTERNAL
            QVERIFY(nanos(c, "startTimeUnixNano") >= nanos(root, "startTimeUnixNano"));
            QVERIFY(nanos(c, "endTimeUnixNano") <= nanos(root, "endTimeUnixNano"));
        }
        // The phases follow one another.
        const char* order[] = {"guard.input", "queue", "prefill", "decode", "guard.output"};
        for (size_t i = 1; i < std::size(order); ++i)
            QVERIFY2(nanos(children[QLatin1String(order[i])], "startTimeUnixNano") >=
                         nanos(children[QLatin1String(order[i - 1])], "endTimeUnixNano"),
                     order[i]);
        QVERIFY(nanos(children[QStringLiteral("stream")], "startTimeUnixNano") >=
                nanos(children[QStringLiteral("prefill")], "endTimeUnixNano"));

        // GenAI attributes, typed as OTLP's JSON encoding asks.
        QCOMPARE(attribute(root, QStringLiteral("gen_ai.request.model"))[QStringLiteral("stringValue")].toString(),
                 QStringLiteral("tiny-llama"));
        QCOMPARE(attribute(root, QStringLiteral("gen_ai.operation.name"))[QStringLiteral("stringValue")].toString(),
                 QStringLiteral("chat"));
        QCOMPARE(attribute(root, QStringLiteral("gen_ai.usage.input_tokens"))[QStringLiteral("intValue")].toString(),
                 QStringLiteral("12"));
        QCOMPARE(attribute(root, QStringLiteral("gen_ai.usage.output_tokens"))[QStringLiteral("intValue")].toString(),
                 QStringLiteral("64"));
        QCOMPARE(
            attribute(root, QStringLiteral("gen_ai.request.temperature"))[QStringLiteral("doubleValue")].toDouble(),
            0.7);
        const QJsonArray reasons =
            attribute(root,
                      QStringLiteral(
                          "gen_ai.response.finish_reasons"))[QStringLiteral("arrayValue")][QStringLiteral("values")]
                .toArray();
        QCOMPARE(reasons.size(), 1);
        QCOMPARE(reasons[0][QStringLiteral("stringValue")].toString(), QStringLiteral("stop"));
        QCOMPARE(attribute(children[QStringLiteral("guard.input")],
                           QStringLiteral("fyr.guard.verdict"))[QStringLiteral("stringValue")]
                     .toString(),
                 QStringLiteral("allow"));

        const OtlpExporterStats stats = exporter.stats();
        QCOMPARE(stats.batches, quint64{1});
        QCOMPARE(stats.retries, quint64{0});
        QCOMPARE(stats.queued, 0);
        QVERIFY(stats.last_error.isEmpty());
    }

    void batchesHoldAtMostTheBatchSize() {
        Collector collector;
        OtlpExporterConfig config = configFor(collector);
        config.max_batch_spans = 4;
        OtlpExporter exporter(config);
        exporter.enqueue(someSpans(10));  // two full batches go at once, the rest on flush()
        QTRY_COMPARE(exporter.stats().exported, quint64{8});
        QCOMPARE(exporter.stats().queued, 2);
        exporter.flush();
        QTRY_COMPARE(exporter.stats().exported, quint64{10});
        QCOMPARE(collector.received.size(), 3);
        QCOMPARE(spansOf(collector.received[0]).size(), 4);
        QCOMPARE(spansOf(collector.received[2]).size(), 2);
    }

    void retriesOnOverloadThenSucceeds() {
        Collector collector;
        collector.script = {Answer{503, "Retry-After: 0\r\n", "{}"}, Answer{429, {}, "{}"}};
        OtlpExporter exporter(configFor(collector));
        exporter.enqueue(someSpans(3));
        exporter.flush();
        QTRY_COMPARE(exporter.stats().exported, quint64{3});
        QCOMPARE(collector.received.size(), 3);
        QCOMPARE(collector.received[0].body, collector.received[2].body);  // the same batch again
        QCOMPARE(exporter.stats().retries, quint64{2});
        QCOMPARE(exporter.stats().dropped_failed, quint64{0});
        QVERIFY(exporter.stats().last_error.isEmpty());
    }

    void timeoutIsRetried() {
        Collector collector;
        collector.script = {Answer{0, {}, {}}};  // the first POST is never answered
        OtlpExporterConfig config = configFor(collector);
        config.timeout_ms = 300;
        OtlpExporter exporter(config);
        exporter.enqueue(someSpans(2));
        exporter.flush();
        QTRY_COMPARE_WITH_TIMEOUT(exporter.stats().exported, quint64{2}, 10000);
        QCOMPARE(exporter.stats().retries, quint64{1});
        QCOMPARE(collector.received.size(), 2);
    }

    void givesUpWithoutLoggingTheHeaders() {
        Collector collector;
        collector.script = {Answer{400, {}, "{}"}};
        LogCapture log;
        OtlpExporter exporter(configFor(collector));
        exporter.enqueue(someSpans(5));
        exporter.flush();
        QTRY_COMPARE(exporter.stats().dropped_failed, quint64{5});
        QCOMPARE(collector.received.size(), 1);  // 400 is not retried
        QCOMPARE(exporter.stats().retries, quint64{0});
        QCOMPARE(exporter.stats().last_error, QStringLiteral("HTTP 400"));
        QTRY_VERIFY(log.text().contains(QStringLiteral("HTTP 400")));
        QVERIFY(!log.text().contains(QString::fromLatin1(kCollectorKey)));

        // Retryable failures stop after max_attempts.
        collector.script = {Answer{503, {}, {}}, Answer{503, {}, {}}, Answer{503, {}, {}}};
        OtlpExporterConfig config = configFor(collector);
        config.max_attempts = 3;
        OtlpExporter limited(config);
        limited.enqueue(someSpans(1));
        limited.flush();
        QTRY_COMPARE(limited.stats().dropped_failed, quint64{1});
        QCOMPARE(limited.stats().retries, quint64{2});
        QCOMPARE(collector.received.size(), 4);
        QVERIFY(!log.text().contains(QString::fromLatin1(kCollectorKey)));
    }

    void partialSuccessIsCounted() {
        Collector collector;
        collector.script = {Answer{200, {}, "{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"x\"}}"}};
        OtlpExporter exporter(configFor(collector));
        exporter.enqueue(someSpans(5));
        exporter.flush();
        QTRY_COMPARE(exporter.stats().batches, quint64{1});
        QCOMPARE(exporter.stats().exported, quint64{3});
        QCOMPARE(exporter.stats().rejected, quint64{2});
    }

    void queueIsBoundedAndNeverBlocks() {
        OtlpExporterConfig config;
        config.enabled = true;
        config.endpoint = QUrl(QStringLiteral("http://127.0.0.1:9/v1/traces"));  // nothing listens; never sent here
        config.max_queue_spans = 10;
        config.max_batch_spans = 100;  // more than fit: nothing leaves before flush()
        config.flush_interval_ms = 60'000;
        OtlpExporter exporter(config);
        exporter.enqueue(someSpans(7));
        exporter.enqueue(someSpans(7));
        exporter.enqueue(someSpans(16));
        const OtlpExporterStats stats = exporter.stats();
        QCOMPARE(stats.enqueued, quint64{10});
        QCOMPARE(stats.dropped_queue_full, quint64{20});
        QCOMPARE(stats.queued, 10);
    }

    void backoffGrowsToItsCap() {
        OtlpExporterConfig config;
        config.initial_backoff_ms = 100;
        config.max_backoff_ms = 1000;
        const int expected[] = {100, 200, 400, 800, 1000, 1000};
        for (int i = 0; i < 6; ++i) {
            const int attempt = i + 2;
            for (int k = 0; k < 20; ++k) {
                const int ms = OtlpExporter::backoffMs(config, attempt);
                QVERIFY2(ms <= expected[i] && ms >= expected[i] * 4 / 5, QByteArray::number(ms).constData());
            }
        }
        QCOMPARE(OtlpExporter::backoffMs(config, 2, 0), 0);
        QCOMPARE(OtlpExporter::backoffMs(config, 2, 3600), 1000);
        QVERIFY(OtlpExporter::backoffMs(config, 200) <= 1000);
    }

    void anyValueEncoding() {
        QCOMPARE(otlpAnyValueJson(true)[QStringLiteral("boolValue")].toBool(), true);
        QCOMPARE(otlpAnyValueJson(int64_t{-9007199254740993})[QStringLiteral("intValue")].toString(),
                 QStringLiteral("-9007199254740993"));  // beyond a double's exact range: a string
        QCOMPARE(otlpAnyValueJson(qQNaN())[QStringLiteral("doubleValue")].toString(), QStringLiteral("NaN"));
        QCOMPARE(otlpAnyValueJson(QStringLiteral("x"))[QStringLiteral("stringValue")].toString(), QStringLiteral("x"));
        Span s;
        s.name = QStringLiteral("alone");
        s.start_unix_ns = 1;
        s.end_unix_ns = 2;
        const QJsonObject o = otlpSpanJson(s);
        QVERIFY(!o.contains(QStringLiteral("parentSpanId")));  // a root of its own
        QVERIFY(!o.contains(QStringLiteral("status")));
        QVERIFY(!o.contains(QStringLiteral("attributes")));
        QCOMPARE(o[QStringLiteral("startTimeUnixNano")].toString(), QStringLiteral("1"));
    }
};

QTEST_GUILESS_MAIN(TestOtlpExporter)
#include "tst_otlp_exporter.moc"
