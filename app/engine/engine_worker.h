// The engine's side of EngineBridge: owns the loaded model (file, weights,
// tokenizer, chat template, inference context) and runs loads and generations
// one at a time on whatever thread it lives in. EngineBridge moves it to its own
// thread and calls its slots through queued invocations; tests may also drive it
// directly, synchronously, on the test's thread.
//
//   fyr::app::EngineWorker worker;                 // no thread: every call blocks
//   worker.setStreamInterval(0);                   // one textStreamed() per piece
//   connect(&worker, &EngineWorker::textStreamed, ...);
//   worker.loadModel(path, {});                    // emits modelLoaded() or loadFailed()
//   worker.generate(1, request);                   // started(), textStreamed()..., finished()
//
// Thread-safety: the slots and the destructor belong to the worker's thread.
// cancelUpTo() and setStreamInterval() may be called from any thread at any time;
// they are how a generation running on the worker's thread is steered.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "engine/generation_request.h"
#include "engine/generation_stats.h"
#include "engine/load_options.h"
#include "engine/model_summary.h"

namespace fyr {
class ChatPrompt;
class GgufFile;
class InferenceContext;
class Model;
class Tokenizer;
}  // namespace fyr

namespace fyr::app {

class PromptBuilder;

class EngineWorker final : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(QObject* parent = nullptr);
    ~EngineWorker() override;

    // Cancels every request with an id <= `id`: one that is generating stops within
    // one token (the text callback checks before and after each piece), queued ones
    // finish as "cancelled" without running. Never lowers an earlier cancellation.
    // Thread-safe.
    void cancelUpTo(quint64 id);
    bool isCancelled(quint64 id) const;

    // Streamed text is batched so that textStreamed() comes at most about once per
    // `ms` milliseconds (the first piece of an answer at once); 0: every piece as it
    // comes. Default 16 (about 60 per second). Thread-safe.
    void setStreamInterval(int ms);

public slots:
    // Loads `path` and makes it the current model (unloading the previous one). On
    // failure the previous model stays loaded.
    void loadModel(const QString& path, const fyr::app::LoadOptions& options);
    void unloadModel();
    // Answers `request`; `id` names the request in the signals.
    void generate(quint64 id, const fyr::app::GenerationRequest& request);

signals:
    void modelLoaded(const fyr::app::ModelSummary& summary);
    void loadFailed(const QString& path, const QString& message);
    void modelUnloaded();
    void started(quint64 id);
    void textStreamed(quint64 id, const QString& piece);
    void finished(quint64 id, const fyr::app::GenerationStats& stats);
    void failed(quint64 id, const QString& message);

private:
    struct Loaded;
    void releaseModel();

    std::unique_ptr<Loaded> m_loaded;
    // The tokens whose K/V the context holds, in order: the last prompt and the
    // answer generated after it. Always as long as the context's n_past().
    std::vector<int32_t> m_cached;
    std::atomic<quint64> m_cancelUpTo{0};
    std::atomic<int> m_streamIntervalMs{16};
};

}  // namespace fyr::app
