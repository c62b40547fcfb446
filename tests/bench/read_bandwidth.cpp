// fyr_read_bandwidth: how fast this machine streams memory into the CPU, the
// ceiling for generation speed (decode reads every weight once per token).
//
//   fyr_read_bandwidth [--threads N] [--mib M] [--seconds S] [--json]
//
// The threads read an M MiB buffer (default 1024: far larger than any cache),
// each its own slice, in passes that all threads start together (a barrier); a
// pass's rate is the whole buffer over the time until its last thread is done,
// so the figure is bandwidth the threads reach at the same time. Passes repeat
// for S seconds; the figure is the best pass (as STREAM reports), with the
// median pass beside it. Summing each thread's own best pass instead would add
// up peaks from different moments and overstate what the threads share. The
// summing loop uses AVX2 when the CPU has it (chosen at run time), plain 64-bit
// loads otherwise, and asks for the data ahead as the engine's streaming kernels
// do (into L1 2 KiB ahead, into L2 8 KiB ahead): the hardware prefetcher alone
// gave 10-17% less on an AVX-512 Xeon, and the engine's kernels read faster than
// such a loop, so the figure would not be the ceiling. The buffer asks for
// transparent huge pages, as the engine's packed weights do.
#include <immintrin.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <barrier>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "fyr/kernels/cpu_features.h"

namespace {

// As kernels/cpu/matmul_internal.h's (other distances measured no better here).
constexpr size_t kPrefetchL1Ahead = 2048, kPrefetchL2Ahead = 8192;

__attribute__((target("avx2"))) uint64_t sum_avx2(const uint8_t* p, size_t n) {
    __m256i a0 = _mm256_setzero_si256(), a1 = a0, a2 = a0, a3 = a0;
    for (size_t i = 0; i + 128 <= n; i += 128) {
        for (size_t line = 0; line < 128; line += 64) {
            _mm_prefetch(reinterpret_cast<const char*>(p + i + kPrefetchL1Ahead + line), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(p + i + kPrefetchL2Ahead + line), _MM_HINT_T1);
        }
        a0 = _mm256_add_epi64(a0, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i)));
        a1 = _mm256_add_epi64(a1, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 32)));
        a2 = _mm256_add_epi64(a2, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 64)));
        a3 = _mm256_add_epi64(a3, _mm256_load_si256(reinterpret_cast<const __m256i*>(p + i + 96)));
    }
    const __m256i s = _mm256_add_epi64(_mm256_add_epi64(a0, a1), _mm256_add_epi64(a2, a3));
    alignas(32) uint64_t out[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(out), s);
    return out[0] + out[1] + out[2] + out[3];
}

uint64_t sum_plain(const uint8_t* p, size_t n) {
    uint64_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (size_t i = 0; i + 32 <= n; i += 32) {
        if (i % 64 == 0) {
            __builtin_prefetch(p + i + kPrefetchL1Ahead, 0, 3);
            __builtin_prefetch(p + i + kPrefetchL2Ahead, 0, 2);
        }
        uint64_t v[4];
        std::memcpy(v, p + i, 32);
        a0 += v[0];
        a1 += v[1];
        a2 += v[2];
        a3 += v[3];
    }
    return a0 + a1 + a2 + a3;
}

double arg(int argc, char** argv, const char* name, double fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], name) == 0) return std::atof(argv[i + 1]);
    }
    return fallback;
}

}  // namespace

int main(int argc, char** argv) {
    const auto& cpu = fyr::kernels::cpu_features();
    const int threads = std::max(1, static_cast<int>(arg(argc, argv, "--threads", cpu.n_physical_cores)));
    const size_t mib = static_cast<size_t>(std::max(64.0, arg(argc, argv, "--mib", 1024)));
    const double seconds = std::max(0.5, arg(argc, argv, "--seconds", 3));
    bool json = false;
    for (int i = 1; i < argc; ++i) json = json || std::strcmp(argv[i], "--json") == 0;
    const bool avx2 = cpu.avx2;

    const size_t bytes = mib << 20;
    const size_t slice = (bytes / static_cast<size_t>(threads)) & ~size_t(127);
    constexpr size_t kHugePage = size_t{2} << 20;
    const size_t alloc_bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    auto* buf = static_cast<uint8_t*>(std::aligned_alloc(kHugePage, alloc_bytes));
    if (!buf) {
        std::fprintf(stderr, "fyr_read_bandwidth: cannot allocate %zu MiB\n", mib);
        return 1;
    }
#ifdef MADV_HUGEPAGE
    madvise(buf, alloc_bytes, MADV_HUGEPAGE);
#endif
    // Each thread touches its own slice first, so pages sit near the thread that reads them.
    using clock = std::chrono::steady_clock;
    std::atomic<bool> stop{false};
    std::vector<double> passes;  // seconds per pass, written by the barrier's completion step
    clock::time_point begin, pass_start;
    int completions = 0;
    auto on_barrier = [&]() noexcept {
        // Completion 0 ends the fill, 1 the warm-up pass; passes are timed from then on.
        const clock::time_point now = clock::now();
        if (completions == 1) begin = now;
        if (completions >= 2) passes.push_back(std::chrono::duration<double>(now - pass_start).count());
        ++completions;
        if (passes.size() >= 3 && std::chrono::duration<double>(now - begin).count() > seconds) stop.store(true);
        pass_start = clock::now();
    };
    std::barrier sync(threads, on_barrier);
    std::vector<uint64_t> sink(static_cast<size_t>(threads), 0);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            uint8_t* p = buf + static_cast<size_t>(t) * slice;
            for (size_t i = 0; i < slice; ++i) p[i] = static_cast<uint8_t>(i * 31 + static_cast<size_t>(t));
            sync.arrive_and_wait();
            while (!stop.load()) {
                sink[size_t(t)] += avx2 ? sum_avx2(p, slice) : sum_plain(p, slice);
                sync.arrive_and_wait();
            }
        });
    }
    for (auto& th : pool) th.join();
    const double pass_bytes = static_cast<double>(slice) * threads;
    std::sort(passes.begin(), passes.end());
    const double best = pass_bytes / passes.front();
    const double median = pass_bytes / passes[passes.size() / 2];
    std::free(buf);
    uint64_t checksum = 0;
    for (uint64_t s : sink) checksum ^= s;
    if (json) {
        std::printf(
            "{\"read_bandwidth_gb_s\":%.2f,\"median_gb_s\":%.2f,\"passes\":%zu,\"threads\":%d,\"mib\":%zu,"
            "\"avx2\":%s,\"checksum\":%llu}\n",
            best / 1e9, median / 1e9, passes.size(), threads, mib, avx2 ? "true" : "false",
            static_cast<unsigned long long>(checksum));
    } else {
        std::printf(
            "read bandwidth: %.1f GB/s best pass, %.1f median of %zu (%d threads together, %zu MiB buffer, %s loads)\n",
            best / 1e9, median / 1e9, passes.size(), threads, mib, avx2 ? "AVX2" : "64-bit");
    }
    return 0;
}
