// The token sampler: turns a row of logits into the next token id.
//
//   fyr::SamplerParams params;             // llama.cpp-like defaults
//   params.seed = 42;
//   fyr::Sampler sampler(params, n_vocab);
//   for (;;) {
//       const int32_t id = sampler.sample(logits);  // logits: n_vocab floats of the last position
//       sampler.accept(id);                         // feeds the repetition penalties
//       ...                                         // append id, evaluate, get the next logits
//   }
//
// Thread safety: a Sampler holds mutable state (RNG, accepted tokens, scratch
// buffers), so one Sampler is used by one thread at a time. Distinct Samplers
// share nothing and may run on different threads concurrently.
//
// Reproducibility: the same params (seed included), n_vocab and sequence of
// logits/accept() calls give the same tokens on every platform. The RNG is
// std::mt19937_64 (fully specified by the standard), its output becomes a double
// by hand rather than through an implementation-defined distribution, and every
// sort uses a total order (ties by lower id). The one residual difference between
// platforms is the last bit of std::exp/std::log, which can only matter for a
// draw that lands within rounding of a boundary between two tokens.
#pragma once

#include <cstdint>
#include <random>
#include <utility>
#include <vector>

namespace fyr {

struct SamplerParams {
    // <= 0: greedy (argmax, ties to the lower id), every other setting but logit_bias and the
    // penalties ignored.
    float temperature = 0.8f;
    int32_t top_k = 40;      // <= 0 or >= n_vocab: off
    float top_p = 0.95f;     // >= 1: off
    float min_p = 0.05f;     // <= 0: off
    float typical_p = 1.0f;  // >= 1: off
    // 1: off (llama.cpp rule: logit > 0 ? logit / p : logit * p). <= 0 would flip or zero the
    // logits, so it is treated as off too.
    float repeat_penalty = 1.0f;
    // How many accepted tokens the penalties look at; 0: none, -1 (any negative): all.
    int32_t repeat_last_n = 64;
    float frequency_penalty = 0.0f;  // minus count * f
    float presence_penalty = 0.0f;   // minus p if present at all
    // Added to those ids' logits; -INFINITY bans a token. Entries for the same id add up; ids
    // outside [0, n_vocab) are ignored.
    std::vector<std::pair<int32_t, float>> logit_bias;
    uint64_t seed = 0;

    static SamplerParams greedy();  // temperature 0, everything else off
};

class Sampler {
public:
    // Precondition: n_vocab > 0 (asserted).
    Sampler(const SamplerParams& params, int32_t n_vocab);

    // Picks the next token from n_vocab logits (not modified). Order: logit bias, penalties
    // (over the last repeat_last_n accepted tokens), then for temperature > 0: top-k, typical-p,
    // top-p, min-p, temperature, and a draw from the softmax with the sampler's own RNG.
    //
    // Each filter works on the probabilities renormalized over the tokens the previous ones kept,
    // as llama.cpp's sampler chain does, and always keeps at least one token.
    // Edge cases:
    //  - every token banned (-INFINITY, or NaN, after bias and penalties): returns the argmax of the
    //    raw logits (ties to the lower id; id 0 if none of them is above -INFINITY), so generation
    //    never stalls on an over-eager ban list;
    //  - +INFINITY after bias: only those tokens remain, equally likely (greedy: the lowest such id);
    //  - with temperature > 0 every call advances the RNG by exactly one draw, whatever the filters
    //    keep, so a sequence stays reproducible when only the logits change.
    // Precondition: logits != nullptr (asserted).
    int32_t sample(const float* logits);

    // The token actually used (feeds the penalties). Ids outside [0, n_vocab) are a precondition
    // violation (asserted); release builds ignore them.
    void accept(int32_t token_id);

    // Forget accepted tokens and restart the RNG from the seed.
    void reset();

    const SamplerParams& params() const { return params_; }

private:
    struct Candidate {
        int32_t id;
        float logit;
        double p;  // softmax over the current candidates after softmax(); draw() reuses it for weights
    };

    void apply_penalties();
    int32_t fallback_argmax(const float* logits) const;
    void softmax();
    void top_k();
    void typical_p();
    void top_p();
    void min_p();
    int32_t draw(double u);

    SamplerParams params_;
    int32_t n_vocab_;
    std::mt19937_64 rng_;

    // Penalty state: how often each id occurs in the window, and the window itself as a ring
    // buffer (only when repeat_last_n > 0; "all" needs just the counts).
    std::vector<int32_t> counts_;
    std::vector<int32_t> window_;
    size_t window_pos_ = 0;
    size_t window_fill_ = 0;
    bool any_accepted_ = false;

    // Scratch buffers sized once to n_vocab, so sample() never allocates.
    std::vector<float> logits_;
    std::vector<Candidate> cands_;
    std::vector<Candidate> cands_tmp_;
    std::vector<std::pair<double, size_t>> scores_;
    bool sorted_ = false;
};

}  // namespace fyr
