// Matmul kernel speed, one thread: gemm of a [n_out, n_in] weight matrix against
// n_tok activation rows, per weight type and ISA. Prints the weight bytes streamed per
// second and the arithmetic rate (2 * n_in * n_out * n_tok flops per gemm).
//
//   bench_matmul                       # every type, every ISA, n_tok 1 and 64
//   bench_matmul Q4_0 Q8_0 avx2 1 64   # filters: type names, ISA names, token counts
//   bench_matmul hot Q4_0               # one copy of the weights (cache-resident if it fits)
//   bench_matmul packed Q4_0 1          # the interleaved layout the engine repacks into
//
// By default the weights are several copies of the matrix, used in turn, together
// larger than the last-level cache, so one token (decode) measures streaming from
// memory; "hot" shows the kernel's own speed. Activation quantization is not timed.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "fyr/kernels/cpu_features.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/matmul.h"

using namespace fyr::kernels;

namespace {

struct Type {
    const char* name;
    uint32_t id;
    int64_t block;
    size_t bytes;                // per block
    std::vector<size_t> halves;  // fp16 scale offsets in a block
};

const std::vector<Type>& types() {
    static const std::vector<Type> all = {
        {"F32", 0, 1, 4, {}},          {"F16", 1, 1, 2, {}},           {"BF16", 30, 1, 2, {}},
        {"Q4_0", 2, 32, 18, {0}},      {"Q4_1", 3, 32, 20, {0, 2}},    {"Q5_0", 6, 32, 22, {0}},
        {"Q5_1", 7, 32, 24, {0, 2}},   {"Q8_0", 8, 32, 34, {0}},       {"Q2_K", 10, 256, 84, {80, 82}},
        {"Q3_K", 11, 256, 110, {108}}, {"Q4_K", 12, 256, 144, {0, 2}}, {"Q5_K", 13, 256, 176, {0, 2}},
        {"Q6_K", 14, 256, 210, {208}},
    };
    return all;
}

std::vector<uint8_t> make_weights(const Type& t, int64_t n_in, int64_t n_out, std::mt19937& rng) {
    const size_t row_bytes = static_cast<size_t>(n_in / t.block) * t.bytes;
    std::vector<uint8_t> w(row_bytes * static_cast<size_t>(n_out));
    std::uniform_int_distribution<int> byte(0, 255);
    for (auto& b : w) b = static_cast<uint8_t>(byte(rng));
    std::normal_distribution<float> normal(0.f, 1.f);
    for (size_t i = 0; i < w.size(); i += t.bytes) {
        if (t.id == 0) {
            const float f = normal(rng);
            std::memcpy(&w[i], &f, 4);
        } else if (t.id == 1 || t.id == 30) {
            const uint16_t h = t.id == 1 ? fp32_to_fp16(normal(rng)) : fp32_to_bf16(normal(rng));
            std::memcpy(&w[i], &h, 2);
        } else {
            for (size_t off : t.halves) {
                const uint16_t h = fp32_to_fp16(0.01f);
                std::memcpy(&w[i + off], &h, 2);
            }
        }
    }
    return w;
}

bool wanted(const std::vector<std::string>& filter, const std::string& name) {
    if (filter.empty()) return true;
    for (const auto& f : filter) {
        if (f == name) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> type_filter, isa_filter;
    std::vector<int64_t> toks;
    bool hot = false, packed = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "hot") {
            hot = true;
        } else if (a == "packed") {
            packed = true;
        } else if (a == "scalar" || a == "avx2" || a == "avx512" || a == "avx512-amx") {
            isa_filter.push_back(a);
        } else if (!a.empty() && a[0] >= '0' && a[0] <= '9') {
            toks.push_back(std::atoll(a.c_str()));
        } else {
            type_filter.push_back(a);
        }
    }
    if (toks.empty()) toks = {1, 64};

    constexpr int64_t n_in = 2048, n_out = 5632;
    constexpr size_t kCopyBytesMin = size_t{160} << 20;  // several times a large L3
    std::printf("CPU: %s (%s)\nW [%lld, %lld], one thread, weights %s%s; GB/s = weight bytes / time\n\n",
                cpu_features().brand.c_str(), describe(cpu_features()).c_str(), static_cast<long long>(n_out),
                static_cast<long long>(n_in), hot ? "hot (one copy)" : "streamed from memory",
                packed ? ", packed layout" : "");
    std::printf("%-5s %-10s %5s %10s %9s %10s\n", "type", "isa", "n_tok", "ms/gemm", "GB/s", "GFLOP/s");

    std::mt19937 rng(7);
    for (const Type& t : types()) {
        if (!wanted(type_filter, t.name)) continue;
        const std::vector<uint8_t> one = make_weights(t, n_in, n_out, rng);
        const size_t row_bytes = one.size() / static_cast<size_t>(n_out);
        const size_t copies = hot ? 1 : (kCopyBytesMin + one.size() - 1) / one.size();
        std::vector<uint8_t> w(one.size() * copies);
        for (size_t c = 0; c < copies; ++c) std::memcpy(w.data() + c * one.size(), one.data(), one.size());

        for (Isa isa : available_isas()) {
            if (!wanted(isa_filter, isa_name(isa))) continue;
            const MatmulKernels* k = matmul_kernels(t.id, isa);
            const bool use_packed = packed && k->pack_rows > 0;
            if (packed && !use_packed) continue;
            std::vector<uint8_t> wp;
            size_t packed_copy = 0;
            if (use_packed) {
                packed_copy = static_cast<size_t>(n_out / k->pack_rows) * k->packed_bytes(n_in);
                wp.resize(packed_copy * copies);
                for (size_t c = 0; c < copies; ++c) {
                    k->pack(n_in, w.data() + c * one.size(), row_bytes, n_out, wp.data() + c * packed_copy);
                }
            }
            for (int64_t n_tok : toks) {
                std::normal_distribution<float> normal(0.f, 1.f);
                std::vector<float> x(static_cast<size_t>(n_in * n_tok));
                for (auto& v : x) v = normal(rng);
                const size_t xb = k->activation_bytes(n_in);
                std::vector<uint8_t> xq(xb * static_cast<size_t>(n_tok));
                for (int64_t i = 0; i < n_tok; ++i) k->quantize(x.data() + i * n_in, xq.data() + i * xb, n_in);
                std::vector<float> y(static_cast<size_t>(n_out * n_tok));

                using clock = std::chrono::steady_clock;
                const auto run = [&](size_t c) {
                    if (use_packed) {
                        k->gemm_packed(n_in, wp.data() + (c % copies) * packed_copy, n_out, xq.data(), xb, n_tok,
                                       y.data(), n_out);
                        return;
                    }
                    k->gemm(n_in, w.data() + (c % copies) * one.size(), row_bytes, n_out, xq.data(), xb, n_tok,
                            y.data(), n_out);
                };
                run(0);  // warm-up
                size_t reps = 0;
                const auto start = clock::now();
                double elapsed = 0.0;
                while (elapsed < 0.5 || reps < 3) {
                    run(++reps);
                    elapsed = std::chrono::duration<double>(clock::now() - start).count();
                }
                const double per = elapsed / static_cast<double>(reps);
                const double gbs = static_cast<double>(one.size()) / per / 1e9;
                const double gflops = 2.0 * n_in * n_out * static_cast<double>(n_tok) / per / 1e9;
                std::printf("%-5s %-10s %5lld %10.3f %9.2f %10.2f\n", t.name, isa_name(isa),
                            static_cast<long long>(n_tok), per * 1e3, gbs, gflops);
                std::fflush(stdout);
            }
        }
    }
    return 0;
}
