// Scalar reference conversion of GGUF weight rows to float: the oracle every SIMD,
// CUDA and Vulkan kernel is checked against. Types are ggml's numbers (fyr::GgmlType):
// F32, F16, BF16; the 32-element blocks Q4_0, Q4_1, Q5_0, Q5_1, Q8_0
// (cpu/dequantize_q.cpp); the 256-element K-quants Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K
// (cpu/dequantize_k.cpp). Blocks are read with ggml's exact layouts, unaligned reads
// allowed. The arithmetic is plain float in a fixed order (scale products first, then
// times the quant, then the min term; no FMA contraction is relied on), so a kernel
// doing the same operations matches bit for bit and one using FMA differs by rounding.
// The IQ*, TQ* and Q8_1 types are not handled.
//
//   std::vector<float> row(n);
//   if (!fyr::kernels::dequantize_row(type, tensor_bytes + r * row_bytes, row.data(), n)) ...
//
// Thread-safe (no state).
#pragma once

#include <cstdint>

namespace fyr::kernels {

// Whether dequantize_row() handles this type.
bool dequantize_supported(uint32_t ggml_type);

// Converts n values (a whole number of the type's blocks) stored at src to float.
// Returns false, writing nothing, for an unsupported type or an n that is not a
// whole number of blocks.
bool dequantize_row(uint32_t ggml_type, const void* src, float* dst, int64_t n);

// IEEE half and bfloat16 to float and back (round to nearest even).
float fp16_to_fp32(uint16_t h);
uint16_t fp32_to_fp16(float f);
float bf16_to_fp32(uint16_t h);
uint16_t fp32_to_bf16(float f);

}  // namespace fyr::kernels
