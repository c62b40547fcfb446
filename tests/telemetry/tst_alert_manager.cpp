// AlertManager: a threshold rule that opens after for_s, stays one alert over
// many ticks, resolves after clear_s; hysteresis against a reading that hovers
// at the limit (and the flapping without it); acknowledgement, also while a
// tick is stuck in its queries; an SLO alert
// escalating from ticket to page and resolving after its short window; no
// anomaly alert during warm-up; a vanished series and a removed rule; the
// callback and syslog sinks.
#include <QTest>

#include <syslog.h>

#include <atomic>
#include <thread>

#include "fake_series_source.h"
#include "telemetry/alert_manager.h"
#include "telemetry/syslog_alert_sink.h"

using namespace fyr::app::telemetry;
using fyr::app::telemetry::test::FakeSeriesSource;

namespace {

constexpr int64_t kStart = 1699920000;
const SeriesKey kGpu0{QStringLiteral("fyr:gpu_temperature_celsius"), QStringLiteral("backend=\"nvml\",gpu=\"0\"")};
const SeriesKey kGpu1{QStringLiteral("fyr:gpu_temperature_celsius"), QStringLiteral("backend=\"nvml\",gpu=\"1\"")};

AlertRule hotGpu() {
    AlertRule r;
    r.id = QStringLiteral("gpu-hot");
    r.series = {kGpu0.name, {}};
    r.kind = RuleKind::Threshold;
    r.above = 90.0;
    r.clear = 85.0;
    r.anomaly.recent_s = 10;
    r.severity = Severity::Critical;
    r.for_s = 30;
    r.clear_s = 60;
    r.runbook = QStringLiteral("Check the fans and the airflow.\nLower the power limit with nvidia-smi -pl.");
    return r;
}

struct Recorder {
    std::vector<AlertEvent> events;
    std::shared_ptr<CallbackAlertSink> sink() {
        return std::make_shared<CallbackAlertSink>([this](const AlertEvent& e) { events.push_back(e); });
    }
    int count(AlertChange c) const {
        return int(std::count_if(events.begin(), events.end(), [c](const AlertEvent& e) { return e.change == c; }));
    }
};

}  // namespace

class TestAlertManager : public QObject {
    Q_OBJECT
private slots:
    void opensAfterForAndResolvesAfterClear() {
        FakeSeriesSource source(1);
        AlertManager manager(source);
        manager.setRules({hotGpu()});
        Recorder rec;
        manager.addSink(rec.sink());
        // 80 °C for 5 min, 95 °C for 5 min, 70 °C after; GPU 1 stays cool.
        const auto temp = [](int64_t t) { return t < kStart + 300 ? 80.0 : t < kStart + 600 ? 95.0 : 70.0; };
        source.fill(kGpu0, kStart, kStart + 1200, temp);
        source.fill(kGpu1, kStart, kStart + 1200, [](int64_t) { return 60.0; });
        std::optional<int64_t> openedAt, resolvedAt;
        for (int64_t t = kStart + 10; t <= kStart + 1200; t += 10) {
            const size_t before = rec.events.size();
            manager.tick(t);
            for (size_t i = before; i < rec.events.size(); ++i) {
                if (rec.events[i].change == AlertChange::Opened) openedAt = t;
                if (rec.events[i].change == AlertChange::Resolved) resolvedAt = t;
            }
        }
        QCOMPARE(rec.count(AlertChange::Opened), 1);
        QCOMPARE(rec.count(AlertChange::Resolved), 1);
        // Hot from +300; the 10 s mean passes 90 at the +310 tick; held 30 s.
        QCOMPARE(*openedAt, kStart + 340);
        QCOMPARE(rec.events[0].alert.start_s, kStart + 310);
        // Cool from +600: clear from the +610 tick, resolved 60 s on.
        QCOMPARE(*resolvedAt, kStart + 670);
        const Alert& a = rec.events[1].alert;
        QCOMPARE(a.rule, QStringLiteral("gpu-hot"));
        QCOMPARE(a.labels, kGpu0.labels);
        QCOMPARE(a.severity, Severity::Critical);
        QCOMPARE(*a.end_s, kStart + 670);
        QVERIFY(a.runbook.startsWith(QStringLiteral("Check the fans")));
        QVERIFY2(a.summary.contains(QStringLiteral("95, limit above 90 (clears at or below 85)")),
                 qPrintable(a.summary));
        QVERIFY(manager.active().empty());
        QCOMPARE(manager.history().size(), size_t{1});
        QCOMPARE(a.toJson().value(QStringLiteral("end")).toString(), QStringLiteral("2023-11-14T00:11:10Z"));
    }

    void hysteresisStopsFlapping_data() {
        QTest::addColumn<bool>("hysteresis");
        QTest::addColumn<int>("opened");
        QTest::newRow("with") << true << 1;
        QTest::newRow("without") << false << 15;
    }
    void hysteresisStopsFlapping() {
        QFETCH(bool, hysteresis);
        QFETCH(int, opened);
        FakeSeriesSource source(1);
        AlertManager manager(source);
        AlertRule r = hotGpu();
        r.for_s = 0;
        if (!hysteresis) {
            r.clear.reset();
            r.clear_s = 0;
        }
        manager.setRules({r});
        Recorder rec;
        manager.addSink(rec.sink());
        // 89 and 91 in turns of 10 s, for 5 minutes.
        source.fill(kGpu0, kStart, kStart + 300, [](int64_t t) { return (t - kStart) / 10 % 2 ? 91.0 : 89.0; });
        for (int64_t t = kStart + 10; t <= kStart + 300; t += 10) manager.tick(t);
        QCOMPARE(rec.count(AlertChange::Opened), opened);
        QCOMPARE(manager.active().size(), size_t{1});  // 91 in the last 10 s
    }

    void acknowledge() {
        FakeSeriesSource source(1);
        AlertManager manager(source);
        AlertRule r = hotGpu();
        r.for_s = 0;
        manager.setRules({r});
        Recorder rec;
        manager.addSink(rec.sink());
        source.fill(kGpu0, kStart, kStart + 600, [](int64_t) { return 99.0; });
        manager.tick(kStart + 100);
        QCOMPARE(manager.active().size(), size_t{1});
        const uint64_t id = manager.active()[0].id;
        QVERIFY(!manager.active()[0].isAcknowledged());
        QVERIFY(!manager.acknowledge(id + 1, QStringLiteral("ada"), kStart + 110));
        QVERIFY(manager.acknowledge(id, QStringLiteral("ada"), kStart + 120));
        QVERIFY(manager.acknowledge(id, QStringLiteral("bob"), kStart + 130));  // the first one stands
        QCOMPARE(rec.count(AlertChange::Acknowledged), 1);
        const Alert a = manager.active()[0];
        QCOMPARE(a.acknowledged_by, QStringLiteral("ada"));
        QCOMPARE(*a.acknowledged_at_s, kStart + 120);
        // Still open, still one alert, acknowledgement kept through ticks.
        manager.tick(kStart + 200);
        QCOMPARE(manager.active()[0].acknowledged_by, QStringLiteral("ada"));
        QCOMPARE(rec.count(AlertChange::Opened), 1);
        const QJsonObject json = manager.active()[0].toJson();
        QCOMPARE(json.value(QStringLiteral("acknowledged_by")).toString(), QStringLiteral("ada"));
        QCOMPARE(json.value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));
        QVERIFY(json.value(QStringLiteral("end")).isNull());
    }

    void acknowledgeDuringASlowTick() {
        // A tick whose range queries are stuck (a slow database) holds up
        // neither acknowledge() nor a sink that reads active().
        class StuckSource final : public SeriesSource {
        public:
            FakeSeriesSource inner{1};
            std::atomic<bool> stuck{false}, release{false};
            mutable std::atomic<bool> entered{false};
            std::vector<SeriesKey> keys(const QString& name) const override { return inner.keys(name); }
            SeriesRange range(const SeriesKey& k, int64_t f, int64_t t, int64_t n, size_t m) const override {
                if (stuck.load()) {
                    entered.store(true);
                    while (!release.load()) std::this_thread::yield();
                }
                return inner.range(k, f, t, n, m);
            }
        } source;
        AlertManager manager(source);
        AlertRule r = hotGpu();
        r.for_s = 0;
        manager.setRules({r});
        size_t seenActive = 0;
        manager.addSink(
            std::make_shared<CallbackAlertSink>([&](const AlertEvent&) { seenActive = manager.active().size(); }));
        source.inner.fill(kGpu0, kStart, kStart + 600, [](int64_t) { return 99.0; });
        manager.tick(kStart + 100);
        QCOMPARE(seenActive, size_t{1});
        const uint64_t id = manager.active()[0].id;
        source.stuck.store(true);
        std::thread ticker([&] { manager.tick(kStart + 200); });
        QTRY_VERIFY(source.entered.load());
        QVERIFY(manager.acknowledge(id, QStringLiteral("ada"), kStart + 150));  // returns while the tick is stuck
        source.release.store(true);
        ticker.join();
        QCOMPARE(manager.active()[0].acknowledged_by, QStringLiteral("ada"));
    }

    void sloEscalatesAndResolves() {
        // Error rate SLO over 30 days: a 2% leak for 3 days files a ticket; a
        // 30% outage on top pages (escalation of the same alert); when it
        // ends the page's short window clears first, but the ticket's
        // condition still holds, so the alert stays open at its severity.
        FakeSeriesSource source(60);
        const SeriesKey ok{QStringLiteral("fyr:request_success_total"), QString()};
        const SeriesKey bad{QStringLiteral("fyr:request_rejections_total"), QString()};
        const int64_t now = kStart + 3 * 86400;
        const auto share = [&](int64_t t) { return t >= now && t < now + 1200 ? 0.3 : 0.02; };
        const int64_t end = now + 5 * 3600;
        source.fill(ok, kStart - 3600, end, [&](int64_t t) { return 10.0 * (1 - share(t)); });
        source.fill(bad, kStart - 3600, end, [&](int64_t t) { return 10.0 * share(t); });
        Slo slo;
        slo.id = QStringLiteral("error-rate");
        slo.sli.kind = SliKind::Ratio;
        slo.sli.bad = {{bad.name, {}}};
        slo.sli.total = {{ok.name, {}}, {bad.name, {}}};
        slo.objective = 0.99;
        slo.runbook = QStringLiteral("See which reason the rejections carry.");
        AlertManager manager(source);
        manager.setSlos({slo});
        Recorder rec;
        manager.addSink(rec.sink());
        manager.tick(now);
        QCOMPARE(rec.count(AlertChange::Opened), 1);
        QCOMPARE(rec.events[0].alert.severity, Severity::Warning);
        QCOMPARE(rec.events[0].alert.rule, QStringLiteral("slo:error-rate"));
        QCOMPARE(rec.events[0].alert.runbook, slo.runbook);
        QVERIFY2(rec.events[0].alert.summary.contains(QStringLiteral("over 3 d")),
                 qPrintable(rec.events[0].alert.summary));
        // 30% for 20 min: 1 h burn = (40 min × 2% + 20 min × 30%) / 60 min / 1% = 11.3 < 14.4;
        // 6 h / 30 min at 6x: 6 h burn = (340 × 2 + 20 × 30) / 360 = 3.6 < 6. Not yet.
        for (int64_t t = now + 60; t <= now + 1200; t += 60) manager.tick(t);
        QCOMPARE(rec.count(AlertChange::Escalated), 0);
        Slo longer = slo;  // a 10-day SLO (windows 20 min / 100 s at 14.4) pages on it
        longer.period_s = 10 * 86400;
        manager.setSlos({longer});
        manager.tick(now + 1200);
        QCOMPARE(rec.count(AlertChange::Escalated), 1);
        QCOMPARE(manager.active().size(), size_t{1});
        QCOMPARE(manager.active()[0].severity, Severity::Critical);
        QCOMPARE(rec.count(AlertChange::Opened), 1);
        // The outage ends at +1200; the leak goes on, so the ticket's windows
        // (1 d / 2 h) still fire and the alert stays.
        for (int64_t t = now + 1260; t <= now + 3600; t += 60) manager.tick(t);
        QCOMPARE(rec.count(AlertChange::Resolved), 0);
        // The leak fixed at +1200 too: the ticket's 2 h short window is clean
        // from +8400, and the alert resolves a further 2 h (its clear time) on.
        source.fill(bad, now + 1200, end, [](int64_t) { return 0.0; });
        source.fill(ok, now + 1200, end, [](int64_t) { return 10.0; });
        std::optional<int64_t> resolvedAt;
        for (int64_t t = now + 3900; t <= end && !resolvedAt; t += 300) {
            manager.tick(t);
            if (rec.count(AlertChange::Resolved)) resolvedAt = t;
        }
        QCOMPARE(rec.count(AlertChange::Resolved), 1);
        QVERIFY(resolvedAt);
        QCOMPARE(*resolvedAt - now, int64_t{8400 + 7200});
        QVERIFY(manager.active().empty());
    }

    void noAnomalyAlertDuringWarmUp() {
        FakeSeriesSource source(1);
        const SeriesKey ttft{QStringLiteral("fyr:time_to_first_token_seconds_mean"), QStringLiteral("model=\"m\"")};
        AlertRule r;
        r.id = QStringLiteral("ttft-anomaly");
        r.series = {ttft.name, {}};
        r.anomaly.recent_s = 30;
        r.anomaly.warmup_s = 900;
        r.for_s = 0;
        AlertManager manager(source);
        manager.setRules({r});
        Recorder rec;
        manager.addSink(rec.sink());
        // A spike five minutes into the series' life: too early to judge.
        source.fill(ttft, kStart, kStart + 330,
                    [](int64_t t) { return t >= kStart + 300 ? 5.0 : 0.5 + 0.01 * double(t % 5); });
        for (int64_t t = kStart + 10; t <= kStart + 330; t += 10) manager.tick(t);
        QCOMPARE(rec.count(AlertChange::Opened), 0);
        // The same spike after twenty quiet minutes.
        source.fill(ttft, kStart + 300, kStart + 1500, [](int64_t t) { return 0.5 + 0.01 * double(t % 5); });
        source.fill(ttft, kStart + 1500, kStart + 1530, [](int64_t) { return 5.0; });
        manager.tick(kStart + 1530);
        QCOMPARE(rec.count(AlertChange::Opened), 1);
        QVERIFY2(rec.events[0].alert.summary.contains(QStringLiteral("robust z")),
                 qPrintable(rec.events[0].alert.summary));
    }

    void vanishedSeriesAndRemovedRules() {
        FakeSeriesSource source(1);
        AlertManager manager(source);
        AlertRule r = hotGpu();
        r.for_s = 0;
        r.series.name = kGpu0.name;
        manager.setRules({r});
        Recorder rec;
        manager.addSink(rec.sink());
        source.fill(kGpu0, kStart, kStart + 200, [](int64_t) { return 99.0; });
        source.fill(kGpu1, kStart, kStart + 100, [](int64_t) { return 99.0; });
        manager.tick(kStart + 100);
        QCOMPARE(manager.active().size(), size_t{2});  // one per GPU
        source.remove(kGpu1);                          // GPU 1 lost: counts as clear, resolved after clear_s
        manager.tick(kStart + 110);
        QCOMPARE(manager.active().size(), size_t{2});
        manager.tick(kStart + 170);
        QCOMPARE(manager.active().size(), size_t{1});
        manager.setRules({});  // rule removed: resolved at once
        manager.tick(kStart + 180);
        QVERIFY(manager.active().empty());
        QCOMPARE(rec.count(AlertChange::Resolved), 2);
    }

    void syslogLines() {
        std::vector<std::pair<int, QByteArray>> lines;
        SyslogAlertSink sink(-1, [&](int p, const QByteArray& l) { lines.emplace_back(p, l); });
        Alert a;
        a.id = 7;
        a.rule = QStringLiteral("gpu-hot");
        a.severity = Severity::Critical;
        a.summary = QStringLiteral("fyr:gpu_temperature_celsius{gpu=\"0\"}: 95 above 90\nsecond line");
        a.runbook = QStringLiteral("Check the fans.\nThen the rest.");
        sink.notify({AlertChange::Opened, a});
        a.end_s = 1;
        sink.notify({AlertChange::Resolved, a});
        QCOMPARE(lines.size(), size_t{2});
        QCOMPARE(lines[0].first, LOG_CRIT);
        QCOMPARE(lines[0].second,
                 QByteArray("fyr alert 7 opened critical gpu-hot: fyr:gpu_temperature_celsius{gpu=\"0\"}: "
                            "95 above 90 second line (runbook: Check the fans.)"));
        QCOMPARE(lines[1].first, LOG_NOTICE);
        QVERIFY(lines[1].second.startsWith("fyr alert 7 resolved critical gpu-hot"));
        // The real syslog(3) path runs (what it writes is the system's).
        SyslogAlertSink real;
        real.notify({AlertChange::Resolved, a});
    }
};

QTEST_GUILESS_MAIN(TestAlertManager)
#include "tst_alert_manager.moc"
