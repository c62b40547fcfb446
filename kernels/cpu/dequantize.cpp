#include "fyr/kernels/dequantize.h"

#include <cstring>

namespace fyr::kernels {

// Block decoders, one per quantized type (dequantize_q.cpp: 32-element blocks,
// dequantize_k.cpp: 256-element super-blocks). Each converts n_blocks whole blocks.
namespace detail {
void dequantize_q4_0(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q4_1(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q5_0(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q5_1(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q8_0(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q2_k(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q3_k(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q4_k(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q5_k(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q6_k(const uint8_t* src, float* dst, int64_t n_blocks);
void dequantize_q8_k(const uint8_t* src, float* dst, int64_t n_blocks);
}  // namespace detail

namespace {

// ggml's type numbers (fyr::GgmlType; kernels do not depend on the engine).
constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10,
                   kQ3_K = 11, kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kQ8_K = 15, kBF16 = 30;

using BlockDecoder = void (*)(const uint8_t*, float*, int64_t);

// Elements per block and the decoder of a quantized type; block_size 0 if not one.
struct QuantType {
    int64_t block_size = 0;
    BlockDecoder decode = nullptr;
};

QuantType quant_type(uint32_t type) {
    switch (type) {
        case kQ4_0: return {32, detail::dequantize_q4_0};
        case kQ4_1: return {32, detail::dequantize_q4_1};
        case kQ5_0: return {32, detail::dequantize_q5_0};
        case kQ5_1: return {32, detail::dequantize_q5_1};
        case kQ8_0: return {32, detail::dequantize_q8_0};
        case kQ2_K: return {256, detail::dequantize_q2_k};
        case kQ3_K: return {256, detail::dequantize_q3_k};
        case kQ4_K: return {256, detail::dequantize_q4_k};
        case kQ5_K: return {256, detail::dequantize_q5_k};
        case kQ6_K: return {256, detail::dequantize_q6_k};
        case kQ8_K: return {256, detail::dequantize_q8_k};
        default: return {};
    }
}

uint32_t bits_of(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

float float_of(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

}  // namespace

float fp16_to_fp32(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1fu;
    uint32_t mant = h & 0x3ffu;
    if (exp == 0) {
        if (mant == 0) return float_of(sign);
        // Subnormal half: normalise into a float.
        int e = -1;
        do {
            ++e;
            mant <<= 1;
        } while ((mant & 0x400u) == 0);
        mant &= 0x3ffu;
        return float_of(sign | (static_cast<uint32_t>(127 - 15 - e) << 23) | (mant << 13));
    }
    if (exp == 31) return float_of(sign | 0x7f800000u | (mant << 13));  // inf / NaN
    return float_of(sign | ((exp + 127 - 15) << 23) | (mant << 13));
}

uint16_t fp32_to_fp16(float f) {
    const uint32_t x = bits_of(f);
    const uint32_t sign = (x >> 16) & 0x8000u;
    const uint32_t abs = x & 0x7fffffffu;
    if (abs >= 0x7f800000u) {  // inf or NaN (keep NaN a NaN)
        return static_cast<uint16_t>(sign | 0x7c00u | (abs > 0x7f800000u ? 0x200u : 0u));
    }
    if (abs >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // rounds past the largest half
    if (abs < 0x38800000u) {
        // Subnormal or zero half: add in float so the hardware rounds to nearest even.
        const float magic = float_of(0x3f000000u);  // 0.5, whose ulp is the half subnormal step
        const uint32_t r = bits_of(float_of(abs) + magic) - bits_of(magic);
        return static_cast<uint16_t>(sign | r);
    }
    // Normal: rebias the exponent and round the 13 dropped mantissa bits to nearest even.
    const uint32_t odd = (abs >> 13) & 1u;
    const uint32_t rounded = abs + 0xfffu + odd;
    return static_cast<uint16_t>(sign | ((rounded - 0x38000000u) >> 13));
}

float bf16_to_fp32(uint16_t h) { return float_of(static_cast<uint32_t>(h) << 16); }

uint16_t fp32_to_bf16(float f) {
    const uint32_t x = bits_of(f);
    if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // quiet NaN
    return static_cast<uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

bool dequantize_supported(uint32_t type) {
    return type == kF32 || type == kF16 || type == kBF16 || quant_type(type).block_size != 0;
}

bool dequantize_row(uint32_t type, const void* src, float* dst, int64_t n) {
    if (n < 0) return false;
    const auto* bytes = static_cast<const uint8_t*>(src);
    if (const QuantType q = quant_type(type); q.block_size != 0) {
        if (n % q.block_size != 0) return false;
        q.decode(bytes, dst, n / q.block_size);
        return true;
    }
    switch (type) {
        case kF32:
            std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(float));
            return true;
        case kF16:
            for (int64_t i = 0; i < n; ++i) {
                uint16_t h;
                std::memcpy(&h, bytes + 2 * i, 2);
                dst[i] = fp16_to_fp32(h);
            }
            return true;
        case kBF16:
            for (int64_t i = 0; i < n; ++i) {
                uint16_t h;
                std::memcpy(&h, bytes + 2 * i, 2);
                dst[i] = bf16_to_fp32(h);
            }
            return true;
        default:
            return false;
    }
}

}  // namespace fyr::kernels
