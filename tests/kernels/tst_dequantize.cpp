// The scalar dequantization oracle: hand-built blocks of every quantized type with
// known values (exact), every 2-D tensor of the quantized test models against the F32
// model they were made from (error bounds per bit width), and the rejections.
//
// The hand-built blocks are packed here from an element-by-element description of
// each layout (where element i's bits live), independent of the decoder's loops, and
// use power-of-two scales so every expected value is exact in float.
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "fyr/ggml_type.h"
#include "fyr/gguf_file.h"
#include "fyr/kernels/dequantize.h"

using namespace fyr::kernels;

namespace {

constexpr uint32_t kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10, kQ3_K = 11, kQ4_K = 12,
                   kQ5_K = 13, kQ6_K = 14, kQ8_K = 15;

void put_half(uint8_t* p, float f) {
    const uint16_t h = fp32_to_fp16(f);
    QCOMPARE(fp16_to_fp32(h), f);  // the test values must be exact halves
    std::memcpy(p, &h, 2);
}

void put_u32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }

// Decodes one block (placed one byte off alignment, as rows inside a file can be).
std::vector<float> decode(uint32_t type, const std::vector<uint8_t>& block, int64_t n) {
    std::vector<uint8_t> shifted(block.size() + 1);
    std::memcpy(shifted.data() + 1, block.data(), block.size());
    std::vector<float> out(static_cast<size_t>(n), std::nanf(""));
    if (!dequantize_row(type, shifted.data() + 1, out.data(), n)) return {};
    return out;
}

// Quants in [lo, hi]: random, with both extremes forced in (elements 0, 1 and the last).
std::vector<int> quants(int n, int lo, int hi, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> dist(lo, hi);
    std::vector<int> q(static_cast<size_t>(n));
    for (auto& v : q) v = dist(rng);
    q[0] = lo;
    q[1] = hi;
    q[static_cast<size_t>(n) - 1] = hi;
    return q;
}

bool check_values(const std::vector<float>& got, const std::vector<float>& want, const char* what) {
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

// Q4_K / Q5_K: eight 6-bit scales and mins into 12 bytes. Sub-blocks 0..3 in the low
// 6 bits of bytes 0..7; sub-blocks 4..7 split: low nibbles in bytes 8..11 (scale low,
// min high), top 2 bits in bits 6..7 of bytes 0..3 (scale) and 4..7 (min).
std::array<uint8_t, 12> pack_k4_scales(const std::array<int, 8>& sc, const std::array<int, 8>& mn) {
    std::array<uint8_t, 12> s{};
    for (int j = 0; j < 4; ++j) {
        s[size_t(j)] = uint8_t(sc[size_t(j)] | ((sc[size_t(j) + 4] >> 4) << 6));
        s[size_t(j) + 4] = uint8_t(mn[size_t(j)] | ((mn[size_t(j) + 4] >> 4) << 6));
        s[size_t(j) + 8] = uint8_t((sc[size_t(j) + 4] & 0x0f) | ((mn[size_t(j) + 4] & 0x0f) << 4));
    }
    return s;
}

// Byte and bit position of a 2-bit field in the K-quant "bit plane" layout: within each
// 128-element half, element 32p + l sits in byte l of the half's 32-byte group at bit 2p.
struct PlaneSlot {
    int byte;
    int shift;
};
PlaneSlot plane_slot(int i) { return {32 * (i / 128) + i % 32, 2 * ((i % 128) / 32)}; }

struct ModelStats {
    double err2 = 0, ref2 = 0, max_abs = 0, max_ref = 0;
    uint64_t values = 0;
    int tensors = 0;
    double worst_tensor_rel = 0;
    std::string worst_tensor;
};

QString model_path(const char* name) { return QStringLiteral(FYR_SHARED_DIR "/models/") + QLatin1String(name); }

// Bounds on the error against the F32 original, per type, over all 2-D tensors of that
// type in a file: relative RMS (error RMS over the weights' RMS) and the largest
// absolute error relative to the largest weight. Measured on the test models (the
// figures are printed) and given about 25% margin; a wrong layout gives errors near 100%.
struct Bound {
    double rel_rms;
    double rel_max;
};
const std::map<std::string, Bound>& bounds() {
    static const std::map<std::string, Bound> b = {
        // type      rel RMS  rel max   measured: rel RMS, max error / max |w|
        {"f32", {0.0, 0.0}},
        {"f16", {0.0003, 0.0004}},   // 0.021%, 0.027%
        {"bf16", {0.0025, 0.004}},   // 0.166%, 0.28%
        {"q8_0", {0.0075, 0.005}},   // 0.54-0.55%, 0.39%
        {"q6_K", {0.025, 0.02}},     // 1.78%, 1.49%
        {"q5_K", {0.045, 0.04}},     // 3.62%, 3.19%
        {"q5_0", {0.055, 0.055}},    // 4.29%, 4.31%
        {"q4_1", {0.095, 0.07}},     // 7.84%, 5.30%
        {"q4_K", {0.09, 0.07}},      // 7.17%, 5.54%
        {"q4_0", {0.105, 0.11}},     // 8.50-8.63%, 7.0-8.8%
    };
    return b;
}

// For the 32-element types with d first in the block: each value is within about one
// quantization step (|d|) of the original; Q8_0 and the rounding types within half a
// step plus the error of storing d as fp16. Checked element by element, so a swapped
// nibble or a misplaced high bit anywhere shows up.
double step_tolerance(uint32_t type) {
    switch (type) {
        case kQ8_0: return 0.6;   // half a step, plus d's fp16 rounding times up to 127
        case kQ4_0:               // the extreme of the other sign may clip by a whole step
        case kQ5_0: return 1.05;
        case kQ4_1:
        case kQ5_1: return 0.55;
        default: return 0.0;      // not checked
    }
}

}  // namespace

class TestDequantize : public QObject {
    Q_OBJECT
private slots:
    void blockSizesMatchTheFormat() {
        // The decoders' strides against the engine's table of the format.
        const std::vector<std::pair<uint32_t, int>> sizes = {
            {kQ4_0, 18}, {kQ4_1, 20}, {kQ5_0, 22}, {kQ5_1, 24},  {kQ8_0, 34},  {kQ2_K, 84},
            {kQ3_K, 110}, {kQ4_K, 144}, {kQ5_K, 176}, {kQ6_K, 210}, {kQ8_K, 292},
        };
        for (const auto& [type, bytes] : sizes) {
            const fyr::TypeTraits* t = fyr::type_traits(type);
            QVERIFY(t != nullptr);
            QCOMPARE(int(t->type_size), bytes);
            QVERIFY(dequantize_supported(type));
            // Two blocks decode two blocks' worth: the second block starts at type_size.
            std::vector<uint8_t> two(size_t(2 * bytes), 0);
            std::vector<float> out(2 * t->block_size, -1.f);
            QVERIFY(dequantize_row(type, two.data(), out.data(), 2 * t->block_size));
        }
    }

    void rowsAreConsecutiveBlocks() {
        // A row of three blocks of random bytes decodes to the three blocks decoded one
        // at a time: the stride is the block size and nothing carries between blocks.
        // Compared bit for bit (random fp16 fields may be NaN or infinite).
        std::mt19937 rng(42);
        for (uint32_t type : {kQ4_0, kQ4_1, kQ5_0, kQ5_1, kQ8_0, kQ2_K, kQ3_K, kQ4_K, kQ5_K, kQ6_K, kQ8_K}) {
            const fyr::TypeTraits* t = fyr::type_traits(type);
            QVERIFY(t);
            const size_t bs = t->block_size, ts = t->type_size;
            std::vector<uint8_t> row(3 * ts);
            for (auto& byte : row) byte = uint8_t(rng());
            std::vector<float> whole(3 * bs), single(bs);
            QVERIFY(dequantize_row(type, row.data(), whole.data(), int64_t(3 * bs)));
            for (size_t b = 0; b < 3; ++b) {
                QVERIFY(dequantize_row(type, row.data() + b * ts, single.data(), int64_t(bs)));
                QVERIFY2(std::memcmp(single.data(), whole.data() + b * bs, bs * 4) == 0, t->name.data());
            }
        }
    }

    void q3kScalePackingMatchesTheWordForm() {
        // SIMD code unpacks Q3_K's 12 scale bytes as three little-endian words: the
        // low nibbles of words 0 and 1 give scales 0..7, their high nibbles 8..15, and
        // word 2 supplies the top 2 bits, one 2-bit field per scale byte. Check that the
        // byte-wise description used above agrees with it for random scales.
        std::mt19937 rng(7);
        for (int round = 0; round < 100; ++round) {
            std::array<int, 16> sc{};
            std::array<uint8_t, 12> packed{};
            for (int s = 0; s < 16; ++s) {
                sc[size_t(s)] = int(rng() % 64);
                packed[size_t(s % 8)] |= uint8_t((sc[size_t(s)] & 15) << (s < 8 ? 0 : 4));
                packed[size_t(8 + s % 4)] |= uint8_t((sc[size_t(s)] >> 4) << (2 * (s / 4)));
            }
            uint32_t w[3];
            std::memcpy(w, packed.data(), 12);
            for (int s = 0; s < 16; ++s) {
                const uint32_t word = w[(s / 4) % 2];                   // scales 0-3, 8-11: word 0
                const uint32_t low = (word >> (8 * (s % 4) + (s >= 8 ? 4 : 0))) & 15;
                const uint32_t high = (w[2] >> (8 * (s % 4) + 2 * (s / 4))) & 3;
                QCOMPARE(int(low | (high << 4)), sc[size_t(s)]);
            }
            // And the decoder sees the same scales: one block with all quants 0 (value
            // -4 after the missing high bit), d = 1: element 16 s is (sc - 32) * -4.
            std::vector<uint8_t> b(110, 0);
            std::memcpy(b.data() + 96, packed.data(), 12);
            put_half(b.data() + 108, 1.0f);
            const auto v = decode(kQ3_K, b, 256);
            QCOMPARE(v.size(), size_t(256));
            for (int s = 0; s < 16; ++s) QCOMPARE(v[size_t(16 * s)], float((sc[size_t(s)] - 32) * -4));
        }
    }

    void q4_0() {
        // Literal: d = -0.5; byte 0 = 0xF0 (element 0: q 0, element 16: q 15).
        std::vector<uint8_t> b(18, 0x88);  // q = 8 everywhere: zero
        put_half(b.data(), -0.5f);
        b[2] = 0xf0;
        auto v = decode(kQ4_0, b, 32);
        QCOMPARE(v.size(), size_t(32));
        QCOMPARE(v[0], 4.0f);     // (0 - 8) * -0.5
        QCOMPARE(v[16], -3.5f);   // (15 - 8) * -0.5
        QCOMPARE(v[1], 0.0f);
        // Random quants.
        const auto q = quants(32, 0, 15, 1);
        put_half(b.data(), 0.125f);
        for (int j = 0; j < 16; ++j) b[size_t(2 + j)] = uint8_t(q[size_t(j)] | (q[size_t(j) + 16] << 4));
        std::vector<float> want(32);
        for (int i = 0; i < 32; ++i) want[size_t(i)] = float(q[size_t(i)] - 8) * 0.125f;
        QVERIFY(check_values(decode(kQ4_0, b, 32), want, "q4_0"));
    }

    void q4_1() {
        const auto q = quants(32, 0, 15, 2);
        std::vector<uint8_t> b(20);
        put_half(b.data(), -0.25f);
        put_half(b.data() + 2, -3.0f);
        for (int j = 0; j < 16; ++j) b[size_t(4 + j)] = uint8_t(q[size_t(j)] | (q[size_t(j) + 16] << 4));
        std::vector<float> want(32);
        for (int i = 0; i < 32; ++i) want[size_t(i)] = float(q[size_t(i)]) * -0.25f - 3.0f;
        QVERIFY(check_values(decode(kQ4_1, b, 32), want, "q4_1"));
    }

    void q5_0() {
        const auto q = quants(32, 0, 31, 3);
        std::vector<uint8_t> b(22);
        put_half(b.data(), -2.0f);
        uint32_t qh = 0;
        for (int i = 0; i < 32; ++i) qh |= uint32_t(q[size_t(i)] >> 4) << i;
        put_u32(b.data() + 2, qh);
        for (int j = 0; j < 16; ++j) b[size_t(6 + j)] = uint8_t((q[size_t(j)] & 15) | ((q[size_t(j) + 16] & 15) << 4));
        std::vector<float> want(32);
        for (int i = 0; i < 32; ++i) want[size_t(i)] = float(q[size_t(i)] - 16) * -2.0f;
        QVERIFY(check_values(decode(kQ5_0, b, 32), want, "q5_0"));
        // Only the high bit of element 31 set: element 31 is (16 - 16) * d = 0, the rest -16 * d.
        std::fill(b.begin() + 2, b.end(), 0);
        put_u32(b.data() + 2, 0x80000000u);
        auto v = decode(kQ5_0, b, 32);
        QCOMPARE(v[31], 0.0f);
        QCOMPARE(v[30], 32.0f);
        QCOMPARE(v[15], 32.0f);
    }

    void q5_1() {
        const auto q = quants(32, 0, 31, 4);
        std::vector<uint8_t> b(24);
        put_half(b.data(), 0.5f);
        put_half(b.data() + 2, -1.5f);
        uint32_t qh = 0;
        for (int i = 0; i < 32; ++i) qh |= uint32_t(q[size_t(i)] >> 4) << i;
        put_u32(b.data() + 4, qh);
        for (int j = 0; j < 16; ++j) b[size_t(8 + j)] = uint8_t((q[size_t(j)] & 15) | ((q[size_t(j) + 16] & 15) << 4));
        std::vector<float> want(32);
        for (int i = 0; i < 32; ++i) want[size_t(i)] = float(q[size_t(i)]) * 0.5f - 1.5f;
        QVERIFY(check_values(decode(kQ5_1, b, 32), want, "q5_1"));
    }

    void q8_0() {
        const auto q = quants(32, -128, 127, 5);
        std::vector<uint8_t> b(34);
        put_half(b.data(), -0.0625f);
        for (int i = 0; i < 32; ++i) b[size_t(2 + i)] = uint8_t(int8_t(q[size_t(i)]));
        std::vector<float> want(32);
        for (int i = 0; i < 32; ++i) want[size_t(i)] = float(q[size_t(i)]) * -0.0625f;
        QVERIFY(check_values(decode(kQ8_0, b, 32), want, "q8_0"));
    }

    void q2_k() {
        const auto q = quants(256, 0, 3, 6);
        const auto sc = quants(16, 0, 15, 7);
        const auto mn = quants(16, 0, 15, 8);
        std::vector<uint8_t> b(84, 0);
        for (int s = 0; s < 16; ++s) b[size_t(s)] = uint8_t(sc[size_t(s)] | (mn[size_t(s)] << 4));
        for (int i = 0; i < 256; ++i) {
            const PlaneSlot p = plane_slot(i);
            b[size_t(16 + p.byte)] |= uint8_t(q[size_t(i)] << p.shift);
        }
        put_half(b.data() + 80, 0.25f);
        put_half(b.data() + 82, -0.5f);
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) {
            const size_t s = size_t(i / 16);
            want[size_t(i)] = 0.25f * float(sc[s]) * float(q[size_t(i)]) - (-0.5f) * float(mn[s]);
        }
        QVERIFY(check_values(decode(kQ2_K, b, 256), want, "q2_K"));
    }

    void q3_k() {
        const auto q = quants(256, 0, 7, 9);  // 3-bit: high bit in hmask, low 2 in qs
        auto sc = quants(16, 0, 63, 10);       // 6-bit, biased by 32
        std::vector<uint8_t> b(110, 0);
        for (int i = 0; i < 256; ++i) {
            const PlaneSlot p = plane_slot(i);
            b[size_t(32 + p.byte)] |= uint8_t((q[size_t(i)] & 3) << p.shift);
            if (q[size_t(i)] & 4) b[size_t(i % 32)] |= uint8_t(1u << (i / 32));
        }
        // Scales: low nibbles in bytes 0..7 (scales 0..7 low, 8..15 high nibble), top
        // 2 bits of scale s in byte 8 + s % 4 at bit 2 * (s / 4).
        uint8_t* packed = b.data() + 96;
        for (int s = 0; s < 16; ++s) {
            const int v = sc[size_t(s)];
            packed[s % 8] |= uint8_t((v & 15) << (s < 8 ? 0 : 4));
            packed[8 + s % 4] |= uint8_t((v >> 4) << (2 * (s / 4)));
        }
        put_half(b.data() + 108, -0.125f);
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) {
            want[size_t(i)] = -0.125f * float(sc[size_t(i / 16)] - 32) * float(q[size_t(i)] - 4);
        }
        QVERIFY(check_values(decode(kQ3_K, b, 256), want, "q3_K"));
    }

    void q4_k() {
        const auto q = quants(256, 0, 15, 11);
        const auto scv = quants(8, 0, 63, 12);
        const auto mnv = quants(8, 0, 63, 13);
        std::array<int, 8> sc{}, mn{};
        for (size_t j = 0; j < 8; ++j) {
            sc[j] = scv[j];
            mn[j] = mnv[j];
        }
        sc[5] = 63;  // every top bit pattern of the split sub-blocks 4..7
        mn[6] = 63;
        sc[7] = 0x30;
        mn[4] = 0x2f;
        std::vector<uint8_t> b(144, 0);
        put_half(b.data(), 0.0625f);
        put_half(b.data() + 2, -0.25f);
        const auto packed = pack_k4_scales(sc, mn);
        std::memcpy(b.data() + 4, packed.data(), 12);
        // Element i: 32-byte group i / 64, byte i % 32, low nibble for the first 32.
        for (int i = 0; i < 256; ++i) {
            const int shift = ((i % 64) < 32) ? 0 : 4;
            b[size_t(16 + 32 * (i / 64) + i % 32)] |= uint8_t(q[size_t(i)] << shift);
        }
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) {
            const size_t s = size_t(i / 32);
            want[size_t(i)] = 0.0625f * float(sc[s]) * float(q[size_t(i)]) - (-0.25f) * float(mn[s]);
        }
        QVERIFY(check_values(decode(kQ4_K, b, 256), want, "q4_K"));
    }

    void q5_k() {
        const auto q = quants(256, 0, 31, 14);
        const auto scv = quants(8, 0, 63, 15);
        const auto mnv = quants(8, 0, 63, 16);
        std::array<int, 8> sc{}, mn{};
        for (size_t j = 0; j < 8; ++j) {
            sc[j] = scv[j];
            mn[j] = mnv[j];
        }
        sc[4] = 63;
        mn[7] = 63;
        std::vector<uint8_t> b(176, 0);
        put_half(b.data(), -0.03125f);
        put_half(b.data() + 2, 0.5f);
        const auto packed = pack_k4_scales(sc, mn);
        std::memcpy(b.data() + 4, packed.data(), 12);
        for (int i = 0; i < 256; ++i) {
            const int shift = ((i % 64) < 32) ? 0 : 4;
            b[size_t(48 + 32 * (i / 64) + i % 32)] |= uint8_t((q[size_t(i)] & 15) << shift);
            // Fifth bit: byte i % 32 of qh, bit = sub-block index.
            if (q[size_t(i)] & 16) b[size_t(16 + i % 32)] |= uint8_t(1u << (i / 32));
        }
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) {
            const size_t s = size_t(i / 32);
            want[size_t(i)] = -0.03125f * float(sc[s]) * float(q[size_t(i)]) - 0.5f * float(mn[s]);
        }
        QVERIFY(check_values(decode(kQ5_K, b, 256), want, "q5_K"));
    }

    void q6_k() {
        const auto q = quants(256, 0, 63, 17);
        auto sc = quants(16, -128, 127, 18);
        std::vector<uint8_t> b(210, 0);
        // Element i = 128h + 32p + l: low nibble in ql[64h + 32 * (p % 2) + l], low
        // half for p < 2; high 2 bits in qh[32h + l] at bit 2p.
        for (int i = 0; i < 256; ++i) {
            const int h = i / 128, p = (i % 128) / 32, l = i % 32;
            b[size_t(64 * h + 32 * (p % 2) + l)] |= uint8_t((q[size_t(i)] & 15) << (p < 2 ? 0 : 4));
            b[size_t(128 + 32 * h + l)] |= uint8_t((q[size_t(i)] >> 4) << (2 * p));
        }
        for (int s = 0; s < 16; ++s) b[size_t(192 + s)] = uint8_t(int8_t(sc[size_t(s)]));
        put_half(b.data() + 208, 0.125f);
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) {
            want[size_t(i)] = 0.125f * float(sc[size_t(i / 16)]) * float(q[size_t(i)] - 32);
        }
        QVERIFY(check_values(decode(kQ6_K, b, 256), want, "q6_K"));
    }

    void q8_k() {
        const auto q = quants(256, -128, 127, 19);
        std::vector<uint8_t> b(292, 0);
        const float d = -0.001953125f;  // float32 scale, not a half
        std::memcpy(b.data(), &d, 4);
        for (int i = 0; i < 256; ++i) b[size_t(4 + i)] = uint8_t(int8_t(q[size_t(i)]));
        for (int s = 0; s < 16; ++s) {  // bsums: filled for realism, not read
            int16_t sum = 0;
            for (int i = 0; i < 16; ++i) sum = int16_t(sum + q[size_t(16 * s + i)]);
            std::memcpy(b.data() + 260 + 2 * s, &sum, 2);
        }
        std::vector<float> want(256);
        for (int i = 0; i < 256; ++i) want[size_t(i)] = d * float(q[size_t(i)]);
        QVERIFY(check_values(decode(kQ8_K, b, 256), want, "q8_K"));
    }

    void rejectsPartialBlocksAndUnknownTypes() {
        std::vector<uint8_t> src(4096, 0x11);
        std::vector<float> out(1024, 7.0f);
        const std::vector<std::pair<uint32_t, int64_t>> partial = {
            {kQ4_0, 31}, {kQ4_1, 33}, {kQ5_0, 16}, {kQ5_1, 1}, {kQ8_0, 63},
            {kQ2_K, 128}, {kQ3_K, 255}, {kQ4_K, 32}, {kQ5_K, 257}, {kQ6_K, 512 - 32}, {kQ8_K, 100},
        };
        for (const auto& [type, n] : partial) {
            QVERIFY2(!dequantize_row(type, src.data(), out.data(), n), qPrintable(QString::number(type)));
            QVERIFY2(!dequantize_row(type, src.data(), out.data(), -32), qPrintable(QString::number(type)));
        }
        for (uint32_t type : {4u, 5u, 9u, 16u, 20u, 23u, 24u, 99u, 0xffffffffu}) {
            QVERIFY(!dequantize_supported(type));
            QVERIFY(!dequantize_row(type, src.data(), out.data(), 256));
        }
        for (float v : out) QCOMPARE(v, 7.0f);  // nothing written
        // Zero elements is a whole number of blocks.
        QVERIFY(dequantize_row(kQ4_K, src.data(), out.data(), 0));
    }

    void modelsMatchTheirF32Original_data() {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("quantized");
        for (const char* t : {"f16", "bf16", "q8_0", "q6_k", "q5_k", "q5_0", "q4_1", "q4_k", "q4_0", "q4_k_m"}) {
            const std::string name = std::string("tiny-llama-spm512-") + t + ".gguf";
            QTest::newRow(t) << model_path("tiny-llama-spm512-f32.gguf") << model_path(name.c_str());
        }
        QTest::newRow("stories260K-q8_0") << model_path("stories260K.gguf") << model_path("stories260K-q8_0.gguf");
        QTest::newRow("stories260K-q4_0") << model_path("stories260K.gguf") << model_path("stories260K-q4_0.gguf");
    }

    void modelsMatchTheirF32Original() {
        QFETCH(QString, reference);
        QFETCH(QString, quantized);
        if (!QFile::exists(reference) || !QFile::exists(quantized)) {
            QSKIP(qPrintable(QStringLiteral("test model missing: ") + quantized));
        }
        std::string error;
        auto ref = fyr::GgufFile::open(reference.toStdString(), &error);
        QVERIFY2(ref, error.c_str());
        auto quant = fyr::GgufFile::open(quantized.toStdString(), &error);
        QVERIFY2(quant, error.c_str());

        std::map<std::string, ModelStats> by_type;
        std::vector<float> got, want;
        for (const fyr::GgufTensor& t : quant->tensors()) {
            if (t.dims.size() != 2) continue;
            QVERIFY2(t.traits, t.name.c_str());
            QVERIFY2(dequantize_supported(t.type), t.name.c_str());
            const fyr::GgufTensor* r = ref->find_tensor(t.name);
            QVERIFY2(r && r->type == 0 && r->dims == t.dims, t.name.c_str());
            const int64_t n = int64_t(t.dims[0]);
            const uint64_t rows = t.dims[1];
            const auto bytes = fyr::row_bytes(*t.traits, t.dims[0]);
            QVERIFY(bytes);
            const uint8_t* qdata = quant->tensor_data(t);
            const uint8_t* rdata = ref->tensor_data(*r);
            got.assign(size_t(n), 0.f);
            want.assign(size_t(n), 0.f);
            double err2 = 0, ref2 = 0;
            ModelStats& st = by_type[std::string(t.traits->name)];
            for (uint64_t row = 0; row < rows; ++row) {
                QVERIFY(dequantize_row(t.type, qdata + row * *bytes, got.data(), n));
                std::memcpy(want.data(), rdata + row * uint64_t(n) * 4, size_t(n) * 4);
                for (int64_t i = 0; i < n; ++i) {
                    QVERIFY2(std::isfinite(got[size_t(i)]), t.name.c_str());
                    const double e = double(got[size_t(i)]) - double(want[size_t(i)]);
                    err2 += e * e;
                    ref2 += double(want[size_t(i)]) * double(want[size_t(i)]);
                    st.max_abs = std::max(st.max_abs, std::abs(e));
                    st.max_ref = std::max(st.max_ref, std::abs(double(want[size_t(i)])));
                }
                if (const double tol = step_tolerance(t.type); tol > 0) {
                    const int64_t bs = t.traits->block_size;
                    const uint8_t* block = qdata + row * *bytes;
                    for (int64_t k = 0; k < n / bs; ++k, block += t.traits->type_size) {
                        uint16_t h;
                        std::memcpy(&h, block, 2);
                        const double step = std::abs(double(fp16_to_fp32(h)));
                        for (int64_t i = k * bs; i < (k + 1) * bs; ++i) {
                            const double e = std::abs(double(got[size_t(i)]) - double(want[size_t(i)]));
                            if (e > tol * step + 1e-7) {
                                QFAIL(qPrintable(QStringLiteral("%1 row %2 element %3: error %4, step %5")
                                                     .arg(QString::fromStdString(t.name))
                                                     .arg(row)
                                                     .arg(i)
                                                     .arg(e)
                                                     .arg(step)));
                            }
                        }
                    }
                }
            }
            st.err2 += err2;
            st.ref2 += ref2;
            st.values += rows * uint64_t(n);
            st.tensors += 1;
            const double rel = ref2 > 0 ? std::sqrt(err2 / ref2) : 0.0;
            if (rel >= st.worst_tensor_rel) {
                st.worst_tensor_rel = rel;
                st.worst_tensor = t.name;
            }
        }
        QVERIFY(!by_type.empty());
        const QString file = QFileInfo(quantized).fileName();
        for (const auto& [type, st] : by_type) {
            const double rel = st.ref2 > 0 ? std::sqrt(st.err2 / st.ref2) : 0.0;
            const double rel_max = st.max_ref > 0 ? st.max_abs / st.max_ref : 0.0;
            qInfo("%s: %s: %d tensors, %llu values: relative RMS error %.4f%%, max abs error %.6g "
                  "(%.4f%% of max |w| %.6g), worst tensor %s %.4f%%",
                  qPrintable(file), type.c_str(), st.tensors, static_cast<unsigned long long>(st.values),
                  100.0 * rel, st.max_abs, 100.0 * rel_max, st.max_ref, st.worst_tensor.c_str(),
                  100.0 * st.worst_tensor_rel);
            const auto b = bounds().find(type);
            QVERIFY2(b != bounds().end(), type.c_str());
            QVERIFY2(rel <= b->second.rel_rms, qPrintable(file + QStringLiteral(": ") + QString::fromStdString(type)));
            QVERIFY2(rel_max <= b->second.rel_max,
                     qPrintable(file + QStringLiteral(": ") + QString::fromStdString(type)));
            // No single tensor may be far off the type's figure (a layout bug in one shape).
            QVERIFY2(st.worst_tensor_rel <= 2 * b->second.rel_rms, st.worst_tensor.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestDequantize)
#include "tst_dequantize.moc"
