// The scalar reference forward pass: a plain, single-threaded evaluation of a
// Model that every optimised backend is checked against. It follows llama.cpp's
// CPU precisions so its logits match llama.cpp's within a small tolerance:
// float32 arithmetic, an F16 K/V cache, Q rounded to F16 for Q·K and the
// attention weights rounded to F16 for ·V, and the activations rounded to the
// type llama.cpp multiplies each weight type in (F16, BF16, or 8-bit Q8_0/Q8_K
// blocks for quantized weights) before the weight rows, dequantized one at a
// time, are applied.
//
//   fyr::ReferenceContext ctx(*model, 256);            // KV cache for 256 positions
//   std::string error;
//   std::vector<float> logits = ctx.eval({1, 403, 407}, /*all_logits=*/true, &error);  // or decode() (a view)
//   // logits: [3 * n_vocab]; with all_logits=false only the last position: [n_vocab]
//   std::vector<float> next = ctx.eval({261}, false, &error);  // continues at position 3
//
// Thread-safety: a ReferenceContext holds its own cache and scratch buffers; use
// one per thread. Several contexts may share one const Model.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "fyr/inference_context.h"

namespace fyr {

class Model;

class ReferenceContext final : public InferenceContext {
public:
    // n_ctx: positions the KV cache holds (>= 1). `model` must outlive the context.
    ReferenceContext(const Model& model, int32_t n_ctx);

    // Runs `tokens` at positions n_past() .. n_past() + size - 1 as one batch
    // with causal attention over everything cached so far, then appends their
    // K/V to the cache. Returns the logits of every token ([size, n_vocab]) or
    // only of the last one ([n_vocab]). On an empty batch, a token id out of
    // range or a batch that does not fit in the context it returns an empty
    // vector, sets `error` and leaves the cache unchanged.
    std::span<const float> decode(std::span<const int32_t> tokens, bool all_logits,
                                  std::string* error = nullptr) override;

    int32_t n_ctx() const override { return m_n_ctx; }
    int32_t n_past() const override { return m_n_past; }
    void clear() override { m_n_past = 0; }
    void truncate(int32_t pos) override { m_n_past = std::clamp(pos, 0, m_n_past); }
    int32_t n_threads() const override { return 1; }
    std::string backend() const override { return "scalar reference"; }

private:
    const Model& m_model;
    int32_t m_n_ctx;
    int32_t m_n_past = 0;
    // Per layer: [n_ctx, n_embd_kv] as IEEE half bits.
    std::vector<std::vector<uint16_t>> m_k_cache;
    std::vector<std::vector<uint16_t>> m_v_cache;
    std::vector<float> m_logits;
};

}  // namespace fyr
