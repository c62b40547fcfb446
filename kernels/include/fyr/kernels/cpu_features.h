// CPU features detected at run time, for kernel dispatch and for reports.
//
//   const fyr::kernels::CpuFeatures& cpu = fyr::kernels::cpu_features();
//   if (cpu.avx512f && cpu.avx512bw) { /* pick the AVX-512 kernel */ }
//   std::puts(fyr::kernels::describe(cpu).c_str());   // "AVX2 FMA F16C AVX-512F ..."
//
// Thread-safe: cpu_features() detects once (static initialisation) and returns a
// reference to an immutable value. Detection asks Linux for the AMX tile state
// (arch_prctl ARCH_REQ_XCOMP_PERM) when the CPU has AMX, as the kernels need it.
#pragma once

#include <string>
#include <vector>

namespace fyr::kernels {

struct CpuFeatures {
    std::string vendor;      // "GenuineIntel", "AuthenticAMD", ... or "" off x86
    std::string brand;       // marketing name from the extended cpuid leaves
    bool sse42 = false;
    bool avx = false;        // includes OS support for the YMM state (XGETBV)
    bool avx2 = false;
    bool fma = false;
    bool f16c = false;
    bool avx_vnni = false;   // VEX-encoded VNNI (Alder Lake, Zen 5)
    bool avx512f = false;    // includes OS support for the ZMM/opmask state
    bool avx512bw = false;
    bool avx512vl = false;
    bool avx512dq = false;
    bool avx512_vnni = false;
    bool avx512_bf16 = false;
    // AMX tiles with int8 dot products (Sapphire Rapids and later): the CPU has them,
    // the OS saves the tile state, and (Linux) this process was granted its use.
    bool amx_int8 = false;
    int n_logical_cpus = 0;
    int n_physical_cores = 0;  // from /sys topology; falls back to logical count
};

// Detected once per process.
const CpuFeatures& cpu_features();

// Detects afresh (for tests); cpu_features() caches this.
CpuFeatures detect_cpu_features();

// Names of the features present, e.g. {"AVX2", "FMA", "F16C", "AVX-512F", ...}.
std::vector<std::string> feature_names(const CpuFeatures& f);

// feature_names() joined by spaces, or "none" when there are none.
std::string describe(const CpuFeatures& f);

}  // namespace fyr::kernels
