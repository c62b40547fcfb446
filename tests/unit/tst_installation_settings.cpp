// The installation's settings (stored, typed, permission-checked, audited) and
// the telemetry outputs they switch: trace export to a collector listening in
// the test, alert outputs, the collector's header file.

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "../telemetry/http_collector.h"
#include "services/installation.h"
#include "services/installation_settings.h"
#include "services/telemetry_outputs.h"
#include "store/audit_log.h"
#include "store/clock.h"
#include "store/identity.h"
#include "store/statement.h"
#include "store/store.h"
#include "telemetry/alert_manager.h"
#include "telemetry/request_trace.h"
#include "telemetry/query_series_source.h"
#include "telemetry/time_series_buffer.h"
#include "telemetry/trace_store.h"

using namespace fyr::app;

namespace {

const QByteArray kPassword = "admin password 1";
const QByteArray kPassphrase = "data passphrase for tests 1";

}  // namespace

class TestInstallationSettings : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    SignedIn as(const QString& user, const QByteArray& password) {
        SignedIn s = signIn(m_path, user, password, kPassphrase, QStringLiteral("test"), QStringLiteral("test"));
        if (!s.ok()) qWarning() << s.error;
        return s;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(m_path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        QVERIFY(admin.ok());
        QCOMPARE(admin.identity->createUser(QStringLiteral("ana"), "analyst password 1", QStringLiteral("analyst")), QString());
    }

    void parsesEachType_data() {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QVariant>("value");  // invalid: refused
        QTest::addColumn<QString>("errorPart");
        const QVariant no;
        QTest::newRow("int") << "security.session_idle_minutes" << " 45 " << QVariant(qlonglong(45)) << "";
        QTest::newRow("int lowest") << "security.session_idle_minutes" << "1" << QVariant(qlonglong(1)) << "";
        QTest::newRow("int zero") << "security.session_idle_minutes" << "0" << no << "from 1 to 1440";
        QTest::newRow("int too big") << "security.session_idle_minutes" << "1441" << no << "from 1 to 1440";
        QTest::newRow("int word") << "security.session_idle_minutes" << "ten" << no << "got \"ten\"";
        QTest::newRow("bool on") << "alerts.syslog.enabled" << "on" << QVariant(true) << "";
        QTest::newRow("bool false") << "alerts.syslog.enabled" << "false" << QVariant(false) << "";
        QTest::newRow("bool yes") << "alerts.syslog.enabled" << "yes" << no << "true or false";
        QTest::newRow("url") << "alerts.webhook.url" << "http://127.0.0.1:9000/hook" << QVariant(QStringLiteral("http://127.0.0.1:9000/hook")) << "";
        QTest::newRow("url empty is off") << "alerts.webhook.url" << "" << QVariant(QString()) << "";
        QTest::newRow("url ftp") << "alerts.webhook.url" << "ftp://host/x" << no << "http:// or https://";
        QTest::newRow("url no host") << "alerts.webhook.url" << "http://" << no << "with a host";
        QTest::newRow("endpoint may not be empty") << "telemetry.otlp.endpoint" << "" << no << "telemetry.otlp.endpoint";
        QTest::newRow("text two lines") << "telemetry.otlp.headers_file" << "a\nb" << no << "one line";
    }
    void parsesEachType() {
        QFETCH(QString, key);
        QFETCH(QString, text);
        QFETCH(QVariant, value);
        QFETCH(QString, errorPart);
        const SettingSpec* spec = InstallationSettings::find(key);
        QVERIFY(spec);
        QString error;
        const auto parsed = InstallationSettings::parse(*spec, text, &error);
        if (!value.isValid()) {
            QVERIFY(!parsed);
            QVERIFY2(error.contains(errorPart), qPrintable(error));
            QVERIFY2(error.startsWith(key + QLatin1Char(':')), qPrintable(error));
        } else {
            QVERIFY2(parsed, qPrintable(error));
            QCOMPARE(*parsed, value);
        }
    }

    void passwordInAUrlIsNotEchoed() {
        QString error;
        QVERIFY(!InstallationSettings::parse(*InstallationSettings::find(QStringLiteral("alerts.webhook.url")),
                                             QStringLiteral("http://bob:hunter2@127.0.0.1/hook"), &error));
        QVERIFY2(!error.contains(QLatin1String("hunter2")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("without a user name or password")), qPrintable(error));
    }

    void defaultsUntilSetThenAuditedChange() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        InstallationSettings settings(*admin.store);
        const QString key = QStringLiteral("security.session_idle_minutes");
        QCOMPARE(settings.value(key).toInt(), 30);
        QCOMPARE(settings.set(admin.who, *admin.audit, key, QStringLiteral("12")), QString());
        QCOMPARE(settings.value(key).toInt(), 12);
        // Another program on the installation reads the same value.
        SignedIn other = as(QStringLiteral("admin"), kPassword);
        QCOMPARE(InstallationSettings(*other.store).value(key).toInt(), 12);

        const QList<InstallationSettings::Entry> entries = settings.entries();
        QCOMPARE(entries.size(), InstallationSettings::specs().size());
        bool seen = false;
        for (const auto& e : entries)
            if (e.spec->name() == key) {
                seen = true;
                QVERIFY(!e.isDefault);
                QVERIFY(e.updatedMs > 0);
                QCOMPARE(e.value.toInt(), 12);
            }
        QVERIFY(seen);

        QCOMPARE(settings.reset(admin.who, *admin.audit, key), QString());
        QCOMPARE(settings.value(key).toInt(), 30);

        QString error;
        const QList<AuditLog::Entry> log = admin.audit->entries(1, 1000, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QStringList changes;
        for (const auto& e : log)
            if (e.action == QLatin1String("settings.change") && e.target == key) changes << e.actor + QLatin1Char(' ') + e.details;
        QCOMPARE(changes, (QStringList{QStringLiteral("admin 30 -> 12"), QStringLiteral("admin 12 -> 30 (default)")}));
        QVERIFY(admin.audit->verify().ok);
    }

    void refusedWithoutThePermissionOrForBadInput() {
        SignedIn ana = as(QStringLiteral("ana"), "analyst password 1");
        QVERIFY(ana.ok());
        InstallationSettings settings(*ana.store);
        const QString why = settings.set(ana.who, *ana.audit, QStringLiteral("alerts.syslog.enabled"), QStringLiteral("true"));
        QVERIFY2(why.contains(QLatin1String("settings.manage")), qPrintable(why));
        QCOMPARE(settings.value(QStringLiteral("alerts.syslog.enabled")).toBool(), false);

        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        InstallationSettings s2(*admin.store);
        QVERIFY(s2.set(admin.who, *admin.audit, QStringLiteral("no.such.key"), QStringLiteral("1")).contains(QLatin1String("no.such.key")));
        QVERIFY(s2.set(admin.who, *admin.audit, QStringLiteral("security.session_idle_minutes"), QStringLiteral("-3"))
                    .contains(QLatin1String("from 1 to 1440")));
        QCOMPARE(s2.value(QStringLiteral("security.session_idle_minutes")).toInt(), 30);
    }

    void storedValueThatNoLongerParsesReadsAsDefault() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        const QString e = admin.store
                              ->write([](sqlite3* db) -> QString {
                                  Statement st(db, "INSERT INTO settings(key, value, updated_ms) VALUES(?1, ?2, ?3)");
                                  st.bind(1, QStringLiteral("alerts.webhook.allow_remote")).bind(2, QStringLiteral("maybe")).bind(3, nowMs());
                                  return st.run() ? QString() : st.error();
                              })
                              .get();
        QCOMPARE(e, QString());
        InstallationSettings settings(*admin.store);
        QCOMPARE(settings.value(QStringLiteral("alerts.webhook.allow_remote")).toBool(), false);
        bool reported = false;
        for (const auto& entry : settings.entries())
            if (entry.spec->name() == QLatin1String("alerts.webhook.allow_remote")) {
                QVERIFY(entry.isDefault);
                reported = entry.problem.contains(QLatin1String("maybe"));
            }
        QVERIFY(reported);
        QCOMPARE(settings.reset(admin.who, *admin.audit, QStringLiteral("alerts.webhook.allow_remote")), QString());
    }

    void headerFileIsCheckedLineByLine() {
        const QString path = m_dir.filePath(QStringLiteral("headers"));
        auto write = [&](const QByteArray& text) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(text);
        };
        QString error;
        write("# the collector's key\nAuthorization: Bearer s3cret\r\n\nX-Scope-OrgID: site-7\n");
        const auto ok = TelemetryOutputs::readHeaderFile(path, &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(ok->size(), 2);
        QCOMPARE(ok->at(0).first, QByteArray("Authorization"));
        QCOMPARE(ok->at(0).second, QByteArray("Bearer s3cret"));

        write("Authorization: Bearer s3cret\nthis is not a header\n");
        QVERIFY(!TelemetryOutputs::readHeaderFile(path, &error));
        QVERIFY2(error.startsWith(path + QStringLiteral(":2: ")), qPrintable(error));
        write("Bad Name: s3cret\n");
        QVERIFY(!TelemetryOutputs::readHeaderFile(path, &error));
        QVERIFY2(error.contains(QLatin1String(":1: ")) && !error.contains(QLatin1String("s3cret")), qPrintable(error));
        write("Empty:\n");
        QVERIFY(!TelemetryOutputs::readHeaderFile(path, &error));
        QVERIFY2(error.contains(QLatin1String("Empty")), qPrintable(error));
        QVERIFY(!TelemetryOutputs::readHeaderFile(m_dir.filePath(QStringLiteral("missing")), &error));
        QVERIFY2(error.contains(QLatin1String("missing")), qPrintable(error));
    }

    void outputsFollowTheSettings() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        InstallationSettings settings(*admin.store);
        fyr::app::telemetry::TimeSeriesBuffer buffer;
        fyr::app::telemetry::QuerySeriesSource source(buffer);
        fyr::app::telemetry::AlertManager alerts(source);
        TelemetryOutputs outputs(alerts);

        // Everything is off by default.
        QCOMPARE(outputs.apply(settings), QStringList());
        QVERIFY(!outputs.traceExportOn());
        for (const QString& line : outputs.status()) QVERIFY2(line.endsWith(QLatin1String(": off")), qPrintable(line));

        // Trace export to a collector, with the header file's credentials.
        fyr::test::Collector collector;
        const QString headers = m_dir.filePath(QStringLiteral("collector-headers"));
        {
            QFile f(headers);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("Authorization: Bearer collector-key\n");
        }
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("telemetry.otlp.endpoint"), collector.url().toString()),
                 QString());
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("telemetry.otlp.headers_file"), headers), QString());
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("telemetry.otlp.enabled"), QStringLiteral("true")), QString());
        QCOMPARE(outputs.apply(settings), QStringList());
        QVERIFY(outputs.traceExportOn());

        // A finished trace goes through the trace store's listener to the collector.
        fyr::app::telemetry::TraceStore store;
        store.setFinishedListener([&outputs](const std::vector<fyr::app::telemetry::Span>& spans) { outputs.exportTrace(spans); });
        fyr::app::telemetry::RequestTrace::Options o;
        o.request_id = QStringLiteral("req-settings-1");
        o.model = QStringLiteral("tiny");
        fyr::app::telemetry::RequestTrace trace(o);
        store.putFinished(trace.requestId(), trace.finish());
        QVERIFY(store.find(QStringLiteral("req-settings-1")));
        QTRY_VERIFY(!collector.received.isEmpty());
        QCOMPARE(collector.received.first().headers[QByteArrayLiteral("authorization")], QByteArray("Bearer collector-key"));
        QVERIFY(collector.received.first().body.contains(QByteArray::fromStdString(trace.traceId().hex())));
        QTRY_COMPARE(outputs.spansExported(), quint64(1));

        // A header file that breaks keeps the export off, and says where.
        {
            QFile f(headers);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write("no colon here\n");
        }
        const QStringList problems = outputs.apply(settings);
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(headers + QStringLiteral(":1:")), qPrintable(problems.first()));
        QVERIFY(!outputs.traceExportOn());

        // The webhook: on this machine by default; another host needs allow_remote.
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("telemetry.otlp.enabled"), QStringLiteral("false")), QString());
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("alerts.webhook.url"), QStringLiteral("http://alerts.site.example/hook")),
                 QString());
        QStringList p2 = outputs.apply(settings);
        QCOMPARE(p2.size(), 1);
        QVERIFY2(p2.first().contains(QLatin1String("alerts.webhook.url")), qPrintable(p2.first()));
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("alerts.webhook.allow_remote"), QStringLiteral("true")), QString());
        QCOMPARE(settings.set(admin.who, *admin.audit, QStringLiteral("alerts.syslog.enabled"), QStringLiteral("true")), QString());
        QCOMPARE(outputs.apply(settings), QStringList());
        QVERIFY(outputs.status().contains(QStringLiteral("alert webhook: http://alerts.site.example/hook")));
        QVERIFY(outputs.status().contains(QStringLiteral("alerts to syslog: on (facility daemon)")));

        for (const char* key : {"alerts.webhook.url", "alerts.webhook.allow_remote", "alerts.syslog.enabled", "telemetry.otlp.enabled",
                                "telemetry.otlp.endpoint", "telemetry.otlp.headers_file"})
            QCOMPARE(settings.reset(admin.who, *admin.audit, QString::fromLatin1(key)), QString());
        QCOMPARE(outputs.apply(settings), QStringList());
        QVERIFY(admin.audit->verify().ok);
    }
};

QTEST_GUILESS_MAIN(TestInstallationSettings)
#include "tst_installation_settings.moc"
