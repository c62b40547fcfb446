#include "fyr/kernels/cpu_features.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <utility>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define FYR_X86 1
#endif
#if defined(__linux__) && defined(__x86_64__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace fyr::kernels {
namespace {

#if FYR_X86
struct Regs {
    uint32_t eax = 0, ebx = 0, ecx = 0, edx = 0;
};

Regs cpuid(uint32_t leaf, uint32_t subleaf = 0) {
    Regs r;
    __cpuid_count(leaf, subleaf, r.eax, r.ebx, r.ecx, r.edx);
    return r;
}

uint64_t xgetbv0() {
    uint32_t lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (static_cast<uint64_t>(hi) << 32) | lo;
}

bool bit(uint32_t v, int n) { return ((v >> n) & 1u) != 0; }

// Linux hands out the AMX tile data state (8 KB per thread's saved context) only
// to processes that ask; using a tile instruction before that is SIGILL. Asking
// again is harmless.
bool request_amx_state() {
#if defined(__linux__) && defined(__x86_64__)
    constexpr long kArchReqXcompPerm = 0x1023;
    constexpr long kXfeatureXtiledata = 18;
    return syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) == 0;
#else
    return false;
#endif
}

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}
#endif

int count_physical_cores() {
    // Distinct (package, core) pairs over the CPUs the kernel lists; gaps (offline
    // CPUs) are skipped, a long run of missing entries ends the scan.
    std::set<std::pair<std::string, std::string>> cores;
    int misses = 0;
    for (int cpu = 0; cpu < 8192 && misses < 64; ++cpu) {
        const std::string base = "/sys/devices/system/cpu/cpu" + std::to_string(cpu) + "/topology/";
        std::ifstream core_file(base + "core_id");
        std::ifstream pkg_file(base + "physical_package_id");
        std::string core, pkg;
        if (!(core_file >> core) || !(pkg_file >> pkg)) {
            ++misses;
            continue;
        }
        misses = 0;
        cores.emplace(pkg, core);
    }
    return static_cast<int>(cores.size());
}

}  // namespace

CpuFeatures detect_cpu_features() {
    CpuFeatures f;
    f.n_logical_cpus = static_cast<int>(std::thread::hardware_concurrency());
    const int physical = count_physical_cores();
    f.n_physical_cores = physical > 0 ? physical : f.n_logical_cpus;
    if (f.n_physical_cores > f.n_logical_cpus && f.n_logical_cpus > 0) {
        f.n_physical_cores = f.n_logical_cpus;  // cgroup-limited: never report more than we may use
    }

#if FYR_X86
    const Regs l0 = cpuid(0);
    const uint32_t max_leaf = l0.eax;
    char vendor[13] = {};
    std::memcpy(vendor + 0, &l0.ebx, 4);
    std::memcpy(vendor + 4, &l0.edx, 4);
    std::memcpy(vendor + 8, &l0.ecx, 4);
    f.vendor = vendor;

    const Regs ext0 = cpuid(0x80000000u);
    if (ext0.eax >= 0x80000004u) {
        char brand[49] = {};
        for (uint32_t i = 0; i < 3; ++i) {
            const Regs r = cpuid(0x80000002u + i);
            std::memcpy(brand + i * 16 + 0, &r.eax, 4);
            std::memcpy(brand + i * 16 + 4, &r.ebx, 4);
            std::memcpy(brand + i * 16 + 8, &r.ecx, 4);
            std::memcpy(brand + i * 16 + 12, &r.edx, 4);
        }
        f.brand = trim(brand);
    }

    if (max_leaf < 1) return f;
    const Regs l1 = cpuid(1);
    f.sse42 = bit(l1.ecx, 20);
    const bool osxsave = bit(l1.ecx, 27);
    // The OS must save the wide registers on context switch, or using them corrupts state.
    const uint64_t xcr0 = osxsave ? xgetbv0() : 0;
    const bool os_ymm = (xcr0 & 0x6) == 0x6;             // XMM | YMM
    const bool os_zmm = os_ymm && (xcr0 & 0xe0) == 0xe0;  // opmask | ZMM_Hi256 | Hi16_ZMM

    f.avx = os_ymm && bit(l1.ecx, 28);
    f.fma = f.avx && bit(l1.ecx, 12);
    f.f16c = f.avx && bit(l1.ecx, 29);

    if (max_leaf < 7) return f;
    const Regs l7 = cpuid(7, 0);
    f.avx2 = f.avx && bit(l7.ebx, 5);
    f.avx512f = os_zmm && bit(l7.ebx, 16);
    f.avx512dq = f.avx512f && bit(l7.ebx, 17);
    f.avx512bw = f.avx512f && bit(l7.ebx, 30);
    f.avx512vl = f.avx512f && bit(l7.ebx, 31);
    f.avx512_vnni = f.avx512f && bit(l7.ecx, 11);
    // AMX-TILE (edx 24) and AMX-INT8 (edx 25), with XTILECFG and XTILEDATA (XCR0 bits 17, 18) on.
    const bool os_tiles = (xcr0 & 0x60000) == 0x60000;
    f.amx_int8 = os_tiles && bit(l7.edx, 24) && bit(l7.edx, 25) && request_amx_state();
    if (l7.eax >= 1) {
        const Regs l71 = cpuid(7, 1);
        f.avx_vnni = f.avx && bit(l71.eax, 4);
        f.avx512_bf16 = f.avx512f && bit(l71.eax, 5);
    }
#endif
    return f;
}

const CpuFeatures& cpu_features() {
    static const CpuFeatures features = detect_cpu_features();
    return features;
}

std::vector<std::string> feature_names(const CpuFeatures& f) {
    std::vector<std::string> names;
    const std::pair<bool, const char*> table[] = {
        {f.sse42, "SSE4.2"},
        {f.avx, "AVX"},
        {f.avx2, "AVX2"},
        {f.fma, "FMA"},
        {f.f16c, "F16C"},
        {f.avx_vnni, "AVX-VNNI"},
        {f.avx512f, "AVX-512F"},
        {f.avx512bw, "AVX-512BW"},
        {f.avx512vl, "AVX-512VL"},
        {f.avx512dq, "AVX-512DQ"},
        {f.avx512_vnni, "AVX-512-VNNI"},
        {f.avx512_bf16, "AVX-512-BF16"},
        {f.amx_int8, "AMX-INT8"},
    };
    for (const auto& [present, name] : table) {
        if (present) names.emplace_back(name);
    }
    return names;
}

std::string describe(const CpuFeatures& f) {
    std::string out;
    for (const auto& name : feature_names(f)) {
        if (!out.empty()) out += ' ';
        out += name;
    }
    return out.empty() ? std::string("none") : out;
}

}  // namespace fyr::kernels
