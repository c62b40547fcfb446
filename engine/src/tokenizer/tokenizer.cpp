#include "fyr/tokenizer.h"

#include <algorithm>
#include <unordered_map>

#include "bpe_encoder.h"
#include "fyr/gguf_file.h"
#include "fyr/log.h"
#include "fyr/unicode.h"
#include "pre_tokenizer.h"
#include "spm_encoder.h"

namespace fyr {
namespace {

// A stretch of the input: raw text, or a special token found in it.
struct Fragment {
    int32_t token_id;  // -1: raw text
    size_t offset;
    size_t size;
};

constexpr std::string_view k_spm_space = "\xE2\x96\x81";  // U+2581, SentencePiece's visible space

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

bool is_ascii_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string lowercase(std::string s) {
    for (char& c : s) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

struct Tokenizer::Impl {
    PreTokenizer pre;
    std::unique_ptr<SpmEncoder> spm;
    std::unique_ptr<BpeEncoder> bpe;
    // Control, unknown and user-defined tokens, longest text first.
    std::vector<int32_t> special_ids;
    // Per token id: k_lstrip / k_rstrip, whitespace a special token swallows.
    std::vector<uint8_t> strip;
    static constexpr uint8_t k_lstrip = 1;
    static constexpr uint8_t k_rstrip = 2;

    std::vector<Fragment> partition(std::string_view text, bool parse_special, const Vocab& v) const;
};

// Cuts the special tokens out of the text, longest first, each one in the raw
// stretches the longer ones left.
std::vector<Fragment> Tokenizer::Impl::partition(std::string_view text, bool parse_special, const Vocab& v) const {
    std::vector<Fragment> fragments;
    if (!text.empty()) fragments.push_back({-1, 0, text.size()});
    std::vector<Fragment> next;
    for (const int32_t id : special_ids) {
        if (!parse_special && v.type(id) != TokenType::UserDefined) continue;
        const std::string_view special = v.text(id);
        bool found = false;
        for (const Fragment& f : fragments) {
            if (f.token_id < 0 && f.size >= special.size() &&
                text.substr(f.offset, f.size).find(special) != std::string_view::npos) {
                found = true;
                break;
            }
        }
        if (!found) continue;
        next.clear();
        for (const Fragment& f : fragments) {
            if (f.token_id >= 0) {
                next.push_back(f);
                continue;
            }
            const std::string_view raw = text.substr(f.offset, f.size);
            const uint8_t strip_flags = strip[static_cast<size_t>(id)];
            size_t pos = 0;
            for (size_t hit = raw.find(special); hit != std::string_view::npos; hit = raw.find(special, pos)) {
                size_t left_end = hit;
                if (strip_flags & k_lstrip) {
                    while (left_end > pos && is_ascii_space(raw[left_end - 1])) --left_end;
                }
                if (left_end > pos) next.push_back({-1, f.offset + pos, left_end - pos});
                next.push_back({id, f.offset + hit, special.size()});
                pos = hit + special.size();
                if (strip_flags & k_rstrip) {
                    while (pos < raw.size() && is_ascii_space(raw[pos])) ++pos;
                }
            }
            if (pos < raw.size()) next.push_back({-1, f.offset + pos, raw.size() - pos});
        }
        fragments.swap(next);
    }

    return fragments;
}

namespace {

// A code point view of one raw stretch (malformed bytes as U+FFFD), with the
// byte offset of each code point in the re-encoded text.
void decode_stretch(std::string_view raw, std::u32string* cpts, std::vector<size_t>* byte_at, std::string* clean) {
    cpts->clear();
    byte_at->clear();
    clean->clear();
    for (size_t pos = 0; pos < raw.size();) {
        char32_t cp = 0;
        pos += unicode::decode_utf8(raw, pos, &cp);
        byte_at->push_back(clean->size());
        cpts->push_back(cp);
        unicode::append_utf8(*clean, cp);
    }
    byte_at->push_back(clean->size());
}

}  // namespace

Tokenizer::Tokenizer() = default;
Tokenizer::~Tokenizer() = default;

std::unique_ptr<Tokenizer> Tokenizer::from_gguf(const GgufFile& file, std::string* error) {
    auto vocab = Vocab::from_gguf(file, error);
    if (!vocab) return nullptr;
    std::unique_ptr<Tokenizer> t(new Tokenizer());
    t->m_vocab = std::move(vocab);
    t->m_impl = std::make_unique<Impl>();
    const Vocab& v = *t->m_vocab;
    if (v.model() == VocabModel::Spm) {
        t->m_impl->spm = std::make_unique<SpmEncoder>(v);
    } else {
        bool known = true;
        t->m_impl->pre = PreTokenizer::for_name(v.pre_name(), &known);
        if (!known) {
            FYR_LOG_WARN("tokenizer", file.path() + ": tokenizer.ggml.pre '" + std::string(v.pre_name()) +
                                          "' is not known; using the default pre-tokenizer split");
        }
        const std::string_view pre = v.pre_name();
        const bool ignore_merges = pre == "llama3" || pre == "llama-v3" || pre == "llama-bpe" || pre == "falcon3";
        t->m_impl->bpe = std::make_unique<BpeEncoder>(v, ignore_merges);
    }
    for (int32_t id = 0; id < v.n_vocab(); ++id) {
        const TokenType ty = v.type(id);
        if (ty == TokenType::Control || ty == TokenType::UserDefined || ty == TokenType::Unknown) {
            t->m_impl->special_ids.push_back(id);
        }
    }
    // Whitespace stripping around special tokens that some models' converted
    // tokenizers rely on (the same per-model rules llama.cpp applies).
    auto& strip = t->m_impl->strip;
    strip.assign(static_cast<size_t>(v.n_vocab()), 0);
    const auto set_strip = [&](std::string_view text, uint8_t flag, bool on) {
        const int32_t id = v.find(text);
        if (id < 0) return;
        auto& f = strip[static_cast<size_t>(id)];
        f = static_cast<uint8_t>(on ? (f | flag) : (f & ~flag));
    };
    const std::string model_name = lowercase(file.get_string("general.name").value_or(""));
    const std::string_view pre = v.pre_name();
    if (pre.find("jina-v2-de") != std::string_view::npos || pre.find("jina-v2-es") != std::string_view::npos ||
        pre.find("jina-v2-code") != std::string_view::npos) {
        set_strip("<mask>", Impl::k_lstrip, true);
    } else if (model_name.find("phi-3") != std::string::npos || model_name.find("phi3") != std::string::npos) {
        for (const int32_t id : t->m_impl->special_ids) strip[static_cast<size_t>(id)] |= Impl::k_rstrip;
        set_strip("</s>", Impl::k_rstrip, true);
        for (const char* text : {"<unk>", "<s>", "<|endoftext|>"}) set_strip(text, Impl::k_rstrip, false);
    }
    std::stable_sort(t->m_impl->special_ids.begin(), t->m_impl->special_ids.end(),
                     [&v](int32_t a, int32_t b) { return v.text(a).size() > v.text(b).size(); });
    return t;
}

bool Tokenizer::strips_leading_space() const {
    return m_vocab->model() == VocabModel::Spm && m_vocab->add_space_prefix();
}

std::vector<int32_t> Tokenizer::encode_prompt(std::string_view text, bool with_bos, bool parse_special) const {
    const Vocab& v = *m_vocab;
    const std::vector<int32_t> body = encode(text, /*add_special=*/false, parse_special);
    // A chat template usually writes the BOS text itself; with parse_special it is already there.
    const bool bos = with_bos && v.add_bos() && v.bos_id() >= 0 && (body.empty() || body.front() != v.bos_id());
    std::vector<int32_t> ids;
    ids.reserve(body.size() + 2);
    if (bos) ids.push_back(v.bos_id());
    for (const int32_t id : body) ids.push_back(id);
    if (v.add_eos() && v.eos_id() >= 0) ids.push_back(v.eos_id());
    return ids;
}

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special, bool parse_special) const {
    const Vocab& v = *m_vocab;
    std::vector<int32_t> out;
    if (add_special && v.add_bos() && v.bos_id() >= 0) out.push_back(v.bos_id());

    const std::vector<Fragment> fragments = m_impl->partition(text, parse_special, v);

    if (m_impl->spm) {
        bool prev_special = true;  // the first stretch gets the space prefix too
        std::string escaped;
        for (const Fragment& f : fragments) {
            if (f.token_id >= 0) {
                out.push_back(f.token_id);
                prev_special = true;
                continue;
            }
            escaped.clear();
            if (v.add_space_prefix() && prev_special) escaped += k_spm_space;
            for (const char c : text.substr(f.offset, f.size)) {
                if (c == ' ') {
                    escaped += k_spm_space;
                } else {
                    escaped.push_back(c);
                }
            }
            m_impl->spm->encode(escaped, &out);
            prev_special = false;
        }
    } else {
        std::u32string cpts;
        std::vector<size_t> byte_at;  // byte offset in `clean` of each code point, plus the end
        std::string clean;
        std::vector<PreTokenizer::Range> words;
        BpeEncoder::Scratch scratch;
        // Words repeat a lot in real text; remember each one's ids for this call.
        std::unordered_map<std::string, std::pair<uint32_t, uint32_t>, StringHash, std::equal_to<>> cache;
        std::vector<int32_t> cached_ids;
        for (const Fragment& f : fragments) {
            if (f.token_id >= 0) {
                out.push_back(f.token_id);
                continue;
            }
            const std::string_view raw = text.substr(f.offset, f.size);
            decode_stretch(raw, &cpts, &byte_at, &clean);
            m_impl->pre.split(cpts, &words);
            for (const auto& w : words) {
                const std::string_view word =
                    std::string_view(clean).substr(byte_at[w.begin], byte_at[w.end] - byte_at[w.begin]);
                if (word.size() > 64) {  // long runs (whitespace, digits) are rarely repeated
                    m_impl->bpe->encode_word(word, &scratch, &out);
                    continue;
                }
                const auto it = cache.find(word);
                if (it != cache.end()) {
                    out.insert(out.end(), cached_ids.begin() + it->second.first,
                               cached_ids.begin() + it->second.first + it->second.second);
                    continue;
                }
                const size_t before = out.size();
                m_impl->bpe->encode_word(word, &scratch, &out);
                const auto first = static_cast<uint32_t>(cached_ids.size());
                cached_ids.insert(cached_ids.end(), out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
                cache.emplace(std::string(word), std::make_pair(first, static_cast<uint32_t>(out.size() - before)));
            }
        }
    }

    if (add_special && v.add_eos() && v.eos_id() >= 0) out.push_back(v.eos_id());
    return out;
}

std::vector<std::string> Tokenizer::pre_tokenize(std::string_view text, bool parse_special) const {
    std::vector<std::string> words;
    std::u32string cpts;
    std::vector<size_t> byte_at;
    std::string clean;
    std::vector<PreTokenizer::Range> ranges;
    for (const Fragment& f : m_impl->partition(text, parse_special, *m_vocab)) {
        const std::string_view raw = text.substr(f.offset, f.size);
        if (f.token_id >= 0 || m_impl->spm) {
            words.emplace_back(raw);
            continue;
        }
        decode_stretch(raw, &cpts, &byte_at, &clean);
        m_impl->pre.split(cpts, &ranges);
        for (const auto& r : ranges) words.push_back(clean.substr(byte_at[r.begin], byte_at[r.end] - byte_at[r.begin]));
    }
    return words;
}

std::string Tokenizer::token_to_piece(int32_t token_id, bool special) const {
    const Vocab& v = *m_vocab;
    if (!v.valid_id(token_id)) return {};
    const TokenType ty = v.type(token_id);
    const std::string_view text = v.text(token_id);
    if (ty == TokenType::Control || ty == TokenType::Unknown) return special ? std::string(text) : std::string();
    if (ty == TokenType::UserDefined) return std::string(text);
    std::string out;
    if (v.model() == VocabModel::Spm) {
        if (ty == TokenType::Normal) {
            for (size_t pos = 0; pos < text.size();) {
                if (text.substr(pos, k_spm_space.size()) == k_spm_space) {
                    out.push_back(' ');
                    pos += k_spm_space.size();
                } else {
                    out.push_back(text[pos++]);
                }
            }
        } else if (ty == TokenType::Byte && text.size() == 6 && text.substr(0, 3) == "<0x" && text[5] == '>') {
            const int hi = hex_digit(text[3]);
            const int lo = hex_digit(text[4]);
            if (hi >= 0 && lo >= 0) out.push_back(static_cast<char>(hi * 16 + lo));
        }
        return out;
    }
    if (ty != TokenType::Normal) return out;
    // Byte-level BPE: map each code point of the GPT-2 alphabet back to its byte;
    // anything outside the alphabet is kept as it is.
    for (size_t pos = 0; pos < text.size();) {
        char32_t cp = 0;
        const size_t n = unicode::decode_utf8(text, pos, &cp);
        const int byte = BpeEncoder::code_point_to_byte(cp);
        if (byte >= 0) {
            out.push_back(static_cast<char>(byte));
        } else {
            out.append(text.substr(pos, n));
        }
        pos += n;
    }
    return out;
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool special) const {
    std::string out;
    bool first = strips_leading_space();
    for (const int32_t id : ids) {
        std::string piece = token_to_piece(id, special);
        if (first && !piece.empty()) {
            if (piece[0] == ' ') piece.erase(0, 1);
            first = false;
        }
        out += piece;
    }
    return out;
}

}  // namespace fyr
