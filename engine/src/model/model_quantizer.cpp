#include "fyr/model_quantizer.h"

#include <algorithm>
#include <cctype>
#include <numeric>

#include "fyr/gguf_file.h"
#include "fyr/gguf_stream_writer.h"
#include "fyr/thread_pool.h"
#include "fyr/gguf_writer.h"
#include "fyr/kernels/dequantize.h"
#include "fyr/kernels/quantize.h"

namespace fyr {
namespace {

// llama.cpp's GGML_QNT_VERSION, written to every quantized file.
constexpr uint32_t kQuantizationVersion = 2;

// Rows are converted in pieces of about this many values (16 MiB of floats).
constexpr int64_t kChunkValues = int64_t{1} << 22;

bool contains(const std::string& s, std::string_view part) {
    return s.find(part) != std::string::npos;
}

uint32_t block_size(GgmlType t) {
    return type_traits(static_cast<uint32_t>(t))->block_size;
}

// Dimensions that count: trailing 1s do not (ggml_n_dims).
size_t n_dims(const std::vector<uint64_t>& dims) {
    size_t n = dims.size();
    while (n > 1 && dims[n - 1] == 1) --n;
    return n;
}

// llama.cpp converts 2-D and larger weights only, never norms or router weights.
bool is_quantizable(const TensorSpec& t) {
    const std::string& name = t.name;
    const std::string_view suffix = "weight";
    return n_dims(t.dims) >= 2 && name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 && !contains(name, "_norm.weight") &&
           !contains(name, "ffn_gate_inp.weight") && name != "position_embd.weight" && name != "token_types.weight";
}

bool is_k_quant(GgmlType t) {
    return t == GgmlType::Q2_K || t == GgmlType::Q3_K || t == GgmlType::Q4_K || t == GgmlType::Q5_K ||
           t == GgmlType::Q6_K;
}

// llama.cpp's use_more_bits: the first and last eighth of the layers and every third
// one in between.
bool use_more_bits(int i_layer, int n_layers) {
    return i_layer < n_layers / 8 || i_layer >= 7 * n_layers / 8 || (i_layer - n_layers / 8) % 3 == 2;
}

// The layer number of "blk.N.*", or -1.
int layer_of(const std::string& name) {
    if (name.rfind("blk.", 0) != 0) return -1;
    int n = 0;
    size_t i = 4;
    if (i >= name.size() || !std::isdigit(static_cast<unsigned char>(name[i]))) return -1;
    for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i) {
        if (n > 100000000) return -1;
        n = n * 10 + (name[i] - '0');
    }
    return i < name.size() && name[i] == '.' ? n : -1;
}

// The mix rules of llama.cpp's llama_tensor_get_type for the K-quant mixes offered
// here (no experts, no Falcon): the type before any shape fallback.
class MixChooser {
public:
    MixChooser(const QuantFileType& ft, const std::vector<TensorSpec>& tensors, int n_layer)
        : m_ft(ft), m_n_layer(n_layer) {
        for (const TensorSpec& t : tensors) {
            if (contains(t.name, "attn_v.weight") || contains(t.name, "attn_qkv.weight") ||
                contains(t.name, "attn_kv_b.weight"))
                ++m_n_attention_wv;
            if (t.name == "output.weight") m_has_output = true;
        }
    }

    GgmlType choose(const TensorSpec& t) {
        const QuantMix mix = m_ft.mix;
        GgmlType type = m_ft.base;
        const std::string& name = t.name;
        if (name == "output.weight" || (!m_has_output && name == "token_embd.weight")) {
            // The output projection is the most sensitive matrix: Q6_K, or Q8_0 when a
            // row does not fit the base type's blocks.
            if (t.dims[0] % block_size(type) != 0) {
                type = GgmlType::Q8_0;
            } else if (type != GgmlType::Q8_0) {
                type = GgmlType::Q6_K;
            }
        } else if (contains(name, "attn_v.weight")) {
            if ((mix == QuantMix::Q4_K_M || mix == QuantMix::Q5_K_M) &&
                use_more_bits(m_i_attention_wv, m_n_attention_wv)) {
                type = GgmlType::Q6_K;
            } else if (mix == QuantMix::Q4_K_S && m_i_attention_wv < 4) {
                type = GgmlType::Q5_K;
            }
            // llama.cpp's 70B rule (80 layers): attn_v is 8x smaller there, so it is cheap.
            if (m_n_layer == 80 && (type == GgmlType::Q3_K || type == GgmlType::Q4_K)) type = GgmlType::Q5_K;
            ++m_i_attention_wv;
        } else if (contains(name, "ffn_down")) {
            const int i = m_i_ffn_down, n = m_n_layer;
            if ((mix == QuantMix::Q4_K_M || mix == QuantMix::Q5_K_M) && use_more_bits(i, n)) {
                type = GgmlType::Q6_K;
            } else if (mix == QuantMix::Q4_K_S && i < n / 8) {
                type = GgmlType::Q5_K;
            }
            ++m_i_ffn_down;
        } else if (contains(name, "attn_qkv.weight")) {
            if (mix == QuantMix::Q4_K_M) type = GgmlType::Q5_K;
            if (mix == QuantMix::Q5_K_M) type = GgmlType::Q6_K;
        }
        return type;
    }

private:
    const QuantFileType& m_ft;
    int m_n_layer;
    int m_n_attention_wv = 0;
    int m_i_attention_wv = 0;
    int m_i_ffn_down = 0;
    bool m_has_output = false;
};

// The tensor order of llama-quantize's output (llama_model_loader's weight map):
// tensors outside the layers first, then by layer number, by name within each.
bool llama_cpp_order(const std::string& a, const std::string& b) {
    const int la = layer_of(a), lb = layer_of(b);
    if (la != lb) return la < lb;
    return a < b;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

const std::vector<QuantFileType>& quant_file_types() {
    static const std::vector<QuantFileType> types = {
        {"f32", 0, GgmlType::F32, QuantMix::Pure},        {"f16", 1, GgmlType::F16, QuantMix::Pure},
        {"bf16", 32, GgmlType::BF16, QuantMix::Pure},     {"q8_0", 7, GgmlType::Q8_0, QuantMix::Pure},
        {"q6_k", 18, GgmlType::Q6_K, QuantMix::Pure},     {"q5_k_m", 17, GgmlType::Q5_K, QuantMix::Q5_K_M},
        {"q5_k", 16, GgmlType::Q5_K, QuantMix::Pure},     {"q5_1", 9, GgmlType::Q5_1, QuantMix::Pure},
        {"q5_0", 8, GgmlType::Q5_0, QuantMix::Pure},      {"q4_k_m", 15, GgmlType::Q4_K, QuantMix::Q4_K_M},
        {"q4_k_s", 14, GgmlType::Q4_K, QuantMix::Q4_K_S}, {"q4_k", 14, GgmlType::Q4_K, QuantMix::Pure},
        {"q4_1", 3, GgmlType::Q4_1, QuantMix::Pure},      {"q4_0", 2, GgmlType::Q4_0, QuantMix::Pure},
    };
    return types;
}

const QuantFileType* find_quant_file_type(std::string_view name) {
    const std::string wanted = lower(name);
    for (const QuantFileType& ft : quant_file_types()) {
        if (ft.name == wanted) return &ft;
    }
    return nullptr;
}

std::string quant_file_type_names() {
    std::string out;
    for (const QuantFileType& ft : quant_file_types()) out += (out.empty() ? "" : ", ") + std::string(ft.name);
    return out;
}

std::vector<TensorChoice> choose_tensor_types(const QuantFileType& ft, const std::vector<TensorSpec>& tensors,
                                              int n_layer) {
    MixChooser mix(ft, tensors, n_layer);
    std::vector<TensorChoice> out;
    out.reserve(tensors.size());
    for (const TensorSpec& t : tensors) {
        TensorChoice c;
        c.type = t.type;
        if (!is_quantizable(t)) {
            out.push_back(c);
            continue;
        }
        GgmlType want = ft.mix == QuantMix::Pure ? ft.base : mix.choose(t);
        const uint64_t n_in = t.dims[0];
        if (n_in % block_size(want) != 0) {
            GgmlType fallback = want;
            switch (want) {
                case GgmlType::Q4_K: fallback = GgmlType::Q5_0; break;
                case GgmlType::Q5_K: fallback = GgmlType::Q5_1; break;
                case GgmlType::Q6_K: fallback = GgmlType::Q8_0; break;
                default: break;
            }
            const std::string wanted(type_traits(static_cast<uint32_t>(want))->name);
            if (fallback != want && n_in % block_size(fallback) == 0) {
                c.note = "rows of " + std::to_string(n_in) + " do not fit " + wanted + " blocks, using " +
                         std::string(type_traits(static_cast<uint32_t>(fallback))->name);
                want = fallback;
            } else if (is_k_quant(want)) {
                c.note = "rows of " + std::to_string(n_in) + " do not fit " + wanted + " blocks, using f16";
                want = GgmlType::F16;
            } else {
                c.note = "rows of " + std::to_string(n_in) + " do not fit " + wanted + " blocks, kept as " +
                         std::string(type_traits(static_cast<uint32_t>(t.type))->name);
                want = t.type;
            }
        }
        c.type = want;
        c.converted = want != t.type;
        out.push_back(c);
    }
    return out;
}

bool quantize_model(const std::string& in_path, const std::string& out_path, const QuantFileType& ft,
                    const TensorProgressFn& progress, std::string* error) {
    const auto in = GgufFile::open(in_path, error);
    if (!in) return false;
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };

    // Every tensor must be plain floats: re-quantizing quantized weights compounds
    // their error, and llama.cpp refuses it too without --allow-requantize.
    for (const GgufTensor& t : in->tensors()) {
        const bool is_float = t.type == static_cast<uint32_t>(GgmlType::F32) ||
                              t.type == static_cast<uint32_t>(GgmlType::F16) ||
                              t.type == static_cast<uint32_t>(GgmlType::BF16);
        if (!is_float) {
            const std::string type_name = t.traits ? std::string(t.traits->name) : "type " + std::to_string(t.type);
            return fail(in_path + ": tensor '" + t.name + "' is already quantized (" + type_name +
                        "); quantize from an F32, F16 or BF16 model");
        }
    }

    std::vector<size_t> order(in->tensors().size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return llama_cpp_order(in->tensors()[a].name, in->tensors()[b].name); });
    std::vector<TensorSpec> specs;
    for (size_t i : order) {
        const GgufTensor& t = in->tensors()[i];
        specs.push_back({t.name, static_cast<GgmlType>(t.type), t.dims});
    }
    int n_layer = 0;
    if (const auto v = in->arch_int("block_count"); v && *v > 0 && *v < 100000) {
        n_layer = static_cast<int>(*v);
    } else {
        for (const TensorSpec& s : specs) n_layer += contains(s.name, "ffn_down") ? 1 : 0;
    }
    const std::vector<TensorChoice> choices = choose_tensor_types(ft, specs, n_layer);

    GgufWriter header;
    for (const std::string& key : in->keys()) header.copy_key(*in, key);
    for (const char* key : {"split.no", "split.count", "split.tensors.count"}) header.remove_key(key);
    header.remove_key("general.quantization_version");
    header.set_u32("general.quantization_version", kQuantizationVersion);
    header.remove_key("general.file_type");
    header.set_u32("general.file_type", ft.file_type);
    for (size_t i = 0; i < specs.size(); ++i) {
        if (!header.add_tensor_info(specs[i].name, choices[i].type, specs[i].dims, error)) {
            if (error) *error = out_path + ": " + *error;
            return false;
        }
    }

    ThreadPool pool(0);  // one thread per physical core, started once for every tensor
    GgufStreamWriter out;
    if (!out.open(out_path, header, error)) return false;
    std::vector<float> rows;
    std::vector<uint8_t> packed;
    for (size_t i = 0; i < specs.size(); ++i) {
        const GgufTensor& t = in->tensors()[order[i]];
        const TensorChoice& c = choices[i];
        if (progress) progress({i, specs.size(), t.name, c.type, c.converted, c.note});
        const uint8_t* src = in->tensor_data(t);
        if (!c.converted) {
            if (!out.write(src, t.n_bytes, error)) return false;
            in->release_pages(src, t.n_bytes);  // already written: keep the resident size small
            continue;
        }
        const int64_t n_in = static_cast<int64_t>(t.dims[0]);
        const int64_t n_rows = static_cast<int64_t>(t.n_elements() / t.dims[0]);
        const uint64_t src_row = *row_bytes(*t.traits, t.dims[0]);
        const uint64_t dst_row = *row_bytes(*type_traits(static_cast<uint32_t>(c.type)), t.dims[0]);
        const int64_t chunk = std::max<int64_t>(1, kChunkValues / n_in);
        for (int64_t r0 = 0; r0 < n_rows; r0 += chunk) {
            const int64_t nr = std::min(chunk, n_rows - r0);
            rows.resize(static_cast<size_t>(nr * n_in));
            packed.resize(static_cast<size_t>(static_cast<uint64_t>(nr) * dst_row));
            pool.run([&](int ith, int nth) {
                const auto [begin, end] = ThreadPool::split(nr, ith, nth);
                for (int64_t r = begin; r < end; ++r) {
                    float* x = rows.data() + r * n_in;
                    kernels::dequantize_row(t.type, src + static_cast<uint64_t>(r0 + r) * src_row, x, n_in);
                    kernels::quantize_row(static_cast<uint32_t>(c.type), x,
                                          packed.data() + static_cast<uint64_t>(r) * dst_row, n_in);
                }
            });
            if (!out.write(packed.data(), packed.size(), error)) return false;
            in->release_pages(src + static_cast<uint64_t>(r0) * src_row, static_cast<uint64_t>(nr) * src_row);
        }
    }
    return out.commit(error);
}

}  // namespace fyr
