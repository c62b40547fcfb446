// Re-encodes a model's weights in another type, the way llama-quantize does, and
// streams the result to disk: the input is memory-mapped and read a few megabytes of
// rows at a time, and pages already converted are released, so memory use does not
// grow with the model.
//
//   const fyr::QuantFileType* ft = fyr::find_quant_file_type("q4_k_m");
//   std::string error;
//   bool ok = fyr::quantize_model("model-f32.gguf", "model-q4_k_m.gguf", *ft,
//                                 [](const fyr::TensorProgress& p) { ... }, &error);
//
// File types (quant_file_types()): the plain ones (f32, f16, bf16, q8_0, q4_0, q4_1,
// q5_0, q5_1, q4_k, q5_k, q6_k) give every quantizable weight that one type, like
// `llama-quantize --pure`, and then produce the same bytes as llama.cpp; the mixes
// (q4_k_s, q4_k_m, q5_k_m) follow llama.cpp's rules for which tensors get more bits
// (choose_tensor_types()). Either way only 2-D (and higher) `*.weight` tensors that
// are not norms are converted; vectors such as norms and biases are copied as they are.
// A weight whose row length is not a whole number of the chosen type's blocks falls
// back as llama.cpp does (Q4_K -> Q5_0, Q5_K -> Q5_1, Q6_K -> Q8_0, then F16); one
// that fits no 32-element block either keeps its input type.
//
// The output has the input's metadata in the input's order, except that
// general.quantization_version (2) and general.file_type are moved to the end, and
// its tensors in llama.cpp's order (non-layer tensors by name, then layer by layer,
// by name within a layer), all aligned as the input's general.alignment says.
//
// Thread-safety: quantize_model() may run on any thread and uses up to
// std::thread::hardware_concurrency() workers of its own, joined before it returns.
// Separate calls share nothing. The tables are constant.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fyr/ggml_type.h"

namespace fyr {

// Which of llama.cpp's tensor-type mixes a file type uses.
enum class QuantMix {
    Pure,    // every quantizable weight gets the base type
    Q4_K_S,  // attn_v of the first 4 layers and ffn_down of the first 1/8 get Q5_K
    Q4_K_M,  // attn_v and ffn_down get Q6_K in about half the layers (use_more_bits)
    Q5_K_M,  // the same with Q5_K as the base
};

struct QuantFileType {
    std::string_view name;  // as given to --type: "q4_k_m"
    uint32_t file_type;     // general.file_type (llama.cpp's llama_ftype): 15
    GgmlType base;          // the type most weights get
    QuantMix mix;
};

// Every file type, in the order help texts list them.
const std::vector<QuantFileType>& quant_file_types();
// By name, case-insensitive; nullptr when unknown.
const QuantFileType* find_quant_file_type(std::string_view name);
// "f32, f16, bf16, q8_0, ..." for messages.
std::string quant_file_type_names();

// A tensor as the type chooser sees it.
struct TensorSpec {
    std::string name;
    GgmlType type = GgmlType::F32;  // its type now
    std::vector<uint64_t> dims;     // ne[0] first
};

struct TensorChoice {
    GgmlType type = GgmlType::F32;  // the type it gets (== its type now when copied)
    bool converted = false;         // false: copied unchanged
    std::string note;               // why a fallback type was used, else empty
};

// The type each tensor gets, for tensors listed in file order (the mixes count the
// attn_v and ffn_down tensors as they come, as llama.cpp does). n_layer is the
// model's block count.
std::vector<TensorChoice> choose_tensor_types(const QuantFileType& ft, const std::vector<TensorSpec>& tensors,
                                              int n_layer);

// Reported once per tensor, before it is converted.
struct TensorProgress {
    size_t index = 0;  // 0-based
    size_t count = 0;
    std::string name;
    GgmlType type = GgmlType::F32;  // what it is written as
    bool converted = false;
    std::string note;
};
using TensorProgressFn = std::function<void(const TensorProgress&)>;

// Reads `in_path` (every tensor must be F32, F16 or BF16), writes `out_path` through
// "<out_path>.tmp" and a rename, so a failed or killed run never leaves a partial
// file under the final name. On failure returns false with a message naming the file
// (and the tensor, for a tensor that is already quantized).
bool quantize_model(const std::string& in_path, const std::string& out_path, const QuantFileType& ft,
                    const TensorProgressFn& progress, std::string* error);

}  // namespace fyr
