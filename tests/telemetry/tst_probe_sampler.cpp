// ProbeSampler: rounds on a thread of their own at a short interval, each one
// published as latest(), to the callback (on the sampling thread) and as a
// queued sampled() signal (on the receiver's thread); unavailable probes are
// never sampled and their reasons travel with every snapshot; stop() joins (no
// round after it), is idempotent, and the sampler restarts; the destructor stops
// a running sampler; an interval changed while waiting applies at once.
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

#include "telemetry/probe_sampler.h"

using namespace fyr::app::telemetry;
using namespace std::chrono_literals;

namespace {

class CountingProbe final : public GpuProbe {
public:
    explicit CountingProbe(std::atomic<int>* calls, QString reason = {})
        : m_calls(calls), m_reason(std::move(reason)) {}
    QString backend() const override { return QStringLiteral("counting"); }
    bool available() const override { return m_reason.isEmpty(); }
    QString reason() const override { return m_reason; }
    std::vector<GpuSample> sample() override {
        const int n = ++*m_calls;
        GpuSample s;
        s.backend = backend();
        s.index = 0;
        s.name = QStringLiteral("counter");
        s.gpuUtilPct = static_cast<unsigned>(n);
        return {s};
    }

private:
    std::atomic<int>* m_calls;
    QString m_reason;
};

struct Rig {
    std::atomic<int> calls{0};
    std::atomic<int> unavailableCalls{0};
    std::unique_ptr<ProbeSampler> sampler;

    explicit Rig(std::unique_ptr<SystemProbe> system = {}) {
        std::vector<std::unique_ptr<GpuProbe>> probes;
        probes.push_back(std::make_unique<CountingProbe>(&calls));
        probes.push_back(std::make_unique<CountingProbe>(&unavailableCalls, QStringLiteral("no such GPU here")));
        sampler = std::make_unique<ProbeSampler>(std::move(probes), std::move(system));
    }
};

}  // namespace

class TestProbeSampler : public QObject {
    Q_OBJECT
private slots:
    void defaults() {
        Rig rig;
        QCOMPARE(rig.sampler->interval(), 1000ms);
        QVERIFY(!rig.sampler->isRunning());
        QCOMPARE(rig.sampler->latest().sequence, uint64_t(0));
    }

    void samplesOnItsOwnThread() {
        Rig rig;
        std::atomic<QThread*> callbackThread{nullptr};
        rig.sampler->setCallback([&](const TelemetrySnapshot&) { callbackThread = QThread::currentThread(); });
        QThread* receiverThread = nullptr;
        QList<TelemetrySnapshot> received;
        // A receiver that dies with this function takes its still-queued calls
        // with it (they capture the locals above).
        QObject receiver;
        connect(rig.sampler.get(), &ProbeSampler::sampled, &receiver, [&](const TelemetrySnapshot& s) {
            receiverThread = QThread::currentThread();
            received << s;
        });
        rig.sampler->setInterval(10ms);
        rig.sampler->start();
        QVERIFY(rig.sampler->isRunning());
        rig.sampler->start();  // already running: nothing changes
        QTRY_VERIFY(received.size() >= 3);
        // latest() is safe while the thread writes it.
        for (int i = 0; i < 1000; ++i) QVERIFY(rig.sampler->latest().sequence >= 3);
        rig.sampler->stop();
        QVERIFY(!rig.sampler->isRunning());

        QVERIFY(callbackThread.load() != nullptr);
        QVERIFY(callbackThread.load() != QThread::currentThread());
        QCOMPARE(receiverThread, QThread::currentThread());  // queued to the receiver

        // After stop() returns nothing more is sampled: the last round is the latest.
        const TelemetrySnapshot last = rig.sampler->latest();
        QCOMPARE(last.sequence, uint64_t(rig.calls.load()));
        QCoreApplication::processEvents();
        QCOMPARE(received.size(), rig.calls.load());
        for (int i = 0; i < received.size(); ++i) {
            QCOMPARE(received[i].sequence, uint64_t(i + 1));
            QCOMPARE(received[i].gpus.size(), size_t(1));
            QCOMPARE(received[i].gpus[0].gpuUtilPct.value_or(0), unsigned(i + 1));
            QCOMPARE(received[i].unavailable, QStringList{QStringLiteral("no such GPU here")});
            QVERIFY(received[i].sampledAtMs > 0);
            QVERIFY(!received[i].system);
        }
        QCOMPARE(rig.unavailableCalls.load(), 0);

        rig.sampler->stop();   // again: nothing to do
        rig.sampler->start();  // and it starts again
        QTRY_VERIFY(rig.sampler->latest().sequence > last.sequence);
        rig.sampler->stop();
    }

    void systemProbeTravelsAlong() {
        QTemporaryDir root;
        QDir().mkpath(root.filePath("proc/self"));
        auto put = [&](const QString& rel, const QByteArray& bytes) {
            QFile f(root.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        put("proc/stat", "cpu  1 0 1 8 0 0 0 0\n");
        put("proc/meminfo", "MemTotal: 1000 kB\nMemAvailable: 500 kB\n");
        put("proc/self/status", "VmRSS:\t10 kB\nThreads:\t2\n");
        Rig rig(std::make_unique<SystemProbe>(root.path()));
        const TelemetrySnapshot s = rig.sampler->sampleOnce();
        QCOMPARE(s.sequence, uint64_t(1));
        QVERIFY(s.system);
        QCOMPARE(quint64(s.system->ramAvailableBytes.value_or(0)), quint64(500 * 1024));
        QCOMPARE(s.system->processThreads.value_or(0), 2u);
        QCOMPARE(rig.sampler->latest().sequence, uint64_t(1));
    }

    void destructorStopsARunningSampler() {
        auto rig = std::make_unique<Rig>();
        rig->sampler->setInterval(5ms);
        rig->sampler->start();
        QTRY_VERIFY(rig->calls.load() >= 1);
        rig.reset();  // joins; a hang here is the failure
    }

    // A sampler waiting out a long interval takes up a short one at once.
    void shorterIntervalAppliesAtOnce() {
        Rig rig;
        // Not a QSignalSpy: it records the emitting thread's calls directly, racing
        // with this one; a receiver here gets them queued.
        int rounds = 0;
        QObject receiver;
        connect(rig.sampler.get(), &ProbeSampler::sampled, &receiver, [&] { ++rounds; });
        rig.sampler->setInterval(std::chrono::hours(1));
        rig.sampler->start();
        QTRY_COMPARE(rounds, 1);  // the first round is taken at once
        rig.sampler->setInterval(10ms);
        QTRY_VERIFY(rounds >= 3);
        rig.sampler->stop();
    }
};

QTEST_GUILESS_MAIN(TestProbeSampler)
#include "tst_probe_sampler.moc"
