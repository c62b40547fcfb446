// quantize_model(): whole files byte-identical to llama-quantize's (the shared
// tiny-llama-spm512 files), llama.cpp's type-mix rules on synthetic tensor lists, the
// errors, and the logits of quantized random models against their F32 original.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/gguf_writer.h"
#include "fyr/model.h"
#include "fyr/model_quantizer.h"
#include "fyr/reference_forward.h"
#include "fyr/test_model.h"

using fyr::GgmlType;

namespace {

const QString kModels = QStringLiteral(FYR_SHARED_DIR "/models/");

QByteArray read_all(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

const fyr::QuantFileType& file_type(const char* name) {
    const fyr::QuantFileType* ft = fyr::find_quant_file_type(name);
    if (ft == nullptr) qFatal("no file type %s", name);
    return *ft;
}

// A llama-shaped tensor list in llama.cpp's file order (layers ascending).
std::vector<fyr::TensorSpec> llama_tensors(int n_layer, uint64_t n_embd, uint64_t n_ff, uint64_t n_vocab, bool output) {
    std::vector<fyr::TensorSpec> t;
    if (output) t.push_back({"output.weight", GgmlType::F32, {n_embd, n_vocab}});
    t.push_back({"output_norm.weight", GgmlType::F32, {n_embd}});
    t.push_back({"token_embd.weight", GgmlType::F32, {n_embd, n_vocab}});
    for (int il = 0; il < n_layer; ++il) {
        const std::string p = "blk." + std::to_string(il) + ".";
        t.push_back({p + "attn_k.weight", GgmlType::F32, {n_embd, n_embd / 4}});
        t.push_back({p + "attn_norm.weight", GgmlType::F32, {n_embd}});
        t.push_back({p + "attn_output.weight", GgmlType::F32, {n_embd, n_embd}});
        t.push_back({p + "attn_q.weight", GgmlType::F32, {n_embd, n_embd}});
        t.push_back({p + "attn_v.weight", GgmlType::F32, {n_embd, n_embd / 4}});
        t.push_back({p + "ffn_down.weight", GgmlType::F32, {n_ff, n_embd}});
        t.push_back({p + "ffn_gate.weight", GgmlType::F32, {n_embd, n_ff}});
        t.push_back({p + "ffn_norm.weight", GgmlType::F32, {n_embd}});
        t.push_back({p + "ffn_up.weight", GgmlType::F32, {n_embd, n_ff}});
    }
    return t;
}

std::map<std::string, GgmlType> choose(const char* ft, const std::vector<fyr::TensorSpec>& tensors, int n_layer) {
    const std::vector<fyr::TensorChoice> c = fyr::choose_tensor_types(file_type(ft), tensors, n_layer);
    std::map<std::string, GgmlType> out;
    for (size_t i = 0; i < tensors.size(); ++i) out[tensors[i].name] = c[i].type;
    return out;
}

std::string layer(int il, const char* what) {
    return "blk." + std::to_string(il) + "." + what;
}

struct Logits {
    std::vector<float> values;
    std::string error;
};

Logits eval(const QString& path, const std::vector<int32_t>& tokens) {
    Logits r;
    const auto file = fyr::GgufFile::open(path.toStdString(), &r.error);
    if (!file) return r;
    const auto model = fyr::Model::load(*file, &r.error);
    if (!model) return r;
    fyr::ReferenceContext ctx(*model, 64);
    r.values = ctx.eval(tokens, /*all_logits=*/true, &r.error);
    return r;
}

}  // namespace

class TestModelQuantizer : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_f32;  // a random 8-layer llama made with the spm512 vocabulary

    QString tmp(const QString& name) const { return m_dir.filePath(name); }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString vocab = kModels + QStringLiteral("tiny-llama-spm512-f32.gguf");
        if (!QFile::exists(vocab)) return;  // the tests that need it skip
        fyr::TestModelSpec spec;
        spec.n_embd = 256;
        spec.n_layer = 8;
        spec.n_head = 4;
        spec.n_head_kv = 2;
        spec.n_ff = 512;
        spec.vocab_path = vocab.toStdString();
        spec.seed = 11;
        m_f32 = tmp(QStringLiteral("made-f32.gguf"));
        std::string error;
        QVERIFY2(fyr::make_test_model(spec, m_f32.toStdString(), nullptr, &error), error.c_str());
    }

    void fileTypeTable() {
        QCOMPARE(file_type("q4_k_m").file_type, 15u);
        QCOMPARE(file_type("Q4_K_M").base, GgmlType::Q4_K);  // case-insensitive
        QCOMPARE(file_type("q4_k_s").file_type, 14u);
        QCOMPARE(file_type("q4_k").file_type, 14u);
        QCOMPARE(file_type("q4_k").mix, fyr::QuantMix::Pure);
        QCOMPARE(file_type("q5_k_m").file_type, 17u);
        QCOMPARE(file_type("q5_k").file_type, 16u);
        QCOMPARE(file_type("q6_k").file_type, 18u);
        QCOMPARE(file_type("q8_0").file_type, 7u);
        QCOMPARE(file_type("q5_0").file_type, 8u);
        QCOMPARE(file_type("q5_1").file_type, 9u);
        QCOMPARE(file_type("q4_0").file_type, 2u);
        QCOMPARE(file_type("q4_1").file_type, 3u);
        QCOMPARE(file_type("bf16").file_type, 32u);
        QCOMPARE(file_type("f16").file_type, 1u);
        QCOMPARE(file_type("f32").file_type, 0u);
        QCOMPARE(fyr::find_quant_file_type("q3_k_m"), nullptr);
        QCOMPARE(fyr::find_quant_file_type(""), nullptr);
        const std::string names = fyr::quant_file_type_names();
        for (const char* n : {"f32", "f16", "bf16", "q8_0", "q4_0", "q4_1", "q5_0", "q5_1", "q4_k", "q5_k", "q6_k",
                              "q4_k_m", "q4_k_s", "q5_k_m"})
            QVERIFY2(names.find(n) != std::string::npos, n);
    }

    void sameFileAsLlamaQuantize_data() {
        QTest::addColumn<QString>("type");
        // The shared files were made with llama-quantize --pure (the mix rules do not
        // fire on a 2-layer model except for Q4_K_M, which has its own file).
        for (const char* t : {"f16", "bf16", "q8_0", "q6_k", "q5_k", "q5_0", "q4_1", "q4_k", "q4_0", "q4_k_m"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }

    void sameFileAsLlamaQuantize() {
        QFETCH(QString, type);
        const QString in = kModels + QStringLiteral("tiny-llama-spm512-f32.gguf");
        const QString ref = kModels + QStringLiteral("tiny-llama-spm512-%1.gguf").arg(type);
        if (!QFile::exists(in) || !QFile::exists(ref)) QSKIP("tiny-llama-spm512 files missing from " FYR_SHARED_DIR);
        const QString out = tmp(QStringLiteral("spm512-%1.gguf").arg(type));
        std::string error;
        size_t reported = 0;
        QVERIFY2(fyr::quantize_model(
                     in.toStdString(), out.toStdString(), file_type(qPrintable(type)),
                     [&](const fyr::TensorProgress& p) {
                         QCOMPARE(p.index, reported);
                         QCOMPARE(p.count, size_t(21));
                         ++reported;
                     },
                     &error),
                 error.c_str());
        QCOMPARE(reported, size_t(21));
        QVERIFY(!QFile::exists(out + QStringLiteral(".tmp")));
        const QByteArray ours = read_all(out), theirs = read_all(ref);
        QCOMPARE(ours.size(), theirs.size());
        QVERIFY2(ours == theirs, "the file differs from llama-quantize's");
    }

    void q4KmMixOnA32LayerModel() {
        // A 7B-shaped llama: use_more_bits picks layers 0-3, 28-31 and every third
        // from 6 (16 of 32) for attn_v and ffn_down.
        const auto tensors = llama_tensors(32, 4096, 11008, 32000, true);
        const auto m = choose("q4_k_m", tensors, 32);
        const std::vector<int> more = {0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31};
        for (int il = 0; il < 32; ++il) {
            const bool q6 = std::find(more.begin(), more.end(), il) != more.end();
            QCOMPARE(m.at(layer(il, "attn_v.weight")), q6 ? GgmlType::Q6_K : GgmlType::Q4_K);
            QCOMPARE(m.at(layer(il, "ffn_down.weight")), q6 ? GgmlType::Q6_K : GgmlType::Q4_K);
            for (const char* w :
                 {"attn_q.weight", "attn_k.weight", "attn_output.weight", "ffn_gate.weight", "ffn_up.weight"})
                QCOMPARE(m.at(layer(il, w)), GgmlType::Q4_K);
            QCOMPARE(m.at(layer(il, "attn_norm.weight")), GgmlType::F32);
            QCOMPARE(m.at(layer(il, "ffn_norm.weight")), GgmlType::F32);
        }
        QCOMPARE(m.at("output.weight"), GgmlType::Q6_K);
        QCOMPARE(m.at("token_embd.weight"), GgmlType::Q4_K);
        QCOMPARE(m.at("output_norm.weight"), GgmlType::F32);

        const auto m5 = choose("q5_k_m", tensors, 32);
        QCOMPARE(m5.at(layer(3, "attn_v.weight")), GgmlType::Q6_K);
        QCOMPARE(m5.at(layer(4, "attn_v.weight")), GgmlType::Q5_K);
        QCOMPARE(m5.at(layer(9, "ffn_down.weight")), GgmlType::Q6_K);
        QCOMPARE(m5.at(layer(10, "ffn_down.weight")), GgmlType::Q5_K);
        QCOMPARE(m5.at(layer(10, "ffn_up.weight")), GgmlType::Q5_K);
        QCOMPARE(m5.at("output.weight"), GgmlType::Q6_K);

        const auto ms = choose("q4_k_s", tensors, 32);
        for (int il = 0; il < 32; ++il) {
            QCOMPARE(ms.at(layer(il, "attn_v.weight")), il < 4 ? GgmlType::Q5_K : GgmlType::Q4_K);
            QCOMPARE(ms.at(layer(il, "ffn_down.weight")), il < 32 / 8 ? GgmlType::Q5_K : GgmlType::Q4_K);
        }
        QCOMPARE(ms.at("output.weight"), GgmlType::Q6_K);

        // Plain types give every weight the one type, the output included.
        const auto pure = choose("q4_k", tensors, 32);
        QCOMPARE(pure.at("output.weight"), GgmlType::Q4_K);
        QCOMPARE(pure.at(layer(0, "attn_v.weight")), GgmlType::Q4_K);
    }

    void mixEdgeCases() {
        // Tied embedding: token_embd plays the output's part.
        const auto tied = choose("q4_k_m", llama_tensors(2, 256, 768, 512, false), 2);
        QCOMPARE(tied.at("token_embd.weight"), GgmlType::Q6_K);
        QCOMPARE(tied.at(layer(1, "attn_v.weight")), GgmlType::Q6_K);  // n/8 = 0, 7n/8 = 1
        QCOMPARE(tied.at(layer(0, "attn_v.weight")), GgmlType::Q4_K);
        // 80 layers (llama.cpp's 70B rule): attn_v outside the Q6_K layers gets Q5_K.
        const auto big = choose("q4_k_m", llama_tensors(80, 512, 512, 256, true), 80);
        QCOMPARE(big.at(layer(0, "attn_v.weight")), GgmlType::Q6_K);
        QCOMPARE(big.at(layer(11, "attn_v.weight")), GgmlType::Q5_K);
        QCOMPARE(big.at(layer(11, "ffn_down.weight")), GgmlType::Q4_K);
    }

    void rowsThatDoNotFitFallBack() {
        // stories260K's shapes: rows of 64 (not a K-quant block) and of 172 (not even a
        // 32-element block).
        const auto tensors = llama_tensors(5, 64, 172, 512, true);
        const std::vector<fyr::TensorChoice> c = fyr::choose_tensor_types(file_type("q4_k_m"), tensors, 5);
        std::map<std::string, fyr::TensorChoice> by;
        for (size_t i = 0; i < tensors.size(); ++i) by[tensors[i].name] = c[i];
        QCOMPARE(by.at("output.weight").type, GgmlType::Q8_0);  // the output rule: Q8_0 for odd rows
        QCOMPARE(by.at(layer(1, "attn_q.weight")).type, GgmlType::Q5_0);
        QVERIFY(by.at(layer(1, "attn_q.weight")).note.find("using q5_0") != std::string::npos);
        QCOMPARE(by.at(layer(2, "attn_v.weight")).type, GgmlType::Q8_0);   // a Q6_K layer: -> Q8_0
        QCOMPARE(by.at(layer(1, "ffn_down.weight")).type, GgmlType::F16);  // Q4_K -> Q5_0 -> F16
        const auto q8 = fyr::choose_tensor_types(file_type("q8_0"), tensors, 5);
        for (size_t i = 0; i < tensors.size(); ++i) {
            if (tensors[i].name == layer(2, "ffn_down.weight")) {
                QCOMPARE(q8[i].type, GgmlType::F32);  // no 32-element type fits: kept
                QVERIFY(!q8[i].converted);
                QVERIFY(q8[i].note.find("kept as f32") != std::string::npos);
            }
        }
    }

    void stories260KQ8_0KeepsItsOddTensors() {
        const QString in = kModels + QStringLiteral("stories260K.gguf");
        if (!QFile::exists(in)) QSKIP("stories260K.gguf missing");
        const QString out = tmp(QStringLiteral("stories-q8_0.gguf"));
        std::string error;
        QVERIFY2(fyr::quantize_model(in.toStdString(), out.toStdString(), file_type("q8_0"), nullptr, &error),
                 error.c_str());
        const auto ours = fyr::GgufFile::open(out.toStdString(), &error);
        const auto theirs =
            fyr::GgufFile::open((kModels + QStringLiteral("stories260K-q8_0.gguf")).toStdString(), &error);
        QVERIFY2(ours && theirs, error.c_str());
        // Same tensors, types and bytes as llama.cpp's file (its metadata order differs:
        // that file came from an older llama.cpp).
        QCOMPARE(ours->tensors().size(), theirs->tensors().size());
        for (size_t i = 0; i < ours->tensors().size(); ++i) {
            const fyr::GgufTensor& a = ours->tensors()[i];
            const fyr::GgufTensor& b = theirs->tensors()[i];
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.type, b.type);
            QVERIFY2(std::memcmp(ours->tensor_data(a), theirs->tensor_data(b), a.n_bytes) == 0, a.name.c_str());
        }
        QCOMPARE(ours->get_int("general.file_type").value_or(-1), int64_t{7});
        QCOMPARE(ours->get_int("general.quantization_version").value_or(-1), int64_t{2});
        QCOMPARE(ours->keys().back(), std::string("general.file_type"));
    }

    void keepsTheInputsAlignment() {
        if (m_f32.isEmpty()) QSKIP("tiny-llama-spm512-f32.gguf (the vocabulary) missing from " FYR_SHARED_DIR);
        std::string error;
        const auto f = fyr::GgufFile::open(m_f32.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        fyr::GgufWriter w;
        for (const std::string& key : f->keys()) w.copy_key(*f, key);
        w.set_u32("general.alignment", 256);
        for (const fyr::GgufTensor& t : f->tensors()) {
            const uint8_t* p = f->tensor_data(t);
            QVERIFY(w.add_tensor(t.name, GgmlType(t.type), t.dims, std::vector<uint8_t>(p, p + t.n_bytes), &error));
        }
        const QString in = tmp(QStringLiteral("aligned-f32.gguf")), out = tmp(QStringLiteral("aligned-q8_0.gguf"));
        QVERIFY2(w.write_file(in.toStdString(), &error), error.c_str());
        QVERIFY2(fyr::quantize_model(in.toStdString(), out.toStdString(), file_type("q8_0"), nullptr, &error),
                 error.c_str());
        const auto q = fyr::GgufFile::open(out.toStdString(), &error);
        QVERIFY2(q, error.c_str());
        QCOMPARE(q->alignment(), 256u);
        QCOMPARE(q->data_offset() % 256, uint64_t{0});
        for (const fyr::GgufTensor& t : q->tensors()) QCOMPARE(t.offset % 256, uint64_t{0});
        QVERIFY2(fyr::Model::load(*q, &error), error.c_str());
    }

    void errorsNameTheProblem() {
        std::string error;
        const std::string out = tmp(QStringLiteral("never.gguf")).toStdString();
        QVERIFY(!fyr::quantize_model("/nonexistent/in.gguf", out, file_type("q8_0"), nullptr, &error));
        QVERIFY2(error.find("/nonexistent/in.gguf") != std::string::npos, error.c_str());
        const QString quantized = kModels + QStringLiteral("tiny-llama-spm512-q4_k_m.gguf");
        if (QFile::exists(quantized)) {
            QVERIFY(!fyr::quantize_model(quantized.toStdString(), out, file_type("q8_0"), nullptr, &error));
            QVERIFY2(error.find("tensor 'output.weight' is already quantized (q6_K)") != std::string::npos,
                     error.c_str());
        }
        if (!m_f32.isEmpty()) {
            QVERIFY(!fyr::quantize_model(m_f32.toStdString(), "/nonexistent/dir/out.gguf", file_type("q8_0"), nullptr,
                                         &error));
            QVERIFY2(error.find("/nonexistent/dir/out.gguf.tmp: cannot create") != std::string::npos, error.c_str());
        }
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
        QVERIFY(!QFile::exists(QString::fromStdString(out) + QStringLiteral(".tmp")));
    }

    void quantizedLogitsStayClose_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("max_abs");  // largest |logit difference| allowed
        QTest::addColumn<double>("rel_rms");  // RMS of the differences over RMS of the logits
        // 8 prompt positions x 512 logits of a random 8-layer llama (n_embd 256, logits'
        // RMS 0.97) against its F32 original; bounds are the measured values (in the
        // comments) plus 30%. A random network this deep amplifies weight noise about
        // five times (Q8_0's weights are off by 0.54% RMS, its logits by 2.7%), and the
        // order of the types is that of their weight error.
        //                                                measured: max abs, rel RMS
        QTest::newRow("f16") << QStringLiteral("f16") << 0.0075 << 0.0017;    // 0.00578, 0.00131
        QTest::newRow("q8_0") << QStringLiteral("q8_0") << 0.133 << 0.0354;   // 0.102, 0.0272
        QTest::newRow("q6_k") << QStringLiteral("q6_k") << 0.40 << 0.110;     // 0.308, 0.0843
        QTest::newRow("q5_k_m") << QStringLiteral("q5_k_m") << 0.82 << 0.20;  // 0.633, 0.154
        QTest::newRow("q4_k_m") << QStringLiteral("q4_k_m") << 1.65 << 0.37;  // 1.27, 0.284
        QTest::newRow("q4_0") << QStringLiteral("q4_0") << 2.07 << 0.49;      // 1.59, 0.375
    }

    void quantizedLogitsStayClose() {
        QFETCH(QString, type);
        QFETCH(double, max_abs);
        QFETCH(double, rel_rms);
        if (m_f32.isEmpty()) QSKIP("tiny-llama-spm512-f32.gguf (the vocabulary) missing from " FYR_SHARED_DIR);
        const QString out = tmp(QStringLiteral("made-%1.gguf").arg(type));
        std::string error;
        QVERIFY2(
            fyr::quantize_model(m_f32.toStdString(), out.toStdString(), file_type(qPrintable(type)), nullptr, &error),
            error.c_str());
        const std::vector<int32_t> prompt = {1, 403, 407, 261, 378, 300, 17, 450};
        const Logits ref = eval(m_f32, prompt);
        const Logits q = eval(out, prompt);
        QVERIFY2(!ref.values.empty(), ref.error.c_str());
        QVERIFY2(!q.values.empty(), q.error.c_str());
        QCOMPARE(q.values.size(), ref.values.size());
        double worst = 0, d2 = 0, r2 = 0;
        for (size_t i = 0; i < ref.values.size(); ++i) {
            const double d = double(q.values[i]) - double(ref.values[i]);
            QVERIFY(std::isfinite(d));
            worst = std::max(worst, std::fabs(d));
            d2 += d * d;
            r2 += double(ref.values[i]) * double(ref.values[i]);
        }
        const double rel = std::sqrt(d2 / r2);
        qInfo("%s: max |logit difference| %.4g, relative RMS %.4g (logit RMS %.3g)", qPrintable(type), worst, rel,
              std::sqrt(r2 / double(ref.values.size())));
        QVERIFY2(worst <= max_abs, qPrintable(QString::number(worst)));
        QVERIFY2(rel <= rel_rms, qPrintable(QString::number(rel)));
    }

    void q4KmMixInAMadeModel() {
        if (m_f32.isEmpty()) QSKIP("tiny-llama-spm512-f32.gguf (the vocabulary) missing from " FYR_SHARED_DIR);
        const QString out = tmp(QStringLiteral("mix-q4_k_m.gguf"));
        std::string error;
        QVERIFY2(fyr::quantize_model(m_f32.toStdString(), out.toStdString(), file_type("q4_k_m"), nullptr, &error),
                 error.c_str());
        const auto f = fyr::GgufFile::open(out.toStdString(), &error);
        QVERIFY2(f, error.c_str());
        QCOMPARE(f->get_int("general.file_type").value_or(-1), int64_t{15});
        const auto type_of = [&](const std::string& name) { return GgmlType(f->find_tensor(name)->type); };
        // 8 layers: use_more_bits is true for layers 0 (< 8/8), 3 and 6 ((i - 1) % 3 == 2) and 7 (>= 7).
        for (int il = 0; il < 8; ++il) {
            const bool q6 = il == 0 || il == 3 || il == 6 || il == 7;
            QCOMPARE(type_of(layer(il, "attn_v.weight")), q6 ? GgmlType::Q6_K : GgmlType::Q4_K);
            QCOMPARE(type_of(layer(il, "ffn_down.weight")), q6 ? GgmlType::Q6_K : GgmlType::Q4_K);
            QCOMPARE(type_of(layer(il, "attn_k.weight")), GgmlType::Q4_K);
            QCOMPARE(type_of(layer(il, "ffn_norm.weight")), GgmlType::F32);
        }
        QCOMPARE(type_of("output.weight"), GgmlType::Q6_K);
        QCOMPARE(type_of("token_embd.weight"), GgmlType::Q4_K);
        // llama.cpp's tensor order: output, output_norm, token_embd, then layer by layer.
        QCOMPARE(f->tensors()[0].name, std::string("output.weight"));
        QCOMPARE(f->tensors()[2].name, std::string("token_embd.weight"));
        QCOMPARE(f->tensors()[3].name, std::string("blk.0.attn_k.weight"));
        QCOMPARE(f->tensors().back().name, std::string("blk.7.ffn_up.weight"));
    }
};

QTEST_GUILESS_MAIN(TestModelQuantizer)
#include "tst_model_quantizer.moc"
