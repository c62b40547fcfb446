#include "engine/engine_worker.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <optional>
#include <random>
#include <string>

#include "core/log_categories.h"
#include "engine/prompt_builder.h"
#include "fyr/chat_prompt.h"
#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/model_info.h"
#include "fyr/paged_kv_cache.h"
#include "fyr/runtime.h"
#include "fyr/sampler.h"
#include "fyr/thread_pool.h"
#include "fyr/tokenizer.h"
#include "services/cost_model.h"
#include "services/request_tracing.h"
#include "services/runtime_metrics.h"
#include "telemetry/request_trace.h"
#include "telemetry/trace_store.h"

namespace fyr::app {
namespace {

// KV block size in positions: small enough that a conversation's next turn
// finds most of its earlier turns cached (only whole blocks are shared).
constexpr int32_t kBlockTokens = 16;

// Engine errors usually start with the file's path; make sure the message names it.
QString namingFile(const QString& path, const QString& error) {
    if (error.contains(QFileInfo(path).fileName())) return error;
    return QStringLiteral("%1: %2").arg(path, error);
}

SamplerParams samplerParams(const GenerationRequest& request) {
    SamplerParams p;
    if (request.temperature <= 0) {
        p = SamplerParams::greedy();
    } else {
        p.temperature = request.temperature;
        p.top_p = request.topP;
        p.top_k = request.topK;
        p.min_p = request.minP;
    }
    p.repeat_penalty = request.repeatPenalty;
    if (request.seed) {
        p.seed = *request.seed;
    } else {
        std::random_device rd;
        p.seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
    }
    return p;
}

double msSince(const QElapsedTimer& t) {
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// Hands the runtime's observations to whatever is set later (the metrics are
// made once the runtime has said which backend it runs on).
class ForwardingObserver final : public RuntimeObserver {
public:
    // The requests' shares of each step; set before the runtime starts.
    explicit ForwardingObserver(RuntimeObserver* costMeter) : m_costMeter(costMeter) {}
    void setTarget(RuntimeObserver* target) { m_target.store(target); }
    void on_step(const StepStats& s) override {
        m_costMeter->on_step(s);
        if (RuntimeObserver* t = m_target.load()) t->on_step(s);
    }
    void on_request_finished(const RequestResult& r) override {
        if (RuntimeObserver* t = m_target.load()) t->on_request_finished(r);
    }
    void on_event(const RuntimeEvent& e) override {
        if (RuntimeObserver* t = m_target.load()) t->on_event(e);
    }

private:
    RuntimeObserver* const m_costMeter;
    std::atomic<RuntimeObserver*> m_target{nullptr};
};

}  // namespace

struct EngineWorker::Loaded {
    // Declared in dependency order, so they are destroyed in reverse: the runtime
    // (whose callbacks use the rest) first, the file last.
    std::unique_ptr<GgufFile> file;
    std::unique_ptr<Model> model;
    std::unique_ptr<Tokenizer> tokenizer;
    std::unique_ptr<ChatPrompt> chatTemplate;
    std::unique_ptr<PromptBuilder> prompts;
    std::unique_ptr<RequestCostMeter> costMeter;
    std::unique_ptr<ForwardingObserver> observer;
    std::unique_ptr<RuntimeMetrics> metrics;
    std::unique_ptr<Runtime> runtime;
    ModelSummary summary;
};

// One request between generate() and its end; after submit() only the
// runtime's thread touches it.
struct EngineWorker::Active {
    quint64 id = 0;
    GenerationRequest request;
    GenerationStats stats;
    QElapsedTimer timer;      // since generate()
    QElapsedTimer sinceSent;  // since the last textStreamed()
    double prepMs = 0;        // generate() until the runtime had it
    QString pending;          // text not yet sent
    bool sentAny = false;
    bool guardStopped = false;
    telemetry::FyrMetrics* metrics = nullptr;
    RequestCostMeter* costMeter = nullptr;
    // Tracing: the request's trace and where it goes, the time of submit() and of
    // the first piece of text (the stream phase's start).
    std::optional<telemetry::RequestTrace> trace;
    telemetry::TraceStore* traces = nullptr;
    int64_t submittedNs = 0;
    int64_t firstTextNs = 0;
};

EngineWorker::EngineWorker(QObject* parent) : QObject(parent) {}

EngineWorker::~EngineWorker() {
    // The runtime's callbacks emit this object's signals: end them while it is whole.
    releaseModel();
}

void EngineWorker::cancelUpTo(quint64 id) {
    quint64 current = m_cancelUpTo.load(std::memory_order_relaxed);
    while (current < id && !m_cancelUpTo.compare_exchange_weak(current, id, std::memory_order_release)) {
    }
    // Requests still in their prompt or waiting produce no text to refuse: tell the runtime.
    std::lock_guard lock(m_activeMutex);
    if (!m_runtime) return;
    for (const auto& [appId, runtimeId] : m_active) {
        if (appId <= id && runtimeId != 0) m_runtime->cancel(runtimeId);
    }
}

void EngineWorker::cancel(quint64 id) {
    // Under m_activeMutex throughout, so a request that ends meanwhile (onDone
    // erases it from m_active, then from m_cancelled) cannot leave its id behind.
    std::lock_guard lock(m_activeMutex);
    const auto it = m_active.find(id);
    if (it == m_active.end()) return;  // not started or over: nothing to keep
    {
        std::lock_guard cancelledLock(m_cancelledMutex);
        m_cancelled.insert(id);
        m_cancelledCount.store(m_cancelled.size(), std::memory_order_release);
    }
    if (m_runtime && it->second != 0) m_runtime->cancel(it->second);
}

bool EngineWorker::isCancelled(quint64 id) const {
    if (id <= m_cancelUpTo.load(std::memory_order_acquire)) return true;
    if (m_cancelledCount.load(std::memory_order_acquire) == 0) return false;
    std::lock_guard lock(m_cancelledMutex);
    return m_cancelled.count(id) != 0;
}

void EngineWorker::setStreamInterval(int ms) {
    m_streamIntervalMs.store(std::max(ms, 0));
}

void EngineWorker::setMetrics(telemetry::FyrMetrics* metrics) {
    m_metrics.store(metrics);
}

void EngineWorker::setEnergyCounter(std::function<std::optional<double>()> totalJoules) {
    std::lock_guard lock(m_energyMutex);
    m_energyCounter = std::move(totalJoules);
}

void EngineWorker::setTraceStore(telemetry::TraceStore* store) {
    m_traces.store(store);
}

int EngineWorker::activeRequests() const {
    std::lock_guard lock(m_activeMutex);
    return static_cast<int>(m_active.size());
}

void EngineWorker::releaseModel() {
    {
        std::lock_guard lock(m_activeMutex);
        m_runtime = nullptr;
    }
    // The runtime's destructor cancels what it still runs: finished("cancelled") for each.
    m_loaded.reset();
}

void EngineWorker::loadModel(const QString& path, const LoadOptions& options) {
    QElapsedTimer timer;
    timer.start();
    auto fail = [&](const std::string& error) {
        const QString message = namingFile(path, QString::fromStdString(error));
        qCWarning(lcEngine).noquote() << "load failed:" << message;
        emit loadFailed(path, message);
    };
    try {
        auto next = std::make_unique<Loaded>();
        std::string error;
        next->file = GgufFile::open(QFile::encodeName(path).toStdString(), &error);
        if (!next->file) return fail(error);
        next->model = Model::load(*next->file, &error);
        if (!next->model) return fail(error);
        next->tokenizer = Tokenizer::from_gguf(*next->file, &error);
        if (!next->tokenizer) return fail(error);
        if (next->file->get_string("tokenizer.chat_template")) {
            next->chatTemplate = ChatPrompt::from_gguf(*next->file, *next->tokenizer, &error);
            if (!next->chatTemplate)
                qCWarning(lcEngine).noquote() << "the chat template cannot be used ("
                                              << QString::fromStdString(error) << "); answering with plain completions";
        }

        const ModelHParams& hp = next->model->hparams();
        const int trained = hp.n_ctx_train;
        int nCtx = options.nCtx > 0 ? options.nCtx : LoadOptions::kDefaultMaxCtx;
        if (trained > 0) nCtx = std::min(nCtx, trained);
        RuntimeParams params;
        params.n_threads = options.nThreads;
        params.max_seq_len = nCtx;
        params.block_tokens = kBlockTokens;
        params.max_running = LoadOptions::kMaxRunning;
        params.tokenizer = next->tokenizer.get();
        params.name = QFileInfo(path).fileName().toStdString();
        const size_t blocksPerContext = (static_cast<size_t>(nCtx) + kBlockTokens - 1) / kBlockTokens;
        params.kv_budget_bytes = PagedKvCache::block_bytes(hp.n_layer, hp.n_embd_kv(), kBlockTokens) *
                                 blocksPerContext * static_cast<size_t>(std::max(1, options.parallel));
        {
            std::lock_guard lock(m_energyMutex);
            next->costMeter = std::make_unique<RequestCostMeter>(
                m_energyCounter ? RequestCostMeter::fromCounter(m_energyCounter) : RequestCostMeter::EnergyMeter{});
        }
        next->observer = std::make_unique<ForwardingObserver>(next->costMeter.get());
        next->runtime = std::make_unique<Runtime>(*next->model, params, next->observer.get());
        const QString backend = QString::fromStdString(next->runtime->backend());
        if (telemetry::FyrMetrics* metrics = m_metrics.load()) {
            next->metrics = std::make_unique<RuntimeMetrics>(*metrics, QFileInfo(path).completeBaseName(), backend,
                                                             QString(), options.endpoint);
            next->metrics->setWeightBytes(next->model->weight_bytes_per_token());
            next->observer->setTarget(next->metrics.get());
        }
        next->prompts = std::make_unique<PromptBuilder>(*next->tokenizer, next->chatTemplate.get());

        const ModelInfo info = ModelInfo::from_gguf(*next->file, nCtx);
        ModelSummary& s = next->summary;
        s.path = path;
        s.name = QFileInfo(path).completeBaseName();
        s.architecture = QString::fromStdString(hp.arch);
        s.nParams = info.n_params;
        s.fileBytes = next->file->file_size();
        s.quantType = QString::fromStdString(info.file_type);
        if (s.quantType.isEmpty() && !info.type_mix.empty())
            s.quantType = QString::fromStdString(info.type_mix.front().type).toUpper();
        s.nCtx = nCtx;
        s.nCtxTrain = trained;
        s.backend = backend;
        s.nThreads = options.nThreads > 0 ? options.nThreads : ThreadPool::default_threads();
        s.hasChatTemplate = next->chatTemplate != nullptr;
        s.kvBytes = params.kv_budget_bytes;
        s.loadMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;

        releaseModel();
        m_loaded = std::move(next);
        {
            std::lock_guard lock(m_activeMutex);
            m_runtime = m_loaded->runtime.get();
        }
        const ModelSummary summary = m_loaded->summary;
        qCInfo(lcEngine).noquote() << "loaded" << path << "in" << qRound(summary.loadMs) << "ms:" << summary.architecture
                                   << "context" << summary.nCtx << "on" << summary.backend << "with"
                                   << (summary.kvBytes >> 20) << "MiB of KV cache";
        emit modelLoaded(summary);
    } catch (const std::exception& e) {
        fail(e.what());
    }
}

void EngineWorker::unloadModel() {
    if (!m_loaded) return;
    qCInfo(lcEngine).noquote() << "unloaded" << m_loaded->summary.path;
    releaseModel();
    emit modelUnloaded();
}

void EngineWorker::send(Active& a) {
    if (a.pending.isEmpty()) return;
    const QString piece = std::exchange(a.pending, QString());
    const guard::Guard* guard = a.request.guard.get();
    if (guard) {
        // The answer so far is checked before the piece goes out; a block withholds
        // it and ends the answer.
        a.stats.guardOutput = guard->check(a.stats.text + piece, guard::Direction::Output, a.request.guardContext);
        a.stats.guardMicros += a.stats.guardOutput.elapsedUs;
        if (a.stats.guardOutput.verdict == guard::Verdict::Block) {
            a.guardStopped = true;
            return;
        }
    }
    a.stats.text += piece;
    if (!a.sentAny && a.trace) a.firstTextNs = telemetry::unixNanosNow();
    a.sentAny = true;
    a.sinceSent.start();
    const bool redacted = guard && a.stats.guardOutput.verdict == guard::Verdict::Redact;
    emit textStreamed(a.id, piece, redacted ? a.stats.guardOutput.text : a.stats.text);
}

bool EngineWorker::onText(Active& a, std::string_view piece) {
    if (isCancelled(a.id) || a.guardStopped) return false;  // stop() came before this piece: drop it
    a.pending += QString::fromUtf8(piece.data(), static_cast<qsizetype>(piece.size()));
    if (!a.sentAny || a.sinceSent.elapsed() >= m_streamIntervalMs.load(std::memory_order_relaxed)) send(a);
    return !isCancelled(a.id) && !a.guardStopped;  // a stop() while the piece was sent ends it here
}

void EngineWorker::onDone(Active& a, const RequestResult& result) {
    if (a.costMeter) {
        const RequestCostMeter::Share share = a.costMeter->take(result.id);
        a.stats.engineSeconds = share.seconds;
        a.stats.joules = share.joules;
    }
    // What was generated before a stop() still goes out.
    if (!a.guardStopped) send(a);
    const guard::Guard* guard = a.request.guard.get();
    const int64_t guardStartNs = a.trace ? telemetry::unixNanosNow() : 0;
    if (guard && !a.guardStopped) {
        // The final verdict on the whole answer; redactions apply to what is kept.
        a.stats.guardOutput = guard->check(a.stats.text, guard::Direction::Output, a.request.guardContext);
        a.stats.guardMicros += a.stats.guardOutput.elapsedUs;
        if (a.stats.guardOutput.verdict == guard::Verdict::Block) a.guardStopped = true;
        else if (a.stats.guardOutput.verdict == guard::Verdict::Redact) a.stats.text = a.stats.guardOutput.text;
    }
    if (guard && a.metrics) recordGuardMetrics(*a.metrics, a.stats.guardOutput);

    const RequestMetrics& m = result.metrics;
    GenerationStats& stats = a.stats;
    stats.promptTokens = m.prompt_tokens;
    stats.cachedTokens = m.reused_prefix_tokens;
    stats.kvPeakBytes = m.kv_peak_bytes;
    stats.generatedTokens = static_cast<int>(result.tokens.size()) - (result.finish_reason == "eos" ? 1 : 0);
    stats.ttftMs = result.tokens.empty() ? 0 : a.prepMs + m.ttft_ms;
    const double promptMs = m.ttft_ms - m.queue_ms;
    const int evaluated = m.prompt_tokens - m.reused_prefix_tokens;
    stats.promptTokensPerSecond = !result.tokens.empty() && promptMs > 0 ? 1000.0 * evaluated / promptMs : 0;
    stats.tokensPerSecond = m.tpot_ms > 0 ? 1000.0 / m.tpot_ms : 0;
    stats.totalMs = msSince(a.timer);
    stats.finishReason = a.guardStopped ? QStringLiteral("guard") : QString::fromStdString(result.finish_reason);
    if (a.trace) {
        const int64_t endNs = telemetry::unixNanosNow();
        const telemetry::SpanStatus status = traceRuntimeResult(*a.trace, a.submittedNs, result);
        if (a.firstTextNs > 0) a.trace->addPhase(telemetry::RequestPhase::Stream, a.firstTextNs, endNs);
        if (guard) {
            // The output guard ran on every piece sent and once on the whole answer:
            // its span covers the final check and carries its verdict and total time.
            telemetry::Span& g = a.trace->addPhase(telemetry::RequestPhase::GuardOutput, guardStartNs, endNs);
            g.setAttribute(telemetry::attr::kGuardDirection, QStringLiteral("output"));
            g.setAttribute(telemetry::attr::kGuardVerdict, guard::verdictName(stats.guardOutput.verdict));
        }
        a.trace->setFinishReason(stats.finishReason);
        a.traces->putFinished(stats.requestId, a.trace->finish(status, QString::fromStdString(result.error), endNs));
        a.trace.reset();
    }
    {
        std::lock_guard lock(m_activeMutex);
        m_active.erase(a.id);
    }
    {
        std::lock_guard lock(m_cancelledMutex);
        if (m_cancelled.erase(a.id) != 0) m_cancelledCount.store(m_cancelled.size(), std::memory_order_release);
    }
    if (result.finish_reason == "error") {
        emit failed(a.id, QString::fromStdString(result.error));
        return;
    }
    qCDebug(lcEngine).noquote() << "request" << a.id << stats.finishReason << "after" << stats.generatedTokens
                                << "tokens; prompt" << stats.promptTokens << "tokens," << stats.cachedTokens
                                << "cached; ttft" << stats.ttftMs << "ms;" << stats.tokensPerSecond << "tok/s";
    emit finished(a.id, stats);
}

void EngineWorker::generate(quint64 id, const GenerationRequest& request) {
    auto a = std::make_shared<Active>();
    a->timer.start();
    a->id = id;
    a->request = request;
    a->metrics = m_metrics.load();
    a->costMeter = m_loaded ? m_loaded->costMeter.get() : nullptr;
    a->traces = m_traces.load();
    GenerationStats& stats = a->stats;
    if (a->traces) {
        telemetry::RequestTrace::Options o;
        o.request_id = request.requestId.isEmpty() ? QStringLiteral("chat-%1").arg(id) : request.requestId;
        o.model = m_loaded ? m_loaded->summary.name : QString();
        o.traceparent = request.traceparent;
        o.tracestate = request.tracestate;
        o.kind = request.traceparent.isEmpty() ? telemetry::SpanKind::Internal : telemetry::SpanKind::Server;
        a->trace.emplace(o);
        stats.requestId = a->trace->requestId();
        stats.traceId = QString::fromStdString(a->trace->traceId().hex());
    }
    // A request that ends before the runtime has it still leaves its trace.
    auto endTrace = [&a](const QString& reason, telemetry::SpanStatus status = telemetry::SpanStatus::Unset,
                         const QString& message = {}) {
        if (!a->trace) return;
        a->trace->setFinishReason(reason);
        a->traces->putFinished(a->stats.requestId, a->trace->finish(status, message));
        a->trace.reset();
    };
    emit started(id);
    if (isCancelled(id)) {
        stats.finishReason = QStringLiteral("cancelled");
        endTrace(stats.finishReason);
        emit finished(id, stats);
        return;
    }
    if (!m_loaded) {
        const QString message = tr("No model is loaded.");
        endTrace(QStringLiteral("error"), telemetry::SpanStatus::Error, message);
        emit failed(id, message);
        return;
    }

    // The guard reads the user's message before the model does.
    GenerationRequest guarded = request;
    if (const guard::Guard* guard = request.guard.get()) {
        stats.guarded = true;
        QString* userText = guarded.prompt.isEmpty() ? nullptr : &guarded.prompt;
        for (auto it = guarded.messages.rbegin(); !userText && it != guarded.messages.rend(); ++it)
            if (it->role == QLatin1String("user")) userText = &it->content;
        if (request.checkedInput) {
            // Checked (and recorded) before it came here: the same verdict, not a second check.
            stats.guardInput = *request.checkedInput;
            stats.guardMicros += stats.guardInput.elapsedUs;
            if (a->metrics) recordGuardMetrics(*a->metrics, stats.guardInput);
            if (stats.guardInput.verdict == guard::Verdict::Block) {
                stats.finishReason = QStringLiteral("guard");
                stats.totalMs = msSince(a->timer);
                endTrace(stats.finishReason);
                emit finished(id, stats);
                return;
            }
        } else if (userText) {
            if (a->trace) a->trace->beginPhase(telemetry::RequestPhase::GuardInput);
            stats.guardInput = guard->check(*userText, guard::Direction::Input, request.guardContext);
            stats.guardMicros += stats.guardInput.elapsedUs;
            if (a->trace) {
                telemetry::Span* g = a->trace->endPhase(telemetry::RequestPhase::GuardInput);
                g->setAttribute(telemetry::attr::kGuardDirection, QStringLiteral("input"));
                g->setAttribute(telemetry::attr::kGuardVerdict, guard::verdictName(stats.guardInput.verdict));
            }
            if (a->metrics) recordGuardMetrics(*a->metrics, stats.guardInput);
            if (stats.guardInput.verdict == guard::Verdict::Block) {
                stats.finishReason = QStringLiteral("guard");
                stats.totalMs = msSince(a->timer);
                endTrace(stats.finishReason);
                emit finished(id, stats);
                return;
            }
            if (stats.guardInput.verdict == guard::Verdict::Redact) *userText = stats.guardInput.text;
        }
    }

    try {
        const PromptBuilder::Result prompt = m_loaded->prompts->build(guarded);
        if (!prompt.ok()) {
            endTrace(QStringLiteral("error"), telemetry::SpanStatus::Error, prompt.error);
            emit failed(id, prompt.error);
            return;
        }
        const int nCtx = m_loaded->summary.nCtx;
        if (static_cast<int64_t>(prompt.ids.size()) >= nCtx) {
            endTrace(QStringLiteral("error"), telemetry::SpanStatus::Error, QStringLiteral("prompt too long"));
            emit failed(id, tr("The prompt has %1 tokens but the context holds %2, with room needed for the answer. "
                               "Clear the conversation or load the model with a larger context.")
                                .arg(prompt.ids.size())
                                .arg(nCtx));
            return;
        }

        Request r;
        r.prompt = prompt.ids;
        r.sampling = samplerParams(request);
        r.max_tokens = request.maxTokens > 0 ? request.maxTokens : nCtx;
        if (!request.ignoreEos) r.end_tokens = m_loaded->tokenizer->vocab().eog_ids();
        for (const QString& s : request.stop) {
            if (!s.isEmpty()) r.stop.push_back(s.toStdString());
        }
        r.priority = Priority::Interactive;
        // The callbacks run on the runtime's thread; `a` lives until the last of them.
        r.on_text = [this, a](std::string_view piece) { return onText(*a, piece); };
        r.on_done = [this, a](const RequestResult& result) { onDone(*a, result); };
        {
            std::lock_guard lock(m_activeMutex);
            m_active[id] = 0;
        }
        a->prepMs = msSince(a->timer);
        if (a->trace) a->submittedNs = telemetry::unixNanosNow();
        const Submission sub = m_loaded->runtime->submit(std::move(r));
        if (!sub.accepted()) {
            {
                std::lock_guard lock(m_activeMutex);
                m_active.erase(id);
            }
            endTrace(QStringLiteral("rejected"), telemetry::SpanStatus::Error, QString::fromStdString(sub.reason));
            QString message = tr("The model cannot take this request: %1.").arg(QString::fromStdString(sub.reason));
            if (sub.retry_after_ms >= 0)
                message += QLatin1Char(' ') + tr("Try again in %n second(s).", nullptr, (sub.retry_after_ms + 999) / 1000);
            emit failed(id, message);
            return;
        }
        {
            std::lock_guard lock(m_activeMutex);
            const auto it = m_active.find(id);
            if (it != m_active.end()) it->second = sub.id;  // not finished already
        }
        if (isCancelled(id)) m_loaded->runtime->cancel(sub.id);  // a stop() while it was being submitted
    } catch (const std::exception& e) {
        endTrace(QStringLiteral("error"), telemetry::SpanStatus::Error, QString::fromStdString(e.what()));
        emit failed(id, QString::fromStdString(e.what()));
    }
}

}  // namespace fyr::app
