// Quantizers for the 256-element "K" super-block types Q2_K, Q3_K, Q4_K, Q5_K, Q6_K
// (layouts in dequantize_k.cpp). Two levels: each sub-block (16 or 32 elements) first
// gets its own best float scale (and min) from an iterative search, then those scales
// are themselves quantized to 4, 6 or 8 bits against the super-block's fp16 d (and
// dmin), and finally every element is re-rounded against the scale it will actually
// be decoded with.
//
// The searches are ggml's reference ones (what llama-quantize runs without an
// importance matrix), with the same parameters and float operation order, so the
// bytes match llama.cpp's files:
// - symmetric types (Q3_K, Q6_K): start from scale = signed max / -nmax, then try 18
//   nearby scales and keep the one with the best weighted least-squares fit (weights
//   x^2); Q3_K instead refines the quants one at a time;
// - types with a minimum (Q2_K, Q4_K, Q5_K): start from the [min, max] range, then try
//   nstep + 1 slightly different level counts, each followed by a weighted
//   least-squares fit of scale and min, and keep the lowest weighted error.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "fyr/kernels/dequantize.h"

namespace fyr::kernels::detail {
namespace {

constexpr int kQK = 256;  // elements per super-block

// Below this a group is treated as all zeros (ggml's GROUP_MAX_EPS).
constexpr float kGroupMaxEps = 1e-15f;

// Round to nearest, ties to even, by adding 1.5 * 2^23 so the float unit does the
// rounding (valid for |f| < 2^22; larger or non-finite inputs give some int, which
// callers clamp).
int nearest_int(float f) {
    const float v = f + 12582912.0f;
    int32_t bits;
    std::memcpy(&bits, &v, 4);
    return (bits & 0x007fffff) - 0x00400000;
}

void put_half(uint8_t* p, float f) {
    const uint16_t h = fp32_to_fp16(f);
    std::memcpy(p, &h, 2);
}

float half_at(const uint8_t* p) {
    uint16_t h;
    std::memcpy(&h, p, 2);
    return fp16_to_fp32(h);
}

// The element of largest magnitude with its sign (first one on ties); 0 for none.
float signed_absmax(int n, const float* x, float* amax_out) {
    float amax = 0.0f, max = 0.0f;
    for (int i = 0; i < n; ++i) {
        const float ax = std::fabs(x[i]);
        if (ax > amax) {
            amax = ax;
            max = x[i];
        }
    }
    *amax_out = amax;
    return max;
}

// Symmetric quants in [-nmax, nmax - 1] (stored +nmax in L) with the scale that best
// fits x in weighted least squares (weights x^2), trying scales around -nmax / max.
// Returns the scale (0 for an all-zero group).
float make_qx_quants(int n, int nmax, const float* x, int8_t* L) {
    float amax = 0.0f;
    const float max = signed_absmax(n, x, &amax);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    auto fit = [&](float iscale, float* sumlx, float* suml2) {
        *sumlx = 0.0f;
        *suml2 = 0.0f;
        for (int i = 0; i < n; ++i) {
            const int l = std::clamp(nearest_int(iscale * x[i]), -nmax, nmax - 1);
            const float w = x[i] * x[i];
            *sumlx += w * x[i] * static_cast<float>(l);
            *suml2 += w * static_cast<float>(l) * static_cast<float>(l);
        }
    };
    auto assign = [&](float iscale) {
        for (int i = 0; i < n; ++i)
            L[i] = static_cast<int8_t>(nmax + std::clamp(nearest_int(iscale * x[i]), -nmax, nmax - 1));
    };
    float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    fit(iscale, &sumlx, &suml2);
    assign(iscale);
    float scale = suml2 != 0.0f ? sumlx / suml2 : 0.0f;
    float best = scale * sumlx;
    for (int is = -9; is <= 9; ++is) {
        if (is == 0) continue;
        iscale = -(static_cast<float>(nmax) + 0.1f * static_cast<float>(is)) / max;
        fit(iscale, &sumlx, &suml2);
        if (suml2 > 0 && sumlx * sumlx > best * suml2) {
            assign(iscale);
            scale = sumlx / suml2;
            best = scale * sumlx;
        }
    }
    return scale;
}

// Q3_K's symmetric search: start at -nmax / max, then move single quants while that
// improves the weighted fit (up to 5 passes). L gets values + nmax.
float make_q3_quants(int n, int nmax, const float* x, int8_t* L) {
    float amax = 0.0f;
    const float max = signed_absmax(n, x, &amax);
    if (amax < kGroupMaxEps) {
        std::fill(L, L + n, int8_t{0});
        return 0.0f;
    }
    const float iscale = static_cast<float>(-nmax) / max;
    float sumlx = 0, suml2 = 0;
    for (int i = 0; i < n; ++i) {
        const int l = std::clamp(nearest_int(iscale * x[i]), -nmax, nmax - 1);
        L[i] = static_cast<int8_t>(l);
        const float w = x[i] * x[i];
        sumlx += w * x[i] * static_cast<float>(l);
        suml2 += w * static_cast<float>(l) * static_cast<float>(l);
    }
    for (int itry = 0; itry < 5; ++itry) {
        int n_changed = 0;
        for (int i = 0; i < n; ++i) {
            const float w = x[i] * x[i];
            const float li = static_cast<float>(L[i]);
            float slx = sumlx - w * x[i] * li;
            if (slx > 0) {
                float sl2 = suml2 - w * li * li;
                const int new_l = std::clamp(nearest_int(x[i] * sl2 / slx), -nmax, nmax - 1);
                if (new_l != L[i]) {
                    const float nl = static_cast<float>(new_l);
                    slx += w * x[i] * nl;
                    sl2 += w * nl * nl;
                    if (sl2 > 0 && slx * slx * suml2 > sumlx * sumlx * sl2) {
                        L[i] = static_cast<int8_t>(new_l);
                        sumlx = slx;
                        suml2 = sl2;
                        ++n_changed;
                    }
                }
            }
        }
        if (n_changed == 0) break;
    }
    for (int i = 0; i < n; ++i) L[i] = static_cast<int8_t>(L[i] + nmax);
    return suml2 > 0.0f ? sumlx / suml2 : 0.0f;
}

// Quants in [0, nmax] with value = scale * q - the_min: tries level counts
// nmax + rmin + rdelta * k for k = 0..nstep over the current [min, max], fits scale and
// min to each in weighted least squares (the min held <= 0), and keeps the lowest
// weighted error (absolute with use_mad, else squared). Returns the scale; *the_min
// gets the positive offset to subtract.
float make_qkx2_quants(int n, int nmax, const float* x, const float* weights, uint8_t* L, float* the_min, uint8_t* Laux,
                       float rmin, float rdelta, int nstep, bool use_mad) {
    float min = x[0];
    float max = x[0];
    float sum_w = weights[0];
    float sum_x = sum_w * x[0];
    for (int i = 1; i < n; ++i) {
        if (x[i] < min) min = x[i];
        if (x[i] > max) max = x[i];
        const float w = weights[i];
        sum_w += w;
        sum_x += w * x[i];
    }
    if (min > 0) min = 0;
    if (max == min) {
        std::fill(L, L + n, uint8_t{0});
        *the_min = -min;
        return 0.0f;
    }
    auto error_of = [&](float diff) { return use_mad ? std::fabs(diff) : diff * diff; };
    float iscale = static_cast<float>(nmax) / (max - min);
    float scale = 1 / iscale;
    float best_error = 0;
    for (int i = 0; i < n; ++i) {
        const int l = nearest_int(iscale * (x[i] - min));
        L[i] = static_cast<uint8_t>(std::clamp(l, 0, nmax));
        const float diff = scale * static_cast<float>(L[i]) + min - x[i];
        best_error += weights[i] * error_of(diff);
    }
    for (int is = 0; is <= nstep; ++is) {
        iscale = (rmin + rdelta * static_cast<float>(is) + static_cast<float>(nmax)) / (max - min);
        float sum_l = 0, sum_l2 = 0, sum_xl = 0;
        for (int i = 0; i < n; ++i) {
            const int l = std::clamp(nearest_int(iscale * (x[i] - min)), 0, nmax);
            Laux[i] = static_cast<uint8_t>(l);
            const float w = weights[i];
            const float fl = static_cast<float>(l);
            sum_l += w * fl;
            sum_l2 += w * fl * fl;
            sum_xl += w * fl * x[i];
        }
        const float D = sum_w * sum_l2 - sum_l * sum_l;
        if (D > 0) {
            float this_scale = (sum_w * sum_xl - sum_x * sum_l) / D;
            float this_min = (sum_l2 * sum_x - sum_l * sum_xl) / D;
            if (this_min > 0) {
                this_min = 0;
                this_scale = sum_xl / sum_l2;
            }
            float cur_error = 0;
            for (int i = 0; i < n; ++i) {
                const float diff = this_scale * static_cast<float>(Laux[i]) + this_min - x[i];
                cur_error += weights[i] * error_of(diff);
            }
            if (cur_error < best_error) {
                std::copy(Laux, Laux + n, L);
                best_error = cur_error;
                scale = this_scale;
                min = this_min;  // later steps measure from the improved min, as ggml does
            }
        }
    }
    *the_min = -min;
    return scale;
}

// Q4_K / Q5_K scale packing (the inverse of dequantize_k.cpp's scale_min_k4).
void pack_scale_min_k4(const uint8_t* ls, const uint8_t* lm, uint8_t* s) {
    std::memset(s, 0, 12);
    for (int j = 0; j < 8; ++j) {
        if (j < 4) {
            s[j] = ls[j];
            s[j + 4] = lm[j];
        } else {
            s[j + 4] = static_cast<uint8_t>((ls[j] & 0x0f) | ((lm[j] & 0x0f) << 4));
            s[j - 4] = static_cast<uint8_t>(s[j - 4] | ((ls[j] >> 4) << 6));
            s[j] = static_cast<uint8_t>(s[j] | ((lm[j] >> 4) << 6));
        }
    }
}

void scale_min_k4(int j, const uint8_t* s, uint8_t* scale, uint8_t* min) {
    if (j < 4) {
        *scale = s[j] & 63;
        *min = s[j + 4] & 63;
    } else {
        *scale = static_cast<uint8_t>((s[j + 4] & 0x0f) | ((s[j - 4] >> 6) << 4));
        *min = static_cast<uint8_t>((s[j + 4] >> 4) | ((s[j] >> 6) << 4));
    }
}

// Shared by Q4_K and Q5_K: eight 32-element sub-blocks with 6-bit scales and mins.
// Writes d, dmin and the 12 scale bytes at dst and the final quants (0..nmax) to L.
void quantize_k4_scales(const float* x, int nmax, float rmin, int nstep, uint8_t* dst, uint8_t* L) {
    float scales[8], mins[8], weights[32];
    uint8_t Laux[32];
    float max_scale = 0, max_min = 0;
    for (int j = 0; j < 8; ++j) {
        const float* xs = x + 32 * j;
        float sum_x2 = 0;
        for (int l = 0; l < 32; ++l) sum_x2 += xs[l] * xs[l];
        const float av_x = std::sqrt(sum_x2 / 32);
        for (int l = 0; l < 32; ++l) weights[l] = av_x + std::fabs(xs[l]);
        scales[j] = make_qkx2_quants(32, nmax, xs, weights, L + 32 * j, &mins[j], Laux, rmin, 0.1f, nstep, false);
        if (scales[j] > max_scale) max_scale = scales[j];
        if (mins[j] > max_min) max_min = mins[j];
    }
    const float inv_scale = max_scale > 0 ? 63.0f / max_scale : 0.0f;
    const float inv_min = max_min > 0 ? 63.0f / max_min : 0.0f;
    uint8_t ls[8], lm[8];
    for (int j = 0; j < 8; ++j) {
        ls[j] = std::min<uint8_t>(63, static_cast<uint8_t>(nearest_int(inv_scale * scales[j])));
        lm[j] = std::min<uint8_t>(63, static_cast<uint8_t>(nearest_int(inv_min * mins[j])));
    }
    put_half(dst, max_scale / 63.0f);
    put_half(dst + 2, max_min / 63.0f);
    uint8_t* packed = dst + 4;
    pack_scale_min_k4(ls, lm, packed);
    const float d_all = half_at(dst), dmin_all = half_at(dst + 2);
    for (int j = 0; j < 8; ++j) {
        uint8_t sc = 0, m = 0;
        scale_min_k4(j, packed, &sc, &m);
        const float d = d_all * static_cast<float>(sc);
        if (d == 0.0f) continue;  // keep the search's quants
        const float dm = dmin_all * static_cast<float>(m);
        for (int i = 0; i < 32; ++i)
            L[32 * j + i] = static_cast<uint8_t>(std::clamp(nearest_int((x[32 * j + i] + dm) / d), 0, nmax));
    }
}

// Q2_K and Q3_K store quants as four 2-bit planes per 128 elements: element 32p + l of
// a half goes to byte l of that half's 32 bytes, bits 2p..2p+1.
void pack_2bit_planes(const uint8_t* L, uint8_t* qs) {
    for (int j = 0; j < kQK; j += 128) {
        for (int l = 0; l < 32; ++l) {
            qs[j / 4 + l] =
                static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 2) | (L[j + l + 64] << 4) | (L[j + l + 96] << 6));
        }
    }
}

}  // namespace

void quantize_q2_k(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 84) {
        uint8_t L[kQK], Laux[16];
        float weights[16], mins[16], scales[16];
        float max_scale = 0, max_min = 0;
        for (int j = 0; j < 16; ++j) {
            for (int l = 0; l < 16; ++l) weights[l] = std::fabs(x[16 * j + l]);
            scales[j] = make_qkx2_quants(16, 3, x + 16 * j, weights, L + 16 * j, &mins[j], Laux, -0.5f, 0.1f, 15, true);
            if (scales[j] > max_scale) max_scale = scales[j];
            if (mins[j] > max_min) max_min = mins[j];
        }
        uint8_t* sc = dst;
        const float q4scale = 15.0f;
        if (max_scale > 0) {
            const float iscale = q4scale / max_scale;
            for (int j = 0; j < 16; ++j) sc[j] = static_cast<uint8_t>(nearest_int(iscale * scales[j]));
            put_half(dst + 80, max_scale / q4scale);
        } else {
            std::memset(sc, 0, 16);
            put_half(dst + 80, 0.0f);
        }
        if (max_min > 0) {
            const float iscale = q4scale / max_min;
            for (int j = 0; j < 16; ++j) sc[j] = static_cast<uint8_t>(sc[j] | (nearest_int(iscale * mins[j]) << 4));
            put_half(dst + 82, max_min / q4scale);
        } else {
            put_half(dst + 82, 0.0f);
        }
        const float d_all = half_at(dst + 80), dmin_all = half_at(dst + 82);
        for (int j = 0; j < 16; ++j) {
            const float d = d_all * static_cast<float>(sc[j] & 0x0f);
            if (d == 0.0f) continue;
            const float dm = dmin_all * static_cast<float>(sc[j] >> 4);
            for (int i = 0; i < 16; ++i)
                L[16 * j + i] = static_cast<uint8_t>(std::clamp(nearest_int((x[16 * j + i] + dm) / d), 0, 3));
        }
        pack_2bit_planes(L, dst + 16);
    }
}

void quantize_q3_k(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 110) {
        int8_t L[kQK];
        float scales[16];
        float max_scale = 0, amax = 0;
        for (int j = 0; j < 16; ++j) {
            scales[j] = make_q3_quants(16, 4, x + 16 * j, L + 16 * j);
            const float a = std::fabs(scales[j]);
            if (a > amax) {
                amax = a;
                max_scale = scales[j];
            }
        }
        uint8_t* hmask = dst;
        uint8_t* qs = dst + 32;
        uint8_t* sc = dst + 96;
        std::memset(sc, 0, 12);
        if (max_scale != 0.0f) {
            const float iscale = -32.0f / max_scale;
            for (int j = 0; j < 16; ++j) {
                int l =
                    std::clamp(static_cast<int>(static_cast<int8_t>(nearest_int(iscale * scales[j]))), -32, 31) + 32;
                if (j < 8) {
                    sc[j] = static_cast<uint8_t>(l & 0x0f);
                } else {
                    sc[j - 8] = static_cast<uint8_t>(sc[j - 8] | ((l & 0x0f) << 4));
                }
                l >>= 4;
                sc[j % 4 + 8] = static_cast<uint8_t>(sc[j % 4 + 8] | (l << (2 * (j / 4))));
            }
            put_half(dst + 108, 1 / iscale);
        } else {
            put_half(dst + 108, 0.0f);
        }
        const float d_all = half_at(dst + 108);
        for (int j = 0; j < 16; ++j) {
            const int low = j < 8 ? (sc[j] & 0x0f) : (sc[j - 8] >> 4);
            const int s = (low | (((sc[8 + j % 4] >> (2 * (j / 4))) & 3) << 4)) - 32;
            const float d = d_all * static_cast<float>(s);
            if (d == 0.0f) continue;
            for (int i = 0; i < 16; ++i)
                L[16 * j + i] = static_cast<int8_t>(std::clamp(nearest_int(x[16 * j + i] / d), -4, 3) + 4);
        }
        // High bit of element j: byte j % 32, bit j / 32; the low 2 bits go to qs.
        std::memset(hmask, 0, 32);
        uint8_t low[kQK];
        for (int j = 0; j < kQK; ++j) {
            int v = L[j];
            if (v > 3) {
                hmask[j % 32] = static_cast<uint8_t>(hmask[j % 32] | (1 << (j / 32)));
                v -= 4;
            }
            low[j] = static_cast<uint8_t>(v);
        }
        pack_2bit_planes(low, qs);
    }
}

void quantize_q4_k(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 144) {
        uint8_t L[kQK];
        quantize_k4_scales(x, 15, -1.0f, 20, dst, L);
        // Each 64 elements: 32 bytes, low nibbles the first 32, high nibbles the next.
        uint8_t* q = dst + 16;
        for (int j = 0; j < kQK; j += 64, q += 32) {
            for (int l = 0; l < 32; ++l) q[l] = static_cast<uint8_t>(L[j + l] | (L[j + l + 32] << 4));
        }
    }
}

void quantize_q5_k(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 176) {
        uint8_t L[kQK];
        quantize_k4_scales(x, 31, -0.5f, 15, dst, L);
        uint8_t* qh = dst + 16;
        uint8_t* ql = dst + 48;
        std::memset(qh, 0, 32);
        // Sub-block pair p (64 elements): low nibbles as Q4_K, fifth bits in qh bits 2p, 2p + 1.
        uint8_t m1 = 1, m2 = 2;
        for (int n = 0; n < kQK; n += 64, ql += 32) {
            for (int j = 0; j < 32; ++j) {
                int l1 = L[n + j];
                if (l1 > 15) {
                    l1 -= 16;
                    qh[j] = static_cast<uint8_t>(qh[j] | m1);
                }
                int l2 = L[n + j + 32];
                if (l2 > 15) {
                    l2 -= 16;
                    qh[j] = static_cast<uint8_t>(qh[j] | m2);
                }
                ql[j] = static_cast<uint8_t>(l1 | (l2 << 4));
            }
            m1 = static_cast<uint8_t>(m1 << 2);
            m2 = static_cast<uint8_t>(m2 << 2);
        }
    }
}

void quantize_q6_k(const float* x, uint8_t* dst, int64_t n_blocks) {
    for (int64_t b = 0; b < n_blocks; ++b, x += kQK, dst += 210) {
        int8_t L[kQK];
        float scales[16];
        float max_scale = 0, max_abs_scale = 0;
        for (int ib = 0; ib < 16; ++ib) {
            scales[ib] = make_qx_quants(16, 32, x + 16 * ib, L + 16 * ib);
            const float a = std::fabs(scales[ib]);
            if (a > max_abs_scale) {
                max_abs_scale = a;
                max_scale = scales[ib];
            }
        }
        if (max_abs_scale < kGroupMaxEps) {
            std::memset(dst, 0, 210);
            continue;
        }
        const float iscale = -128.0f / max_scale;
        put_half(dst + 208, 1 / iscale);
        int8_t sc[16];
        for (int ib = 0; ib < 16; ++ib) sc[ib] = static_cast<int8_t>(std::min(127, nearest_int(iscale * scales[ib])));
        std::memcpy(dst + 192, sc, 16);
        const float d_all = half_at(dst + 208);
        for (int j = 0; j < 16; ++j) {
            const float d = d_all * static_cast<float>(sc[j]);
            if (d == 0.0f) continue;
            for (int i = 0; i < 16; ++i)
                L[16 * j + i] = static_cast<int8_t>(std::clamp(nearest_int(x[16 * j + i] / d), -32, 31) + 32);
        }
        // Per 128 elements: ql gets low nibbles (l and l + 64 share a byte, as do l + 32
        // and l + 96), qh the four 2-bit high parts of l, l + 32, l + 64, l + 96.
        uint8_t* ql = dst;
        uint8_t* qh = dst + 128;
        for (int j = 0; j < kQK; j += 128, ql += 64, qh += 32) {
            for (int l = 0; l < 32; ++l) {
                const int q1 = L[j + l], q2 = L[j + l + 32], q3 = L[j + l + 64], q4 = L[j + l + 96];
                ql[l] = static_cast<uint8_t>((q1 & 0x0f) | ((q3 & 0x0f) << 4));
                ql[l + 32] = static_cast<uint8_t>((q2 & 0x0f) | ((q4 & 0x0f) << 4));
                qh[l] = static_cast<uint8_t>((q1 >> 4) | ((q2 >> 4) << 2) | ((q3 >> 4) << 4) | ((q4 >> 4) << 6));
            }
        }
    }
}

}  // namespace fyr::kernels::detail
