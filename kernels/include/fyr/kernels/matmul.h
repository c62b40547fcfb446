// Matrix multiplication kernels for the CPU: weight rows in a GGUF type times
// activation rows, chosen at run time for the instructions the CPU has.
//
// Activations are first converted to the form the weight type multiplies with
// (as llama.cpp's CPU backend does): F32 for F32 weights, F16 for F16, BF16 for
// BF16, 8-bit blocks of 32 with an F16-rounded scale for Q4_0/Q4_1/Q5_0/Q5_1/Q8_0
// (plus the block's sum for the types with a minimum), 8-bit blocks of 256 with
// a float scale and 16-value partial sums for the K-quants. Integer dot products
// per block, then a float sum over blocks.
//
//   const fyr::kernels::MatmulKernels* k = fyr::kernels::matmul_kernels(type, fyr::kernels::best_isa());
//   std::vector<uint8_t> xq(k->activation_bytes(n_in) * n_tok);
//   for (t...) k->quantize(x + t * n_in, xq.data() + t * k->activation_bytes(n_in), n_in);
//   // y[t * n_out + r] = row r of W · x_t, for rows [r0, r1) (one thread's share):
//   k->gemm(n_in, w + r0 * row_bytes, row_bytes, r1 - r0,
//           xq.data(), k->activation_bytes(n_in), n_tok, y + r0, n_out);
//
// Every type has a scalar version (the oracle for the SIMD ones); AVX2+FMA and
// AVX-512 (with VNNI where present) versions are built when the compiler can and
// used only when the CPU reports them. "avx512-amx" is the AVX-512 VNNI table whose
// packed Q4_0/Q8_0/Q4_K/Q5_K prompt tiles run on AMX-INT8 (CPUs with AMX, where the OS grants
// it). FYR_KERNELS_ISA=scalar|avx2|avx512|avx512-amx in the environment lowers the
// choice (never raises it past what the CPU has).
//
// Thread-safe: the tables are immutable; kernels keep no state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fyr::kernels {

// In order: each one's CPUs run the ones before it.
enum class Isa { Scalar, Avx2, Avx512, Avx512Amx };

// "scalar", "avx2", "avx512", "avx512-amx".
const char* isa_name(Isa isa);
// Built into this binary and runnable on this CPU.
bool isa_available(Isa isa);
// The best available ISA, lowered by FYR_KERNELS_ISA when set (read once).
Isa best_isa();
// Every available ISA, Scalar first.
std::vector<Isa> available_isas();

struct MatmulKernels {
    uint32_t weight_type = 0;  // ggml type number
    Isa isa = Isa::Scalar;
    int64_t block = 1;         // n_in must be a multiple of this

    // Bytes of n activations in this type's activation form (n a multiple of block).
    size_t (*activation_bytes)(int64_t n) = nullptr;
    // Converts n floats to the activation form.
    void (*quantize)(const float* x, void* dst, int64_t n) = nullptr;
    // y[t * y_stride + r] = dot(weight row r, activation row t) for r < n_rows, t < n_tok.
    // Weight row r starts at w + r * w_row_bytes; activation row t at xq + t * x_row_bytes.
    void (*gemm)(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq,
                 size_t x_row_bytes, int64_t n_tok, float* y, int64_t y_stride) = nullptr;

    // Optional (pack_rows == 0: none): a copy of the weights laid out for this ISA,
    // made once (when a context is created), that gemm_packed multiplies faster.
    // Rows go in groups of pack_rows (n_rows a multiple of it); a group of n-wide
    // rows takes packed_bytes(n) bytes, so rows [r0, r1) of a packed matrix start at
    // byte (r0 / pack_rows) * packed_bytes(n).
    int64_t pack_rows = 0;
    size_t (*packed_bytes)(int64_t n) = nullptr;
    // Packs n_rows rows (w_row_bytes apart) into dst.
    void (*pack)(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, void* dst) = nullptr;
    // As gemm, for n_rows packed rows starting at wp (n_rows a multiple of pack_rows).
    void (*gemm_packed)(int64_t n, const void* wp, int64_t n_rows, const void* xq, size_t x_row_bytes,
                        int64_t n_tok, float* y, int64_t y_stride) = nullptr;
    // Optional (F16 and Q8_0 so far; nullptr: none): the transposed product, added to y:
    // y[t * y_stride + i] += sum over j < n of x_t[j] * w_j[i], for i < n_cols, t < n_tok,
    // where weight row j (n_cols values in this type's blocks; Q8_0: n_cols a multiple
    // of 32) starts at w + j * w_row_bytes and activation row t (n F16 values, whatever
    // the weight type) at xq + t * x_row_bytes. Attention's weights times V, with V's
    // rows as the cache holds them: every output column is a vector lane, so short
    // runs of rows cost no horizontal sums. Sums in F32, each lane's in order of j,
    // a fused multiply-add of x_t[j] and w_j[i] (exact in F32 for both types) per row.
    void (*gemm_t_acc)(int64_t n, const void* w, size_t w_row_bytes, int64_t n_cols, const void* xq, size_t x_row_bytes,
                       int64_t n_tok, float* y, int64_t y_stride) = nullptr;
};

// The kernels for a weight type on an ISA; nullptr when the type has none or the
// ISA is not available. Types without a dedicated kernel but with a scalar
// dequantizer (dequantize.h) get a generic one (rows dequantized to float).
const MatmulKernels* matmul_kernels(uint32_t weight_type, Isa isa);

}  // namespace fyr::kernels
