// Private to the CPU matmul kernels (matmul*.cpp): weight block layouts, the
// activation forms, small helpers and the tiling driver every ISA shares.
//
//   struct MyKernel {                       // in an anonymous namespace of one ISA file
//       static constexpr int kDecodeRows = 4, kRows = 2, kToks = 2;
//       template <int R, int T> static void tile(const Tile& a);   // R rows x T tokens
//   };
//   gemm_tiles<MyKernel>(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
//
// Everything defined here has internal linkage (anonymous namespace) on purpose: the
// AVX2 and AVX-512 files are compiled with -mavx* flags, and an inline function or
// template emitted by one of them as a shared (weak) symbol could be the copy the
// linker keeps for the scalar file too, which would then crash on an older CPU.
// For the same reason the SIMD files call no out-of-line standard library templates.
//
// Thread-safe: constants and pure functions only.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>

#include "fyr/kernels/matmul.h"

namespace fyr::kernels::detail {

// ggml's type numbers (fyr::GgmlType; the kernels do not depend on the engine).
inline constexpr uint32_t kF32 = 0, kF16 = 1, kQ4_0 = 2, kQ4_1 = 3, kQ5_0 = 6, kQ5_1 = 7, kQ8_0 = 8, kQ2_K = 10,
                          kQ3_K = 11, kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kQ8_K = 15, kBF16 = 30;

// Weight blocks (ggml's layouts, see dequantize_q.cpp / dequantize_k.cpp; packed,
// little-endian, no alignment guaranteed). Offsets of the fields inside a block:
//   Q4_0 (18 bytes / 32): d @0 (fp16), qs[16] @2 (low nibble: element j, high: j + 16)
//   Q4_1 (20 bytes / 32): d @0, m @2, qs[16] @4
//   Q5_0 (22 bytes / 32): d @0, qh (uint32, bit j: fifth bit of element j) @2, qs[16] @6
//   Q5_1 (24 bytes / 32): d @0, m @2, qh @4, qs[16] @8
//   Q8_0 (34 bytes / 32): d @0, qs[32] (int8) @2
//   Q2_K (84 bytes / 256): scales[16] @0, qs[64] @16, d @80, dmin @82
//   Q3_K (110 bytes / 256): hmask[32] @0, qs[64] @32, scales[12] @96, d @108
//   Q4_K (144 bytes / 256): d @0, dmin @2, scales[12] @4, qs[128] @16
//   Q5_K (176 bytes / 256): d @0, dmin @2, scales[12] @4, qh[32] @16, qs[128] @48
//   Q6_K (210 bytes / 256): ql[128] @0, qh[64] @128, scales[16] (int8) @192, d @208
inline constexpr size_t kQ4_0Bytes = 18, kQ4_1Bytes = 20, kQ5_0Bytes = 22, kQ5_1Bytes = 24, kQ8_0Bytes = 34;
inline constexpr size_t kQ2_KBytes = 84, kQ3_KBytes = 110, kQ4_KBytes = 144, kQ5_KBytes = 176, kQ6_KBytes = 210;
inline constexpr size_t kQ8_KBytes = 292;

// Activation forms (private; the same bytes on every ISA):
//   Q8_0 row, for Q4_0 / Q5_0 / Q8_0 weights: n int8 quants, then n / 32 floats d.
//     Per block of 32: d = amax / 127 rounded through fp16, q = nearbyint(x * (127 / amax)).
//   Q8_1 row, for Q4_1 / Q5_1: as Q8_0, then n / 32 floats s = fp16-rounded (amax / 127) * sum(q).
//   Q8_K row, for the K-quants: n / 256 blocks of ggml's block_q8_K (292 bytes: float d,
//     int8 qs[256], int16 bsums[16]); d = 1 / iscale with iscale = -127 / max (max: the value
//     of largest magnitude, the first one on ties), q = min(127, nearbyint(iscale * x)).
//   F16 / BF16 rows: the values rounded to nearest even; F32: the values.
// Storing d as a float (holding the fp16-rounded value) keeps the conversion out of
// the inner loops; the quants of a row are contiguous so SIMD loads span blocks.
inline constexpr int64_t kQK = 32, kQKK = 256;
inline constexpr size_t q8_0_row_bytes(int64_t n) {
    return static_cast<size_t>(n + 4 * (n / kQK));
}
inline constexpr size_t q8_1_row_bytes(int64_t n) {
    return static_cast<size_t>(n + 8 * (n / kQK));
}
inline constexpr size_t q8_k_row_bytes(int64_t n) {
    return static_cast<size_t>(n / kQKK) * kQ8_KBytes;
}
// Offsets of the Q8_K fields.
inline constexpr size_t kQ8_KQs = 4, kQ8_KBsums = 260;

// One R x T tile of a gemm: weight rows [0, R) and tokens [0, T) relative to these
// pointers; y[t * y_stride + r].
struct Tile {
    const uint8_t* w;
    size_t w_row_bytes;
    const uint8_t* x;
    size_t x_row_bytes;
    int64_t n;
    float* y;
    int64_t y_stride;
};

// The per-ISA tables (nullptr: no dedicated kernel for that type there).
const MatmulKernels* scalar_kernels(uint32_t type);
const MatmulKernels* avx2_kernels(uint32_t type);
// What an AVX-512 table uses beyond F/BW/VL/DQ: nothing, VNNI, or VNNI and AMX-INT8
// tiles (the packed Q4_0/Q8_0 layouts' prompt tiles; Isa::Avx512Amx).
enum class Avx512Ext { None, Vnni, VnniAmx };
const MatmulKernels* avx512_kernels(uint32_t type, Avx512Ext ext);

// Scalar pieces that the SIMD tables reuse where they have no kernel of their own
// (matmul_scalar.cpp; compiled without -mavx*).
size_t activation_bytes_q8_0(int64_t n);
size_t activation_bytes_q8_1(int64_t n);
size_t activation_bytes_q8_k(int64_t n);
void quantize_q8_1_scalar(const float* x, void* dst, int64_t n);
void quantize_q8_k_scalar(const float* x, void* dst, int64_t n);
void gemm_q5_1_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride);
void gemm_q2_k_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride);
void gemm_q3_k_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride);

namespace {

inline uint16_t load_u16(const uint8_t* p) {
    uint16_t v;
    std::memcpy(&v, p, 2);
    return v;
}

inline uint32_t load_u32(const uint8_t* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

inline float load_f32(const uint8_t* p) {
    float v;
    std::memcpy(&v, p, 4);
    return v;
}

inline void store_f32(uint8_t* p, float v) {
    std::memcpy(p, &v, 4);
}

inline float float_from_bits(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

inline uint32_t bits_from_float(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

// Half to float without branches, exact for every half (zero, subnormal, inf, NaN):
// normal values move their exponent and mantissa into place and fix the exponent bias
// with one multiply by 2^-112 (which also keeps inf and NaN); subnormals are read as
// 0.5 + m * 2^-24 and 0.5 is subtracted.
inline float half_to_float(uint16_t h) {
    const uint32_t w = static_cast<uint32_t>(h) << 16;
    const uint32_t sign = w & 0x80000000u;
    const uint32_t two_w = w + w;
    const float normal = float_from_bits((two_w >> 4) + (0xe0u << 23)) * 0x1.0p-112f;
    const float subnormal = float_from_bits((two_w >> 17) | (126u << 23)) - 0.5f;
    const uint32_t mag = two_w < (1u << 27) ? bits_from_float(subnormal) : bits_from_float(normal);
    return float_from_bits(sign | mag);
}

inline float half_at(const uint8_t* p) {
    return half_to_float(load_u16(p));
}

inline float bf16_to_float(uint16_t h) {
    return float_from_bits(static_cast<uint32_t>(h) << 16);
}

// Round to nearest, ties to even (the default rounding mode), for |f| < 2^22: adding
// 1.5 * 2^23 leaves the integer in the low mantissa bits.
inline int nearest_int(float f) {
    const float v = f + 12582912.f;
    return static_cast<int>(bits_from_float(v) & 0x007fffffu) - 0x00400000;
}

// Q4_K / Q5_K: twelve bytes to eight 6-bit scales and eight 6-bit mins. Sub-blocks
// 0..3 sit in the low 6 bits of bytes 0..3 (scale) and 4..7 (min); 4..7 have their
// low 4 bits in the nibbles of bytes 8..11 and their top 2 bits in the top bits of
// bytes 0..3 (scale) and 4..7 (min). Done four at a time in 32-bit words.
inline void unpack_k4_scales(const uint8_t* s, uint8_t* sc, uint8_t* mn) {
    const uint32_t a0 = load_u32(s), a1 = load_u32(s + 4), a2 = load_u32(s + 8);
    const uint32_t sc_lo = a0 & 0x3f3f3f3fu;
    const uint32_t mn_lo = a1 & 0x3f3f3f3fu;
    const uint32_t sc_hi = (a2 & 0x0f0f0f0fu) | (((a0 >> 6) & 0x03030303u) << 4);
    const uint32_t mn_hi = ((a2 >> 4) & 0x0f0f0f0fu) | (((a1 >> 6) & 0x03030303u) << 4);
    std::memcpy(sc, &sc_lo, 4);
    std::memcpy(sc + 4, &sc_hi, 4);
    std::memcpy(mn, &mn_lo, 4);
    std::memcpy(mn + 4, &mn_hi, 4);
}

// The same as unpack_k4_scales, as two 64-bit values (byte i = scale / min i),
// for SIMD code that would otherwise reload the bytes through memory.
inline void unpack_k4_scales64(const uint8_t* s, uint64_t* sc, uint64_t* mn) {
    const uint32_t a0 = load_u32(s), a1 = load_u32(s + 4), a2 = load_u32(s + 8);
    const uint32_t sc_hi = (a2 & 0x0f0f0f0fu) | (((a0 >> 6) & 0x03030303u) << 4);
    const uint32_t mn_hi = ((a2 >> 4) & 0x0f0f0f0fu) | (((a1 >> 6) & 0x03030303u) << 4);
    *sc = (a0 & 0x3f3f3f3fu) | (static_cast<uint64_t>(sc_hi) << 32);
    *mn = (a1 & 0x3f3f3f3fu) | (static_cast<uint64_t>(mn_hi) << 32);
}

// Row tiles read R consecutive rows side by side, so each row is a short stream
// that the hardware prefetcher picks up late; asking for the same block of the
// next tile (R rows further) keeps one tile of reads in flight (Q4_K decode, one
// thread: 6 -> 13.6 GB/s). Past the end of the matrix prefetches are harmless.
inline void prefetch_next_tile(const uint8_t* p, size_t tile_bytes, size_t block_bytes) {
    for (size_t line = 0; line < block_bytes; line += 64) __builtin_prefetch(p + tile_bytes + line, 0, 3);
}

inline int64_t min_i64(int64_t a, int64_t b) {
    return a < b ? a : b;
}

// The packed layouts (matmul_avx2.cpp, matmul_avx512.cpp) for the 32-value block
// types with one F16 scale (Q4_0, Q8_0): kRows rows interleaved block by block. Per
// block: the kRows scales, then the quant bytes in chunks of 4 bytes of each row in
// turn (chunk j: bytes [4j, 4j + 4) of rows 0..kRows-1), each quant byte xor kXor.
// Such a record is exactly as large as the kRows blocks it holds.
template <int64_t kRows, size_t kBlockBytes, uint32_t kXor>
void pack_rows_interleaved(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, void* dst) {
    constexpr size_t kQs = kBlockBytes - 2;  // quant bytes after the F16 scale
    constexpr size_t kScales = 2 * kRows, kChunk = 4 * kRows;
    const auto* src = static_cast<const uint8_t*>(w);
    auto* out = static_cast<uint8_t*>(dst);
    const int64_t nb = n / kQK;
    for (int64_t g = 0; g < n_rows / kRows; ++g) {
        for (int64_t b = 0; b < nb; ++b, out += kRows * kBlockBytes) {
            for (int64_t r = 0; r < kRows; ++r) {
                const uint8_t* blk =
                    src + static_cast<size_t>(g * kRows + r) * w_row_bytes + static_cast<size_t>(b) * kBlockBytes;
                std::memcpy(out + 2 * r, blk, 2);
                for (size_t j = 0; j < kQs / 4; ++j) {
                    const uint32_t q = load_u32(blk + 2 + 4 * j) ^ kXor;
                    std::memcpy(out + kScales + kChunk * j + 4 * static_cast<size_t>(r), &q, 4);
                }
            }
        }
    }
}

// Tokens per block for the packed drivers: as many as keep their activation rows
// within kTokenBlockBytes (a share of a core's L2 cache) and their nb block sums
// each within max_sums (the drivers' stack buffer), a whole number of tiles of
// tile_toks, at least one tile.
inline constexpr size_t kTokenBlockBytes = size_t{128} << 10;
inline int64_t token_block(size_t x_row_bytes, int64_t nb, int64_t max_sums, int tile_toks,
                           size_t block_bytes = kTokenBlockBytes) {
    int64_t fit = static_cast<int64_t>(block_bytes / (x_row_bytes ? x_row_bytes : 1));
    if (nb > 0 && max_sums / nb < fit) fit = max_sums / nb;
    const int64_t tiles = fit / tile_toks;
    return (tiles > 0 ? tiles : 1) * tile_toks;
}

// How far ahead of the weights being multiplied the packed (streaming) tiles ask
// for data: into L1 2 KiB ahead, into L2 8 KiB ahead. The L1 requests alone keep
// too few lines on their way from memory for one core to reach the read bandwidth
// (the hardware prefetcher alone left Q4_0 decode at 48 tokens/s where the L1
// requests gave 57); the L2 ones put more in flight. 850M decode on an AVX-512 Xeon,
// 2 threads, alternating runs: Q4_0 44-50 → 52-54 tokens/s; its AVX2 table there
// Q4_0 43 → 48-50, Q8_0 25-26 → 31-33. Prefetches past the end of a matrix do not
// fault.
inline constexpr size_t kPrefetchL1Ahead = 2048, kPrefetchL2Ahead = 8192;

// Asks for the `bytes` that start kPrefetchL1Ahead and kPrefetchL2Ahead past p.
inline __attribute__((always_inline)) void prefetch_weights_ahead(const uint8_t* p, size_t bytes) {
    for (size_t line = 0; line < bytes; line += 64) {
        __builtin_prefetch(p + kPrefetchL1Ahead + line, 0, 3);  // prefetcht0
        __builtin_prefetch(p + kPrefetchL2Ahead + line, 0, 2);  // prefetcht1
    }
}

// One tile of a packed layout: its group of rows at gw, T tokens from x, each
// token's block sums (times the layout's offset) at xsum, nb apart, or nullptr
// for the tile to add them up itself; y[t * y_stride + r].
using PackedTile = void (*)(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum,
                            float* y, int64_t y_stride);

// The gemm of the packed layouts (MatmulKernels::gemm_packed) on top of an ISA's
// tiles kTiles[T - 1] for T in [1, kToks]. Tokens go in blocks whose activations
// stay in the core's L2 cache; inside a block, groups of kRows rows outside and
// tiles of up to kToks tokens inside (a group's blocks stay in L1 while the
// block's tokens pass over them). Where the layout needs block sums (kBlockSum: a
// block's activation quant sum times the layout's offset), they are added up once
// per call into a stack buffer that a token block's always fit, unless n is so
// large that one tile's do not. (Streaming all of a prompt's tokens past each
// group, with the sums redone per group, left Q4_0 at 512 tokens a quarter slower
// than at 8.) kBlockBytes and kMaxSums: the token block's activation bytes and the
// sums buffer's entries, larger where the tiles are fast enough that reading the
// weights once per token block shows (AMX: one pass per 16 tokens' block sums).
template <int64_t kRows, int kToks, const PackedTile* kTiles, size_t (*kGroupBytes)(int64_t),
          int32_t (*kBlockSum)(const uint8_t*), size_t kBlockBytes = kTokenBlockBytes, int64_t kMaxSums = 4096>
void gemm_packed_groups(int64_t n, const void* wp, int64_t n_rows, const void* xq, size_t x_row_bytes, int64_t n_tok,
                        float* y, int64_t y_stride) {
    constexpr bool kSums = kBlockSum != nullptr;
    const auto* w = static_cast<const uint8_t*>(wp);
    const auto* x = static_cast<const uint8_t*>(xq);
    const size_t group_bytes = kGroupBytes(n);
    const int64_t nb = n / kQK;
    int32_t sums[kSums ? kMaxSums : 1];
    const int64_t block_toks = token_block(x_row_bytes, nb, kMaxSums, kToks, kBlockBytes);
    for (int64_t b0 = 0; b0 < n_tok; b0 += block_toks) {
        const int64_t b1 = min_i64(n_tok, b0 + block_toks);
        const bool have_sums = kSums && (b1 - b0) * nb <= kMaxSums;
        if constexpr (kSums) {
            if (have_sums) {
                for (int64_t t = b0; t < b1; ++t) {
                    const uint8_t* xt = x + static_cast<size_t>(t) * x_row_bytes;
                    for (int64_t b = 0; b < nb; ++b) sums[(t - b0) * nb + b] = kBlockSum(xt + b * kQK);
                }
            }
        }
        for (int64_t g = 0; g < n_rows / kRows; ++g) {
            const uint8_t* gw = w + static_cast<size_t>(g) * group_bytes;
            for (int64_t t0 = b0; t0 < b1; t0 += kToks) {
                const int64_t toks = min_i64(kToks, b1 - t0);
                kTiles[toks - 1](gw, n, x + static_cast<size_t>(t0) * x_row_bytes, x_row_bytes,
                                 have_sums ? sums + (t0 - b0) * nb : nullptr, y + t0 * y_stride + g * kRows, y_stride);
            }
        }
    }
}

using TileFn = void (*)(const Tile&);

// K's tiles for R in [1, RMAX], T in [1, TMAX], at [(R - 1) * TMAX + T - 1]. A plain
// array of a type local to the ISA's file (no shared std::array instantiations).
template <class K, int N>
struct TileTable {
    TileFn fn[N];
};

template <class K, int TMAX, int... Is>
constexpr TileTable<K, sizeof...(Is)> tile_table(std::integer_sequence<int, Is...>) {
    return {{&K::template tile<Is / TMAX + 1, Is % TMAX + 1>...}};
}

// The gemm of the public interface on top of K's tiles. Rows outside, tokens inside:
// a slab of K::kRows weight rows stays in cache while every token passes over it, so
// the weights are read from memory once. A single token (decode) takes taller slabs.
template <class K>
void gemm_tiles(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                int64_t n_tok, float* y, int64_t y_stride) {
    constexpr int kRowsMax = K::kDecodeRows > K::kRows ? K::kDecodeRows : K::kRows;
    static constexpr auto kTable = tile_table<K, K::kToks>(std::make_integer_sequence<int, kRowsMax * K::kToks>{});
    const auto* wb = static_cast<const uint8_t*>(w);
    const auto* xb = static_cast<const uint8_t*>(xq);
    const int64_t row_step = n_tok == 1 ? K::kDecodeRows : K::kRows;
    for (int64_t r0 = 0; r0 < n_rows; r0 += row_step) {
        const int64_t rows = min_i64(row_step, n_rows - r0);
        for (int64_t t0 = 0; t0 < n_tok; t0 += K::kToks) {
            const int64_t toks = min_i64(K::kToks, n_tok - t0);
            const Tile tile{wb + static_cast<size_t>(r0) * w_row_bytes,
                            w_row_bytes,
                            xb + static_cast<size_t>(t0) * x_row_bytes,
                            x_row_bytes,
                            n,
                            y + t0 * y_stride + r0,
                            y_stride};
            kTable.fn[(rows - 1) * K::kToks + toks - 1](tile);
        }
    }
}

// ---- The transposed product (MatmulKernels::gemm_t_acc) ----------------------------

// A tile adds T tokens' activations (F32, xf[t * kTRows + j]) times `rows` weight
// rows (w_row_bytes apart) to y over a few vectors of columns, each lane's sum in
// order of j (fused multiply-adds, as the oracle's std::fma).
inline constexpr int64_t kTRows = 64;   // weight rows per slab: they stay in L1 while the columns pass
inline constexpr int kTToks = 4;        // tokens per tile
inline constexpr int64_t kTGroup = 64;  // tokens whose F32 activations a slab converts at once
using TAccTile = void (*)(const uint8_t* w, size_t w_row_bytes, int64_t rows, const float* xf, float* y,
                          int64_t y_stride);

// The loops every weight type shares: groups of tokens, slabs of kTRows weight rows
// (the group's F16 activations for the slab converted to F32 by kToF32 once), tiles
// of up to kTToks tokens; cols(wj, rows, xt, yt, toks) adds one tile of tokens over
// every column.
template <void (*kToF32)(const uint8_t*, float*, int64_t), class Cols>
inline void t_acc_slabs(int64_t n, const void* w, size_t w_row_bytes, const void* xq, size_t x_row_bytes, int64_t n_tok,
                        float* y, int64_t y_stride, Cols cols) {
    const auto* wb = static_cast<const uint8_t*>(w);
    const auto* xb = static_cast<const uint8_t*>(xq);
    alignas(64) float xf[kTGroup * kTRows];
    for (int64_t g0 = 0; g0 < n_tok; g0 += kTGroup) {
        const int64_t g1 = min_i64(n_tok, g0 + kTGroup);
        for (int64_t j0 = 0; j0 < n; j0 += kTRows) {
            const int64_t rows = min_i64(kTRows, n - j0);
            for (int64_t t = g0; t < g1; ++t)
                kToF32(xb + static_cast<size_t>(t) * x_row_bytes + 2 * static_cast<size_t>(j0), xf + (t - g0) * kTRows,
                       rows);
            const uint8_t* wj = wb + static_cast<size_t>(j0) * w_row_bytes;
            for (int64_t t0 = g0; t0 < g1; t0 += kTToks) {
                const int64_t toks = min_i64(kTToks, g1 - t0);
                cols(wj, rows, xf + (t0 - g0) * kTRows, y + t0 * y_stride, toks);
            }
        }
    }
}

// F16 rows over an ISA's tiles kTiles[T - 1][V - 1] (T in [1, kTToks], V in [1, 2]
// vectors of kLanes columns); kToF32 converts n halves to floats. Columns past the
// last whole vector go one at a time.
template <int64_t kLanes, const TAccTile (*kTiles)[2], void (*kToF32)(const uint8_t*, float*, int64_t)>
void gemm_t_acc_f16_tiles(int64_t n, const void* w, size_t w_row_bytes, int64_t n_cols, const void* xq,
                          size_t x_row_bytes, int64_t n_tok, float* y, int64_t y_stride) {
    t_acc_slabs<kToF32>(n, w, w_row_bytes, xq, x_row_bytes, n_tok, y, y_stride,
                        [&](const uint8_t* wj, int64_t rows, const float* xt, float* yt, int64_t toks) {
                            int64_t i = 0;
                            for (; i + 2 * kLanes <= n_cols; i += 2 * kLanes)
                                kTiles[toks - 1][1](wj + 2 * i, w_row_bytes, rows, xt, yt + i, y_stride);
                            for (; i + kLanes <= n_cols; i += kLanes)
                                kTiles[toks - 1][0](wj + 2 * i, w_row_bytes, rows, xt, yt + i, y_stride);
                            for (; i < n_cols; ++i) {
                                for (int64_t t = 0; t < toks; ++t) {
                                    float acc = yt[t * y_stride + i];
                                    for (int64_t j = 0; j < rows; ++j)
                                        acc = std::fma(xt[t * kTRows + j],
                                                       half_at(wj + static_cast<size_t>(j) * w_row_bytes + 2 * i), acc);
                                    yt[t * y_stride + i] = acc;
                                }
                            }
                        });
}

// Q8_0 rows (n_cols a multiple of 32) over an ISA's tiles kTiles[T - 1][p]: tile p
// of a block takes its columns [p · 32 / kParts, (p + 1) · 32 / kParts), given the
// block's start (its scale). Each weight is its scale times its quant, exact in F32.
template <int kParts, const TAccTile (*kTiles)[kParts], void (*kToF32)(const uint8_t*, float*, int64_t)>
void gemm_t_acc_q8_0_tiles(int64_t n, const void* w, size_t w_row_bytes, int64_t n_cols, const void* xq,
                           size_t x_row_bytes, int64_t n_tok, float* y, int64_t y_stride) {
    t_acc_slabs<kToF32>(n, w, w_row_bytes, xq, x_row_bytes, n_tok, y, y_stride,
                        [&](const uint8_t* wj, int64_t rows, const float* xt, float* yt, int64_t toks) {
                            for (int64_t b = 0; b < n_cols / kQK; ++b) {
                                for (int p = 0; p < kParts; ++p)
                                    kTiles[toks - 1][p](wj + static_cast<size_t>(b) * kQ8_0Bytes, w_row_bytes, rows, xt,
                                                        yt + b * kQK + p * (kQK / kParts), y_stride);
                            }
                        });
}

}  // namespace
}  // namespace fyr::kernels::detail
