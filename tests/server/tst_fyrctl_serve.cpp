// fyrctl serve: its usage errors name the option, and as a real process it
// prints its URL, answers over HTTP with a key of the installation, sends the
// request's trace (continuing the caller's traceparent) to the collector the
// installation's settings name, stops cleanly on SIGTERM and leaves
// server.start and server.stop in the audit chain.
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "../telemetry/http_collector.h"
#include "../unit/cli_runner.h"
#include "core/resources.h"
#include "services/installation.h"
#include "services/installation_settings.h"
#include "store/audit_log.h"
#include "store/identity.h"

using namespace fyr::app;

namespace {

const QString kModel = QStringLiteral(FYR_SHARED_DIR "/models/stories260K.gguf");
const QByteArray kPassword = "adminpass123";
const QByteArray kPassphrase = "correct horse battery staple";
constexpr int kTimeoutMs = 60000;
const QByteArray kCallerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

}  // namespace

class TestFyrctlServe final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { initResources(); }

    void usageErrorsNameTheOption_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("error");
        const QString m = QStringLiteral("-m");
        const QString model = QStringLiteral("model.gguf");
        const QString as = QStringLiteral("--as");
        const QString admin = QStringLiteral("admin");
        QTest::newRow("no model") << QStringList{as, admin} << QStringLiteral("-m MODEL is required");
        QTest::newRow("no user") << QStringList{m, model} << QStringLiteral("--as NAME is required");
        QTest::newRow("port too high")
            << QStringList{m, model, as, admin, QStringLiteral("--port"), QStringLiteral("70000")}
            << QStringLiteral("--port: expected a whole number from 0 to 65535");
        QTest::newRow("bad host")
            << QStringList{m, model, as, admin, QStringLiteral("--host"), QStringLiteral("example")}
            << QStringLiteral("--host: expected an IP address");
        QTest::newRow("bad threads")
            << QStringList{m, model, as, admin, QStringLiteral("--threads"), QStringLiteral("-1")}
            << QStringLiteral("--threads: expected a whole number from 0 to 1024");
    }
    void usageErrorsNameTheOption() {
        QFETCH(QStringList, args);
        QFETCH(QString, error);
        const CliResult r = runCli(QStringList{QStringLiteral("serve")} + args);
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(error), qPrintable(r.err));
    }

    void servesUntilSigterm() {
        if (!QFile::exists(kModel)) QSKIP("stories260K.gguf missing from " FYR_SHARED_DIR "/models");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        QString key;
        fyr::test::Collector collector;
        {
            SignedIn s = signIn(path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("fyrctl"), {});
            QVERIFY2(s.ok(), qPrintable(s.error));
            QString error;
            const auto k =
                s.identity->createApiKey(s.who.userId, QStringLiteral("admin"), QStringLiteral("t"), {}, &error);
            QVERIFY2(k, qPrintable(error));
            key = k->secret;
            // Traces go to a collector listening in this test.
            InstallationSettings settings(*s.store);
            QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("telemetry.otlp.endpoint"), collector.url().toString()),
                     QString());
            QCOMPARE(settings.set(s.who, *s.audit, QStringLiteral("telemetry.otlp.enabled"), QStringLiteral("true")),
                     QString());
        }

        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FYR_PASSWORD"), QString::fromLatin1(kPassword));
        env.insert(QStringLiteral("FYR_PASSPHRASE"), QString::fromLatin1(kPassphrase));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FYR_BIN_DIR "/fyrctl"),
                {QStringLiteral("serve"), QStringLiteral("-m"), kModel, QStringLiteral("--port"), QStringLiteral("0"),
                 QStringLiteral("--db"), path, QStringLiteral("--as"), QStringLiteral("admin")});
        QVERIFY(p.waitForStarted(kTimeoutMs));
        QByteArray out;
        while (!out.contains('\n') && p.state() == QProcess::Running && p.waitForReadyRead(kTimeoutMs))
            out += p.readAllStandardOutput();
        QVERIFY2(out.startsWith("http://127.0.0.1:"), p.readAllStandardError().constData());
        const QUrl base(QString::fromLatin1(out.trimmed()));

        QNetworkAccessManager nam;
        QUrl url = base;
        url.setPath(QStringLiteral("/v1/chat/completions"));
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Authorization", "Bearer " + key.toLatin1());
        request.setRawHeader("traceparent", "00-" + kCallerTraceId + "-00f067aa0ba902b7-01");
        QNetworkReply* reply = nam.post(
            request, QByteArrayLiteral("{\"model\":\"stories260K\",\"messages\":[{\"role\":\"user\",\"content\":\"Once "
                                       "upon a time\"}],\"max_tokens\":8,\"temperature\":0}"));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(kTimeoutMs));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
        QCOMPARE(answer.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(), 8);
        reply->deleteLater();
        // The request's spans reach the collector under the caller's trace id.
        QTRY_VERIFY_WITH_TIMEOUT(!collector.received.isEmpty(), kTimeoutMs);
        QVERIFY(collector.received.first().body.contains(kCallerTraceId));

        p.terminate();  // SIGTERM
        QVERIFY(p.waitForFinished(kTimeoutMs));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);

        SignedIn s = signIn(path, QStringLiteral("admin"), kPassword, kPassphrase, QStringLiteral("fyrctl"), {});
        QVERIFY2(s.ok(), qPrintable(s.error));
        QString error;
        QStringList actions;
        for (const AuditLog::Entry& e : s.audit->entries(1, 100000, &error))
            if (e.action.startsWith(QLatin1String("server."))) actions << e.action + u' ' + e.target;
        QCOMPARE(actions, QStringList({QStringLiteral("server.start ") + base.toString(),
                                       QStringLiteral("server.stop ") + base.toString()}));
    }
};

QTEST_GUILESS_MAIN(TestFyrctlServe)
#include "tst_fyrctl_serve.moc"
