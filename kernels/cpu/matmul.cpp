// Which matmul kernels run: the ISAs built into this binary and reported by the CPU,
// the FYR_KERNELS_ISA override, the per-ISA tables, and the generic kernel for the
// types that have a dequantizer but no kernel of their own (rows dequantized to
// float, activations kept as float).
#include "fyr/kernels/matmul.h"

#include <array>
#include <cstdlib>
#include <cstring>

#include "fyr/kernels/cpu_features.h"
#include "fyr/kernels/dequantize.h"
#include "matmul_internal.h"

#ifndef FYR_KERNELS_AVX2
#define FYR_KERNELS_AVX2 0
#endif
#ifndef FYR_KERNELS_AVX512
#define FYR_KERNELS_AVX512 0
#endif
#ifndef FYR_KERNELS_AMX
#define FYR_KERNELS_AMX 0
#endif

namespace fyr::kernels {
namespace {

using detail::Tile;

constexpr Isa kAllIsas[] = {Isa::Scalar, Isa::Avx2, Isa::Avx512, Isa::Avx512Amx};

// Elements and bytes of one block of a type dequantize_row() handles.
struct BlockShape {
    int64_t elements = 0;
    size_t bytes = 0;
};

BlockShape block_shape(uint32_t type) {
    using namespace detail;
    switch (type) {
        case kF32: return {1, 4};
        case kF16: return {1, 2};
        case kBF16: return {1, 2};
        case kQ4_0: return {kQK, kQ4_0Bytes};
        case kQ4_1: return {kQK, kQ4_1Bytes};
        case kQ5_0: return {kQK, kQ5_0Bytes};
        case kQ5_1: return {kQK, kQ5_1Bytes};
        case kQ8_0: return {kQK, kQ8_0Bytes};
        case kQ2_K: return {kQKK, kQ2_KBytes};
        case kQ3_K: return {kQKK, kQ3_KBytes};
        case kQ4_K: return {kQKK, kQ4_KBytes};
        case kQ5_K: return {kQKK, kQ5_KBytes};
        case kQ6_K: return {kQKK, kQ6_KBytes};
        case kQ8_K: return {kQKK, kQ8_KBytes};
        default: return {};
    }
}

size_t generic_activation_bytes(int64_t n) {
    return static_cast<size_t>(n) * sizeof(float);
}

void generic_quantize(const float* x, void* dst, int64_t n) {
    std::memcpy(dst, x, static_cast<size_t>(n) * sizeof(float));
}

// Rows are dequantized a chunk at a time into a stack buffer, each chunk used for up
// to kToks tokens before the next one is decoded.
template <uint32_t kType>
void generic_gemm(int64_t n, const void* w, size_t w_row_bytes, int64_t n_rows, const void* xq, size_t x_row_bytes,
                  int64_t n_tok, float* y, int64_t y_stride) {
    constexpr int kToks = 8;
    constexpr int64_t kChunk = 256;
    const BlockShape shape = block_shape(kType);
    const int64_t chunk = kChunk / shape.elements * shape.elements;
    const size_t chunk_bytes = static_cast<size_t>(chunk / shape.elements) * shape.bytes;
    const auto* wb = static_cast<const uint8_t*>(w);
    const auto* xb = static_cast<const uint8_t*>(xq);
    float buf[kChunk];
    for (int64_t r = 0; r < n_rows; ++r) {
        const uint8_t* row = wb + static_cast<size_t>(r) * w_row_bytes;
        for (int64_t t0 = 0; t0 < n_tok; t0 += kToks) {
            const int toks = static_cast<int>(detail::min_i64(kToks, n_tok - t0));
            float acc[kToks] = {};
            for (int64_t i = 0; i < n; i += chunk) {
                const int64_t m = detail::min_i64(chunk, n - i);
                dequantize_row(kType, row + static_cast<size_t>(i / chunk) * chunk_bytes, buf, m);
                for (int t = 0; t < toks; ++t) {
                    const uint8_t* x = xb + static_cast<size_t>(t0 + t) * x_row_bytes + 4 * static_cast<size_t>(i);
                    float s = 0.f;
                    for (int64_t j = 0; j < m; ++j) s += buf[j] * detail::load_f32(x + 4 * j);
                    acc[t] += s;
                }
            }
            for (int t = 0; t < toks; ++t) y[(t0 + t) * y_stride + r] = acc[t];
        }
    }
}

// Types with a dequantizer and no dedicated kernel on some ISA.
constexpr uint32_t kGenericTypes[] = {detail::kQ8_K};

template <Isa kIsa>
constexpr MatmulKernels kGeneric[] = {
    {detail::kQ8_K, kIsa, detail::kQKK, generic_activation_bytes, generic_quantize, generic_gemm<detail::kQ8_K>},
};
static_assert(sizeof(kGeneric<Isa::Scalar>) / sizeof(MatmulKernels) == sizeof(kGenericTypes) / sizeof(uint32_t));

const MatmulKernels* generic_kernels(uint32_t type, Isa isa) {
    const MatmulKernels* table = isa == Isa::Avx512Amx ? kGeneric<Isa::Avx512Amx>
                                 : isa == Isa::Avx512  ? kGeneric<Isa::Avx512>
                                 : isa == Isa::Avx2    ? kGeneric<Isa::Avx2>
                                                       : kGeneric<Isa::Scalar>;
    for (size_t i = 0; i < sizeof(kGenericTypes) / sizeof(uint32_t); ++i) {
        if (table[i].weight_type == type) return &table[i];
    }
    return nullptr;
}

bool cpu_has(Isa isa) {
    const CpuFeatures& f = cpu_features();
    switch (isa) {
        case Isa::Scalar: return true;
        case Isa::Avx2: return FYR_KERNELS_AVX2 && f.avx2 && f.fma && f.f16c;
        case Isa::Avx512:
            return FYR_KERNELS_AVX512 && f.avx512f && f.avx512bw && f.avx512vl && f.avx512dq && f.fma && f.f16c;
        case Isa::Avx512Amx: return FYR_KERNELS_AMX && cpu_has(Isa::Avx512) && f.avx512_vnni && f.amx_int8;
    }
    return false;
}

#if FYR_KERNELS_AVX512
detail::Avx512Ext avx512_ext(Isa isa) {
    if (isa == Isa::Avx512Amx) return detail::Avx512Ext::VnniAmx;
    return cpu_features().avx512_vnni ? detail::Avx512Ext::Vnni : detail::Avx512Ext::None;
}

#if FYR_KERNELS_AVX2
constexpr uint32_t kMaxMergedType = 64;
using MergedTable = std::array<MatmulKernels, kMaxMergedType>;

// ext's AVX-512 table with AVX2's packing for the types that have none of their own.
MergedTable merged_table(detail::Avx512Ext ext) {
    MergedTable m{};
    for (uint32_t t = 0; t < kMaxMergedType; ++t) {
        const MatmulKernels* base = detail::avx512_kernels(t, ext);
        const MatmulKernels* packed = detail::avx2_kernels(t);
        if (base == nullptr || packed == nullptr) continue;
        m[t] = *base;
        m[t].pack_rows = packed->pack_rows;
        m[t].packed_bytes = packed->packed_bytes;
        m[t].pack = packed->pack;
        m[t].gemm_packed = packed->gemm_packed;
    }
    return m;
}
#endif

// An AVX-512 table without a packed layout for a type borrows AVX2's (every
// AVX-512 CPU runs AVX2, and both read the same activation bytes): the packed
// 8-row AVX2 kernels outrun per-row AVX-512 ones where decoding is compute-bound.
const MatmulKernels* with_avx2_packing(const MatmulKernels* k, uint32_t type, detail::Avx512Ext ext) {
#if FYR_KERNELS_AVX2
    if (k == nullptr || k->pack_rows > 0 || !cpu_has(Isa::Avx2)) return k;
    const MatmulKernels* a2 = detail::avx2_kernels(type);
    if (a2 == nullptr || a2->pack_rows == 0 || a2->activation_bytes != k->activation_bytes) return k;
    if (type >= kMaxMergedType) return k;
    if (ext == detail::Avx512Ext::VnniAmx) {
        static const MergedTable amx = merged_table(ext);
        return &amx[type];
    }
    static const MergedTable plain = merged_table(ext);
    return &plain[type];
#else
    (void)type;
    (void)ext;
    return k;
#endif
}
#endif

Isa pick_best_isa() {
    Isa best = Isa::Scalar;
    if (cpu_has(Isa::Avx2)) best = Isa::Avx2;
    if (cpu_has(Isa::Avx512)) best = Isa::Avx512;
    if (cpu_has(Isa::Avx512Amx)) best = Isa::Avx512Amx;
    if (const char* env = std::getenv("FYR_KERNELS_ISA")) {
        // Lowers the choice only; an unknown name leaves it alone.
        for (Isa isa : kAllIsas) {
            if (std::strcmp(env, isa_name(isa)) == 0 && static_cast<int>(isa) < static_cast<int>(best)) best = isa;
        }
    }
    return best;
}

}  // namespace

const char* isa_name(Isa isa) {
    switch (isa) {
        case Isa::Scalar: return "scalar";
        case Isa::Avx2: return "avx2";
        case Isa::Avx512: return "avx512";
        case Isa::Avx512Amx: return "avx512-amx";
    }
    return "?";
}

bool isa_available(Isa isa) {
    return cpu_has(isa);
}

Isa best_isa() {
    static const Isa best = pick_best_isa();
    return best;
}

std::vector<Isa> available_isas() {
    std::vector<Isa> out;
    for (Isa isa : kAllIsas) {
        if (isa_available(isa)) out.push_back(isa);
    }
    return out;
}

const MatmulKernels* matmul_kernels(uint32_t weight_type, Isa isa) {
    if (!isa_available(isa)) return nullptr;
    const MatmulKernels* k = nullptr;
    switch (isa) {
        case Isa::Scalar: k = detail::scalar_kernels(weight_type); break;
        case Isa::Avx2:
#if FYR_KERNELS_AVX2
            k = detail::avx2_kernels(weight_type);
#endif
            break;
        case Isa::Avx512:
        case Isa::Avx512Amx:
#if FYR_KERNELS_AVX512
            k = detail::avx512_kernels(weight_type, avx512_ext(isa));
            k = with_avx2_packing(k, weight_type, avx512_ext(isa));
#endif
            break;
    }
    if (k == nullptr) k = generic_kernels(weight_type, isa);
    return k;
}

}  // namespace fyr::kernels
