// AVX-512 (F, BW, VL, DQ) matmul kernels, in two variants: with AVX512-VNNI the
// 8-bit and 16-bit dot products use vpdpbusd / vpdpwssd, without it maddubs + madd.
// This file alone is compiled with -mavx512* flags; matmul.cpp picks the variant
// from the CPU's features and calls into it only when the CPU has them. It holds
// no plain integer dot-product loops the compiler could turn into VNNI instructions
// on its own (the non-VNNI variant must not contain any).
//
// Structure as matmul_avx2.cpp at twice the width: a 512-bit vector holds two
// 32-element blocks (an odd last block runs with the upper half zeroed) or one
// 64-element group of a K-quant super-block.
// GCC 12 reports its own _mm*_undefined_*() placeholders inside the intrinsics as
// (maybe-)uninitialized once they are inlined (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#if defined(FYR_KERNELS_SIMDE)
// Built a second time by a test against portable AVX-512 (SIMDe), so the kernels can
// be checked on CPUs without AVX-512 (tests/kernels/tests.cmake).
#include "simde_avx512.h"
#else
#include <immintrin.h>
#endif
#pragma GCC diagnostic pop

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "fyr/kernels/dequantize.h"
#include "matmul_internal.h"

namespace fyr::kernels::detail {
namespace {

#define FYR_ALWAYS_INLINE inline __attribute__((always_inline))

// ---- Helpers ----------------------------------------------------------------------

inline __m512i load512(const uint8_t* p) {
    return _mm512_loadu_si512(p);
}
inline __m256i load256(const uint8_t* p) {
    return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
inline __m128i load128(const uint8_t* p) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline void store256(uint8_t* p, __m256i v) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v);
}
inline void store128(uint8_t* p, __m128i v) {
    _mm_storeu_si128(reinterpret_cast<__m128i*>(p), v);
}

inline float half_f16c(const uint8_t* p) {
    return _cvtsh_ss(load_u16(p));
}
inline float fp16_round_f16c(float f) {
    return _cvtsh_ss(_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT));
}

// Eight lanes of a, eight of b.
inline __m512 split_ps(float a, float b) {
    return _mm512_mask_blend_ps(0xff00, _mm512_set1_ps(a), _mm512_set1_ps(b));
}
// Sixteen int16 lanes of a, sixteen of b.
inline __m512i split_epi16(int16_t a, int16_t b) {
    return _mm512_inserti64x4(_mm512_set1_epi16(a), _mm256_set1_epi16(b), 1);
}
inline __m512i join256(__m256i lo, __m256i hi) {
    return _mm512_inserti64x4(_mm512_castsi256_si512(lo), hi, 1);
}

// acc + sums of four products of unsigned bytes a and signed bytes b.
template <bool kVnni>
FYR_ALWAYS_INLINE __m512i dot_u8s8(__m512i acc, __m512i a, __m512i b) {
    if constexpr (kVnni) {
        return _mm512_dpbusd_epi32(acc, a, b);
    } else {
        return _mm512_add_epi32(acc, _mm512_madd_epi16(_mm512_maddubs_epi16(a, b), _mm512_set1_epi16(1)));
    }
}

// acc + sums of two products of int16s.
template <bool kVnni>
FYR_ALWAYS_INLINE __m512i madd_acc(__m512i acc, __m512i a, __m512i b) {
    if constexpr (kVnni) {
        return _mm512_dpwssd_epi32(acc, a, b);
    } else {
        return _mm512_add_epi32(acc, _mm512_madd_epi16(a, b));
    }
}

inline __m512i round_to_i32(__m512 v) {
    return _mm512_cvtps_epi32(_mm512_roundscale_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

// Sixteen nibbles to 32 bytes: low nibbles are elements 0..15, high nibbles 16..31.
inline __m256i nibbles_32(const uint8_t* qs) {
    const __m128i b = load128(qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(b, 4), b), _mm256_set1_epi8(0x0f));
}

// Two blocks' nibbles (at p and p + stride) to 64 bytes in element order.
inline __m512i nibbles_64(const uint8_t* p, size_t stride) {
    const __m256i q = _mm256_set_m128i(load128(p + stride), load128(p));
    const __m512i v = join256(q, _mm256_srli_epi16(q, 4));  // lo0 lo1 hi0 hi1
    return _mm512_and_si512(_mm512_shuffle_i64x2(v, v, _MM_SHUFFLE(3, 1, 2, 0)), _mm512_set1_epi8(0x0f));
}

// ---- Activations ------------------------------------------------------------------

inline float quantize_block_32(const float* x, uint8_t* q, int* sum) {
    const __m512 v0 = _mm512_loadu_ps(x), v1 = _mm512_loadu_ps(x + 16);
    const float amax = _mm512_reduce_max_ps(_mm512_max_ps(_mm512_abs_ps(v0), _mm512_abs_ps(v1)));
    const __m512 id = _mm512_set1_ps(amax != 0.f ? 127.f / amax : 0.f);
    const __m512i i0 = round_to_i32(_mm512_mul_ps(v0, id)), i1 = round_to_i32(_mm512_mul_ps(v1, id));
    store128(q, _mm512_cvtsepi32_epi8(i0));
    store128(q + 16, _mm512_cvtsepi32_epi8(i1));
    *sum = _mm512_reduce_add_epi32(_mm512_add_epi32(i0, i1));
    return amax / 127.f;
}

void quantize_q8_0(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t b = 0; b < n / kQK; ++b) {
        int sum = 0;
        const float d = quantize_block_32(x + b * kQK, out + b * kQK, &sum);
        store_f32(out + n + 4 * b, fp16_round_f16c(d));
    }
}

void quantize_q8_1(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    const int64_t nb = n / kQK;
    for (int64_t b = 0; b < nb; ++b) {
        int sum = 0;
        const float d = quantize_block_32(x + b * kQK, out + b * kQK, &sum);
        store_f32(out + n + 4 * b, fp16_round_f16c(d));
        store_f32(out + n + 4 * (nb + b), fp16_round_f16c(d * static_cast<float>(sum)));
    }
}

void quantize_q8_k(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t b = 0; b < n / kQKK; ++b, x += kQKK, out += kQ8_KBytes) {
        __m512 m = _mm512_setzero_ps();
        for (int j = 0; j < kQKK; j += 16) m = _mm512_max_ps(m, _mm512_abs_ps(_mm512_loadu_ps(x + j)));
        const float amax = _mm512_reduce_max_ps(m);
        if (amax == 0.f) {
            store_f32(out, 0.f);
            for (size_t j = kQ8_KQs; j < kQ8_KBytes; j += 4) store_f32(out + j, 0.f);
            continue;
        }
        // The signed value of largest magnitude: the first one (as the scalar loop finds it).
        const __m512 amax_v = _mm512_set1_ps(amax);
        int first = 0;
        for (int j = 0; j < kQKK; j += 16) {
            const __mmask16 hit = _mm512_cmp_ps_mask(_mm512_abs_ps(_mm512_loadu_ps(x + j)), amax_v, _CMP_EQ_OQ);
            if (hit != 0) {
                first = j + __builtin_ctz(static_cast<unsigned>(hit));
                break;
            }
        }
        const float iscale = -127.f / x[first];
        const __m512 is = _mm512_set1_ps(iscale);
        for (int j = 0; j < kQKK; j += 16) {
            const __m512i i = round_to_i32(_mm512_mul_ps(_mm512_loadu_ps(x + j), is));
            // The saturating narrow stops at 127, which is the clamp the scalar code applies.
            store128(out + kQ8_KQs + j, _mm512_cvtsepi32_epi8(i));
            const auto s = static_cast<int16_t>(_mm512_reduce_add_epi32(i));
            std::memcpy(out + kQ8_KBsums + 2 * (j / 16), &s, 2);
        }
        store_f32(out, 1.f / iscale);
    }
}

void quantize_f32(const float* x, void* dst, int64_t n) {
    std::memcpy(dst, x, static_cast<size_t>(n) * sizeof(float));
}

void quantize_f16(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) {
        store256(out + 2 * i, _mm512_cvtps_ph(_mm512_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    }
    for (; i < n; ++i) {
        const uint16_t h = fp32_to_fp16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

// Round to nearest even on the bits (vcvtneps2bf16 would flush subnormals); NaNs
// stay quiet NaNs.
void quantize_bf16(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    int64_t i = 0;
    const __m512i one = _mm512_set1_epi32(1), bias = _mm512_set1_epi32(0x7fff), quiet = _mm512_set1_epi32(0x40);
    for (; i + 16 <= n; i += 16) {
        const __m512 f = _mm512_loadu_ps(x + i);
        const __m512i u = _mm512_castps_si512(f);
        const __m512i odd = _mm512_and_si512(_mm512_srli_epi32(u, 16), one);
        const __m512i rounded = _mm512_srli_epi32(_mm512_add_epi32(_mm512_add_epi32(u, bias), odd), 16);
        const __m512i nan = _mm512_or_si512(_mm512_srli_epi32(u, 16), quiet);
        const __m512i h = _mm512_mask_blend_epi32(_mm512_cmp_ps_mask(f, f, _CMP_UNORD_Q), rounded, nan);
        store256(out + 2 * i, _mm512_cvtepi32_epi16(h));
    }
    for (; i < n; ++i) {
        const uint16_t h = fp32_to_bf16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

// ---- Float rows -------------------------------------------------------------------

struct LoadF32 {
    static constexpr size_t kSize = 4;
    static __m512 load16(const uint8_t* p) { return _mm512_loadu_ps(p); }
    static float load1(const uint8_t* p) { return load_f32(p); }
};

struct LoadF16 {
    static constexpr size_t kSize = 2;
    static __m512 load16(const uint8_t* p) { return _mm512_cvtph_ps(load256(p)); }
    static float load1(const uint8_t* p) { return half_f16c(p); }
};

struct LoadBF16 {
    static constexpr size_t kSize = 2;
    static __m512 load16(const uint8_t* p) {
        return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(load256(p)), 16));
    }
    static float load1(const uint8_t* p) { return bf16_to_float(load_u16(p)); }
};

template <class L>
struct KernelFloat {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 4;
    template <int R, int T>
    static void tile(const Tile& a) {
        __m512 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_ps();
        int64_t i = 0;
        for (; i + 16 <= a.n; i += 16) {
            __m512 x[T];
            for (int t = 0; t < T; ++t) x[t] = L::load16(a.x + t * a.x_row_bytes + L::kSize * i);
            for (int r = 0; r < R; ++r) {
                const __m512 w = L::load16(a.w + r * a.w_row_bytes + L::kSize * i);
                for (int t = 0; t < T; ++t) acc[r][t] = _mm512_fmadd_ps(w, x[t], acc[r][t]);
            }
        }
        for (int r = 0; r < R; ++r) {
            for (int t = 0; t < T; ++t) {
                float s = _mm512_reduce_add_ps(acc[r][t]);
                for (int64_t j = i; j < a.n; ++j) {
                    s += L::load1(a.w + r * a.w_row_bytes + L::kSize * j) *
                         L::load1(a.x + t * a.x_row_bytes + L::kSize * j);
                }
                a.y[t * a.y_stride + r] = s;
            }
        }
    }
};

// ---- 32-element blocks ------------------------------------------------------------

// Weight quants of one block (quants, 32 bytes) or of two consecutive ones (quants2).
struct WQ4_0 {
    static constexpr size_t kBytes = kQ4_0Bytes;
    static __m256i quants(const uint8_t* b) { return _mm256_sub_epi8(nibbles_32(b + 2), _mm256_set1_epi8(8)); }
    static __m512i quants2(const uint8_t* b) { return _mm512_sub_epi8(nibbles_64(b + 2, kBytes), _mm512_set1_epi8(8)); }
};

// Fifth bits as a mask: nibble - 16 where the bit is clear.
struct WQ5_0 {
    static constexpr size_t kBytes = kQ5_0Bytes;
    static __m256i quants(const uint8_t* b) {
        const auto clear = static_cast<__mmask32>(~load_u32(b + 2));
        const __m256i q = nibbles_32(b + 6);
        return _mm256_mask_sub_epi8(q, clear, q, _mm256_set1_epi8(16));
    }
    static __m512i quants2(const uint8_t* b) {
        const uint64_t bits = load_u32(b + 2) | (static_cast<uint64_t>(load_u32(b + kBytes + 2)) << 32);
        const __m512i q = nibbles_64(b + 6, kBytes);
        return _mm512_mask_sub_epi8(q, static_cast<__mmask64>(~bits), q, _mm512_set1_epi8(16));
    }
};

struct WQ8_0 {
    static constexpr size_t kBytes = kQ8_0Bytes;
    static __m256i quants(const uint8_t* b) { return load256(b + 2); }
    static __m512i quants2(const uint8_t* b) { return join256(load256(b + 2), load256(b + kBytes + 2)); }
};

struct WQ4_1 {
    static constexpr size_t kBytes = kQ4_1Bytes;
    static __m256i quants(const uint8_t* b) { return nibbles_32(b + 4); }
    static __m512i quants2(const uint8_t* b) { return nibbles_64(b + 4, kBytes); }
};

// Fifth bits as a mask: nibble + 16 where the bit is set.
struct WQ5_1 {
    static constexpr size_t kBytes = kQ5_1Bytes;
    static __m256i quants(const uint8_t* b) {
        const auto set = static_cast<__mmask32>(load_u32(b + 4));
        const __m256i q = nibbles_32(b + 8);
        return _mm256_mask_add_epi8(q, set, q, _mm256_set1_epi8(16));
    }
    static __m512i quants2(const uint8_t* b) {
        const uint64_t bits = load_u32(b + 4) | (static_cast<uint64_t>(load_u32(b + kBytes + 4)) << 32);
        const __m512i q = nibbles_64(b + 8, kBytes);
        return _mm512_mask_add_epi8(q, static_cast<__mmask64>(bits), q, _mm512_set1_epi8(16));
    }
};

// Quants of block b and, with kPair, b + 1; a lone block has zeros above.
template <class W, bool kPair>
FYR_ALWAYS_INLINE __m512i block_quants(const uint8_t* wb) {
    if constexpr (kPair) {
        return W::quants2(wb);
    } else {
        return _mm512_zextsi256_si512(W::quants(wb));
    }
}

template <bool kPair>
FYR_ALWAYS_INLINE __m512i block_activations(const uint8_t* xq) {
    if constexpr (kPair) {
        return load512(xq);
    } else {
        return _mm512_maskz_loadu_epi8(0xffffffffull, xq);
    }
}

// Q4_0, Q5_0, Q8_0 against Q8_0 activations.
template <class W, bool kVnni>
struct KernelQ8_0Act {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 4;

    template <bool kPair, int R, int T>
    FYR_ALWAYS_INLINE static void step(const Tile& a, int64_t b, __m512 (&acc)[R][T]) {
        __m512 dx[T];
        for (int t = 0; t < T; ++t) {
            const uint8_t* d = a.x + t * a.x_row_bytes + a.n + 4 * b;
            dx[t] = split_ps(load_f32(d), kPair ? load_f32(d + 4) : 0.f);
        }
        for (int r = 0; r < R; ++r) {
            const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * W::kBytes;
            prefetch_next_tile(wb, R * a.w_row_bytes, W::kBytes);
            const __m512i q = block_quants<W, kPair>(wb);
            const __m512i q_abs = _mm512_abs_epi8(q);
            const __mmask64 neg = _mm512_movepi8_mask(q);
            const __m512 dw = split_ps(half_f16c(wb), kPair ? half_f16c(wb + W::kBytes) : 0.f);
            for (int t = 0; t < T; ++t) {
                const __m512i x = block_activations<kPair>(a.x + t * a.x_row_bytes + b * kQK);
                // The weights' signs onto the activations (a zero weight contributes 0 anyway).
                const __m512i xs = _mm512_mask_sub_epi8(x, neg, _mm512_setzero_si512(), x);
                const __m512 p = _mm512_cvtepi32_ps(dot_u8s8<kVnni>(_mm512_setzero_si512(), q_abs, xs));
                acc[r][t] = _mm512_fmadd_ps(_mm512_mul_ps(dw, dx[t]), p, acc[r][t]);
            }
        }
    }

    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        __m512 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_ps();
        int64_t b = 0;
        for (; b + 2 <= nb; b += 2) step<true>(a, b, acc);
        if (b < nb) step<false>(a, b, acc);
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = _mm512_reduce_add_ps(acc[r][t]);
    }
};

// Q4_1, Q5_1 against Q8_1 activations.
template <class W, bool kVnni>
struct KernelQ8_1Act {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 4;

    template <bool kPair, int R, int T>
    FYR_ALWAYS_INLINE static void step(const Tile& a, int64_t b, __m512 (&acc)[R][T], float (&mins)[R][T]) {
        const int64_t nb = a.n / kQK;
        __m512 dx[T];
        float sx0[T], sx1[T];
        for (int t = 0; t < T; ++t) {
            const uint8_t* d = a.x + t * a.x_row_bytes + a.n + 4 * b;
            const uint8_t* s = a.x + t * a.x_row_bytes + a.n + 4 * (nb + b);
            dx[t] = split_ps(load_f32(d), kPair ? load_f32(d + 4) : 0.f);
            sx0[t] = load_f32(s);
            sx1[t] = kPair ? load_f32(s + 4) : 0.f;
        }
        for (int r = 0; r < R; ++r) {
            const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * W::kBytes;
            prefetch_next_tile(wb, R * a.w_row_bytes, W::kBytes);
            const __m512i q = block_quants<W, kPair>(wb);
            const __m512 dw = split_ps(half_f16c(wb), kPair ? half_f16c(wb + W::kBytes) : 0.f);
            const float mw0 = half_f16c(wb + 2);
            const float mw1 = kPair ? half_f16c(wb + W::kBytes + 2) : 0.f;
            for (int t = 0; t < T; ++t) {
                const __m512i x = block_activations<kPair>(a.x + t * a.x_row_bytes + b * kQK);
                const __m512 p = _mm512_cvtepi32_ps(dot_u8s8<kVnni>(_mm512_setzero_si512(), q, x));
                acc[r][t] = _mm512_fmadd_ps(_mm512_mul_ps(dw, dx[t]), p, acc[r][t]);
                mins[r][t] += mw0 * sx0[t];
                if constexpr (kPair) mins[r][t] += mw1 * sx1[t];
            }
        }
    }

    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        __m512 acc[R][T];
        float mins[R][T] = {};
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_ps();
        int64_t b = 0;
        for (; b + 2 <= nb; b += 2) step<true>(a, b, acc, mins);
        if (b < nb) step<false>(a, b, acc, mins);
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = _mm512_reduce_add_ps(acc[r][t]) + mins[r][t];
    }
};

// ---- K-quants ---------------------------------------------------------------------

// Q4_K and Q5_K against Q8_K: per 64 elements one 512-bit vector (two sub-blocks).
template <bool kFive, bool kVnni>
struct KernelQ45_K {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 4;
    static constexpr size_t kBytes = kFive ? kQ5_KBytes : kQ4_KBytes;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        const __m512i low4 = _mm512_set1_epi8(0x0f);
        __m512 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* xb[T];
            float dx[T];
            for (int t = 0; t < T; ++t) {
                xb[t] = a.x + t * a.x_row_bytes + static_cast<size_t>(b) * kQ8_KBytes;
                dx[t] = load_f32(xb[t]);
            }
            for (int r = 0; r < R; ++r) {
                const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * kBytes;
                prefetch_next_tile(wb, R * a.w_row_bytes, kBytes);
                const uint8_t* qs = wb + (kFive ? 48 : 16);
                uint8_t sc[8], mn[8];
                unpack_k4_scales(wb + 4, sc, mn);
                const __m128i m8 = _mm_cvtepu8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(mn)));
                const __m256i mins = _mm256_set_m128i(_mm_unpackhi_epi16(m8, m8), _mm_unpacklo_epi16(m8, m8));
                __m512i sumi[T];
                for (int t = 0; t < T; ++t) sumi[t] = _mm512_setzero_si512();
                __m256i qh = kFive ? load256(wb + 16) : _mm256_setzero_si256();
                for (int k = 0; k < 4; ++k) {
                    const __m256i q = load256(qs + 32 * k);
                    __m512i v = _mm512_and_si512(join256(q, _mm256_srli_epi16(q, 4)), low4);
                    if constexpr (kFive) {
                        const __m256i bit4 = _mm256_set1_epi8(0x10);
                        const __m256i h_lo = _mm256_and_si256(_mm256_slli_epi16(qh, 4), bit4);
                        const __m256i h_hi = _mm256_and_si256(_mm256_slli_epi16(qh, 3), bit4);
                        v = _mm512_or_si512(v, join256(h_lo, h_hi));
                        qh = _mm256_srli_epi16(qh, 2);
                    }
                    const __m512i scv = split_epi16(sc[2 * k], sc[2 * k + 1]);
                    for (int t = 0; t < T; ++t) {
                        const __m512i p = _mm512_maddubs_epi16(v, load512(xb[t] + kQ8_KQs + 64 * k));
                        sumi[t] = madd_acc<kVnni>(sumi[t], p, scv);
                    }
                }
                const float dw = half_f16c(wb), dmin = half_f16c(wb + 2);
                for (int t = 0; t < T; ++t) {
                    const __m256i pm = _mm256_madd_epi16(load256(xb[t] + kQ8_KBsums), mins);
                    acc[r][t] = _mm512_fmadd_ps(_mm512_set1_ps(dx[t] * dw), _mm512_cvtepi32_ps(sumi[t]), acc[r][t]);
                    acc[r][t] = _mm512_fnmadd_ps(_mm512_set1_ps(dx[t] * dmin),
                                                 _mm512_zextps256_ps512(_mm256_cvtepi32_ps(pm)), acc[r][t]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = _mm512_reduce_add_ps(acc[r][t]);
    }
};

// Q6_K against Q8_K: unsigned quants, the -32 offset through the activation sums.
template <bool kVnni>
struct KernelQ6_K {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 4;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        const __m512i low4 = _mm512_set1_epi8(0x0f), bits45 = _mm512_set1_epi8(0x30);
        // int16 lane l of a 64-element group takes the scale (l / 8) of the group's four.
        const __m512i scale_idx =
            _mm512_setr_epi32(0, 0, 0, 0, 0x00010001, 0x00010001, 0x00010001, 0x00010001, 0x00020002, 0x00020002,
                              0x00020002, 0x00020002, 0x00030003, 0x00030003, 0x00030003, 0x00030003);
        __m512 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm512_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* xb[T];
            float dx[T];
            for (int t = 0; t < T; ++t) {
                xb[t] = a.x + t * a.x_row_bytes + static_cast<size_t>(b) * kQ8_KBytes;
                dx[t] = load_f32(xb[t]);
            }
            for (int r = 0; r < R; ++r) {
                const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * kQ6_KBytes;
                prefetch_next_tile(wb, R * a.w_row_bytes, kQ6_KBytes);
                const __m256i sc16 = _mm256_cvtepi8_epi16(load128(wb + 192));
                const __m512i sc512 = _mm512_zextsi256_si512(sc16);
                __m512i sumi[T];
                for (int t = 0; t < T; ++t) {
                    const __m256i offset = _mm256_madd_epi16(load256(xb[t] + kQ8_KBsums), sc16);
                    sumi[t] =
                        _mm512_zextsi256_si512(_mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(offset, 5)));
                }
                for (int half = 0; half < 2; ++half) {
                    const __m512i ql = load512(wb + 64 * half);
                    const __m256i qh = load256(wb + 128 + 32 * half);
                    const __m512i h01 = join256(_mm256_slli_epi16(qh, 4), _mm256_slli_epi16(qh, 2));
                    const __m512i h23 = join256(qh, _mm256_srli_epi16(qh, 2));
                    __m512i q[2];
                    q[0] = _mm512_or_si512(_mm512_and_si512(ql, low4), _mm512_and_si512(h01, bits45));
                    q[1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), low4),
                                           _mm512_and_si512(h23, bits45));
                    for (int k = 0; k < 2; ++k) {
                        const int c = 2 * half + k;  // 64-element group: scales 4c .. 4c + 3
                        const __m512i scv = _mm512_permutexvar_epi16(
                            _mm512_add_epi16(scale_idx, _mm512_set1_epi16(static_cast<int16_t>(4 * c))), sc512);
                        for (int t = 0; t < T; ++t) {
                            const __m512i p = _mm512_maddubs_epi16(q[k], load512(xb[t] + kQ8_KQs + 64 * c));
                            sumi[t] = madd_acc<kVnni>(sumi[t], p, scv);
                        }
                    }
                }
                const float dw = half_f16c(wb + 208);
                for (int t = 0; t < T; ++t) {
                    acc[r][t] = _mm512_fmadd_ps(_mm512_set1_ps(dx[t] * dw), _mm512_cvtepi32_ps(sumi[t]), acc[r][t]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = _mm512_reduce_add_ps(acc[r][t]);
    }
};

// ---- Packed 16-row layouts --------------------------------------------------------
//
// As AVX2's packed 8-row layouts (matmul_avx2.cpp) at twice the rows: one 64-byte
// load holds 4 quants of each of 16 rows, so the activations' 4 quants broadcast to
// every lane (an embedded broadcast of vpdpbusd) give each row's sum in its own
// 32-bit lane, and a block ends with one subtract, convert and multiply-add for all
// 16 rows of each token. The integer sums per block are the per-row kernels' exactly.
//
// Q4_0, per block of 32 values and 16 rows (288 bytes): the 16 F16 scales, then 4
// chunks of 64 bytes; chunk j holds bytes qs[4j .. 4j+3] of rows 0..15 (low nibbles:
// values 4j.., high nibbles: values 16+4j..). Unsigned nibbles q: (q - 8) · x =
// q · x - 8 Σx.
// Q8_0 (VNNI only), per block (544 bytes): the 16 F16 scales, then 8 chunks; chunk j
// holds quants [4j .. 4j+3] of rows 0..15 stored as q + 128 (unsigned):
// q · x = (q + 128) · x - 128 Σx. Without VNNI the 16-bit pair sums of maddubs would
// saturate on such bytes, so that table keeps AVX2's layout for Q8_0.

constexpr int64_t kPack16Rows = 16;
constexpr int kPack16Toks = 8;
constexpr size_t kPacked16Q4_0Block = 32 + 256, kPacked16Q8_0Block = 32 + 512;
static_assert(kPacked16Q4_0Block == kPack16Rows * kQ4_0Bytes && kPacked16Q8_0Block == kPack16Rows * kQ8_0Bytes);
size_t packed16_bytes_q4_0(int64_t n) {
    return static_cast<size_t>(n / kQK) * kPacked16Q4_0Block;
}
size_t packed16_bytes_q8_0(int64_t n) {
    return static_cast<size_t>(n / kQK) * kPacked16Q8_0Block;
}

// The sum of a block's 32 activation quants (signed bytes): the unsigned sum of
// the bytes xor 0x80 less 32 · 128.
inline int32_t block_sum_32(const uint8_t* x) {
    const __m256i u = _mm256_xor_si256(load256(x), _mm256_set1_epi8(static_cast<char>(0x80)));
    const __m256i s = _mm256_sad_epu8(u, _mm256_setzero_si256());  // four 64-bit partial sums
    const __m128i h = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
    return static_cast<int32_t>(_mm_cvtsi128_si32(h) + _mm_extract_epi32(h, 2)) - 32 * 128;
}

// The layouts' offsets: Q4_0's block sums times 8, Q8_0's times 128.
int32_t block_sum_times8(const uint8_t* x) {
    return block_sum_32(x) * 8;
}
int32_t block_sum_times128(const uint8_t* x) {
    return block_sum_32(x) * 128;
}

inline __m512i broadcast4_512(const uint8_t* p) {
    return _mm512_set1_epi32(static_cast<int>(load_u32(p)));
}

// The integer sums of one block for one token: kChunks weight vectors (unsigned
// bytes, 4 quants of each of 16 rows) against the activation quants they pair with
// (chunk c with x + off(c)). Without VNNI, maddubs' 16-bit pair sums are added as
// 16-bit values first (Q4_0 only: 8 pairs of at most 2 · 15 · 127 stay below 2^15)
// and widened once.
template <bool kVnni, int kChunks, class Off>
FYR_ALWAYS_INLINE __m512i packed_block_dot(const __m512i (&w)[kChunks], const uint8_t* x, Off off) {
    if constexpr (kVnni) {
        __m512i s = _mm512_setzero_si512();
        for (int c = 0; c < kChunks; ++c) s = _mm512_dpbusd_epi32(s, w[c], broadcast4_512(x + off(c)));
        return s;
    } else {
        static_assert(kChunks <= 8, "16-bit partial sums would overflow");
        __m512i s16 = _mm512_setzero_si512();
        for (int c = 0; c < kChunks; ++c)
            s16 = _mm512_add_epi16(s16, _mm512_maddubs_epi16(w[c], broadcast4_512(x + off(c))));
        return _mm512_madd_epi16(s16, _mm512_set1_epi16(1));
    }
}

// 16 packed rows x T tokens. xsum: the tokens' block sums times the layout's offset
// (8 for Q4_0, 128 for Q8_0), T rows of nb apart, or nullptr to add them up here.
template <bool kQ8, bool kVnni, int T>
void tile_packed16(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum, float* y,
                   int64_t y_stride) {
    constexpr size_t kRecord = kQ8 ? kPacked16Q8_0Block : kPacked16Q4_0Block;
    constexpr int kChunks = 8;
    const int64_t nb = n / kQK;
    __m512 acc[T];
    for (int t = 0; t < T; ++t) acc[t] = _mm512_setzero_ps();
    for (int64_t b = 0; b < nb; ++b) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * kRecord;
        prefetch_weights_ahead(rec, kRecord);
        __m512i w[kChunks];
        if constexpr (kQ8) {
            for (int c = 0; c < kChunks; ++c) w[c] = load512(rec + 32 + 64 * c);
        } else {
            const __m512i low4 = _mm512_set1_epi8(0x0f);
            for (int j = 0; j < 4; ++j) {
                const __m512i v = load512(rec + 32 + 64 * j);
                w[j] = _mm512_and_si512(v, low4);
                w[4 + j] = _mm512_and_si512(_mm512_srli_epi16(v, 4), low4);
            }
        }
        const __m512 dw = _mm512_cvtph_ps(load256(rec));
        for (int t = 0; t < T; ++t) {
            const uint8_t* xt = x + t * x_row_bytes;
            const uint8_t* xb = xt + b * kQK;
            // Q8_0: chunk c is quants 4c..; Q4_0: chunks 0..3 the low nibbles (4j..), 4..7 the high (16 + 4j..).
            const __m512i dot =
                packed_block_dot<kVnni>(w, xb, [](int c) { return kQ8 ? 4 * c : (c < 4 ? 4 * c : 16 + 4 * (c - 4)); });
            const int32_t offset = xsum ? xsum[t * nb + b] : (kQ8 ? block_sum_times128(xb) : block_sum_times8(xb));
            const __m512i sum = _mm512_sub_epi32(dot, _mm512_set1_epi32(offset));
            const __m512 d = _mm512_mul_ps(dw, _mm512_set1_ps(load_f32(xt + n + 4 * b)));
            acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sum), d, acc[t]);
        }
    }
    for (int t = 0; t < T; ++t) _mm512_storeu_ps(y + t * y_stride, acc[t]);
}

template <bool kQ8, bool kVnni, int... Ts>
constexpr PackedTile kPacked16Tiles[] = {&tile_packed16<kQ8, kVnni, Ts>...};

template <bool kQ8, bool kVnni>
constexpr auto kGemmPacked16 =
    kQ8 ? &gemm_packed_groups<kPack16Rows, kPack16Toks, kPacked16Tiles<true, kVnni, 1, 2, 3, 4, 5, 6, 7, 8>,
                              packed16_bytes_q8_0, block_sum_times128>
        : &gemm_packed_groups<kPack16Rows, kPack16Toks, kPacked16Tiles<false, kVnni, 1, 2, 3, 4, 5, 6, 7, 8>,
                              packed16_bytes_q4_0, block_sum_times8>;

// ---- Packed 16-row Q4_K and Q5_K ------------------------------------------------
//
// Per super-block of 256 values and 16 rows (exactly the 16 rows' blocks: 2304
// bytes for Q4_K, 2816 for Q5_K): the 16 F16 d, the 16 F16 dmin, the 12 scale bytes
// byte-sliced (slice i: byte i of rows 0..15), Q5_K's qh in 8 chunks of 64 bytes
// (chunk c: qh[4c .. 4c + 3] of rows 0..15; bit j of qh[k]: the fifth bit of value k
// of sub-block j), then per 64-value group g (the file's qs[32g .. 32g + 32): low
// nibbles sub-block 2g, high nibbles sub-block 2g + 1) 8 chunks of 64 bytes: chunk c
// holds qs[32g + 4c .. 32g + 4c + 3] of rows 0..15. A chunk's low nibbles are values
// 4c.. of sub-block 2g for every row, its high nibbles those of 2g + 1 (with Q5_K's
// fifth bits or'ed in): the VNNI and AMX weight operands, as in Q4_0's records. A
// sub-block j's integer sums (unsigned quants against the token's Q8_K quants) are
// scaled by each row's d·sc_j in F32 (exact: an F16 times a 6-bit integer), the mins
// term dmin·m_j·Σx_j comes off once per super-block, and the token's scale
// multiplies both: the per-row kernel's sum, with its integer scale products taken
// in F32.

template <bool kFive>
struct PackedK45 {
    static constexpr size_t kBlockBytes = kFive ? kQ5_KBytes : kQ4_KBytes;
    static constexpr size_t kRecord = kPack16Rows * kBlockBytes;
    static constexpr size_t kScales = 64, kQh = 256, kQuants = kFive ? 768 : 256;
    static constexpr size_t kFileQs = kFive ? 48 : 16;  // qs in the file's block (Q5_K's qh at 16)
    static_assert(kQuants + 4 * 512 == kRecord);

    static size_t bytes(int64_t n) { return static_cast<size_t>(n / kQKK) * kRecord; }

    static void pack(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, void* dst) {
        const auto* src = static_cast<const uint8_t*>(w);
        auto* out = static_cast<uint8_t*>(dst);
        const int64_t nb = n / kQKK;
        for (int64_t g = 0; g < n_rows / kPack16Rows; ++g) {
            for (int64_t b = 0; b < nb; ++b, out += kRecord) {
                for (int64_t r = 0; r < kPack16Rows; ++r) {
                    const uint8_t* blk = src + static_cast<size_t>(g * kPack16Rows + r) * w_row_bytes +
                                         static_cast<size_t>(b) * kBlockBytes;
                    const auto ru = static_cast<size_t>(r);
                    std::memcpy(out + 2 * ru, blk, 2);
                    std::memcpy(out + 32 + 2 * ru, blk + 2, 2);
                    for (size_t i = 0; i < 12; ++i) out[kScales + 16 * i + ru] = blk[4 + i];
                    if constexpr (kFive) {
                        for (size_t c = 0; c < 8; ++c) std::memcpy(out + kQh + 64 * c + 4 * ru, blk + 16 + 4 * c, 4);
                    }
                    for (size_t q = 0; q < 4; ++q)
                        for (size_t c = 0; c < 8; ++c)
                            std::memcpy(out + kQuants + 512 * q + 64 * c + 4 * ru, blk + kFileQs + 32 * q + 4 * c, 4);
                }
            }
        }
    }

    // Group g's weight operands: chunk c's quants of sub-blocks 2g (lo) and 2g + 1 (hi).
    static FYR_ALWAYS_INLINE void group(const uint8_t* rec, int g, __m512i (&lo)[8], __m512i (&hi)[8]) {
        const __m512i low4 = _mm512_set1_epi8(0x0f);
        for (int c = 0; c < 8; ++c) {
            const __m512i v = load512(rec + kQuants + 512 * g + 64 * c);
            lo[c] = _mm512_and_si512(v, low4);
            hi[c] = _mm512_and_si512(_mm512_srli_epi16(v, 4), low4);
            if constexpr (kFive) {
                // Bits 2g and 2g + 1 of each qh byte to bit 4 (shifts within 16-bit lanes;
                // the mask keeps only bits that stayed in their byte).
                const __m512i qh = load512(rec + kQh + 64 * c), bit4 = _mm512_set1_epi8(0x10);
                const __m512i b_lo = g == 0   ? _mm512_slli_epi16(qh, 4)
                                     : g == 1 ? _mm512_slli_epi16(qh, 2)
                                     : g == 2 ? qh
                                              : _mm512_srli_epi16(qh, 2);
                const __m512i b_hi = g == 0   ? _mm512_slli_epi16(qh, 3)
                                     : g == 1 ? _mm512_slli_epi16(qh, 1)
                                     : g == 2 ? _mm512_srli_epi16(qh, 1)
                                              : _mm512_srli_epi16(qh, 3);
                lo[c] = _mm512_or_si512(lo[c], _mm512_and_si512(b_lo, bit4));
                hi[c] = _mm512_or_si512(hi[c], _mm512_and_si512(b_hi, bit4));
            }
        }
    }
};

// Sixteen signed bytes to floats.
inline __m512 bytes_to_ps(__m128i v) {
    return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(v));
}

// The 16 rows' d·sc_j and dmin·m_j (sub-blocks j = 0..7) of a packed Q4_K / Q5_K
// super-block (unpack_k4_scales for 16 rows at once: slice i holds byte i of each
// row's 12).
FYR_ALWAYS_INLINE void k45_row_scales(const uint8_t* rec, __m512 (&dsc)[8], __m512 (&dm)[8]) {
    const __m512 d = _mm512_cvtph_ps(load256(rec)), dmin = _mm512_cvtph_ps(load256(rec + 32));
    const uint8_t* s = rec + PackedK45<false>::kScales;
    const __m128i low6 = _mm_set1_epi8(0x3f), low4 = _mm_set1_epi8(0x0f), bits45 = _mm_set1_epi8(0x30);
    for (int j = 0; j < 4; ++j) {
        const __m128i a = load128(s + 16 * j), b = load128(s + 16 * (j + 4)), c = load128(s + 16 * (j + 8));
        // Sub-blocks 4..7: the low 4 bits from byte 8 + j, the top 2 from bits 6..7 of byte j (scale) / 4 + j (min).
        const __m128i sc_hi = _mm_or_si128(_mm_and_si128(c, low4), _mm_and_si128(_mm_srli_epi16(a, 2), bits45));
        const __m128i mn_hi =
            _mm_or_si128(_mm_and_si128(_mm_srli_epi16(c, 4), low4), _mm_and_si128(_mm_srli_epi16(b, 2), bits45));
        dsc[j] = _mm512_mul_ps(d, bytes_to_ps(_mm_and_si128(a, low6)));
        dm[j] = _mm512_mul_ps(dmin, bytes_to_ps(_mm_and_si128(b, low6)));
        dsc[j + 4] = _mm512_mul_ps(d, bytes_to_ps(sc_hi));
        dm[j + 4] = _mm512_mul_ps(dmin, bytes_to_ps(mn_hi));
    }
}

// acc - (Σ_j dm_j · Σx_j) · dx for one token's super-block at xb (Q8_K: the sums of
// its 16-value runs at kQ8_KBsums, added in pairs to the 8 sub-blocks').
FYR_ALWAYS_INLINE __m512 k45_mins(const __m512 (&dm)[8], const uint8_t* xb, __m512 dx, __m512 acc) {
    const __m256i pairs = _mm256_madd_epi16(load256(xb + kQ8_KBsums), _mm256_set1_epi16(1));
    alignas(32) float bsum[8];
    _mm256_store_ps(bsum, _mm256_cvtepi32_ps(pairs));
    __m512 m = _mm512_mul_ps(dm[0], _mm512_set1_ps(bsum[0]));
    for (int j = 1; j < 8; ++j) m = _mm512_fmadd_ps(dm[j], _mm512_set1_ps(bsum[j]), m);
    return _mm512_fnmadd_ps(m, dx, acc);
}

// 16 packed Q4_K / Q5_K rows × T tokens (PackedTile's contract; no block sums: Q8_K
// carries its own). More than 4 tokens go 4 at a time.
template <bool kFive, int T>
void tile_packed16_k45(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum,
                       float* y, int64_t y_stride) {
    using L = PackedK45<kFive>;
    if constexpr (T > 4) {
        tile_packed16_k45<kFive, 4>(gw, n, x, x_row_bytes, xsum, y, y_stride);
        tile_packed16_k45<kFive, T - 4>(gw, n, x + 4 * x_row_bytes, x_row_bytes, xsum, y + 4 * y_stride, y_stride);
    } else {
        const int64_t nb = n / kQKK;
        __m512 acc[T];
        for (int t = 0; t < T; ++t) acc[t] = _mm512_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* rec = gw + static_cast<size_t>(b) * L::kRecord;
            prefetch_weights_ahead(rec, L::kRecord);
            __m512 dsc[8], dm[8];
            k45_row_scales(rec, dsc, dm);
            const uint8_t* xb[T];
            __m512 dx[T];
            for (int t = 0; t < T; ++t) {
                xb[t] = x + t * x_row_bytes + static_cast<size_t>(b) * kQ8_KBytes;
                dx[t] = _mm512_set1_ps(load_f32(xb[t]));
            }
            for (int g = 0; g < 4; ++g) {
                __m512i lo[8], hi[8];
                L::group(rec, g, lo, hi);
                for (int t = 0; t < T; ++t) {
                    const uint8_t* xg = xb[t] + kQ8_KQs + 64 * g;
                    const auto off = [](int c) { return 4 * c; };
                    const __m512i s_lo = packed_block_dot<true>(lo, xg, off);
                    const __m512i s_hi = packed_block_dot<true>(hi, xg + 32, off);
                    acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s_lo), _mm512_mul_ps(dsc[2 * g], dx[t]), acc[t]);
                    acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(s_hi), _mm512_mul_ps(dsc[2 * g + 1], dx[t]), acc[t]);
                }
            }
            for (int t = 0; t < T; ++t) acc[t] = k45_mins(dm, xb[t], dx[t], acc[t]);
        }
        for (int t = 0; t < T; ++t) _mm512_storeu_ps(y + t * y_stride, acc[t]);
    }
}

template <bool kFive, int... Ts>
constexpr PackedTile kPacked16K45Tiles[] = {&tile_packed16_k45<kFive, Ts>...};

template <bool kFive>
constexpr auto kGemmPacked16K45 =
    &gemm_packed_groups<kPack16Rows, 4, kPacked16K45Tiles<kFive, 1, 2, 3, 4>, &PackedK45<kFive>::bytes, nullptr>;

// ---- Packed 16-row Q6_K -----------------------------------------------------------
//
// Per super-block (3360 bytes, exactly the 16 rows' blocks): the 16 F16 d, the 16
// int8 scales byte-sliced (slice s: scale s of rows 0..15), then per half h (values
// 128h..): for each pair p of 32-value runs (runs p and p + 2 share the file's bytes
// ql[64h + 32p ..]: low nibbles run p, high nibbles run p + 2) 8 chunks of 64 bytes
// (chunk c: those ql bytes 4c.. of rows 0..15), then 8 chunks of the half's qh bytes
// (chunk c: qh[32h + 4c ..] of rows 0..15; bits 2r, 2r + 1: run r's top bits). A
// run's chunks with their top bits or'ed in are unsigned 6-bit quants q + 32 for the
// VNNI products; each 16-value sub-block's integer sum less 32 times its activation
// sum (Q8_K's bsums) is scaled by the row's d·scale in F32.

constexpr size_t kPacked16Q6_KBlock = kPack16Rows * kQ6_KBytes;
constexpr size_t kPacked16Q6_KScales = 32, kPacked16Q6_KHalves = 288, kPacked16Q6_KHalf = 1536;
static_assert(kPacked16Q6_KHalves + 2 * kPacked16Q6_KHalf == kPacked16Q6_KBlock);

size_t packed16_bytes_q6_k(int64_t n) {
    return static_cast<size_t>(n / kQKK) * kPacked16Q6_KBlock;
}

void pack_q6_k_16(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, void* dst) {
    const auto* src = static_cast<const uint8_t*>(w);
    auto* out = static_cast<uint8_t*>(dst);
    const int64_t nb = n / kQKK;
    for (int64_t g = 0; g < n_rows / kPack16Rows; ++g) {
        for (int64_t b = 0; b < nb; ++b, out += kPacked16Q6_KBlock) {
            for (int64_t r = 0; r < kPack16Rows; ++r) {
                // The file's block: ql[128] @0, qh[64] @128, scales[16] @192, d @208.
                const uint8_t* blk =
                    src + static_cast<size_t>(g * kPack16Rows + r) * w_row_bytes + static_cast<size_t>(b) * kQ6_KBytes;
                const auto ru = static_cast<size_t>(r);
                std::memcpy(out + 2 * ru, blk + 208, 2);
                for (size_t i = 0; i < 16; ++i) out[kPacked16Q6_KScales + 16 * i + ru] = blk[192 + i];
                for (size_t h = 0; h < 2; ++h) {
                    uint8_t* half = out + kPacked16Q6_KHalves + kPacked16Q6_KHalf * h;
                    for (size_t pair = 0; pair < 2; ++pair)
                        for (size_t c = 0; c < 8; ++c)
                            std::memcpy(half + 512 * pair + 64 * c + 4 * ru, blk + 64 * h + 32 * pair + 4 * c, 4);
                    for (size_t c = 0; c < 8; ++c)
                        std::memcpy(half + 1024 + 64 * c + 4 * ru, blk + 128 + 32 * h + 4 * c, 4);
                }
            }
        }
    }
}

// Run r's top bits (bits 2r, 2r + 1 of each qh byte) at bits 4..5.
FYR_ALWAYS_INLINE __m512i q6_k_top_bits(__m512i qh, int r) {
    const __m512i bits45 = _mm512_set1_epi8(0x30);
    switch (r) {
        case 0: return _mm512_and_si512(_mm512_slli_epi16(qh, 4), bits45);
        case 1: return _mm512_and_si512(_mm512_slli_epi16(qh, 2), bits45);
        case 2: return _mm512_and_si512(qh, bits45);
        default: return _mm512_and_si512(_mm512_srli_epi16(qh, 2), bits45);
    }
}

// 16 packed Q6_K rows × T tokens (PackedTile's contract; Q8_K carries its own sums).
template <int T>
void tile_packed16_q6_k(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum,
                        float* y, int64_t y_stride) {
    if constexpr (T > 4) {
        tile_packed16_q6_k<4>(gw, n, x, x_row_bytes, xsum, y, y_stride);
        tile_packed16_q6_k<T - 4>(gw, n, x + 4 * x_row_bytes, x_row_bytes, xsum, y + 4 * y_stride, y_stride);
    } else {
        const int64_t nb = n / kQKK;
        const __m512i low4 = _mm512_set1_epi8(0x0f);
        __m512 acc[T];
        for (int t = 0; t < T; ++t) acc[t] = _mm512_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* rec = gw + static_cast<size_t>(b) * kPacked16Q6_KBlock;
            prefetch_weights_ahead(rec, kPacked16Q6_KBlock);
            const __m512 d = _mm512_cvtph_ps(load256(rec));
            const uint8_t* xb[T];
            __m512 dx[T];
            for (int t = 0; t < T; ++t) {
                xb[t] = x + t * x_row_bytes + static_cast<size_t>(b) * kQ8_KBytes;
                dx[t] = _mm512_set1_ps(load_f32(xb[t]));
            }
            for (int h = 0; h < 2; ++h) {
                const uint8_t* half = rec + kPacked16Q6_KHalves + kPacked16Q6_KHalf * h;
                __m512i qh[8];
                for (int c = 0; c < 8; ++c) qh[c] = load512(half + 1024 + 64 * c);
                for (int r = 0; r < 4; ++r) {
                    __m512i w[8];
                    for (int c = 0; c < 8; ++c) {
                        const __m512i v = load512(half + 512 * (r & 1) + 64 * c);
                        const __m512i nib =
                            r < 2 ? _mm512_and_si512(v, low4) : _mm512_and_si512(_mm512_srli_epi16(v, 4), low4);
                        w[c] = _mm512_or_si512(nib, q6_k_top_bits(qh[c], r));
                    }
                    const int s0 = 8 * h + 2 * r;  // sub-blocks s0 (chunks 0..3) and s0 + 1 (4..7)
                    const uint8_t* sc = rec + kPacked16Q6_KScales + 16 * s0;
                    const __m512 dsc0 = _mm512_mul_ps(d, bytes_to_ps(load128(sc)));
                    const __m512 dsc1 = _mm512_mul_ps(d, bytes_to_ps(load128(sc + 16)));
                    for (int t = 0; t < T; ++t) {
                        const uint8_t* xg = xb[t] + kQ8_KQs + 128 * h + 32 * r;
                        __m512i dot0 = _mm512_setzero_si512(), dot1 = _mm512_setzero_si512();
                        for (int c = 0; c < 4; ++c) {
                            dot0 = _mm512_dpbusd_epi32(dot0, w[c], broadcast4_512(xg + 4 * c));
                            dot1 = _mm512_dpbusd_epi32(dot1, w[4 + c], broadcast4_512(xg + 16 + 4 * c));
                        }
                        const uint8_t* bs = xb[t] + kQ8_KBsums + 2 * s0;
                        int16_t bsum[2];
                        std::memcpy(bsum, bs, 4);
                        dot0 = _mm512_sub_epi32(dot0, _mm512_set1_epi32(32 * bsum[0]));
                        dot1 = _mm512_sub_epi32(dot1, _mm512_set1_epi32(32 * bsum[1]));
                        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dot0), _mm512_mul_ps(dsc0, dx[t]), acc[t]);
                        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(dot1), _mm512_mul_ps(dsc1, dx[t]), acc[t]);
                    }
                }
            }
        }
        for (int t = 0; t < T; ++t) _mm512_storeu_ps(y + t * y_stride, acc[t]);
    }
}

template <int... Ts>
constexpr PackedTile kPacked16Q6_KTiles[] = {&tile_packed16_q6_k<Ts>...};

constexpr auto kGemmPacked16Q6_K =
    &gemm_packed_groups<kPack16Rows, 4, kPacked16Q6_KTiles<1, 2, 3, 4>, packed16_bytes_q6_k, nullptr>;

// ---- AMX-INT8 tiles for the packed 16-row layouts ---------------------------------
//
// The records above are already the weight operand of the tile unit: chunk k (4
// quants of each of 16 rows) is row k of a B tile in its 4-byte-pair ("VNNI")
// order. So for 16 tokens at once one TDPBSUD multiplies a 16×32 tile of the tokens'
// activation quants for a block (signed; A, straight from the activation rows, one
// row per token) by that 8×64 weight tile (unsigned: Q8_0's q + 128, Q4_0's nibbles
// spread over 8 rows first) into the 16×16 integer sums of the block — row t: token
// t's sums for the 16 rows, exactly the vector the VNNI tiles build with 8 vpdpbusd
// per token — and the epilogue (offset, convert, scale, accumulate) is theirs.
// Fewer than 16 tokens go to the VNNI tiles. Two blocks are in flight at a time
// (tiles 0-2 and 3-5), so the tile unit works on one while the other's sums are
// scaled.
//
// Tiles hold state: a gemm call that uses them loads the configuration first and
// releases the tiles when done (TILERELEASE), so a thread holds no tile state between
// calls (no 8 KB more to save on every context switch, nothing keeping an idle core
// out of its deep sleep states); calls with fewer than 16 tokens (decoding) never
// touch them. The process must have asked the kernel for the tile data state
// (cpu_features() does; Isa::Avx512Amx is offered only when it was granted).
// A build against SIMDe runs the same code over AmxEmulated, a plain C++ model of
// the instructions used (the Intel SDM's definitions), so the tests check the
// layout and the epilogue on any CPU.

struct alignas(64) TileConfig {
    uint8_t palette = 1;
    uint8_t start_row = 0;
    uint8_t reserved[14] = {};
    uint16_t colsb[16] = {};
    uint8_t rows[16] = {};
};
static_assert(sizeof(TileConfig) == 64);

// Tiles 0 and 3: A, 16 tokens × 32 bytes; 1 and 4: B, 8 rows × 64 bytes; 2 and 5: C,
// 16 × 16 int32.
constexpr TileConfig amx_config() {
    TileConfig c;
    for (int set = 0; set < 2; ++set) {
        c.colsb[3 * set + 0] = 32;
        c.rows[3 * set + 0] = 16;
        c.colsb[3 * set + 1] = 64;
        c.rows[3 * set + 1] = 8;
        c.colsb[3 * set + 2] = 64;
        c.rows[3 * set + 2] = 16;
    }
    return c;
}
constexpr TileConfig kAmxConfig = amx_config();

#if defined(FYR_KERNELS_SIMDE)
struct AmxEmulated {
    struct State {
        TileConfig cfg;
        bool configured = false;
        alignas(64) uint8_t tmm[8][16][64];
    };
    static State& state() {
        static thread_local State s;
        return s;
    }
    static void configure() {
        State& s = state();
        s.cfg = kAmxConfig;
        std::memset(s.tmm, 0, sizeof(s.tmm));  // LDTILECFG zeroes the tiles
        s.configured = true;
    }
    static void release() {
        State& s = state();
        std::memset(s.tmm, 0, sizeof(s.tmm));
        s.configured = false;
    }
    // A tile instruction without a configuration loaded is #UD on the CPU: here, an abort
    // (the tests would fail on it).
    static void require_config(const State& s) {
        if (!s.configured) {
            std::fputs("AMX tile instruction without a tile configuration\n", stderr);
            std::abort();
        }
    }
    static void load(int t, const uint8_t* p, size_t stride) {
        State& s = state();
        require_config(s);
        std::memset(s.tmm[t], 0, sizeof(s.tmm[t]));
        for (int r = 0; r < s.cfg.rows[t]; ++r)
            std::memcpy(s.tmm[t][r], p + static_cast<size_t>(r) * stride, s.cfg.colsb[t]);
    }
    static void store(int t, uint8_t* p, size_t stride) {
        State& s = state();
        require_config(s);
        for (int r = 0; r < s.cfg.rows[t]; ++r)
            std::memcpy(p + static_cast<size_t>(r) * stride, s.tmm[t][r], s.cfg.colsb[t]);
    }
    // TDPBSUD c, a, b: c.dword[m][n] += Σ_k Σ_i sext(a.byte[m][4k+i]) · zext(b.byte[k][4n+i]).
    static void dpbsud(int c, int a, int b) {
        State& s = state();
        require_config(s);
        for (int m = 0; m < s.cfg.rows[c]; ++m) {
            for (int n = 0; n < s.cfg.colsb[c] / 4; ++n) {
                int32_t acc = static_cast<int32_t>(load_u32(&s.tmm[c][m][4 * n]));
                for (int k = 0; k < s.cfg.colsb[a] / 4; ++k)
                    for (int i = 0; i < 4; ++i)
                        acc +=
                            static_cast<int8_t>(s.tmm[a][m][4 * k + i]) * static_cast<int32_t>(s.tmm[b][k][4 * n + i]);
                std::memcpy(&s.tmm[c][m][4 * n], &acc, 4);
            }
        }
    }
    // One block: c (16 × 16 int32) = A (16 rows of 32 bytes, a_stride apart) · B (8 rows of 64).
    template <int kSet>
    static void block(const uint8_t* a, size_t a_stride, const uint8_t* b, int32_t* c) {
        std::memset(state().tmm[3 * kSet + 2], 0, sizeof(state().tmm[0]));
        load(3 * kSet + 0, a, a_stride);
        load(3 * kSet + 1, b, 64);
        dpbsud(3 * kSet + 2, 3 * kSet + 0, 3 * kSet + 1);
        store(3 * kSet + 2, reinterpret_cast<uint8_t*>(c), 64);
    }
};
using AmxOps = AmxEmulated;
#define FYR_AMX_TILES 1
#elif defined(FYR_KERNELS_AMX)
struct AmxNative {
    static void configure() { _tile_loadconfig(&kAmxConfig); }
    static void release() { _tile_release(); }
    // The tile intrinsics' asm names no memory it reads: the barriers keep the
    // compiler from moving the stores of a (Q4_0's spread nibbles) past the loads, or
    // the epilogue's reads of c before the store.
    template <int kSet>
    static FYR_ALWAYS_INLINE void block(const uint8_t* a, size_t a_stride, const uint8_t* b, int32_t* c) {
        __asm__ volatile("" ::: "memory");
        if constexpr (kSet == 0) {
            _tile_loadd(0, a, a_stride);
            _tile_loadd(1, b, 64);
            _tile_zero(2);
            _tile_dpbsud(2, 0, 1);
            _tile_stored(2, c, 64);
        } else {
            _tile_loadd(3, a, a_stride);
            _tile_loadd(4, b, 64);
            _tile_zero(5);
            _tile_dpbsud(5, 3, 4);
            _tile_stored(5, c, 64);
        }
        __asm__ volatile("" ::: "memory");
    }
};
using AmxOps = AmxNative;
#define FYR_AMX_TILES 1
#else
#define FYR_AMX_TILES 0
#endif

#if FYR_AMX_TILES
constexpr int kAmxToks = 16;

// Block b of a record set for 16 tokens: its integer sums into c (row t: token t).
template <bool kQ8, int kSet>
FYR_ALWAYS_INLINE void amx_block(const uint8_t* rec, const uint8_t* x, size_t x_row_bytes, int64_t b, int32_t* c,
                                 uint8_t* spread) {
    const uint8_t* wq = rec + 32;
    if constexpr (!kQ8) {
        // B's rows 0..3: the low nibbles of chunks 0..3 (values 4k..), rows 4..7 the high ones (16 + 4k..).
        const __m512i low4 = _mm512_set1_epi8(0x0f);
        for (int j = 0; j < 4; ++j) {
            const __m512i v = load512(rec + 32 + 64 * j);
            _mm512_storeu_si512(spread + 64 * j, _mm512_and_si512(v, low4));
            _mm512_storeu_si512(spread + 64 * (4 + j), _mm512_and_si512(_mm512_srli_epi16(v, 4), low4));
        }
        wq = spread;
    }
    AmxOps::template block<kSet>(x + b * kQK, x_row_bytes, wq, c);
}

// The epilogue of block b for 16 tokens: as tile_packed16's.
template <bool kQ8>
FYR_ALWAYS_INLINE void amx_epilogue(const uint8_t* rec, const int32_t* c, int64_t n, const uint8_t* x,
                                    size_t x_row_bytes, const int32_t* xsum, int64_t b, __m512 (&acc)[kAmxToks]) {
    const int64_t nb = n / kQK;
    const __m512 dw = _mm512_cvtph_ps(load256(rec));
    for (int t = 0; t < kAmxToks; ++t) {
        const uint8_t* xt = x + t * x_row_bytes;
        const int32_t offset =
            xsum ? xsum[t * nb + b] : (kQ8 ? block_sum_times128(xt + b * kQK) : block_sum_times8(xt + b * kQK));
        const __m512i sum = _mm512_sub_epi32(_mm512_load_si512(c + 16 * t), _mm512_set1_epi32(offset));
        const __m512 d = _mm512_mul_ps(dw, _mm512_set1_ps(load_f32(xt + n + 4 * b)));
        acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(sum), d, acc[t]);
    }
}

// 16 packed rows × 16 tokens on the tile unit (PackedTile's contract).
template <bool kQ8>
void tile_packed16_amx(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum,
                       float* y, int64_t y_stride) {
    constexpr size_t kRecord = kQ8 ? kPacked16Q8_0Block : kPacked16Q4_0Block;
    const int64_t nb = n / kQK;
    alignas(64) int32_t c[2][kAmxToks * 16];
    alignas(64) uint8_t spread[2][8 * 64];
    __m512 acc[kAmxToks];
    for (int t = 0; t < kAmxToks; ++t) acc[t] = _mm512_setzero_ps();
    int64_t b = 0;
    for (; b + 2 <= nb; b += 2) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * kRecord;
        prefetch_weights_ahead(rec, 2 * kRecord);
        amx_block<kQ8, 0>(rec, x, x_row_bytes, b, c[0], spread[0]);
        amx_block<kQ8, 1>(rec + kRecord, x, x_row_bytes, b + 1, c[1], spread[1]);
        amx_epilogue<kQ8>(rec, c[0], n, x, x_row_bytes, xsum, b, acc);
        amx_epilogue<kQ8>(rec + kRecord, c[1], n, x, x_row_bytes, xsum, b + 1, acc);
    }
    if (b < nb) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * kRecord;
        amx_block<kQ8, 0>(rec, x, x_row_bytes, b, c[0], spread[0]);
        amx_epilogue<kQ8>(rec, c[0], n, x, x_row_bytes, xsum, b, acc);
    }
    for (int t = 0; t < kAmxToks; ++t) _mm512_storeu_ps(y + t * y_stride, acc[t]);
}

// Fewer than 16 tokens: the VNNI tiles (1..15 at a time).
template <bool kQ8, int... Ts>
constexpr PackedTile kAmxTiles[] = {&tile_packed16<kQ8, true, Ts>..., &tile_packed16_amx<kQ8>};

// A token block of up to 512 KB of activations (AMX CPUs have 2 MB of L2 per core)
// and room for its block sums: the weights are read once per 224 tokens at n = 2048.
constexpr size_t kAmxTokenBlockBytes = size_t{512} << 10;
constexpr int64_t kAmxMaxSums = 16384;

template <bool kQ8>
constexpr auto kGemmPackedAmxTiles =
    kQ8 ? &gemm_packed_groups<kPack16Rows, kAmxToks, kAmxTiles<true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15>,
                              packed16_bytes_q8_0, block_sum_times128, kAmxTokenBlockBytes, kAmxMaxSums>
        : &gemm_packed_groups<kPack16Rows, kAmxToks,
                              kAmxTiles<false, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15>, packed16_bytes_q4_0,
                              block_sum_times8, kAmxTokenBlockBytes, kAmxMaxSums>;

using PackedGemmFn = void (*)(int64_t n, const void* wp, int64_t n_rows, const void* xq, size_t x_row_bytes,
                              int64_t n_tok, float* y, int64_t y_stride);

// The AMX table's packed gemms: the tiles configured for this call and released
// after it (kTiles: the driver over the 16-token tiles); fewer than 16 tokens go to
// the VNNI driver kVnni and leave the tile unit alone.
template <PackedGemmFn kVnni, PackedGemmFn kTiles>
void gemm_packed_amx(int64_t n, const void* wp, int64_t n_rows, const void* xq, size_t x_row_bytes, int64_t n_tok,
                     float* y, int64_t y_stride) {
    if (n_tok < kAmxToks) {
        kVnni(n, wp, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
        return;
    }
    AmxOps::configure();
    kTiles(n, wp, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
    AmxOps::release();
}

template <bool kQ8>
constexpr auto kGemmPackedAmx = &gemm_packed_amx<kGemmPacked16<kQ8, true>, kGemmPackedAmxTiles<kQ8>>;

// Q4_K / Q5_K on the tile unit: per 64-value group, the quants of sub-blocks 2g and
// 2g + 1 (as tile_packed16_k45 builds them) spread into two B tiles, each against
// its 32 activation quants of the 16 tokens; the epilogue as tile_packed16_k45's.
template <bool kFive>
void tile_packed16_k45_amx(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t*, float* y,
                           int64_t y_stride) {
    using L = PackedK45<kFive>;
    const int64_t nb = n / kQKK;
    alignas(64) int32_t c[2][kAmxToks * 16];
    alignas(64) uint8_t spread[2][8 * 64];
    __m512 acc[kAmxToks];
    for (int t = 0; t < kAmxToks; ++t) acc[t] = _mm512_setzero_ps();
    for (int64_t b = 0; b < nb; ++b) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * L::kRecord;
        prefetch_weights_ahead(rec, L::kRecord);
        __m512 dsc[8], dm[8];
        k45_row_scales(rec, dsc, dm);
        const uint8_t* xb = x + static_cast<size_t>(b) * kQ8_KBytes;
        for (int g = 0; g < 4; ++g) {
            __m512i lo[8], hi[8];
            L::group(rec, g, lo, hi);
            for (int k = 0; k < 8; ++k) {
                _mm512_storeu_si512(spread[0] + 64 * k, lo[k]);
                _mm512_storeu_si512(spread[1] + 64 * k, hi[k]);
            }
            const uint8_t* xg = xb + kQ8_KQs + 64 * g;
            AmxOps::template block<0>(xg, x_row_bytes, spread[0], c[0]);
            AmxOps::template block<1>(xg + 32, x_row_bytes, spread[1], c[1]);
            for (int t = 0; t < kAmxToks; ++t) {
                const __m512 dx = _mm512_set1_ps(load_f32(xb + t * x_row_bytes));
                acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_load_si512(c[0] + 16 * t)),
                                         _mm512_mul_ps(dsc[2 * g], dx), acc[t]);
                acc[t] = _mm512_fmadd_ps(_mm512_cvtepi32_ps(_mm512_load_si512(c[1] + 16 * t)),
                                         _mm512_mul_ps(dsc[2 * g + 1], dx), acc[t]);
            }
        }
        for (int t = 0; t < kAmxToks; ++t) {
            const uint8_t* xt = xb + t * x_row_bytes;
            acc[t] = k45_mins(dm, xt, _mm512_set1_ps(load_f32(xt)), acc[t]);
        }
    }
    for (int t = 0; t < kAmxToks; ++t) _mm512_storeu_ps(y + t * y_stride, acc[t]);
}

template <bool kFive, int... Ts>
constexpr PackedTile kAmxK45Tiles[] = {&tile_packed16_k45<kFive, Ts>..., &tile_packed16_k45_amx<kFive>};

template <bool kFive>
constexpr auto kGemmPackedK45AmxTiles =
    &gemm_packed_groups<kPack16Rows, kAmxToks, kAmxK45Tiles<kFive, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15>,
                        &PackedK45<kFive>::bytes, nullptr, kAmxTokenBlockBytes, kAmxMaxSums>;

template <bool kFive>
constexpr auto kGemmPackedK45Amx = &gemm_packed_amx<kGemmPacked16K45<kFive>, kGemmPackedK45AmxTiles<kFive>>;
#endif

size_t activation_bytes_f32(int64_t n) {
    return static_cast<size_t>(n) * 4;
}
size_t activation_bytes_16(int64_t n) {
    return static_cast<size_t>(n) * 2;
}

// ---- The transposed product of F16 rows -------------------------------------------

template <int T, int V>
void t_acc_tile(const uint8_t* w, size_t w_row_bytes, int64_t rows, const float* xf, float* y, int64_t y_stride) {
    __m512 acc[T][V];
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) acc[t][v] = _mm512_loadu_ps(y + t * y_stride + 16 * v);
    for (int64_t j = 0; j < rows; ++j) {
        __m512 wv[V];
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) wv[v] = _mm512_cvtph_ps(load256(w + static_cast<size_t>(j) * w_row_bytes + 32 * v));
#pragma GCC unroll 4
        for (int t = 0; t < T; ++t) {
            const __m512 xv = _mm512_set1_ps(xf[t * kTRows + j]);
#pragma GCC unroll 2
            for (int v = 0; v < V; ++v) acc[t][v] = _mm512_fmadd_ps(xv, wv[v], acc[t][v]);
        }
    }
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) _mm512_storeu_ps(y + t * y_stride + 16 * v, acc[t][v]);
}

void halves_to_f32(const uint8_t* p, float* out, int64_t n) {
    int64_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(out + i, _mm512_cvtph_ps(load256(p + 2 * i)));
    for (; i < n; ++i) out[i] = half_f16c(p + 2 * i);
}

constexpr TAccTile kTAccTiles[kTToks][2] = {{t_acc_tile<1, 1>, t_acc_tile<1, 2>},
                                            {t_acc_tile<2, 1>, t_acc_tile<2, 2>},
                                            {t_acc_tile<3, 1>, t_acc_tile<3, 2>},
                                            {t_acc_tile<4, 1>, t_acc_tile<4, 2>}};
constexpr auto kGemmTAccF16 = &gemm_t_acc_f16_tiles<16, kTAccTiles, halves_to_f32>;

// Q8_0 rows: a whole block (two vectors) whose scale is at w.
template <int T>
void t_acc_tile_q8_0(const uint8_t* w, size_t w_row_bytes, int64_t rows, const float* xf, float* y, int64_t y_stride) {
    __m512 acc[T][2];
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v) acc[t][v] = _mm512_loadu_ps(y + t * y_stride + 16 * v);
    for (int64_t j = 0; j < rows; ++j) {
        const uint8_t* b = w + static_cast<size_t>(j) * w_row_bytes;
        const __m512 d = _mm512_set1_ps(half_f16c(b));
        __m512 wv[2];
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v)
            wv[v] = _mm512_mul_ps(_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(load128(b + 2 + 16 * v))), d);
#pragma GCC unroll 4
        for (int t = 0; t < T; ++t) {
            const __m512 xv = _mm512_set1_ps(xf[t * kTRows + j]);
#pragma GCC unroll 2
            for (int v = 0; v < 2; ++v) acc[t][v] = _mm512_fmadd_ps(xv, wv[v], acc[t][v]);
        }
    }
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v) _mm512_storeu_ps(y + t * y_stride + 16 * v, acc[t][v]);
}

constexpr TAccTile kTAccTilesQ8_0[kTToks][1] = {
    {t_acc_tile_q8_0<1>}, {t_acc_tile_q8_0<2>}, {t_acc_tile_q8_0<3>}, {t_acc_tile_q8_0<4>}};
constexpr auto kGemmTAccQ8_0 = &gemm_t_acc_q8_0_tiles<1, kTAccTilesQ8_0, halves_to_f32>;

template <class K>
constexpr auto kGemm = &gemm_tiles<K>;

using PackedGemm = decltype(MatmulKernels::gemm_packed);

// The packed layouts' gemm: the AMX tiles' driver in the AMX table.
template <bool kQ8, bool kVnni, bool kAmx>
constexpr PackedGemm packed16_gemm() {
#if FYR_AMX_TILES
    if constexpr (kAmx) return kGemmPackedAmx<kQ8>;
#endif
    if constexpr (kQ8 && !kVnni) {
        return nullptr;
    } else {
        return kGemmPacked16<kQ8, kVnni>;
    }
}

// The Q4_K / Q5_K packed layouts need VNNI (the table without it keeps the per-row
// kernels).
template <bool kFive, bool kVnni, bool kAmx>
constexpr PackedGemm packed16_k45_gemm() {
#if FYR_AMX_TILES
    if constexpr (kAmx) return kGemmPackedK45Amx<kFive>;
#endif
    return kVnni ? kGemmPacked16K45<kFive> : nullptr;
}

// kAmx: the table of Isa::Avx512Amx (VNNI too); only the packed gemms differ.
template <bool kVnni, bool kAmx = false>
constexpr MatmulKernels kTable[] = {
    {kF32, kAmx ? Isa::Avx512Amx : Isa::Avx512, 1, activation_bytes_f32, quantize_f32, kGemm<KernelFloat<LoadF32>>},
    {kF16, kAmx ? Isa::Avx512Amx : Isa::Avx512, 1, activation_bytes_16, quantize_f16, kGemm<KernelFloat<LoadF16>>, 0,
     nullptr, nullptr, nullptr, kGemmTAccF16},
    {kBF16, kAmx ? Isa::Avx512Amx : Isa::Avx512, 1, activation_bytes_16, quantize_bf16, kGemm<KernelFloat<LoadBF16>>},
    {kQ4_0, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQK, activation_bytes_q8_0, quantize_q8_0,
     kGemm<KernelQ8_0Act<WQ4_0, kVnni>>, kPack16Rows, packed16_bytes_q4_0,
     pack_rows_interleaved<kPack16Rows, kQ4_0Bytes, 0>, packed16_gemm<false, kVnni, kAmx>()},
    {kQ4_1, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQK, activation_bytes_q8_1, quantize_q8_1,
     kGemm<KernelQ8_1Act<WQ4_1, kVnni>>},
    {kQ5_0, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQK, activation_bytes_q8_0, quantize_q8_0,
     kGemm<KernelQ8_0Act<WQ5_0, kVnni>>},
    {kQ5_1, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQK, activation_bytes_q8_1, quantize_q8_1,
     kGemm<KernelQ8_1Act<WQ5_1, kVnni>>},
    // Without VNNI, no 16-row Q8_0 layout (see above): matmul.cpp lends AVX2's.
    {kQ8_0, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQK, activation_bytes_q8_0, quantize_q8_0,
     kGemm<KernelQ8_0Act<WQ8_0, kVnni>>, kVnni ? kPack16Rows : 0, kVnni ? packed16_bytes_q8_0 : nullptr,
     kVnni ? pack_rows_interleaved<kPack16Rows, kQ8_0Bytes, 0x80808080u> : nullptr, packed16_gemm<true, kVnni, kAmx>(),
     kGemmTAccQ8_0},
    // No AVX-512 kernels of their own yet: the scalar ones, with the same activations.
    {kQ2_K, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQKK, activation_bytes_q8_k, quantize_q8_k, gemm_q2_k_scalar},
    {kQ3_K, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQKK, activation_bytes_q8_k, quantize_q8_k, gemm_q3_k_scalar},
    {kQ4_K, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQKK, activation_bytes_q8_k, quantize_q8_k,
     kGemm<KernelQ45_K<false, kVnni>>, kVnni ? kPack16Rows : 0, kVnni ? &PackedK45<false>::bytes : nullptr,
     kVnni ? &PackedK45<false>::pack : nullptr, packed16_k45_gemm<false, kVnni, kAmx>()},
    {kQ5_K, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQKK, activation_bytes_q8_k, quantize_q8_k,
     kGemm<KernelQ45_K<true, kVnni>>, kVnni ? kPack16Rows : 0, kVnni ? &PackedK45<true>::bytes : nullptr,
     kVnni ? &PackedK45<true>::pack : nullptr, packed16_k45_gemm<true, kVnni, kAmx>()},
    {kQ6_K, kAmx ? Isa::Avx512Amx : Isa::Avx512, kQKK, activation_bytes_q8_k, quantize_q8_k, kGemm<KernelQ6_K<kVnni>>,
     kVnni ? kPack16Rows : 0, kVnni ? packed16_bytes_q6_k : nullptr, kVnni ? pack_q6_k_16 : nullptr,
     kVnni ? kGemmPacked16Q6_K : nullptr},
};

#undef FYR_ALWAYS_INLINE

}  // namespace

#if defined(FYR_KERNELS_SIMDE)
const MatmulKernels* avx512_kernels_emulated(uint32_t type, Avx512Ext ext) {
#else
const MatmulKernels* avx512_kernels(uint32_t type, Avx512Ext ext) {
#endif
    const MatmulKernels* table = ext == Avx512Ext::None ? kTable<false> : kTable<true>;
#if FYR_AMX_TILES
    if (ext == Avx512Ext::VnniAmx) table = kTable<true, true>;
#endif
    for (size_t i = 0; i < sizeof(kTable<true>) / sizeof(MatmulKernels); ++i) {
        if (table[i].weight_type == type) return &table[i];
    }
    return nullptr;
}

}  // namespace fyr::kernels::detail
