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
namespace fyr::kernels::detail {
const MatmulKernels* avx512_kernels_emulated(uint32_t type, bool vnni);
}  // namespace fyr::kernels::detail
#endif

namespace fyr::test {

struct KernelSet {
    QString name;
    const kernels::MatmulKernels* kernels;
};

inline std::vector<KernelSet> kernelSets(uint32_t type) {
    std::vector<KernelSet> out;
    for (kernels::Isa isa : kernels::available_isas())
        out.push_back({QString::fromLatin1(kernels::isa_name(isa)), kernels::matmul_kernels(type, isa)});
#if FYR_TEST_AVX512_EMULATED
    for (bool vnni : {false, true}) {
        if (const kernels::MatmulKernels* k = kernels::detail::avx512_kernels_emulated(type, vnni))
            out.push_back({vnni ? QStringLiteral("avx512-vnni-emulated") : QStringLiteral("avx512-emulated"), k});
    }
#endif
    return out;
}

}  // namespace fyr::test
