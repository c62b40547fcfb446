#include "services/runtime_metrics.h"

#include <QSet>

namespace fyr::app {

namespace {

// vLLM's finished_reason values where they mean the same: "stop" (an end token or
// stop string), "length" (max tokens or the context), "abort" (cancelled, deadline,
// error).
QString finishedReason(const std::string& r) {
    if (r == "eos" || r == "stop") return QStringLiteral("stop");
    if (r == "length" || r == "context") return QStringLiteral("length");
    return QStringLiteral("abort");
}

}  // namespace

RuntimeMetrics::RuntimeMetrics(telemetry::FyrMetrics& metrics, QString model, QString backend, QString user,
                               QString endpoint)
    : m_metrics(metrics),
      m_model(std::move(model)),
      m_backend(std::move(backend)),
      m_user(std::move(user)),
      m_endpoint(std::move(endpoint)) {
    const QStringList engine{m_model, m_backend};
    m_iterationTokens = m_metrics.iterationTokens.labels(engine);
    m_batchSize = m_metrics.batchSize.labels(engine);
    m_running = m_metrics.numRequestsRunning.labels(engine);
    m_waiting = m_metrics.numRequestsWaiting.labels(engine);
    m_kvUsage = m_metrics.kvCacheUsage.labels(engine);
    m_bandwidth = m_metrics.memoryBandwidthAchieved.labels(engine);
    m_bandwidthRatio = m_metrics.memoryBandwidthRatio.labels(engine);
    m_bandwidth.clear();
    m_bandwidthRatio.clear();
}

void RuntimeMetrics::setWeightBytes(uint64_t bytesPerStep, double peakBytesPerSecond) {
    m_weightBytes = bytesPerStep;
    m_peakBytesPerSecond = peakBytesPerSecond;
}

void RuntimeMetrics::on_step(const fyr::StepStats& step) {
    m_iterationTokens.observe(step.batch_tokens);
    m_batchSize.observe(step.running);
    m_running.set(step.running);
    m_waiting.set(step.queued);
    const int total = step.kv_blocks_used + step.kv_blocks_free;
    m_kvUsage.set(total > 0 ? static_cast<double>(step.kv_blocks_used) / total : 0.0);
    if (step.decode_tokens > 0) m_metrics.noteGeneratedTokens(static_cast<uint64_t>(step.decode_tokens));
    // Decoding steps read every weight once; their rate of reading, smoothed over
    // about ten steps (a prompt-only step is bound by compute, not memory).
    if (m_weightBytes > 0 && step.decode_tokens > 0 && step.prefill_tokens == 0 && step.step_ms > 0) {
        const double bw = static_cast<double>(m_weightBytes) / (step.step_ms / 1000.0);
        m_smoothedBandwidth = m_smoothedBandwidth > 0 ? 0.9 * m_smoothedBandwidth + 0.1 * bw : bw;
        m_bandwidth.set(m_smoothedBandwidth);
        if (m_peakBytesPerSecond > 0) m_bandwidthRatio.set(m_smoothedBandwidth / m_peakBytesPerSecond);
    }
}

void RuntimeMetrics::on_request_finished(const fyr::RequestResult& result) {
    const QStringList request = telemetry::FyrMetrics::requestLabels(m_model, m_user, m_endpoint, m_backend);
    const QStringList engine{m_model, m_backend};
    const fyr::RequestMetrics& m = result.metrics;
    if (m.gen_tokens > 0) m_metrics.timeToFirstToken.labels(request).observe(m.ttft_ms / 1000.0);
    if (m.gen_tokens > 1) m_metrics.timePerOutputToken.labels(request).observe(m.tpot_ms / 1000.0);
    m_metrics.e2eRequestLatency.labels(request).observe(m.e2e_ms / 1000.0);
    m_metrics.requestQueueTime.labels(request).observe(m.queue_ms / 1000.0);
    if (m.gen_tokens > 0) {
        m_metrics.requestPrefillTime.labels(request).observe(std::max(0.0, m.ttft_ms - m.queue_ms) / 1000.0);
        m_metrics.requestDecodeTime.labels(request).observe(std::max(0.0, m.e2e_ms - m.ttft_ms) / 1000.0);
    }
    m_metrics.promptTokens.labels(request).inc(m.prompt_tokens);
    m_metrics.generationTokens.labels(request).inc(m.gen_tokens);
    m_metrics.requestSuccess.labels(request + QStringList{finishedReason(result.finish_reason)}).inc();
    m_metrics.prefixCacheQueries.labels(engine).inc(m.prompt_tokens);
    m_metrics.prefixCacheHits.labels(engine).inc(m.reused_prefix_tokens);
    if (m.preemptions > 0) m_metrics.numPreemptions.labels(engine).inc(m.preemptions);
    if (m.draft_tokens > 0) {
        m_metrics.specDecodeDraftTokens.labels({m_model}).inc(m.draft_tokens);
        m_metrics.specDecodeAcceptedTokens.labels({m_model}).inc(m.draft_accepted);
        m_metrics.specDecodeAcceptance.labels({m_model}).set(static_cast<double>(m.draft_accepted) / m.draft_tokens);
    }
}

void RuntimeMetrics::on_event(const fyr::RuntimeEvent& event) {
    if (event.kind == "rejected") {
        // A few kinds, not the text (which would make a series per request).
        const std::string& d = event.detail;
        const char* kind = d.find("queue is full") != std::string::npos      ? "queue_full"
                           : d.find("shutting down") != std::string::npos    ? "shutdown"
                           : d.find("KV blocks") != std::string::npos        ? "kv_budget"
                           : d.find("context limit") != std::string::npos    ? "context"
                                                                            : "invalid";
        m_metrics.requestRejections.labels({m_model, QString::fromLatin1(kind)}).inc();
    }
}

void recordGuardMetrics(telemetry::FyrMetrics& metrics, const guard::GuardResult& result) {
    QSet<QString> scanners;
    for (const guard::Finding& f : result.findings) {
        metrics.guardVerdicts.labels({f.scanner, guard::verdictName(f.verdict)}).inc();
        scanners.insert(f.scanner);
    }
    if (result.findings.empty()) metrics.guardVerdicts.labels({QStringLiteral("all"), QStringLiteral("allow")}).inc();
    metrics.guardTime.labels({QStringLiteral("all")}).observe(static_cast<double>(result.elapsedUs) / 1e6);
}

}  // namespace fyr::app
