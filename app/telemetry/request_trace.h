// One request's trace: a root span for the request and a child span for each
// phase it went through (queue, guard input, prefill, decode, stream, guard
// output), continuing the caller's trace when it sent a valid W3C traceparent.
//
//   RequestTrace::Options o;
//   o.request_id = QStringLiteral("req-42");
//   o.model = QStringLiteral("llama-3.2-1b");
//   o.traceparent = request.header("traceparent");   // may be empty or invalid: a new trace
//   o.tracestate = request.header("tracestate");
//   RequestTrace trace(o);                            // the root starts now
//   LogContextScope logScope = trace.logScope();      // log lines carry request and trace ids
//
//   trace.beginPhase(RequestPhase::GuardInput);
//   ... guard check ...
//   trace.endPhase(RequestPhase::GuardInput)->setAttribute(attr::kGuardVerdict, QStringLiteral("allow"));
//
//   const int64_t submitted = unixNanosNow();
//   ... runtime.submit(); on_done(result) ...
//   trace.addEngineTimings(submitted, {result.metrics.queue_ms, result.metrics.ttft_ms,
//                                      result.metrics.e2e_ms});
//   trace.setUsage(result.metrics.prompt_tokens, result.metrics.gen_tokens);
//   trace.setFinishReason(QString::fromStdString(result.finish_reason));
//   const bool sampled = trace.sampled();
//   std::vector<Span> spans = trace.finish();
//   store.put(trace.requestId(), spans);              // the UI's timeline (trace_store.h)
//   if (sampled) exporter.enqueue(std::move(spans));  // OTLP, when configured (otlp_exporter.h)
//
// How the app layer feeds it: the engine gives every request's queue time, time
// to first token and end-to-end time relative to submit() (fyr::RequestMetrics,
// which app/services/runtime_metrics already turns into metrics); the worker
// that submits a request notes unixNanosNow() at submit and hands those three
// numbers to addEngineTimings() when on_done() arrives, which lays out queue
// [submit, +queue], prefill [+queue, +ttft] and decode [+ttft, +e2e]. The guard
// and streaming phases are timed where they happen, with beginPhase() and
// endPhase() or addPhase() with times of their own.
//
// Not thread-safe: one RequestTrace belongs to whoever handles the request
// (hand it over between threads, do not share it). It takes no locks and does
// no I/O; finish() returns the spans by value.
#pragma once

#include <QString>

#include <array>
#include <optional>
#include <vector>

#include "telemetry/log_context.h"
#include "telemetry/span.h"

namespace fyr::app::telemetry {

enum class RequestPhase { Queue, GuardInput, GuardOutput, Prefill, Decode, Stream };
inline constexpr int kRequestPhaseCount = 6;

// The phase's span name: "queue", "guard.input", "guard.output", "prefill", "decode", "stream".
QString phaseSpanName(RequestPhase phase);

// The engine's timings of one request, in milliseconds after submit() (as in
// fyr::RequestMetrics); 0 for a point never reached (no first token: ttft 0).
struct EngineTimings {
    double queue_ms = 0;
    double ttft_ms = 0;
    double e2e_ms = 0;
};

class RequestTrace final {
public:
    struct Options {
        QString request_id;
        QString operation = QStringLiteral("chat");  // gen_ai.operation.name
        QString model;                               // gen_ai.request.model
        QString traceparent;                         // the caller's header, if any
        QString tracestate;                          // carried on only with a valid traceparent
        SpanKind kind = SpanKind::Server;            // Internal for requests from Fyr's own pages
        int64_t start_unix_ns = 0;                   // 0: now
    };

    explicit RequestTrace(const Options& options);

    const QString& requestId() const { return m_requestId; }
    const TraceId& traceId() const { return m_root.trace_id; }
    const SpanId& rootSpanId() const { return m_root.span_id; }
    // True when the caller's traceparent was valid and this trace continues it.
    bool continuesCallerTrace() const { return m_root.parent_span_id.isValid(); }
    // Why the caller's traceparent was ignored ("" when none was sent or it was valid).
    const QString& traceParentError() const { return m_traceParentError; }
    // The caller's sampled flag, or sampled for a new trace: whether to export.
    bool sampled() const { return (m_root.trace_flags & kTraceFlagSampled) != 0; }
    // The traceparent naming the root span, for a response header or a request
    // Fyr makes on the request's behalf.
    QString traceParentHeader() const;

    // The root span, for attributes of the whole request.
    Span& root() { return m_root; }

    // A finished child span of the root. end >= start.
    Span& addPhase(RequestPhase phase, int64_t start_unix_ns, int64_t end_unix_ns);
    // Opens a phase now (again: restarts it).
    void beginPhase(RequestPhase phase, int64_t at_unix_ns = 0);
    // Ends a phase begun with beginPhase() and returns its span, or nullptr if it was not open.
    Span* endPhase(RequestPhase phase, SpanStatus status = SpanStatus::Unset, const QString& message = {},
                   int64_t at_unix_ns = 0);
    // Queue, prefill and decode spans from the engine's timings (see above).
    void addEngineTimings(int64_t submit_unix_ns, const EngineTimings& timings);

    void setUsage(int64_t input_tokens, int64_t output_tokens);
    void setFinishReason(const QString& reason);

    // A log context naming this request, its trace and its root span.
    LogContextScope logScope() const;

    // The spans so far, root first: the root and open phases as if they ended
    // now, for a timeline of a request still running.
    std::vector<Span> snapshot() const;
    // Ends open phases and then the root (at end, 0: now, never before a child's
    // end) and returns every span, root first. The trace is spent afterwards.
    std::vector<Span> finish(SpanStatus status = SpanStatus::Unset, const QString& message = {},
                             int64_t end_unix_ns = 0);

private:
    Span makeChild(RequestPhase phase, int64_t start_unix_ns) const;

    QString m_requestId;
    QString m_traceParentError;
    Span m_root;
    std::vector<Span> m_children;
    std::array<std::optional<Span>, kRequestPhaseCount> m_open;
};

}  // namespace fyr::app::telemetry
