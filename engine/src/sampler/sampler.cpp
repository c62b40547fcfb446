#include "fyr/sampler.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>

namespace fyr {

namespace {

constexpr float kNegInf = -std::numeric_limits<float>::infinity();
constexpr float kPosInf = std::numeric_limits<float>::infinity();

// Top 53 bits of one 64-bit draw scaled to [0, 1): unlike std::uniform_real_distribution this is
// the same on every standard library.
double uniform01(std::mt19937_64& rng) {
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

// Higher logit first, equal logits by lower id: a strict total order, so std::sort and
// std::partial_sort give the same result everywhere even though they are not stable.
bool higher(const auto& a, const auto& b) {
    return a.logit > b.logit || (a.logit == b.logit && a.id < b.id);
}

// Sorts v by `less` (unless presorted) only as far as needed and returns the length of the
// shortest sorted prefix whose mass reaches `target` (>=, or > if strict); v.size() if none does.
// With a large vocabulary that prefix is usually tiny, so a growing partial sort (256, then x4)
// costs far less than sorting everything; with a strict total order the result equals a full
// sort's, so the choice stays reproducible.
template <typename T, typename Less, typename Mass>
size_t first_reaching(std::vector<T>& v, bool presorted, Less less, Mass mass, double target, bool strict) {
    const size_t n = v.size();
    size_t sorted = presorted ? n : 0;
    size_t k = presorted ? n : std::min<size_t>(n, 256);
    double cum = 0.0;
    for (size_t i = 0;;) {
        // The first `sorted` elements are the smallest, in order; the next ones come from the rest.
        if (sorted < k) {
            std::partial_sort(v.begin() + static_cast<std::ptrdiff_t>(sorted),
                              v.begin() + static_cast<std::ptrdiff_t>(k), v.end(), less);
            sorted = k;
        }
        for (; i < k; ++i) {
            cum += mass(v[i]);
            if (strict ? cum > target : cum >= target) return i + 1;
        }
        if (k == n) return n;
        k = std::min(n, k * 4);
    }
}

}  // namespace

// repeat_last_n keeps its default: a caller who then turns a penalty on gets the usual window.
SamplerParams SamplerParams::greedy() {
    SamplerParams p;
    p.temperature = 0.0f;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    p.typical_p = 1.0f;
    p.repeat_penalty = 1.0f;
    p.frequency_penalty = 0.0f;
    p.presence_penalty = 0.0f;
    return p;
}

Sampler::Sampler(const SamplerParams& params, int32_t n_vocab)
    : params_(params), n_vocab_(std::max(n_vocab, 0)), rng_(params.seed) {
    assert(n_vocab > 0);
    const auto n = static_cast<size_t>(n_vocab_);
    counts_.assign(n, 0);
    if (params_.repeat_last_n > 0) window_.assign(static_cast<size_t>(params_.repeat_last_n), 0);
    logits_.resize(n);
    cands_.reserve(n);
    cands_tmp_.reserve(n);
    scores_.reserve(n);
}

void Sampler::reset() {
    rng_.seed(params_.seed);
    std::fill(counts_.begin(), counts_.end(), 0);
    window_pos_ = 0;
    window_fill_ = 0;
    any_accepted_ = false;
}

void Sampler::accept(int32_t token_id) {
    assert(token_id >= 0 && token_id < n_vocab_);
    if (token_id < 0 || token_id >= n_vocab_) return;
    if (params_.repeat_last_n == 0) return;  // the penalties look at nothing, so keep nothing
    any_accepted_ = true;
    ++counts_[static_cast<size_t>(token_id)];
    if (params_.repeat_last_n < 0) return;  // "all": the counts are the whole history
    if (window_fill_ == window_.size()) {
        --counts_[static_cast<size_t>(window_[window_pos_])];  // the oldest token leaves the window
    } else {
        ++window_fill_;
    }
    window_[window_pos_] = token_id;
    window_pos_ = (window_pos_ + 1) % window_.size();
}

void Sampler::apply_penalties() {
    const float rp = params_.repeat_penalty;
    const bool repeat = rp > 0.0f && rp != 1.0f;
    const float freq = params_.frequency_penalty;
    const float presence = params_.presence_penalty;
    if (!any_accepted_ || (!repeat && freq == 0.0f && presence == 0.0f)) return;
    // One pass over the vocabulary instead of over the window: the window may repeat ids, each of
    // which must be penalized once, and n_vocab floats are already being copied anyway.
    for (size_t i = 0; i < counts_.size(); ++i) {
        const int32_t count = counts_[i];
        if (count == 0) continue;
        float& l = logits_[i];
        if (repeat) l = l > 0.0f ? l / rp : l * rp;
        l -= static_cast<float>(count) * freq + presence;
    }
}

int32_t Sampler::fallback_argmax(const float* logits) const {
    int32_t best = 0;
    float best_logit = kNegInf;
    for (int32_t i = 0; i < n_vocab_; ++i) {
        if (logits[i] > best_logit) {  // strict: ties stay with the lower id, NaN never wins
            best_logit = logits[i];
            best = i;
        }
    }
    return best;
}

// Probabilities at temperature 1 over the current candidates, in double with the maximum
// subtracted so that no exp() overflows.
void Sampler::softmax() {
    float max_logit = kNegInf;
    for (const Candidate& c : cands_) max_logit = std::max(max_logit, c.logit);
    double sum = 0.0;
    for (Candidate& c : cands_) {
        c.p = std::exp(static_cast<double>(c.logit) - static_cast<double>(max_logit));
        sum += c.p;
    }
    for (Candidate& c : cands_) c.p /= sum;
}

void Sampler::top_k() {
    const int32_t k = params_.top_k;
    if (k <= 0 || k >= n_vocab_ || static_cast<size_t>(k) >= cands_.size()) return;
    const auto end = cands_.begin() + k;
    std::partial_sort(cands_.begin(), end, cands_.end(),
                      [](const Candidate& a, const Candidate& b) { return higher(a, b); });
    cands_.erase(end, cands_.end());
    sorted_ = true;
}

// Locally typical sampling (Meister et al. 2022), as llama.cpp implements it: rank tokens by how
// far their surprisal -log p is from the entropy, keep the closest ones until their probability
// exceeds typical_p.
void Sampler::typical_p() {
    const double tp = params_.typical_p;
    if (!(tp < 1.0) || cands_.size() <= 1) return;
    softmax();
    double entropy = 0.0;
    for (const Candidate& c : cands_) {
        if (c.p > 0.0) entropy -= c.p * std::log(c.p);  // p log p -> 0 as p -> 0
    }
    scores_.clear();
    for (size_t i = 0; i < cands_.size(); ++i) {
        const double p = cands_[i].p;
        const double shift = p > 0.0 ? std::abs(-std::log(p) - entropy) : std::numeric_limits<double>::infinity();
        scores_.emplace_back(shift, i);
    }
    // Pairs order by shift, then by position: a total order. Only the prefix that reaches the
    // mass is sorted (see first_reaching).
    const size_t keep = first_reaching(
        scores_, false, std::less<>(), [&](const std::pair<double, size_t>& s) { return cands_[s.second].p; }, tp,
        /*strict=*/true);  // strict, like llama.cpp
    cands_tmp_.clear();
    for (size_t i = 0; i < keep; ++i) cands_tmp_.push_back(cands_[scores_[i].second]);
    cands_.swap(cands_tmp_);  // both reserved n_vocab: no allocation
    sorted_ = false;          // now in typicality order
}

// Nucleus sampling: the smallest most-likely prefix whose probability reaches top_p.
void Sampler::top_p() {
    const double tp = params_.top_p;
    if (!(tp < 1.0) || cands_.size() <= 1) return;
    softmax();
    const size_t keep = first_reaching(
        cands_, sorted_, [](const Candidate& a, const Candidate& b) { return higher(a, b); },
        [](const Candidate& c) { return c.p; }, tp, /*strict=*/false);
    cands_.erase(cands_.begin() + static_cast<std::ptrdiff_t>(keep), cands_.end());
    sorted_ = true;
}

// Keeps tokens with p >= min_p * p_max, i.e. exp(logit - max_logit) >= min_p; the most likely
// token always passes (min_p above 1 is treated as 1). Keeps the current order.
void Sampler::min_p() {
    const double mp = std::min(static_cast<double>(params_.min_p), 1.0);
    if (!(mp > 0.0) || cands_.size() <= 1) return;
    float max_logit = kNegInf;
    for (const Candidate& c : cands_) max_logit = std::max(max_logit, c.logit);
    const auto max_d = static_cast<double>(max_logit);
    std::erase_if(cands_, [&](const Candidate& c) { return std::exp(static_cast<double>(c.logit) - max_d) < mp; });
}

// Temperature and the draw: weights exp((logit - max) / T) in double, so even a tiny T neither
// overflows nor divides a float logit into infinity; the first candidate (in the current,
// deterministic order) whose cumulative weight passes u * total wins.
int32_t Sampler::draw(double u) {
    const double temp = params_.temperature;
    float max_logit = kNegInf;
    for (const Candidate& c : cands_) max_logit = std::max(max_logit, c.logit);
    const auto max_d = static_cast<double>(max_logit);
    double total = 0.0;
    for (Candidate& c : cands_) {
        c.p = std::exp((static_cast<double>(c.logit) - max_d) / temp);  // unnormalized weight
        total += c.p;
    }
    const double target = u * total;
    double cum = 0.0;
    for (const Candidate& c : cands_) {
        cum += c.p;
        if (cum > target) return c.id;
    }
    return cands_.back().id;  // rounding left the target at the very end
}

int32_t Sampler::sample(const float* logits) {
    assert(logits != nullptr);
    assert(n_vocab_ > 0);
    if (logits == nullptr || n_vocab_ <= 0) return 0;

    std::copy(logits, logits + n_vocab_, logits_.begin());
    for (const auto& [id, bias] : params_.logit_bias) {
        if (id >= 0 && id < n_vocab_) logits_[static_cast<size_t>(id)] += bias;
    }
    apply_penalties();

    if (!(params_.temperature > 0.0f)) {
        int32_t best = -1;
        float best_logit = kNegInf;
        for (int32_t i = 0; i < n_vocab_; ++i) {
            if (logits_[static_cast<size_t>(i)] > best_logit) {
                best_logit = logits_[static_cast<size_t>(i)];
                best = i;
            }
        }
        return best >= 0 ? best : fallback_argmax(logits);
    }

    const double u = uniform01(rng_);  // drawn first: exactly one draw per call, whatever follows

    cands_.clear();
    bool has_pos_inf = false;
    for (int32_t i = 0; i < n_vocab_; ++i) {
        const float l = logits_[static_cast<size_t>(i)];
        if (!(l > kNegInf)) continue;  // banned (or NaN)
        has_pos_inf = has_pos_inf || l == kPosInf;
        cands_.push_back({i, l, 0.0});
    }
    if (cands_.empty()) return fallback_argmax(logits);
    if (has_pos_inf) {
        // inf - inf is NaN: make the +inf tokens equally likely and drop the rest.
        std::erase_if(cands_, [](const Candidate& c) { return c.logit != kPosInf; });
        for (Candidate& c : cands_) c.logit = 0.0f;
    }
    sorted_ = false;  // in id order

    top_k();
    typical_p();
    top_p();
    min_p();
    return draw(u);
}

}  // namespace fyr
