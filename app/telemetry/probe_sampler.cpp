#include "telemetry/probe_sampler.h"

#include <QDateTime>

namespace fyr::app::telemetry {

ProbeSampler::ProbeSampler(std::vector<std::unique_ptr<GpuProbe>> gpuProbes, std::unique_ptr<SystemProbe> system,
                           QObject* parent)
    : QObject(parent), m_gpuProbes(std::move(gpuProbes)), m_system(std::move(system)) {
    qRegisterMetaType<fyr::app::telemetry::TelemetrySnapshot>();
    // Availability is settled when a probe is built; the reasons do not change.
    for (const auto& p : m_gpuProbes)
        if (p && !p->available()) m_unavailable << p->reason();
}

ProbeSampler::~ProbeSampler() {
    stop();
}

void ProbeSampler::setInterval(std::chrono::milliseconds interval) {
    Q_ASSERT(interval.count() > 0);
    {
        std::lock_guard lock(m_wakeMutex);
        m_intervalMs.store(std::max<int64_t>(interval.count(), 1));
        m_intervalChanged = true;
    }
    m_wake.notify_all();
}

void ProbeSampler::setCallback(Callback callback) {
    Q_ASSERT(!isRunning());
    m_callback = std::move(callback);
}

void ProbeSampler::start() {
    if (m_thread.joinable()) return;
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopRequested = false;
    }
    m_running.store(true);
    m_thread = std::thread([this] { run(); });
}

void ProbeSampler::stop() {
    if (!m_thread.joinable()) return;
    {
        std::lock_guard lock(m_wakeMutex);
        m_stopRequested = true;
    }
    m_wake.notify_all();
    m_thread.join();
    m_running.store(false);
}

TelemetrySnapshot ProbeSampler::latest() const {
    std::lock_guard lock(m_latestMutex);
    return m_latest;
}

TelemetrySnapshot ProbeSampler::sampleOnce() {
    Q_ASSERT(!isRunning());
    TelemetrySnapshot s = takeRound();
    publish(s);
    return s;
}

TelemetrySnapshot ProbeSampler::takeRound() {
    TelemetrySnapshot s;
    s.sequence = ++m_sequence;
    s.sampledAtMs = QDateTime::currentMSecsSinceEpoch();
    for (const auto& p : m_gpuProbes) {
        if (!p || !p->available()) continue;
        std::vector<GpuSample> devices = p->sample();
        s.gpus.insert(s.gpus.end(), std::make_move_iterator(devices.begin()), std::make_move_iterator(devices.end()));
    }
    if (m_system) s.system = m_system->sample();
    s.unavailable = m_unavailable;
    return s;
}

void ProbeSampler::publish(const TelemetrySnapshot& snapshot) {
    {
        std::lock_guard lock(m_latestMutex);
        m_latest = snapshot;
    }
    if (m_callback) m_callback(snapshot);
    emit sampled(snapshot);
}

void ProbeSampler::run() {
    using Clock = std::chrono::steady_clock;
    auto due = Clock::now();  // when the round about to be taken was due
    std::unique_lock lock(m_wakeMutex);
    while (!m_stopRequested) {
        lock.unlock();
        publish(takeRound());
        lock.lock();
        for (;;) {
            // A fixed rate, not a fixed gap: a slow round does not push the next
            // ones later; rounds missed while one ran long are skipped, not bunched.
            m_intervalChanged = false;
            const auto interval = std::chrono::milliseconds(m_intervalMs.load());
            auto next = due + interval;
            const auto now = Clock::now();
            if (next < now) next = now + interval;
            if (!m_wake.wait_until(lock, next, [this] { return m_stopRequested || m_intervalChanged; })) {
                due = next;
                break;
            }
            if (m_stopRequested) break;
            // The interval changed while waiting: wait again, by the new one.
        }
    }
}

}  // namespace fyr::app::telemetry
