// Samples a set of probes on a thread of its own at a fixed interval (default
// 1 s) and publishes each round as one TelemetrySnapshot: kept as the latest
// (latest() may be called from any thread), handed to an optional callback on the
// sampler's thread, and emitted as sampled(), which reaches receivers in other
// threads (the UI) as a queued signal.
//
//   std::vector<std::unique_ptr<GpuProbe>> gpus;
//   gpus.push_back(std::make_unique<NvmlProbe>());
//   gpus.push_back(std::make_unique<AmdSysfsProbe>());
//   auto* sampler = new ProbeSampler(std::move(gpus), std::make_unique<SystemProbe>(), this);
//   connect(sampler, &ProbeSampler::sampled, this, &Dashboard::show);   // queued, GUI thread
//   sampler->start();                                                     // first round at once
//   ...
//   sampler->stop();                                                      // joins; also in the destructor
//
// Probes that are not available are never sampled; each snapshot lists their
// reasons so a dashboard can say why a GPU is missing.
//
// Thread-safety: start(), stop(), setInterval(), setCallback() and sampleOnce()
// from the owner's thread; latest(), isRunning() and interval() from any thread.
// The probes are used only by the sampling thread (or by sampleOnce() while
// stopped).
#pragma once

#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "telemetry/gpu_probe.h"
#include "telemetry/system_probe.h"

namespace fyr::app::telemetry {

struct TelemetrySnapshot {
    uint64_t sequence = 0;               // 1 for the first round after construction; 0: none yet
    int64_t sampledAtMs = 0;             // Unix milliseconds when the round began
    std::vector<GpuSample> gpus;         // every available probe's devices, in probe order
    std::optional<SystemSample> system;  // when a SystemProbe was given
    QStringList unavailable;             // reason() of each probe that is not available
};

class ProbeSampler final : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const TelemetrySnapshot&)>;

    ProbeSampler(std::vector<std::unique_ptr<GpuProbe>> gpuProbes, std::unique_ptr<SystemProbe> system,
                 QObject* parent = nullptr);
    ~ProbeSampler() override;

    // Applies at once: a running sampler's next round is due one new interval
    // after its last. Precondition: interval > 0.
    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return std::chrono::milliseconds(m_intervalMs.load()); }
    // Called on the sampling thread after each round, before sampled() is emitted.
    // Precondition: not running.
    void setCallback(Callback callback);

    // Starts the thread; the first round is taken at once. No-op when running.
    void start();
    // Asks the thread to finish its round and joins it. No-op when stopped.
    void stop();
    bool isRunning() const { return m_running.load(); }

    // The most recent round (sequence 0 before the first).
    TelemetrySnapshot latest() const;
    // One round on the caller's thread, published like the thread's rounds (for a
    // one-shot reading such as a command-line report). Precondition: not running.
    TelemetrySnapshot sampleOnce();

signals:
    void sampled(const fyr::app::telemetry::TelemetrySnapshot& snapshot);

private:
    TelemetrySnapshot takeRound();
    void publish(const TelemetrySnapshot& snapshot);
    void run();

    std::vector<std::unique_ptr<GpuProbe>> m_gpuProbes;
    std::unique_ptr<SystemProbe> m_system;
    QStringList m_unavailable;
    Callback m_callback;
    uint64_t m_sequence = 0;  // only the sampling side touches it

    std::atomic<int64_t> m_intervalMs{1000};
    std::atomic<bool> m_running{false};

    mutable std::mutex m_latestMutex;
    TelemetrySnapshot m_latest;

    std::mutex m_wakeMutex;
    std::condition_variable m_wake;
    bool m_stopRequested = false;    // guarded by m_wakeMutex
    bool m_intervalChanged = false;  // guarded by m_wakeMutex
    std::thread m_thread;
};

}  // namespace fyr::app::telemetry

Q_DECLARE_METATYPE(fyr::app::telemetry::TelemetrySnapshot)
