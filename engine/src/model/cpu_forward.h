// The fast CPU forward pass over a batch of tokens from any number of sequences:
// the same arithmetic as the reference pass (reference_forward.h) with the SIMD
// matmul kernels chosen for this CPU (fyr/kernels/matmul.h), the work of every
// operation split across the engine's threads (fyr/thread_pool.h), and every
// buffer allocated once, here, so a step allocates nothing. Every weight is read
// once per step for all the batch's tokens; attention reads each token's own
// sequence through its block table in a PagedKvCache. Where the kernels have a
// faster layout of their own (pack_rows), the weights are repacked once here and
// the file's pages given back.
//
//   fyr::CpuForward fwd(model, {.n_threads = 2, .max_tokens = 256, .max_positions = 4096});
//   fyr::PagedKvCache kv(n_layer, n_embd_kv, 32, n_blocks);
//   fyr::ForwardBatch b{tokens, positions, seq_of_token, tables, outputs};
//   fwd.forward(b, kv, logits);   // logits: [outputs.size()][n_vocab]
//
// Used by CpuContext (one sequence) and the runtime (many).
//
// Thread-safety: one thread at a time calls forward(); the pool's workers are
// its own. Several CpuForwards may share a Model.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fyr/huge_page_buffer.h"
#include "fyr/inference_context.h"
#include "fyr/kernels/matmul.h"
#include "fyr/thread_pool.h"

namespace fyr {

class Model;
class PagedKvCache;
struct WeightTensor;

struct CpuForwardParams {
    int32_t n_threads = 0;               // <= 0: one per physical core
    std::string kernels;                 // "" best, or "scalar", "avx2", "avx512", "avx512-amx"
    KernelTable kernel_table = nullptr;  // see ContextParams::kernel_table
    bool pack_weights = true;            // see ContextParams::pack_weights
    bool profile = false;                // see ContextParams::profile
    int32_t max_tokens = 128;            // most tokens in one forward() (sizes the scratch)
    int32_t max_positions = 2048;        // longest sequence attention may see
};

// One step's tokens. Tokens of one sequence appear in increasing position order
// and continue that sequence's cache (positions below each token's are cached
// or earlier in the batch).
struct ForwardBatch {
    std::span<const int32_t> tokens;                   // ids
    std::span<const int32_t> pos;                      // position of each token in its sequence
    std::span<const int32_t> seq;                      // each token's sequence: an index into tables
    std::span<const std::span<const int32_t>> tables;  // block table per sequence
    std::span<const int32_t> outputs;                  // batch indices whose logits are wanted
};

class CpuForward {
public:
    CpuForward(const Model& model, const CpuForwardParams& params);
    ~CpuForward();
    CpuForward(const CpuForward&) = delete;
    CpuForward& operator=(const CpuForward&) = delete;

    // Runs the batch (at most max_tokens tokens; positions < max_positions; ids
    // in range: the caller checks), writing each token's K/V into `kv`, and the
    // logits of batch.outputs into logits[outputs.size() * n_vocab] (may be null
    // when outputs is empty).
    void forward(const ForwardBatch& batch, PagedKvCache& kv, float* logits);

    int32_t max_tokens() const { return m_max_tokens; }
    int32_t max_positions() const { return m_max_positions; }
    int32_t n_threads() const { return m_pool.size(); }
    kernels::Isa isa() const { return m_isa; }
    // e.g. "cpu avx2, 2 threads"
    std::string backend() const;
    // See InferenceContext::phase_times().
    std::vector<PhaseTime> phase_times() const;

private:
    // The phases profiling tells apart, in the pass's order.
    enum class Phase { Embed, Norm, Quantize, MatmulQkv, Attention, MatmulAttnOut, MatmulFfnIn, MatmulFfnOut, Output };
    static constexpr int kPhases = static_cast<int>(Phase::Output) + 1;
    // Profiling: the time since the last mark goes to phase p.
    void mark(Phase p) {
        if (m_profile) mark_slow(p);
    }
    void mark_slow(Phase p);

    // A weight matrix with the kernels for its type.
    struct Linear {
        const WeightTensor* w = nullptr;
        const kernels::MatmulKernels* k = nullptr;
        const uint8_t* packed = nullptr;  // the kernels' own layout of w, when they have one
    };
    struct Layer {
        std::vector<float> attn_norm, ffn_norm, bq, bk, bv;  // biases empty when absent
        Linear wq, wk, wv, wo, gate, up, down;
    };
    // One matmul of a group that shares its input: y[t * n_out + r] = W · x_t.
    struct MatmulJob {
        const Linear* lin;
        float* y;
    };

    Linear make_linear(const WeightTensor& w, bool pack);
    // Runs the matmuls of `jobs` (all n_in wide) on x[n_tokens, n_in], quantizing x once per activation form.
    // Each thread then calls after(r0, r1) on the output rows it computed, in the same
    // pool run (no second join): element-wise work on the results needs no barrier.
    // With `after`, every job has the same n_out.
    // phase: the profiling phase of the products (quantizing x counts as Phase::Quantize).
    template <class After>
    void matmuls(Phase phase, const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs, After&& after);
    void matmuls(Phase phase, const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs);
    void rms_norm(const float* x, const std::vector<float>& w, int64_t n_tokens, float* out);
    // Biases, rotation, the cache write and attention for layer il, in one pool run
    // when there are at least as many KV heads as threads (each thread owns whole KV heads).
    void attention(const ForwardBatch& b, PagedKvCache& kv, int32_t il);
    void prepare_kv_head(const ForwardBatch& b, PagedKvCache& kv, int32_t il, int32_t g);
    void prepare_q_head(int32_t il, int32_t h, int64_t t);
    // The kernels for a weight type: the given table's, else the ISA's.
    const kernels::MatmulKernels* kernels_for(uint32_t type) const;
    // Attention of tokens [t0, t0 + nt) (one sequence, consecutive positions: a
    // run) for query heads [h0, h0 + nh), all of one KV head: the nt · nh query rows
    // go through Q·K and weights·V together, so each key and value is read once for
    // all of them.
    void attend_heads(const ForwardBatch& b, const PagedKvCache& kv, int32_t il, int32_t h0, int32_t nh, int64_t t0,
                      int64_t nt, int ith);
    // Splits the batch into runs of at most m_run_tokens tokens (m_runs).
    void find_runs(const ForwardBatch& b);
    void rope(float* head, int64_t t) const;

    const Model& m_model;
    int32_t m_max_tokens;
    int32_t m_max_positions;
    kernels::Isa m_isa;
    KernelTable m_table;
    ThreadPool m_pool;
    std::atomic<int64_t> m_next_chunk{0};  // matmuls(): the next chunk of rows to take
    // matmuls(): one step's chunks of rows, largest first (capacity reserved once).
    struct RowChunk {
        int32_t job;     // the job whose rows these are; -1: every job's (they share their rows)
        int64_t r0, r1;  // rows [r0, r1)
    };
    std::vector<RowChunk> m_chunks;
    bool m_profile = false;
    std::chrono::steady_clock::time_point m_mark;  // profiling: the end of the last phase timed
    std::array<double, kPhases> m_phase_s{};       // profiling: seconds per phase

    std::vector<Layer> m_layers;
    // Owns every Linear::packed: one allocation (fyr/huge_page_buffer.h), handed out in turn.
    class PackedArena {
    public:
        void reserve(size_t bytes);   // once, before take(); throws std::bad_alloc
        uint8_t* take(size_t bytes);  // the next `bytes`, 64-byte aligned, within the reserve
    private:
        HugePageBuffer m_buffer;
        size_t m_used = 0;
    };
    // Bytes of w's packed copy (0: w stays as it is in the file).
    size_t packed_size(const WeightTensor& w, bool pack) const;
    PackedArena m_packed;
    std::vector<std::pair<const uint8_t*, const uint8_t*>> m_packed_of;  // file data → its packed copy
    std::vector<float> m_output_norm;
    Linear m_output;
    const kernels::MatmulKernels* m_f16 = nullptr;  // attention's Q·K and weights·V (F16 cache)
    // weights·V over V's rows, for an F16 and a Q8_0 cache.
    decltype(kernels::MatmulKernels::gemm_t_acc) m_weights_v_f16 = nullptr, m_weights_v_q8 = nullptr;
    const kernels::MatmulKernels* m_q8 = nullptr;   // attention's Q·K (Q8_0 cache)

    // Scratch for up to max_tokens tokens.
    std::vector<float> m_x, m_cur, m_q, m_k, m_v, m_attn, m_gate, m_up, m_proj;
    std::vector<uint8_t> m_xq[3];
    std::vector<float> m_rope_cos, m_rope_sin;  // [max_tokens][n_rot / 2]
    // Per thread: scores [max_positions], their F16 form, Q's F16 form, one head's partial output.
    std::vector<std::vector<float>> m_scores, m_head_acc;
    std::vector<std::vector<uint8_t>> m_scores_q, m_head_q;
    int64_t m_run_tokens = 1;                         // most tokens attend_heads() takes at once
    std::vector<std::pair<int64_t, int64_t>> m_runs;  // this step's runs: first token, count
};

}  // namespace fyr
