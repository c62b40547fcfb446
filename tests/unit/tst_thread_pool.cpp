// The engine's compute threads: every thread runs each job once, the shares
// cover the range exactly, many small jobs in a row (the barriers of a forward
// pass) all complete, and the pool shuts down cleanly, also while idle.
#include <QTest>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "fyr/thread_pool.h"

class TestThreadPool : public QObject {
    Q_OBJECT
private slots:
    void splitCoversTheRangeExactly() {
        for (int64_t n : {0, 1, 7, 8, 9, 63, 64, 65, 1000, 32000}) {
            for (int nth : {1, 2, 3, 4, 7, 16}) {
                for (int64_t align : {1, 4, 8, 64}) {
                    int64_t expect = 0;
                    for (int ith = 0; ith < nth; ++ith) {
                        const auto [b, e] = fyr::ThreadPool::split(n, ith, nth, align);
                        QCOMPARE(b, expect);
                        QVERIFY(e >= b);
                        if (e < n) QCOMPARE(e % align, int64_t(0));
                        expect = e;
                    }
                    QCOMPARE(expect, n);
                }
            }
        }
    }

    void everyThreadRunsEachJobOnce() {
        for (int n : {1, 2, 3, 5}) {
            fyr::ThreadPool pool(n);
            QCOMPARE(pool.size(), n);
            std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
            std::set<std::thread::id> ids;
            std::mutex mu;
            pool.run([&](int ith, int nth) {
                QCOMPARE(nth, n);
                hits[static_cast<size_t>(ith)].fetch_add(1);
                std::lock_guard<std::mutex> lock(mu);
                ids.insert(std::this_thread::get_id());
            });
            for (auto& h : hits) QCOMPARE(h.load(), 1);
            // Shares go to whichever threads are ready: never more threads than the pool's.
            QVERIFY(int(ids.size()) >= 1 && int(ids.size()) <= n);
        }
    }

    // A thread that is slow to come (descheduled, or busy) does not hold a run
    // up: its share is taken by another. Here one share is much longer than the
    // rest; with fixed shares the run would wait for it on its own thread, with
    // shares handed out the other threads finish the rest meanwhile, and every
    // share still runs exactly once.
    void sharesGoToReadyThreads() {
        fyr::ThreadPool pool(4);
        for (int round = 0; round < 200; ++round) {
            std::vector<std::atomic<int>> hits(4);
            pool.run([&](int ith, int) {
                if (ith == 0 && round % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
                hits[static_cast<size_t>(ith)].fetch_add(1);
            });
            for (auto& h : hits) QCOMPARE(h.load(), 1);
        }
    }

    void manySmallJobsAllComplete_data() {
        QTest::addColumn<int>("threads");
        QTest::newRow("2") << 2;
        QTest::newRow("3") << 3;  // more threads than this machine may have cores
    }
    void manySmallJobsAllComplete() {
        QFETCH(int, threads);
        fyr::ThreadPool pool(threads);
        std::vector<int64_t> data(1000);
        int64_t expected = 0;
        for (int round = 0; round < 5000; ++round) {
            pool.run([&](int ith, int nth) {
                const auto [b, e] = fyr::ThreadPool::split(int64_t(data.size()), ith, nth);
                for (int64_t i = b; i < e; ++i) data[size_t(i)] += 1;
            });
            expected += 1;
        }
        for (int64_t v : data) QCOMPARE(v, expected);
    }

    void wakesAfterSleeping() {
        fyr::ThreadPool pool(2);
        std::atomic<int> count{0};
        pool.run([&](int, int) { count.fetch_add(1); });
        // Long enough for the worker to stop spinning and wait on the futex.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        pool.run([&](int, int) { count.fetch_add(1); });
        QCOMPARE(count.load(), 4);
    }

    void defaultIsThePhysicalCoreCount() {
        QVERIFY(fyr::ThreadPool::default_threads() >= 1);
        fyr::ThreadPool pool(0);
        QCOMPARE(pool.size(), fyr::ThreadPool::default_threads());
    }

    void destroysWhileIdle() {
        for (int i = 0; i < 50; ++i) {
            fyr::ThreadPool pool(4);
            if (i % 2) pool.run([](int, int) {});
        }
    }
};

QTEST_GUILESS_MAIN(TestThreadPool)
#include "tst_thread_pool.moc"
