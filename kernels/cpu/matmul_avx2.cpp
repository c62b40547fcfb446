// AVX2 + FMA + F16C matmul kernels (this file alone is compiled with -mavx2 -mfma
// -mf16c; matmul.cpp calls into it only when the CPU has all three).
//
// Quantized blocks: 8-bit products summed in pairs with maddubs (unsigned x signed:
// the weights' magnitudes against the activations carrying the weights' signs when
// the weights are signed), widened with madd, then scaled in float per block. Each
// tile keeps R x T accumulators so a weight block, once loaded and unpacked, serves
// T tokens; with one token the tiles are 4 rows tall to have independent chains.
//
// matmul_avx512.cpp follows the same structure at twice the width; keep them parallel.
// GCC 12 reports its own _mm*_undefined_*() placeholders inside the intrinsics as
// (maybe-)uninitialized once they are inlined (GCC bug 105593).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#include <immintrin.h>
#pragma GCC diagnostic pop

#include "fyr/kernels/dequantize.h"
#include "matmul_internal.h"

namespace fyr::kernels::detail {
namespace {

// ---- Helpers ----------------------------------------------------------------------

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

inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

inline int hsum_i32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm_cvtsi128_si32(s);
}

inline float hmax(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

inline __m256 abs_ps(__m256 v) {
    return _mm256_andnot_ps(_mm256_set1_ps(-0.f), v);
}

// Sum of products of unsigned bytes a and signed bytes b, as eight int32 sums of four.
inline __m256i dot_u8s8(__m256i a, __m256i b) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(a, b), _mm256_set1_epi16(1));
}

// Signed x signed: the magnitudes of w against x with w's signs moved onto it.
inline __m256i dot_s8s8(__m256i w_abs, __m256i w, __m256i x) {
    return dot_u8s8(w_abs, _mm256_sign_epi8(x, w));
}

// Four int32 vectors (32 values, nearest-rounded already) to 32 int8s in order.
inline __m256i pack_i32_to_i8(__m256i a, __m256i b, __m256i c, __m256i d) {
    const __m256i ab = _mm256_packs_epi32(a, b);  // lane-interleaved: a0 b0 a1 b1
    const __m256i cd = _mm256_packs_epi32(c, d);
    const __m256i abcd = _mm256_packs_epi16(ab, cd);
    return _mm256_permutevar8x32_epi32(abcd, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

inline __m256i round_to_i32(__m256 v) {
    return _mm256_cvtps_epi32(_mm256_round_ps(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}

// Bit j of qh to 0xff / 0x00 in byte j.
inline __m256i bits_to_bytes(uint32_t qh) {
    const __m256i shuf = _mm256_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3,
                                          3, 3, 3, 3, 3, 3);
    const __m256i v = _mm256_shuffle_epi8(_mm256_set1_epi32(static_cast<int>(qh)), shuf);
    const __m256i bit = _mm256_set1_epi64x(static_cast<long long>(0x8040201008040201ull));
    return _mm256_cmpeq_epi8(_mm256_and_si256(v, bit), bit);
}

// Sixteen nibbles to 32 bytes: low nibbles are elements 0..15, high nibbles 16..31.
inline __m256i nibbles_32(const uint8_t* qs) {
    const __m128i b = load128(qs);
    return _mm256_and_si256(_mm256_set_m128i(_mm_srli_epi16(b, 4), b), _mm256_set1_epi8(0x0f));
}

// ---- Activations ------------------------------------------------------------------

// One block of 32: the quants stored at q; returns the unrounded d and the quant sum.
inline float quantize_block_32(const float* x, uint8_t* q, int* sum) {
    const __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    const __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    const __m256 m = _mm256_max_ps(_mm256_max_ps(abs_ps(v0), abs_ps(v1)), _mm256_max_ps(abs_ps(v2), abs_ps(v3)));
    const float amax = hmax(m);
    const __m256 id = _mm256_set1_ps(amax != 0.f ? 127.f / amax : 0.f);
    const __m256i i0 = round_to_i32(_mm256_mul_ps(v0, id)), i1 = round_to_i32(_mm256_mul_ps(v1, id));
    const __m256i i2 = round_to_i32(_mm256_mul_ps(v2, id)), i3 = round_to_i32(_mm256_mul_ps(v3, id));
    store256(q, pack_i32_to_i8(i0, i1, i2, i3));
    *sum = hsum_i32(_mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3)));
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
        __m256 m = _mm256_setzero_ps();
        for (int j = 0; j < kQKK; j += 8) m = _mm256_max_ps(m, abs_ps(_mm256_loadu_ps(x + j)));
        const float amax = hmax(m);
        if (amax == 0.f) {
            store_f32(out, 0.f);
            for (size_t j = kQ8_KQs; j < kQ8_KBytes; j += 4) store_f32(out + j, 0.f);
            continue;
        }
        // The signed value of largest magnitude: the first one (as the scalar loop finds it).
        const __m256 amax_v = _mm256_set1_ps(amax);
        int first = 0;
        for (int j = 0; j < kQKK; j += 8) {
            const int hit = _mm256_movemask_ps(_mm256_cmp_ps(abs_ps(_mm256_loadu_ps(x + j)), amax_v, _CMP_EQ_OQ));
            if (hit != 0) {
                first = j + __builtin_ctz(static_cast<unsigned>(hit));
                break;
            }
        }
        const float iscale = -127.f / x[first];
        const __m256 is = _mm256_set1_ps(iscale);
        for (int j = 0; j < kQKK; j += 32) {
            __m256i i[4];
            for (int k = 0; k < 4; ++k) i[k] = round_to_i32(_mm256_mul_ps(_mm256_loadu_ps(x + j + 8 * k), is));
            // The pack saturates at 127, which is the clamp the scalar code applies.
            store256(out + kQ8_KQs + j, pack_i32_to_i8(i[0], i[1], i[2], i[3]));
            for (int k = 0; k < 2; ++k) {
                const auto s = static_cast<int16_t>(hsum_i32(_mm256_add_epi32(i[2 * k], i[2 * k + 1])));
                std::memcpy(out + kQ8_KBsums + 2 * (j / 16 + k), &s, 2);
            }
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
    for (; i + 8 <= n; i += 8) {
        store128(out + 2 * i, _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT));
    }
    for (; i < n; ++i) {
        const uint16_t h = fp32_to_fp16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

// Round to nearest even on the bits (AVX2 has no bfloat16 conversion); NaNs stay quiet NaNs.
void quantize_bf16(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    int64_t i = 0;
    const __m256i one = _mm256_set1_epi32(1), bias = _mm256_set1_epi32(0x7fff), quiet = _mm256_set1_epi32(0x40);
    for (; i + 16 <= n; i += 16) {
        __m256i h[2];
        for (int k = 0; k < 2; ++k) {
            const __m256 f = _mm256_loadu_ps(x + i + 8 * k);
            const __m256i u = _mm256_castps_si256(f);
            const __m256i odd = _mm256_and_si256(_mm256_srli_epi32(u, 16), one);
            const __m256i rounded = _mm256_srli_epi32(_mm256_add_epi32(_mm256_add_epi32(u, bias), odd), 16);
            const __m256i nan = _mm256_or_si256(_mm256_srli_epi32(u, 16), quiet);
            h[k] = _mm256_blendv_epi8(rounded, nan, _mm256_castps_si256(_mm256_cmp_ps(f, f, _CMP_UNORD_Q)));
        }
        const __m256i packed = _mm256_packus_epi32(h[0], h[1]);  // lane-interleaved
        store256(out + 2 * i, _mm256_permute4x64_epi64(packed, _MM_SHUFFLE(3, 1, 2, 0)));
    }
    for (; i < n; ++i) {
        const uint16_t h = fp32_to_bf16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

// ---- Float rows -------------------------------------------------------------------

struct LoadF32 {
    static constexpr size_t kSize = 4;
    static __m256 load8(const uint8_t* p) { return _mm256_loadu_ps(reinterpret_cast<const float*>(p)); }
    static float load1(const uint8_t* p) { return load_f32(p); }
};

struct LoadF16 {
    static constexpr size_t kSize = 2;
    static __m256 load8(const uint8_t* p) { return _mm256_cvtph_ps(load128(p)); }
    static float load1(const uint8_t* p) { return half_f16c(p); }
};

struct LoadBF16 {
    static constexpr size_t kSize = 2;
    static __m256 load8(const uint8_t* p) {
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(load128(p)), 16));
    }
    static float load1(const uint8_t* p) { return bf16_to_float(load_u16(p)); }
};

// Weights and activations of the same float type L.
template <class L>
struct KernelFloat {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 2;
    template <int R, int T>
    static void tile(const Tile& a) {
        __m256 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm256_setzero_ps();
        int64_t i = 0;
        for (; i + 8 <= a.n; i += 8) {
            __m256 x[T];
            for (int t = 0; t < T; ++t) x[t] = L::load8(a.x + t * a.x_row_bytes + L::kSize * i);
            for (int r = 0; r < R; ++r) {
                const __m256 w = L::load8(a.w + r * a.w_row_bytes + L::kSize * i);
                for (int t = 0; t < T; ++t) acc[r][t] = _mm256_fmadd_ps(w, x[t], acc[r][t]);
            }
        }
        for (int r = 0; r < R; ++r) {
            for (int t = 0; t < T; ++t) {
                float s = hsum(acc[r][t]);
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

// Signed weight quants (Q8_0 activations): kBytes per block, quants() as int8.
struct WQ4_0 {
    static constexpr size_t kBytes = kQ4_0Bytes;
    static __m256i quants(const uint8_t* b) { return _mm256_sub_epi8(nibbles_32(b + 2), _mm256_set1_epi8(8)); }
};

struct WQ5_0 {
    static constexpr size_t kBytes = kQ5_0Bytes;
    // nibble | (bit set ? 0 : 0xf0) is nibble + 16 * bit - 16 as a signed byte.
    static __m256i quants(const uint8_t* b) {
        const __m256i high =
            _mm256_andnot_si256(bits_to_bytes(load_u32(b + 2)), _mm256_set1_epi8(static_cast<char>(0xf0)));
        return _mm256_or_si256(nibbles_32(b + 6), high);
    }
};

struct WQ8_0 {
    static constexpr size_t kBytes = kQ8_0Bytes;
    static __m256i quants(const uint8_t* b) { return load256(b + 2); }
};

// Unsigned weight quants with a minimum (Q8_1 activations).
struct WQ4_1 {
    static constexpr size_t kBytes = kQ4_1Bytes;
    static __m256i quants(const uint8_t* b) { return nibbles_32(b + 4); }
};

struct WQ5_1 {
    static constexpr size_t kBytes = kQ5_1Bytes;
    static __m256i quants(const uint8_t* b) {
        const __m256i high = _mm256_and_si256(bits_to_bytes(load_u32(b + 4)), _mm256_set1_epi8(0x10));
        return _mm256_or_si256(nibbles_32(b + 8), high);
    }
};

template <class W>
struct KernelQ8_0Act {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 2;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        __m256 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm256_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            __m256 dx[T];
            for (int t = 0; t < T; ++t) dx[t] = _mm256_set1_ps(load_f32(a.x + t * a.x_row_bytes + a.n + 4 * b));
            for (int r = 0; r < R; ++r) {
                const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * W::kBytes;
                prefetch_next_tile(wb, R * a.w_row_bytes, W::kBytes);
                const __m256i q = W::quants(wb);
                const __m256i q_abs = _mm256_sign_epi8(q, q);
                const __m256 dw = _mm256_set1_ps(half_f16c(wb));
                for (int t = 0; t < T; ++t) {
                    const __m256i x = load256(a.x + t * a.x_row_bytes + b * kQK);
                    const __m256 p = _mm256_cvtepi32_ps(dot_s8s8(q_abs, q, x));
                    acc[r][t] = _mm256_fmadd_ps(_mm256_mul_ps(dw, dx[t]), p, acc[r][t]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = hsum(acc[r][t]);
    }
};

template <class W>
struct KernelQ8_1Act {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 2;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        __m256 acc[R][T];
        float mins[R][T] = {};
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm256_setzero_ps();
        for (int64_t b = 0; b < nb; ++b) {
            __m256 dx[T];
            float sx[T];
            for (int t = 0; t < T; ++t) {
                dx[t] = _mm256_set1_ps(load_f32(a.x + t * a.x_row_bytes + a.n + 4 * b));
                sx[t] = load_f32(a.x + t * a.x_row_bytes + a.n + 4 * (nb + b));
            }
            for (int r = 0; r < R; ++r) {
                const uint8_t* wb = a.w + r * a.w_row_bytes + static_cast<size_t>(b) * W::kBytes;
                prefetch_next_tile(wb, R * a.w_row_bytes, W::kBytes);
                const __m256i q = W::quants(wb);
                const __m256 dw = _mm256_set1_ps(half_f16c(wb));
                const float mw = half_f16c(wb + 2);
                for (int t = 0; t < T; ++t) {
                    const __m256i x = load256(a.x + t * a.x_row_bytes + b * kQK);
                    const __m256 p = _mm256_cvtepi32_ps(dot_u8s8(q, x));
                    acc[r][t] = _mm256_fmadd_ps(_mm256_mul_ps(dw, dx[t]), p, acc[r][t]);
                    mins[r][t] += mw * sx[t];
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = hsum(acc[r][t]) + mins[r][t];
    }
};

// ---- K-quants ---------------------------------------------------------------------

// A byte shuffle that broadcasts 16-bit lane i (0..7) of each 128-bit half.
inline __m256i scale_shuffle(int i) {
    return _mm256_set1_epi16(static_cast<short>((2 * i) | ((2 * i + 1) << 8)));
}

// A byte shuffle that broadcasts 16-bit lane i of the low half over the low half
// and lane i + 1 of the high half over the high half.
inline __m256i pair_shuffle(int i) {
    return _mm256_set_m128i(_mm_set1_epi16(static_cast<short>((2 * i + 2) | ((2 * i + 3) << 8))),
                            _mm_set1_epi16(static_cast<short>((2 * i) | ((2 * i + 1) << 8))));
}

// Q4_K and Q5_K against Q8_K: per 64 elements one 32-byte group of nibbles (two
// sub-blocks), scales applied with madd on the pair sums; the mins through the
// activations' 16-element sums.
template <bool kFive>
struct KernelQ45_K {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 2;
    static constexpr size_t kBytes = kFive ? kQ5_KBytes : kQ4_KBytes;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        const __m256i low4 = _mm256_set1_epi8(0x0f);
        __m256 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm256_setzero_ps();
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
                uint64_t sc64, mn64;
                unpack_k4_scales64(wb + 4, &sc64, &mn64);
                const __m128i m8 = _mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(mn64)));
                const __m256i mins = _mm256_set_m128i(_mm_unpackhi_epi16(m8, m8), _mm_unpacklo_epi16(m8, m8));
                // The 8 scales as 16-bit values in both halves; scale i broadcast by a byte shuffle.
                const __m256i scales =
                    _mm256_broadcastsi128_si256(_mm_cvtepu8_epi16(_mm_cvtsi64_si128(static_cast<long long>(sc64))));
                __m256i sumi[T];
                for (int t = 0; t < T; ++t) sumi[t] = _mm256_setzero_si256();
                __m256i qh = kFive ? load256(wb + 16) : _mm256_setzero_si256();
                for (int k = 0; k < 4; ++k) {
                    const __m256i q = load256(qs + 32 * k);
                    __m256i lo = _mm256_and_si256(q, low4);
                    __m256i hi = _mm256_and_si256(_mm256_srli_epi16(q, 4), low4);
                    if constexpr (kFive) {
                        const __m256i bit4 = _mm256_set1_epi8(0x10);
                        lo = _mm256_or_si256(lo, _mm256_and_si256(_mm256_slli_epi16(qh, 4), bit4));
                        hi = _mm256_or_si256(hi, _mm256_and_si256(_mm256_slli_epi16(qh, 3), bit4));
                        qh = _mm256_srli_epi16(qh, 2);
                    }
                    const __m256i sc_lo = _mm256_shuffle_epi8(scales, scale_shuffle(2 * k));
                    const __m256i sc_hi = _mm256_shuffle_epi8(scales, scale_shuffle(2 * k + 1));
                    for (int t = 0; t < T; ++t) {
                        const __m256i p_lo = _mm256_maddubs_epi16(lo, load256(xb[t] + kQ8_KQs + 64 * k));
                        const __m256i p_hi = _mm256_maddubs_epi16(hi, load256(xb[t] + kQ8_KQs + 64 * k + 32));
                        sumi[t] = _mm256_add_epi32(
                            sumi[t], _mm256_add_epi32(_mm256_madd_epi16(p_lo, sc_lo), _mm256_madd_epi16(p_hi, sc_hi)));
                    }
                }
                const float dw = half_f16c(wb), dmin = half_f16c(wb + 2);
                for (int t = 0; t < T; ++t) {
                    const __m256i pm = _mm256_madd_epi16(load256(xb[t] + kQ8_KBsums), mins);
                    acc[r][t] = _mm256_fmadd_ps(_mm256_set1_ps(dx[t] * dw), _mm256_cvtepi32_ps(sumi[t]), acc[r][t]);
                    acc[r][t] = _mm256_fnmadd_ps(_mm256_set1_ps(dx[t] * dmin), _mm256_cvtepi32_ps(pm), acc[r][t]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = hsum(acc[r][t]);
    }
};

// Q6_K against Q8_K: quants kept unsigned (0..63) for maddubs; the -32 offset comes
// back as 32 * sum(scale * 16-element activation sum).
struct KernelQ6_K {
    static constexpr int kDecodeRows = 4, kRows = 4, kToks = 2;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        const __m256i low4 = _mm256_set1_epi8(0x0f), bits45 = _mm256_set1_epi8(0x30);
        __m256 acc[R][T];
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) acc[r][t] = _mm256_setzero_ps();
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
                // Scales 0..7 and 8..15 as 16-bit values in both halves: a byte
                // shuffle then picks scale 2g for the low half and 2g + 1 for the high one.
                const __m256i sc_a = _mm256_broadcastsi128_si256(_mm256_castsi256_si128(sc16));
                const __m256i sc_b = _mm256_broadcastsi128_si256(_mm256_extracti128_si256(sc16, 1));
                __m256i sumi[T];
                for (int t = 0; t < T; ++t) {
                    // The offset term, subtracted from the start.
                    const __m256i offset = _mm256_madd_epi16(load256(xb[t] + kQ8_KBsums), sc16);
                    sumi[t] = _mm256_sub_epi32(_mm256_setzero_si256(), _mm256_slli_epi32(offset, 5));
                }
                for (int half = 0; half < 2; ++half) {
                    const __m256i ql0 = load256(wb + 64 * half), ql1 = load256(wb + 64 * half + 32);
                    const __m256i qh = load256(wb + 128 + 32 * half);
                    __m256i q[4];
                    q[0] = _mm256_or_si256(_mm256_and_si256(ql0, low4),
                                           _mm256_and_si256(_mm256_slli_epi16(qh, 4), bits45));
                    q[1] = _mm256_or_si256(_mm256_and_si256(ql1, low4),
                                           _mm256_and_si256(_mm256_slli_epi16(qh, 2), bits45));
                    q[2] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql0, 4), low4),
                                           _mm256_and_si256(qh, bits45));
                    q[3] = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(ql1, 4), low4),
                                           _mm256_and_si256(_mm256_srli_epi16(qh, 2), bits45));
                    for (int k = 0; k < 4; ++k) {
                        const int g = 4 * half + k;  // 32-element group: scales 2g (first 16) and 2g + 1
                        const __m256i scv = _mm256_shuffle_epi8(g < 4 ? sc_a : sc_b, pair_shuffle(2 * g % 8));
                        for (int t = 0; t < T; ++t) {
                            const __m256i p = _mm256_maddubs_epi16(q[k], load256(xb[t] + kQ8_KQs + 32 * g));
                            sumi[t] = _mm256_add_epi32(sumi[t], _mm256_madd_epi16(p, scv));
                        }
                    }
                }
                const float dw = half_f16c(wb + 208);
                for (int t = 0; t < T; ++t) {
                    acc[r][t] = _mm256_fmadd_ps(_mm256_set1_ps(dx[t] * dw), _mm256_cvtepi32_ps(sumi[t]), acc[r][t]);
                }
            }
        }
        for (int r = 0; r < R; ++r)
            for (int t = 0; t < T; ++t) a.y[t * a.y_stride + r] = hsum(acc[r][t]);
    }
};

size_t activation_bytes_f32(int64_t n) {
    return static_cast<size_t>(n) * 4;
}
size_t activation_bytes_16(int64_t n) {
    return static_cast<size_t>(n) * 2;
}

// ---- Packed 8-row layouts -------------------------------------------------------
//
// Decoding reads every weight once per token, and the per-row kernels above spend
// more time unpacking and reducing each block than reading it. The packed layouts
// interleave 8 rows block by block so that one 32-byte load holds 4 quants of each
// of the 8 rows: maddubs + madd against the activations' 4 quants broadcast to
// every lane leave each row's sum in its own 32-bit lane, and a block ends with one
// convert and one fused multiply-add for all 8 rows (their F16 scales side by
// side). The integer sums per block are the per-row kernels' exactly, and a packed
// matrix takes exactly the bytes of the original.
//
// Q4_0, per block of 32 values and 8 rows (144 bytes): the 8 F16 scales, then 4
// chunks of 32 bytes; chunk j holds bytes qs[4j .. 4j+3] of rows 0..7 (their low
// nibbles are values 4j.., the high ones values 16+4j..).
// Q8_0, per block (272 bytes): the 8 F16 scales, then 8 chunks; chunk j holds
// quants [4j .. 4j+3] of rows 0..7.

constexpr int64_t kPackRows = 8;
constexpr int kPackToks = 4;
constexpr size_t kPackedQ4_0Block = 16 + 128, kPackedQ8_0Block = 16 + 256;
static_assert(kPackedQ4_0Block == kPackRows * kQ4_0Bytes && kPackedQ8_0Block == kPackRows * kQ8_0Bytes);

size_t packed_bytes_q4_0(int64_t n) {
    return static_cast<size_t>(n / kQK) * kPackedQ4_0Block;
}
size_t packed_bytes_q8_0(int64_t n) {
    return static_cast<size_t>(n / kQK) * kPackedQ8_0Block;
}

inline __m256i broadcast4(const uint8_t* p) {
    return _mm256_set1_epi32(static_cast<int>(load_u32(p)));
}

// The sum of a block's 32 activation quants, in every lane.
inline __m256i block_sum_all_lanes(const uint8_t* x) {
    __m256i s = _mm256_madd_epi16(_mm256_maddubs_epi16(_mm256_set1_epi8(1), load256(x)), _mm256_set1_epi16(1));
    s = _mm256_add_epi32(s, _mm256_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
    s = _mm256_add_epi32(s, _mm256_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
    return _mm256_add_epi32(s, _mm256_permute2x128_si256(s, s, 1));
}

// 8 packed rows x T tokens. Quants are unsigned nibbles q; (q - 8) · x = q · x - 8 Σx.
// xsum: the tile's tokens' block sums times 8, T rows of nb apart (see
// gemm_packed_q4_0), or nullptr to add them up here.
template <int T>
void tile_packed_q4_0(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* xsum8,
                      float* y, int64_t y_stride) {
    const int64_t nb = n / kQK;
    const __m256i low4 = _mm256_set1_epi8(0x0f), ones = _mm256_set1_epi16(1);
    __m256 acc[T];
    for (int t = 0; t < T; ++t) acc[t] = _mm256_setzero_ps();
    for (int64_t b = 0; b < nb; ++b) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * kPackedQ4_0Block;
        prefetch_weights_ahead(rec, kPackedQ4_0Block);
        __m256i s16[T];
        for (int t = 0; t < T; ++t) s16[t] = _mm256_setzero_si256();
        for (int j = 0; j < 4; ++j) {
            const __m256i v = load256(rec + 16 + 32 * j);
            const __m256i lo = _mm256_and_si256(v, low4);
            const __m256i hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), low4);
            for (int t = 0; t < T; ++t) {
                const uint8_t* xb = x + t * x_row_bytes + b * kQK;
                // Each int16 stays within 8 * 2 * 15 * 127: no saturation.
                s16[t] = _mm256_add_epi16(s16[t], _mm256_add_epi16(_mm256_maddubs_epi16(lo, broadcast4(xb + 4 * j)),
                                                                   _mm256_maddubs_epi16(hi, broadcast4(xb + 16 + 4 * j))));
            }
        }
        const __m256 dw = _mm256_cvtph_ps(load128(rec));
        for (int t = 0; t < T; ++t) {
            const uint8_t* xt = x + t * x_row_bytes;
            const __m256i sum8 = xsum8 ? _mm256_set1_epi32(xsum8[t * nb + b])
                                       : _mm256_slli_epi32(block_sum_all_lanes(xt + b * kQK), 3);
            const __m256i sum = _mm256_sub_epi32(_mm256_madd_epi16(s16[t], ones), sum8);
            const __m256 d = _mm256_mul_ps(dw, _mm256_set1_ps(load_f32(xt + n + 4 * b)));
            acc[t] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(sum), d, acc[t]);
        }
    }
    for (int t = 0; t < T; ++t) _mm256_storeu_ps(y + t * y_stride, acc[t]);
}

// 8 packed rows x T tokens, signed quants: |w| against x carrying w's signs.
template <int T>
void tile_packed_q8_0(const uint8_t* gw, int64_t n, const uint8_t* x, size_t x_row_bytes, const int32_t* /*xsum8*/,
                      float* y, int64_t y_stride) {
    const int64_t nb = n / kQK;
    const __m256i ones = _mm256_set1_epi16(1);
    __m256 acc[T];
    for (int t = 0; t < T; ++t) acc[t] = _mm256_setzero_ps();
    for (int64_t b = 0; b < nb; ++b) {
        const uint8_t* rec = gw + static_cast<size_t>(b) * kPackedQ8_0Block;
        prefetch_weights_ahead(rec, kPackedQ8_0Block);
        __m256i s32[T];
        for (int t = 0; t < T; ++t) s32[t] = _mm256_setzero_si256();
        for (int j = 0; j < 8; ++j) {
            const __m256i v = load256(rec + 16 + 32 * j);
            const __m256i a = _mm256_sign_epi8(v, v);
            for (int t = 0; t < T; ++t) {
                const __m256i xs = _mm256_sign_epi8(broadcast4(x + t * x_row_bytes + b * kQK + 4 * j), v);
                s32[t] = _mm256_add_epi32(s32[t], _mm256_madd_epi16(_mm256_maddubs_epi16(a, xs), ones));
            }
        }
        const __m256 dw = _mm256_cvtph_ps(load128(rec));
        for (int t = 0; t < T; ++t) {
            const __m256 d = _mm256_mul_ps(dw, _mm256_set1_ps(load_f32(x + t * x_row_bytes + n + 4 * b)));
            acc[t] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s32[t]), d, acc[t]);
        }
    }
    for (int t = 0; t < T; ++t) _mm256_storeu_ps(y + t * y_stride, acc[t]);
}

// Q4_0's offset: its block sums times 8.
int32_t block_sum_times8(const uint8_t* x) {
    return _mm256_cvtsi256_si32(block_sum_all_lanes(x)) * 8;
}

constexpr PackedTile kTilesQ4_0[kPackToks] = {tile_packed_q4_0<1>, tile_packed_q4_0<2>, tile_packed_q4_0<3>,
                                              tile_packed_q4_0<4>};
constexpr PackedTile kTilesQ8_0[kPackToks] = {tile_packed_q8_0<1>, tile_packed_q8_0<2>, tile_packed_q8_0<3>,
                                              tile_packed_q8_0<4>};
constexpr auto kGemmPackedQ4_0 =
    &gemm_packed_groups<kPackRows, kPackToks, kTilesQ4_0, packed_bytes_q4_0, block_sum_times8>;
constexpr auto kGemmPackedQ8_0 = &gemm_packed_groups<kPackRows, kPackToks, kTilesQ8_0, packed_bytes_q8_0, nullptr>;

// ---- The transposed product of F16 rows -------------------------------------------

template <int T, int V>
void t_acc_tile(const uint8_t* w, size_t w_row_bytes, int64_t rows, const float* xf, float* y, int64_t y_stride) {
    __m256 acc[T][V];
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) acc[t][v] = _mm256_loadu_ps(y + t * y_stride + 8 * v);
    for (int64_t j = 0; j < rows; ++j) {
        __m256 wv[V];
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) wv[v] = _mm256_cvtph_ps(load128(w + static_cast<size_t>(j) * w_row_bytes + 16 * v));
#pragma GCC unroll 4
        for (int t = 0; t < T; ++t) {
            const __m256 xv = _mm256_broadcast_ss(xf + t * kTRows + j);
#pragma GCC unroll 2
            for (int v = 0; v < V; ++v) acc[t][v] = _mm256_fmadd_ps(xv, wv[v], acc[t][v]);
        }
    }
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < V; ++v) _mm256_storeu_ps(y + t * y_stride + 8 * v, acc[t][v]);
}

void halves_to_f32(const uint8_t* p, float* out, int64_t n) {
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, _mm256_cvtph_ps(load128(p + 2 * i)));
    for (; i < n; ++i) out[i] = half_f16c(p + 2 * i);
}

constexpr TAccTile kTAccTiles[kTToks][2] = {{t_acc_tile<1, 1>, t_acc_tile<1, 2>},
                                            {t_acc_tile<2, 1>, t_acc_tile<2, 2>},
                                            {t_acc_tile<3, 1>, t_acc_tile<3, 2>},
                                            {t_acc_tile<4, 1>, t_acc_tile<4, 2>}};
constexpr auto kGemmTAccF16 = &gemm_t_acc_f16_tiles<8, kTAccTiles, halves_to_f32>;

// Q8_0 rows: part P (16 columns, two vectors) of a block whose scale is at w.
template <int T, int P>
void t_acc_tile_q8_0(const uint8_t* w, size_t w_row_bytes, int64_t rows, const float* xf, float* y, int64_t y_stride) {
    __m256 acc[T][2];
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v) acc[t][v] = _mm256_loadu_ps(y + t * y_stride + 8 * v);
    for (int64_t j = 0; j < rows; ++j) {
        const uint8_t* b = w + static_cast<size_t>(j) * w_row_bytes;
        const __m256 d = _mm256_set1_ps(half_f16c(b));
        __m256 wv[2];
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v) {
            const __m128i q = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(b + 2 + 16 * P + 8 * v));
            wv[v] = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(q)), d);
        }
#pragma GCC unroll 4
        for (int t = 0; t < T; ++t) {
            const __m256 xv = _mm256_broadcast_ss(xf + t * kTRows + j);
#pragma GCC unroll 2
            for (int v = 0; v < 2; ++v) acc[t][v] = _mm256_fmadd_ps(xv, wv[v], acc[t][v]);
        }
    }
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t)
#pragma GCC unroll 2
        for (int v = 0; v < 2; ++v) _mm256_storeu_ps(y + t * y_stride + 8 * v, acc[t][v]);
}

constexpr TAccTile kTAccTilesQ8_0[kTToks][2] = {{t_acc_tile_q8_0<1, 0>, t_acc_tile_q8_0<1, 1>},
                                                {t_acc_tile_q8_0<2, 0>, t_acc_tile_q8_0<2, 1>},
                                                {t_acc_tile_q8_0<3, 0>, t_acc_tile_q8_0<3, 1>},
                                                {t_acc_tile_q8_0<4, 0>, t_acc_tile_q8_0<4, 1>}};
constexpr auto kGemmTAccQ8_0 = &gemm_t_acc_q8_0_tiles<2, kTAccTilesQ8_0, halves_to_f32>;

template <class K>
constexpr auto kGemm = &gemm_tiles<K>;

constexpr MatmulKernels kTable[] = {
    {kF32, Isa::Avx2, 1, activation_bytes_f32, quantize_f32, kGemm<KernelFloat<LoadF32>>},
    {kF16, Isa::Avx2, 1, activation_bytes_16, quantize_f16, kGemm<KernelFloat<LoadF16>>, 0, nullptr, nullptr, nullptr,
     kGemmTAccF16},
    {kBF16, Isa::Avx2, 1, activation_bytes_16, quantize_bf16, kGemm<KernelFloat<LoadBF16>>},
    {kQ4_0, Isa::Avx2, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<WQ4_0>>, kPackRows,
     packed_bytes_q4_0, pack_rows_interleaved<kPackRows, kQ4_0Bytes, 0>, kGemmPackedQ4_0},
    {kQ4_1, Isa::Avx2, kQK, activation_bytes_q8_1, quantize_q8_1, kGemm<KernelQ8_1Act<WQ4_1>>},
    {kQ5_0, Isa::Avx2, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<WQ5_0>>},
    {kQ5_1, Isa::Avx2, kQK, activation_bytes_q8_1, quantize_q8_1, kGemm<KernelQ8_1Act<WQ5_1>>},
    {kQ8_0, Isa::Avx2, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<WQ8_0>>, kPackRows,
     packed_bytes_q8_0, pack_rows_interleaved<kPackRows, kQ8_0Bytes, 0>, kGemmPackedQ8_0, kGemmTAccQ8_0},
    // No AVX2 kernels of their own yet: the scalar ones, with the same activations.
    {kQ2_K, Isa::Avx2, kQKK, activation_bytes_q8_k, quantize_q8_k, gemm_q2_k_scalar},
    {kQ3_K, Isa::Avx2, kQKK, activation_bytes_q8_k, quantize_q8_k, gemm_q3_k_scalar},
    {kQ4_K, Isa::Avx2, kQKK, activation_bytes_q8_k, quantize_q8_k, kGemm<KernelQ45_K<false>>},
    {kQ5_K, Isa::Avx2, kQKK, activation_bytes_q8_k, quantize_q8_k, kGemm<KernelQ45_K<true>>},
    {kQ6_K, Isa::Avx2, kQKK, activation_bytes_q8_k, quantize_q8_k, kGemm<KernelQ6_K>},
};

}  // namespace

const MatmulKernels* avx2_kernels(uint32_t type) {
    for (const MatmulKernels& k : kTable) {
        if (k.weight_type == type) return &k;
    }
    return nullptr;
}

}  // namespace fyr::kernels::detail
