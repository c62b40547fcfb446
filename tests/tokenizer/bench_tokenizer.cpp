// Tokenizer throughput: builds ~1 MB of mixed English, Swedish and C++ text and
// encodes it with the llama-bpe vocabulary, printing MB/s and tokens/s.
//   bench_tokenizer [vocab.gguf] [repeats]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fyr/gguf_file.h"
#include "fyr/tokenizer.h"

namespace {

std::string build_text(size_t target_bytes) {
    static const char* const paragraphs[] = {
        "The quick brown fox jumps over the lazy dog while the committee reviews version %d of the "
        "proposal. It's been a long week, but we'll ship on Friday if the tests pass.\n\n",
        "Räksmörgåsen på Södermalm kostade %d kronor, och vädret var så där: blåsigt, grått och "
        "kallt. Välkommen åter, sa hon och log mot de två gästerna från Göteborg.\n",
        "static int parse_%d(const char* s, size_t n) {\n    for (size_t i = 0; i < n; ++i) {\n"
        "        if (s[i] == '\\n') return -1; // end of line\n    }\n    return n > 0 ? s[0] : 0;\n}\n\n",
        "Dr. Smith's lab measured 3.14159 mm at 12:45 — see https://example.org/data?id=%d&q=ok.\n",
        "Hon sa: \"Jag har aldrig sett %d älgar på en gång!\" Han svarade: \"Det är ju löjligt.\"\n",
    };
    std::string text;
    char buf[512];
    for (int i = 0; text.size() < target_bytes; ++i) {
        std::snprintf(buf, sizeof buf, paragraphs[i % 5], i * 37 % 100000);
        text += buf;
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string path =
        argc > 1 ? argv[1] : std::string(FYR_SHARED_DIR) + "/models/vocab/ggml-vocab-llama-bpe.gguf";
    const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
    std::string error;
    auto file = fyr::GgufFile::open(path, &error);
    if (!file) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const auto t_load = std::chrono::steady_clock::now();
    auto tok = fyr::Tokenizer::from_gguf(*file, &error);
    if (!tok) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    const double load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_load).count();
    const std::string text = build_text(1 << 20);
    double best = 1e9;
    size_t n_tokens = 0;
    for (int r = 0; r < repeats; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto ids = tok->encode(text, true, false);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        n_tokens = ids.size();
        if (s < best) best = s;
    }
    const double mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
    std::printf("vocab: %s (%s, pre %s), load %.3f s\n", path.c_str(), std::string(tok->model_type()).c_str(),
                std::string(tok->pre_type()).c_str(), load_s);
    std::printf("text: %zu bytes -> %zu tokens; best of %d: %.4f s = %.1f MB/s, %.0f tokens/s\n", text.size(),
                n_tokens, repeats, best, mb / best, static_cast<double>(n_tokens) / best);
    return 0;
}
