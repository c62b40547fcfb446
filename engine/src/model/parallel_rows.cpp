#include "parallel_rows.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace fyr::model_detail {

unsigned worker_count() {
    return std::clamp(std::thread::hardware_concurrency(), 1u, 32u);
}

void parallel_rows(int64_t n_rows, const std::function<void(int64_t, int64_t)>& fn) {
    const int64_t n_workers = std::min<int64_t>(worker_count(), n_rows);
    if (n_workers <= 1) {
        if (n_rows > 0) fn(0, n_rows);
        return;
    }
    std::vector<std::thread> workers;
    workers.reserve(static_cast<size_t>(n_workers - 1));
    const int64_t per = (n_rows + n_workers - 1) / n_workers;
    for (int64_t w = 1; w < n_workers; ++w) {
        const int64_t begin = w * per, end = std::min(n_rows, begin + per);
        if (begin < end) workers.emplace_back([&fn, begin, end] { fn(begin, end); });
    }
    fn(0, std::min(n_rows, per));
    for (std::thread& t : workers) t.join();
}

}  // namespace fyr::model_detail
