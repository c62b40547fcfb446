// The fast CPU forward pass: the same arithmetic as the reference pass
// (reference_forward.h) but with the SIMD matmul kernels chosen for this CPU
// (fyr/kernels/matmul.h), the work of every operation split across the
// engine's threads (fyr/thread_pool.h), and every buffer allocated once, when
// the context is made, so decoding a token allocates nothing. Where the kernels
// have a faster layout of their own (fyr/kernels/matmul.h, pack_rows), the weights
// are repacked once here and the file's pages given back.
//
//   fyr::ContextParams p;
//   p.n_ctx = 2048;
//   fyr::CpuContext ctx(model, p);                  // usually via fyr::create_context()
//   std::span<const float> logits = ctx.decode(ids, false, &error);
//
// The K cache is F16 [n_ctx, n_embd_kv] per layer; the V cache is F16 and
// transposed, [n_embd_kv, n_ctx], so attention's weighted sum over positions is a
// row-by-vector product like any other matmul.
//
// Thread-safety: one thread at a time calls decode(); several contexts may share a Model.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "fyr/inference_context.h"
#include "fyr/kernels/matmul.h"
#include "fyr/thread_pool.h"

namespace fyr {

class Model;
struct WeightTensor;

class CpuContext final : public InferenceContext {
public:
    CpuContext(const Model& model, const ContextParams& params);
    ~CpuContext() override;

    std::span<const float> decode(std::span<const int32_t> tokens, bool all_logits,
                                  std::string* error = nullptr) override;
    int32_t n_ctx() const override { return m_n_ctx; }
    int32_t n_past() const override { return m_n_past; }
    void clear() override { m_n_past = 0; }
    void truncate(int32_t pos) override;
    int32_t n_threads() const override { return m_pool.size(); }
    std::string backend() const override;

private:
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
    void forward(const int32_t* tokens, int64_t n_tokens, bool all_logits, float* logits);
    // Runs the matmuls of `jobs` (all n_in wide) on x[n_tokens, n_in], quantizing x once per activation form.
    // Each thread then calls after(r0, r1) on the output rows it computed, in the same
    // pool run (no second join): element-wise work on the results needs no barrier.
    // With `after`, every job has the same n_out.
    template <class After>
    void matmuls(const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs, After&& after);
    void matmuls(const float* x, int64_t n_tokens, std::initializer_list<MatmulJob> jobs);
    void rms_norm(const float* x, const std::vector<float>& w, int64_t n_tokens, float* out);
    // Biases, rotation, the cache write and attention for layer il, in one pool run
    // when there are at least as many KV heads as threads (each thread owns whole KV heads).
    void attention(int32_t il, int64_t n_tokens);
    void prepare_kv_head(int32_t il, int32_t g, int64_t n_tokens);
    void prepare_q_head(int32_t il, int32_t h, int64_t t);
    void attend_head(int32_t il, int32_t h, int64_t t, int ith);
    void rope(float* head, int64_t t) const;

    const Model& m_model;
    int32_t m_n_ctx;
    int32_t m_n_batch;
    int32_t m_n_past = 0;
    kernels::Isa m_isa;
    ThreadPool m_pool;
    std::atomic<int64_t> m_next_chunk{0};  // matmuls(): the next chunk of rows to take

    std::vector<Layer> m_layers;
    std::vector<std::vector<uint8_t>> m_packed;  // owns every Linear::packed
    std::vector<std::pair<const uint8_t*, const uint8_t*>> m_packed_of;  // file data → its packed copy
    std::vector<float> m_output_norm;
    Linear m_output;
    const kernels::MatmulKernels* m_f16 = nullptr;  // attention's Q·K and weights·V

    // KV cache, IEEE half bits per layer: K [n_ctx][n_kv], V transposed [n_kv][n_ctx].
    std::vector<std::vector<uint16_t>> m_k_cache;
    std::vector<std::vector<uint16_t>> m_v_cache;

    // Scratch for up to n_batch tokens.
    std::vector<float> m_x, m_cur, m_q, m_k, m_v, m_attn, m_gate, m_up, m_proj;
    std::vector<uint8_t> m_xq[3];
    std::vector<float> m_rope_cos, m_rope_sin;  // [n_batch][n_rot / 2]
    // Per thread: scores [n_ctx], their F16 form and Q's F16 form.
    std::vector<std::vector<float>> m_scores;
    std::vector<std::vector<uint8_t>> m_scores_q, m_head_q;
    std::vector<float> m_logits;
};

}  // namespace fyr
