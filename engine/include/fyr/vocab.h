// The vocabulary stored in a GGUF file's tokenizer.* keys: token texts, scores
// and types, the BPE merges, the special token ids and the add-BOS/EOS flags,
// with the defaults llama.cpp applies when a key is missing.
//
//   std::string error;
//   auto vocab = fyr::Vocab::from_gguf(*file, &error);   // nullptr + error on failure
//   int32_t id = vocab->find("\xC4\xA0the");               // -1 when absent
//   std::string_view text = vocab->text(id);
//
// A Vocab is immutable after from_gguf(): any number of threads may read it.
// It copies what it needs, so it does not keep the GgufFile alive.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fyr {

class GgufFile;

// tokenizer.ggml.token_type values.
enum class TokenType : uint8_t {
    Undefined = 0, Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6,
};

enum class VocabModel : uint8_t { Spm, Bpe };  // tokenizer.ggml.model "llama" / "gpt2"

class Vocab final {
public:
    static std::unique_ptr<Vocab> from_gguf(const GgufFile& file, std::string* error);

    VocabModel model() const { return m_model; }
    std::string_view model_name() const { return m_model_name; }  // "llama" / "gpt2"
    std::string_view pre_name() const { return m_pre_name; }      // tokenizer.ggml.pre, may be empty

    int32_t n_vocab() const { return static_cast<int32_t>(m_tokens.size()); }
    bool valid_id(int32_t token_id) const { return token_id >= 0 && token_id < n_vocab(); }
    std::string_view text(int32_t token_id) const;  // precondition: valid_id
    float score(int32_t token_id) const { return m_tokens[static_cast<size_t>(token_id)].score; }
    TokenType type(int32_t token_id) const { return m_tokens[static_cast<size_t>(token_id)].type; }
    // Id of the token with exactly this text (the last one if texts repeat), or -1.
    int32_t find(std::string_view text) const;

    // Merges in rank order as (left, right) text pairs (BPE only).
    const std::vector<std::pair<std::string_view, std::string_view>>& merges() const { return m_merges; }

    // Special ids; -1 when the vocabulary has none.
    int32_t bos_id() const { return m_bos_id; }
    int32_t eos_id() const { return m_eos_id; }
    int32_t eot_id() const { return m_eot_id; }
    int32_t eom_id() const { return m_eom_id; }
    int32_t unk_id() const { return m_unk_id; }
    int32_t pad_id() const { return m_pad_id; }
    bool add_bos() const { return m_add_bos; }
    bool add_eos() const { return m_add_eos; }
    bool add_space_prefix() const { return m_add_space_prefix; }
    // End-of-generation tokens: EOS, EOT, EOM and control tokens such as <|im_end|>.
    bool is_eog(int32_t token_id) const;
    const std::vector<int32_t>& eog_ids() const { return m_eog_ids; }

private:
    Vocab() = default;
    struct Token {
        uint32_t offset = 0;  // into m_text
        uint32_t size = 0;
        float score = 0.0f;
        TokenType type = TokenType::Normal;
    };

    VocabModel m_model = VocabModel::Spm;
    std::string m_model_name;
    std::string m_pre_name;
    std::string m_text;  // all token texts, back to back
    std::vector<Token> m_tokens;
    std::unordered_map<std::string_view, int32_t> m_index;
    std::string m_merge_text;
    std::vector<std::pair<std::string_view, std::string_view>> m_merges;
    int32_t m_bos_id = -1, m_eos_id = -1, m_eot_id = -1, m_eom_id = -1, m_unk_id = -1, m_pad_id = -1;
    bool m_add_bos = false, m_add_eos = false, m_add_space_prefix = false;
    std::vector<int32_t> m_eog_ids;
};

}  // namespace fyr
