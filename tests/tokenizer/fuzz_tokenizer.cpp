// libFuzzer target: the input bytes are text for a byte-level BPE and a
// SentencePiece vocabulary (each loaded once), encoded with and without special
// token parsing, then decoded and streamed back. Missing vocab files: no-op.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fyr/gguf_file.h"
#include "fyr/log.h"
#include "fyr/streaming_detokenizer.h"
#include "fyr/tokenizer.h"
#include "fyr/unicode.h"

namespace {

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<fyr::Tokenizer> tokenizer;
};

Loaded load(const char* path) {
    Loaded l;
    std::string error;
    l.file = fyr::GgufFile::open(path, &error);
    if (l.file) l.tokenizer = fyr::Tokenizer::from_gguf(*l.file, &error);
    return l;
}

void exercise(const fyr::Tokenizer& tok, std::string_view text) {
    for (const bool parse_special : {false, true}) {
        const auto ids = tok.encode(text, true, parse_special);
        for (const int32_t id : ids) {
            if (id < 0 || id >= tok.n_vocab()) __builtin_trap();
        }
        const std::string decoded = tok.decode(ids, parse_special);
        fyr::StreamingDetokenizer stream(tok, parse_special);
        std::string streamed;
        for (const int32_t id : ids) streamed += stream.push(id);
        streamed += stream.flush();
        // The stream only ever shows well-formed UTF-8.
        if (!fyr::unicode::is_valid_utf8(streamed)) __builtin_trap();
        // Without special parsing, SentencePiece gives valid UTF-8 back as it was
        // (a literal U+2581 comes back as a space, by design).
        if (!parse_special && tok.model_type() == "llama" && fyr::unicode::is_valid_utf8(text) &&
            text.find("\xE2\x96\x81") == std::string_view::npos && decoded != text) {
            __builtin_trap();
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const bool quiet = [] {
        fyr::log::set_min_level(fyr::log::Level::Error);
        return true;
    }();
    (void)quiet;
    static const Loaded bpe = load(FYR_FUZZ_VOCAB);
    static const Loaded spm = load(FYR_FUZZ_VOCAB_SPM);
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (bpe.tokenizer) exercise(*bpe.tokenizer, text);
    if (spm.tokenizer) exercise(*spm.tokenizer, text);
    return 0;
}
