// Speculative decoding in the generation loop: with a draft model of the same
// vocabulary, greedy and seeded sampled output equal the target's alone (for
// every draft length, a context just large enough, and stop strings), the
// acceptance figures add up, and cancellation still stops within one token.
// Plus `fyrctl generate --draft`: the JSON report and a vocabulary mismatch.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "../unit/cli_runner.h"
#include "core/resources.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"

namespace {

QString model(const char* name) {
    return QStringLiteral(FYR_SHARED_DIR "/models/") + QLatin1String(name);
}

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<fyr::Model> model;
    std::unique_ptr<fyr::Tokenizer> tokenizer;
};

Loaded load(const QString& path) {
    Loaded l;
    std::string error;
    l.file = fyr::GgufFile::open(path.toStdString(), &error);
    if (!l.file) return l;
    l.model = fyr::Model::load(*l.file, &error);
    l.tokenizer = fyr::Tokenizer::from_gguf(*l.file, &error);
    return l;
}

fyr::GenerationResult run(const Loaded& target, const Loaded* draft, const fyr::SamplerParams& sp,
                          fyr::GenerationOptions opts, int32_t n_ctx, const fyr::TextCallback& cb = {}) {
    fyr::ContextParams cp;
    cp.n_ctx = n_ctx;
    cp.n_threads = 2;
    auto ctx = fyr::create_context(*target.model, cp);
    std::unique_ptr<fyr::InferenceContext> dctx;
    if (draft) {
        dctx = fyr::create_context(*draft->model, cp);
        opts.draft = dctx.get();
    }
    fyr::Sampler sampler(sp, target.tokenizer->n_vocab());
    const std::vector<int32_t> prompt = target.tokenizer->encode_prompt("Once upon a time there was", true, false);
    return fyr::generate(*ctx, *target.tokenizer, sampler, prompt, opts, cb);
}

}  // namespace

class TestSpeculative : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void outputEqualsTargetAlone_data() {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("draft");
        QTest::newRow("f32 + q4_0") << "tiny-llama-spm512-f32.gguf" << "tiny-llama-spm512-q4_0.gguf";
        QTest::newRow("f16 + q8_0") << "tiny-llama-spm512-f16.gguf" << "tiny-llama-spm512-q8_0.gguf";
        QTest::newRow("q8_0 + q4_k") << "tiny-llama-spm512-q8_0.gguf" << "tiny-llama-spm512-q4_k.gguf";
        QTest::newRow("bf16 + q5_0") << "tiny-llama-spm512-bf16.gguf" << "tiny-llama-spm512-q5_0.gguf";
    }
    void outputEqualsTargetAlone() {
        QFETCH(QString, target);
        QFETCH(QString, draft);
        for (const QString& f : {target, draft}) {
            if (!QFile::exists(model(f.toLatin1().constData())))
                QSKIP(qPrintable(QStringLiteral("SKIP : %1 is not in the shared folder").arg(f)));
        }
        const Loaded t = load(model(target.toLatin1().constData()));
        const Loaded d = load(model(draft.toLatin1().constData()));
        QVERIFY(t.model && t.tokenizer && d.model);

        fyr::SamplerParams sampled;
        sampled.seed = 42;
        sampled.temperature = 0.9f;
        for (const fyr::SamplerParams& sp : {fyr::SamplerParams::greedy(), sampled}) {
            fyr::GenerationOptions opts;
            opts.n_predict = 48;
            opts.ignore_eos = true;
            const fyr::GenerationResult alone = run(t, nullptr, sp, opts, 128);
            QCOMPARE(alone.tokens.size(), size_t(48));
            for (int32_t k : {1, 3, 8, 16}) {
                opts.draft_max = k;
                const fyr::GenerationResult spec = run(t, &d, sp, opts, 128);
                QVERIFY2(spec.tokens == alone.tokens,
                         qPrintable(QStringLiteral("draft_max %1, temperature %2").arg(k).arg(sp.temperature)));
                QCOMPARE(spec.text, alone.text);
                QCOMPARE(spec.finish_reason, alone.finish_reason);
                QVERIFY(spec.draft_tokens > 0);
                QVERIFY(spec.draft_accepted >= 0 && spec.draft_accepted <= spec.draft_tokens);
                QCOMPARE(spec.n_gen_evals, 47);
            }
            // A context just large enough, and one too small: the same end.
            opts.draft_max = 8;
            const int32_t n_prompt = static_cast<int32_t>(alone.prompt_tokens.size());
            for (int32_t n_ctx : {n_prompt + 47, n_prompt + 20}) {
                const fyr::GenerationResult a = run(t, nullptr, sp, opts, n_ctx);
                const fyr::GenerationResult s = run(t, &d, sp, opts, n_ctx);
                QCOMPARE(s.tokens, a.tokens);
                QCOMPARE(s.finish_reason, a.finish_reason);
            }
            // Stop strings cut the same text.
            opts.stop = {alone.text.substr(alone.text.size() / 2, 3)};
            const fyr::GenerationResult a = run(t, nullptr, sp, opts, 128);
            const fyr::GenerationResult s = run(t, &d, sp, opts, 128);
            QCOMPARE(s.text, a.text);
            QCOMPARE(s.finish_reason, std::string("stop"));
        }
    }

    void cancelStopsWithinOneToken() {
        if (!QFile::exists(model("tiny-llama-spm512-f32.gguf")) || !QFile::exists(model("tiny-llama-spm512-q8_0.gguf")))
            QSKIP("SKIP : the spm512 models are not in the shared folder");
        const Loaded t = load(model("tiny-llama-spm512-f32.gguf"));
        const Loaded d = load(model("tiny-llama-spm512-q8_0.gguf"));
        fyr::GenerationOptions opts;
        opts.n_predict = 40;
        opts.ignore_eos = true;
        int pieces = 0;
        const fyr::GenerationResult r = run(t, &d, fyr::SamplerParams::greedy(), opts, 128,
                                            [&pieces](std::string_view) { return ++pieces < 3; });
        QCOMPARE(r.finish_reason, std::string("cancelled"));
        QCOMPARE(pieces, 3);
        QVERIFY(r.tokens.size() <= 4);
    }

    void fyrctlReportsAcceptance() {
        if (!QFile::exists(model("tiny-llama-spm512-f32.gguf")) || !QFile::exists(model("tiny-llama-spm512-q8_0.gguf")))
            QSKIP("SKIP : the spm512 models are not in the shared folder");
        const QStringList base{QStringLiteral("generate"), QStringLiteral("-m"), model("tiny-llama-spm512-f32.gguf"),
                               QStringLiteral("-p"), QStringLiteral("Once upon a time"), QStringLiteral("-n"),
                               QStringLiteral("24"), QStringLiteral("--greedy"), QStringLiteral("--ignore-eos"),
                               QStringLiteral("--json")};
        const CliResult alone = runCli(base);
        QCOMPARE(alone.rc, 0);
        const CliResult spec = runCli(base + QStringList{QStringLiteral("--draft"), model("tiny-llama-spm512-q8_0.gguf"),
                                                      QStringLiteral("--draft-max"), QStringLiteral("4")});
        QCOMPARE(spec.rc, 0);
        const QJsonObject a = QJsonDocument::fromJson(alone.out.toUtf8()).object();
        const QJsonObject s = QJsonDocument::fromJson(spec.out.toUtf8()).object();
        QCOMPARE(s.value(QStringLiteral("tokens")), a.value(QStringLiteral("tokens")));
        const QJsonObject d = s.value(QStringLiteral("speculative")).toObject();
        QCOMPARE(d.value(QStringLiteral("draft_max")).toInt(), 4);
        QVERIFY(d.value(QStringLiteral("proposed")).toInt() > 0);
        const double rate = d.value(QStringLiteral("acceptance_rate")).toDouble();
        QVERIFY(rate >= 0 && rate <= 1);
        QVERIFY(std::abs(rate - d.value(QStringLiteral("accepted")).toDouble() /
                                    d.value(QStringLiteral("proposed")).toDouble()) < 1e-9);
        QVERIFY(!a.contains(QStringLiteral("speculative")));

        // A draft with another vocabulary is refused, naming the file.
        if (QFile::exists(model("tiny-llama-bpe-f32.gguf"))) {
            const CliResult bad = runCli(base + QStringList{QStringLiteral("--draft"), model("tiny-llama-bpe-f32.gguf")});
            QCOMPARE(bad.rc, 1);
            QVERIFY2(bad.err.contains(QStringLiteral("tiny-llama-bpe-f32.gguf")) &&
                         bad.err.contains(QStringLiteral("vocabulary")),
                     qPrintable(bad.err));
        }
        QCOMPARE(runCli(base + QStringList{QStringLiteral("--draft-max"), QStringLiteral("0")}).rc, 2);

        // The runtime speculates too: bench --concurrency --draft reports the acceptance per level.
        const QStringList bench{QStringLiteral("bench"), QStringLiteral("-m"), model("tiny-llama-spm512-f32.gguf"),
                                QStringLiteral("-p"), QStringLiteral("16"), QStringLiteral("-n"), QStringLiteral("12"),
                                QStringLiteral("-r"), QStringLiteral("1"), QStringLiteral("--concurrency"),
                                QStringLiteral("1,2"), QStringLiteral("--json"), QStringLiteral("--draft")};
        const CliResult b = runCli(bench + QStringList{model("tiny-llama-spm512-q8_0.gguf")});
        QCOMPARE(b.rc, 0);
        const QJsonArray levels = QJsonDocument::fromJson(b.out.toUtf8()).object().value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        for (const QJsonValue& l : levels) {
            const double r = l.toObject().value(QStringLiteral("draft_acceptance_rate")).toDouble(-1);
            QVERIFY2(r > 0 && r <= 1, qPrintable(b.out));
        }
        if (QFile::exists(model("tiny-llama-bpe-f32.gguf"))) {
            const CliResult bad = runCli(bench + QStringList{model("tiny-llama-bpe-f32.gguf")});
            QCOMPARE(bad.rc, 1);
            QVERIFY2(bad.err.contains(QStringLiteral("vocabulary")), qPrintable(bad.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestSpeculative)
#include "tst_speculative.moc"
