// The quantizers against llama.cpp's own output: every converted tensor of the shared
// test models made by llama-quantize is re-made here from the F32 original and
// compared block by block. The fraction of identical blocks is printed per file.
#include <QFileInfo>
#include <QTest>

#include <cstring>
#include <string>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/kernels/quantize.h"

namespace {

QString model_path(const QString& name) {
    return QStringLiteral(FYR_SHARED_DIR "/models/") + name;
}

struct Match {
    uint64_t blocks = 0;
    uint64_t identical = 0;
    int tensors = 0;
    QString first_difference;
};

}  // namespace

class TestQuantizeReference : public QObject {
    Q_OBJECT
private slots:
    void sameBytesAsLlamaQuantize_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("quantized");
        // Smallest fraction of identical blocks accepted. Measured: 100% for every file.
        // The 32-element and float types do a handful of float operations per value in
        // a fixed order, so any difference is a bug. The K-quants' searches do hundreds,
        // where a compiler contracting a*b+c into one FMA on either side could flip a
        // near-tie, so they get a little room.
        QTest::addColumn<double>("min_identical");
        const QString spm = QStringLiteral("tiny-llama-spm512-f32.gguf");
        for (const char* t : {"f16", "bf16", "q8_0", "q5_0", "q4_1", "q4_0"})
            QTest::newRow(t) << spm << QStringLiteral("tiny-llama-spm512-%1.gguf").arg(QLatin1String(t)) << 1.0;
        for (const char* t : {"q6_k", "q5_k", "q4_k", "q4_k_m"})
            QTest::newRow(t) << spm << QStringLiteral("tiny-llama-spm512-%1.gguf").arg(QLatin1String(t)) << 0.999;
        for (const char* t : {"f16", "q8_0", "q4_0"}) {
            QTest::newRow(qPrintable(QStringLiteral("stories260K-%1").arg(QLatin1String(t))))
                << QStringLiteral("stories260K.gguf") << QStringLiteral("stories260K-%1.gguf").arg(QLatin1String(t))
                << 1.0;
        }
    }

    void sameBytesAsLlamaQuantize() {
        QFETCH(QString, source);
        QFETCH(QString, quantized);
        QFETCH(double, min_identical);
        if (!QFileInfo::exists(model_path(source)) || !QFileInfo::exists(model_path(quantized)))
            QSKIP(qPrintable(QStringLiteral("%1 or %2 not in " FYR_SHARED_DIR "/models").arg(source, quantized)));
        std::string error;
        const auto f32 = fyr::GgufFile::open(model_path(source).toStdString(), &error);
        QVERIFY2(f32, error.c_str());
        const auto q = fyr::GgufFile::open(model_path(quantized).toStdString(), &error);
        QVERIFY2(q, error.c_str());

        Match m;
        for (const fyr::GgufTensor& t : q->tensors()) {
            const fyr::GgufTensor* src = f32->find_tensor(t.name);
            QVERIFY2(src, t.name.c_str());
            QCOMPARE(src->type, 0u);
            if (t.type == src->type) continue;  // copied unchanged (norms)
            QVERIFY2(fyr::kernels::quantize_supported(t.type), t.name.c_str());
            std::vector<uint8_t> ours(t.n_bytes);
            const auto* x = reinterpret_cast<const float*>(f32->tensor_data(*src));
            QVERIFY(fyr::kernels::quantize_row(t.type, x, ours.data(), int64_t(t.n_elements())));
            const uint8_t* theirs = q->tensor_data(t);
            const uint64_t bs = t.traits->type_size;
            for (uint64_t b = 0; b < t.n_bytes / bs; ++b) {
                const bool same = std::memcmp(ours.data() + b * bs, theirs + b * bs, bs) == 0;
                m.identical += same ? 1 : 0;
                if (!same && m.first_difference.isEmpty())
                    m.first_difference = QStringLiteral("%1 block %2").arg(QString::fromStdString(t.name)).arg(b);
            }
            m.blocks += t.n_bytes / bs;
            ++m.tensors;
        }
        QVERIFY(m.tensors > 0);
        const double fraction = double(m.identical) / double(m.blocks);
        qInfo("%s: %llu of %llu blocks identical (%.4f%%) in %d tensors%s", qPrintable(quantized),
              static_cast<unsigned long long>(m.identical), static_cast<unsigned long long>(m.blocks), 100.0 * fraction,
              m.tensors,
              m.first_difference.isEmpty() ? ""
                                           : qPrintable(QStringLiteral("; first difference: ") + m.first_difference));
        QVERIFY2(fraction >= min_identical, qPrintable(m.first_difference));
    }
};

QTEST_GUILESS_MAIN(TestQuantizeReference)
#include "tst_quantize_reference.moc"
