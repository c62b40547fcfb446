// The engine's Qt-free log: sinks, levels, the stderr default.
#include <QTest>

#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fyr/log.h"

class TestEngineLog : public QObject {
    Q_OBJECT
private slots:
    void cleanup() {
        fyr::log::set_sink({});
        fyr::log::set_min_level(fyr::log::Level::Info);
    }

    void sinkReceivesMessagesAtOrAboveLevel() {
        std::vector<std::string> got;
        fyr::log::set_sink([&](fyr::log::Level lv, std::string_view area, std::string_view msg) {
            got.push_back(std::string(fyr::log::level_name(lv)) + "|" + std::string(area) + "|" + std::string(msg));
        });
        fyr::log::set_min_level(fyr::log::Level::Info);
        FYR_LOG_DEBUG("gguf", "hidden");
        FYR_LOG_INFO("gguf", "shown");
        FYR_LOG_ERROR("kv", "bad");
        QCOMPARE(got.size(), size_t{2});
        QCOMPARE(QString::fromStdString(got[0]), QStringLiteral("info|gguf|shown"));
        QCOMPARE(QString::fromStdString(got[1]), QStringLiteral("error|kv|bad"));

        fyr::log::set_min_level(fyr::log::Level::Debug);
        FYR_LOG_DEBUG("gguf", "now visible");
        QCOMPARE(got.size(), size_t{3});
        QCOMPARE(fyr::log::min_level(), fyr::log::Level::Debug);
    }

    void concurrentWritersAndSinkSwaps() {
        std::mutex m;
        int count = 0;
        auto sink = [&](fyr::log::Level, std::string_view, std::string_view) {
            std::lock_guard lock(m);
            ++count;
        };
        fyr::log::set_sink(sink);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([] {
                for (int i = 0; i < 1000; ++i) FYR_LOG_WARN("test", "message");
            });
        }
        for (int i = 0; i < 100; ++i) fyr::log::set_sink(sink);
        for (auto& t : threads) t.join();
        QCOMPARE(count, 4000);
    }
};

QTEST_GUILESS_MAIN(TestEngineLog)
#include "tst_engine_log.moc"
