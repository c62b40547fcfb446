// The facts people ask of a model file before loading it: architecture, size,
// tensor types, context, vocabulary, special tokens, chat template, and how much
// memory it will take (weights + KV cache at a context length, per KV type).
//
//   std::string error;
//   auto file = fyr::GgufFile::open(path, &error);
//   fyr::ModelInfo info = fyr::ModelInfo::from_gguf(*file, /*n_ctx=*/0);  // 0: the trained context
//   std::printf("%s, %.1fM parameters\n", info.architecture.c_str(), info.n_params / 1e6);
//
// Plain data; from_gguf() is thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fyr/gguf_file.h"

namespace fyr {

struct ModelInfo {
    struct TypeShare {
        std::string type;  // "q4_K", or "unknown(200)"
        uint64_t n_tensors = 0;
        uint64_t n_elements = 0;
        uint64_t n_bytes = 0;
    };
    struct SpecialToken {
        std::string role;  // "bos", "eos", "eot", "unknown", "padding", "separator", ...
        int64_t id = -1;
        std::string text;  // empty when the id is outside the vocabulary
    };
    struct KvEstimate {
        std::string type;            // "f32", "f16", "bf16", "q8_0", "q4_0"
        uint64_t bytes_per_token = 0;  // all layers, K and V
        uint64_t bytes_total = 0;      // at n_ctx
    };

    std::string path;
    uint32_t gguf_version = 0;
    uint64_t file_bytes = 0;
    std::string architecture;
    std::string name;       // general.name, may be empty
    std::string file_type;  // general.file_type as llama.cpp names it ("Q4_K_M"), or empty

    uint64_t n_params = 0;      // elements of all tensors
    uint64_t weight_bytes = 0;  // bytes of all tensors
    std::vector<TypeShare> type_mix;             // largest share first
    std::vector<std::string> unsupported_tensors;  // tensors of a type Fyr does not know

    int64_t n_ctx_train = 0;
    int64_t n_embd = 0;
    int64_t n_layer = 0;
    int64_t n_head = 0;
    int64_t n_head_kv = 0;
    int64_t n_ff = 0;
    int64_t head_dim_k = 0;
    int64_t head_dim_v = 0;
    double rope_freq_base = 0;
    double rms_norm_eps = 0;

    std::string vocab_type;  // tokenizer.ggml.model: "llama" (SentencePiece), "gpt2" (BPE), ...
    std::string pre_type;    // tokenizer.ggml.pre, may be empty
    int64_t n_vocab = 0;
    int64_t n_merges = 0;
    std::vector<SpecialToken> special_tokens;
    bool has_chat_template = false;
    uint64_t chat_template_bytes = 0;

    int64_t n_ctx = 0;  // context the KV estimate is for
    std::vector<KvEstimate> kv;

    // n_ctx <= 0 uses the trained context length (or 4096 when the file has none).
    static ModelInfo from_gguf(const GgufFile& file, int64_t n_ctx);

    // Weights plus the KV cache of the given type at n_ctx; 0 when the type is not listed.
    uint64_t memory_bytes(const std::string& kv_type) const;
};

}  // namespace fyr
