// The checks every context runs on a batch before touching its cache: not empty,
// fits in the positions left, every id in the vocabulary. Shared by the reference
// and the fast pass so both refuse the same batches with the same words.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "fyr/gguf_file.h"
#include "fyr/model.h"

namespace fyr::detail {

// "" when the batch may run, else "<file>: eval: <what is wrong>".
inline std::string check_batch(const Model& model, std::span<const int32_t> tokens, int32_t n_past, int32_t n_ctx) {
    const std::string where = model.file().path() + ": eval: ";
    if (tokens.empty()) return where + "no tokens";
    if (tokens.size() > static_cast<size_t>(n_ctx - n_past)) {
        return where + "the context is full (" + std::to_string(n_past) + " of " + std::to_string(n_ctx) +
               " positions used, " + std::to_string(tokens.size()) + " more asked for)";
    }
    const int32_t n_vocab = model.hparams().n_vocab;
    for (int32_t id : tokens) {
        if (id < 0 || id >= n_vocab)
            return where + "token id " + std::to_string(id) + " is out of range (n_vocab " + std::to_string(n_vocab) +
                   ")";
    }
    return {};
}

}  // namespace fyr::detail
