#include "fyr/model.h"

#include <cstdint>
#include <string_view>

#include "arch_registry.h"
#include "fyr/gguf_file.h"
#include "fyr/kernels/dequantize.h"

namespace fyr {

void WeightTensor::dequantize_row(int64_t r, float* dst) const {
    kernels::dequantize_row(type, data + static_cast<uint64_t>(r) * row_bytes, dst, n_in);
}

namespace {

class Loader {
public:
    Loader(const GgufFile& file, std::string* error) : m_file(file), m_error(error) {}

    void set_arch(const std::string& arch) { m_arch = arch; }

    bool fail(const std::string& what) {
        if (m_error) *m_error = m_file.path() + ": " + what;
        return false;
    }

    bool read_int(std::string_view suffix, int32_t* out, bool required) {
        const auto v = m_file.arch_int(suffix);
        if (!v) return required ? fail("missing metadata key '" + m_arch + "." + std::string(suffix) + "'") : true;
        if (*v <= 0 || *v > INT32_MAX)
            return fail("metadata key '" + m_arch + "." + std::string(suffix) + "' is out of range");
        *out = static_cast<int32_t>(*v);
        return true;
    }

    bool read_float(std::string_view suffix, float* out, bool required) {
        const auto v = m_file.arch_float(suffix);
        if (!v) return required ? fail("missing metadata key '" + m_arch + "." + std::string(suffix) + "'") : true;
        *out = static_cast<float>(*v);
        return true;
    }

    // Finds `name` with the shape [n_in] (n_out == 0) or [n_in, n_out].
    bool tensor(const std::string& name, int64_t n_in, int64_t n_out, bool required, WeightTensor* out) {
        const GgufTensor* t = m_file.find_tensor(name);
        if (!t) return required ? fail("missing tensor '" + name + "'") : true;
        const bool matrix = n_out > 0;
        const size_t n_dims = matrix ? 2 : 1;
        bool shape_ok = t->dims.size() >= n_dims && static_cast<int64_t>(t->dims[0]) == n_in &&
                        (!matrix || static_cast<int64_t>(t->dims[1]) == n_out);
        for (size_t i = n_dims; i < t->dims.size(); ++i) shape_ok = shape_ok && t->dims[i] == 1;
        if (!shape_ok) {
            std::string dims;
            for (uint64_t d : t->dims) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
            return fail("tensor '" + name + "' has shape [" + dims + "], expected [" + std::to_string(n_in) +
                        (matrix ? ", " + std::to_string(n_out) : std::string()) + "]");
        }
        std::string why;
        const uint8_t* data = m_file.tensor_data(*t, &why);
        if (!data) {
            if (m_error) *m_error = why;
            return false;
        }
        if (!kernels::dequantize_supported(t->type))
            return fail("tensor '" + name + "': type " + std::string(t->traits->name) + " is not supported yet");
        const auto rb = row_bytes(*t->traits, static_cast<uint64_t>(n_in));
        if (!rb) {
            return fail("tensor '" + name + "': a row of " + std::to_string(n_in) +
                        " values is not a whole number of " + std::string(t->traits->name) + " blocks");
        }
        out->tensor = t;
        out->data = data;
        out->type = t->type;
        out->n_in = n_in;
        out->n_out = matrix ? n_out : 1;
        out->row_bytes = *rb;
        return true;
    }

private:
    const GgufFile& m_file;
    std::string* m_error;
    std::string m_arch;
};

}  // namespace

std::vector<std::string> model_architectures() {
    std::vector<std::string> names;
    for (const auto* spec : model_arch::arch_registry()) names.emplace_back(spec->name);
    return names;
}

std::unique_ptr<Model> Model::load(const GgufFile& file, std::string* error) {
    Loader ld(file, error);
    const auto arch = file.get_string("general.architecture");
    if (!arch) {
        ld.fail("missing metadata key 'general.architecture'");
        return nullptr;
    }
    const model_arch::ArchSpec* spec = model_arch::find_arch(*arch);
    if (!spec) {
        std::string known;
        for (const auto& n : model_architectures()) known += (known.empty() ? "" : ", ") + n;
        ld.fail("architecture '" + *arch + "' is not supported (supported: " + known + ")");
        return nullptr;
    }

    ld.set_arch(*arch);
    std::unique_ptr<Model> model(new Model());
    model->m_file = &file;
    ModelHParams& hp = model->m_hparams;
    hp.arch = *arch;
    hp.rope_mode = spec->rope_mode;
    if (!ld.read_int("embedding_length", &hp.n_embd, true) || !ld.read_int("feed_forward_length", &hp.n_ff, true) ||
        !ld.read_int("block_count", &hp.n_layer, true) || !ld.read_int("attention.head_count", &hp.n_head, true))
        return nullptr;
    hp.n_head_kv = hp.n_head;
    hp.n_ctx_train = 2048;
    if (!ld.read_int("attention.head_count_kv", &hp.n_head_kv, false) ||
        !ld.read_int("context_length", &hp.n_ctx_train, false) ||
        !ld.read_float("attention.layer_norm_rms_epsilon", &hp.rms_eps, true) ||
        !ld.read_float("rope.freq_base", &hp.rope_freq_base, false))
        return nullptr;
    if (hp.n_head % hp.n_head_kv != 0) {
        ld.fail("head_count " + std::to_string(hp.n_head) + " is not a multiple of head_count_kv " +
                std::to_string(hp.n_head_kv));
        return nullptr;
    }
    if (hp.n_embd % hp.n_head != 0 && !file.arch_int("attention.key_length")) {
        ld.fail("embedding_length is not a multiple of head_count");
        return nullptr;
    }
    hp.n_embd_head = hp.n_embd / hp.n_head;
    if (!ld.read_int("attention.key_length", &hp.n_embd_head, false)) return nullptr;
    int32_t value_length = hp.n_embd_head;
    if (!ld.read_int("attention.value_length", &value_length, false)) return nullptr;
    if (value_length != hp.n_embd_head) {
        ld.fail("attention.value_length differs from attention.key_length (not supported)");
        return nullptr;
    }
    hp.n_rot = hp.n_embd_head;
    if (!ld.read_int("rope.dimension_count", &hp.n_rot, false)) return nullptr;
    if (hp.n_rot > hp.n_embd_head || hp.n_rot % 2 != 0) {
        ld.fail("rope.dimension_count " + std::to_string(hp.n_rot) + " does not fit the head dimension " +
                std::to_string(hp.n_embd_head));
        return nullptr;
    }

    // The vocabulary size comes from the embedding matrix.
    const GgufTensor* embd = file.find_tensor("token_embd.weight");
    if (!embd) {
        ld.fail("missing tensor 'token_embd.weight'");
        return nullptr;
    }
    if (embd->dims.size() < 2 || embd->dims[1] == 0 || embd->dims[1] > INT32_MAX) {
        ld.fail("tensor 'token_embd.weight' is not a [n_embd, n_vocab] matrix");
        return nullptr;
    }
    hp.n_vocab = static_cast<int32_t>(embd->dims[1]);

    const int64_t n_embd = hp.n_embd, n_q = hp.n_embd_q(), n_kv = hp.n_embd_kv(), n_ff = hp.n_ff;
    if (!ld.tensor("token_embd.weight", n_embd, hp.n_vocab, true, &model->m_token_embd) ||
        !ld.tensor("output_norm.weight", n_embd, 0, true, &model->m_output_norm) ||
        !ld.tensor("output.weight", n_embd, hp.n_vocab, false, &model->m_output))
        return nullptr;
    if (!model->m_output) model->m_output = model->m_token_embd;

    model->m_layers.resize(static_cast<size_t>(hp.n_layer));
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        LayerWeights& l = model->m_layers[static_cast<size_t>(il)];
        const std::string p = "blk." + std::to_string(il) + ".";
        if (!ld.tensor(p + "attn_norm.weight", n_embd, 0, true, &l.attn_norm) ||
            !ld.tensor(p + "attn_q.weight", n_embd, n_q, true, &l.wq) ||
            !ld.tensor(p + "attn_k.weight", n_embd, n_kv, true, &l.wk) ||
            !ld.tensor(p + "attn_v.weight", n_embd, n_kv, true, &l.wv) ||
            !ld.tensor(p + "attn_q.bias", n_q, 0, spec->qkv_bias, &l.bq) ||
            !ld.tensor(p + "attn_k.bias", n_kv, 0, spec->qkv_bias, &l.bk) ||
            !ld.tensor(p + "attn_v.bias", n_kv, 0, spec->qkv_bias, &l.bv) ||
            !ld.tensor(p + "attn_output.weight", n_q, n_embd, true, &l.wo) ||
            !ld.tensor(p + "ffn_norm.weight", n_embd, 0, true, &l.ffn_norm) ||
            !ld.tensor(p + "ffn_gate.weight", n_embd, n_ff, true, &l.ffn_gate) ||
            !ld.tensor(p + "ffn_up.weight", n_embd, n_ff, true, &l.ffn_up) ||
            !ld.tensor(p + "ffn_down.weight", n_ff, n_embd, true, &l.ffn_down))
            return nullptr;
    }
    return model;
}

uint64_t Model::weight_bytes_per_token() const {
    auto bytes = [](const WeightTensor& w) { return w ? w.row_bytes * static_cast<uint64_t>(w.n_out) : 0; };
    uint64_t total = m_token_embd.row_bytes + bytes(m_output_norm) + bytes(m_output);
    for (const LayerWeights& l : m_layers) {
        for (const WeightTensor* w : {&l.attn_norm, &l.wq, &l.wk, &l.wv, &l.bq, &l.bk, &l.bv, &l.wo, &l.ffn_norm,
                                      &l.ffn_gate, &l.ffn_up, &l.ffn_down})
            total += bytes(*w);
    }
    return total;
}

}  // namespace fyr
