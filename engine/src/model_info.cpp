#include "fyr/model_info.h"

#include <algorithm>
#include <map>

namespace fyr {
namespace {

// llama.cpp's numbering of general.file_type (llama_ftype).
std::string file_type_name(int64_t ftype) {
    static const std::map<int64_t, const char*> names{
        {0, "F32"},     {1, "F16"},     {2, "Q4_0"},    {3, "Q4_1"},    {7, "Q8_0"},    {8, "Q5_0"},
        {9, "Q5_1"},    {10, "Q2_K"},   {11, "Q3_K_S"}, {12, "Q3_K_M"}, {13, "Q3_K_L"}, {14, "Q4_K_S"},
        {15, "Q4_K_M"}, {16, "Q5_K_S"}, {17, "Q5_K_M"}, {18, "Q6_K"},   {19, "IQ2_XXS"}, {20, "IQ2_XS"},
        {21, "Q2_K_S"}, {22, "IQ3_XS"}, {23, "IQ3_XXS"}, {24, "IQ1_S"}, {25, "IQ4_NL"}, {26, "IQ3_S"},
        {27, "IQ3_M"},  {28, "IQ2_S"},  {29, "IQ2_M"},  {30, "IQ4_XS"}, {31, "IQ1_M"},  {32, "BF16"},
        {36, "TQ1_0"},  {37, "TQ2_0"},
    };
    const int64_t base = ftype & ~int64_t{1024};  // 1024 marks a guessed type
    const auto it = names.find(base);
    return it == names.end() ? "unknown(" + std::to_string(ftype) + ")" : it->second;
}

}  // namespace

ModelInfo ModelInfo::from_gguf(const GgufFile& file, int64_t n_ctx) {
    ModelInfo m;
    m.path = file.path();
    m.gguf_version = file.version();
    m.file_bytes = file.file_size();
    m.architecture = file.get_string("general.architecture").value_or("");
    m.name = file.get_string("general.name").value_or("");
    if (const auto ft = file.get_int("general.file_type")) m.file_type = file_type_name(*ft);

    std::map<std::string, TypeShare> mix;
    for (const GgufTensor& t : file.tensors()) {
        const std::string type =
            t.traits ? std::string(t.traits->name) : "unknown(" + std::to_string(t.type) + ")";
        if (!t.traits) m.unsupported_tensors.push_back(t.name);
        TypeShare& s = mix[type];
        s.type = type;
        ++s.n_tensors;
        s.n_elements += t.n_elements();
        s.n_bytes += t.n_bytes;
        m.n_params += t.n_elements();
        m.weight_bytes += t.n_bytes;
    }
    for (auto& [name, share] : mix) m.type_mix.push_back(share);
    std::sort(m.type_mix.begin(), m.type_mix.end(), [](const TypeShare& a, const TypeShare& b) {
        return a.n_bytes != b.n_bytes ? a.n_bytes > b.n_bytes : a.type < b.type;
    });

    m.n_ctx_train = file.arch_int("context_length").value_or(0);
    m.n_embd = file.arch_int("embedding_length").value_or(0);
    m.n_layer = file.arch_int("block_count").value_or(0);
    m.n_head = file.arch_int("attention.head_count").value_or(0);
    m.n_head_kv = file.arch_int("attention.head_count_kv").value_or(m.n_head);
    m.n_ff = file.arch_int("feed_forward_length").value_or(0);
    const int64_t head_dim = m.n_head > 0 ? m.n_embd / m.n_head : 0;
    m.head_dim_k = file.arch_int("attention.key_length").value_or(head_dim);
    m.head_dim_v = file.arch_int("attention.value_length").value_or(head_dim);
    m.rope_freq_base = file.arch_float("rope.freq_base").value_or(10000.0);
    m.rms_norm_eps = file.arch_float("attention.layer_norm_rms_epsilon").value_or(0.0);

    m.vocab_type = file.get_string("tokenizer.ggml.model").value_or("");
    m.pre_type = file.get_string("tokenizer.ggml.pre").value_or("");
    const GgufValue* tokens = file.find("tokenizer.ggml.tokens");
    const bool tokens_ok = tokens && tokens->is_array() && tokens->elem_type == GgufValueType::String;
    m.n_vocab = tokens_ok ? static_cast<int64_t>(tokens->n_elements) : 0;
    if (const GgufValue* merges = file.find("tokenizer.ggml.merges"); merges && merges->is_array()) {
        m.n_merges = static_cast<int64_t>(merges->n_elements);
    }
    // GGUF spells "separator" as "seperator" in its key; both are read.
    const std::pair<const char*, const char*> roles[] = {
        {"bos", "tokenizer.ggml.bos_token_id"},         {"eos", "tokenizer.ggml.eos_token_id"},
        {"eot", "tokenizer.ggml.eot_token_id"},         {"eom", "tokenizer.ggml.eom_token_id"},
        {"unknown", "tokenizer.ggml.unknown_token_id"}, {"padding", "tokenizer.ggml.padding_token_id"},
        {"separator", "tokenizer.ggml.seperator_token_id"}, {"separator", "tokenizer.ggml.separator_token_id"},
        {"mask", "tokenizer.ggml.mask_token_id"},
    };
    for (const auto& [role, key] : roles) {
        const auto id = file.get_int(key);
        // Writers store "none" as -1 or as 0xFFFFFFFF in a uint32; either way, not a token.
        if (!id || *id < 0 || (tokens_ok && static_cast<uint64_t>(*id) >= tokens->n_elements)) continue;
        SpecialToken s;
        s.role = role;
        s.id = *id;
        if (tokens_ok && *id >= 0 && static_cast<uint64_t>(*id) < tokens->n_elements) {
            s.text = std::string(tokens->strings[static_cast<size_t>(*id)]);
        }
        m.special_tokens.push_back(std::move(s));
    }
    if (const auto tmpl = file.get_string("tokenizer.chat_template")) {
        m.has_chat_template = true;
        m.chat_template_bytes = tmpl->size();
    }

    m.n_ctx = n_ctx > 0 ? n_ctx : (m.n_ctx_train > 0 ? m.n_ctx_train : 4096);
    const uint64_t k_row = static_cast<uint64_t>(std::max<int64_t>(0, m.n_head_kv * m.head_dim_k));
    const uint64_t v_row = static_cast<uint64_t>(std::max<int64_t>(0, m.n_head_kv * m.head_dim_v));
    const GgmlType kv_types[] = {GgmlType::F32, GgmlType::F16, GgmlType::BF16, GgmlType::Q8_0, GgmlType::Q4_0};
    for (GgmlType t : kv_types) {
        const TypeTraits& traits = *type_traits(static_cast<uint32_t>(t));
        // Quantized caches store whole blocks per row; a row that is not a whole
        // number of blocks cannot use that type.
        const auto k_bytes = row_bytes(traits, k_row);
        const auto v_bytes = row_bytes(traits, v_row);
        if (!k_bytes || !v_bytes || k_row == 0) continue;
        KvEstimate e;
        e.type = std::string(traits.name);
        e.bytes_per_token = (*k_bytes + *v_bytes) * static_cast<uint64_t>(std::max<int64_t>(0, m.n_layer));
        e.bytes_total = e.bytes_per_token * static_cast<uint64_t>(m.n_ctx);
        m.kv.push_back(e);
    }
    return m;
}

uint64_t ModelInfo::memory_bytes(const std::string& kv_type) const {
    for (const KvEstimate& e : kv) {
        if (e.type == kv_type) return weight_bytes + e.bytes_total;
    }
    return 0;
}

}  // namespace fyr
