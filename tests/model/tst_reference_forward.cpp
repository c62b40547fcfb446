// The scalar reference forward pass against llama.cpp: for every model in the
// shared folder with a .ref.json, the prompt ids, the top-5 logits at every
// prompt position, the full logit vector of .logits.f32 and the greedy
// continuation (see the shared README's matching rules).
//
// Tolerances (max |logit difference|), as the README derives them from the
// spread between llama.cpp builds: 2e-2 for F32 weights, 5e-2 for F16/BF16 and
// 0.25 for quantized weights. The measured error of each model is printed.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "fyr/ggml_type.h"
#include "fyr/gguf_file.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/model.h"
#include "fyr/reference_forward.h"
#include "fyr/tokenizer.h"

namespace {

QString modelsDir() {
    return QStringLiteral(FYR_SHARED_DIR "/models");
}

enum class WeightClass { Float32, Half, Quantized };

// The least precise type among the model's matrices.
WeightClass weightClass(const fyr::Model& model) {
    WeightClass c = WeightClass::Float32;
    auto see = [&](const fyr::WeightTensor& w) {
        const auto type = static_cast<fyr::GgmlType>(w.type);
        if (type == fyr::GgmlType::F32) return;
        if (type == fyr::GgmlType::F16 || type == fyr::GgmlType::BF16) {
            if (c == WeightClass::Float32) c = WeightClass::Half;
            return;
        }
        c = WeightClass::Quantized;
    };
    see(model.token_embd());
    see(model.output());
    for (const auto& l : model.layers()) {
        for (const auto* w : {&l.wq, &l.wk, &l.wv, &l.wo, &l.ffn_gate, &l.ffn_up, &l.ffn_down}) see(*w);
    }
    return c;
}

double tolerance(WeightClass c) {
    switch (c) {
        case WeightClass::Float32: return 2e-2;
        case WeightClass::Half: return 5e-2;
        case WeightClass::Quantized: return 0.25;
    }
    return 0.25;
}

// Ids of the k largest logits, descending, ties by lower id.
std::vector<int32_t> topK(const float* logits, int32_t n_vocab, int k) {
    std::vector<int32_t> ids(static_cast<size_t>(n_vocab));
    for (int32_t i = 0; i < n_vocab; ++i) ids[static_cast<size_t>(i)] = i;
    std::partial_sort(ids.begin(), ids.begin() + k, ids.end(),
                      [&](int32_t a, int32_t b) { return logits[a] > logits[b] || (logits[a] == logits[b] && a < b); });
    ids.resize(static_cast<size_t>(k));
    return ids;
}

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<fyr::Tokenizer> tokenizer;
    std::unique_ptr<fyr::Model> model;
    std::string error;
};

Loaded load(const QString& path) {
    Loaded l;
    l.file = fyr::GgufFile::open(path.toStdString(), &l.error);
    if (!l.file) return l;
    l.tokenizer = fyr::Tokenizer::from_gguf(*l.file, &l.error);
    if (!l.tokenizer) return l;
    l.model = fyr::Model::load(*l.file, &l.error);
    return l;
}

// Checks one position against a reference top-5 ([[id, logit] x 5]) with the
// README's rules; returns false (with `why`) on a violation and raises maxErr.
bool matchTop5(const float* logits, int32_t n_vocab, const QJsonArray& ref, double tol, double* maxErr, QString* why) {
    std::vector<int32_t> refIds;
    for (const QJsonValue& e : ref) {
        const int32_t id = e.toArray().at(0).toInt();
        const double want = e.toArray().at(1).toDouble();
        refIds.push_back(id);
        const double err = std::abs(static_cast<double>(logits[id]) - want);
        *maxErr = std::max(*maxErr, err);
        if (err > tol) {
            *why = QStringLiteral("id %1: logit %2, reference %3").arg(id).arg(logits[id]).arg(want);
            return false;
        }
    }
    const std::vector<int32_t> ours = topK(logits, n_vocab, 5);
    int shared = 0;
    for (int32_t id : ours) shared += std::count(refIds.begin(), refIds.end(), id) > 0 ? 1 : 0;
    if (shared < 4) {
        *why = QStringLiteral("top-5 shares only %1 ids with the reference").arg(shared);
        return false;
    }
    const double margin = ref.at(0).toArray().at(1).toDouble() - ref.at(1).toArray().at(1).toDouble();
    if (margin >= tol && ours[0] != refIds[0]) {
        *why = QStringLiteral("top-1 %1, reference %2 (margin %3)").arg(ours[0]).arg(refIds[0]).arg(margin);
        return false;
    }
    return true;
}

}  // namespace

class TestReferenceForward : public QObject {
    Q_OBJECT
private slots:
    void matchesLlamaCpp_data() {
        QTest::addColumn<QString>("model");
        const QStringList refs =
            QDir(modelsDir()).entryList({QStringLiteral("*.gguf.ref.json")}, QDir::Files, QDir::Name);
        if (refs.isEmpty()) QSKIP("no .ref.json files in the shared models folder");
        for (const QString& ref : refs) {
            const QString gguf = ref.chopped(int(std::strlen(".ref.json")));
            QTest::newRow(qPrintable(gguf)) << gguf;
        }
    }

    void matchesLlamaCpp() {
        QFETCH(QString, model);
        const QString path = modelsDir() + QLatin1Char('/') + model;
        QFile refFile(path + QStringLiteral(".ref.json"));
        QVERIFY(refFile.open(QIODevice::ReadOnly));
        const QJsonObject ref = QJsonDocument::fromJson(refFile.readAll()).object();
        QVERIFY(!ref.isEmpty());

        Loaded l = load(path);
        QVERIFY2(l.file && l.tokenizer, l.error.c_str());
        if (!l.model) {
            if (l.error.find("not supported yet") != std::string::npos) QSKIP(l.error.c_str());
            QFAIL(l.error.c_str());
        }
        const fyr::Model& m = *l.model;
        const int32_t n_vocab = m.hparams().n_vocab;
        QCOMPARE(n_vocab, ref.value(QStringLiteral("n_vocab")).toInt());
        const WeightClass wc = weightClass(m);
        const double tol = tolerance(wc);

        double maxPrompt = 0, maxGreedy = 0, maxFull = 0;
        int greedyMatched = 0, greedyTotal = 0;
        const QJsonArray prompts = ref.value(QStringLiteral("prompts")).toArray();
        QVERIFY(!prompts.isEmpty());
        for (qsizetype p = 0; p < prompts.size(); ++p) {
            const QJsonObject pr = prompts.at(p).toObject();
            const QByteArray text = pr.value(QStringLiteral("text")).toString().toUtf8();
            const std::vector<int32_t> tokens =
                l.tokenizer->encode(std::string_view(text.constData(), size_t(text.size())),
                                    pr.value(QStringLiteral("add_bos")).toBool(), false);
            std::vector<int32_t> want;
            for (const QJsonValue& v : pr.value(QStringLiteral("tokens")).toArray()) want.push_back(v.toInt());
            QCOMPARE(tokens, want);

            fyr::ReferenceContext ctx(m, 256);
            std::string error;
            const std::vector<float> logits = ctx.eval(tokens, true, &error);
            QVERIFY2(!logits.empty(), error.c_str());
            QCOMPARE(logits.size(), tokens.size() * size_t(n_vocab));
            const QJsonArray top5 = pr.value(QStringLiteral("top5")).toArray();
            QCOMPARE(size_t(top5.size()), tokens.size());
            for (qsizetype i = 0; i < top5.size(); ++i) {
                QString why;
                QVERIFY2(matchTop5(logits.data() + i * n_vocab, n_vocab, top5.at(i).toArray(), tol, &maxPrompt, &why),
                         qPrintable(QStringLiteral("prompt %1 position %2: %3").arg(p).arg(i).arg(why)));
            }
            const float* last = logits.data() + (tokens.size() - 1) * size_t(n_vocab);

            if (p == 0) {
                QFile full(path + QStringLiteral(".logits.f32"));
                QVERIFY(full.open(QIODevice::ReadOnly));
                const QByteArray bytes = full.readAll();
                QCOMPARE(bytes.size(), qsizetype(n_vocab) * 4);
                for (int32_t i = 0; i < n_vocab; ++i) {
                    float v;
                    std::memcpy(&v, bytes.constData() + 4 * i, 4);
                    maxFull = std::max(maxFull, std::abs(double(v) - double(last[i])));
                }
                QVERIFY2(maxFull <= tol, qPrintable(QStringLiteral(".logits.f32: max error %1").arg(maxFull)));
            }

            // Greedy, free-running: every token must match for float weights; quantized
            // weights may diverge only where the reference margin is below the tolerance.
            const QJsonArray greedy = pr.value(QStringLiteral("greedy_tokens")).toArray();
            const QJsonArray greedyTop5 = pr.value(QStringLiteral("greedy_top5")).toArray();
            std::vector<float> cur(last, last + n_vocab);
            for (qsizetype k = 0; k < greedy.size(); ++k) {
                ++greedyTotal;
                QString why;
                const QJsonArray rk = greedyTop5.at(k).toArray();
                const bool ok = matchTop5(cur.data(), n_vocab, rk, tol, &maxGreedy, &why);
                const int32_t next = topK(cur.data(), n_vocab, 1)[0];
                if (next != greedy.at(k).toInt() || !ok) {
                    const double margin = rk.at(0).toArray().at(1).toDouble() - rk.at(1).toArray().at(1).toDouble();
                    QVERIFY2(
                        wc == WeightClass::Quantized && margin < tol,
                        qPrintable(QStringLiteral("prompt %1 greedy step %2: token %3, reference %4 (margin %5) %6")
                                       .arg(p)
                                       .arg(k)
                                       .arg(next)
                                       .arg(greedy.at(k).toInt())
                                       .arg(margin)
                                       .arg(why)));
                    break;
                }
                ++greedyMatched;
                if (k + 1 == greedy.size()) break;
                cur = ctx.eval({next}, false, &error);
                QVERIFY2(!cur.empty(), error.c_str());
            }
        }
        qInfo(
            "%s: max |logit error| prompts %.3g, logits.f32 %.3g, greedy steps %.3g (tolerance %.3g); "
            "greedy tokens matched %d of %d",
            qPrintable(model), maxPrompt, maxFull, maxGreedy, tol, greedyMatched, greedyTotal);
    }

    void storiesGreedyText() {
        const QString path = modelsDir() + QStringLiteral("/stories260K.gguf");
        if (!QFile::exists(path)) QSKIP("stories260K.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        fyr::ReferenceContext ctx(*l.model, 64);
        const std::vector<int32_t> prompt = l.tokenizer->encode("Once upon a time", true, false);
        QCOMPARE(prompt, (std::vector<int32_t>{1, 403, 407, 261, 378}));
        std::string error;
        std::vector<float> logits = ctx.eval(prompt, false, &error);
        std::string text;
        for (int i = 0; i < 32; ++i) {
            QVERIFY2(!logits.empty(), error.c_str());
            const int32_t next = topK(logits.data(), l.model->hparams().n_vocab, 1)[0];
            text += l.tokenizer->token_to_piece(next, true);
            logits = ctx.eval({next}, false, &error);
        }
        QCOMPARE(QString::fromStdString(text),
                 QStringLiteral(
                     ", there was a little girl named Lily. She loved to play outside in the park. One day, she saw"));
    }

    void batchAndSingleTokenEvalAgree() {
        const QString path = modelsDir() + QStringLiteral("/tiny-qwen2-f32.gguf");
        if (!QFile::exists(path)) QSKIP("tiny-qwen2-f32.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        const std::vector<int32_t> tokens{785, 3974, 13876, 38835};
        fyr::ReferenceContext batch(*l.model, 8), single(*l.model, 8);
        const std::vector<float> all = batch.eval(tokens, true);
        QCOMPARE(all.size(), tokens.size() * size_t(l.model->hparams().n_vocab));
        std::vector<float> one;
        for (int32_t t : tokens) one = single.eval({t}, false);
        const float* last = all.data() + (tokens.size() - 1) * size_t(l.model->hparams().n_vocab);
        for (size_t i = 0; i < one.size(); ++i) QCOMPARE(one[i], last[i]);
    }

    void errorsAreClear() {
        const QString path = modelsDir() + QStringLiteral("/stories260K.gguf");
        if (!QFile::exists(path)) QSKIP("stories260K.gguf missing");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        QCOMPARE(l.model->hparams().arch, std::string("llama"));
        QCOMPARE(l.model->hparams().n_head_kv, 4);
        QCOMPARE(l.model->hparams().n_embd_head, 8);

        fyr::ReferenceContext ctx(*l.model, 4);
        std::string error;
        QVERIFY(ctx.eval({}, false, &error).empty());
        QVERIFY(ctx.eval({1, 2, 3, 4, 5}, false, &error).empty());
        QVERIFY2(error.find("stories260K.gguf: eval: the context is full") != std::string::npos, error.c_str());
        QCOMPARE(ctx.n_past(), 0);
        QVERIFY(ctx.eval({512}, false, &error).empty());
        QVERIFY2(error.find("token id 512 is out of range") != std::string::npos, error.c_str());
        QCOMPARE(ctx.eval({1, 2, 3, 4}, false, &error).size(), size_t(512));
        QVERIFY(ctx.eval({1}, false, &error).empty());
        QVERIFY2(error.find("context is full") != std::string::npos, error.c_str());
        ctx.clear();
        QCOMPARE(ctx.eval({1}, false, &error).size(), size_t(512));

        // A vocabulary-only file has no weights: the error names the file and the tensor.
        const QString vocab = modelsDir() + QStringLiteral("/vocab/ggml-vocab-llama-spm.gguf");
        if (QFile::exists(vocab)) {
            Loaded v = load(vocab);
            QVERIFY(v.file);
            QVERIFY(!v.model);
            QVERIFY2(v.error.find("ggml-vocab-llama-spm.gguf: ") != std::string::npos, v.error.c_str());
            QVERIFY2(v.error.find("token_embd.weight") != std::string::npos ||
                         v.error.find("metadata key") != std::string::npos,
                     v.error.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestReferenceForward)
#include "tst_reference_forward.moc"
