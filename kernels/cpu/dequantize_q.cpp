// The 32-element block types: Q4_0, Q4_1, Q5_0, Q5_1, Q8_0. Each block holds one or
// two fp16 constants followed by the quants; all multi-byte fields are little-endian
// and blocks are packed with no padding, so every field is read with memcpy (a block
// is only 2-byte aligned, or not at all inside a row of a mapped file).
//
// The arithmetic is fixed (int quant to float, times d, then plus m) so that faster
// kernels doing the same operations can be compared bit for bit.
#include <cstdint>
#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr::kernels::detail {
namespace {

constexpr int64_t kQK = 32;  // elements per block

float half_at(const uint8_t* p) {
    uint16_t h;
    std::memcpy(&h, p, 2);
    return fp16_to_fp32(h);
}

uint32_t u32_at(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// Q4_0, 18 bytes: fp16 d, uint8 qs[16]. Byte j's low nibble is element j, its high
// nibble element j + 16; value = (q - 8) * d.
constexpr int64_t kQ4_0Bytes = 18;

// Q4_1, 20 bytes: fp16 d, fp16 m, uint8 qs[16] (nibbles as Q4_0); value = q * d + m.
constexpr int64_t kQ4_1Bytes = 20;

// Q5_0, 22 bytes: fp16 d, uint32 qh (bit j is the fifth bit of element j),
// uint8 qs[16] (low four bits as Q4_0); value = (q - 16) * d.
constexpr int64_t kQ5_0Bytes = 22;

// Q5_1, 24 bytes: fp16 d, fp16 m, uint32 qh, uint8 qs[16]; value = q * d + m.
constexpr int64_t kQ5_1Bytes = 24;

// Q8_0, 34 bytes: fp16 d, int8 qs[32]; value = q * d.
constexpr int64_t kQ8_0Bytes = 34;

}  // namespace

void dequantize_q4_0(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ4_0Bytes, dst += kQK) {
        const float d = half_at(src);
        const uint8_t* qs = src + 2;
        for (int j = 0; j < 16; ++j) {
            dst[j] = static_cast<float>((qs[j] & 0x0f) - 8) * d;
            dst[j + 16] = static_cast<float>((qs[j] >> 4) - 8) * d;
        }
    }
}

void dequantize_q4_1(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ4_1Bytes, dst += kQK) {
        const float d = half_at(src);
        const float m = half_at(src + 2);
        const uint8_t* qs = src + 4;
        for (int j = 0; j < 16; ++j) {
            dst[j] = static_cast<float>(qs[j] & 0x0f) * d + m;
            dst[j + 16] = static_cast<float>(qs[j] >> 4) * d + m;
        }
    }
}

void dequantize_q5_0(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ5_0Bytes, dst += kQK) {
        const float d = half_at(src);
        const uint32_t qh = u32_at(src + 2);
        const uint8_t* qs = src + 6;
        for (int j = 0; j < 16; ++j) {
            const int lo = (qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4);
            const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
            dst[j] = static_cast<float>(lo - 16) * d;
            dst[j + 16] = static_cast<float>(hi - 16) * d;
        }
    }
}

void dequantize_q5_1(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ5_1Bytes, dst += kQK) {
        const float d = half_at(src);
        const float m = half_at(src + 2);
        const uint32_t qh = u32_at(src + 4);
        const uint8_t* qs = src + 8;
        for (int j = 0; j < 16; ++j) {
            const int lo = (qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4);
            const int hi = (qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4);
            dst[j] = static_cast<float>(lo) * d + m;
            dst[j + 16] = static_cast<float>(hi) * d + m;
        }
    }
}

void dequantize_q8_0(const uint8_t* src, float* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, src += kQ8_0Bytes, dst += kQK) {
        const float d = half_at(src);
        int8_t qs[kQK];
        std::memcpy(qs, src + 2, sizeof qs);
        for (int j = 0; j < kQK; ++j) dst[j] = static_cast<float>(qs[j]) * d;
    }
}

}  // namespace fyr::kernels::detail
