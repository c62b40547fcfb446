// `fyrctl top` and the request window under it: nearest-rank percentiles; a
// window's counts, failures, rates and percentiles per model worked out by hand
// (requests outside the window left out); frames as JSON and text with a
// stand-in NVML's GPU; the permission it needs; bad options refused.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "cli_runner.h"
#include "core/resources.h"
#include "services/request_window.h"
#include "store/statement.h"
#include "store/store.h"

using namespace fyr::app;

namespace {

struct Row {
    const char* model;
    int64_t startedMs;
    const char* finish;  // nullptr: still running
    int64_t prompt, gen;
    double ttft, tpot, e2e;
};

QString insert(Store& store, const Row& r) {
    return store
        .write([&](sqlite3* db) {
            Statement st(db, "INSERT INTO requests(model, started_ms, finish_reason, prompt_tokens, gen_tokens, ttft_ms, "
                             "tpot_ms, e2e_ms) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
            st.bind(1, QString::fromUtf8(r.model)).bind(2, r.startedMs);
            if (r.finish) st.bind(3, QString::fromUtf8(r.finish));
            else st.bindNull(3);
            st.bind(4, r.prompt).bind(5, r.gen).bind(6, r.ttft).bind(7, r.tpot).bind(8, r.e2e);
            return st.run() ? QString() : st.error();
        })
        .get();
}

// Five requests in [t0, t0 + 60 s) on two models (one failed, one running) and
// one ten minutes before.
QString insertTraffic(Store& store, int64_t t0) {
    const Row rows[] = {
        {"llama", t0 + 1000, "length", 100, 50, 100, 20, 1100},
        {"llama", t0 + 2000, "eos", 200, 30, 300, 30, 1200},
        {"llama", t0 + 3000, "error", 50, 0, 0, 0, 10},
        {"qwen", t0 + 4000, "length", 400, 100, 200, 10, 1500},
        {"qwen", t0 + 5000, nullptr, 10, 0, 0, 0, 0},
        {"llama", t0 - 600000, "length", 9999, 9999, 9, 9, 9},
    };
    for (const Row& r : rows)
        if (const QString e = insert(store, r); !e.isEmpty()) return e;
    return {};
}

}  // namespace

class TestFyrctlTop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void percentilesAreNearestRank() {
        const Percentiles p = Percentiles::of({5, 1, 4, 2, 3, 6, 7, 8, 9, 10});
        QCOMPARE(p.count, 10);
        QCOMPARE(p.p50, 5.0);
        QCOMPARE(p.p95, 10.0);
        QCOMPARE(p.p99, 10.0);
        QCOMPARE(p.max, 10.0);
        QCOMPARE(Percentiles::of({}).count, 0);
        QCOMPARE(Percentiles::of({42}).p50, 42.0);
        QCOMPARE(Percentiles::of({1, 2}).p50, 1.0);
    }

    void windowFiguresByHand() {
        QTemporaryDir dir;
        Store::Opened o = Store::open(dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY2(o.store, qPrintable(o.error));
        const int64_t t0 = 1'700'000'000'000;
        QCOMPARE(insertTraffic(*o.store, t0), QString());
        QString error;
        const auto w = RequestWindow::read(*o.store, t0, t0 + 60'000, &error);
        QVERIFY2(w, qPrintable(error));
        QCOMPARE(w->total.requests, int64_t(5));
        QCOMPARE(w->total.failed, int64_t(1));
        QCOMPARE(w->total.running, int64_t(1));
        QCOMPARE(w->total.promptTokens, int64_t(760));
        QCOMPARE(w->total.genTokens, int64_t(180));
        QCOMPARE(w->total.genPerSecond, 3.0);  // 180 tokens over 60 s
        // TTFT of the five: 0, 0, 100, 200, 300 → p50 = 3rd = 100, p95 = 5th = 300.
        QCOMPARE(w->total.ttftMs.count, 5);
        QCOMPARE(w->total.ttftMs.p50, 100.0);
        QCOMPARE(w->total.ttftMs.p95, 300.0);
        // TPOT only where more than one token was generated: 10, 20, 30.
        QCOMPARE(w->total.tpotMs.count, 3);
        QCOMPARE(w->total.tpotMs.p50, 20.0);
        QCOMPARE(w->models.size(), 2);
        QCOMPARE(w->models.at(0).model, QStringLiteral("llama"));  // busiest first
        QCOMPARE(w->models.at(0).requests, int64_t(3));
        QCOMPARE(w->models.at(1).model, QStringLiteral("qwen"));
        QCOMPARE(w->models.at(1).e2eMs.max, 1500.0);
        QVERIFY(!RequestWindow::read(*o.store, t0, t0, &error));
        QVERIFY(!error.isEmpty());
    }

    void topShowsGpusAndRequests() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("fyr.db"));
        qputenv("FYR_PASSPHRASE", "correct horse battery staple");
        qputenv("FYR_PASSWORD", "adminpass123");
        CliResult r = runCli({QStringLiteral("init"), QStringLiteral("--db"), db, QStringLiteral("--admin"), QStringLiteral("root")});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const int64_t now = QDateTime::currentMSecsSinceEpoch();
        {
            Store::Opened o = Store::open(db);
            QVERIFY(o.store);
            QCOMPARE(insertTraffic(*o.store, now - 120'000), QString());
        }
        const QString script = dir.filePath(QStringLiteral("nvml.txt"));
        {
            QFile f(script);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("devices=1\n0.name=NVIDIA H100 80GB HBM3\n0.util.gpu=97\n0.util.memory=40\n0.memory.total=85899345920\n"
                    "0.memory.used=42949672960\n0.memory.free=42949672960\n0.temperature=64\n0.power_mw=650000\n"
                    "0.power_limit_mw=700000\n");
        }
        qputenv("FYR_FAKE_NVML_SCRIPT", QFile::encodeName(script));
        const QStringList as = {QStringLiteral("--db"), db, QStringLiteral("--as"), QStringLiteral("root"),
                                QStringLiteral("--nvml"), QStringLiteral(FYR_FAKE_NVML)};
        r = runCli(QStringList{QStringLiteral("top"), QStringLiteral("--once"), QStringLiteral("--json")} + as);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QJsonObject frame = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonArray gpus = frame.value(QStringLiteral("gpus")).toArray();
        QCOMPARE(gpus.size(), 1);
        const QJsonObject gpu = gpus.at(0).toObject();
        QCOMPARE(gpu.value(QStringLiteral("name")).toString(), QStringLiteral("NVIDIA H100 80GB HBM3"));
        QCOMPARE(gpu.value(QStringLiteral("utilization_pct")).toDouble(), 97.0);
        QCOMPARE(gpu.value(QStringLiteral("power_w")).toDouble(), 650.0);
        const QJsonObject requests = frame.value(QStringLiteral("requests")).toObject();
        QCOMPARE(requests.value(QStringLiteral("requests")).toInt(), 5);  // the one before the window left out
        QCOMPARE(requests.value(QStringLiteral("failed")).toInt(), 1);
        QCOMPARE(requests.value(QStringLiteral("window_seconds")).toDouble(), 300.0 + 0.001);
        QCOMPARE(requests.value(QStringLiteral("ttft_ms")).toObject().value(QStringLiteral("p95")).toDouble(), 300.0);
        QCOMPARE(requests.value(QStringLiteral("models")).toArray().size(), 2);

        // Text: a table per GPU and per model; two frames with --count 2.
        r = runCli(QStringList{QStringLiteral("top"), QStringLiteral("--count"), QStringLiteral("2"), QStringLiteral("--interval"),
                               QStringLiteral("0.2")} + as);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(QStringLiteral("Fyr top")), 2);
        QVERIFY2(r.out.contains(QStringLiteral("NVIDIA H100 80GB HBM3")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("40.0/80.0")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("650/700")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Requests: 5 (1 running, 1 failed)")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("llama")) && r.out.contains(QStringLiteral("qwen")), qPrintable(r.out));

        // Without --as: the machine only, and how to see the requests.
        r = runCli({QStringLiteral("top"), QStringLiteral("--once"), QStringLiteral("--nvml"), QStringLiteral(FYR_FAKE_NVML)});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.out.contains(QStringLiteral("--as NAME")), qPrintable(r.out));

        // A wrong password is refused before anything is shown.
        qputenv("FYR_PASSWORD", "wrong-password");
        r = runCli(QStringList{QStringLiteral("top"), QStringLiteral("--once")} + as);
        QCOMPARE(r.rc, 1);
        QVERIFY(!r.out.contains(QStringLiteral("Fyr top")));
        qputenv("FYR_PASSWORD", "adminpass123");
    }

    void badOptionsAreRefused_data() {
        QTest::addColumn<QStringList>("options");
        QTest::newRow("interval too short") << QStringList{QStringLiteral("--interval"), QStringLiteral("0.01")};
        QTest::newRow("interval not a number") << QStringList{QStringLiteral("--interval"), QStringLiteral("soon")};
        QTest::newRow("window too long") << QStringList{QStringLiteral("--window"), QStringLiteral("100000")};
        QTest::newRow("count zero") << QStringList{QStringLiteral("--count"), QStringLiteral("0")};
    }
    void badOptionsAreRefused() {
        QFETCH(QStringList, options);
        const CliResult r = runCli(QStringList{QStringLiteral("top")} + options);
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(options.first()), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestFyrctlTop)
#include "tst_fyrctl_top.moc"
