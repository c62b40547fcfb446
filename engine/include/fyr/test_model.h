// Writes a transformer with random weights and a real vocabulary: a model of any
// size for tests and benchmarks, loadable by Model::load and by llama.cpp (the tensor
// names, shapes and metadata keys of llama.cpp's converter for the architecture).
//
//   fyr::TestModelSpec spec;
//   spec.arch = "llama";
//   spec.n_embd = 2048; spec.n_layer = 16; spec.n_head = 16; spec.n_head_kv = 4; spec.n_ff = 5632;
//   spec.vocab_path = "ggml-vocab-llama-spm.gguf";   // every tokenizer.* key is copied
//   spec.file_type = fyr::find_quant_file_type("q4_0");
//   std::string error;
//   if (!fyr::make_test_model(spec, "bench-q4_0.gguf", nullptr, &error)) ...
//
// The model: head dimension n_embd / n_head, rope base 10000 over the whole head, RMS
// norm epsilon 1e-5; llama with its own output.weight, qwen2 with q/k/v biases and the
// output tied to the token embedding. Matrices are random with standard deviation
// 1/sqrt(n_in) (so every projection keeps activations near unit scale), biases 0.02,
// norm weights 1. Weight types follow quantize_model()'s rules for the file type.
//
// Values come from a counter-based generator (splitmix64 of the seed, the tensor's
// name and the element's index) and an integer-only near-normal transform (the sum
// of four 16-bit uniforms, an Irwin-Hall(4) variable scaled to unit variance, so
// within +-3.46 standard deviations), so a seed gives the same bytes on every
// platform and for any thread count. Tensors are generated and written a few
// megabytes at a time: memory use does not grow with the model.
//
// Thread-safety: make_test_model() may run on any thread and uses up to
// std::thread::hardware_concurrency() workers of its own, joined before it returns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fyr/model_quantizer.h"

namespace fyr {

struct TestModelSpec {
    std::string arch = "llama";  // "llama" or "qwen2"
    int32_t n_embd = 0;
    int32_t n_layer = 0;
    int32_t n_head = 0;
    int32_t n_head_kv = 0;
    int32_t n_ff = 0;
    int32_t n_ctx = 2048;                      // <arch>.context_length
    std::string vocab_path;                    // GGUF with tokenizer.* keys
    const QuantFileType* file_type = nullptr;  // nullptr: f32
    uint64_t seed = 0;
};

// The architectures make_test_model() writes: {"llama", "qwen2"}.
const std::vector<std::string>& test_model_architectures();

// Whether the sizes make a model: positive, n_embd a multiple of n_head, n_head a
// multiple of n_head_kv, an even head dimension, a known architecture. Does not look
// at the vocabulary file. False with a message otherwise.
bool validate_test_model_spec(const TestModelSpec& spec, std::string* error);

// Validates the spec, reads the vocabulary (tokenizer.ggml.tokens is required), then
// writes `path` through "<path>.tmp" and a rename. On failure returns false with a
// message.
bool make_test_model(const TestModelSpec& spec, const std::string& path, const TensorProgressFn& progress,
                     std::string* error);

// The generator: element `index` of the tensor keyed `tensor_key` as a near-normal
// value with unit variance. Exposed for tests.
float test_model_value(uint64_t tensor_key, uint64_t index);
uint64_t test_model_tensor_key(uint64_t seed, const std::string& tensor_name);

}  // namespace fyr
