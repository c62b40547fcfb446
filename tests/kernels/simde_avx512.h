// AVX-512 without an AVX-512 CPU, for tst_matmul_avx512_emulated: SIMDe's portable
// intrinsics under the native names, plus plain versions of the ones SIMDe 0.7.4
// lacks or aliases wrongly. matmul_avx512.cpp includes this instead of
// <immintrin.h> when built with FYR_KERNELS_SIMDE; nothing else uses it.
//
// Speed is not the point; each replacement follows Intel's description of the
// instruction (rounding: the default nearest-even).
#pragma once

#define SIMDE_ENABLE_NATIVE_ALIASES
#include <simde/x86/avx512.h>
#include <simde/x86/f16c.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr_simde {

template <class T, int N, class V>
void to_array(V v, T (&out)[N]) {
    static_assert(sizeof(V) == sizeof(T) * N);
    std::memcpy(out, &v, sizeof v);
}

template <class V, class T, int N>
V from_array(const T (&in)[N]) {
    static_assert(sizeof(V) == sizeof(T) * N);
    V v;
    std::memcpy(&v, in, sizeof v);
    return v;
}

inline simde__m512 cvtepi32_ps(simde__m512i a) {
    int32_t i[16];
    float f[16];
    to_array(a, i);
    for (int k = 0; k < 16; ++k) f[k] = static_cast<float>(i[k]);
    return from_array<simde__m512>(f);
}

inline simde__m512i cvtps_epi32(simde__m512 a) {
    float f[16];
    int32_t i[16];
    to_array(a, f);
    for (int k = 0; k < 16; ++k) i[k] = static_cast<int32_t>(std::nearbyint(f[k]));
    return from_array<simde__m512i>(i);
}

inline simde__m256i cvtepi32_epi16(simde__m512i a) {
    int32_t i[16];
    int16_t o[16];
    to_array(a, i);
    for (int k = 0; k < 16; ++k) o[k] = static_cast<int16_t>(i[k]);
    return from_array<simde__m256i>(o);
}

inline simde__m512i cvtepu16_epi32(simde__m256i a) {
    uint16_t i[16];
    uint32_t o[16];
    to_array(a, i);
    for (int k = 0; k < 16; ++k) o[k] = i[k];
    return from_array<simde__m512i>(o);
}

inline simde__m512i cvtepi8_epi32(simde__m128i a) {
    int8_t i[16];
    int32_t o[16];
    to_array(a, i);
    for (int k = 0; k < 16; ++k) o[k] = i[k];
    return from_array<simde__m512i>(o);
}

inline simde__m512 cvtph_ps(simde__m256i a) {
    uint16_t h[16];
    float f[16];
    to_array(a, h);
    for (int k = 0; k < 16; ++k) f[k] = fyr::kernels::fp16_to_fp32(h[k]);
    return from_array<simde__m512>(f);
}

inline simde__m256i cvtps_ph(simde__m512 a) {
    float f[16];
    uint16_t h[16];
    to_array(a, f);
    for (int k = 0; k < 16; ++k) h[k] = fyr::kernels::fp32_to_fp16(f[k]);
    return from_array<simde__m256i>(h);
}

inline simde__m512i maskz_loadu_epi8(uint64_t k, const void* p) {
    uint8_t b[64] = {};
    const auto* src = static_cast<const uint8_t*>(p);
    for (int j = 0; j < 64; ++j) {
        if ((k >> j) & 1u) b[j] = src[j];  // masked-out bytes are not read
    }
    return from_array<simde__m512i>(b);
}

inline int reduce_add_epi32(simde__m512i a) {
    int32_t i[16];
    to_array(a, i);
    int s = 0;
    for (int v : i) s += v;
    return s;
}

inline float reduce_add_ps(simde__m512 a) {
    float f[16];
    to_array(a, f);
    float s = 0.f;
    for (float v : f) s += v;
    return s;
}

inline float reduce_max_ps(simde__m512 a) {
    float f[16];
    to_array(a, f);
    float m = f[0];
    for (float v : f) m = v > m ? v : m;
    return m;
}

inline simde__m512 zextps256_ps512(simde__m256 a) {
    float f[16] = {};
    std::memcpy(f, &a, sizeof a);
    return from_array<simde__m512>(f);
}

inline simde__m512i zextsi256_si512(simde__m256i a) {
    uint8_t b[64] = {};
    std::memcpy(b, &a, sizeof a);
    return from_array<simde__m512i>(b);
}

// Fused: one rounding per lane (SIMDe 0.7.4 multiplies and adds, rounding twice).
inline simde__m512 fmadd_ps(simde__m512 a, simde__m512 b, simde__m512 c) {
    float x[16], y[16], z[16];
    to_array(a, x);
    to_array(b, y);
    to_array(c, z);
    for (int k = 0; k < 16; ++k) z[k] = std::fma(x[k], y[k], z[k]);
    return from_array<simde__m512>(z);
}

template <bool kAdd>
simde__m256i mask_addsub_epi8(simde__m256i src, uint32_t k, simde__m256i a, simde__m256i b) {
    int8_t s[32], x[32], y[32];
    to_array(src, s);
    to_array(a, x);
    to_array(b, y);
    for (int j = 0; j < 32; ++j) {
        if ((k >> j) & 1u) s[j] = static_cast<int8_t>(kAdd ? x[j] + y[j] : x[j] - y[j]);
    }
    return from_array<simde__m256i>(s);
}

}  // namespace fyr_simde

#ifndef _MM_FROUND_NO_EXC
#define _MM_FROUND_NO_EXC SIMDE_MM_FROUND_NO_EXC
#endif
#ifndef __mmask16
#define __mmask16 simde__mmask16
#define __mmask32 simde__mmask32
#define __mmask64 simde__mmask64
#endif
#undef _mm512_madd_epi16  // SIMDe 0.7.4 aliases it with the masked form's arguments
#define _mm512_madd_epi16(a, b) simde_mm512_madd_epi16(a, b)
#define _mm512_cvtepi32_ps(a) fyr_simde::cvtepi32_ps(a)
#define _mm512_cvtps_epi32(a) fyr_simde::cvtps_epi32(a)
#define _mm512_cvtepi32_epi16(a) fyr_simde::cvtepi32_epi16(a)
#define _mm512_cvtepu16_epi32(a) fyr_simde::cvtepu16_epi32(a)
#undef _mm512_fmadd_ps
#define _mm512_fmadd_ps(a, b, c) fyr_simde::fmadd_ps(a, b, c)
#define _mm512_cvtepi8_epi32(a) fyr_simde::cvtepi8_epi32(a)
#define _mm512_cvtph_ps(a) fyr_simde::cvtph_ps(a)
#define _mm512_cvtps_ph(a, rounding) fyr_simde::cvtps_ph(a)
#define _mm512_maskz_loadu_epi8(k, p) fyr_simde::maskz_loadu_epi8(k, p)
#define _mm512_reduce_add_epi32(a) fyr_simde::reduce_add_epi32(a)
#define _mm512_reduce_add_ps(a) fyr_simde::reduce_add_ps(a)
#define _mm512_reduce_max_ps(a) fyr_simde::reduce_max_ps(a)
#define _mm512_zextps256_ps512(a) fyr_simde::zextps256_ps512(a)
#define _mm512_zextsi256_si512(a) fyr_simde::zextsi256_si512(a)
#define _mm256_mask_add_epi8(src, k, a, b) fyr_simde::mask_addsub_epi8<true>(src, k, a, b)
#define _mm256_mask_sub_epi8(src, k, a, b) fyr_simde::mask_addsub_epi8<false>(src, k, a, b)
#define _mm512_shuffle_i64x2(a, b, imm) simde_mm512_shuffle_i64x2(a, b, imm)
#define _cvtsh_ss(h) fyr::kernels::fp16_to_fp32(h)
#define _cvtss_sh(f, rounding) fyr::kernels::fp32_to_fp16(f)
