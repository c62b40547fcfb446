#include "fyr/vocab.h"

#include <algorithm>

#include "fyr/gguf_file.h"
#include "fyr/log.h"

namespace fyr {
namespace {

bool fail(std::string* error, const GgufFile& file, const std::string& message) {
    if (error) *error = file.path() + ": " + message;
    return false;
}

}  // namespace

std::string_view Vocab::text(int32_t token_id) const {
    const Token& t = m_tokens[static_cast<size_t>(token_id)];
    return std::string_view(m_text).substr(t.offset, t.size);
}

int32_t Vocab::find(std::string_view text) const {
    const auto it = m_index.find(text);
    return it == m_index.end() ? -1 : it->second;
}

bool Vocab::is_eog(int32_t token_id) const {
    return token_id >= 0 && std::find(m_eog_ids.begin(), m_eog_ids.end(), token_id) != m_eog_ids.end();
}

std::unique_ptr<Vocab> Vocab::from_gguf(const GgufFile& file, std::string* error) {
    std::unique_ptr<Vocab> v(new Vocab());
    const auto model = file.get_string("tokenizer.ggml.model");
    if (!model) {
        fail(error, file, "missing key 'tokenizer.ggml.model' (expected \"llama\" or \"gpt2\")");
        return nullptr;
    }
    v->m_model_name = *model;
    if (*model == "llama") {
        v->m_model = VocabModel::Spm;
        // SentencePiece defaults when the file does not say otherwise.
        v->m_bos_id = 1;
        v->m_eos_id = 2;
        v->m_unk_id = 0;
        v->m_add_bos = true;
        v->m_add_space_prefix = true;
    } else if (*model == "gpt2") {
        v->m_model = VocabModel::Bpe;
        v->m_bos_id = 11;
        v->m_eos_id = 11;
    } else {
        fail(error, file, "tokenizer.ggml.model is '" + *model +
                              "'; supported vocabularies are \"llama\" (SentencePiece) and \"gpt2\" (byte-level BPE)");
        return nullptr;
    }
    v->m_pre_name = file.get_string("tokenizer.ggml.pre").value_or("");

    const GgufValue* tokens = file.find("tokenizer.ggml.tokens");
    if (!tokens || !tokens->is_array() || tokens->elem_type != GgufValueType::String) {
        fail(error, file, "missing or bad 'tokenizer.ggml.tokens' (expected an array of strings)");
        return nullptr;
    }
    const size_t n = tokens->strings.size();
    if (n == 0 || n > 0x7FFFFFFF) {
        fail(error, file, "'tokenizer.ggml.tokens' has " + std::to_string(n) + " entries (expected 1..2^31-1)");
        return nullptr;
    }
    const GgufValue* scores = file.find("tokenizer.ggml.scores");
    if (scores && (!scores->is_array() || scores->n_elements != n)) {
        fail(error, file, "'tokenizer.ggml.scores' must be a numeric array with one entry per token");
        return nullptr;
    }
    const GgufValue* types = file.find("tokenizer.ggml.token_type");
    if (types && (!types->is_array() || types->n_elements != n)) {
        fail(error, file, "'tokenizer.ggml.token_type' must be an integer array with one entry per token");
        return nullptr;
    }

    size_t total = 0;
    for (const auto& s : tokens->strings) total += s.empty() ? 24 : s.size();
    if (total > 0xFFFFFFFFu) {
        fail(error, file, "'tokenizer.ggml.tokens' holds more than 4 GiB of text");
        return nullptr;
    }
    v->m_text.reserve(total);
    v->m_tokens.resize(n);
    for (size_t i = 0; i < n; ++i) {
        Token& t = v->m_tokens[i];
        t.offset = static_cast<uint32_t>(v->m_text.size());
        // An empty text would be unreachable and ambiguous; give it a unique name.
        if (tokens->strings[i].empty()) {
            v->m_text += "[EMPTY_" + std::to_string(i) + "]";
        } else {
            v->m_text += tokens->strings[i];
        }
        t.size = static_cast<uint32_t>(v->m_text.size() - t.offset);
        if (scores) t.score = static_cast<float>(scores->number_at(i).value_or(0.0));
        if (types) {
            const int64_t ty = types->int_at(i).value_or(0);
            t.type = (ty >= 1 && ty <= 6) ? static_cast<TokenType>(ty) : TokenType::Undefined;
        }
    }
    v->m_index.reserve(n);
    for (size_t i = 0; i < n; ++i) v->m_index.insert_or_assign(v->text(static_cast<int32_t>(i)), static_cast<int32_t>(i));

    if (v->m_model == VocabModel::Bpe) {
        const GgufValue* merges = file.find("tokenizer.ggml.merges");
        if (!merges || !merges->is_array() || merges->elem_type != GgufValueType::String) {
            fail(error, file, "missing or bad 'tokenizer.ggml.merges' (a gpt2 vocabulary needs an array of \"left right\" strings)");
            return nullptr;
        }
        size_t merge_bytes = 0;
        for (const auto& m : merges->strings) merge_bytes += m.size();
        v->m_merge_text.reserve(merge_bytes);
        for (const auto& m : merges->strings) v->m_merge_text += m;
        std::string_view all(v->m_merge_text);
        size_t offset = 0;
        size_t skipped = 0;
        v->m_merges.reserve(merges->strings.size());
        for (const auto& m : merges->strings) {
            const std::string_view merge = all.substr(offset, m.size());
            offset += m.size();
            // The separator is the first space after the first byte, so a left
            // part that starts with a space still splits correctly.
            const size_t space = merge.size() > 1 ? merge.find(' ', 1) : std::string_view::npos;
            if (space == std::string_view::npos) {
                ++skipped;
                continue;
            }
            v->m_merges.emplace_back(merge.substr(0, space), merge.substr(space + 1));
        }
        if (skipped) {
            FYR_LOG_WARN("tokenizer", file.path() + ": skipped " + std::to_string(skipped) +
                                          " entries of 'tokenizer.ggml.merges' without a \"left right\" space");
        }
    }

    const auto read_id = [&](const char* key, int32_t* id) {
        const auto value = file.get_int(key);
        if (!value) return;
        // 0xFFFFFFFF (-1 as uint32) is how converters write "no such token".
        if (*value == 0xFFFFFFFFLL || *value == -1) {
            *id = -1;
            return;
        }
        if (*value < 0 || *value >= static_cast<int64_t>(n)) {
            FYR_LOG_WARN("tokenizer", file.path() + ": " + key + " = " + std::to_string(*value) +
                                          " is outside the vocabulary (0.." + std::to_string(n - 1) +
                                          "); keeping " + std::to_string(*id));
            return;
        }
        *id = static_cast<int32_t>(*value);
    };
    read_id("tokenizer.ggml.bos_token_id", &v->m_bos_id);
    read_id("tokenizer.ggml.eos_token_id", &v->m_eos_id);
    read_id("tokenizer.ggml.eot_token_id", &v->m_eot_id);
    read_id("tokenizer.ggml.eom_token_id", &v->m_eom_id);
    read_id("tokenizer.ggml.unknown_token_id", &v->m_unk_id);
    read_id("tokenizer.ggml.padding_token_id", &v->m_pad_id);
    for (int32_t* id : {&v->m_bos_id, &v->m_eos_id, &v->m_unk_id}) {
        if (*id >= static_cast<int32_t>(n)) *id = -1;  // a default beyond a tiny vocabulary
    }

    // The Llama-3 style pre-tokenizers add BOS unless the file says otherwise.
    if (v->m_model == VocabModel::Bpe) {
        const std::string& pre = v->m_pre_name;
        if (pre == "llama3" || pre == "llama-v3" || pre == "llama-bpe" || pre == "falcon3") v->m_add_bos = true;
    }
    if (const auto b = file.get_bool("tokenizer.ggml.add_bos_token")) v->m_add_bos = *b;
    if (const auto b = file.get_bool("tokenizer.ggml.add_eos_token")) v->m_add_eos = *b;
    if (const auto b = file.get_bool("tokenizer.ggml.add_space_prefix")) {
        if (v->m_model == VocabModel::Spm) v->m_add_space_prefix = *b;
    }

    // End of generation: the explicit ids plus control tokens whose text marks an
    // end of turn in common chat formats.
    for (int32_t id : {v->m_eos_id, v->m_eot_id, v->m_eom_id}) {
        if (id >= 0 && !v->is_eog(id)) v->m_eog_ids.push_back(id);
    }
    static const char* const k_eog_texts[] = {"<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
                                              "<|endoftext|>", "<EOT>", "<|end_of_text|>", "<|eom_id|>",
                                              "<end_of_utterance>"};
    for (const char* t : k_eog_texts) {
        const int32_t id = v->find(t);
        if (id >= 0 && v->type(id) == TokenType::Control && !v->is_eog(id)) v->m_eog_ids.push_back(id);
    }
    return v;
}

}  // namespace fyr
