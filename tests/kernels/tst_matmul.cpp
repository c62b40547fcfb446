// The CPU matmul kernels: the scalar kernel of every type against a double-precision
// sum over the dequantized weights (dequantize.h, the oracle) and the dequantized
// activations; every SIMD kernel the CPU can run against the scalar one on the same
// inputs; the activation quantizers of every ISA byte for byte against the scalar
// one; the dispatch contract (ISAs, tables, block sizes, activation sizes).
//
// Shapes avoid multiples of the SIMD widths (rows, tokens), odd numbers of blocks,
// rows and activation rows with padding and at odd addresses, and y strides wider
// than the rows; y outside the outputs must stay untouched.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

#include "fyr/kernels/cpu_features.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/matmul.h"
#include "kernel_sets.h"
#include "matmul_internal.h"  // kernels/cpu: the fast half conversion, checked exhaustively

using namespace fyr::kernels;

namespace {

constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10, kQ3_K = 11,
                   kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kQ8_K = 15, kBF16 = 30;

// How the activations of a weight type are stored (see matmul.h; matmul_internal.h).
enum class Form { F32, F16, BF16, Q8_0, Q8_1, Q8_K };

Form form_of(uint32_t type) {
    switch (type) {
        case kF16: return Form::F16;
        case kBF16: return Form::BF16;
        case kQ4_0:
        case kQ5_0:
        case kQ8_0: return Form::Q8_0;
        case kQ4_1:
        case kQ5_1: return Form::Q8_1;
        case kQ2_K:
        case kQ3_K:
        case kQ4_K:
        case kQ5_K:
        case kQ6_K: return Form::Q8_K;
        default: return Form::F32;  // F32, and the generic kernel (Q8_K weights)
    }
}

size_t form_bytes(Form f, int64_t n) {
    const auto un = static_cast<size_t>(n);
    switch (f) {
        case Form::F32: return 4 * un;
        case Form::F16:
        case Form::BF16: return 2 * un;
        case Form::Q8_0: return un + 4 * (un / 32);
        case Form::Q8_1: return un + 8 * (un / 32);
        case Form::Q8_K: return un / 256 * 292;
    }
    return 0;
}

struct TypeInfo {
    int64_t block;
    size_t bytes;  // per block
    // Offsets of the fp16 scale fields in a block (set to sane values in random data).
    std::vector<size_t> halves;
};

TypeInfo type_info(uint32_t type) {
    switch (type) {
        case kF32: return {1, 4, {}};
        case kF16: return {1, 2, {}};
        case kBF16: return {1, 2, {}};
        case kQ4_0: return {32, 18, {0}};
        case kQ4_1: return {32, 20, {0, 2}};
        case kQ5_0: return {32, 22, {0}};
        case kQ5_1: return {32, 24, {0, 2}};
        case kQ8_0: return {32, 34, {0}};
        case kQ2_K: return {256, 84, {80, 82}};
        case kQ3_K: return {256, 110, {108}};
        case kQ4_K: return {256, 144, {0, 2}};
        case kQ5_K: return {256, 176, {0, 2}};
        case kQ6_K: return {256, 210, {208}};
        case kQ8_K: return {256, 292, {}};  // float d, set separately
        default: return {0, 0, {}};
    }
}

const char* type_name(uint32_t type) {
    switch (type) {
        case kF32: return "F32";
        case kF16: return "F16";
        case kBF16: return "BF16";
        case kQ4_0: return "Q4_0";
        case kQ4_1: return "Q4_1";
        case kQ5_0: return "Q5_0";
        case kQ5_1: return "Q5_1";
        case kQ8_0: return "Q8_0";
        case kQ2_K: return "Q2_K";
        case kQ3_K: return "Q3_K";
        case kQ4_K: return "Q4_K";
        case kQ5_K: return "Q5_K";
        case kQ6_K: return "Q6_K";
        case kQ8_K: return "Q8_K";
        default: return "?";
    }
}

void put_half(uint8_t* p, float f) {
    const uint16_t h = fp32_to_fp16(f);
    std::memcpy(p, &h, 2);
}

// Weight rows of a type: random bytes with sane fp16 scales for quantized types,
// random normal values for the float ones. Rows are w_row_bytes apart (padded) and
// start one byte into the buffer, at odd addresses.
std::vector<uint8_t> make_weights(uint32_t type, int64_t n, int64_t n_rows, size_t w_row_bytes, std::mt19937& rng) {
    const TypeInfo info = type_info(type);
    std::vector<uint8_t> w(w_row_bytes * static_cast<size_t>(n_rows) + 1);
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto& b : w) b = static_cast<uint8_t>(byte(rng));
    std::normal_distribution<float> normal(0.f, 1.f);
    std::uniform_real_distribution<float> scale(0.0005f, 0.02f);
    std::bernoulli_distribution negative(0.2);
    for (int64_t r = 0; r < n_rows; ++r) {
        uint8_t* row = w.data() + 1 + static_cast<size_t>(r) * w_row_bytes;
        for (int64_t i = 0; i < n / info.block; ++i) {
            uint8_t* block = row + static_cast<size_t>(i) * info.bytes;
            if (type == kF32) {
                const float f = normal(rng);
                std::memcpy(block, &f, 4);
            } else if (type == kF16) {
                put_half(block, normal(rng));
            } else if (type == kBF16) {
                const uint16_t h = fp32_to_bf16(normal(rng));
                std::memcpy(block, &h, 2);
            } else if (type == kQ8_K) {
                const float d = scale(rng);
                std::memcpy(block, &d, 4);
            } else {
                for (size_t off : info.halves) put_half(block + off, negative(rng) ? -scale(rng) : scale(rng));
            }
        }
    }
    return w;
}

// Activations: normal values at a different magnitude per token, one token of zeros
// (the zero-scale path) and ties of the largest magnitude with both signs.
std::vector<float> make_activations(int64_t n, int64_t n_tok, std::mt19937& rng) {
    std::vector<float> x(static_cast<size_t>(n * n_tok));
    std::normal_distribution<float> normal(0.f, 1.f);
    for (int64_t t = 0; t < n_tok; ++t) {
        float* row = x.data() + t * n;
        const float mag = std::pow(10.f, static_cast<float>(t % 3) - 1.f);
        for (int64_t i = 0; i < n; ++i) row[i] = t == 2 ? 0.f : mag * normal(rng);
        if (t == 1) {
            for (int64_t i = 0; i + 20 < n; i += 256) {
                row[i + 3] = 9.f * mag;
                row[i + 19] = -9.f * mag;
            }
        }
    }
    return x;
}

// The activation row's values as the kernels see them.
std::vector<double> dequantize_activations(Form f, const uint8_t* xq, int64_t n) {
    std::vector<double> out(static_cast<size_t>(n));
    std::vector<float> tmp(static_cast<size_t>(n));
    switch (f) {
        case Form::F32: std::memcpy(tmp.data(), xq, static_cast<size_t>(n) * 4); break;
        case Form::F16:
            if (!dequantize_row(kF16, xq, tmp.data(), n)) return {};
            break;
        case Form::BF16:
            if (!dequantize_row(kBF16, xq, tmp.data(), n)) return {};
            break;
        case Form::Q8_K:
            if (!dequantize_row(kQ8_K, xq, tmp.data(), n)) return {};
            break;
        case Form::Q8_0:
        case Form::Q8_1:
            for (int64_t i = 0; i < n; ++i) {
                float d;
                std::memcpy(&d, xq + n + 4 * (i / 32), 4);
                out[static_cast<size_t>(i)] = static_cast<int8_t>(xq[i]) * static_cast<double>(d);
            }
            return out;
    }
    for (int64_t i = 0; i < n; ++i) out[static_cast<size_t>(i)] = tmp[static_cast<size_t>(i)];
    return out;
}

struct Reference {
    std::vector<double> y;    // [n_tok][n_rows]
    std::vector<double> mag;  // sum |w_i x_i| (+ |m s| per block), the scale of the tolerance
};

// Double-precision y from the dequantized weights and activations. For the types
// with a minimum (Q8_1 activations), the minimum times the activation block's stored
// sum, as the kernels compute it (that sum is rounded to fp16).
Reference reference(uint32_t type, const uint8_t* w, size_t w_row_bytes, int64_t n_rows, const uint8_t* xq,
                    size_t x_row_bytes, int64_t n_tok, int64_t n) {
    const Form f = form_of(type);
    Reference ref;
    ref.y.assign(static_cast<size_t>(n_rows * n_tok), 0.0);
    ref.mag.assign(static_cast<size_t>(n_rows * n_tok), 0.0);
    std::vector<std::vector<double>> xs;
    for (int64_t t = 0; t < n_tok; ++t) xs.push_back(dequantize_activations(f, xq + t * x_row_bytes, n));
    std::vector<float> wf(static_cast<size_t>(n));
    const TypeInfo info = type_info(type);
    for (int64_t r = 0; r < n_rows; ++r) {
        const uint8_t* row = w + static_cast<size_t>(r) * w_row_bytes;
        if (!dequantize_row(type, row, wf.data(), n)) return {};
        for (int64_t t = 0; t < n_tok; ++t) {
            const std::vector<double>& x = xs[static_cast<size_t>(t)];
            const uint8_t* xrow = xq + t * x_row_bytes;
            double sum = 0.0, mag = 0.0;
            for (int64_t i = 0; i < n; ++i) {
                const double p = wf[static_cast<size_t>(i)] * x[static_cast<size_t>(i)];
                mag += std::fabs(p);
                if (f != Form::Q8_1) sum += p;
            }
            if (f == Form::Q8_1) {
                for (int64_t b = 0; b < n / 32; ++b) {
                    uint16_t mh;
                    std::memcpy(&mh, row + static_cast<size_t>(b) * info.bytes + 2, 2);
                    const double m = fp16_to_fp32(mh);
                    float s;
                    std::memcpy(&s, xrow + n + 4 * (n / 32 + b), 4);
                    for (int64_t i = 32 * b; i < 32 * b + 32; ++i) {
                        sum += (wf[static_cast<size_t>(i)] - m) * x[static_cast<size_t>(i)];
                    }
                    sum += m * s;
                    mag += std::fabs(m * s);
                }
            }
            ref.y[static_cast<size_t>(t * n_rows + r)] = sum;
            ref.mag[static_cast<size_t>(t * n_rows + r)] = mag;
        }
    }
    return ref;
}

std::vector<int64_t> sizes_for(uint32_t type) {
    const int64_t block = type_info(type).block;
    if (block == 1) return {1, 2, 7, 33, 4096, 5632 + 5};
    if (block == 32) return {32, 64, 7 * 32, 4096, 4096 + 32, 5632};
    return {256, 512, 7 * 256, 2816, 5632};
}

const int64_t kRowCounts[] = {1, 2, 3, 4, 5, 7, 8, 9, 17, 33};
const int64_t kTokCounts[] = {1, 2, 3, 4, 5, 8, 13};
constexpr int64_t kMaxRows = 33, kMaxToks = 13;

const uint32_t kAllTypes[] = {kF32,  kF16,  kBF16, kQ4_0, kQ4_1, kQ5_0, kQ5_1,
                              kQ8_0, kQ2_K, kQ3_K, kQ4_K, kQ5_K, kQ6_K, kQ8_K};

bool same_float_bits(float a, float b) {
    return std::memcmp(&a, &b, 4) == 0;
}

// Checks y [n_tok][y_stride] against the oracle (want == nullptr) or another
// kernel's y, within 1e-5 of sum |w x|, and that y outside the rows is untouched
// (still the sentinel). Returns what is wrong, or nothing; keeps the worst ratio.
QString compare(const std::vector<float>& y, const std::vector<float>* want, const Reference& ref, int64_t n_rows,
                int64_t n_tok, int64_t y_stride, double* worst_ratio) {
    const float sentinel = std::nanf("0x5a5");
    for (int64_t t = 0; t < n_tok; ++t) {
        for (int64_t j = 0; j < y_stride; ++j) {
            const float got = y[static_cast<size_t>(t * y_stride + j)];
            if (j >= n_rows) {
                if (!same_float_bits(got, sentinel)) return QStringLiteral("y written outside the rows");
                continue;
            }
            const size_t ri = static_cast<size_t>(t * kMaxRows + j);
            const double expected = want ? (*want)[static_cast<size_t>(t * y_stride + j)] : ref.y[ri];
            const double tol = 1e-5 * ref.mag[ri] + 1e-30;
            *worst_ratio = std::max(*worst_ratio, std::fabs(got - expected) / tol);
            if (!(std::fabs(got - expected) <= tol)) {
                return QStringLiteral("y[%1][%2] = %3, expected %4 (tolerance %5, oracle %6)")
                    .arg(t)
                    .arg(j)
                    .arg(double(got), 0, 'g', 9)
                    .arg(expected, 0, 'g', 9)
                    .arg(tol, 0, 'g', 3)
                    .arg(ref.y[ri], 0, 'g', 9);
            }
        }
    }
    if (!same_float_bits(y.back(), sentinel)) return QStringLiteral("y written past the last token");
    return {};
}

// The kernels under test: every available ISA, plus the emulated AVX-512 ones.
using Candidate = fyr::test::KernelSet;

}  // namespace

class TestMatmul : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        for (Isa isa : {Isa::Avx2, Isa::Avx512, Isa::Avx512Amx}) {
            if (!isa_available(isa)) {
                qInfo("%s: not run: %s", isa_name(isa),
                      isa == Isa::Avx2     ? "this CPU lacks AVX2/FMA/F16C or the build has no AVX2 kernels"
                      : isa == Isa::Avx512 ? "this CPU lacks AVX-512F/BW/VL/DQ or the build has no AVX-512 kernels"
                                           : "this CPU (or OS) lacks AMX-INT8 or AVX-512 VNNI, or the build has no "
                                             "AMX kernels");
            }
        }
        if (isa_available(Isa::Avx512)) {
            qInfo("avx512: %s", cpu_features().avx512_vnni ? "VNNI variant" : "AVX-512BW variant (no VNNI)");
        }
#if FYR_TEST_AVX512_EMULATED
        qInfo(
            "avx512-emulated, avx512-vnni-emulated, avx512-amx-emulated: the AVX-512 kernels over SIMDe (AMX "
            "tiles over a C++ model of them), run too");
#else
        qInfo("avx512-emulated: not run: built without SIMDe's headers (libsimde-dev)");
#endif
    }

    void isaQueries() {
        QCOMPARE(QByteArray(isa_name(Isa::Scalar)), QByteArray("scalar"));
        QCOMPARE(QByteArray(isa_name(Isa::Avx2)), QByteArray("avx2"));
        QCOMPARE(QByteArray(isa_name(Isa::Avx512)), QByteArray("avx512"));
        QCOMPARE(QByteArray(isa_name(Isa::Avx512Amx)), QByteArray("avx512-amx"));
        const CpuFeatures& cpu = cpu_features();
        QVERIFY(isa_available(Isa::Scalar));
        if (isa_available(Isa::Avx2)) QVERIFY(cpu.avx2 && cpu.fma && cpu.f16c);
        if (isa_available(Isa::Avx512)) QVERIFY(cpu.avx512f && cpu.avx512bw && cpu.avx512vl && cpu.avx512dq);
        if (isa_available(Isa::Avx512Amx)) QVERIFY(isa_available(Isa::Avx512) && cpu.avx512_vnni && cpu.amx_int8);
        const std::vector<Isa> isas = available_isas();
        QVERIFY(!isas.empty());
        QCOMPARE(isas.front(), Isa::Scalar);
        for (size_t i = 1; i < isas.size(); ++i) QVERIFY(static_cast<int>(isas[i - 1]) < static_cast<int>(isas[i]));
        for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512, Isa::Avx512Amx}) {
            QCOMPARE(isa_available(isa), std::find(isas.begin(), isas.end(), isa) != isas.end());
        }
        // best_isa(): the best available, lowered (never raised) by FYR_KERNELS_ISA.
        Isa expected = isas.back();
        if (const char* env = std::getenv("FYR_KERNELS_ISA")) {
            for (Isa isa : isas) {
                if (std::strcmp(env, isa_name(isa)) == 0) expected = isa;
            }
        }
        QCOMPARE(best_isa(), expected);
        QVERIFY(isa_available(best_isa()));
        QCOMPARE(best_isa(), best_isa());
    }

    void tables() {
        for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512, Isa::Avx512Amx}) {
            for (uint32_t type = 0; type < 64; ++type) {
                const MatmulKernels* k = matmul_kernels(type, isa);
                if (!isa_available(isa) || !dequantize_supported(type)) {
                    QVERIFY2(k == nullptr, type_name(type));
                    continue;
                }
                QVERIFY2(k != nullptr, qPrintable(QStringLiteral("%1 on %2").arg(type).arg(isa_name(isa))));
                QCOMPARE(k->weight_type, type);
                QCOMPARE(k->isa, isa);
                QCOMPARE(k->block, type_info(type).block);
                QVERIFY(k->activation_bytes && k->quantize && k->gemm);
                const Form f = form_of(type);
                for (int64_t blocks : {1, 3, 22}) {
                    const int64_t n = blocks * k->block;
                    QCOMPARE(k->activation_bytes(n), form_bytes(f, n));
                }
            }
        }
        QVERIFY(matmul_kernels(16, Isa::Scalar) == nullptr);  // IQ2_XXS: no dequantizer
        QVERIFY(matmul_kernels(1000, Isa::Scalar) == nullptr);
    }

    void halfConversionIsExact() {
        for (uint32_t h = 0; h < 65536; ++h) {
            const float fast = fyr::kernels::detail::half_to_float(static_cast<uint16_t>(h));
            const float ref = fp16_to_fp32(static_cast<uint16_t>(h));
            if (!same_float_bits(fast, ref) && !(std::isnan(fast) && std::isnan(ref))) {
                QFAIL(qPrintable(QStringLiteral("half 0x%1").arg(h, 4, 16, QLatin1Char('0'))));
            }
        }
    }

    void gemm_data() {
        QTest::addColumn<uint32_t>("type");
        for (uint32_t type : kAllTypes) QTest::newRow(type_name(type)) << type;
    }

    void gemm() {
        QFETCH(uint32_t, type);
        const MatmulKernels* scalar = matmul_kernels(type, Isa::Scalar);
        QVERIFY(scalar != nullptr);
        std::mt19937 rng(1234u + type);
        const std::vector<Candidate> under_test = fyr::test::kernelSets(type);
        std::vector<double> worst(under_test.size(), 0.0);  // largest |error| / tolerance per candidate
        for (int64_t n : sizes_for(type)) {
            const TypeInfo info = type_info(type);
            const size_t w_row_bytes = static_cast<size_t>(n / info.block) * info.bytes + 3;
            const std::vector<uint8_t> w_store = make_weights(type, n, kMaxRows, w_row_bytes, rng);
            const uint8_t* w = w_store.data() + 1;
            const std::vector<float> x = make_activations(n, kMaxToks, rng);
            const size_t x_row_bytes = scalar->activation_bytes(n) + 5;
            std::vector<uint8_t> xq_store(x_row_bytes * kMaxToks + 1, 0xcd);
            uint8_t* xq = xq_store.data() + 1;
            for (int64_t t = 0; t < kMaxToks; ++t) scalar->quantize(x.data() + t * n, xq + t * x_row_bytes, n);
            const Reference ref = reference(type, w, w_row_bytes, kMaxRows, xq, x_row_bytes, kMaxToks, n);
            QVERIFY(!ref.y.empty());

            for (size_t c = 0; c < under_test.size(); ++c) {
                double& worst_ratio = worst[c];
                const MatmulKernels* k = under_test[c].kernels;
                const QString& name = under_test[c].name;
                const bool is_scalar = c == 0;
                QVERIFY(k != nullptr);
                // The activation bytes agree with the scalar quantizer's.
                std::vector<uint8_t> mine(k->activation_bytes(n));
                for (int64_t t = 0; t < kMaxToks; ++t) {
                    k->quantize(x.data() + t * n, mine.data(), n);
                    if (std::memcmp(mine.data(), xq + t * x_row_bytes, mine.size()) != 0) {
                        QFAIL(qPrintable(
                            QStringLiteral("%1 quantize differs from scalar: n %2 token %3").arg(name).arg(n).arg(t)));
                    }
                }
                // Scalar against the double oracle, the others against scalar.
                for (int64_t n_rows : kRowCounts) {
                    for (int64_t n_tok : kTokCounts) {
                        const int64_t y_stride = n_rows + 2;
                        const float sentinel = std::nanf("0x5a5");
                        std::vector<float> y(static_cast<size_t>(y_stride * n_tok + 1), sentinel);
                        k->gemm(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y.data(), y_stride);
                        std::vector<float> y_scalar;
                        if (!is_scalar) {
                            y_scalar.assign(y.size(), sentinel);
                            scalar->gemm(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y_scalar.data(), y_stride);
                        }
                        const QString error =
                            compare(y, is_scalar ? nullptr : &y_scalar, ref, n_rows, n_tok, y_stride, &worst_ratio);
                        if (!error.isEmpty()) {
                            QFAIL(qPrintable(QStringLiteral("%1: n %2 rows %3 toks %4: %5")
                                                 .arg(name)
                                                 .arg(n)
                                                 .arg(n_rows)
                                                 .arg(n_tok)
                                                 .arg(error)));
                        }
                    }
                }
            }
        }
        QString report;
        for (size_t c = 0; c < under_test.size(); ++c) {
            report += QStringLiteral(" %1 %2").arg(under_test[c].name).arg(worst[c], 0, 'f', 3);
        }
        qInfo("%s: largest error / tolerance:%s", type_name(type), qPrintable(report));
    }

    // gemm_t_acc: every F16 and Q8_0 table has it; the scalar one against a double
    // oracle, the others bit for bit against the scalar one (each lane's sum is the same
    // chain of fused multiply-adds). Shapes cover the tiles' edges: rows past a slab
    // (64), columns past whole vectors (F16) and over several blocks (Q8_0), tokens past
    // a tile (4) and past a group (64).
    void transposedProduct_data() {
        QTest::addColumn<uint32_t>("type");
        QTest::newRow("f16") << uint32_t{1};
        QTest::newRow("q8_0") << uint32_t{8};
    }
    void transposedProduct() {
        QFETCH(uint32_t, type);
        constexpr uint32_t kF16 = 1, kQ8_0 = 8;
        const MatmulKernels* scalar = matmul_kernels(type, Isa::Scalar);
        QVERIFY(scalar != nullptr && scalar->gemm_t_acc != nullptr);
        std::mt19937 rng(77u + type);
        std::normal_distribution<float> normal(0.f, 1.f);
        std::uniform_int_distribution<int> quant(-128, 127);
        auto half = [](const uint8_t* p) {
            uint16_t h;
            std::memcpy(&h, p, 2);
            return fp16_to_fp32(h);
        };
        for (uint32_t t : kAllTypes) {
            if (t != kF16 && t != kQ8_0 && matmul_kernels(t, Isa::Scalar)->gemm_t_acc != nullptr)
                QFAIL(qPrintable(QStringLiteral("%1 has a transposed product, untested").arg(type_name(t))));
        }
        const bool q8 = type == kQ8_0;
        // Weight i of a row as the kernels must read it.
        auto weight = [&](const uint8_t* row, int64_t i) -> double {
            if (!q8) return half(row + 2 * i);
            const uint8_t* b = row + static_cast<size_t>(i / 32) * 34;
            return static_cast<double>(half(b)) * static_cast<int8_t>(b[2 + i % 32]);
        };
        const std::vector<int64_t> col_counts =
            q8 ? std::vector<int64_t>{32, 64, 96, 128} : std::vector<int64_t>{1, 7, 8, 15, 16, 17, 33, 130};
        for (int64_t n : {1, 7, 64, 65, 130}) {
            for (int64_t n_cols : col_counts) {
                for (int64_t n_tok : {1, 3, 4, 5, 9, 70}) {
                    const size_t cols_bytes =
                        q8 ? static_cast<size_t>(n_cols / 32) * 34 : static_cast<size_t>(n_cols) * 2;
                    const size_t w_row_bytes = cols_bytes + 6;
                    const size_t x_row_bytes = static_cast<size_t>(n) * 2 + 4;
                    std::vector<uint8_t> w(w_row_bytes * static_cast<size_t>(n) + 1), xq(x_row_bytes * n_tok + 1);
                    for (int64_t j = 0; j < n; ++j) {
                        uint8_t* row = &w[1 + j * w_row_bytes];
                        if (!q8) {
                            for (int64_t i = 0; i < n_cols; ++i) put_half(row + 2 * i, normal(rng));
                            continue;
                        }
                        for (int64_t b = 0; b < n_cols / 32; ++b) {
                            put_half(row + b * 34, normal(rng) / 127.f);
                            for (int k = 0; k < 32; ++k) row[b * 34 + 2 + k] = static_cast<uint8_t>(quant(rng));
                        }
                    }
                    for (int64_t t = 0; t < n_tok; ++t)
                        for (int64_t j = 0; j < n; ++j) put_half(&xq[1 + t * x_row_bytes + 2 * j], normal(rng));
                    const int64_t y_stride = n_cols + 3;
                    const float sentinel = std::nanf("0x5a5");
                    std::vector<float> y0(static_cast<size_t>(y_stride * n_tok + 1), sentinel);
                    for (int64_t t = 0; t < n_tok; ++t)
                        for (int64_t i = 0; i < n_cols; ++i) y0[t * y_stride + i] = normal(rng);
                    const QString shape = QStringLiteral("n %1 cols %2 toks %3").arg(n).arg(n_cols).arg(n_tok);
                    std::vector<float> y_scalar = y0;
                    scalar->gemm_t_acc(n, w.data() + 1, w_row_bytes, n_cols, xq.data() + 1, x_row_bytes, n_tok,
                                       y_scalar.data(), y_stride);
                    for (int64_t t = 0; t < n_tok; ++t) {
                        for (int64_t i = 0; i < n_cols; ++i) {
                            double sum = y0[t * y_stride + i], mag = std::abs(sum);
                            for (int64_t j = 0; j < n; ++j) {
                                const double p = static_cast<double>(half(&xq[1 + t * x_row_bytes + 2 * j])) *
                                                 weight(&w[1 + j * w_row_bytes], i);
                                sum += p;
                                mag += std::abs(p);
                            }
                            const float got = y_scalar[t * y_stride + i];
                            if (!(std::abs(got - sum) <= 1e-6 * mag + 1e-30))
                                QFAIL(qPrintable(QStringLiteral("scalar: %1: y[%2][%3] = %4, expected %5")
                                                     .arg(shape)
                                                     .arg(t)
                                                     .arg(i)
                                                     .arg(got)
                                                     .arg(sum)));
                        }
                        for (int64_t i = n_cols; i < y_stride && t * y_stride + i < static_cast<int64_t>(y0.size());
                             ++i)
                            QVERIFY2(same_float_bits(y_scalar[t * y_stride + i], y0[t * y_stride + i]),
                                     qPrintable(QStringLiteral("scalar: %1: wrote past the columns").arg(shape)));
                    }
                    for (const Candidate& c : fyr::test::kernelSets(type)) {
                        QVERIFY2(c.kernels->gemm_t_acc != nullptr, qPrintable(c.name));
                        std::vector<float> y = y0;
                        c.kernels->gemm_t_acc(n, w.data() + 1, w_row_bytes, n_cols, xq.data() + 1, x_row_bytes, n_tok,
                                              y.data(), y_stride);
                        for (size_t k = 0; k < y.size(); ++k) {
                            if (!same_float_bits(y[k], y_scalar[k]))
                                QFAIL(qPrintable(QStringLiteral("%1: %2: y[%3] = %4, scalar %5")
                                                     .arg(c.name, shape)
                                                     .arg(k)
                                                     .arg(y[k])
                                                     .arg(y_scalar[k])));
                        }
                    }
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestMatmul)
#include "tst_matmul.moc"
