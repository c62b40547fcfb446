// The 256-element "K" super-block types: Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K. A
// super-block is split into sub-blocks (16 of 16 elements, or 8 of 32) whose scales
// (and mins) are small integers relative to the super-block's fp16 d (and dmin).
// Fields are little-endian and packed; all reads go through memcpy or bytes.
//
// Quants are laid out so that SIMD code can take 32 consecutive bytes and peel bit
// planes off them: within each 128-element half, byte l of a 32-byte group serves
// elements l, l + 32, l + 64, l + 96 (one bit field each). The loops below walk that
// layout directly. The arithmetic order is fixed (d * scale first, then times the
// quant, then minus the min term) so faster kernels doing the same operations can be
// compared bit for bit.
#include <cstdint>
#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr::kernels::detail {
namespace {

constexpr int64_t kQK = 256;  // elements per super-block

float half_at(const uint8_t* p) {
    uint16_t h;
    std::memcpy(&h, p, 2);
    return fp16_to_fp32(h);
}

// Q2_K, 84 bytes: uint8 scales[16] (low nibble: scale, high nibble: min, one pair per
// 16 elements), uint8 qs[64] (2-bit quants), fp16 d, fp16 dmin.
// value = d * scale * q - dmin * min.
constexpr int64_t kQ2_KBytes = 84;

// Q3_K, 110 bytes: uint8 hmask[32] (bit k of byte l: high bit of element 32k + l),
// uint8 qs[64] (low 2 bits), uint8 scales[12] (16 six-bit scales, biased by 32),
// fp16 d. value = d * (scale - 32) * (q - (high bit ? 0 : 4)).
constexpr int64_t kQ3_KBytes = 110;

// Q4_K, 144 bytes: fp16 d, fp16 dmin, uint8 scales[12] (8 six-bit scales and 8
// six-bit mins, one pair per 32 elements), uint8 qs[128] (nibbles).
// value = d * scale * q - dmin * min.
constexpr int64_t kQ4_KBytes = 144;

// Q5_K, 176 bytes: fp16 d, fp16 dmin, uint8 scales[12] (as Q4_K), uint8 qh[32]
// (bit k of byte l: fifth bit of element 32k + l), uint8 qs[128] (low nibbles).
constexpr int64_t kQ5_KBytes = 176;

// Q6_K, 210 bytes: uint8 ql[128] (low nibbles), uint8 qh[64] (high 2 bits),
// int8 scales[16] (one per 16 elements), fp16 d. value = d * scale * (q - 32).
constexpr int64_t kQ6_KBytes = 210;

// Q8_K, 292 bytes: float32 d, int8 qs[256], int16 bsums[16] (sums of 16 quants, used
// only by dot products). value = d * q.
constexpr int64_t kQ8_KBytes = 292;

// Q4_K / Q5_K scale packing: 12 bytes hold eight 6-bit scales and eight 6-bit mins.
// Sub-blocks 0..3 keep scale and min in the low 6 bits of bytes 0..3 and 4..7;
// sub-blocks 4..7 keep their low 4 bits in the nibbles of bytes 8..11 and their top
// 2 bits in the spare top bits of bytes 0..3 (scale) and 4..7 (min).
void scale_min_k4(int j, const uint8_t* s, uint8_t* scale, uint8_t* min) {
    if (j < 4) {
        *scale = s[j] & 63;
        *min = s[j + 4] & 63;
    } else {
        *scale = static_cast<uint8_t>((s[j + 4] & 0x0f) | ((s[j - 4] >> 6) << 4));
        *min = static_cast<uint8_t>((s[j + 4] >> 4) | ((s[j] >> 6) << 4));
    }
}

// Q3_K scale packing: sixteen 6-bit values. Low 4 bits: nibbles of bytes 0..7
// (low nibbles for scales 0..7, high nibbles for 8..15); top 2 bits: bytes 8..11,
// scale i in byte 8 + i % 4 at bit 2 * (i / 4).
int scale_q3_k(int i, const uint8_t* s) {
    const int low = i < 8 ? (s[i] & 0x0f) : (s[i - 8] >> 4);
    const int high = (s[8 + i % 4] >> (2 * (i / 4))) & 3;
    return (low | (high << 4)) - 32;
}

}  // namespace

void dequantize_q2_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ2_KBytes) {
        const uint8_t* scales = src;
        const uint8_t* q = src + 16;
        const float d = half_at(src + 80);
        const float dmin = half_at(src + 82);
        int is = 0;
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2) {
                for (int g = 0; g < 2; ++g) {  // two 16-element sub-blocks per bit plane
                    const uint8_t sc = scales[is++];
                    const float dl = d * static_cast<float>(sc & 0x0f);
                    const float ml = dmin * static_cast<float>(sc >> 4);
                    for (int l = 0; l < 16; ++l) {
                        *dst++ = dl * static_cast<float>((q[16 * g + l] >> shift) & 3) - ml;
                    }
                }
            }
        }
    }
}

void dequantize_q3_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ3_KBytes) {
        const uint8_t* hmask = src;
        const uint8_t* q = src + 32;
        const uint8_t* scales = src + 96;
        const float d = half_at(src + 108);
        int is = 0;
        int bit = 0;  // hmask bit plane: one per 32 elements, across both halves
        for (int half = 0; half < 2; ++half, q += 32) {
            for (int shift = 0; shift < 8; shift += 2, ++bit) {
                for (int g = 0; g < 2; ++g) {
                    const float dl = d * static_cast<float>(scale_q3_k(is++, scales));
                    for (int l = 16 * g; l < 16 * g + 16; ++l) {
                        const int lo = (q[l] >> shift) & 3;
                        const int v = lo - (((hmask[l] >> bit) & 1) ? 0 : 4);
                        *dst++ = dl * static_cast<float>(v);
                    }
                }
            }
        }
    }
}

void dequantize_q4_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ4_KBytes) {
        const float d = half_at(src);
        const float dmin = half_at(src + 2);
        const uint8_t* scales = src + 4;
        const uint8_t* q = src + 16;
        // Each 32 bytes of qs hold two sub-blocks: low nibbles, then high nibbles.
        for (int j = 0; j < 8; j += 2, q += 32) {
            uint8_t sc = 0, mn = 0;
            scale_min_k4(j, scales, &sc, &mn);
            const float d1 = d * static_cast<float>(sc);
            const float m1 = dmin * static_cast<float>(mn);
            scale_min_k4(j + 1, scales, &sc, &mn);
            const float d2 = d * static_cast<float>(sc);
            const float m2 = dmin * static_cast<float>(mn);
            for (int l = 0; l < 32; ++l) *dst++ = d1 * static_cast<float>(q[l] & 0x0f) - m1;
            for (int l = 0; l < 32; ++l) *dst++ = d2 * static_cast<float>(q[l] >> 4) - m2;
        }
    }
}

void dequantize_q5_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ5_KBytes) {
        const float d = half_at(src);
        const float dmin = half_at(src + 2);
        const uint8_t* scales = src + 4;
        const uint8_t* qh = src + 16;
        const uint8_t* q = src + 48;
        for (int j = 0; j < 8; j += 2, q += 32) {
            uint8_t sc = 0, mn = 0;
            scale_min_k4(j, scales, &sc, &mn);
            const float d1 = d * static_cast<float>(sc);
            const float m1 = dmin * static_cast<float>(mn);
            scale_min_k4(j + 1, scales, &sc, &mn);
            const float d2 = d * static_cast<float>(sc);
            const float m2 = dmin * static_cast<float>(mn);
            for (int l = 0; l < 32; ++l) {
                const int v = (q[l] & 0x0f) | (((qh[l] >> j) & 1) << 4);
                *dst++ = d1 * static_cast<float>(v) - m1;
            }
            for (int l = 0; l < 32; ++l) {
                const int v = (q[l] >> 4) | (((qh[l] >> (j + 1)) & 1) << 4);
                *dst++ = d2 * static_cast<float>(v) - m2;
            }
        }
    }
}

void dequantize_q6_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ6_KBytes) {
        const uint8_t* ql = src;
        const uint8_t* qh = src + 128;
        int8_t sc[16];
        std::memcpy(sc, src + 192, sizeof sc);
        const float d = half_at(src + 208);
        // Each 128-element half: 64 bytes of ql (two 32-byte groups, low then high
        // nibbles) and 32 bytes of qh (four 2-bit planes).
        for (int half = 0; half < 2; ++half, ql += 64, qh += 32, dst += 128) {
            const int8_t* s = sc + 8 * half;
            for (int l = 0; l < 32; ++l) {
                const int is = l / 16;
                const int q1 = ((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                const int q2 = ((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                const int q3 = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                const int q4 = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                dst[l] = d * static_cast<float>(s[is]) * static_cast<float>(q1);
                dst[l + 32] = d * static_cast<float>(s[is + 2]) * static_cast<float>(q2);
                dst[l + 64] = d * static_cast<float>(s[is + 4]) * static_cast<float>(q3);
                dst[l + 96] = d * static_cast<float>(s[is + 6]) * static_cast<float>(q4);
            }
        }
    }
}

void dequantize_q8_k(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ8_KBytes, dst += kQK) {
        float d;
        std::memcpy(&d, src, 4);
        int8_t qs[kQK];
        std::memcpy(qs, src + 4, sizeof qs);
        for (int j = 0; j < kQK; ++j) dst[j] = d * static_cast<float>(qs[j]);
    }
}

}  // namespace fyr::kernels::detail
