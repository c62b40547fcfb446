// The matmul kernel sets a kernel test checks for a weight type: every ISA this
// CPU runs, plus the AVX-512 tables over portable AVX-512 (SIMDe) when the test is
// built with tests/kernels/matmul_avx512_emulated.cpp (FYR_TEST_AVX512_EMULATED),
// whatever the CPU.
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

#include "fyr/kernels/matmul.h"

#if FYR_TEST_AVX512_EMULATED
#include "matmul_internal.h"  // kernels/cpu: Avx512Ext

namespace fyr::kernels::detail {
const MatmulKernels* avx512_kernels_emulated(uint32_t type, Avx512Ext ext);
}  // namespace fyr::kernels::detail
#endif

namespace fyr::test {

#if FYR_TEST_AVX512_EMULATED
// The emulated AVX-512 tables and their names: plain, VNNI, VNNI with AMX tiles.
struct EmulatedAvx512 {
    kernels::detail::Avx512Ext ext;
    const char* name;
};
inline std::vector<EmulatedAvx512> emulatedAvx512() {
    using kernels::detail::Avx512Ext;
    return {{Avx512Ext::None, "avx512-emulated"},
            {Avx512Ext::Vnni, "avx512-vnni-emulated"},
            {Avx512Ext::VnniAmx, "avx512-amx-emulated"}};
}
#endif

struct KernelSet {
    QString name;
    const kernels::MatmulKernels* kernels;
};

inline std::vector<KernelSet> kernelSets(uint32_t type) {
    std::vector<KernelSet> out;
    for (kernels::Isa isa : kernels::available_isas())
        out.push_back({QString::fromLatin1(kernels::isa_name(isa)), kernels::matmul_kernels(type, isa)});
#if FYR_TEST_AVX512_EMULATED
    for (const auto& [ext, name] : emulatedAvx512()) {
        if (const kernels::MatmulKernels* k = kernels::detail::avx512_kernels_emulated(type, ext))
            out.push_back({QString::fromLatin1(name), k});
    }
#endif
    return out;
}

}  // namespace fyr::test
