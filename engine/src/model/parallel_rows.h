// Splits a range of rows over worker threads for the model writers (quantize_model,
// make_test_model): each call starts its workers and joins them before returning.
//
//   fyr::model_detail::parallel_rows(n_rows, [&](int64_t begin, int64_t end) { ... });
//
// Thread-safe as long as `fn` is for the ranges it is given.
#pragma once

#include <cstdint>
#include <functional>

namespace fyr::model_detail {

// Workers used: std::thread::hardware_concurrency(), at least 1, at most 32.
unsigned worker_count();

// Runs fn over [0, n_rows) in contiguous pieces, one per worker (fewer for few rows;
// inline for one). Returns after every piece is done.
void parallel_rows(int64_t n_rows, const std::function<void(int64_t begin, int64_t end)>& fn);

}  // namespace fyr::model_detail
