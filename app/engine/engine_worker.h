// The engine's side of EngineBridge: owns the loaded model (file, weights,
// tokenizer, chat template) and its serving runtime (fyr::Runtime), which
// answers many requests at once with continuous batching and reuses the KV
// cache of prompts that start alike (a conversation's earlier turns, a shared
// system prompt). Loads run on whatever thread the worker lives in; generations
// run on the runtime's scheduler thread, and their signals are emitted there.
// EngineBridge moves the worker to its own thread and connects queued; tests may
// also drive it directly on the test's thread and wait for the signals.
//
//   fyr::app::EngineWorker worker;                 // no thread: loads block
//   worker.setStreamInterval(0);                   // one textStreamed() per piece
//   connect(&worker, &EngineWorker::textStreamed, ...);
//   worker.loadModel(path, {});                    // emits modelLoaded() or loadFailed()
//   worker.generate(1, request);                   // started() now; textStreamed()..., finished() as it runs
//
// Thread-safety: the slots and the destructor belong to the worker's thread.
// cancelUpTo(), setStreamInterval() and setMetrics() may be called from any
// thread at any time. The signals other than started(), modelLoaded(),
// loadFailed() and modelUnloaded() come from the runtime's thread: connect
// queued (or with a receiver in another thread) unless the slot is thread-safe.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <optional>
#include <string_view>
#include <vector>

#include "engine/generation_request.h"
#include "engine/generation_stats.h"
#include "engine/load_options.h"
#include "engine/model_summary.h"

namespace fyr {
class ChatPrompt;
class GgufFile;
class Model;
class Runtime;
struct RequestResult;
class Tokenizer;
}  // namespace fyr

namespace fyr::app {

namespace telemetry {
class FyrMetrics;
class TraceStore;
}
class PromptBuilder;

class EngineWorker final : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(QObject* parent = nullptr);
    ~EngineWorker() override;

    // Cancels every request with an id <= `id`: one that is generating stops within
    // one token (the text callback checks before and after each piece), one still
    // in its prompt or waiting for room ends at the runtime's next step, later
    // generate() calls with such an id finish as "cancelled" without running. Never
    // lowers an earlier cancellation. Thread-safe.
    void cancelUpTo(quint64 id);
    // Cancels the one request `id` if it is in the runtime now (generating, in its
    // prompt or waiting), as cancelUpTo() does; else nothing. Thread-safe.
    void cancel(quint64 id);
    bool isCancelled(quint64 id) const;

    // Streamed text is batched so that textStreamed() comes at most about once per
    // `ms` milliseconds (the first piece of an answer at once); 0: every piece as it
    // comes. Default 16 (about 60 per second). Thread-safe.
    void setStreamInterval(int ms);

    // Where the runtime's observations and the guards' verdicts go (queue time,
    // TTFT, tokens, KV use, ...); takes effect with the next load. Null: none. The
    // metrics must outlive the worker.
    void setMetrics(telemetry::FyrMetrics* metrics);

    // Where each request's spans go when it ends (queue, guard input, prefill,
    // decode, stream, guard output under a root continuing the caller's
    // traceparent), for the UI's timeline. Null: no tracing. Must outlive the
    // worker. Thread-safe.
    void setTraceStore(telemetry::TraceStore* store);

    // A cumulative energy counter (joules) for the device the engine runs on
    // (the CPU packages' RAPL counters, telemetry/powercap_energy.h): each step's
    // energy is taken from it and shared among the step's requests with its time
    // (GenerationStats::joules). Takes effect with the next load; empty: not
    // measured. Called on the runtime's thread. Thread-safe to set.
    void setEnergyCounter(std::function<std::optional<double>()> totalJoules);

    // Requests submitted and not yet finished (for tests and status displays).
    int activeRequests() const;

public slots:
    // Loads `path` and makes it the current model (unloading the previous one,
    // which cancels what it was still answering). On failure the previous model
    // stays loaded.
    void loadModel(const QString& path, const fyr::app::LoadOptions& options);
    void unloadModel();
    // Answers `request`; `id` names the request in the signals. Returns at once:
    // the answer streams from the runtime's thread.
    void generate(quint64 id, const fyr::app::GenerationRequest& request);

signals:
    void modelLoaded(const fyr::app::ModelSummary& summary);
    void loadFailed(const QString& path, const QString& message);
    void modelUnloaded();
    void started(quint64 id);
    // piece: the new text; shown: the whole answer so far as the output guard
    // shows it (its redactions applied), which is the text a client may be sent.
    void textStreamed(quint64 id, const QString& piece, const QString& shown);
    void finished(quint64 id, const fyr::app::GenerationStats& stats);
    void failed(quint64 id, const QString& message);

private:
    struct Loaded;
    struct Active;
    void releaseModel();
    // The runtime's callbacks for one request (on its scheduler thread).
    bool onText(Active& a, std::string_view piece);
    void onDone(Active& a, const fyr::RequestResult& result);
    // Hands the text collected so far to textStreamed() unless the guard stops it.
    void send(Active& a);

    std::unique_ptr<Loaded> m_loaded;  // the worker's thread only
    std::atomic<quint64> m_cancelUpTo{0};
    std::atomic<int> m_streamIntervalMs{16};
    std::atomic<telemetry::FyrMetrics*> m_metrics{nullptr};
    mutable std::mutex m_energyMutex;
    std::function<std::optional<double>()> m_energyCounter;  // guarded by m_energyMutex
    std::atomic<telemetry::TraceStore*> m_traces{nullptr};

    // Requests in the runtime by their id, with the runtime's id for them once
    // submit() returned (0 before). Guarded by m_activeMutex, as is the runtime
    // pointer cancelUpTo() uses; the runtime's callbacks never hold the mutex
    // while calling into the runtime.
    mutable std::mutex m_activeMutex;
    std::map<quint64, uint64_t> m_active;
    // Requests cancelled one by one (cancel()) until they end. Its own mutex, never
    // held while calling into the runtime: the text callback reads it per piece.
    mutable std::mutex m_cancelledMutex;
    std::set<quint64> m_cancelled;
    std::atomic<size_t> m_cancelledCount{0};
    fyr::Runtime* m_runtime = nullptr;
};

}  // namespace fyr::app
