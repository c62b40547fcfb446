#include "fyr/logits.h"

#include <algorithm>

namespace fyr {

std::vector<int32_t> top_k_ids(const float* logits, int32_t n_vocab, int k) {
    if (n_vocab <= 0 || k <= 0) return {};
    k = std::min(k, n_vocab);
    std::vector<int32_t> ids(static_cast<size_t>(n_vocab));
    for (int32_t i = 0; i < n_vocab; ++i) ids[static_cast<size_t>(i)] = i;
    std::partial_sort(ids.begin(), ids.begin() + k, ids.end(), [logits](int32_t a, int32_t b) {
        return logits[a] > logits[b] || (logits[a] == logits[b] && a < b);
    });
    ids.resize(static_cast<size_t>(k));
    return ids;
}

}  // namespace fyr
