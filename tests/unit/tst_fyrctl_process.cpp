// The real binaries: `fyrctl --version` runs and reports the backends; `fyr` without
// a display explains how to run instead of crashing.
#include <QProcess>
#include <QProcessEnvironment>
#include <QTest>

#include "fyr/build_info.h"

class TestFyrctlProcess : public QObject {
    Q_OBJECT
private slots:
    void versionRunsAndReportsBackends() {
        QProcess p;
        p.start(QStringLiteral(FYR_BIN_DIR "/fyrctl"), {QStringLiteral("--version")});
        QVERIFY2(p.waitForFinished(60000), qPrintable(p.errorString()));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.startsWith(QStringLiteral("fyrctl ")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("backends: cpu")), qPrintable(out));
        QVERIFY(out.contains(QStringLiteral("CUDA %1").arg(fyr::build_info().cuda ? "on" : "off")));
        QVERIFY(out.contains(QStringLiteral("Vulkan %1").arg(fyr::build_info().vulkan ? "on" : "off")));
        QVERIFY(out.contains(QStringLiteral("AVX2")));
        QVERIFY(out.contains(QStringLiteral("F16C")));
    }

    void swedishLocaleTranslatesTheCli() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("sv"));
        env.insert(QStringLiteral("LC_ALL"), QStringLiteral("sv_SE.UTF-8"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("sv_SE.UTF-8"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FYR_BIN_DIR "/fyrctl"), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("Kommandon:")), qPrintable(out));
    }

    void guiWithoutDisplayExplains() {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(FYR_BIN_DIR "/fyr"), {});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("xvfb-run")), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("QT_QPA_PLATFORM=offscreen")), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestFyrctlProcess)
#include "tst_fyrctl_process.moc"
