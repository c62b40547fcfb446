// The scalar quantizers against the dequantization oracle: round-trip error bounds on
// random normal data for every type, exact round trips of values the type can hold
// (built from an element-by-element description, independent of the encoders), zero
// blocks, ggml's rounding rules at the edges, and the rejections.
#include <QTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/quantize.h"

using namespace fyr::kernels;

namespace {

constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10, kQ3_K = 11,
                   kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kQ8_K = 15, kBF16 = 30;

struct TypeInfo {
    uint32_t type;
    const char* name;
    int64_t block_size;
    int64_t type_size;
};

const std::vector<TypeInfo>& all_types() {
    static const std::vector<TypeInfo> t = {
        {kF32, "f32", 1, 4},       {kF16, "f16", 1, 2},       {kBF16, "bf16", 1, 2},     {kQ8_0, "q8_0", 32, 34},
        {kQ5_1, "q5_1", 32, 24},   {kQ5_0, "q5_0", 32, 22},   {kQ4_1, "q4_1", 32, 20},   {kQ4_0, "q4_0", 32, 18},
        {kQ6_K, "q6_K", 256, 210}, {kQ5_K, "q5_K", 256, 176}, {kQ4_K, "q4_K", 256, 144}, {kQ3_K, "q3_K", 256, 110},
        {kQ2_K, "q2_K", 256, 84},
    };
    return t;
}

const TypeInfo& info(uint32_t type) {
    for (const TypeInfo& t : all_types()) {
        if (t.type == type) return t;
    }
    qFatal("unknown type %u", type);
}

std::vector<uint8_t> quantize(uint32_t type, const std::vector<float>& x) {
    const TypeInfo& t = info(type);
    std::vector<uint8_t> out(size_t(int64_t(x.size()) / t.block_size * t.type_size));
    if (!quantize_row(type, x.data(), out.data(), int64_t(x.size()))) return {};
    return out;
}

std::vector<float> dequantize(uint32_t type, const std::vector<uint8_t>& q, size_t n) {
    std::vector<float> out(n, std::nanf(""));
    if (!dequantize_row(type, q.data(), out.data(), int64_t(n))) return {};
    return out;
}

std::vector<float> normal_data(size_t n, unsigned seed, float stddev = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, stddev);
    std::vector<float> x(n);
    for (float& v : x) v = dist(rng);
    return x;
}

// Relative RMS error: RMS of (decoded - original) over RMS of the original.
double rel_rms(const std::vector<float>& x, const std::vector<float>& y) {
    double e2 = 0, x2 = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        e2 += double(y[i] - x[i]) * double(y[i] - x[i]);
        x2 += double(x[i]) * double(x[i]);
    }
    return std::sqrt(e2 / x2);
}

bool same_values(const std::vector<float>& got, const std::vector<float>& want, const char* what) {
    if (got.size() != want.size()) {
        qWarning("%s: decode failed", what);
        return false;
    }
    for (size_t i = 0; i < want.size(); ++i) {
        if (got[i] != want[i]) {
            qWarning("%s: element %zu is %.9g, expected %.9g", what, i, double(got[i]), double(want[i]));
            return false;
        }
    }
    return true;
}

// Exactly representable rows, built from each layout's decoding formula with
// power-of-two super-scales (so every product is exact in float) and integer
// sub-scales and quants. The element of largest magnitude in each group sits where the
// quantizer's first guess puts it (the signed max on quant -nmax for the symmetric
// types, both ends of the range for the ones with a minimum), which is what makes the
// value set recoverable.
std::vector<float> representable(uint32_t type, int n_blocks, unsigned seed) {
    std::mt19937 rng(seed);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<float> x;
    for (int b = 0; b < n_blocks; ++b) {
        const float d = std::ldexp(1.0f, pick(-12, -2));  // fp16-exact
        switch (type) {
            case kQ8_0: {
                for (int i = 0; i < 32; ++i) x.push_back(float(pick(-127, 127)) * d);
                x[x.size() - 32 + size_t(pick(0, 31))] = float(pick(0, 1) ? 127 : -127) * d;
                break;
            }
            case kQ4_0:
            case kQ5_0: {  // value (q - half) * d, the signed max is -half * d
                const int half = type == kQ4_0 ? 8 : 16;
                const float sd = pick(0, 1) ? d : -d;
                for (int i = 0; i < 32; ++i) x.push_back(float(pick(-half + 1, half - 1)) * sd);
                x[x.size() - 32 + size_t(pick(0, 31))] = float(-half) * sd;
                break;
            }
            case kQ4_1:
            case kQ5_1: {  // value q * d + m with q = 0 and q = nmax both present
                const int nmax = type == kQ4_1 ? 15 : 31;
                const float m = float(pick(-64, 64)) * d;
                for (int i = 0; i < 32; ++i) x.push_back(float(pick(0, nmax)) * d + m);
                x[x.size() - 32] = m;
                x[x.size() - 1] = float(nmax) * d + m;
                break;
            }
            case kQ6_K:
            case kQ3_K: {  // value d * sc * q; the largest |sc| is -2^(bits-1)... and q's extreme -nmax
                const int nmax = type == kQ6_K ? 32 : 4;
                const int smax = type == kQ6_K ? 128 : 32;
                const int big = pick(0, 15);
                for (int s = 0; s < 16; ++s) {
                    const int sc = s == big ? -smax : pick(-smax + 1, smax - 1);
                    for (int i = 0; i < 16; ++i) x.push_back(d * float(sc) * float(pick(-nmax + 1, nmax - 1)));
                    x[x.size() - 16 + size_t(pick(0, 15))] = d * float(sc) * float(-nmax);
                }
                break;
            }
            case kQ4_K:
            case kQ5_K:
            case kQ2_K: {  // value d * sc * q - dmin * m, q spanning [0, nmax]; largest sc and m at the top
                const int nmax = type == kQ4_K ? 15 : type == kQ5_K ? 31 : 3;
                const int smax = type == kQ2_K ? 15 : 63;
                const int n_sub = type == kQ2_K ? 16 : 8;
                const int len = 256 / n_sub;
                // The searches fit scale and min by least squares in float, which only
                // recovers a min that is not tiny next to the range: dmin within a few
                // powers of two of d. Q2_K's search also weighs errors by |x|, so a level
                // that is exactly 0 costs nothing to miss and another (scale, min) can fit
                // as well as the true one; with dmin = d / 32 and m >= 1 no level is 0.
                const float dmin = type == kQ2_K ? d / 32 : std::ldexp(d, pick(-3, 2));
                const int big_s = pick(0, n_sub - 1), big_m = pick(0, n_sub - 1);
                for (int s = 0; s < n_sub; ++s) {
                    const int sc = s == big_s ? smax : pick(1, smax);
                    const int m = s == big_m ? smax : pick(type == kQ2_K ? 1 : 0, smax);
                    for (int i = 0; i < len; ++i) x.push_back(d * float(sc) * float(pick(0, nmax)) - dmin * float(m));
                    x[x.size() - size_t(len)] = -dmin * float(m);
                    x[x.size() - 1] = d * float(sc) * float(nmax) - dmin * float(m);
                }
                break;
            }
            default: qFatal("no representable recipe for type %u", type);
        }
    }
    return x;
}

}  // namespace

class TestQuantize : public QObject {
    Q_OBJECT
private slots:
    void supportedTypes() {
        for (const TypeInfo& t : all_types()) QVERIFY2(quantize_supported(t.type), t.name);
        for (uint32_t type : {kQ8_K, 9u, 16u, 20u, 23u, 24u, 28u, 34u, 99u}) QVERIFY(!quantize_supported(type));
    }

    void rejectsBadLengths() {
        std::vector<float> x(512, 1.0f);
        std::vector<uint8_t> out(4096, 0xab);
        for (const TypeInfo& t : all_types()) {
            if (t.block_size == 1) continue;
            QVERIFY2(!quantize_row(t.type, x.data(), out.data(), t.block_size + 1), t.name);
            QVERIFY2(!quantize_row(t.type, x.data(), out.data(), -t.block_size), t.name);
        }
        QVERIFY(!quantize_row(kQ8_K, x.data(), out.data(), 256));
        QVERIFY(std::all_of(out.begin(), out.end(), [](uint8_t b) { return b == 0xab; }));  // nothing written
        QVERIFY(quantize_row(kQ4_0, x.data(), out.data(), 0));
    }

    void roundTripError_data() {
        QTest::addColumn<uint32_t>("type");
        QTest::addColumn<double>("bound");
        // Relative RMS error on N(0, 1) data, 256 rows of 1024 values, as measured
        // with this test (printed), plus 5%. A wrong layout gives errors near 100%; the
        // K-quants' searches are what put Q4_K below Q4_1 and Q5_K below Q5_1 at
        // fewer bits per weight. (The exact bytes are checked against llama.cpp's
        // files in tst_quantize_reference.)
        //                                   measured
        QTest::newRow("f32") << kF32 << 0.0;
        QTest::newRow("f16") << kF16 << 0.000218;   // 0.0207%
        QTest::newRow("bf16") << kBF16 << 0.00174;  // 0.166%
        QTest::newRow("q8_0") << kQ8_0 << 0.00563;  // 0.536%
        QTest::newRow("q6_K") << kQ6_K << 0.0186;   // 1.77%
        QTest::newRow("q5_K") << kQ5_K << 0.0380;   // 3.61%
        QTest::newRow("q5_1") << kQ5_1 << 0.0397;   // 3.78%
        QTest::newRow("q5_0") << kQ5_0 << 0.0448;   // 4.26%
        QTest::newRow("q4_K") << kQ4_K << 0.0750;   // 7.14%
        QTest::newRow("q4_1") << kQ4_1 << 0.0823;   // 7.83%
        QTest::newRow("q4_0") << kQ4_0 << 0.0903;   // 8.59%
        QTest::newRow("q3_K") << kQ3_K << 0.158;    // 15.06%
        QTest::newRow("q2_K") << kQ2_K << 0.311;    // 29.62%
    }

    void roundTripError() {
        QFETCH(uint32_t, type);
        QFETCH(double, bound);
        const std::vector<float> x = normal_data(256 * 1024, 1234);
        const std::vector<uint8_t> q = quantize(type, x);
        QVERIFY(!q.empty());
        const std::vector<float> y = dequantize(type, q, x.size());
        QCOMPARE(y.size(), x.size());
        const double err = rel_rms(x, y);
        qInfo("%s: relative RMS error %.4f%%", info(type).name, 100 * err);
        QVERIFY2(err <= bound, qPrintable(QStringLiteral("%1 > %2").arg(err).arg(bound)));
        // Scaling by a power of two scales a block type's result exactly (no absolute
        // thresholds inside) while its fp16 scales stay normal numbers. (Not for F16
        // itself: tiny elements are subnormal halves at one scale and not the other.)
        if (info(type).block_size == 1) return;
        for (const float k : {8.0f, 0.25f}) {
            std::vector<float> scaled = x;
            for (float& v : scaled) v *= k;
            const std::vector<float> ys = dequantize(type, quantize(type, scaled), x.size());
            for (size_t i = 0; i < x.size(); ++i) {
                if (ys[i] != k * y[i]) QFAIL(qPrintable(QStringLiteral("x%1: element %2").arg(k).arg(i)));
            }
        }
    }

    void representableValuesRoundTripExactly_data() {
        QTest::addColumn<uint32_t>("type");
        for (const TypeInfo& t : all_types()) {
            if (t.block_size > 1) QTest::newRow(t.name) << t.type;
        }
    }

    void representableValuesRoundTripExactly() {
        QFETCH(uint32_t, type);
        for (unsigned seed = 1; seed <= 200; ++seed) {
            const std::vector<float> x = representable(type, 8, seed);
            const std::vector<float> y = dequantize(type, quantize(type, x), x.size());
            QVERIFY2(same_values(y, x, info(type).name), qPrintable(QStringLiteral("seed %1").arg(seed)));
        }
    }

    void requantizingIsStable_data() {
        QTest::addColumn<uint32_t>("type");
        for (const TypeInfo& t : all_types()) {
            if (t.block_size <= 32) QTest::newRow(t.name) << t.type;
        }
    }

    void requantizingIsStable() {
        // What a 32-element quantizer writes, decoded, is data it can hold, with the
        // same extremes: quantizing that again gives back the same values. (Not so for
        // the K-quants: their searches may find another fit for the decoded values.)
        QFETCH(uint32_t, type);
        const std::vector<float> x = normal_data(64 * 256, 99, 0.02f);
        const std::vector<float> once = dequantize(type, quantize(type, x), x.size());
        const std::vector<float> twice = dequantize(type, quantize(type, once), x.size());
        QVERIFY(same_values(twice, once, info(type).name));
    }

    void floatTypesRoundToNearestEven() {
        const std::vector<float> x = {1.0f + 1.0f / 2048, 1.0f + 3.0f / 2048, 65520.0f, 1e-8f, -0.0f, 70000.0f};
        const auto h = dequantize(kF16, quantize(kF16, x), x.size());
        QCOMPARE(h[0], 1.0f);                // tie to even (down)
        QCOMPARE(h[1], 1.0f + 4.0f / 2048);  // tie to even (up)
        QVERIFY(std::isinf(h[2]));           // rounds past the largest half
        QCOMPARE(h[3], 0.0f);                // below half the smallest subnormal
        QVERIFY(std::signbit(h[4]));
        QVERIFY(std::isinf(h[5]));
        const std::vector<float> b = {1.0f + 1.0f / 256, 1.0f + 3.0f / 256, 3.4028235e38f};
        const auto bf = dequantize(kBF16, quantize(kBF16, b), b.size());
        QCOMPARE(bf[0], 1.0f);
        QCOMPARE(bf[1], 1.0f + 4.0f / 256);
        QVERIFY(std::isinf(bf[2]));  // FLT_MAX rounds up past the largest bfloat16
    }

    void zeroBlocksStayZero_data() { representableValuesRoundTripExactly_data(); }

    void zeroBlocksStayZero() {
        // An all-zero block between two normal ones: it decodes to exact zeros and the
        // neighbours quantize as they do alone.
        QFETCH(uint32_t, type);
        const int64_t bs = info(type).block_size;
        const std::vector<float> a = normal_data(size_t(bs), 5), c = normal_data(size_t(bs), 6);
        std::vector<float> row(size_t(3 * bs), 0.0f);
        std::copy(a.begin(), a.end(), row.begin());
        std::copy(c.begin(), c.end(), row.begin() + 2 * bs);
        const std::vector<float> y = dequantize(type, quantize(type, row), row.size());
        QCOMPARE(y.size(), row.size());
        for (int64_t i = bs; i < 2 * bs; ++i) QCOMPARE(y[size_t(i)], 0.0f);
        const std::vector<float> ya = dequantize(type, quantize(type, a), a.size());
        const std::vector<float> yc = dequantize(type, quantize(type, c), c.size());
        QVERIFY(std::equal(ya.begin(), ya.end(), y.begin()));
        QVERIFY(std::equal(yc.begin(), yc.end(), y.begin() + 2 * bs));
        // Denormal-sized inputs are a zero group to the K-quant searches, not a NaN.
        const std::vector<float> tiny(size_t(bs), 1e-20f);
        for (float v : dequantize(type, quantize(type, tiny), tiny.size())) QVERIFY(std::isfinite(v));
    }

    void oddInputsAreMemorySafe_data() { representableValuesRoundTripExactly_data(); }

    void oddInputsAreMemorySafe() {
        // Denormal-scaled blocks (1/d overflows), infinities and NaNs give unspecified
        // blocks but no undefined behaviour (the sanitizer presets run this), and the
        // neighbouring blocks are untouched.
        QFETCH(uint32_t, type);
        const int64_t bs = info(type).block_size;
        std::vector<float> row = normal_data(size_t(4 * bs), 3);
        for (int64_t i = 0; i < bs; ++i) row[size_t(i)] = float(i % 3) * 1e-40f;
        row[size_t(bs + 1)] = std::numeric_limits<float>::infinity();
        row[size_t(2 * bs + 2)] = std::nanf("");
        const std::vector<float> y = dequantize(type, quantize(type, row), row.size());
        QCOMPARE(y.size(), row.size());
        const std::vector<float> last(row.end() - bs, row.end());
        const std::vector<float> alone = dequantize(type, quantize(type, last), last.size());
        QVERIFY(std::equal(alone.begin(), alone.end(), y.end() - bs));
    }

    void q4_0UsesTheSignedMaximum() {
        // The element of largest magnitude is positive here: d = max / -8 is negative,
        // that element lands on quant 0 and decodes exactly; the other side only reaches
        // +7 steps, so -1.0 clips to -0.875.
        std::vector<float> x(32, 0.0f);
        x[3] = 1.0f;
        x[20] = -1.0f + 1.0f / 64;
        x[7] = 0.5f;
        const std::vector<uint8_t> q = quantize(kQ4_0, x);
        uint16_t d = 0;
        std::memcpy(&d, q.data(), 2);
        QCOMPARE(fp16_to_fp32(d), -0.125f);
        QCOMPARE(q[2 + 3] & 0x0f, 0);
        const std::vector<float> y = dequantize(kQ4_0, q, 32);
        QCOMPARE(y[3], 1.0f);
        QCOMPARE(y[7], 0.5f);
        QCOMPARE(y[20], -0.875f);
        // Q5_0: d = max / -16.
        std::memcpy(&d, quantize(kQ5_0, x).data(), 2);
        QCOMPARE(fp16_to_fp32(d), -0.0625f);
    }

    void q8_0RoundsHalfAwayFromZero() {
        // amax 127 gives d = 1: 2.5 -> 3 and -2.5 -> -3 (roundf), not to even.
        std::vector<float> x(32, 0.0f);
        x[0] = 127.0f;
        x[1] = 2.5f;
        x[2] = -2.5f;
        const std::vector<uint8_t> q = quantize(kQ8_0, x);
        QCOMPARE(int(int8_t(q[3])), 3);
        QCOMPARE(int(int8_t(q[4])), -3);
    }

    void unalignedOutputIsTheSameBytes_data() { representableValuesRoundTripExactly_data(); }

    void unalignedOutputIsTheSameBytes() {
        QFETCH(uint32_t, type);
        const TypeInfo& t = info(type);
        const std::vector<float> x = normal_data(size_t(2 * t.block_size), 8);
        const std::vector<uint8_t> aligned = quantize(type, x);
        std::vector<uint8_t> shifted(aligned.size() + 1);
        QVERIFY(quantize_row(type, x.data(), shifted.data() + 1, int64_t(x.size())));
        QVERIFY(std::equal(aligned.begin(), aligned.end(), shifted.begin() + 1));
    }
};

QTEST_GUILESS_MAIN(TestQuantize)
#include "tst_quantize.moc"
