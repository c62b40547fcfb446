// One finished span of a request's trace, shaped like OpenTelemetry's Span so
// that the OTLP exporter (otlp_json.h) writes it field for field and the UI
// draws a request's timeline from it (trace_store.h).
//
//   Span s;
//   s.trace_id = trace; s.span_id = newSpanId(); s.parent_span_id = root;
//   s.name = QStringLiteral("prefill");
//   s.start_unix_ns = t0; s.end_unix_ns = t1;
//   s.setAttribute(QStringLiteral("gen_ai.usage.input_tokens"), int64_t{42});
//
// Times are Unix nanoseconds taken from unixNanosNow() or unixNanosAt(), which
// follow the steady clock from one Unix anchor, so a span never ends before it
// starts because the wall clock was set back.
//
// A value type: no locking of its own.
#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <cstdint>
#include <variant>
#include <vector>

#include "telemetry/trace_context.h"

namespace fyr::app::telemetry {

// OpenTelemetry's SpanKind, with OTLP's numbers.
enum class SpanKind : int { Internal = 1, Server = 2, Client = 3, Producer = 4, Consumer = 5 };

// OpenTelemetry's status code, with OTLP's numbers: Unset unless something
// decided the outcome; Error carries a message.
enum class SpanStatus : int { Unset = 0, Ok = 1, Error = 2 };

// OTLP's AnyValue, the kinds Fyr uses: string, bool, int64, double, string array.
using AttributeValue = std::variant<QString, bool, int64_t, double, QStringList>;

struct SpanAttribute {
    QString key;
    AttributeValue value;
};

struct Span {
    TraceId trace_id;
    SpanId span_id;
    SpanId parent_span_id;  // all zero: a root with no parent
    QString trace_state;    // W3C tracestate carried from the caller, as received
    uint8_t trace_flags = 0;
    QString name;
    SpanKind kind = SpanKind::Internal;
    int64_t start_unix_ns = 0;
    int64_t end_unix_ns = 0;  // >= start_unix_ns
    std::vector<SpanAttribute> attributes;
    SpanStatus status = SpanStatus::Unset;
    QString status_message;

    // Replaces an attribute of the same key, or appends one.
    void setAttribute(const QString& key, AttributeValue value);
    const AttributeValue* attribute(const QString& key) const;
    int64_t durationNs() const { return end_unix_ns - start_unix_ns; }
    // Roughly what this span holds in memory, for the trace store's cap.
    size_t approxBytes() const;
};

// The current time as Unix nanoseconds: a Unix anchor taken once plus the
// steady clock's progress since, so successive readings never go back.
int64_t unixNanosNow();
// A steady-clock instant (as the engine's deadlines and timings use) on the same scale.
int64_t unixNanosAt(std::chrono::steady_clock::time_point t);

// OpenTelemetry GenAI semantic conventions
// (https://opentelemetry.io/docs/specs/semconv/gen-ai/gen-ai-spans/) and the
// few of Fyr's own, in one place so the store, the exporter and the UI agree.
namespace attr {
inline const QString kGenAiOperationName = QStringLiteral("gen_ai.operation.name");  // "chat", "text_completion"
inline const QString kGenAiSystem = QStringLiteral("gen_ai.system");                 // "fyr" for the local engine
inline const QString kGenAiRequestModel = QStringLiteral("gen_ai.request.model");
inline const QString kGenAiResponseModel = QStringLiteral("gen_ai.response.model");
inline const QString kGenAiRequestMaxTokens = QStringLiteral("gen_ai.request.max_tokens");
inline const QString kGenAiRequestTemperature = QStringLiteral("gen_ai.request.temperature");
inline const QString kGenAiRequestTopP = QStringLiteral("gen_ai.request.top_p");
inline const QString kGenAiResponseId = QStringLiteral("gen_ai.response.id");
inline const QString kGenAiResponseFinishReasons = QStringLiteral("gen_ai.response.finish_reasons");
inline const QString kGenAiUsageInputTokens = QStringLiteral("gen_ai.usage.input_tokens");
inline const QString kGenAiUsageOutputTokens = QStringLiteral("gen_ai.usage.output_tokens");
inline const QString kErrorType = QStringLiteral("error.type");
inline const QString kServerAddress = QStringLiteral("server.address");
inline const QString kRequestId = QStringLiteral("fyr.request.id");
inline const QString kGuardDirection = QStringLiteral("fyr.guard.direction");  // "input", "output"
inline const QString kGuardVerdict = QStringLiteral("fyr.guard.verdict");      // "allow", "block", ...
inline const QString kBatchTokens = QStringLiteral("fyr.batch.tokens");
inline const QString kReusedPrefixTokens = QStringLiteral("fyr.prefix.reused_tokens");
// The most KV-cache memory the request held at once (fyr::RequestMetrics::kv_peak_bytes).
inline const QString kKvPeakBytes = QStringLiteral("fyr.kv_cache.peak_bytes");
}  // namespace attr

}  // namespace fyr::app::telemetry
