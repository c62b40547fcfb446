// Small helpers over a row of logits, shared by the samplers, `fyrctl eval` and tests.
//
//   std::vector<int32_t> best = fyr::top_k_ids(logits, n_vocab, 5);  // descending, ties by lower id
//
// Thread-safe (no state).
#pragma once

#include <cstdint>
#include <vector>

namespace fyr {

// Ids of the k largest logits, descending; equal logits are ordered by lower id,
// the rule llama.cpp's references use. k is clamped to [0, n_vocab].
std::vector<int32_t> top_k_ids(const float* logits, int32_t n_vocab, int k);

}  // namespace fyr
