// The fast CPU forward pass (create_context) on every kernel set this CPU runs:
// against llama.cpp's reference files under the same rules as the reference
// pass (reference_check.h), against the reference pass itself, and for the
// context's own behaviour (prompts in chunks, truncation, a full context).
#include <algorithm>

#include "reference_check.h"

#include "fyr/kernels/matmul.h"
#if FYR_TEST_AVX512_EMULATED
#include "kernel_sets.h"
#endif

using namespace reference_check;

namespace {

#if FYR_TEST_AVX512_EMULATED
// The AVX-512 tables over SIMDe, as ContextParams::kernel_table.
template <fyr::kernels::detail::Avx512Ext kExt>
const fyr::kernels::MatmulKernels* avx512Emulated(uint32_t type) {
    return fyr::kernels::detail::avx512_kernels_emulated(type, kExt);
}
#endif

// isa: a name from isa_name(), or one of fyr::test::emulatedAvx512()'s.
std::unique_ptr<fyr::InferenceContext> cpuContext(const fyr::Model& m, int32_t n_ctx, const char* isa, int threads,
                                                  int32_t n_batch = 512) {
    fyr::ContextParams p;
    p.n_ctx = n_ctx;
    p.n_threads = threads;
    p.n_batch = n_batch;
    p.kernels = isa;
#if FYR_TEST_AVX512_EMULATED
    using fyr::kernels::detail::Avx512Ext;
    if (std::strcmp(isa, "avx512-emulated") == 0) p.kernel_table = avx512Emulated<Avx512Ext::None>;
    if (std::strcmp(isa, "avx512-vnni-emulated") == 0) p.kernel_table = avx512Emulated<Avx512Ext::Vnni>;
    if (std::strcmp(isa, "avx512-amx-emulated") == 0) p.kernel_table = avx512Emulated<Avx512Ext::VnniAmx>;
#endif
    return fyr::create_context(m, p);
}

void addIsaRows(bool quantized) {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("isa");
    const QStringList refs = QDir(modelsDir()).entryList({QStringLiteral("*.gguf.ref.json")}, QDir::Files, QDir::Name);
    if (refs.isEmpty()) {
        QTest::newRow("no reference models") << QString() << QString();  // the test skips
        return;
    }
    for (fyr::kernels::Isa isa : {fyr::kernels::Isa::Scalar, fyr::kernels::Isa::Avx2, fyr::kernels::Isa::Avx512,
                                  fyr::kernels::Isa::Avx512Amx}) {
        if (!fyr::kernels::isa_available(isa)) {
            qInfo("%s kernels: not run, this CPU or build lacks them", fyr::kernels::isa_name(isa));
            continue;
        }
        for (const QString& ref : refs) {
            const QString gguf = ref.chopped(qsizetype(std::strlen(".ref.json")));
            if (hasQuantizedTensors(modelsDir() + QLatin1Char('/') + gguf) != quantized) continue;
            QTest::newRow(qPrintable(gguf + QLatin1Char('/') + QLatin1String(fyr::kernels::isa_name(isa))))
                << gguf << QString::fromLatin1(fyr::kernels::isa_name(isa));
        }
    }
#if FYR_TEST_AVX512_EMULATED
    // The AVX-512 kernels over SIMDe, on the types with a packed layout of their own
    // (16-row groups: the forward pass's row chunks must respect them), wherever
    // this runs. Slow (emulated), so only those models.
    if (!quantized) return;
    for (const auto& set : fyr::test::emulatedAvx512()) {
        const char* isa = set.name;
        for (const QString& ref : refs) {
            const QString gguf = ref.chopped(qsizetype(std::strlen(".ref.json")));
            static const QStringList kPacked = {QStringLiteral("q4_0.gguf"), QStringLiteral("q8_0.gguf"),
                                                QStringLiteral("q4_k.gguf"), QStringLiteral("q4_k_m.gguf"),
                                                QStringLiteral("q5_k.gguf"), QStringLiteral("q6_k.gguf")};
            if (std::none_of(kPacked.begin(), kPacked.end(), [&](const QString& s) { return gguf.endsWith(s); }))
                continue;
            QTest::newRow(qPrintable(gguf + QLatin1Char('/') + QLatin1String(isa))) << gguf << QString::fromLatin1(isa);
        }
    }
#else
    if (quantized) qInfo("avx512-emulated: not run, built without SIMDe's headers (libsimde-dev)");
#endif
}

}  // namespace

class TestCpuForward : public QObject {
    Q_OBJECT
private slots:
    void floatModelsMatchLlamaCpp_data() { addIsaRows(false); }
    void floatModelsMatchLlamaCpp() {
        QFETCH(QString, model);
        QFETCH(QString, isa);
        if (model.isEmpty()) QSKIP(qPrintable(QStringLiteral("SKIP : no *.gguf.ref.json in %1").arg(modelsDir())));
        const QByteArray name = isa.toLatin1();
        checkModel(model, [&](const fyr::Model& m, int32_t n_ctx) { return cpuContext(m, n_ctx, name.constData(), 2); });
    }

    void quantizedModelsMatchLlamaCpp_data() { addIsaRows(true); }
    void quantizedModelsMatchLlamaCpp() {
        QFETCH(QString, model);
        QFETCH(QString, isa);
        if (model.isEmpty()) QSKIP(qPrintable(QStringLiteral("SKIP : no *.gguf.ref.json in %1").arg(modelsDir())));
        const QByteArray name = isa.toLatin1();
        checkModel(model, [&](const fyr::Model& m, int32_t n_ctx) { return cpuContext(m, n_ctx, name.constData(), 3); });
    }

    // Chunked prompts, odd thread counts and truncation give the logits of one
    // plain pass; a full context is refused without touching the cache.
    void behavesLikeOnePass() {
        const QString path = modelsDir() + QStringLiteral("/tiny-llama-spm512-q4_k_m.gguf");
        if (!QFile::exists(path)) QSKIP("SKIP : tiny-llama-spm512-q4_k_m.gguf is not in the shared folder");
        Loaded l = load(path);
        QVERIFY2(l.model, l.error.c_str());
        const int32_t n_vocab = l.model->hparams().n_vocab;
        std::vector<int32_t> ids;
        for (int i = 0; i < 40; ++i) ids.push_back(1 + (i * 37) % (n_vocab - 1));

        std::string error;
        auto whole = cpuContext(*l.model, 64, "", 1);
        const std::vector<float> want = whole->eval(ids, true, &error);
        QVERIFY2(!want.empty(), error.c_str());
        QCOMPARE(whole->n_past(), 40);

        for (int threads : {2, 3}) {
            auto chunked = cpuContext(*l.model, 64, "", threads, /*n_batch=*/7);
            const std::vector<float> got = chunked->eval(ids, true, &error);
            QVERIFY2(!got.empty(), error.c_str());
            QCOMPARE(got.size(), want.size());
            double maxErr = 0;
            for (size_t i = 0; i < got.size(); ++i) maxErr = std::max(maxErr, double(std::abs(got[i] - want[i])));
            QVERIFY2(maxErr < 1e-3, qPrintable(QStringLiteral("threads %1: max error %2").arg(threads).arg(maxErr)));

            // Truncate to 25 positions and run the rest again one token at a time.
            chunked->truncate(25);
            QCOMPARE(chunked->n_past(), 25);
            std::vector<float> last;
            for (size_t i = 25; i < ids.size(); ++i) last = chunked->eval({ids[i]}, false, &error);
            for (int32_t v = 0; v < n_vocab; ++v) {
                QVERIFY(std::abs(last[size_t(v)] - want[size_t(39 * n_vocab + v)]) < 1e-3f);
            }
        }

        // The reference pass multiplies dequantized floats; the fast pass (like
        // llama.cpp) sums integer products per block. Both stay within the
        // quantized tolerance of llama.cpp, so of each other too.
        fyr::ReferenceContext ref(*l.model, 64);
        const std::vector<float> refLogits = ref.eval(ids, true, &error);
        double maxErr = 0;
        for (size_t i = 0; i < want.size(); ++i) maxErr = std::max(maxErr, double(std::abs(refLogits[i] - want[i])));
        qInfo("fast vs reference pass: max |logit difference| %.3g", maxErr);
        QVERIFY(maxErr < 0.25);

        auto small = cpuContext(*l.model, 8, "", 2);
        QVERIFY(!small->eval({1, 2, 3, 4, 5}, false, &error).empty());
        QVERIFY(small->eval({1, 2, 3, 4}, false, &error).empty());
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("context is full")), error.c_str());
        QCOMPARE(small->n_past(), 5);
        QVERIFY(small->eval({n_vocab}, false, &error).empty());
        QVERIFY2(QString::fromStdString(error).contains(QStringLiteral("out of range")), error.c_str());
        QVERIFY(small->backend().find("cpu") == 0);
    }
};

QTEST_GUILESS_MAIN(TestCpuForward)
#include "tst_cpu_forward.moc"
