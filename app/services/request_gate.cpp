#include "services/request_gate.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>

#include "engine/generation_stats.h"
#include "guard/security_events.h"
#include "services/cost_model.h"
#include "services/site_pricing.h"
#include "store/clock.h"
#include "store/model_access.h"
#include "store/quotas.h"
#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

RequestGate::RequestGate(Store& store, std::shared_ptr<const guard::Guard> guard) : m_store(store), m_guard(std::move(guard)) {}

RequestGate::Admission RequestGate::admit(const Principal& who, const QStringList& modelNames, const QString& prompt,
                                          int64_t estimatedTokens, const QString& endpoint) {
    Admission a;
    a.model = modelNames.value(0);
    a.prompt = prompt;
    const ModelAccess::Decision access = ModelAccess(m_store).check(who, modelNames);
    if (!access.allowed) {
        a.reason = access.reason;
        a.refusal = Refusal::ModelAccess;
        return a;
    }
    const Quotas::Decision quota = Quotas(m_store).check(who, estimatedTokens);
    if (!quota.allowed) {
        // Unbounded consumption is a security matter too (OWASP LLM10).
        a.reason = quota.reason;
        a.refusal = Refusal::Quota;
        a.retryAtMs = quota.resetsAtMs;
        m_store
            .write([&](sqlite3* db) -> QString {
                Statement st(db, "INSERT INTO security_events(time_ms, kind, severity, user_id, request_id, details) "
                                 "VALUES(?1, 'quota', 'medium', ?2, NULL, ?3)");
                const QJsonObject details{{QStringLiteral("owasp"), QStringLiteral("LLM10")},
                                          {QStringLiteral("verdict"), QStringLiteral("block")},
                                          {QStringLiteral("user"), who.user},
                                          {QStringLiteral("model"), a.model},
                                          {QStringLiteral("reason"), quota.reason}};
                st.bind(1, fyr::app::nowMs()).bind(2, who.userId).bind(3, QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
                return st.run() ? QString() : st.error();
            })
            .get();
        return a;
    }
    const QString error = m_store
                              .write([&](sqlite3* db) -> QString {
                                  Statement st(db, "INSERT INTO requests(user_id, api_key_id, model, endpoint, started_ms) "
                                                   "VALUES(?1, ?2, ?3, ?4, ?5)");
                                  st.bind(1, who.userId);
                                  if (who.apiKeyId) st.bind(2, *who.apiKeyId);
                                  else st.bindNull(2);
                                  st.bind(3, a.model).bind(4, endpoint).bind(5, fyr::app::nowMs());
                                  if (!st.run()) return st.error();
                                  a.requestId = sqlite3_last_insert_rowid(db);
                                  return {};
                              })
                              .get();
    if (!error.isEmpty()) {
        a.reason = error;
        a.refusal = Refusal::Store;
        return a;
    }
    a.guardContext.role = who.role;
    a.guardContext.user = who.user;
    a.guardContext.userId = who.userId;
    a.guardContext.requestId = a.requestId;
    a.guardContext.clearance = who.clearance;
    if (m_guard) {
        a.input = m_guard->check(prompt, guard::Direction::Input, a.guardContext);
        guard::SecurityEvents(m_store).record(a.input, guard::Direction::Input, a.guardContext);
        if (a.input.verdict == guard::Verdict::Block) {
            a.reason = a.input.reason();
            a.refusal = Refusal::Guard;
            Outcome o;
            o.finishReason = QStringLiteral("guard");
            finish(a, o);
            return a;
        }
        if (a.input.verdict == guard::Verdict::Redact) a.prompt = a.input.text;
        // Identity-aware context: who asks, in the model's system prompt, with a
        // canary whose appearance in an answer the output guard reports as a leak.
        const guard::GuardPolicy& policy = m_guard->policy();
        if (!policy.identityTemplate.isEmpty() || policy.plantCanary) {
            const guard::Guard::IdentityPrompt id = m_guard->identityPrompt(who.user, who.role, who.clearance);
            a.systemPrompt = id.systemPrompt;
            a.guardContext.canary = id.context.canary;
            a.guardContext.systemPrompt = id.context.systemPrompt;
        }
    }
    a.allowed = true;
    return a;
}

Conversation RequestGate::withSystemPrompt(Conversation messages, const QString& systemPrompt) {
    if (systemPrompt.isEmpty()) return messages;
    if (!messages.isEmpty() && messages.first().role == QLatin1String("system"))
        messages.first().content = messages.first().content.isEmpty()
                                       ? systemPrompt
                                       : messages.first().content + QStringLiteral("\n\n") + systemPrompt;
    else
        messages.prepend({QStringLiteral("system"), systemPrompt});
    return messages;
}

QString RequestGate::finish(const Admission& admission, const Outcome& outcome) {
    if (admission.requestId == 0) return {};
    if (m_guard && !outcome.output.findings.empty())
        guard::SecurityEvents(m_store).record(outcome.output, guard::Direction::Output, admission.guardContext);
    // Priced when it finishes, with the pricing in force then; a request that never
    // reached the engine used no time and costs nothing ("not run").
    const double seconds = std::max(0.0, outcome.gpuSeconds.value_or(outcome.e2eMs / 1000.0));
    const bool ran = seconds > 0 || outcome.joules;
    const Cost cost = ran ? localCost(SitePricing::read(m_store), seconds, outcome.joules) : Cost{};
    return m_store
        .write([&](sqlite3* db) -> QString {
            Statement st(db, "UPDATE requests SET prompt_tokens = ?2, gen_tokens = ?3, ttft_ms = ?4, e2e_ms = ?5, "
                             "tpot_ms = ?6, finish_reason = ?7, gpu_seconds = ?8, joules = ?9, cost = ?10, "
                             "cost_hardware = ?11, cost_energy = ?12, cost_basis = ?13, cost_currency = ?14, "
                             "guard_ms = ?15, kv_peak_bytes = ?16 WHERE id = ?1");
            const double tpot = outcome.generatedTokens > 1
                                    ? (outcome.e2eMs - outcome.ttftMs) / (outcome.generatedTokens - 1)
                                    : 0.0;
            st.bind(1, admission.requestId)
                .bind(2, static_cast<int64_t>(outcome.promptTokens))
                .bind(3, static_cast<int64_t>(outcome.generatedTokens))
                .bind(4, outcome.ttftMs)
                .bind(5, outcome.e2eMs)
                .bind(6, tpot)
                .bind(7, outcome.finishReason)
                .bind(8, seconds);
            // Joules: what the pricing counted (measured or nominal), else what was measured, else unknown.
            if (cost.known) st.bind(9, cost.joules);
            else if (outcome.joules) st.bind(9, *outcome.joules);
            else st.bindNull(9);
            if (cost.known) {
                st.bind(10, cost.total).bind(11, cost.hardware).bind(12, cost.energy).bind(13, cost.basis).bind(14, cost.currency);
            } else {
                st.bindNull(10).bindNull(11).bindNull(12).bindNull(14);
                st.bind(13, ran ? QStringLiteral("not configured") : QStringLiteral("not run"));
            }
            // The guards' time on it: the input check at admission and the output checks.
            if (m_guard)
                st.bind(15, static_cast<double>(admission.input.elapsedUs) / 1000.0 +
                                outcome.guardOutputMs.value_or(static_cast<double>(outcome.output.elapsedUs) / 1000.0));
            else
                st.bindNull(15);
            if (outcome.kvPeakBytes) st.bind(16, *outcome.kvPeakBytes);
            else st.bindNull(16);
            return st.run() ? QString() : st.error();
        })
        .get();
}

RequestGate::Outcome RequestGate::outcomeOf(const GenerationStats& stats, const QString& finishReason) {
    Outcome o;
    o.finishReason = finishReason;
    o.promptTokens = stats.promptTokens;
    o.generatedTokens = stats.generatedTokens;
    o.ttftMs = stats.ttftMs;
    o.e2eMs = stats.totalMs;
    // Its share of the engine's time (and energy, when measured) in the batches it ran in.
    if (stats.engineSeconds > 0) o.gpuSeconds = stats.engineSeconds;
    o.joules = stats.joules;
    o.kvPeakBytes = stats.kvPeakBytes;
    // The engine ran only output checks (the gate's input verdict was handed to it).
    if (stats.guarded) o.guardOutputMs = static_cast<double>(stats.guardMicros) / 1000.0;
    o.output = stats.guardOutput;
    return o;
}

}  // namespace fyr::app
