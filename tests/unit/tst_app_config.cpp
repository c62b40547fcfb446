// Configuration: built-in defaults, user overlay, errors that name file, line and column.
#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

#include "core/app_config.h"
#include "core/resources.h"

using fyr::app::AppConfig;

class TestAppConfig : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void defaultsAreComplete() {
        const AppConfig cfg = AppConfig::defaults();
        QCOMPARE(cfg.value(QStringLiteral("schema_version")).toInt(), 1);
        QCOMPARE(cfg.value(QStringLiteral("engine.kv_type")).toString(), QStringLiteral("f16"));
        QCOMPARE(cfg.value(QStringLiteral("ui.language")).toString(), QStringLiteral("system"));
        QCOMPARE(cfg.value(QStringLiteral("server.host")).toString(), QStringLiteral("127.0.0.1"));
        // Air-gapped sites: nothing goes out unless an admin says so.
        QCOMPARE(cfg.value(QStringLiteral("network.allow_outbound")).toBool(), false);
        QVERIFY(!cfg.value(QStringLiteral("no.such.key")).isValid());
    }

    void overlayMergesObjects() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("fyr.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"engine": {"threads": 6}, "extra": [1, 2]})");
        f.close();
        AppConfig cfg = AppConfig::defaults();
        QString error;
        QVERIFY2(cfg.overlayFile(path, &error), qPrintable(error));
        QCOMPARE(cfg.value(QStringLiteral("engine.threads")).toInt(), 6);
        QCOMPARE(cfg.value(QStringLiteral("engine.n_ctx")).toInt(), 4096);  // kept from the defaults
        QCOMPARE(cfg.value(QStringLiteral("extra")).toList().size(), 2);
    }

    void missingFileIsNotAnError() {
        AppConfig cfg = AppConfig::defaults();
        QString error;
        QVERIFY(cfg.overlayFile(QStringLiteral("does/not/exist/fyr.json"), &error));
        QVERIFY(error.isEmpty());
    }

    void errorsNameFileLineAndColumn_data() {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::newRow("missing comma") << QByteArray("{\n  \"a\": 1\n  \"b\": 2\n}") << QStringLiteral("bad.json:3:4:");
        QTest::newRow("truncated") << QByteArray("{\"a\": [1, 2") << QStringLiteral("bad.json:1:");
        QTest::newRow("array at top") << QByteArray("[1]") << QStringLiteral("bad.json:1:1: expected a JSON object");
    }
    void errorsNameFileLineAndColumn() {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QJsonObject out;
        QString error;
        QVERIFY(!AppConfig::parse(text, QStringLiteral("bad.json"), &out, &error));
        QVERIFY2(error.startsWith(where), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_app_config.moc"
