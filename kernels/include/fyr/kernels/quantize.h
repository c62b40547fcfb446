// Scalar reference conversion of float rows to GGUF weight types: the inverse of
// dequantize.h, used to write model files. Types are ggml's numbers (fyr::GgmlType):
// F32, F16, BF16; the 32-element blocks Q4_0, Q4_1, Q5_0, Q5_1, Q8_0
// (cpu/quantize_q.cpp); the 256-element K-quants Q2_K, Q3_K, Q4_K, Q5_K, Q6_K
// (cpu/quantize_k.cpp). Blocks are written in ggml's exact layouts.
//
// The arithmetic follows ggml's reference quantizers (quantize_row_*_ref, the ones
// llama-quantize uses without an importance matrix): the same scale choices (Q4_0's
// d = signed max / -8, the K-quants' iterative scale and min searches with the same
// step counts) in the same float operation order, so a row quantized here is the
// same bytes llama.cpp writes for it, up to the rare rounding tie a compiler's FMA
// contraction on the other side can flip.
//
//   std::vector<uint8_t> block(fyr::type_traits(8)->type_size * n / 32);
//   if (!fyr::kernels::quantize_row(8 /* Q8_0 */, row.data(), block.data(), n)) ...
//
// Thread-safe (no state).
#pragma once

#include <cstdint>

namespace fyr::kernels {

// Whether quantize_row() writes this type.
bool quantize_supported(uint32_t ggml_type);

// Converts n floats (a whole number of the type's blocks) to the type's blocks at dst
// (no alignment needed). Returns false, writing nothing, for an unsupported type or an
// n that is not a whole number of blocks. Non-finite inputs give unspecified (but
// memory-safe) blocks.
bool quantize_row(uint32_t ggml_type, const float* src, void* dst, int64_t n);

}  // namespace fyr::kernels
