// Tensor element types as numbered in GGUF files (ggml's enum), with their block
// layout. Sizes come from the format; types Fyr cannot compute with are still
// described here so files holding them open and report "unsupported" per tensor.
//
//   const fyr::TypeTraits* t = fyr::type_traits(12);   // Q4_K
//   t->block_size == 256, t->type_size == 144
//
// Thread-safe (constant data).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace fyr {

enum class GgmlType : uint32_t {
    F32 = 0, F16 = 1, Q4_0 = 2, Q4_1 = 3, Q5_0 = 6, Q5_1 = 7, Q8_0 = 8, Q8_1 = 9,
    Q2_K = 10, Q3_K = 11, Q4_K = 12, Q5_K = 13, Q6_K = 14, Q8_K = 15,
    IQ2_XXS = 16, IQ2_XS = 17, IQ3_XXS = 18, IQ1_S = 19, IQ4_NL = 20, IQ3_S = 21, IQ2_S = 22, IQ4_XS = 23,
    I8 = 24, I16 = 25, I32 = 26, I64 = 27, F64 = 28, IQ1_M = 29, BF16 = 30, TQ1_0 = 34, TQ2_0 = 35,
};

struct TypeTraits {
    GgmlType type;
    std::string_view name;  // "q4_K", as llama.cpp prints it
    uint32_t block_size;    // elements per block
    uint32_t type_size;     // bytes per block
};

// nullptr for numbers no GGUF writer assigns (or that were retired, like 4..5, 31..33).
const TypeTraits* type_traits(uint32_t type);

// Bytes of a row of n_elements; nullopt when n is not a whole number of blocks
// or the size does not fit in 64 bits.
std::optional<uint64_t> row_bytes(const TypeTraits& t, uint64_t n_elements);

}  // namespace fyr
