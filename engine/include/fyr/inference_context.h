// What every way of running a Model offers the layers above it: evaluate a batch
// of tokens at the next positions, read the logits, know how full the cache is.
// The generation loop, fyrctl and the console's engine bridge use only this.
//
//   fyr::ContextParams params;
//   params.n_ctx = 2048;                       // positions the KV cache holds
//   params.n_threads = 0;                      // 0: one per physical core
//   std::unique_ptr<fyr::InferenceContext> ctx = fyr::create_context(*model, params);
//   std::string error;
//   std::span<const float> logits = ctx->decode(ids, /*all_logits=*/false, &error);
//   if (logits.empty()) { /* error says why, e.g. the context is full */ }
//
// Thread-safety: a context belongs to one thread at a time (it holds the KV
// cache and scratch buffers); several contexts may share one const Model.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "fyr/paged_kv_cache.h"

namespace fyr {

namespace kernels {
struct MatmulKernels;
}  // namespace kernels

// Where a context takes a weight type's matmul kernels from instead of its ISA's
// table (nullptr for a type: the ISA's); see ContextParams::kernel_table.
using KernelTable = const kernels::MatmulKernels* (*)(uint32_t weight_type);

class Model;

struct ContextParams {
    int32_t n_ctx = 2048;     // positions the KV cache holds (clamped to >= 1)
    int32_t n_threads = 0;    // compute threads; <= 0: the number of physical cores
    // Most tokens evaluated in one pass; longer prompts go in chunks. The scratch
    // buffers grow with it (about 100 KB per token at n_embd 2048), while a chunk
    // of 128 already reads each weight for 128 tokens at once, so larger values
    // buy little speed for a lot of memory.
    int32_t n_batch = 128;
    bool reference = false;   // the scalar single-threaded reference pass (the oracle) instead
    // CPU kernels: "" for the best this CPU runs, or "scalar", "avx2", "avx512", "avx512-amx" to
    // ask for a lower one (a choice the CPU cannot run falls back to the best it can).
    std::string kernels;
    // Tests and tools: kernels other than the built-in tables of `kernels`' ISA,
    // e.g. the AVX-512 kernels over portable AVX-512 so that the whole forward pass
    // (packed layouts, row chunks) runs on them on a CPU without AVX-512.
    KernelTable kernel_table = nullptr;
    // Let the kernels lay weights out their own way where that is faster (a copy
    // made once, here; the file's pages are then given back, so memory use stays
    // the file's size). Off: every matmul reads the file's layout.
    bool pack_weights = true;
    // Time each phase of the forward pass (phase_times()); off, nothing is timed.
    bool profile = false;
    // The fast pass's KV cache: F16, or Q8_0 (about half the memory per position,
    // slightly less exact; see kv_type_problem()). The reference pass keeps F16.
    KvType kv_type = KvType::F16;
};

// Seconds a context spent in one phase of its forward passes (ContextParams::profile).
struct PhaseTime {
    std::string phase;  // e.g. "attention", "matmul ffn down"
    double seconds = 0;
};

class InferenceContext {
public:
    virtual ~InferenceContext() = default;

    // Runs `tokens` at positions n_past() .. n_past() + size - 1 with causal
    // attention over everything cached so far, then appends their K/V to the
    // cache. Returns the logits of every token ([size, n_vocab]) or only of the
    // last one ([n_vocab]), valid until the next call. On an empty batch, a token
    // id out of range or a batch that does not fit in the context it returns an
    // empty span, sets `error` (naming the model file) and leaves the cache as it was.
    virtual std::span<const float> decode(std::span<const int32_t> tokens, bool all_logits,
                                          std::string* error = nullptr) = 0;

    virtual int32_t n_ctx() const = 0;
    virtual int32_t n_past() const = 0;
    // Forgets every cached position.
    virtual void clear() = 0;
    // Drops cached positions from `pos` on (keeps 0 .. pos-1); pos >= n_past() does nothing.
    virtual void truncate(int32_t pos) = 0;
    // Compute threads in use (1 for the reference pass).
    virtual int32_t n_threads() const = 0;
    // The CPU kernels in use, e.g. "avx2" or "scalar reference".
    virtual std::string backend() const = 0;
    // With ContextParams::profile: the seconds spent per phase of the forward pass
    // since the context was made, in the pass's order (summed over calls; they add
    // up to the time decode() spent computing). Otherwise, or where the context does
    // not time its phases (the reference pass), empty.
    virtual std::vector<PhaseTime> phase_times() const { return {}; }

    // decode() copied into a vector (tests and tools).
    std::vector<float> eval(const std::vector<int32_t>& tokens, bool all_logits, std::string* error = nullptr) {
        const std::span<const float> s = decode(tokens, all_logits, error);
        return std::vector<float>(s.begin(), s.end());
    }
};

// The fast multi-threaded context, or the reference pass when params.reference.
// `model` must outlive the context. nullptr, with `error` set (naming the model
// file), when params.kv_type does not fit the model (kv_type_problem()).
std::unique_ptr<InferenceContext> create_context(const Model& model, const ContextParams& params,
                                                 std::string* error = nullptr);

}  // namespace fyr
