// The alerts' history in the store: each opened, escalated, acknowledged and
// resolved alert is written with its whole state (who acknowledged it, the
// highest severity, when it cleared); alerts left open when the console stopped
// are closed as of the next start with the note "closed at restart"; the open,
// latest and time-range lists read it back; acknowledging from the console
// checks dashboards.view and is audited.
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "../telemetry/fake_series_source.h"
#include "services/alert_acknowledgement.h"
#include "services/alert_store.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "services/telemetry_hub.h"
#include "store/identity.h"
#include "store/store.h"
#include "telemetry/alert_manager.h"

using namespace fyr::app;
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
    r.severity = Severity::Warning;
    r.for_s = 0;
    r.clear_s = 20;
    r.runbook = QStringLiteral("Check the fans.");
    return r;
}

Alert alert(uint64_t id, int64_t start_s) {
    Alert a;
    a.id = id;
    a.rule = QStringLiteral("rule-%1").arg(id);
    a.series = kGpu0.name;
    a.labels = kGpu0.labels;
    a.severity = Severity::Warning;
    a.start_s = start_s;
    a.summary = QStringLiteral("hot");
    return a;
}

const QByteArray kPassword = "adminpass123";
const QByteArray kPassphrase = "correct horse battery staple";

}  // namespace

class TestAlertStore : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

    std::unique_ptr<Store> openStore(const QString& name) {
        Store::Opened o = Store::open(m_dir.filePath(name));
        if (!o.store) qWarning() << o.error;
        return std::move(o.store);
    }

private slots:
    void eventsArePersistedWithWhoAcknowledged() {
        auto store = openStore(QStringLiteral("events.db"));
        QVERIFY(store);
        FakeSeriesSource source(1);
        AlertManager manager(source);
        AlertRule warm = hotGpu();
        AlertRule critical = hotGpu();  // the same rule, raised: the open alert escalates
        manager.setRules({warm});
        auto alerts = std::make_shared<AlertStore>(*store);
        QSignalSpy recorded(alerts.get(), &AlertStore::recorded);
        manager.addSink(alerts);

        source.fill(kGpu0, kStart, kStart + 200, [](int64_t t) { return t < kStart + 100 ? 95.0 : 70.0; });
        manager.tick(kStart + 10);
        QCOMPARE(manager.active().size(), size_t{1});
        const uint64_t id = manager.active().front().id;
        QCOMPARE(alerts->flush(), QString());
        QCOMPARE(recorded.count(), 1);
        std::vector<StoredAlert> open = alerts->open();
        QCOMPARE(open.size(), size_t{1});
        QCOMPARE(open[0].rule, QStringLiteral("gpu-hot"));
        QCOMPARE(open[0].series, kGpu0.name);
        QCOMPARE(open[0].labels, kGpu0.labels);
        QCOMPARE(open[0].severity, Severity::Warning);
        QCOMPARE(open[0].runbook, QStringLiteral("Check the fans."));
        QCOMPARE(open[0].opened_ms, (kStart + 10) * 1000);
        QVERIFY(open[0].isOpen());
        QVERIFY(!open[0].isAcknowledged());
        QVERIFY(open[0].acknowledgedBy.isEmpty());
        QVERIFY2(open[0].summary.contains(QStringLiteral("above")), qPrintable(open[0].summary));
        QCOMPARE(open[0].details.value(QStringLiteral("rule")).toString(), QStringLiteral("gpu-hot"));

        // Escalated: the highest severity is kept beside the one it opened with.
        critical.severity = Severity::Critical;
        manager.setRules({critical});
        manager.tick(kStart + 20);
        // Acknowledged by a user, once: a second acknowledgement changes nothing.
        QVERIFY(manager.acknowledge(id, QStringLiteral("alice"), kStart + 30));
        QVERIFY(manager.acknowledge(id, QStringLiteral("bob"), kStart + 40));
        QCOMPARE(alerts->flush(), QString());
        open = alerts->open();
        QCOMPARE(open.size(), size_t{1});
        QCOMPARE(open[0].severity, Severity::Warning);
        QCOMPARE(open[0].lastSeverity, Severity::Critical);
        QCOMPARE(open[0].acknowledgedBy, QStringLiteral("alice"));
        QCOMPARE(open[0].acknowledged_ms.value_or(0), (kStart + 30) * 1000);
        const QJsonArray escalations = open[0].details.value(QStringLiteral("escalations")).toArray();
        QCOMPARE(escalations.size(), 1);
        QCOMPARE(escalations[0].toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("critical"));

        // Resolved once clear for clear_s.
        for (int64_t t = kStart + 110; t <= kStart + 150; t += 10) manager.tick(t);
        QVERIFY(manager.active().empty());
        QCOMPARE(alerts->flush(), QString());
        QVERIFY(alerts->open().empty());
        const std::vector<StoredAlert> all = alerts->latest(10);
        QCOMPARE(all.size(), size_t{1});
        QVERIFY(!all[0].isOpen());
        QVERIFY(all[0].resolved_ms.value_or(0) >= (kStart + 110) * 1000);
        QCOMPARE(all[0].acknowledgedBy, QStringLiteral("alice"));
        QVERIFY(!all[0].closedAtRestart());
        QCOMPARE(recorded.count(), 4);  // opened, escalated, acknowledged, resolved
    }

    void restartClosesAlertsLeftOpen() {
        const QString name = QStringLiteral("restart.db");
        {
            auto store = openStore(name);
            QVERIFY(store);
            AlertStore first(*store, 1000);
            first.notify({AlertChange::Opened, alert(1, kStart)});
            first.notify({AlertChange::Opened, alert(2, kStart + 5)});
            Alert done = alert(2, kStart + 5);
            done.end_s = kStart + 50;
            first.notify({AlertChange::Resolved, done});
            QCOMPARE(first.flush(), QString());
            QCOMPARE(first.open().size(), size_t{1});
            // Killed here: nothing closes alert 1.
        }
        auto store = openStore(name);
        QVERIFY(store);
        const int64_t restart_ms = (kStart + 3600) * 1000;
        AlertStore second(*store, restart_ms);
        QCOMPARE(second.flush(), QString());
        QVERIFY(second.open().empty());
        std::vector<StoredAlert> all = second.latest(10);
        QCOMPARE(all.size(), size_t{2});
        QCOMPARE(all[0].rule, QStringLiteral("rule-2"));  // newest opened first
        QVERIFY(!all[0].closedAtRestart());
        QCOMPARE(all[0].resolved_ms.value_or(0), (kStart + 50) * 1000);
        QCOMPARE(all[1].rule, QStringLiteral("rule-1"));
        QVERIFY(all[1].closedAtRestart());
        QCOMPARE(all[1].resolved_ms.value_or(0), restart_ms);
        QCOMPARE(all[1].details.value(QStringLiteral("note")).toString(), QStringLiteral("closed at restart"));

        // The manager of the new run starts its ids again: a new row, not the old one.
        second.notify({AlertChange::Opened, alert(1, kStart + 3601)});
        QCOMPARE(second.flush(), QString());
        const std::vector<StoredAlert> open = second.open();
        QCOMPARE(open.size(), size_t{1});
        QCOMPARE(open[0].opened_ms, (kStart + 3601) * 1000);
        QCOMPARE(second.latest(10).size(), size_t{3});
        // A late event of this run's alert 1 updates its own row only.
        Alert ack = alert(1, kStart + 3601);
        ack.acknowledged_by = QStringLiteral("carol");
        ack.acknowledged_at_s = kStart + 3700;
        second.notify({AlertChange::Acknowledged, ack});
        QCOMPARE(second.flush(), QString());
        all = second.latest(10);
        QCOMPARE(all[0].acknowledgedBy, QStringLiteral("carol"));
        QVERIFY(all[2].acknowledgedBy.isEmpty());
    }

    void listsOpenLatestAndRange() {
        auto store = openStore(QStringLiteral("lists.db"));
        QVERIFY(store);
        AlertStore alerts(*store);
        // Five alerts an hour apart, each open for ten minutes; the last still open.
        for (uint64_t i = 1; i <= 5; ++i) {
            Alert a = alert(i, kStart + int64_t(i) * 3600);
            alerts.notify({AlertChange::Opened, a});
            if (i < 5) {
                a.end_s = a.start_s + 600;
                alerts.notify({AlertChange::Resolved, a});
            }
        }
        // An event whose opening was missed still makes its row.
        Alert late = alert(6, kStart + 6 * 3600);
        late.severity = Severity::Critical;
        late.end_s = late.start_s + 60;
        alerts.notify({AlertChange::Resolved, late});
        QCOMPARE(alerts.flush(), QString());

        const std::vector<StoredAlert> open = alerts.open();
        QCOMPARE(open.size(), size_t{1});
        QCOMPARE(open[0].rule, QStringLiteral("rule-5"));

        const std::vector<StoredAlert> latest = alerts.latest(3);
        QCOMPARE(latest.size(), size_t{3});
        QCOMPARE(latest[0].rule, QStringLiteral("rule-6"));
        QCOMPARE(latest[0].severity, Severity::Critical);
        QCOMPARE(latest[1].rule, QStringLiteral("rule-5"));
        QCOMPARE(latest[2].rule, QStringLiteral("rule-4"));
        QVERIFY(alerts.latest(0).empty());
        QCOMPARE(alerts.latest(100).size(), size_t{6});

        // Overlapping [2 h + 5 min, 4 h): alert 2 (still open at 2 h 5 min), alert 3.
        const std::vector<StoredAlert> range =
            alerts.between((kStart + 2 * 3600 + 300) * 1000, (kStart + 4 * 3600) * 1000);
        QStringList rules;
        for (const StoredAlert& a : range) rules << a.rule;
        QCOMPARE(rules, (QStringList{QStringLiteral("rule-2"), QStringLiteral("rule-3")}));
        // The open one is in every range after it opened.
        const std::vector<StoredAlert> later =
            alerts.between((kStart + 100 * 3600) * 1000, (kStart + 101 * 3600) * 1000);
        QCOMPARE(later.size(), size_t{1});
        QCOMPARE(later[0].rule, QStringLiteral("rule-5"));
    }

    void acknowledgingNeedsDashboardsViewAndIsAudited() {
        const QString path = m_dir.filePath(QStringLiteral("install.db"));
        QCOMPARE(createInstallation(path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        {
            SignedIn s = signIn(path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("fyr"), {});
            QVERIFY2(s.ok(), qPrintable(s.error));
            QCOMPARE(s.identity->createRole(QStringLiteral("nobody"), 0), QString());
            QCOMPARE(s.identity->createUser(QStringLiteral("guest"), "guestpass123", QStringLiteral("nobody")),
                     QString());
        }
        TelemetryHubOptions options;
        options.nvmlLibrary = QStringLiteral("/nonexistent/libnvidia-ml.so.1");
        options.sysfsRoot = m_dir.path();
        TelemetryHub hub(options);

        SignedIn g = signIn(path, QStringLiteral("guest"), "guestpass123", kPassphrase, QStringLiteral("fyr"), {});
        QVERIFY2(g.ok(), qPrintable(g.error));
        AppSession guest(std::move(g), std::chrono::milliseconds(0));
        const QString refused = acknowledgeAlert(hub, guest, 1);
        QVERIFY2(refused.contains(QStringLiteral("lacks the permission dashboards.view")), qPrintable(refused));
        QString error;
        const QList<AuditLog::Entry> entries = guest.audit().entries(1, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!entries.isEmpty());
        QCOMPARE(entries.back().actor, QStringLiteral("guest"));
        QCOMPARE(entries.back().action, QStringLiteral("permission.denied"));
        QCOMPARE(entries.back().target, QStringLiteral("dashboards.view"));

        SignedIn a = signIn(path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("fyr"), {});
        QVERIFY2(a.ok(), qPrintable(a.error));
        AppSession admin(std::move(a), std::chrono::milliseconds(0));
        const QString gone = acknowledgeAlert(hub, admin, 42);
        QVERIFY2(gone.contains(QStringLiteral("no longer open")), qPrintable(gone));
        admin.expire();
        QVERIFY(acknowledgeAlert(hub, admin, 42).contains(QStringLiteral("locked")));
        QCOMPARE(alertAuditTarget(QStringLiteral("gpu-too-hot"), QStringLiteral("fyr:gpu_temperature_celsius"),
                                  QStringLiteral("gpu=\"0\"")),
                 QStringLiteral("gpu-too-hot fyr:gpu_temperature_celsius{gpu=\"0\"}"));
    }
};

QTEST_GUILESS_MAIN(TestAlertStore)
#include "tst_alert_store.moc"
