// make_test_model(): random llama and qwen2 models in several types load with
// Model::load and give finite logits, carry the vocabulary and the metadata llama.cpp
// expects, are the same bytes for the same seed (and differ for another), and a
// quantized model made directly equals the F32 one quantized afterwards.
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/model_quantizer.h"
#include "fyr/reference_forward.h"
#include "fyr/test_model.h"
#include "fyr/tokenizer.h"

using fyr::GgmlType;

namespace {

const QString kSpmVocab = QStringLiteral(FYR_SHARED_DIR "/models/tiny-llama-spm512-f32.gguf");
const QString kQwenVocab = QStringLiteral(FYR_SHARED_DIR "/models/vocab/ggml-vocab-qwen2.gguf");

QByteArray read_all(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

fyr::TestModelSpec small_spec(const QString& arch, const QString& type) {
    fyr::TestModelSpec s;
    s.arch = arch.toStdString();
    s.n_layer = 2;
    s.n_head = 4;
    s.n_head_kv = 2;
    if (arch == QStringLiteral("qwen2")) {
        // 152K tokens: keep the embedding narrow (rows of 64 fit 32-element blocks).
        s.n_embd = 64;
        s.n_ff = 128;
        s.vocab_path = kQwenVocab.toStdString();
    } else {
        s.n_embd = 256;
        s.n_ff = 512;
        s.vocab_path = kSpmVocab.toStdString();
    }
    s.n_ctx = 512;
    s.file_type = fyr::find_quant_file_type(type.toStdString());
    s.seed = 7;
    return s;
}

}  // namespace

class TestTestModel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString tmp(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void madeModelsLoadAndRun_data() {
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("type");
        for (const char* t : {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q5_k", "q6_k",
                              "q4_k_m", "q4_k_s", "q5_k_m"})
            QTest::newRow(qPrintable(QStringLiteral("llama-%1").arg(QLatin1String(t))))
                << QStringLiteral("llama") << QString::fromLatin1(t);
        for (const char* t : {"f32", "q8_0", "q4_k_m"})
            QTest::newRow(qPrintable(QStringLiteral("qwen2-%1").arg(QLatin1String(t))))
                << QStringLiteral("qwen2") << QString::fromLatin1(t);
    }

    void madeModelsLoadAndRun() {
        QFETCH(QString, arch);
        QFETCH(QString, type);
        const fyr::TestModelSpec spec = small_spec(arch, type);
        if (!QFile::exists(QString::fromStdString(spec.vocab_path)))
            QSKIP(qPrintable(QString::fromStdString(spec.vocab_path) + QStringLiteral(" missing")));
        QVERIFY(spec.file_type);
        const QString path = tmp(QStringLiteral("%1-%2.gguf").arg(arch, type));
        std::string error;
        size_t n_reported = 0;
        QVERIFY2(fyr::make_test_model(
                     spec, path.toStdString(), [&](const fyr::TensorProgress& p) { QCOMPARE(p.index, n_reported++); },
                     &error),
                 error.c_str());
        QVERIFY(!QFile::exists(path + QStringLiteral(".tmp")));

        const auto file = fyr::GgufFile::open(path.toStdString(), &error);
        QVERIFY2(file, error.c_str());
        QCOMPARE(n_reported, file->tensors().size());
        const auto model = fyr::Model::load(*file, &error);
        QVERIFY2(model, error.c_str());
        const fyr::ModelHParams& hp = model->hparams();
        QCOMPARE(hp.arch, spec.arch);
        QCOMPARE(hp.n_embd, spec.n_embd);
        QCOMPARE(hp.n_layer, spec.n_layer);
        QCOMPARE(hp.n_head, spec.n_head);
        QCOMPARE(hp.n_head_kv, spec.n_head_kv);
        QCOMPARE(hp.n_ff, spec.n_ff);
        QCOMPARE(hp.n_ctx_train, spec.n_ctx);
        QCOMPARE(hp.n_embd_head, spec.n_embd / spec.n_head);
        QCOMPARE(hp.n_rot, hp.n_embd_head);
        QCOMPARE(hp.rope_freq_base, 10000.0f);
        QCOMPARE(hp.rms_eps, 1e-5f);
        QCOMPARE(file->get_int("general.file_type").value_or(-1), int64_t(spec.file_type->file_type));
        const bool qwen2 = arch == QStringLiteral("qwen2");
        QCOMPARE(file->find_tensor("output.weight") == nullptr, qwen2);  // qwen2 ties the output
        QCOMPARE(bool(model->layers()[0].bq), qwen2);
        if (!qwen2) QCOMPARE(file->arch_int("vocab_size").value_or(0), int64_t(hp.n_vocab));
        // Norms are ones and stay F32 in every type.
        const fyr::GgufTensor* norm = file->find_tensor("blk.1.ffn_norm.weight");
        QCOMPARE(norm->type, 0u);
        QCOMPARE(reinterpret_cast<const float*>(file->tensor_data(*norm))[5], 1.0f);

        fyr::ReferenceContext ctx(*model, 16);
        const std::vector<float> logits = ctx.eval({1, 2, 3, 10, 20}, /*all_logits=*/true, &error);
        QCOMPARE(logits.size(), size_t(5) * size_t(hp.n_vocab));
        double sum2 = 0;
        for (float v : logits) {
            QVERIFY(std::isfinite(v));
            sum2 += double(v) * double(v);
        }
        // Projections scaled by 1/sqrt(n_in) keep the logits near unit scale.
        const double rms = std::sqrt(sum2 / double(logits.size()));
        QVERIFY2(rms > 0.3 && rms < 3, qPrintable(QString::number(rms)));
    }

    void vocabularyAndTemplateAreCopied() {
        if (!QFile::exists(kSpmVocab)) QSKIP("tiny-llama-spm512-f32.gguf missing");
        const QString path = tmp(QStringLiteral("vocab-check.gguf"));
        std::string error;
        QVERIFY2(fyr::make_test_model(small_spec(QStringLiteral("llama"), QStringLiteral("q8_0")), path.toStdString(),
                                      nullptr, &error),
                 error.c_str());
        const auto made = fyr::GgufFile::open(path.toStdString(), &error);
        const auto vocab = fyr::GgufFile::open(kSpmVocab.toStdString(), &error);
        QVERIFY2(made && vocab, error.c_str());
        int n_keys = 0;
        for (const std::string& key : vocab->keys()) {
            if (key.rfind("tokenizer.", 0) != 0) continue;
            ++n_keys;
            const fyr::GgufValue* a = vocab->find(key);
            const fyr::GgufValue* b = made->find(key);
            QVERIFY2(b, key.c_str());
            QCOMPARE(b->type, a->type);
            QCOMPARE(b->n_elements, a->n_elements);
            QCOMPARE(b->strings.size(), a->strings.size());
            for (size_t i = 0; i < a->strings.size(); ++i) QCOMPARE(b->strings[i], a->strings[i]);
        }
        QCOMPARE(n_keys, 10);
        QCOMPARE(made->get_string("tokenizer.chat_template"), vocab->get_string("tokenizer.chat_template"));
        // The metadata keys llama.cpp's loader reads for llama.
        for (const char* key :
             {"general.architecture", "general.name", "general.file_type", "llama.context_length",
              "llama.embedding_length", "llama.block_count", "llama.feed_forward_length", "llama.attention.head_count",
              "llama.attention.head_count_kv", "llama.attention.layer_norm_rms_epsilon", "llama.rope.freq_base",
              "llama.rope.dimension_count", "llama.vocab_size", "general.quantization_version"})
            QVERIFY2(made->find(key), key);
        const auto t1 = fyr::Tokenizer::from_gguf(*made, &error);
        const auto t2 = fyr::Tokenizer::from_gguf(*vocab, &error);
        QVERIFY2(t1 && t2, error.c_str());
        QCOMPARE(t1->encode("Once upon a time, Lily saw a cat.", true, false),
                 t2->encode("Once upon a time, Lily saw a cat.", true, false));
    }

    void sameSeedSameBytes() {
        if (!QFile::exists(kSpmVocab)) QSKIP("tiny-llama-spm512-f32.gguf missing");
        fyr::TestModelSpec spec = small_spec(QStringLiteral("llama"), QStringLiteral("q4_k_m"));
        std::string error;
        const QString a = tmp(QStringLiteral("seed-a.gguf")), b = tmp(QStringLiteral("seed-b.gguf")),
                      c = tmp(QStringLiteral("seed-c.gguf"));
        QVERIFY2(fyr::make_test_model(spec, a.toStdString(), nullptr, &error), error.c_str());
        QVERIFY2(fyr::make_test_model(spec, b.toStdString(), nullptr, &error), error.c_str());
        spec.seed = 8;
        QVERIFY2(fyr::make_test_model(spec, c.toStdString(), nullptr, &error), error.c_str());
        const QByteArray ba = read_all(a), bb = read_all(b), bc = read_all(c);
        QVERIFY(!ba.isEmpty());
        QVERIFY(ba == bb);
        QCOMPARE(bc.size(), ba.size());
        QVERIFY(bc != ba);
        // Every weight tensor differs with the seed, not just some.
        const auto fa = fyr::GgufFile::open(a.toStdString(), &error);
        const auto fc = fyr::GgufFile::open(c.toStdString(), &error);
        for (const fyr::GgufTensor& t : fa->tensors()) {
            if (t.name.find("norm") != std::string::npos) continue;
            QVERIFY2(std::memcmp(fa->tensor_data(t), fc->tensor_data(*fc->find_tensor(t.name)), t.n_bytes) != 0,
                     t.name.c_str());
        }
    }

    void madeQuantizedEqualsQuantizedAfterwards_data() {
        QTest::addColumn<QString>("type");
        for (const char* t : {"q8_0", "q4_0", "q4_k_m", "bf16"}) QTest::newRow(t) << QString::fromLatin1(t);
    }

    void madeQuantizedEqualsQuantizedAfterwards() {
        // The generator feeds the same quantizers and type rules as fyrctl quantize.
        QFETCH(QString, type);
        if (!QFile::exists(kSpmVocab)) QSKIP("tiny-llama-spm512-f32.gguf missing");
        std::string error;
        const QString f32 = tmp(QStringLiteral("direct-f32.gguf"));
        const QString direct = tmp(QStringLiteral("direct-%1.gguf").arg(type));
        const QString later = tmp(QStringLiteral("later-%1.gguf").arg(type));
        QVERIFY2(fyr::make_test_model(small_spec(QStringLiteral("llama"), QStringLiteral("f32")), f32.toStdString(),
                                      nullptr, &error),
                 error.c_str());
        QVERIFY2(fyr::make_test_model(small_spec(QStringLiteral("llama"), type), direct.toStdString(), nullptr, &error),
                 error.c_str());
        QVERIFY2(fyr::quantize_model(f32.toStdString(), later.toStdString(),
                                     *fyr::find_quant_file_type(type.toStdString()), nullptr, &error),
                 error.c_str());
        const auto a = fyr::GgufFile::open(direct.toStdString(), &error);
        const auto b = fyr::GgufFile::open(later.toStdString(), &error);
        QVERIFY2(a && b, error.c_str());
        QCOMPARE(a->tensors().size(), b->tensors().size());
        for (const fyr::GgufTensor& t : a->tensors()) {
            const fyr::GgufTensor* u = b->find_tensor(t.name);
            QVERIFY2(u, t.name.c_str());
            QCOMPARE(t.type, u->type);
            QVERIFY2(std::memcmp(a->tensor_data(t), b->tensor_data(*u), t.n_bytes) == 0, t.name.c_str());
        }
    }

    void generatorIsFixedAndNearNormal() {
        // The exact values are part of the format: a seed must give the same model on
        // every platform and in every later version.
        const uint64_t key = fyr::test_model_tensor_key(1, "token_embd.weight");
        QCOMPARE(key, uint64_t(0xbfc8636e01a25e42ull));
        QVERIFY(fyr::test_model_value(key, 0) == 0.100615196f);         // exact
        QVERIFY(fyr::test_model_value(key, 1) == 0.171894193f);         // exact
        QVERIFY(fyr::test_model_value(key, 1000000) == -0.150195986f);  // exact
        QVERIFY(fyr::test_model_tensor_key(2, "token_embd.weight") != key);
        QVERIFY(fyr::test_model_tensor_key(1, "output.weight") != key);
        double sum = 0, sum2 = 0, sum4 = 0, max = 0;
        const int n = 1000000;
        for (int i = 0; i < n; ++i) {
            const double v = fyr::test_model_value(key, uint64_t(i));
            sum += v;
            sum2 += v * v;
            sum4 += v * v * v * v;
            max = std::max(max, std::fabs(v));
        }
        const double mean = sum / n, var = sum2 / n - mean * mean;
        QVERIFY2(std::fabs(mean) < 0.005, qPrintable(QString::number(mean)));
        QVERIFY2(std::fabs(var - 1) < 0.01, qPrintable(QString::number(var)));
        // Irwin-Hall(4): kurtosis 2.7 (a normal's is 3), bounded by sqrt(12) = 3.46.
        QVERIFY2(std::fabs(sum4 / n - 2.7) < 0.03, qPrintable(QString::number(sum4 / n)));
        QVERIFY(max <= 3.4642 && max > 3.0);
    }

    void badSpecsAreRefused() {
        std::string error;
        fyr::TestModelSpec spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.n_embd = 250;
        QVERIFY(!fyr::validate_test_model_spec(spec, &error));
        QVERIFY2(error.find("n_embd 250 is not a multiple of n_head 4") != std::string::npos, error.c_str());
        spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.n_head_kv = 3;
        QVERIFY(!fyr::validate_test_model_spec(spec, &error));
        QVERIFY2(error.find("n_head 4 is not a multiple of n_head_kv 3") != std::string::npos, error.c_str());
        spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.n_embd = 12;
        QVERIFY(!fyr::validate_test_model_spec(spec, &error));
        QVERIFY2(error.find("must be even") != std::string::npos, error.c_str());
        spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.n_layer = 0;
        QVERIFY(!fyr::validate_test_model_spec(spec, &error));
        QVERIFY2(error.find("n_layer must be positive") != std::string::npos, error.c_str());
        spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.arch = "mamba";
        QVERIFY(!fyr::validate_test_model_spec(spec, &error));
        QVERIFY2(error.find("'mamba'") != std::string::npos, error.c_str());
        spec = small_spec(QStringLiteral("llama"), QStringLiteral("f32"));
        spec.vocab_path = "/nonexistent/vocab.gguf";
        const std::string out = tmp(QStringLiteral("never.gguf")).toStdString();
        QVERIFY(!fyr::make_test_model(spec, out, nullptr, &error));
        QVERIFY2(error.find("/nonexistent/vocab.gguf") != std::string::npos, error.c_str());
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
        QVERIFY(!QFile::exists(QString::fromStdString(out) + QStringLiteral(".tmp")));
    }
};

QTEST_GUILESS_MAIN(TestTestModel)
#include "tst_test_model.moc"
