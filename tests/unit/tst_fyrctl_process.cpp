// The real binaries: `fyrctl --version` runs and reports the backends; `fyr` without
// a display explains how to run instead of crashing; `fyrctl make-test-model` and
// `fyrctl quantize` write models and fail with exit 2 (usage) or 1 (failure) and a
// message that says what is wrong.
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "fyr/build_info.h"
#include "fyr/gguf_file.h"

namespace {

struct Run {
    int rc = -1;
    QString out;
    QString err;
};

Run fyrctl(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(FYR_BIN_DIR "/fyrctl"), args);
    Run r;
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit) return r;
    r.rc = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

const QString kVocab = QStringLiteral(FYR_SHARED_DIR "/models/tiny-llama-spm512-f32.gguf");

}  // namespace

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

    void makeTestModelThenQuantize() {
        if (!QFile::exists(kVocab)) QSKIP("tiny-llama-spm512-f32.gguf missing from " FYR_SHARED_DIR "/models");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString f32 = dir.filePath(QStringLiteral("made.gguf"));
        Run r = fyrctl({QStringLiteral("make-test-model"), f32,
                        QStringLiteral("--arch"),          QStringLiteral("llama"),
                        QStringLiteral("--n-embd"),        QStringLiteral("256"),
                        QStringLiteral("--n-layer"),       QStringLiteral("2"),
                        QStringLiteral("--n-head"),        QStringLiteral("4"),
                        QStringLiteral("--n-head-kv"),     QStringLiteral("2"),
                        QStringLiteral("--n-ff"),          QStringLiteral("512"),
                        QStringLiteral("--vocab-from"),    kVocab,
                        QStringLiteral("--seed"),          QStringLiteral("5"),
                        QStringLiteral("--ctx"),           QStringLiteral("1024")});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("[1/21] token_embd.weight: f32")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("[21/21] output.weight: f32")), qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("wrote ") + f32), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("1443072 parameters")), qPrintable(r.out));

        const QString q = dir.filePath(QStringLiteral("made-q4_k_m.gguf"));
        r = fyrctl({QStringLiteral("quantize"), f32, q, QStringLiteral("--type"), QStringLiteral("Q4_K_M")});
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("[1/21] output.weight: q6_K")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("blk.1.attn_v.weight: q6_K")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("blk.0.attn_v.weight: q4_K")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("blk.0.attn_norm.weight: f32, copied")), qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("q4_k_m")), qPrintable(r.out));
        QVERIFY(!QFile::exists(q + QStringLiteral(".tmp")));
        std::string error;
        const auto file = fyr::GgufFile::open(q.toStdString(), &error);
        QVERIFY2(file, error.c_str());
        QCOMPARE(file->get_int("general.file_type").value_or(-1), int64_t{15});
        QCOMPARE(file->arch_int("context_length").value_or(-1), int64_t{1024});

        // --quiet: no per-tensor lines.
        r = fyrctl({QStringLiteral("quantize"), f32, dir.filePath(QStringLiteral("q8.gguf")), QStringLiteral("-t"),
                    QStringLiteral("q8_0"), QStringLiteral("--quiet")});
        QCOMPARE(r.rc, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));

        // An already quantized input names the tensor and exits 1, leaving nothing behind.
        const QString again = dir.filePath(QStringLiteral("again.gguf"));
        r = fyrctl({QStringLiteral("quantize"), q, again, QStringLiteral("--type"), QStringLiteral("q8_0")});
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("tensor 'output.weight' is already quantized (q6_K)")),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(again));
        QVERIFY(!QFile::exists(again + QStringLiteral(".tmp")));
    }

    void killedQuantizeLeavesNoOutput() {
        // The output only appears under its name once complete: kill a run halfway.
        if (!QFile::exists(kVocab)) QSKIP("tiny-llama-spm512-f32.gguf missing from " FYR_SHARED_DIR "/models");
        QTemporaryDir dir;
        const QString f32 = dir.filePath(QStringLiteral("big.gguf"));
        const Run made = fyrctl({QStringLiteral("make-test-model"), f32, QStringLiteral("--n-embd"),
                                 QStringLiteral("1024"), QStringLiteral("--n-layer"), QStringLiteral("2"),
                                 QStringLiteral("--n-head"), QStringLiteral("8"), QStringLiteral("--n-ff"),
                                 QStringLiteral("2816"), QStringLiteral("--vocab-from"), kVocab, QStringLiteral("-q")});
        QVERIFY2(made.rc == 0, qPrintable(made.err));
        const QString out = dir.filePath(QStringLiteral("out.gguf"));
        QProcess p;
        p.setReadChannel(QProcess::StandardError);  // waitForReadyRead() waits on this one
        p.start(QStringLiteral(FYR_BIN_DIR "/fyrctl"),
                {QStringLiteral("quantize"), f32, out, QStringLiteral("--type"), QStringLiteral("q4_k_m")});
        QByteArray err;
        // Wait until a few tensors are under way (the K-quant search takes seconds here).
        while (!err.contains("[4/") && p.waitForReadyRead(60000)) err += p.readAllStandardError();
        QVERIFY2(err.contains("[4/"), err.constData());
        p.kill();
        QVERIFY(p.waitForFinished(60000));
        if (p.exitStatus() == QProcess::NormalExit) QSKIP("quantize finished before it could be killed");
        QVERIFY(!QFile::exists(out));
        QVERIFY(QFile::exists(out + QStringLiteral(".tmp")));  // the partial file keeps its temporary name
    }

    void quantizeErrors() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.gguf"));
        Run r = fyrctl({QStringLiteral("quantize"), kVocab, out, QStringLiteral("--type"), QStringLiteral("q3_k_m")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("unknown type 'q3_k_m'")), qPrintable(r.err));
        for (const char* t : {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q5_k", "q6_k",
                              "q4_k_m", "q4_k_s", "q5_k_m"})
            QVERIFY2(r.err.contains(QLatin1String(t)), t);
        r = fyrctl({QStringLiteral("quantize"), kVocab, out});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--type is required")), qPrintable(r.err));
        r = fyrctl({QStringLiteral("quantize"), kVocab, QStringLiteral("-t"), QStringLiteral("q8_0")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("expected IN and OUT")), qPrintable(r.err));
        r = fyrctl({QStringLiteral("quantize"), QStringLiteral("/nonexistent/in.gguf"), out, QStringLiteral("-t"),
                    QStringLiteral("q8_0")});
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/in.gguf: cannot open")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
    }

    void makeTestModelErrors() {
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("out.gguf"));
        const QStringList base = {QStringLiteral("make-test-model"), out,
                                  QStringLiteral("--n-layer"),       QStringLiteral("2"),
                                  QStringLiteral("--n-head"),        QStringLiteral("4"),
                                  QStringLiteral("--n-ff"),          QStringLiteral("512"),
                                  QStringLiteral("--vocab-from"),    kVocab};
        Run r = fyrctl(base);
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--n-embd is required")), qPrintable(r.err));
        r = fyrctl(base + QStringList{QStringLiteral("--n-embd"), QStringLiteral("250")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("n_embd 250 is not a multiple of n_head 4")), qPrintable(r.err));
        r = fyrctl(base + QStringList{QStringLiteral("--n-embd"), QStringLiteral("-8")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("--n-embd: '-8' is not a positive whole number")), qPrintable(r.err));
        r = fyrctl(base + QStringList{QStringLiteral("--n-embd"), QStringLiteral("256"), QStringLiteral("--arch"),
                                      QStringLiteral("gpt2")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("'gpt2'")), qPrintable(r.err));
        r = fyrctl(base + QStringList{QStringLiteral("--n-embd"), QStringLiteral("256"), QStringLiteral("--type"),
                                      QStringLiteral("q2_k")});
        QCOMPARE(r.rc, 2);
        QVERIFY2(r.err.contains(QStringLiteral("valid types: f32")), qPrintable(r.err));
        r = fyrctl({QStringLiteral("make-test-model"), out, QStringLiteral("--n-embd"), QStringLiteral("64"),
                    QStringLiteral("--n-layer"), QStringLiteral("1"), QStringLiteral("--n-head"), QStringLiteral("2"),
                    QStringLiteral("--n-ff"), QStringLiteral("64"), QStringLiteral("--vocab-from"),
                    QStringLiteral("/nonexistent/vocab.gguf")});
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("/nonexistent/vocab.gguf: cannot open")), qPrintable(r.err));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));
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
