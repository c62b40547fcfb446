// Request traces and the trace store: a caller's traceparent continued (same
// trace id, root parented on the caller's span, tracestate carried) or, when
// invalid, a new trace with the reason kept; phase spans parented on the root
// with ordered times, from the engine's timings and from begin/end; GenAI
// attributes; the log context a trace opens; the store's count and byte caps,
// replacement, lookups and use from many threads.
#include <QTest>

#include <atomic>
#include <thread>

#include "telemetry/log_context.h"
#include "telemetry/request_trace.h"
#include "telemetry/trace_store.h"

using namespace fyr::app::telemetry;

namespace {

const QString kCallerHeader = QStringLiteral("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
constexpr int64_t kT0 = 1'700'000'000'000'000'000;  // a fixed Unix time in ns
constexpr int64_t kMs = 1'000'000;

RequestTrace::Options options(const QString& traceparent = kCallerHeader) {
    RequestTrace::Options o;
    o.request_id = QStringLiteral("req-1");
    o.model = QStringLiteral("tiny-llama");
    o.traceparent = traceparent;
    o.tracestate = QStringLiteral("rojo=00f067aa0ba902b7");
    o.start_unix_ns = kT0;
    return o;
}

const Span* byName(const std::vector<Span>& spans, const QString& name) {
    for (const Span& s : spans)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

class TestRequestTrace : public QObject {
    Q_OBJECT
private slots:
    void continuesTheCallersTrace() {
        RequestTrace t(options());
        QVERIFY(t.continuesCallerTrace());
        QVERIFY(t.traceParentError().isEmpty());
        QCOMPARE(t.traceId().hex(), std::string("4bf92f3577b34da6a3ce929d0e0e4736"));
        QCOMPARE(t.root().parent_span_id.hex(), std::string("00f067aa0ba902b7"));
        QVERIFY(t.rootSpanId().isValid());
        QVERIFY(!(t.rootSpanId() == t.root().parent_span_id));
        QCOMPARE(t.root().trace_state, QStringLiteral("rojo=00f067aa0ba902b7"));
        QVERIFY(t.sampled());
        // Our own traceparent names our root span in the caller's trace.
        QCOMPARE(t.traceParentHeader(), QStringLiteral("00-4bf92f3577b34da6a3ce929d0e0e4736-%1-01")
                                            .arg(QString::fromStdString(t.rootSpanId().hex())));
        QCOMPARE(t.root().name, QStringLiteral("chat tiny-llama"));
        QCOMPARE(t.root().kind, SpanKind::Server);
    }

    void unsampledCallerStaysUnsampled() {
        RequestTrace t(options(QStringLiteral("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")));
        QVERIFY(t.continuesCallerTrace());
        QVERIFY(!t.sampled());
        QVERIFY(t.traceParentHeader().endsWith(QStringLiteral("-00")));
    }

    void invalidTraceParentStartsANewTrace() {
        RequestTrace t(options(QStringLiteral("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")));
        QVERIFY(!t.continuesCallerTrace());
        QVERIFY(t.traceParentError().contains(QStringLiteral("trace-id")));
        QVERIFY(t.traceId().isValid());
        QVERIFY(!t.root().parent_span_id.isValid());
        QVERIFY(t.root().trace_state.isEmpty());  // tracestate goes with an invalid traceparent
        QVERIFY(t.sampled());

        RequestTrace none(options(QString()));
        QVERIFY(!none.continuesCallerTrace());
        QVERIFY(none.traceParentError().isEmpty());
        QVERIFY(!(none.traceId() == t.traceId()));
    }

    void phasesFromEngineTimingsAndMarks() {
        RequestTrace t(options());
        t.addPhase(RequestPhase::GuardInput, kT0 + 1 * kMs, kT0 + 3 * kMs)
            .setAttribute(attr::kGuardVerdict, QStringLiteral("allow"));
        const int64_t submit = kT0 + 3 * kMs;
        t.addEngineTimings(submit, EngineTimings{5.0, 25.0, 125.0});
        t.beginPhase(RequestPhase::Stream, submit + 25 * kMs);
        Span* stream = t.endPhase(RequestPhase::Stream, SpanStatus::Unset, {}, submit + 126 * kMs);
        QVERIFY(stream);
        QVERIFY(!t.endPhase(RequestPhase::Stream));  // not open any more
        t.addPhase(RequestPhase::GuardOutput, submit + 126 * kMs, submit + 127 * kMs);
        t.setUsage(12, 100);
        t.setFinishReason(QStringLiteral("length"));
        const std::vector<Span> spans = t.finish(SpanStatus::Ok, {}, submit + 127 * kMs);

        QCOMPARE(spans.size(), size_t{7});
        const Span& root = spans.front();
        QCOMPARE(root.status, SpanStatus::Ok);
        QCOMPARE(root.start_unix_ns, kT0);
        QCOMPARE(root.end_unix_ns, submit + 127 * kMs);
        int64_t previousStart = root.start_unix_ns;
        for (size_t i = 1; i < spans.size(); ++i) {
            const Span& c = spans[i];
            QCOMPARE(c.trace_id, root.trace_id);
            QCOMPARE(c.parent_span_id, root.span_id);
            QCOMPARE(c.trace_state, root.trace_state);
            QVERIFY(c.start_unix_ns >= previousStart);  // children come in start order
            QVERIFY(c.end_unix_ns >= c.start_unix_ns);
            QVERIFY(c.start_unix_ns >= root.start_unix_ns && c.end_unix_ns <= root.end_unix_ns);
            previousStart = c.start_unix_ns;
        }
        const Span* queue = byName(spans, QStringLiteral("queue"));
        const Span* prefill = byName(spans, QStringLiteral("prefill"));
        const Span* decode = byName(spans, QStringLiteral("decode"));
        QVERIFY(queue && prefill && decode);
        QCOMPARE(queue->start_unix_ns, submit);
        QCOMPARE(queue->end_unix_ns, submit + 5 * kMs);
        QCOMPARE(prefill->start_unix_ns, submit + 5 * kMs);
        QCOMPARE(prefill->end_unix_ns, submit + 25 * kMs);
        QCOMPARE(decode->start_unix_ns, submit + 25 * kMs);
        QCOMPARE(decode->end_unix_ns, submit + 125 * kMs);
        const Span* guardIn = byName(spans, QStringLiteral("guard.input"));
        QVERIFY(guardIn);
        QCOMPARE(std::get<QString>(*guardIn->attribute(attr::kGuardDirection)), QStringLiteral("input"));
        QCOMPARE(std::get<QString>(*guardIn->attribute(attr::kGuardVerdict)), QStringLiteral("allow"));
        QVERIFY(byName(spans, QStringLiteral("guard.output")));
        QVERIFY(byName(spans, QStringLiteral("stream")));

        QCOMPARE(std::get<QString>(*root.attribute(attr::kGenAiRequestModel)), QStringLiteral("tiny-llama"));
        QCOMPARE(std::get<QString>(*root.attribute(attr::kGenAiOperationName)), QStringLiteral("chat"));
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kGenAiUsageInputTokens)), int64_t{12});
        QCOMPARE(std::get<int64_t>(*root.attribute(attr::kGenAiUsageOutputTokens)), int64_t{100});
        QCOMPARE(std::get<QStringList>(*root.attribute(attr::kGenAiResponseFinishReasons)),
                 QStringList{QStringLiteral("length")});
        QCOMPARE(std::get<QString>(*root.attribute(attr::kRequestId)), QStringLiteral("req-1"));
    }

    void oddEngineTimingsGiveOrderedSpans_data() {
        QTest::addColumn<double>("queue");
        QTest::addColumn<double>("ttft");
        QTest::addColumn<double>("e2e");
        QTest::addColumn<int>("spans");  // children
        QTest::newRow("cancelled while queued") << 40.0 << 0.0 << 40.0 << 1;
        QTest::newRow("admitted, no token") << 10.0 << 0.0 << 30.0 << 2;
        QTest::newRow("ttft past e2e") << 1.0 << 50.0 << 20.0 << 3;
        QTest::newRow("negative and NaN") << -5.0 << qQNaN() << 10.0 << 2;
        QTest::newRow("all zero") << 0.0 << 0.0 << 0.0 << 1;
    }
    void oddEngineTimingsGiveOrderedSpans() {
        QFETCH(double, queue);
        QFETCH(double, ttft);
        QFETCH(double, e2e);
        QFETCH(int, spans);
        RequestTrace t(options());
        t.addEngineTimings(kT0, EngineTimings{queue, ttft, e2e});
        const std::vector<Span> all = t.finish(SpanStatus::Unset, {}, kT0);
        QCOMPARE(static_cast<int>(all.size()) - 1, spans);
        for (const Span& s : all) {
            QVERIFY(s.end_unix_ns >= s.start_unix_ns);
            QVERIFY(s.end_unix_ns <= all.front().end_unix_ns);
        }
    }

    void finishClosesOpenPhasesAndSnapshotShowsThem() {
        RequestTrace t(options());
        t.beginPhase(RequestPhase::Decode, kT0 + 5 * kMs);
        const std::vector<Span> live = t.snapshot();
        QCOMPARE(live.size(), size_t{2});
        QVERIFY(live[1].end_unix_ns >= live[1].start_unix_ns);
        QVERIFY(live[0].end_unix_ns >= live[1].end_unix_ns);
        const std::vector<Span> done = t.finish(SpanStatus::Error, QStringLiteral("cancelled"), kT0 + 9 * kMs);
        QCOMPARE(done.size(), size_t{2});
        QCOMPARE(done[1].end_unix_ns, kT0 + 9 * kMs);
        QCOMPARE(done[0].status, SpanStatus::Error);
        QCOMPARE(done[0].status_message, QStringLiteral("cancelled"));
    }

    void logScopeNamesTheRequest() {
        QVERIFY(LogContext::current().isEmpty());
        RequestTrace t(options());
        {
            LogContextScope scope = t.logScope();
            QCOMPARE(LogContext::current().request_id, QStringLiteral("req-1"));
            QCOMPARE(LogContext::current().trace_id, QStringLiteral("4bf92f3577b34da6a3ce929d0e0e4736"));
            QCOMPARE(LogContext::current().span_id, QString::fromStdString(t.rootSpanId().hex()));
            {
                LogContextScope inner({QStringLiteral("req-2"), {}, {}});
                QCOMPARE(LogContext::current().request_id, QStringLiteral("req-2"));
                bool otherThreadEmpty = false;
                std::thread([&otherThreadEmpty] { otherThreadEmpty = LogContext::current().isEmpty(); }).join();
                QVERIFY(otherThreadEmpty);  // each thread has its own
            }
            QCOMPARE(LogContext::current().request_id, QStringLiteral("req-1"));
        }
        QVERIFY(LogContext::current().isEmpty());
    }

    void unixClockNeverGoesBack() {
        int64_t last = unixNanosNow();
        QVERIFY(last > kT0);  // after 2023
        for (int i = 0; i < 1000; ++i) {
            const int64_t now = unixNanosNow();
            QVERIFY(now >= last);
            last = now;
        }
    }

    void storeKeepsFindsAndReplaces() {
        TraceStore store;
        RequestTrace t(options());
        store.put(t.requestId(), t.snapshot());
        QCOMPARE(store.find(QStringLiteral("req-1"))->size(), size_t{1});
        t.addEngineTimings(kT0, EngineTimings{1, 2, 3});
        store.put(t.requestId(), t.finish());
        QCOMPARE(store.size(), size_t{1});
        const auto spans = store.find(QStringLiteral("req-1"));
        QVERIFY(spans);
        QCOMPARE(spans->size(), size_t{4});
        QCOMPARE(spans->front().parent_span_id.hex(), std::string("00f067aa0ba902b7"));
        QCOMPARE(store.requestForTrace(spans->front().trace_id).value_or(QString()), QStringLiteral("req-1"));
        QVERIFY(!store.find(QStringLiteral("other")));
        QVERIFY(!store.requestForTrace(TraceId{}));
        QVERIFY(store.bytesUsed() > 0);
        store.clear();
        QCOMPARE(store.size(), size_t{0});
        QCOMPARE(store.bytesUsed(), size_t{0});
    }

    void storeDropsTheOldestAtItsCaps() {
        TraceStore byCount(TraceStore::Limits{3, size_t{1} << 20});
        for (int i = 0; i < 5; ++i) {
            RequestTrace t(options());
            byCount.put(QStringLiteral("r%1").arg(i), t.finish());
        }
        QCOMPARE(byCount.size(), size_t{3});
        QCOMPARE(byCount.evicted(), uint64_t{2});
        QCOMPARE(byCount.recentRequestIds(10),
                 (QStringList{QStringLiteral("r4"), QStringLiteral("r3"), QStringLiteral("r2")}));
        QCOMPARE(byCount.recentRequestIds(1), QStringList{QStringLiteral("r4")});
        // Putting again makes it the newest.
        byCount.put(QStringLiteral("r2"), {});
        QCOMPARE(byCount.recentRequestIds(1), QStringList{QStringLiteral("r2")});

        RequestTrace sample(options());
        sample.addEngineTimings(kT0, EngineTimings{1, 2, 3});
        const std::vector<Span> spans = sample.finish();
        size_t one = 0;
        for (const Span& s : spans) one += s.approxBytes();
        QVERIFY(one > 4 * sizeof(Span));
        QVERIFY2(one < 4096, QByteArray::number(qulonglong(one)).constData());  // what the header promises
        TraceStore byBytes(TraceStore::Limits{1000, one * 5});
        for (int i = 0; i < 20; ++i) byBytes.put(QStringLiteral("b%1").arg(i), spans);
        QVERIFY(byBytes.bytesUsed() <= one * 5);
        QVERIFY(byBytes.size() >= 3 && byBytes.size() < 5);
        QVERIFY(byBytes.find(QStringLiteral("b19")));
        QVERIFY(!byBytes.find(QStringLiteral("b0")));

        TraceStore tiny(TraceStore::Limits{10, 64});
        tiny.put(QStringLiteral("too big"), spans);
        QCOMPARE(tiny.size(), size_t{0});
        QCOMPARE(tiny.evicted(), uint64_t{1});
    }

    void storeFromManyThreads() {
        TraceStore store(TraceStore::Limits{64, size_t{1} << 20});
        RequestTrace sample(options());
        const std::vector<Span> spans = sample.finish();
        std::atomic<int> found{0};
        std::vector<std::thread> threads;
        for (int w = 0; w < 4; ++w) {
            threads.emplace_back([&, w] {
                for (int i = 0; i < 500; ++i) {
                    store.put(QStringLiteral("w%1-%2").arg(w).arg(i), spans);
                    if (store.find(QStringLiteral("w%1-%2").arg(w).arg(i))) ++found;
                    store.recentRequestIds(8);
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(store.size(), size_t{64});
        QVERIFY(found.load() > 0);
        QCOMPARE(store.evicted(), uint64_t{4 * 500 - 64});
    }
};

QTEST_GUILESS_MAIN(TestRequestTrace)
#include "tst_request_trace.moc"
