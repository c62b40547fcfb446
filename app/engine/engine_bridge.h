// The console's way to the inference engine without blocking: a thin front, living
// in the thread that creates it (the GUI thread), for an EngineWorker on the
// bridge's own engine thread. Every call returns at once; results come back as
// queued signals in the front's thread.
//
//   auto* bridge = new fyr::app::EngineBridge(this);
//   connect(bridge, &EngineBridge::modelLoaded, this, &Page::showModel);
//   connect(bridge, &EngineBridge::textStreamed, this, &Page::appendText);
//   connect(bridge, &EngineBridge::finished, this, &Page::showStats);
//   bridge->loadModel(QStringLiteral("model.gguf"));
//   const quint64 id = bridge->generate(request);   // started(id), textStreamed(id, ...)..., finished(id, stats)
//   bridge->stop();                                  // from any thread: ends within one token
//
// Requests run at once, batched by the model's serving runtime (each answers as
// it would alone; prompts that start like an earlier one reuse its KV cache).
// loadModel() and unloadModel() stop everything already asked for first.
// Destroying the bridge stops every generation, then quits and joins the engine
// thread (a load in progress is finished first).
//
// Thread-safety: every method may be called from any thread (the worker is only
// reached through queued invocations and atomics); the signals are emitted in the
// thread the bridge lives in.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

#include "engine/generation_request.h"
#include "engine/generation_stats.h"
#include "engine/load_options.h"
#include "engine/model_summary.h"

class QThread;

namespace fyr::app {

namespace telemetry {
class FyrMetrics;
class TraceStore;
}
class EngineWorker;

class EngineBridge final : public QObject {
    Q_OBJECT
public:
    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;

    // Loads a GGUF model (file, weights, tokenizer, chat template, context) on the
    // engine thread: modelLoaded() or loadFailed(). A failed load keeps the model
    // loaded before it.
    void loadModel(const QString& path, const LoadOptions& options = {});
    void unloadModel();

    // Queues a generation and returns its id (1, 2, 3, ... per bridge): started(id),
    // then textStreamed(id, piece, shown) as text comes, then finished(id, stats) or failed(id, message).
    quint64 generate(const GenerationRequest& request);

    // Cancels every generation asked for so far: running ones end within one
    // token with finish reason "cancelled", queued ones finish so without running.
    // Requests made after stop() are not affected.
    void stop();
    // Cancels the one generation `id` if it is running or waiting in the runtime
    // (it ends within one token with finish reason "cancelled"); one not started
    // yet or already over is not affected.
    void cancel(quint64 id);

    // Most textStreamed() signals per answer are about one per `ms` milliseconds
    // (pieces in between are joined); 0: one signal per piece. Default 16.
    void setStreamInterval(int ms);

    // Where the runtime's observations and the guards' verdicts go from the next
    // load on (EngineWorker::setMetrics); the metrics must outlive the bridge.
    void setMetrics(telemetry::FyrMetrics* metrics);
    // Where each request's spans go when it ends (EngineWorker::setTraceStore);
    // the store must outlive the bridge.
    void setTraceStore(telemetry::TraceStore* store);
    // The engine device's cumulative energy counter, from the next load on
    // (EngineWorker::setEnergyCounter).
    void setEnergyCounter(std::function<std::optional<double>()> totalJoules);

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
    struct ThreadStopper {
        void operator()(QThread* thread) const;
    };

    EngineWorker* m_worker = nullptr;  // lives in m_thread; deleted there when the thread finishes
    std::unique_ptr<QThread, ThreadStopper> m_thread;
    std::atomic<quint64> m_lastId{0};
};

}  // namespace fyr::app
