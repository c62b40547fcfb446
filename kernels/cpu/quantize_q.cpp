// Quantizers for the 32-element block types: Q4_0, Q4_1, Q5_0, Q5_1, Q8_0 (layouts in
// dequantize_q.cpp). Each block gets one scale (and, for the _1 types, a minimum)
// from its own extremes; the quants are rounded the way ggml's reference quantizers
// round them (add 0.5 or 8.5 then truncate, or roundf for Q8_0), and the scale is
// stored as fp16 but the quants are computed with the unrounded float scale, as
// ggml does, so the bytes match llama-quantize's.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr::kernels::detail {
namespace {

constexpr int kQK = 32;  // elements per block

void put_half(uint8_t* p, float f) {
    const uint16_t h = fp32_to_fp16(f);
    std::memcpy(p, &h, 2);
}

// The element of largest magnitude, with its sign (the first one on ties).
float signed_absmax(const float* x) {
    float amax = 0.0f, max = 0.0f;
    for (int j = 0; j < kQK; ++j) {
        if (amax < std::fabs(x[j])) {
            amax = std::fabs(x[j]);
            max = x[j];
        }
    }
    return max;
}

// Float to integer by truncation, as x86's cvttss2si does it (which is what ggml's
// casts compile to): out-of-range and NaN inputs give INT32_MIN instead of undefined
// behaviour. Narrowing the result to 8 bits then keeps the low byte, again as ggml's
// code does on x86. Only reachable with non-finite or denormal-scaled blocks.
int32_t trunc_to_int(float v) {
    return v > -2147483648.0f && v < 2147483648.0f ? static_cast<int32_t>(v) : INT32_MIN;
}

void min_max(const float* x, float* min, float* max) {
    float lo = x[0], hi = x[0];
    for (int j = 1; j < kQK; ++j) {
        lo = std::min(lo, x[j]);
        hi = std::max(hi, x[j]);
    }
    *min = lo;
    *max = hi;
}

}  // namespace

// Q4_0: d = max / -8 with the signed extreme, so that extreme maps to quant 0 exactly
// and the other side gets the 8 levels above zero.
void quantize_q4_0(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 18) {
        const float d = signed_absmax(x) / -8.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put_half(dst, d);
        for (int j = 0; j < 16; ++j) {
            const int lo = std::min<int>(15, static_cast<int8_t>(trunc_to_int(x[j] * id + 8.5f)));
            const int hi = std::min<int>(15, static_cast<int8_t>(trunc_to_int(x[j + 16] * id + 8.5f)));
            dst[2 + j] = static_cast<uint8_t>(lo | (hi << 4));
        }
    }
}

void quantize_q4_1(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 20) {
        float min = 0, max = 0;
        min_max(x, &min, &max);
        const float d = (max - min) / 15.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put_half(dst, d);
        put_half(dst + 2, min);
        for (int j = 0; j < 16; ++j) {
            const int lo = std::min<int>(15, static_cast<int8_t>(trunc_to_int((x[j] - min) * id + 0.5f)));
            const int hi = std::min<int>(15, static_cast<int8_t>(trunc_to_int((x[j + 16] - min) * id + 0.5f)));
            dst[4 + j] = static_cast<uint8_t>(lo | (hi << 4));
        }
    }
}

void quantize_q5_0(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 22) {
        const float d = signed_absmax(x) / -16.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put_half(dst, d);
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            const int lo = std::min<int>(31, static_cast<int8_t>(trunc_to_int(x[j] * id + 16.5f)));
            const int hi = std::min<int>(31, static_cast<int8_t>(trunc_to_int(x[j + 16] * id + 16.5f)));
            dst[6 + j] = static_cast<uint8_t>((lo & 0x0f) | ((hi & 0x0f) << 4));
            qh |= static_cast<uint32_t>((lo >> 4) & 1) << j;
            qh |= static_cast<uint32_t>((hi >> 4) & 1) << (j + 16);
        }
        std::memcpy(dst + 2, &qh, 4);
    }
}

void quantize_q5_1(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 24) {
        float min = 0, max = 0;
        min_max(x, &min, &max);
        const float d = (max - min) / 31.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put_half(dst, d);
        put_half(dst + 2, min);
        uint32_t qh = 0;
        for (int j = 0; j < 16; ++j) {
            // (x - min) * id is in [0, 31] up to rounding, so no clamp (as in ggml).
            const int lo = static_cast<uint8_t>(trunc_to_int((x[j] - min) * id + 0.5f));
            const int hi = static_cast<uint8_t>(trunc_to_int((x[j + 16] - min) * id + 0.5f));
            dst[8 + j] = static_cast<uint8_t>((lo & 0x0f) | ((hi & 0x0f) << 4));
            qh |= static_cast<uint32_t>((lo >> 4) & 1) << j;
            qh |= static_cast<uint32_t>((hi >> 4) & 1) << (j + 16);
        }
        std::memcpy(dst + 4, &qh, 4);
    }
}

void quantize_q8_0(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 34) {
        float amax = 0.0f;
        for (int j = 0; j < kQK; ++j) amax = std::max(amax, std::fabs(x[j]));
        const float d = amax / 127.0f;
        const float id = d != 0.0f ? 1.0f / d : 0.0f;
        put_half(dst, d);
        for (int j = 0; j < kQK; ++j) {
            const auto q = static_cast<int8_t>(trunc_to_int(std::round(x[j] * id)));
            std::memcpy(dst + 2 + j, &q, 1);
        }
    }
}

}  // namespace fyr::kernels::detail
