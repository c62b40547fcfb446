// The packed weight layouts (MatmulKernels::pack / gemm_packed) against the
// scalar kernels on the file's layout: every ISA that has a packed form (and the
// AVX-512 tables over portable AVX-512 when built with SIMDe, whatever the CPU),
// row groups and token counts that do and do not fill a tile, n from one block up.
#include <QTest>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/matmul.h"
#include "kernel_sets.h"

using namespace fyr::kernels;

namespace {

constexpr uint32_t kQ4_0 = 2, kQ8_0 = 8, kQ4_K = 12, kQ5_K = 13, kQ6_K = 14;

// Values and bytes per block, and where its F16 scales are (Q4_K, Q5_K: d, dmin
// first; Q6_K: d last).
int64_t blockValues(uint32_t type) {
    return type == kQ4_0 || type == kQ8_0 ? 32 : 256;
}
size_t blockBytes(uint32_t type) {
    switch (type) {
        case kQ4_0: return 18;
        case kQ8_0: return 34;
        case kQ4_K: return 144;
        case kQ5_K: return 176;
        default: return 210;
    }
}
std::vector<size_t> blockHalves(uint32_t type) {
    if (type == kQ4_K || type == kQ5_K) return {0, 2};
    return {type == kQ6_K ? size_t{208} : size_t{0}};
}

// Random bytes (quants, K-quant scales and mins) with finite, moderate F16 scales.
std::vector<uint8_t> randomRows(uint32_t type, int64_t n, int64_t rows, std::mt19937& rng) {
    const size_t bb = blockBytes(type);
    std::vector<uint8_t> w(static_cast<size_t>(rows * n / blockValues(type)) * bb);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_real_distribution<float> scale(-0.05f, 0.05f);
    for (uint8_t& v : w) v = static_cast<uint8_t>(byte(rng));
    for (size_t b = 0; b < w.size() / bb; ++b) {
        for (size_t at : blockHalves(type)) {
            const uint16_t d = fp32_to_fp16(scale(rng));
            std::memcpy(w.data() + b * bb + at, &d, 2);
        }
    }
    return w;
}

}  // namespace

class TestMatmulPacked : public QObject {
    Q_OBJECT
private slots:
    void packedEqualsPlain() {
        int checked = 0;
        QStringList sets;
        for (uint32_t type : {kQ4_0, kQ8_0, kQ4_K, kQ5_K, kQ6_K}) {
            for (const fyr::test::KernelSet& set : fyr::test::kernelSets(type)) {
                const MatmulKernels* k = set.kernels;
                QVERIFY(k);
                if (k->pack_rows == 0) continue;
                QVERIFY(k->packed_bytes && k->pack && k->gemm_packed);
                sets << QStringLiteral("%1 type %2 (%3 rows)").arg(set.name).arg(type).arg(k->pack_rows);
                const MatmulKernels* ref = matmul_kernels(type, Isa::Scalar);
                std::mt19937 rng(7u + type);
                // 16384: more block sums than the VNNI/AVX2 drivers' stack buffer holds; 36864: more
                // than the AMX driver's holds for one 16-token tile (only a few shapes: slow emulated).
                for (int64_t n : {32, 64, 224, 256, 768, 2048, 16384, 36864}) {
                    if (n % blockValues(type) != 0) continue;
                    const bool huge = n > 16384;
                    // The packed form is exactly as large as the original.
                    QCOMPARE(k->packed_bytes(n) * 1,
                             static_cast<size_t>(k->pack_rows * n / blockValues(type)) * blockBytes(type));
                    for (int64_t rows : {k->pack_rows, 2 * k->pack_rows, 9 * k->pack_rows}) {
                        if (huge && rows > k->pack_rows) continue;
                        const std::vector<uint8_t> w = randomRows(type, n, rows, rng);
                        const size_t rowBytes = static_cast<size_t>(n / blockValues(type)) * blockBytes(type);
                        std::vector<uint8_t> packed(static_cast<size_t>(rows / k->pack_rows) * k->packed_bytes(n));
                        k->pack(n, w.data(), rowBytes, rows, packed.data());
                        // 16, 17, 33: the AMX tiles' 16 tokens, with VNNI tiles after them.
                        for (int64_t toks : {1, 2, 3, 4, 5, 8, 9, 16, 17, 33}) {
                            if (huge && toks != 16 && toks != 17) continue;
                            std::normal_distribution<float> normal(0.f, 1.f);
                            std::vector<float> x(static_cast<size_t>(toks * n));
                            for (float& v : x) v = normal(rng);
                            const size_t xBytes = k->activation_bytes(n);
                            std::vector<uint8_t> xq(xBytes * static_cast<size_t>(toks));
                            for (int64_t t = 0; t < toks; ++t) k->quantize(x.data() + t * n, xq.data() + t * xBytes, n);
                            const int64_t stride = rows + 3;
                            std::vector<float> got(static_cast<size_t>(toks * stride), -1.f), want = got;
                            k->gemm_packed(n, packed.data(), rows, xq.data(), xBytes, toks, got.data(), stride);
                            ref->gemm(n, w.data(), rowBytes, rows, xq.data(), xBytes, toks, want.data(), stride);
                            // Scale of the sums: Σ|w|·|x| over the dequantized weights and floats.
                            std::vector<float> wr(static_cast<size_t>(n));
                            for (int64_t r = 0; r < rows; ++r) {
                                QVERIFY(dequantize_row(type, w.data() + r * rowBytes, wr.data(), n));
                                for (int64_t t = 0; t < toks; ++t) {
                                    double mag = 0;
                                    for (int64_t i = 0; i < n; ++i)
                                        mag += std::abs(double(wr[size_t(i)]) * double(x[size_t(t * n + i)]));
                                    const float g = got[size_t(t * stride + r)], e = want[size_t(t * stride + r)];
                                    QVERIFY2(std::abs(double(g) - double(e)) <= 1e-5 * mag + 1e-6,
                                             qPrintable(QStringLiteral("%1 type %2 n %3 rows %4 toks %5 row %6 tok %7: "
                                                                       "%8 vs %9")
                                                            .arg(set.name)
                                                            .arg(type)
                                                            .arg(n)
                                                            .arg(rows)
                                                            .arg(toks)
                                                            .arg(r)
                                                            .arg(t)
                                                            .arg(g)
                                                            .arg(e)));
                                }
                            }
                            // Nothing written outside the rows asked for.
                            for (int64_t t = 0; t < toks; ++t)
                                for (int64_t r = rows; r < stride; ++r) QCOMPARE(got[size_t(t * stride + r)], -1.f);
                            ++checked;
                        }
                    }
                }
            }
        }
        if (checked == 0) QSKIP("SKIP : no kernel set this CPU runs has a packed layout (AVX2 has them)");
        qInfo("%d packed products checked: %s", checked, qPrintable(sets.join(QStringLiteral(", "))));
    }
};

QTEST_GUILESS_MAIN(TestMatmulPacked)
#include "tst_matmul_packed.moc"
