// Text <-> token ids with the vocabulary stored in a GGUF file, giving the same
// ids as llama.cpp: SentencePiece-style ("llama": scores, byte fallback, the
// leading U+2581 space) and byte-level BPE ("gpt2": ranked merges after the
// pre-tokenizer split named by tokenizer.ggml.pre).
//
//   std::string error;
//   auto file = fyr::GgufFile::open("model.gguf", &error);
//   auto tok = fyr::Tokenizer::from_gguf(*file, &error);      // nullptr + error
//   std::vector<int32_t> ids = tok->encode("Hello world", /*add_special=*/true, /*parse_special=*/false);
//   std::string text = tok->decode(ids);                       // "Hello world"
//
// Special tokens: with parse_special, the text of any control, unknown or
// user-defined token found in the input becomes that token (longest texts
// first); without it only user-defined tokens are matched, as llama.cpp does.
//
// Malformed UTF-8 input never fails. SentencePiece vocabularies cut the text
// (spaces already written as U+2581) into characters by each lead byte's length
// and spell a character without a token as <0xXX> byte tokens, so decode()
// gives malformed bytes back (a truncated sequence just before a space takes
// bytes of that space's U+2581 instead). BPE vocabularies read each byte that
// does not start a well-formed sequence as U+FFFD (unicode::decode_utf8 says
// exactly which).
//
// Thread-safe: a Tokenizer is immutable after from_gguf(); encode(), decode()
// and token_to_piece() may run concurrently on one const Tokenizer.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fyr/vocab.h"

namespace fyr {

class GgufFile;

class Tokenizer final {
public:
    // Fails (nullptr, error naming the file and key) for a vocabulary type other
    // than "llama" or "gpt2" or a malformed tokenizer.* key. An unknown
    // tokenizer.ggml.pre logs a warning and uses the default split.
    static std::unique_ptr<Tokenizer> from_gguf(const GgufFile& file, std::string* error);
    ~Tokenizer();
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    // add_special: BOS/EOS as the vocabulary asks (add_bos()/add_eos()).
    std::vector<int32_t> encode(std::string_view text, bool add_special, bool parse_special) const;

    // A prompt as llama.cpp's tools make it: BOS when the vocabulary asks for one
    // (unless with_bos is false or the text already starts with the BOS token),
    // the text, then EOS when the vocabulary asks for one.
    std::vector<int32_t> encode_prompt(std::string_view text, bool with_bos, bool parse_special) const;

    // The words a BPE vocabulary merges within, as UTF-8 (malformed bytes read
    // as U+FFFD), after special tokens are cut out as for encode(). A
    // SentencePiece vocabulary does not pre-split: its raw stretches come back whole.
    std::vector<std::string> pre_tokenize(std::string_view text, bool parse_special) const;

    // The bytes of one token (possibly part of a UTF-8 sequence). Control and
    // unknown tokens give "" unless `special`. Out-of-range ids give "".
    std::string token_to_piece(int32_t token_id, bool special) const;
    // Concatenated pieces; for SentencePiece vocabularies with a space prefix the
    // leading space of the first non-empty piece is dropped, so
    // decode(encode(x)) == x. Spaces before punctuation are kept as they are
    // (no clean-up), so BPE text also comes back unchanged.
    std::string decode(const std::vector<int32_t>& ids, bool special = false) const;

    const Vocab& vocab() const { return *m_vocab; }
    int32_t n_vocab() const { return m_vocab->n_vocab(); }
    int32_t bos_id() const { return m_vocab->bos_id(); }
    int32_t eos_id() const { return m_vocab->eos_id(); }
    int32_t eot_id() const { return m_vocab->eot_id(); }
    int32_t unk_id() const { return m_vocab->unk_id(); }
    int32_t pad_id() const { return m_vocab->pad_id(); }
    bool add_bos() const { return m_vocab->add_bos(); }
    bool add_eos() const { return m_vocab->add_eos(); }
    bool is_eog(int32_t token_id) const { return m_vocab->is_eog(token_id); }
    // Whether decode() drops the first piece's leading space.
    bool strips_leading_space() const;
    std::string_view model_type() const { return m_vocab->model_name(); }  // "llama" / "gpt2"
    std::string_view pre_type() const { return m_vocab->pre_name(); }

private:
    Tokenizer();
    struct Impl;
    std::unique_ptr<Vocab> m_vocab;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace fyr
