// Finished spans exported as OTLP/HTTP JSON (otlp_json.h) to a collector the
// site runs: an OpenTelemetry Collector, Jaeger or Tempo listening on
// http://127.0.0.1:4318/v1/traces. Off unless configured; library
// fyr_telemetry_otlp, so that fyr_telemetry itself needs no QtNetwork.
//
//   OtlpExporterConfig c;
//   c.enabled = true;                                          // default off
//   c.endpoint = QUrl(QStringLiteral("http://collector.site:4318/v1/traces"));
//   c.headers.append({"authorization", "Bearer " + token});    // sent, never logged
//   OtlpExporter exporter(c);                                  // its own thread
//   ...
//   std::vector<Span> spans = trace.finish();
//   store.put(trace.requestId(), spans);                       // the UI's timeline
//   if (trace.sampled()) exporter.enqueue(std::move(spans));   // never blocks on the network
//
// Spans wait in a bounded queue (max_queue_spans; more are dropped and counted)
// and leave in batches of at most max_batch_spans: when a batch is full, every
// flush_interval_ms, or on flush(). One POST is in flight at a time, with a
// timeout. 429, 502, 503, 504 and network errors (refused, reset, timed out)
// are retried with exponential backoff from initial_backoff_ms to
// max_backoff_ms, or after the server's Retry-After when it gives one, up to
// max_attempts; any other status drops the batch (counted in
// OtlpExporterStats). A 2xx answer's partialSuccess.rejectedSpans is counted too.
// Failures are logged once per change of state (fyr.telemetry.otlp), with the
// endpoint but never the headers.
//
// How the app layer feeds it: whoever handles a request holds its
// RequestTrace (request_trace.h), puts its spans into the TraceStore and hands
// sampled ones to enqueue() when it finishes; the exporter never touches the engine.
//
// Thread-safety: enqueue(), flush(), stats() and waitIdle() from any thread;
// enqueue() takes one short lock and posts at most one event. Construction and
// destruction on the owner's thread; the destructor stops the exporter's thread
// (the batch in flight is abandoned, queued spans are not sent).
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "telemetry/otlp_json.h"
#include "telemetry/span.h"

class QThread;

namespace fyr::app::telemetry {

struct OtlpExporterConfig {
    bool enabled = false;
    QUrl endpoint = QUrl(QStringLiteral("http://127.0.0.1:4318/v1/traces"));
    // Extra request headers (an API key for the collector); never logged.
    QList<QPair<QByteArray, QByteArray>> headers;
    OtlpResource resource;
    int max_queue_spans = 2048;
    int max_batch_spans = 512;
    int flush_interval_ms = 2000;
    int timeout_ms = 10000;
    int max_attempts = 5;  // of one batch, the first included
    int initial_backoff_ms = 500;
    int max_backoff_ms = 30000;
};

struct OtlpExporterStats {
    quint64 enqueued = 0;            // spans accepted into the queue
    quint64 exported = 0;            // spans the collector accepted
    quint64 dropped_queue_full = 0;  // spans refused because the queue was full
    quint64 dropped_failed = 0;      // spans in batches that failed for good
    quint64 rejected = 0;            // spans a 2xx answer reported as rejected
    quint64 batches = 0;             // POSTs answered 2xx
    quint64 retries = 0;             // POSTs repeated after a retryable failure
    int queued = 0;                  // spans waiting now
    QString last_error;              // the latest failure, "" after a success
};

class OtlpExporter final {
public:
    // Precondition: max_queue_spans, max_batch_spans, flush_interval_ms,
    // timeout_ms, max_attempts > 0. A disabled exporter, or one whose endpoint
    // checkEndpoint() refuses (stats().last_error says why, and it is logged),
    // starts no thread and ignores what it is given.
    explicit OtlpExporter(OtlpExporterConfig config);
    ~OtlpExporter();
    OtlpExporter(const OtlpExporter&) = delete;
    OtlpExporter& operator=(const OtlpExporter&) = delete;

    // Configured on, with an endpoint checkEndpoint() accepts.
    bool enabled() const { return m_worker != nullptr; }
    const OtlpExporterConfig& config() const { return m_config; }

    void enqueue(std::vector<Span> spans);
    // Sends what is queued now rather than at the next interval.
    void flush();
    OtlpExporterStats stats() const;
    // Flushes and waits until nothing is queued or in flight (true), or timeout_ms passed (false).
    bool waitIdle(int timeout_ms);

    // http or https, a host, and no user name or password in the URL (the
    // collector's credentials go in headers, which are never logged).
    static bool checkEndpoint(const QUrl& endpoint, QString* error);

    // The delay before attempt `attempt` (2, 3, ...): initial * 2^(attempt-2),
    // at most max_backoff_ms, less up to a fifth at random so that many
    // exporters do not retry together; a Retry-After of n seconds (n >= 0)
    // replaces it, also capped.
    static int backoffMs(const OtlpExporterConfig& config, int attempt, int retryAfterSeconds = -1);

private:
    class Worker;
    struct Shared;
    struct ThreadStopper {
        void operator()(QThread* thread) const;
    };

    const OtlpExporterConfig m_config;
    std::shared_ptr<Shared> m_shared;
    std::unique_ptr<QThread, ThreadStopper> m_thread;
    Worker* m_worker = nullptr;  // lives in m_thread, deleted when it finishes
};

}  // namespace fyr::app::telemetry
