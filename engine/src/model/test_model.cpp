#include "fyr/test_model.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/gguf_stream_writer.h"
#include "fyr/thread_pool.h"
#include "fyr/gguf_writer.h"
#include "fyr/kernels/quantize.h"

namespace fyr {
namespace {

constexpr uint64_t kGolden = 0x9e3779b97f4a7c15ull;

// Values per generated piece (16 MiB of floats).
constexpr int64_t kChunkValues = int64_t{1} << 22;

uint64_t mix64(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

// How a tensor's values are made.
enum class Fill { Random, Ones };

struct PlannedTensor {
    TensorSpec spec;
    Fill fill = Fill::Random;
    float stddev = 0.0f;
};

std::vector<PlannedTensor> plan_tensors(const TestModelSpec& s, uint64_t n_vocab) {
    const auto n_embd = static_cast<uint64_t>(s.n_embd), n_ff = static_cast<uint64_t>(s.n_ff);
    const uint64_t n_embd_kv = n_embd / static_cast<uint64_t>(s.n_head) * static_cast<uint64_t>(s.n_head_kv);
    const bool qwen2 = s.arch == "qwen2";
    std::vector<PlannedTensor> out;
    auto matrix = [&](const std::string& name, uint64_t n_in, uint64_t n_out) {
        out.push_back({{name, GgmlType::F32, {n_in, n_out}}, Fill::Random, 1.0f / std::sqrt(static_cast<float>(n_in))});
    };
    auto vector = [&](const std::string& name, uint64_t n, Fill fill) {
        out.push_back({{name, GgmlType::F32, {n}}, fill, fill == Fill::Random ? 0.02f : 0.0f});
    };
    // llama.cpp's converter order: embedding, layers, final norm, output.
    matrix("token_embd.weight", n_embd, n_vocab);
    for (int32_t il = 0; il < s.n_layer; ++il) {
        const std::string p = "blk." + std::to_string(il) + ".";
        vector(p + "attn_norm.weight", n_embd, Fill::Ones);
        matrix(p + "attn_q.weight", n_embd, n_embd);
        matrix(p + "attn_k.weight", n_embd, n_embd_kv);
        matrix(p + "attn_v.weight", n_embd, n_embd_kv);
        if (qwen2) {
            vector(p + "attn_q.bias", n_embd, Fill::Random);
            vector(p + "attn_k.bias", n_embd_kv, Fill::Random);
            vector(p + "attn_v.bias", n_embd_kv, Fill::Random);
        }
        matrix(p + "attn_output.weight", n_embd, n_embd);
        vector(p + "ffn_norm.weight", n_embd, Fill::Ones);
        matrix(p + "ffn_gate.weight", n_embd, n_ff);
        matrix(p + "ffn_up.weight", n_embd, n_ff);
        matrix(p + "ffn_down.weight", n_ff, n_embd);
    }
    vector("output_norm.weight", n_embd, Fill::Ones);
    if (!qwen2) matrix("output.weight", n_embd, n_vocab);
    return out;
}

}  // namespace

bool validate_test_model_spec(const TestModelSpec& s, std::string* error) {
    auto fail = [&](const std::string& why) {
        if (error) *error = why;
        return false;
    };
    const auto& archs = test_model_architectures();
    if (std::find(archs.begin(), archs.end(), s.arch) == archs.end())
        return fail("architecture '" + s.arch + "' is not one of: llama, qwen2");
    const std::pair<const char*, int32_t> sizes[] = {{"n_embd", s.n_embd}, {"n_layer", s.n_layer},
                                                     {"n_head", s.n_head}, {"n_head_kv", s.n_head_kv},
                                                     {"n_ff", s.n_ff},     {"n_ctx", s.n_ctx}};
    for (const auto& [name, v] : sizes) {
        if (v <= 0) return fail(std::string(name) + " must be positive, not " + std::to_string(v));
    }
    if (s.n_embd % s.n_head != 0)
        return fail("n_embd " + std::to_string(s.n_embd) + " is not a multiple of n_head " + std::to_string(s.n_head));
    if (s.n_head % s.n_head_kv != 0)
        return fail("n_head " + std::to_string(s.n_head) + " is not a multiple of n_head_kv " +
                    std::to_string(s.n_head_kv));
    if ((s.n_embd / s.n_head) % 2 != 0)
        return fail("the head dimension n_embd / n_head = " + std::to_string(s.n_embd / s.n_head) +
                    " must be even for rope");
    return true;
}

const std::vector<std::string>& test_model_architectures() {
    static const std::vector<std::string> archs = {"llama", "qwen2"};
    return archs;
}

uint64_t test_model_tensor_key(uint64_t seed, const std::string& tensor_name) {
    uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a of the name
    for (unsigned char c : tensor_name) h = (h ^ c) * 0x100000001b3ull;
    return mix64(mix64(seed + kGolden) ^ h);
}

float test_model_value(uint64_t tensor_key, uint64_t index) {
    const uint64_t r = mix64(tensor_key + (index + 1) * kGolden);
    // Irwin-Hall(4) over 16-bit lanes: an exact integer sum, centred and scaled by a
    // float constant, so the result is bit-identical on any IEEE machine.
    const int64_t sum = static_cast<int64_t>((r & 0xffff) + ((r >> 16) & 0xffff) + ((r >> 32) & 0xffff) + (r >> 48));
    constexpr float kInvStd = static_cast<float>(1.0 / 37837.22723720648);  // 1 / sqrt((2^32 - 1) / 3)
    return static_cast<float>(sum - 131070) * kInvStd;
}

bool make_test_model(const TestModelSpec& spec, const std::string& path, const TensorProgressFn& progress,
                     std::string* error) {
    if (!validate_test_model_spec(spec, error)) return false;
    const auto vocab = GgufFile::open(spec.vocab_path, error);
    if (!vocab) return false;
    const GgufValue* tokens = vocab->find("tokenizer.ggml.tokens");
    if (tokens == nullptr || !tokens->is_array() || tokens->n_elements == 0) {
        if (error) *error = spec.vocab_path + ": no vocabulary (tokenizer.ggml.tokens)";
        return false;
    }
    const uint64_t n_vocab = tokens->n_elements;
    const QuantFileType& ft = spec.file_type ? *spec.file_type : *find_quant_file_type("f32");

    const std::vector<PlannedTensor> tensors = plan_tensors(spec, n_vocab);
    std::vector<TensorSpec> specs;
    for (const PlannedTensor& t : tensors) specs.push_back(t.spec);
    const std::vector<TensorChoice> choices = choose_tensor_types(ft, specs, spec.n_layer);

    // The keys llama.cpp's converter writes for these architectures.
    const std::string& a = spec.arch;
    GgufWriter w;
    w.set_string("general.architecture", a);
    w.set_string("general.name", "fyr-test-" + a);
    if (a == "llama") w.set_u32(a + ".vocab_size", static_cast<uint32_t>(n_vocab));
    w.set_u32(a + ".context_length", static_cast<uint32_t>(spec.n_ctx));
    w.set_u32(a + ".embedding_length", static_cast<uint32_t>(spec.n_embd));
    w.set_u32(a + ".block_count", static_cast<uint32_t>(spec.n_layer));
    w.set_u32(a + ".feed_forward_length", static_cast<uint32_t>(spec.n_ff));
    w.set_u32(a + ".rope.dimension_count", static_cast<uint32_t>(spec.n_embd / spec.n_head));
    w.set_u32(a + ".attention.head_count", static_cast<uint32_t>(spec.n_head));
    w.set_u32(a + ".attention.head_count_kv", static_cast<uint32_t>(spec.n_head_kv));
    w.set_f32(a + ".rope.freq_base", 10000.0f);
    w.set_f32(a + ".attention.layer_norm_rms_epsilon", 1e-5f);
    w.set_u32("general.file_type", ft.file_type);
    for (const std::string& key : vocab->keys()) {
        if (key.rfind("tokenizer.", 0) == 0) w.copy_key(*vocab, key);
    }
    w.set_u32("general.quantization_version", 2);
    for (size_t i = 0; i < specs.size(); ++i) {
        if (!w.add_tensor_info(specs[i].name, choices[i].type, specs[i].dims, error)) return false;
    }

    ThreadPool pool(0);  // one thread per physical core, started once for every tensor
    GgufStreamWriter out;
    if (!out.open(path, w, error)) return false;
    std::vector<float> rows;
    std::vector<uint8_t> packed;
    for (size_t i = 0; i < tensors.size(); ++i) {
        const PlannedTensor& t = tensors[i];
        const TensorChoice& c = choices[i];
        if (progress) progress({i, tensors.size(), t.spec.name, c.type, c.converted, c.note});
        const uint64_t key = test_model_tensor_key(spec.seed, t.spec.name);
        const auto n_in = static_cast<int64_t>(t.spec.dims[0]);
        const int64_t n_rows = t.spec.dims.size() > 1 ? static_cast<int64_t>(t.spec.dims[1]) : 1;
        const uint64_t dst_row = *row_bytes(*type_traits(static_cast<uint32_t>(c.type)), t.spec.dims[0]);
        const int64_t chunk = std::max<int64_t>(1, kChunkValues / n_in);
        for (int64_t r0 = 0; r0 < n_rows; r0 += chunk) {
            const int64_t nr = std::min(chunk, n_rows - r0);
            rows.resize(static_cast<size_t>(nr * n_in));
            packed.resize(static_cast<size_t>(static_cast<uint64_t>(nr) * dst_row));
            pool.run([&](int ith, int nth) {
                const auto [begin, end] = ThreadPool::split(nr, ith, nth);
                for (int64_t r = begin; r < end; ++r) {
                    float* x = rows.data() + r * n_in;
                    const auto first = static_cast<uint64_t>((r0 + r) * n_in);
                    for (int64_t j = 0; j < n_in; ++j) {
                        x[j] = t.fill == Fill::Ones
                                   ? 1.0f
                                   : test_model_value(key, first + static_cast<uint64_t>(j)) * t.stddev;
                    }
                    kernels::quantize_row(static_cast<uint32_t>(c.type), x,
                                          packed.data() + static_cast<uint64_t>(r) * dst_row, n_in);
                }
            });
            if (!out.write(packed.data(), packed.size(), error)) return false;
        }
    }
    return out.commit(error);
}

}  // namespace fyr
