// Half and bfloat16 conversions: every half value, and floats across the whole
// range, against the CPU's own F16C instructions where the CPU has them.
#include <QTest>

#include <cmath>
#include <cstring>
#include <immintrin.h>

#include "fyr/kernels/cpu_features.h"
#include "fyr/kernels/dequantize.h"

using namespace fyr::kernels;

namespace {

__attribute__((target("f16c"))) float hw_half_to_float(uint16_t h) { return _cvtsh_ss(h); }
__attribute__((target("f16c"))) uint16_t hw_float_to_half(float f) {
    return static_cast<uint16_t>(_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT));
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, 4) == 0 || (std::isnan(a) && std::isnan(b)); }

}  // namespace

class TestHalfFloat : public QObject {
    Q_OBJECT
private slots:
    void everyHalfMatchesF16c() {
        if (!cpu_features().f16c) QSKIP("this CPU has no F16C to compare with");
        for (uint32_t h = 0; h < 65536; ++h) {
            const float ours = fp16_to_fp32(static_cast<uint16_t>(h));
            const float hw = hw_half_to_float(static_cast<uint16_t>(h));
            if (!same_bits(ours, hw)) QFAIL(qPrintable(QStringLiteral("half 0x%1").arg(h, 4, 16, QLatin1Char('0'))));
        }
    }

    void floatsRoundLikeF16c() {
        if (!cpu_features().f16c) QSKIP("this CPU has no F16C to compare with");
        // A stride through all 2^32 bit patterns that hits every exponent and rounding case.
        for (uint64_t x = 0; x < (uint64_t{1} << 32); x += 65521) {
            const uint32_t u = static_cast<uint32_t>(x);
            float f;
            std::memcpy(&f, &u, 4);
            if (std::isnan(f)) continue;
            QCOMPARE(fp32_to_fp16(f), hw_float_to_half(f));
        }
        // Ties to even at the edges.
        QCOMPARE(fp32_to_fp16(65504.f), uint16_t{0x7bff});
        QCOMPARE(fp32_to_fp16(65520.f), uint16_t{0x7c00});
        QCOMPARE(fp32_to_fp16(5.9604645e-8f), uint16_t{0x0001});
    }

    void bfloat16() {
        QCOMPARE(bf16_to_fp32(0x3f80), 1.0f);
        QCOMPARE(fp32_to_bf16(1.0f), uint16_t{0x3f80});
        QCOMPARE(fp32_to_bf16(1.00390625f), uint16_t{0x3f80});  // tie: rounds to even
        QCOMPARE(fp32_to_bf16(1.01171875f), uint16_t{0x3f82});  // tie: rounds to even (up)
        QVERIFY(std::isnan(bf16_to_fp32(fp32_to_bf16(std::nanf("")))));
        for (uint32_t h = 0; h < 65536; ++h) {
            const float f = bf16_to_fp32(static_cast<uint16_t>(h));
            if (!std::isnan(f)) QCOMPARE(fp32_to_bf16(f), static_cast<uint16_t>(h));
        }
    }

    void rowsOfFloatTypes() {
        const uint16_t halves[4] = {0x3c00, 0xc000, 0x0000, 0x3555};
        float out[4];
        QVERIFY(dequantize_row(1, halves, out, 4));
        QCOMPARE(out[0], 1.0f);
        QCOMPARE(out[1], -2.0f);
        QVERIFY(dequantize_supported(0));
        QVERIFY(!dequantize_supported(9999));
        QVERIFY(!dequantize_row(9999, halves, out, 4));
    }
};

QTEST_GUILESS_MAIN(TestHalfFloat)
#include "tst_half_float.moc"
