// RMS normalization of one token's vector, the arithmetic both forward passes
// share (and llama.cpp uses): out = x / sqrt(mean(x²) + eps) * w, the sum of
// squares in double.
//
//   detail::rms_norm_row(x, weights.data(), hp.rms_eps, hp.n_embd, out);
//
// Thread-safety: a pure function.
#pragma once

#include <cmath>
#include <cstdint>

namespace fyr::detail {

inline void rms_norm_row(const float* x, const float* w, float eps, int64_t n, float* out) {
    double sum = 0.0;
    for (int64_t i = 0; i < n; ++i) sum += static_cast<double>(x[i] * x[i]);
    const double mean = sum / static_cast<double>(n);
    const float scale = 1.0f / std::sqrt(static_cast<float>(mean + static_cast<double>(eps)));
    for (int64_t i = 0; i < n; ++i) out[i] = (x[i] * scale) * w[i];
}

}  // namespace fyr::detail
