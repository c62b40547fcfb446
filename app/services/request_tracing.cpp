#include "services/request_tracing.h"

namespace fyr::app {

telemetry::SpanStatus traceRuntimeResult(telemetry::RequestTrace& trace, int64_t submit_unix_ns,
                                         const fyr::RequestResult& result) {
    namespace attr = telemetry::attr;
    const fyr::RequestMetrics& m = result.metrics;
    trace.addEngineTimings(submit_unix_ns, telemetry::EngineTimings{m.queue_ms, m.ttft_ms, m.e2e_ms});
    trace.setUsage(m.prompt_tokens, m.gen_tokens);
    const QString reason = QString::fromStdString(result.finish_reason);
    if (!reason.isEmpty()) trace.setFinishReason(reason);
    telemetry::Span& root = trace.root();
    if (!result.record.model.empty())
        root.setAttribute(attr::kGenAiResponseModel, QString::fromStdString(result.record.model));
    if (result.id != 0) root.setAttribute(attr::kGenAiResponseId, QString::number(result.id));
    if (m.reused_prefix_tokens > 0) root.setAttribute(attr::kReusedPrefixTokens, int64_t{m.reused_prefix_tokens});
    if (m.kv_peak_bytes > 0) root.setAttribute(attr::kKvPeakBytes, int64_t{m.kv_peak_bytes});
    if (m.preemptions > 0) root.setAttribute(QStringLiteral("fyr.preemptions"), int64_t{m.preemptions});
    if (result.finish_reason == "error" || result.finish_reason == "deadline") {
        root.setAttribute(attr::kErrorType, reason);
        return telemetry::SpanStatus::Error;
    }
    return telemetry::SpanStatus::Unset;
}

}  // namespace fyr::app
