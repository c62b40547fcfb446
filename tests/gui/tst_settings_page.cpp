// The Settings page offscreen: signed in as an admin it lists every installation
// setting, stores a change (audited, in force at once: the session's idle
// timeout, the alert outputs), refuses a bad value with the setting's name and
// what was expected, resets to the default; a role without settings.manage may
// read but not change.
#include <QAbstractItemModelTester>
#include <QLabel>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include "core/resources.h"
#include "pages/settings_page.h"
#include "services/app_session.h"
#include "services/installation.h"
#include "services/installation_settings.h"
#include "services/telemetry_outputs.h"
#include "store/audit_log.h"
#include "store/identity.h"
#include "telemetry/alert_manager.h"
#include "telemetry/query_series_source.h"
#include "telemetry/time_series_buffer.h"
#include "test_installation.h"

using namespace fyr::app;
using fyr::ui::SettingsPage;

namespace {

using fyr::test::kPassphrase;
using fyr::test::kPassword;

}  // namespace

class TestSettingsPage final : public QObject {
    Q_OBJECT
private:
    fyr::test::TestInstallation m_installation;
    QString m_path;

    std::unique_ptr<AppSession> signInAs(const QString& user, const QByteArray& password) {
        return m_installation.signInAs(user, password);
    }

    QStringList auditedChanges(AppSession& session) {
        QStringList out;
        for (const AuditLog::Entry& e : fyr::test::TestInstallation::audited(session, QStringLiteral("settings.change")))
            out << e.actor + QLatin1Char(' ') + e.target + QLatin1Char(' ') + e.details;
        return out;
    }

private slots:
    void initTestCase() {
        initResources();
        QCOMPARE(m_installation.create(), QString());
        m_path = m_installation.path();
        auto admin = signInAs(QStringLiteral("admin"), kPassword);
        QVERIFY(admin);
        QCOMPARE(admin->identity().createUser(QStringLiteral("olle"), "operatorpass1", QStringLiteral("operator")), QString());
    }

    void withoutASessionItSaysSo() {
        SettingsPage page;
        page.show();
        QCOMPARE(page.settingsModel()->rowCount(), 0);
        QVERIFY(page.emptyHeading().contains(QLatin1String("Not signed in")));
    }

    void adminChangesTakeEffectAndAreAudited() {
        auto session = signInAs(QStringLiteral("admin"), kPassword);
        QVERIFY(session);
        TimeSeriesBufferHolder holder;
        TelemetryOutputs outputs(holder.alerts);
        SettingsPage page;
        QAbstractItemModelTester tester(page.settingsModel());
        page.setSession(session.get());
        page.setOutputs(&outputs);
        page.show();
        QCOMPARE(page.settingsModel()->rowCount(), InstallationSettings::specs().size());
        QVERIFY(page.findChild<QPushButton*>(QStringLiteral("applySettingButton")));

        // The idle timeout: stored, audited, and the session's at once.
        QVERIFY(page.select(QStringLiteral("security.session_idle_minutes")));
        QCOMPARE(page.editorText(), QStringLiteral("30"));
        page.setEditorText(QStringLiteral("7"));
        QSignalSpy changed(&page, &SettingsPage::settingChanged);
        QVERIFY2(page.applyEdit(), qPrintable(page.messageText()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(session->idleTimeout(), std::chrono::milliseconds(std::chrono::minutes(7)));
        QCOMPARE(InstallationSettings(session->store()).value(QStringLiteral("security.session_idle_minutes")).toInt(), 7);
        QVERIFY(auditedChanges(*session).contains(QStringLiteral("admin security.session_idle_minutes 30 -> 7")));

        // A value that is not a URL: refused, named, nothing stored.
        QVERIFY(page.select(QStringLiteral("alerts.webhook.url")));
        page.setEditorText(QStringLiteral("not a url"));
        QVERIFY(!page.applyEdit());
        QVERIFY2(page.messageText().contains(QLatin1String("alerts.webhook.url")), qPrintable(page.messageText()));
        QCOMPARE(InstallationSettings(session->store()).value(QStringLiteral("alerts.webhook.url")).toString(), QString());

        // Alerts to syslog: the outputs follow at once.
        QVERIFY(page.outputsText().contains(QLatin1String("alerts to syslog: off")));
        QVERIFY(page.select(QStringLiteral("alerts.syslog.enabled")));
        page.setEditorText(QStringLiteral("true"));
        QVERIFY2(page.applyEdit(), qPrintable(page.messageText()));
        QVERIFY2(page.outputsText().contains(QLatin1String("alerts to syslog: on")), qPrintable(page.outputsText()));

        // The table shows the change; reset brings back the default.
        bool shown = false;
        for (int row = 0; row < page.settingsModel()->rowCount(); ++row)
            if (page.settingsModel()->item(row, SettingsPage::KeyColumn)->text() == QLatin1String("alerts.syslog.enabled"))
                shown = page.settingsModel()->item(row, SettingsPage::ValueColumn)->text() == QLatin1String("true");
        QVERIFY(shown);
        QVERIFY(page.resetToDefault());
        QVERIFY(page.outputsText().contains(QLatin1String("alerts to syslog: off")));
        QVERIFY(page.select(QStringLiteral("security.session_idle_minutes")));
        QVERIFY(page.resetToDefault());
        QCOMPARE(session->idleTimeout(), std::chrono::milliseconds(std::chrono::minutes(30)));
        QVERIFY(session->audit().verify().ok);
    }

    void withoutSettingsManageItIsReadOnly() {
        auto session = signInAs(QStringLiteral("olle"), "operatorpass1");
        QVERIFY(session);
        QVERIFY(!session->may(Permission::SettingsManage));
        SettingsPage page;
        page.setSession(session.get());
        page.show();
        QCOMPARE(page.settingsModel()->rowCount(), InstallationSettings::specs().size());
        QVERIFY(page.select(QStringLiteral("alerts.syslog.enabled")));
        QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("applySettingButton"))->isEnabled());
        QVERIFY2(page.messageText().contains(QLatin1String("settings.manage")), qPrintable(page.messageText()));
        // Even forced, the service refuses and says why.
        page.setEditorText(QStringLiteral("true"));
        QVERIFY(!page.applyEdit());
        QVERIFY2(page.messageText().contains(QLatin1String("settings.manage")), qPrintable(page.messageText()));
        QCOMPARE(InstallationSettings(session->store()).value(QStringLiteral("alerts.syslog.enabled")).toBool(), false);
    }

private:
    // An alert manager over an empty ring, for TelemetryOutputs to register with.
    struct TimeSeriesBufferHolder {
        telemetry::TimeSeriesBuffer buffer;
        telemetry::QuerySeriesSource source{buffer};
        telemetry::AlertManager alerts{source};
    };
};

QTEST_MAIN(TestSettingsPage)
#include "tst_settings_page.moc"
