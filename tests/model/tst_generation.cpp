// The generation loop on stories260K: greedy output equals llama.cpp's, stop
// strings, cancellation within one token, a full context, and the same seed
// giving the same sampled text; plus `fyrctl generate`.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include "cli/cli.h"
#include "fyr/generation.h"
#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/reference_forward.h"
#include "fyr/sampler.h"
#include "fyr/tokenizer.h"

namespace {

const QString kModel = QStringLiteral(FYR_SHARED_DIR "/models/stories260K.gguf");
// From stories260K.gguf.ref.json, prompt 0 ("Once upon a time"), made by llama.cpp.
const std::vector<int32_t> kGreedy{432, 383, 286, 261, 376, 298, 315, 421, 395, 317, 426, 338, 401, 396, 267, 337,
                                   410, 408, 419, 292, 411, 322, 265, 282, 295, 433, 426, 385, 328, 432, 358, 394};
const std::string kGreedyText =
    ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw";

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<fyr::Model> model;
    std::unique_ptr<fyr::Tokenizer> tokenizer;
};

}  // namespace

class TestGeneration : public QObject {
    Q_OBJECT
private:
    Loaded m;
    std::vector<int32_t> m_prompt;

    fyr::GenerationResult run(const fyr::SamplerParams& params, const fyr::GenerationOptions& opts,
                              const fyr::TextCallback& cb = {}, int32_t n_ctx = 256) {
        fyr::ReferenceContext ctx(*m.model, n_ctx);
        fyr::Sampler sampler(params, m.tokenizer->n_vocab());
        return fyr::generate(ctx, *m.tokenizer, sampler, m_prompt, opts, cb);
    }

private slots:
    void initTestCase() {
        if (!QFile::exists(kModel)) QSKIP("stories260K.gguf missing from " FYR_SHARED_DIR "/models");
        std::string error;
        m.file = fyr::GgufFile::open(kModel.toStdString(), &error);
        QVERIFY2(m.file, error.c_str());
        m.model = fyr::Model::load(*m.file, &error);
        QVERIFY2(m.model, error.c_str());
        m.tokenizer = fyr::Tokenizer::from_gguf(*m.file, &error);
        QVERIFY2(m.tokenizer, error.c_str());
        m_prompt = m.tokenizer->encode_prompt("Once upon a time", true, false);
        QCOMPARE(m_prompt, (std::vector<int32_t>{1, 403, 407, 261, 378}));
    }

    void greedyMatchesLlamaCpp() {
        fyr::GenerationOptions opts;
        opts.n_predict = 32;
        opts.ignore_eos = true;
        std::string streamed;
        const auto r = run(fyr::SamplerParams::greedy(), opts, [&](std::string_view piece) {
            streamed += piece;
            return true;
        });
        QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("length"));
        QCOMPARE(r.tokens, kGreedy);
        QCOMPARE(QString::fromStdString(r.text), QString::fromStdString(kGreedyText));
        QCOMPARE(streamed, r.text);
        QVERIFY(r.ttft_ms > 0);
        QCOMPARE(r.n_gen_evals, 31);
    }

    void stopStringEndsBeforeIt() {
        fyr::GenerationOptions opts;
        opts.n_predict = 32;
        opts.stop = {"Lily."};
        std::string streamed;
        const auto r = run(fyr::SamplerParams::greedy(), opts, [&](std::string_view piece) {
            streamed += piece;
            return true;
        });
        QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("stop"));
        QCOMPARE(QString::fromStdString(r.text), QStringLiteral(", there was a little girl named "));
        QCOMPARE(streamed, r.text);  // the held-back start of "Lily." was never shown
    }

    void cancelStopsWithinOneToken() {
        fyr::GenerationOptions opts;
        opts.n_predict = 32;
        int calls = 0;
        const auto r = run(fyr::SamplerParams::greedy(), opts, [&](std::string_view) { return ++calls < 2; });
        QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("cancelled"));
        QCOMPARE(calls, 2);
        QCOMPARE(r.tokens.size(), size_t{2});
    }

    void fullContextIsReported() {
        fyr::GenerationOptions opts;
        opts.n_predict = 32;
        const auto r = run(fyr::SamplerParams::greedy(), opts, {}, 8);
        QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("context"));
        QCOMPARE(r.tokens.size(), size_t{4});  // 8 positions - 5 prompt tokens + the last sampled one
        QCOMPARE(std::vector<int32_t>(kGreedy.begin(), kGreedy.begin() + 4), r.tokens);
    }

    void sameSeedSameText() {
        fyr::SamplerParams p;
        p.temperature = 1.0f;
        p.top_k = 0;
        p.top_p = 1.0f;
        p.min_p = 0.0f;
        p.seed = 42;
        fyr::GenerationOptions opts;
        opts.n_predict = 24;
        opts.ignore_eos = true;
        const auto a = run(p, opts);
        const auto b = run(p, opts);
        QCOMPARE(a.tokens, b.tokens);
        p.seed = 43;
        const auto c = run(p, opts);
        QVERIFY(a.tokens != c.tokens);
    }

    void fyrctlGenerateJson() {
        QString out, err;
        QTextStream o(&out), e(&err);
        const int rc = fyr::app::cli::run(
            {QStringLiteral("fyrctl"), QStringLiteral("generate"), QStringLiteral("-m"), kModel, QStringLiteral("-p"),
             QStringLiteral("Once upon a time"), QStringLiteral("-n"), QStringLiteral("32"), QStringLiteral("--greedy"),
             QStringLiteral("--ignore-eos"), QStringLiteral("--json")},
            o, e);
        qInstallMessageHandler(nullptr);
        o.flush();
        QCOMPARE(rc, 0);
        const QJsonObject j = QJsonDocument::fromJson(out.toUtf8()).object();
        QCOMPARE(j.value(QStringLiteral("prompt_tokens")).toArray().size(), 5);
        QCOMPARE(j.value(QStringLiteral("tokens")).toArray().size(), 32);
        QCOMPARE(j.value(QStringLiteral("tokens")).toArray().at(0).toInt(), kGreedy[0]);
        QCOMPARE(j.value(QStringLiteral("text")).toString(), QString::fromStdString(kGreedyText));
        const QJsonObject t = j.value(QStringLiteral("timings")).toObject();
        for (const char* key : {"prompt_tokens_per_s", "gen_tokens_per_s", "ttft_ms"})
            QVERIFY2(t.value(QLatin1String(key)).toDouble() > 0, key);

        // Streaming text mode prints the same text; usage errors exit 2.
        out.clear();
        err.clear();
        QCOMPARE(fyr::app::cli::run({QStringLiteral("fyrctl"), QStringLiteral("generate"), QStringLiteral("-m"), kModel,
                                     QStringLiteral("-p"), QStringLiteral("Once upon a time"), QStringLiteral("-n"),
                                     QStringLiteral("32"), QStringLiteral("--greedy"), QStringLiteral("--ignore-eos")},
                                    o, e),
                 0);
        o.flush();
        QCOMPARE(out, QString::fromStdString(kGreedyText) + QLatin1Char('\n'));
        QCOMPARE(fyr::app::cli::run(
                     {QStringLiteral("fyrctl"), QStringLiteral("generate"), QStringLiteral("-m"), kModel,
                      QStringLiteral("-p"), QStringLiteral("x"), QStringLiteral("--temp"), QStringLiteral("hot")},
                     o, e),
                 2);
        qInstallMessageHandler(nullptr);
    }
};

QTEST_GUILESS_MAIN(TestGeneration)
#include "tst_generation.moc"
