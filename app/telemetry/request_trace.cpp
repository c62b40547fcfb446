#include "telemetry/request_trace.h"

#include <QStringList>

#include <algorithm>
#include <cmath>

#include "telemetry/trace_ids.h"

namespace fyr::app::telemetry {
namespace {

int64_t orNow(int64_t unix_ns) {
    return unix_ns != 0 ? unix_ns : unixNanosNow();
}

int64_t msToNs(double ms) {
    if (!std::isfinite(ms) || ms <= 0) return 0;
    return static_cast<int64_t>(std::llround(ms * 1e6));
}

size_t index(RequestPhase phase) {
    return static_cast<size_t>(phase);
}

}  // namespace

QString phaseSpanName(RequestPhase phase) {
    switch (phase) {
        case RequestPhase::Queue: return QStringLiteral("queue");
        case RequestPhase::GuardInput: return QStringLiteral("guard.input");
        case RequestPhase::GuardOutput: return QStringLiteral("guard.output");
        case RequestPhase::Prefill: return QStringLiteral("prefill");
        case RequestPhase::Decode: return QStringLiteral("decode");
        case RequestPhase::Stream: return QStringLiteral("stream");
    }
    return QStringLiteral("phase");
}

RequestTrace::RequestTrace(const Options& options) : m_requestId(options.request_id) {
    std::optional<TraceParent> parent;
    if (!options.traceparent.isEmpty()) {
        std::string why;
        parent = parseTraceParent(options.traceparent.toStdString(), &why);
        if (!parent) m_traceParentError = QString::fromStdString(why);
    }
    if (parent) {
        m_root.trace_id = parent->trace_id;
        m_root.parent_span_id = parent->parent_id;
        // Continue the caller's sampling decision; the reserved bits are not ours to pass on.
        m_root.trace_flags = parent->flags & (kTraceFlagSampled | kTraceFlagRandom);
        m_root.trace_state = QString::fromStdString(acceptTraceState(options.tracestate.toStdString()));
    } else {
        m_root.trace_id = newTraceId();
        m_root.trace_flags = kTraceFlagSampled | kTraceFlagRandom;
    }
    m_root.span_id = newSpanId();
    m_root.kind = options.kind;
    m_root.name = options.model.isEmpty() ? options.operation : options.operation + QLatin1Char(' ') + options.model;
    m_root.start_unix_ns = orNow(options.start_unix_ns);
    m_root.end_unix_ns = m_root.start_unix_ns;
    m_root.setAttribute(attr::kGenAiOperationName, options.operation);
    m_root.setAttribute(attr::kGenAiSystem, QStringLiteral("fyr"));
    if (!options.model.isEmpty()) m_root.setAttribute(attr::kGenAiRequestModel, options.model);
    if (!m_requestId.isEmpty()) m_root.setAttribute(attr::kRequestId, m_requestId);
}

QString RequestTrace::traceParentHeader() const {
    return QString::fromStdString(formatTraceParent({m_root.trace_id, m_root.span_id, m_root.trace_flags, 0}));
}

Span RequestTrace::makeChild(RequestPhase phase, int64_t start_unix_ns) const {
    Span s;
    s.trace_id = m_root.trace_id;
    s.span_id = newSpanId();
    s.parent_span_id = m_root.span_id;
    s.trace_state = m_root.trace_state;
    s.trace_flags = m_root.trace_flags;
    s.name = phaseSpanName(phase);
    s.kind = SpanKind::Internal;
    s.start_unix_ns = start_unix_ns;
    s.end_unix_ns = start_unix_ns;
    if (phase == RequestPhase::GuardInput) s.setAttribute(attr::kGuardDirection, QStringLiteral("input"));
    if (phase == RequestPhase::GuardOutput) s.setAttribute(attr::kGuardDirection, QStringLiteral("output"));
    return s;
}

Span& RequestTrace::addPhase(RequestPhase phase, int64_t start_unix_ns, int64_t end_unix_ns) {
    Q_ASSERT(end_unix_ns >= start_unix_ns);
    Span s = makeChild(phase, start_unix_ns);
    s.end_unix_ns = std::max(start_unix_ns, end_unix_ns);
    m_children.push_back(std::move(s));
    return m_children.back();
}

void RequestTrace::beginPhase(RequestPhase phase, int64_t at_unix_ns) {
    m_open[index(phase)] = makeChild(phase, orNow(at_unix_ns));
}

Span* RequestTrace::endPhase(RequestPhase phase, SpanStatus status, const QString& message, int64_t at_unix_ns) {
    std::optional<Span>& open = m_open[index(phase)];
    if (!open) return nullptr;
    Span s = std::move(*open);
    open.reset();
    s.end_unix_ns = std::max(s.start_unix_ns, orNow(at_unix_ns));
    s.status = status;
    s.status_message = message;
    m_children.push_back(std::move(s));
    return &m_children.back();
}

void RequestTrace::addEngineTimings(int64_t submit_unix_ns, const EngineTimings& t) {
    // Clamp each point into [submit, submit + e2e] and keep them in order, so
    // odd inputs (a ttft of 0 for a request that never produced a token, a
    // rounding step) give empty phases rather than spans that end before they start.
    const int64_t end = submit_unix_ns + msToNs(t.e2e_ms);
    const int64_t admitted = std::clamp(submit_unix_ns + msToNs(t.queue_ms), submit_unix_ns, end);
    addPhase(RequestPhase::Queue, submit_unix_ns, admitted);
    if (t.ttft_ms > 0) {
        const int64_t first = std::clamp(submit_unix_ns + msToNs(t.ttft_ms), admitted, end);
        addPhase(RequestPhase::Prefill, admitted, first);
        addPhase(RequestPhase::Decode, first, end);
    } else if (end > admitted) {
        addPhase(RequestPhase::Prefill, admitted, end);  // admitted, ended before a first token
    }
}

void RequestTrace::setUsage(int64_t input_tokens, int64_t output_tokens) {
    m_root.setAttribute(attr::kGenAiUsageInputTokens, input_tokens);
    m_root.setAttribute(attr::kGenAiUsageOutputTokens, output_tokens);
}

void RequestTrace::setFinishReason(const QString& reason) {
    m_root.setAttribute(attr::kGenAiResponseFinishReasons, QStringList{reason});
}

LogContextScope RequestTrace::logScope() const {
    return LogContextScope(LogContext{m_requestId, QString::fromStdString(m_root.trace_id.hex()),
                                      QString::fromStdString(m_root.span_id.hex())});
}

std::vector<Span> RequestTrace::snapshot() const {
    const int64_t now = unixNanosNow();
    std::vector<Span> out;
    out.reserve(1 + m_children.size() + kRequestPhaseCount);
    out.push_back(m_root);
    int64_t latest = m_root.start_unix_ns;
    for (const Span& c : m_children) {
        out.push_back(c);
        latest = std::max(latest, c.end_unix_ns);
    }
    for (const std::optional<Span>& open : m_open) {
        if (!open) continue;
        out.push_back(*open);
        out.back().end_unix_ns = std::max(open->start_unix_ns, now);
        latest = std::max(latest, out.back().end_unix_ns);
    }
    out.front().end_unix_ns = std::max(latest, now);
    return out;
}

std::vector<Span> RequestTrace::finish(SpanStatus status, const QString& message, int64_t end_unix_ns) {
    const int64_t end = orNow(end_unix_ns);
    for (size_t i = 0; i < m_open.size(); ++i) {
        if (m_open[i])
            endPhase(static_cast<RequestPhase>(i), SpanStatus::Unset, {}, std::max(end, m_open[i]->start_unix_ns));
    }
    int64_t latest = std::max(m_root.start_unix_ns, end);
    for (const Span& c : m_children) latest = std::max(latest, c.end_unix_ns);
    m_root.end_unix_ns = latest;
    m_root.status = status;
    m_root.status_message = message;
    std::vector<Span> out;
    out.reserve(1 + m_children.size());
    out.push_back(std::move(m_root));
    std::stable_sort(m_children.begin(), m_children.end(),
                     [](const Span& a, const Span& b) { return a.start_unix_ns < b.start_unix_ns; });
    for (Span& c : m_children) out.push_back(std::move(c));
    m_children.clear();
    return out;
}

}  // namespace fyr::app::telemetry
