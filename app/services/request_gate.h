// The one way a request gets to a model, whichever path it came by (chat,
// fyrctl, the API): the caller's role may use the model, their quotas have room,
// the guard lets the prompt through (or redacts it), and afterwards the answer
// passes the output guard. Each request is recorded (tokens, timings, finish
// reason) so quotas and dashboards count it; each non-allow verdict and each
// quota refusal becomes a security event tied to the request. Each finished
// request is priced with the site's on-prem pricing (services/site_pricing.h):
// its GPU seconds (its share from RequestCostMeter, else its end-to-end time)
// and joules (measured, else nominal watts × seconds) give the cost and its
// parts; without pricing the row says "not configured" and the cost stays NULL.
//
//   fyr::app::RequestGate gate(store, guard);
//   auto a = gate.admit(principal, {summary.name, fileName}, prompt, estimatedTokens);
//   if (!a.allowed) refuse(a.reason);              // model access, quota (resets at …), or guard
//   run(a.prompt, a.guardContext);                 // the prompt as the guard left it
//   gate.finish(a, outcome);                       // request row completed, output verdict recorded
//
// Thread-safety: any thread (the store serialises writes).
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <optional>

#include "engine/chat_message.h"
#include "guard/guard.h"
#include "store/identity.h"

namespace fyr::app {

class Store;
struct GenerationStats;

class RequestGate {
public:
    // Why a request was not admitted, for callers that answer differently (the API's 403, 429, 400).
    enum class Refusal { None, ModelAccess, Quota, Guard, Store };
    struct Admission {
        bool allowed = false;
        QString reason;                  // why not, for the caller
        Refusal refusal = Refusal::None;
        int64_t retryAtMs = 0;           // with Refusal::Quota: when the limit that refused resets
        QString prompt;                  // what the model may read (redactions applied)
        int64_t requestId = 0;           // the request's row, once it got past model access and quotas
        guard::GuardResult input;
        guard::GuardContext guardContext;
        QString model;
        // The identity-aware system prompt the guard policy asks for (the caller's
        // name, role and clearance, and a canary the output guard watches for);
        // "" when the policy has none. withSystemPrompt() puts it in a conversation.
        QString systemPrompt;
    };
    struct Outcome {
        int promptTokens = 0;
        int generatedTokens = 0;
        double ttftMs = 0, e2eMs = 0;
        QString finishReason;
        guard::GuardResult output;  // the output guard's final verdict
        // The request's share of engine time and energy (RequestCostMeter::take);
        // without it the time is e2eMs and the energy nominal watts × time.
        std::optional<double> gpuSeconds;
        std::optional<double> joules;
        // The output guard's time on this request, all its checks (of streamed
        // pieces too); without it the final check's. Stored with the input
        // check's as the row's guard_ms.
        std::optional<double> guardOutputMs;
        // The most KV-cache memory the request held at once
        // (fyr::RequestMetrics::kv_peak_bytes); unset where the engine did not run it.
        std::optional<int64_t> kvPeakBytes;
    };
    // What the engine reports of a request run through it (EngineBridge's
    // finished()), as an outcome with `finishReason`.
    static Outcome outcomeOf(const GenerationStats& stats, const QString& finishReason);

    RequestGate(Store& store, std::shared_ptr<const guard::Guard> guard);

    // `messages` with `systemPrompt` at its head: added to a leading system
    // message, or as a new one; unchanged when it is empty.
    static Conversation withSystemPrompt(Conversation messages, const QString& systemPrompt);

    // `endpoint` is what the request row records as the way it came ("local": the
    // console and fyrctl; "api": the API server).
    Admission admit(const Principal& who, const QStringList& modelNames, const QString& prompt, int64_t estimatedTokens,
                    const QString& endpoint = QStringLiteral("local"));
    // Completes the request's row (tokens, timings, cost) and records the output verdict's events.
    QString finish(const Admission& admission, const Outcome& outcome);

private:
    Store& m_store;
    std::shared_ptr<const guard::Guard> m_guard;
};

}  // namespace fyr::app
