// Logging: argument parsing, text and JSON lines, redaction of secrets, the engine's
// log routed into the fyr.engine category.
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>

#include "core/log_categories.h"
#include "core/logging.h"
#include "fyr/log.h"

using fyr::app::Logging;
using fyr::app::LogOptions;

class TestLogging : public QObject {
    Q_OBJECT
private slots:
    void redacts_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        QTest::newRow("password=") << "login failed for bob password=hunter2x" << "hunter2x";
        QTest::newRow("json api_key") << R"({"api_key": "abcd1234efgh"})" << "abcd1234efgh";
        QTest::newRow("passphrase:") << "passphrase: correct-horse" << "correct-horse";
        QTest::newRow("bearer") << "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig" << "eyJhbGciOiJIUzI1NiJ9";
        QTest::newRow("fyr key") << "created key fyr_live_0123456789abcdefXYZ" << "0123456789abcdefXYZ";
        QTest::newRow("openai key") << "upstream sk-proj-AAAABBBBCCCCDDDDEEEE" << "AAAABBBBCCCCDDDDEEEE";
        QTest::newRow("url password") << "connect https://admin:s3cr3tpw@example.org/x" << "s3cr3tpw";
        QTest::newRow("token query") << "GET /v1?token=qwertyuiop&x=1" << "qwertyuiop";
    }
    void redacts() {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = Logging::redact(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("[redacted]")), qPrintable(out));
    }

    void keepsOrdinaryText() {
        const QString text = QStringLiteral("loaded model tinyllama (42 tensors) in 120 ms; tokens=17");
        QCOMPARE(Logging::redact(text), text);
    }

    void parsesArguments() {
        QStringList args{QStringLiteral("version"), QStringLiteral("--log-json"), QStringLiteral("--log-level"),
                         QStringLiteral("debug"), QStringLiteral("--log-rules=fyr.ui.debug=false"),
                         QStringLiteral("--json")};
        LogOptions opts;
        QString error;
        QVERIFY(Logging::takeArguments(args, opts, &error));
        QCOMPARE(args, (QStringList{QStringLiteral("version"), QStringLiteral("--json")}));
        QVERIFY(opts.json);
        QCOMPARE(opts.minLevel, QtDebugMsg);
        QCOMPARE(opts.rules, QStringLiteral("fyr.ui.debug=false"));
    }

    void rejectsBadLevel() {
        QStringList args{QStringLiteral("--log-level=loud")};
        LogOptions opts;
        QString error;
        QVERIFY(!Logging::takeArguments(args, opts, &error));
        QVERIFY2(error.contains(QStringLiteral("loud")), qPrintable(error));
        QStringList missing{QStringLiteral("--log-level")};
        QVERIFY(!Logging::takeArguments(missing, opts, &error));
        QVERIFY2(error.contains(QStringLiteral("--log-level")), qPrintable(error));
    }

    void jsonLineIsOneObject() {
        const QByteArray line =
            Logging::formatLine(QtWarningMsg, "fyr.store", QStringLiteral("db at x password=abc123"), true);
        QVERIFY(line.endsWith('\n'));
        QCOMPARE(line.count('\n'), 1);
        QJsonParseError pe{};
        const QJsonObject o = QJsonDocument::fromJson(line, &pe).object();
        QCOMPARE(pe.error, QJsonParseError::NoError);
        QCOMPARE(o.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        QCOMPARE(o.value(QStringLiteral("category")).toString(), QStringLiteral("fyr.store"));
        QVERIFY(!o.value(QStringLiteral("msg")).toString().contains(QStringLiteral("abc123")));
        QVERIFY(!o.value(QStringLiteral("ts")).toString().isEmpty());
    }

    void installedHandlerWritesFilteredRedactedJson() {
        QTemporaryFile tmp;
        QVERIFY(tmp.open());
        FILE* stream = std::fopen(qPrintable(tmp.fileName()), "w");
        QVERIFY(stream);
        LogOptions opts;
        opts.json = true;
        opts.minLevel = QtInfoMsg;
        opts.stream = stream;
        Logging::install(opts);
        qCDebug(lcApp) << "debug is below the level";
        qCInfo(lcSecurity).noquote() << "new key api_key=topsecretvalue";
        FYR_LOG_WARN("gguf", "tensor blk.0 misaligned");
        qInstallMessageHandler(nullptr);
        fyr::log::set_sink({});
        std::fclose(stream);

        QFile f(tmp.fileName());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(QStringLiteral("category")).toString(), QStringLiteral("fyr.security"));
        QVERIFY(!lines.at(0).contains("topsecretvalue"));
        const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(second.value(QStringLiteral("category")).toString(), QStringLiteral("fyr.engine"));
        QCOMPARE(second.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        QVERIFY(second.value(QStringLiteral("msg")).toString().contains(QStringLiteral("[gguf] tensor blk.0")));
    }
};

QTEST_GUILESS_MAIN(TestLogging)
#include "tst_logging.moc"
