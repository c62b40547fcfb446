#include "fyr/kernels/quantize.h"

#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr::kernels {

// Block encoders, one per quantized type (quantize_q.cpp: 32-element blocks,
// quantize_k.cpp: 256-element super-blocks). Each converts n_blocks whole blocks.
namespace detail {
void quantize_q4_0(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q4_1(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q5_0(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q5_1(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q8_0(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q2_k(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q3_k(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q4_k(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q5_k(const float* src, uint8_t* dst, int64_t n_blocks);
void quantize_q6_k(const float* src, uint8_t* dst, int64_t n_blocks);
}  // namespace detail

namespace {

// ggml's type numbers (fyr::GgmlType; kernels do not depend on the engine).
constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10, kQ3_K = 11,
                   kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kBF16 = 30;

using BlockEncoder = void (*)(const float*, uint8_t*, int64_t);

struct QuantType {
    int64_t block_size = 0;  // 0: not a block type
    BlockEncoder encode = nullptr;
};

QuantType quant_type(uint32_t type) {
    switch (type) {
        case kQ4_0: return {32, detail::quantize_q4_0};
        case kQ4_1: return {32, detail::quantize_q4_1};
        case kQ5_0: return {32, detail::quantize_q5_0};
        case kQ5_1: return {32, detail::quantize_q5_1};
        case kQ8_0: return {32, detail::quantize_q8_0};
        case kQ2_K: return {256, detail::quantize_q2_k};
        case kQ3_K: return {256, detail::quantize_q3_k};
        case kQ4_K: return {256, detail::quantize_q4_k};
        case kQ5_K: return {256, detail::quantize_q5_k};
        case kQ6_K: return {256, detail::quantize_q6_k};
        default: return {};
    }
}

}  // namespace

bool quantize_supported(uint32_t type) {
    return type == kF32 || type == kF16 || type == kBF16 || quant_type(type).block_size != 0;
}

bool quantize_row(uint32_t type, const float* src, void* dst, int64_t n) {
    if (n < 0) return false;
    auto* bytes = static_cast<uint8_t*>(dst);
    if (const QuantType q = quant_type(type); q.block_size != 0) {
        if (n % q.block_size != 0) return false;
        q.encode(src, bytes, n / q.block_size);
        return true;
    }
    switch (type) {
        case kF32: std::memcpy(dst, src, static_cast<size_t>(n) * sizeof(float)); return true;
        case kF16:
            for (int64_t i = 0; i < n; ++i) {
                const uint16_t h = fp32_to_fp16(src[i]);
                std::memcpy(bytes + 2 * i, &h, 2);
            }
            return true;
        case kBF16:
            for (int64_t i = 0; i < n; ++i) {
                const uint16_t h = fp32_to_bf16(src[i]);
                std::memcpy(bytes + 2 * i, &h, 2);
            }
            return true;
        default: return false;
    }
}

}  // namespace fyr::kernels
