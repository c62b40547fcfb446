// Scalar matmul kernels: the oracle the SIMD kernels are tested against, and the
// kernels of CPUs without AVX2. One weight row times one activation row at a time,
// integer dot products per block, the block scales applied in float.
//
// The activation quantizers here define the activation bytes; the SIMD quantizers
// produce the same bytes (matmul_internal.h describes the forms).
#include <cmath>
#include <cstring>

#include "fyr/kernels/dequantize.h"
#include "matmul_internal.h"

namespace fyr::kernels::detail {
namespace {

float fp16_round(float f) {
    return half_to_float(fp32_to_fp16(f));
}

// ---- Activations ----------------------------------------------------------------

void quantize_f32(const float* x, void* dst, int64_t n) {
    std::memcpy(dst, x, static_cast<size_t>(n) * sizeof(float));
}

void quantize_f16(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = fp32_to_fp16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

void quantize_bf16(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = fp32_to_bf16(x[i]);
        std::memcpy(out + 2 * i, &h, 2);
    }
}

// Q8_0 / Q8_1 quants of one block of 32; returns d (unrounded) and the sum of the quants.
float quantize_block_32(const float* x, int8_t* q, int* sum) {
    float amax = 0.f;
    for (int j = 0; j < kQK; ++j) amax = std::fmax(amax, std::fabs(x[j]));
    const float d = amax / 127.f;
    const float id = amax != 0.f ? 127.f / amax : 0.f;
    int s = 0;
    for (int j = 0; j < kQK; ++j) {
        const int v = nearest_int(x[j] * id);
        q[j] = static_cast<int8_t>(v);
        s += v;
    }
    *sum = s;
    return d;
}

void quantize_q8_0(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    const int64_t nb = n / kQK;
    for (int64_t b = 0; b < nb; ++b) {
        int sum = 0;
        const float d = quantize_block_32(x + b * kQK, reinterpret_cast<int8_t*>(out + b * kQK), &sum);
        store_f32(out + n + 4 * b, fp16_round(d));
    }
}

// ---- Float rows -----------------------------------------------------------------

// Eight partial sums (as an eight-lane SIMD kernel keeps them), then a pairwise reduction.
template <class LoadW, class LoadX>
float dot_float(int64_t n, LoadW lw, LoadX lx) {
    float acc[8] = {};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int j = 0; j < 8; ++j) acc[j] += lw(i + j) * lx(i + j);
    }
    for (int j = 0; i < n; ++i, ++j) acc[j] += lw(i) * lx(i);
    return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

struct KernelF32 {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const uint8_t* w = a.w;
        const uint8_t* x = a.x;
        a.y[0] = dot_float(
            a.n, [w](int64_t i) { return load_f32(w + 4 * i); }, [x](int64_t i) { return load_f32(x + 4 * i); });
    }
};

struct KernelF16 {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const uint8_t* w = a.w;
        const uint8_t* x = a.x;
        a.y[0] = dot_float(
            a.n, [w](int64_t i) { return half_at(w + 2 * i); }, [x](int64_t i) { return half_at(x + 2 * i); });
    }
};

struct KernelBF16 {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const uint8_t* w = a.w;
        const uint8_t* x = a.x;
        a.y[0] = dot_float(
            a.n, [w](int64_t i) { return bf16_to_float(load_u16(w + 2 * i)); },
            [x](int64_t i) { return bf16_to_float(load_u16(x + 2 * i)); });
    }
};

// ---- 32-element blocks ----------------------------------------------------------

// Weight quants of one block as integers (with the type's offset applied).
void unpack_q4_0(const uint8_t* b, int* q) {
    for (int j = 0; j < 16; ++j) {
        q[j] = (b[2 + j] & 0x0f) - 8;
        q[j + 16] = (b[2 + j] >> 4) - 8;
    }
}

void unpack_q4_1(const uint8_t* b, int* q) {
    for (int j = 0; j < 16; ++j) {
        q[j] = b[4 + j] & 0x0f;
        q[j + 16] = b[4 + j] >> 4;
    }
}

void unpack_q5(const uint8_t* qs, uint32_t qh, int offset, int* q) {
    for (int j = 0; j < 16; ++j) {
        q[j] = ((qs[j] & 0x0f) | static_cast<int>(((qh >> j) & 1u) << 4)) - offset;
        q[j + 16] = ((qs[j] >> 4) | static_cast<int>(((qh >> (j + 16)) & 1u) << 4)) - offset;
    }
}

void unpack_q5_0(const uint8_t* b, int* q) {
    unpack_q5(b + 6, load_u32(b + 2), 16, q);
}
void unpack_q5_1(const uint8_t* b, int* q) {
    unpack_q5(b + 8, load_u32(b + 4), 0, q);
}

void unpack_q8_0(const uint8_t* b, int* q) {
    for (int j = 0; j < kQK; ++j) q[j] = static_cast<int8_t>(b[2 + j]);
}

int dot_block_32(const int* q, const uint8_t* xq) {
    int sum = 0;
    for (int j = 0; j < kQK; ++j) sum += q[j] * static_cast<int8_t>(xq[j]);
    return sum;
}

// Q4_0, Q5_0, Q8_0 against Q8_0 activations: sum over blocks of d_w * d_x * (integer dot).
template <size_t kBytes, void (*kUnpack)(const uint8_t*, int*)>
struct KernelQ8_0Act {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        float sum = 0.f;
        int q[kQK];
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kBytes;
            kUnpack(wb, q);
            const int sumi = dot_block_32(q, a.x + b * kQK);
            const float d = half_at(wb) * load_f32(a.x + a.n + 4 * b);
            sum += d * static_cast<float>(sumi);
        }
        a.y[0] = sum;
    }
};

// Q4_1, Q5_1 against Q8_1 activations: plus the weight block's minimum times the
// activation block's sum.
template <size_t kBytes, void (*kUnpack)(const uint8_t*, int*)>
struct KernelQ8_1Act {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQK;
        float sum = 0.f;
        int q[kQK];
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kBytes;
            kUnpack(wb, q);
            const int sumi = dot_block_32(q, a.x + b * kQK);
            const float d = half_at(wb) * load_f32(a.x + a.n + 4 * b);
            const float s = load_f32(a.x + a.n + 4 * (nb + b));
            sum += d * static_cast<float>(sumi) + half_at(wb + 2) * s;
        }
        a.y[0] = sum;
    }
};

// ---- K-quants -------------------------------------------------------------------

int16_t bsum_at(const uint8_t* xb, int j) {
    int16_t v;
    std::memcpy(&v, xb + kQ8_KBsums + 2 * j, 2);
    return v;
}

const int8_t* x_quants(const uint8_t* xb) {
    return reinterpret_cast<const int8_t*>(xb + kQ8_KQs);
}

// Q2_K: value = d * scale * q - dmin * min per 16 elements; the min term goes through
// the activation's 16-element sums.
struct KernelQ2_K {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        float sum = 0.f;
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kQ2_KBytes;
            const uint8_t* xb = a.x + static_cast<size_t>(b) * kQ8_KBytes;
            const uint8_t* sc = wb;
            const int8_t* x = x_quants(xb);
            int summ = 0;
            for (int j = 0; j < 16; ++j) summ += (sc[j] >> 4) * bsum_at(xb, j);
            int sumi = 0;
            int is = 0;
            for (int half = 0; half < 2; ++half) {
                const uint8_t* q = wb + 16 + 32 * half;
                for (int shift = 0; shift < 8; shift += 2) {
                    for (int g = 0; g < 2; ++g, x += 16) {
                        int s = 0;
                        for (int l = 0; l < 16; ++l) s += ((q[16 * g + l] >> shift) & 3) * x[l];
                        sumi += (sc[is++] & 0x0f) * s;
                    }
                }
            }
            const float dx = load_f32(xb);
            const float d = dx * half_at(wb + 80);
            const float dmin = dx * half_at(wb + 82);
            sum += d * static_cast<float>(sumi) - dmin * static_cast<float>(summ);
        }
        a.y[0] = sum;
    }
};

// Q3_K: value = d * (scale - 32) * (q - (high bit ? 0 : 4)).
struct KernelQ3_K {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        float sum = 0.f;
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kQ3_KBytes;
            const uint8_t* xb = a.x + static_cast<size_t>(b) * kQ8_KBytes;
            const uint8_t* hmask = wb;
            const uint8_t* s = wb + 96;
            const int8_t* x = x_quants(xb);
            int sc[16];
            for (int i = 0; i < 16; ++i) {
                const int low = i < 8 ? (s[i] & 0x0f) : (s[i - 8] >> 4);
                const int high = (s[8 + i % 4] >> (2 * (i / 4))) & 3;
                sc[i] = (low | (high << 4)) - 32;
            }
            int sumi = 0;
            int is = 0;
            int bit = 0;
            for (int half = 0; half < 2; ++half) {
                const uint8_t* q = wb + 32 + 32 * half;
                for (int shift = 0; shift < 8; shift += 2, ++bit) {
                    for (int g = 0; g < 2; ++g, x += 16) {
                        int acc = 0;
                        for (int l = 16 * g, k = 0; k < 16; ++l, ++k) {
                            const int v = ((q[l] >> shift) & 3) - (((hmask[l] >> bit) & 1) ? 0 : 4);
                            acc += v * x[k];
                        }
                        sumi += sc[is++] * acc;
                    }
                }
            }
            sum += load_f32(xb) * half_at(wb + 108) * static_cast<float>(sumi);
        }
        a.y[0] = sum;
    }
};

// Q4_K and Q5_K: value = d * scale * q - dmin * min per 32 elements.
template <bool kFive>
struct KernelQ45_K {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    static constexpr size_t kBytes = kFive ? kQ5_KBytes : kQ4_KBytes;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        float sum = 0.f;
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kBytes;
            const uint8_t* xb = a.x + static_cast<size_t>(b) * kQ8_KBytes;
            const uint8_t* qh = wb + 16;
            const uint8_t* qs = wb + (kFive ? 48 : 16);
            const int8_t* x = x_quants(xb);
            uint8_t sc[8], mn[8];
            unpack_k4_scales(wb + 4, sc, mn);
            int summ = 0;
            for (int j = 0; j < 8; ++j) summ += mn[j] * (bsum_at(xb, 2 * j) + bsum_at(xb, 2 * j + 1));
            int sumi = 0;
            for (int j = 0; j < 8; ++j) {
                const uint8_t* q = qs + 32 * (j / 2);
                const int shift = 4 * (j % 2);
                int acc = 0;
                for (int l = 0; l < 32; ++l) {
                    int v = (q[l] >> shift) & 0x0f;
                    if constexpr (kFive) v |= ((qh[l] >> j) & 1) << 4;
                    acc += v * x[32 * j + l];
                }
                sumi += sc[j] * acc;
            }
            const float dx = load_f32(xb);
            const float d = dx * half_at(wb);
            const float dmin = dx * half_at(wb + 2);
            sum += d * static_cast<float>(sumi) - dmin * static_cast<float>(summ);
        }
        a.y[0] = sum;
    }
};

// Q6_K: value = d * scale * (q - 32), one int8 scale per 16 elements.
struct KernelQ6_K {
    static constexpr int kDecodeRows = 1, kRows = 1, kToks = 1;
    template <int R, int T>
    static void tile(const Tile& a) {
        const int64_t nb = a.n / kQKK;
        float sum = 0.f;
        for (int64_t b = 0; b < nb; ++b) {
            const uint8_t* wb = a.w + static_cast<size_t>(b) * kQ6_KBytes;
            const uint8_t* xb = a.x + static_cast<size_t>(b) * kQ8_KBytes;
            const int8_t* x = x_quants(xb);
            int q[kQKK];
            for (int half = 0; half < 2; ++half) {
                const uint8_t* ql = wb + 64 * half;
                const uint8_t* qh = wb + 128 + 32 * half;
                int* o = q + 128 * half;
                for (int l = 0; l < 32; ++l) {
                    o[l] = ((ql[l] & 0x0f) | (((qh[l] >> 0) & 3) << 4)) - 32;
                    o[l + 32] = ((ql[l + 32] & 0x0f) | (((qh[l] >> 2) & 3) << 4)) - 32;
                    o[l + 64] = ((ql[l] >> 4) | (((qh[l] >> 4) & 3) << 4)) - 32;
                    o[l + 96] = ((ql[l + 32] >> 4) | (((qh[l] >> 6) & 3) << 4)) - 32;
                }
            }
            int sumi = 0;
            for (int g = 0; g < 16; ++g) {
                int acc = 0;
                for (int l = 16 * g; l < 16 * g + 16; ++l) acc += q[l] * x[l];
                sumi += static_cast<int8_t>(wb[192 + g]) * acc;
            }
            sum += load_f32(xb) * half_at(wb + 208) * static_cast<float>(sumi);
        }
        a.y[0] = sum;
    }
};

size_t activation_bytes_f32(int64_t n) {
    return static_cast<size_t>(n) * 4;
}
size_t activation_bytes_16(int64_t n) {
    return static_cast<size_t>(n) * 2;
}

// The oracle of the transposed product: one output at a time, rows in order.
void gemm_t_acc_f16(int64_t n, const void* w, size_t w_row_bytes, int64_t n_cols, const void* xq, size_t x_row_bytes,
                    int64_t n_tok, float* y, int64_t y_stride) {
    const auto* wb = static_cast<const uint8_t*>(w);
    const auto* xb = static_cast<const uint8_t*>(xq);
    for (int64_t t = 0; t < n_tok; ++t) {
        for (int64_t i = 0; i < n_cols; ++i) {
            float s = y[t * y_stride + i];
            for (int64_t j = 0; j < n; ++j) {
                s = std::fma(half_at(xb + static_cast<size_t>(t) * x_row_bytes + 2 * j),
                             half_at(wb + static_cast<size_t>(j) * w_row_bytes + 2 * i), s);
            }
            y[t * y_stride + i] = s;
        }
    }
}

// The oracle for Q8_0 rows: each weight its block's scale times its quant (exact in F32).
void gemm_t_acc_q8_0(int64_t n, const void* w, size_t w_row_bytes, int64_t n_cols, const void* xq, size_t x_row_bytes,
                     int64_t n_tok, float* y, int64_t y_stride) {
    const auto* wb = static_cast<const uint8_t*>(w);
    const auto* xb = static_cast<const uint8_t*>(xq);
    for (int64_t t = 0; t < n_tok; ++t) {
        for (int64_t i = 0; i < n_cols; ++i) {
            const size_t block = static_cast<size_t>(i / kQK) * kQ8_0Bytes;
            float s = y[t * y_stride + i];
            for (int64_t j = 0; j < n; ++j) {
                const uint8_t* b = wb + static_cast<size_t>(j) * w_row_bytes + block;
                const float wi = half_at(b) * static_cast<float>(static_cast<int8_t>(b[2 + i % kQK]));
                s = std::fma(half_at(xb + static_cast<size_t>(t) * x_row_bytes + 2 * j), wi, s);
            }
            y[t * y_stride + i] = s;
        }
    }
}

template <class K>
constexpr auto kGemm = &gemm_tiles<K>;

constexpr MatmulKernels kTable[] = {
    {kF32, Isa::Scalar, 1, activation_bytes_f32, quantize_f32, kGemm<KernelF32>},
    {kF16, Isa::Scalar, 1, activation_bytes_16, quantize_f16, kGemm<KernelF16>, 0, nullptr, nullptr, nullptr,
     gemm_t_acc_f16},
    {kBF16, Isa::Scalar, 1, activation_bytes_16, quantize_bf16, kGemm<KernelBF16>},
    {kQ4_0, Isa::Scalar, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<kQ4_0Bytes, unpack_q4_0>>},
    {kQ4_1, Isa::Scalar, kQK, activation_bytes_q8_1, quantize_q8_1_scalar,
     kGemm<KernelQ8_1Act<kQ4_1Bytes, unpack_q4_1>>},
    {kQ5_0, Isa::Scalar, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<kQ5_0Bytes, unpack_q5_0>>},
    {kQ5_1, Isa::Scalar, kQK, activation_bytes_q8_1, quantize_q8_1_scalar, gemm_q5_1_scalar},
    {kQ8_0, Isa::Scalar, kQK, activation_bytes_q8_0, quantize_q8_0, kGemm<KernelQ8_0Act<kQ8_0Bytes, unpack_q8_0>>, 0,
     nullptr, nullptr, nullptr, gemm_t_acc_q8_0},
    {kQ2_K, Isa::Scalar, kQKK, activation_bytes_q8_k, quantize_q8_k_scalar, gemm_q2_k_scalar},
    {kQ3_K, Isa::Scalar, kQKK, activation_bytes_q8_k, quantize_q8_k_scalar, gemm_q3_k_scalar},
    {kQ4_K, Isa::Scalar, kQKK, activation_bytes_q8_k, quantize_q8_k_scalar, kGemm<KernelQ45_K<false>>},
    {kQ5_K, Isa::Scalar, kQKK, activation_bytes_q8_k, quantize_q8_k_scalar, kGemm<KernelQ45_K<true>>},
    {kQ6_K, Isa::Scalar, kQKK, activation_bytes_q8_k, quantize_q8_k_scalar, kGemm<KernelQ6_K>},
};

}  // namespace

size_t activation_bytes_q8_0(int64_t n) {
    return q8_0_row_bytes(n);
}
size_t activation_bytes_q8_1(int64_t n) {
    return q8_1_row_bytes(n);
}
size_t activation_bytes_q8_k(int64_t n) {
    return q8_k_row_bytes(n);
}

void quantize_q8_1_scalar(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    const int64_t nb = n / kQK;
    for (int64_t b = 0; b < nb; ++b) {
        int sum = 0;
        const float d = quantize_block_32(x + b * kQK, reinterpret_cast<int8_t*>(out + b * kQK), &sum);
        store_f32(out + n + 4 * b, fp16_round(d));
        store_f32(out + n + 4 * (nb + b), fp16_round(d * static_cast<float>(sum)));
    }
}

void quantize_q8_k_scalar(const float* x, void* dst, int64_t n) {
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t b = 0; b < n / kQKK; ++b, x += kQKK, out += kQ8_KBytes) {
        float amax = 0.f, max = 0.f;
        for (int j = 0; j < kQKK; ++j) {
            const float ax = std::fabs(x[j]);
            if (ax > amax) {
                amax = ax;
                max = x[j];
            }
        }
        int8_t q[kQKK] = {};
        float d = 0.f;
        if (amax != 0.f) {
            const float iscale = -127.f / max;
            for (int j = 0; j < kQKK; ++j) {
                const int v = nearest_int(iscale * x[j]);
                q[j] = static_cast<int8_t>(v < 127 ? v : 127);
            }
            d = 1.f / iscale;
        }
        store_f32(out, d);
        std::memcpy(out + kQ8_KQs, q, kQKK);
        for (int j = 0; j < 16; ++j) {
            int s = 0;
            for (int l = 0; l < 16; ++l) s += q[16 * j + l];
            const auto s16 = static_cast<int16_t>(s);
            std::memcpy(out + kQ8_KBsums + 2 * j, &s16, 2);
        }
    }
}

void gemm_q5_1_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride) {
    gemm_tiles<KernelQ8_1Act<kQ5_1Bytes, unpack_q5_1>>(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
}

void gemm_q2_k_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride) {
    gemm_tiles<KernelQ2_K>(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
}

void gemm_q3_k_scalar(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                      int64_t n_tok, float* y, int64_t y_stride) {
    gemm_tiles<KernelQ3_K>(n, w, w_row_bytes, n_rows, xq, x_row_bytes, n_tok, y, y_stride);
}

const MatmulKernels* scalar_kernels(uint32_t type) {
    for (const MatmulKernels& k : kTable) {
        if (k.weight_type == type) return &k;
    }
    return nullptr;
}

}  // namespace fyr::kernels::detail
