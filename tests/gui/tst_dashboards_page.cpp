// The Dashboards page offscreen on a telemetry hub reading the stand-in NVML
// (two GPUs scripted hot, a clock that steps a second a round): the tiles show
// the GPUs' figures, the charts get points, the hot GPUs' alerts appear and are
// acknowledged with the button and with Ctrl+K. Without a hub the page says
// telemetry is off. Signed in, with the alerts kept in the store: the history
// lists the fired alerts (and one left open by an earlier run, closed at the
// restart), and acknowledging writes the audit entry and shows who did it.
#include <QAbstractItemModelTester>
#include <QChartView>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <atomic>

#include "core/resources.h"
#include "pages/dashboards_page.h"
#include "services/alert_store.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "services/telemetry_hub.h"
#include "store/audit_log.h"

using fyr::ui::DashboardsPage;
using namespace fyr::app;

namespace {

const QByteArray kTwoHotGpus =
    "devices=2\n"
    "0.name=NVIDIA H100 80GB HBM3\n"
    "0.util.gpu=73\n"
    "0.util.memory=20\n"
    "0.memory.total=85520809984\n"
    "0.memory.used=42760404992\n"
    "0.temperature=95\n"
    "0.power_mw=512000\n"
    "0.power_limit_mw=700000\n"
    "0.energy_mj=5000000\n"
    "1.name=NVIDIA L4\n"
    "1.util.gpu=10\n"
    "1.util.memory=5\n"
    "1.temperature=93\n";

QStringList column(const QStandardItemModel* model, int c) {
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r) out << model->index(r, c).data().toString();
    return out;
}

}  // namespace

class TestDashboardsPage : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::atomic<int64_t> m_clock{1700000000};

private slots:
    void initTestCase() {
        initResources();
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("nvml.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kTwoHotGpus);
        f.close();
        qputenv("FYR_FAKE_NVML_SCRIPT", QFile::encodeName(path));
        qputenv("USER", "operator");
    }

    void withoutHubTelemetryIsOff() {
        DashboardsPage page(nullptr);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(!page.hasTelemetry());
        QCOMPARE(page.emptyHeading(), QStringLiteral("Telemetry is off"));
        QVERIFY(page.emptyBody().size() > 40);
        QVERIFY(page.findChild<QWidget*>(QStringLiteral("emptyState"))->isVisible());
        auto* ack = page.findChild<QPushButton*>(QStringLiteral("acknowledgeButton"));
        QVERIFY(ack);
        QVERIFY(!ack->isEnabled());
        page.acknowledgeSelected();  // nothing to do, nothing breaks
        page.refresh();
        page.setChartWindow(DashboardsPage::Window::OneHour);
        QVERIFY(page.chartPoints(QStringLiteral("gpuChart")).empty());
    }

    void unreadableRulesAreSaid() {
        TelemetryHubOptions options;
        options.nvmlLibrary = QStringLiteral("/nonexistent/libnvidia-ml.so.1");
        options.sysfsRoot = m_dir.path();
        options.interval = std::chrono::milliseconds(5);
        options.configFiles = {QStringLiteral("/nonexistent/slos.json")};
        TelemetryHub hub(options);
        DashboardsPage page(&hub);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCOMPARE(page.emptyHeading(), QStringLiteral("Waiting for the first reading"));
        hub.start();
        auto* unavailable = page.findChild<QLabel*>(QStringLiteral("unavailableLabel"));
        QVERIFY(unavailable);
        QTRY_VERIFY2(unavailable->text().contains(QStringLiteral("Alert rules not loaded: /nonexistent/slos.json")),
                     qPrintable(unavailable->text()));
        QVERIFY2(unavailable->text().contains(QStringLiteral("Not available: ")), qPrintable(unavailable->text()));
        QVERIFY(!page.findChild<QLabel*>(QStringLiteral("gpuTile0")));
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("systemTile"))->isVisible());
        auto* runbook = page.findChild<QLabel*>(QStringLiteral("runbookLabel"));
        QCOMPARE(runbook->text(), QStringLiteral("No open alerts."));
    }

    void liveFiguresChartsAndAlerts() {
        TelemetryHubOptions options;
        options.nvmlLibrary = QStringLiteral(FYR_FAKE_NVML);
        options.sysfsRoot = m_dir.path();  // no AMD GPU there
        options.interval = std::chrono::milliseconds(5);
        // The clock runs first in each round, on the sampler's thread: tokens
        // noted there fall in every round's interval.
        TelemetryHub* tokensTo = nullptr;
        options.clock = [this, &tokensTo] {
            if (tokensTo) tokensTo->metrics().noteGeneratedTokens(40);
            return m_clock.fetch_add(1);
        };
        TelemetryHub hub(options);
        tokensTo = &hub;
        QVERIFY(hub.configErrors().isEmpty());
        // Answers while the GPUs run: tokens and times to first token.
        const QStringList labels = telemetry::FyrMetrics::requestLabels(QStringLiteral("llama"), QStringLiteral("ada"),
                                                             QStringLiteral("local"), QStringLiteral("cpu"));
        connect(&hub, &TelemetryHub::sampled, &hub, [&](const TelemetryHubSample&) {
            hub.metrics().generationTokens.labels(labels).inc(40);
            hub.metrics().timeToFirstToken.labels(labels).observe(0.4);
        });
        const QStringList engineLabels{QStringLiteral("llama"), QStringLiteral("cuda")};
        hub.metrics().memoryBandwidthAchieved.labels(engineLabels).set(8e11);
        hub.metrics().memoryBandwidthRatio.labels(engineLabels).set(0.24);

        DashboardsPage page(&hub);
        page.resize(1200, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QVERIFY(page.hasTelemetry());
        auto* model = page.findChild<QStandardItemModel*>(QStringLiteral("alertModel"));
        QVERIFY(model);
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        hub.start();

        // The tiles.
        QTRY_VERIFY(page.findChild<QLabel*>(QStringLiteral("gpuTile1")));
        auto* gpu0 = page.findChild<QLabel*>(QStringLiteral("gpuTile0"));
        QVERIFY(gpu0);
        const QString text = gpu0->text();
        QVERIFY2(text.startsWith(QStringLiteral("NVIDIA H100 80GB HBM3\n")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Utilization: 73 %")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Memory: 39.8 GiB of 79.6 GiB")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Temperature: 95 °C")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Power: 512 W of 700 W")), qPrintable(text));
        QCOMPARE(gpu0->accessibleName(), QStringLiteral("NVIDIA H100 80GB HBM3"));
        const QString l4 = page.findChild<QLabel*>(QStringLiteral("gpuTile1"))->text();
        QVERIFY2(l4.contains(QStringLiteral("\nPower: not reported")), qPrintable(l4));
        QVERIFY2(l4.contains(QStringLiteral("\nMemory: not reported")), qPrintable(l4));
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("systemTile")));
        auto* unavailable = page.findChild<QLabel*>(QStringLiteral("unavailableLabel"));
        QVERIFY(unavailable);
        QVERIFY2(unavailable->text().startsWith(QStringLiteral("Not available: ")), qPrintable(unavailable->text()));
        auto* engine = page.findChild<QLabel*>(QStringLiteral("engineFigures"));
        QVERIFY(engine);
        QTRY_VERIFY2(engine->text().contains(QStringLiteral("Time to first token, p95 over 5 min: 0.4")),
                     qPrintable(engine->text()));
        QVERIFY2(engine->text().contains(QStringLiteral("Requests running: 0, waiting: 0")), qPrintable(engine->text()));
        QVERIFY2(engine->text().contains(QStringLiteral("Memory bandwidth achieved: 800.0 GB/s (24 % of the peak)")),
                 qPrintable(engine->text()));
        // The stand-in's energy counter stands still: no energy for the tokens.
        QTRY_VERIFY2(gpu0->text().contains(QStringLiteral("\nEnergy per token: 0 J")), qPrintable(gpu0->text()));

        // The charts: a line per GPU, the tokens together, TTFT per model.
        QTRY_VERIFY(page.chartPoints(QStringLiteral("gpuChart")).size() == 2);
        QTRY_VERIFY(page.chartPoints(QStringLiteral("gpuChart")).at(QStringLiteral("nvml 0")) >= 2);
        QTRY_VERIFY(!page.chartPoints(QStringLiteral("tokensChart")).empty());
        QTRY_VERIFY(page.chartPoints(QStringLiteral("tokensChart")).begin()->second >= 2);
        QTRY_VERIFY(!page.chartPoints(QStringLiteral("ttftChart")).empty());
        page.setChartWindow(DashboardsPage::Window::OneHour);
        QCOMPARE(page.chartWindow(), DashboardsPage::Window::OneHour);
        QTRY_VERIFY(page.chartPoints(QStringLiteral("gpuChart")).at(QStringLiteral("nvml 0")) >= 1);
        QVERIFY(page.chartPoints(QStringLiteral("gpuChart")).at(QStringLiteral("nvml 0")) <= 1000);

        // Both GPUs run hot for a (simulated) minute: an alert each.
        QTRY_VERIFY_WITH_TIMEOUT(column(model, 1).count(QStringLiteral("gpu-too-hot")) == 2, 30000);
        const int hot0 = int(column(model, 1).indexOf(QStringLiteral("gpu-too-hot")));
        const int hot1 = int(column(model, 1).lastIndexOf(QStringLiteral("gpu-too-hot")));
        QCOMPARE(column(model, 0).value(hot0), QStringLiteral("Critical"));
        auto* view = page.findChild<QTreeView*>(QStringLiteral("alertView"));
        auto* ack = page.findChild<QPushButton*>(QStringLiteral("acknowledgeButton"));
        auto* runbook = page.findChild<QLabel*>(QStringLiteral("runbookLabel"));
        QVERIFY(view && ack && runbook);

        // The first with the button.
        view->setCurrentIndex(model->index(hot0, 0));
        QVERIFY(runbook->text().startsWith(QStringLiteral("Runbook: ")));
        QVERIFY(ack->isEnabled());
        const uint64_t first = *page.selectedAlert();
        QTest::mouseClick(ack, Qt::LeftButton);
        QTRY_COMPARE(column(model, 3).value(hot0), QStringLiteral("operator"));
        QVERIFY(!ack->isEnabled());

        // The second with Ctrl+K.
        page.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&page));
        view->setFocus();
        view->setCurrentIndex(model->index(hot1, 0));
        const uint64_t second = *page.selectedAlert();
        QVERIFY(second != first);
        QVERIFY(ack->isEnabled());
        QTest::keyClick(view, Qt::Key_K, Qt::ControlModifier);
        QTRY_COMPARE(column(model, 3).value(hot1), QStringLiteral("operator"));

        // Redraws update the rows in place: the selection stays, no row goes.
        QSignalSpy removed(model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        page.refresh();
        page.refresh();
        QCOMPARE(removed.count(), 0);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(page.selectedAlert().value_or(0), second);
        QVERIFY(!ack->isEnabled());

        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        QVERIFY(page.grab().save(QStringLiteral(FYR_SCREENSHOT_DIR "/page_dashboardsPage_live_en.png")));

        hub.stop();
        int acknowledged = 0;
        for (const auto& a : hub.alerts().active())
            if ((a.id == first || a.id == second) && a.acknowledged_by == QStringLiteral("operator")) ++acknowledged;
        QCOMPARE(acknowledged, 2);
    }

    void historyAndAuditedAcknowledgement() {
        const QString path = m_dir.filePath(QStringLiteral("fyr.db"));
        const QByteArray password = "adminpass123";
        const QByteArray passphrase = "correct horse battery staple";
        QCOMPARE(createInstallation(path, QStringLiteral("admin"), password, passphrase), QString());
        SignedIn s = signIn(path, QStringLiteral("admin"), password, passphrase, QStringLiteral("fyr"), {});
        QVERIFY2(s.ok(), qPrintable(s.error));
        AppSession session(std::move(s), std::chrono::milliseconds(0));
        {
            // An earlier run, stopped while its alert was open.
            AlertStore earlier(session.store());
            telemetry::Alert a;
            a.id = 1;
            a.rule = QStringLiteral("ttft-anomaly");
            a.start_s = m_clock.load() - 3600;
            earlier.notify({telemetry::AlertChange::Opened, a});
            QCOMPARE(earlier.flush(), QString());
        }

        TelemetryHubOptions options;
        options.nvmlLibrary = QStringLiteral(FYR_FAKE_NVML);
        options.sysfsRoot = m_dir.path();
        options.interval = std::chrono::milliseconds(5);
        options.clock = [this] { return m_clock.fetch_add(1); };
        TelemetryHub hub(options);
        hub.setAlertStore(std::make_shared<AlertStore>(session.store()));
        QVERIFY(hub.alertStore());

        DashboardsPage page(&hub);
        page.setSession(&session);
        page.resize(1200, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* history = page.findChild<QStandardItemModel*>(QStringLiteral("alertHistoryModel"));
        auto* model = page.findChild<QStandardItemModel*>(QStringLiteral("alertModel"));
        QVERIFY(history && model);
        QAbstractItemModelTester tester(history, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* historyBox = page.findChild<QWidget*>(QStringLiteral("alertHistoryBox"));
        QVERIFY(historyBox && !historyBox->isHidden());
        // The earlier run's alert, closed when this one started.
        QTRY_COMPARE(column(history, 0), QStringList{QStringLiteral("ttft-anomaly")});
        QVERIFY2(column(history, 3).value(0).endsWith(QStringLiteral(", closed at restart")),
                 qPrintable(column(history, 3).value(0)));
        hub.start();
        QTRY_VERIFY(historyBox->isVisible());

        // The hot GPUs' alerts appear in the history, newest first, still open.
        QTRY_VERIFY_WITH_TIMEOUT(column(history, 0).count(QStringLiteral("gpu-too-hot")) == 2, 30000);
        QCOMPARE(column(history, 0).last(), QStringLiteral("ttft-anomaly"));  // opened an hour earlier
        const int hot = int(column(history, 0).indexOf(QStringLiteral("gpu-too-hot")));
        QCOMPARE(column(history, 3).value(hot), QStringLiteral("open"));
        QCOMPARE(column(history, 1).value(hot), QStringLiteral("Critical"));
        QVERIFY(column(history, 4).value(hot).isEmpty());

        // Acknowledged as the signed-in user: on the audit trail and in the history.
        QTRY_VERIFY(column(model, 1).count(QStringLiteral("gpu-too-hot")) == 2);
        const int row = int(column(model, 1).indexOf(QStringLiteral("gpu-too-hot")));
        auto* view = page.findChild<QTreeView*>(QStringLiteral("alertView"));
        auto* ack = page.findChild<QPushButton*>(QStringLiteral("acknowledgeButton"));
        view->setCurrentIndex(model->index(row, 0));
        QVERIFY(ack->isEnabled());
        QTest::mouseClick(ack, Qt::LeftButton);
        QCOMPARE(column(model, 3).value(row), QStringLiteral("admin"));
        QVERIFY(page.findChild<QLabel*>(QStringLiteral("acknowledgeStatus"))->text().isEmpty());
        QString error;
        const QList<AuditLog::Entry> entries = session.audit().entries(1, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!entries.isEmpty());
        const AuditLog::Entry& last = entries.back();
        QCOMPARE(last.actor, QStringLiteral("admin"));
        QCOMPARE(last.action, QStringLiteral("alert.acknowledge"));
        QVERIFY2(last.target.startsWith(QStringLiteral("gpu-too-hot fyr:gpu_temperature_celsius{")),
                 qPrintable(last.target));
        QVERIFY(session.audit().verify().ok);
        QTRY_VERIFY(column(history, 4).filter(QStringLiteral("admin at ")).size() == 1);

        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        QVERIFY(page.grab().save(QStringLiteral(FYR_SCREENSHOT_DIR "/page_dashboardsPage_history_en.png")));
        hub.stop();
        QCOMPARE(hub.alertStore()->flush(), QString());
    }
};

QTEST_MAIN(TestDashboardsPage)
#include "tst_dashboards_page.moc"
