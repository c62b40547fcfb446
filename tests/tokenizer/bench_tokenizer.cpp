// Tokenizer throughput: builds ~1 MB of mixed English, Swedish and C++ text and
// encodes it with the llama-bpe vocabulary, printing MB/s and tokens/s.
//   bench_tokenizer [vocab.gguf] [repeats]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "fyr/gguf_file.h"
#include "fyr/tokenizer.h"

namespace {

// Deterministic pseudo-random prose and code, so words repeat as in real text
// but sentences, numbers and identifiers vary.
std::string build_text(size_t target_bytes) {
    static const char* const english[] = {
        "the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "while", "committee", "reviews",
        "proposal", "it's", "been", "long", "week", "but", "we'll", "ship", "on", "Friday", "if", "tests",
        "pass", "model", "weights", "are", "loaded", "from", "disk", "memory", "mapped", "and", "validated",
        "before", "first", "token", "is", "generated", "users", "expect", "answers", "quickly", "however",
        "results", "depend", "hardware", "They're", "sure", "I'd", "never", "seen", "anything", "like", "that"};
    static const char* const swedish[] = {
        "räksmörgåsen", "på", "Södermalm", "kostade", "kronor", "och", "vädret", "var", "blåsigt", "grått",
        "kallt", "välkommen", "åter", "sa", "hon", "log", "mot", "de", "två", "gästerna", "från", "Göteborg",
        "älgar", "skogen", "björnen", "sjön", "fjällen", "midsommar", "jordgubbar", "glass", "kaffe",
        "fika", "tåget", "försenat", "överraskning", "ändå", "Malmö", "Umeå", "Kiruna", "lördag"};
    static const char* const code[] = {
        "static int parse_%s(const char* s, size_t n) {\n",
        "    for (size_t i = 0; i < n; ++i) { if (s[i] == '\\n') return -%u; }\n",
        "    auto %s = std::make_unique<Buffer>(%u);  // allocate once\n",
        "    if (%s->size() >= 0x%x && !ok) { throw std::runtime_error(\"bad %s\"); }\n",
        "    return %s.empty() ? %u : %s[0];\n}\n\n",
        "def %s(x, y=%u):\n    return {'k': x ** 2, \"v\": [y, None]}\n\n"};
    uint64_t state = 0x9E3779B97F4A7C15ULL;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    std::string text;
    char buf[512];
    while (text.size() < target_bytes) {
        const uint64_t kind = next() % 10;
        if (kind < 4 || kind == 9) {
            const auto& words = kind == 9 ? swedish : english;
            const size_t n_words = kind == 9 ? std::size(swedish) : std::size(english);
            const size_t len = 6 + next() % 14;
            for (size_t i = 0; i < len; ++i) {
                std::string w = words[next() % n_words];
                if (i == 0 && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
                text += w;
                if (next() % 17 == 0) {
                    text += ' ';
                    text += std::to_string(next() % 100000);
                }
                text += (i + 1 == len) ? ". " : (next() % 9 == 0 ? ", " : " ");
            }
            if (next() % 4 == 0) text += "\n\n";
        } else if (kind < 7) {
            const size_t len = 6 + next() % 14;
            for (size_t i = 0; i < len; ++i) {
                text += swedish[next() % std::size(swedish)];
                text += (i + 1 == len) ? (next() % 2 ? "! " : ". ") : " ";
            }
            if (next() % 3 == 0) text += "\n";
        } else {
            char ident[32];
            std::snprintf(ident, sizeof ident, "%s_%u", english[next() % std::size(english)],
                          static_cast<unsigned>(next() % 1000));
            const char* line = code[next() % std::size(code)];
            std::snprintf(buf, sizeof buf, line, ident, static_cast<unsigned>(next() % 65536), ident, ident);
            text += buf;
        }
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
    std::printf("vocab: %s (%s, pre %s), load %.3f s\n", path.c_str(), std::string(tok->model_type()).c_str(),
                std::string(tok->pre_type()).c_str(), load_s);
    const double mb = static_cast<double>(text.size()) / (1024.0 * 1024.0);
    for (const bool parse_special : {false, true}) {
        double best = 1e9;
        size_t n_tokens = 0;
        for (int r = 0; r < repeats; ++r) {
            const auto t0 = std::chrono::steady_clock::now();
            const auto ids = tok->encode(text, true, parse_special);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            n_tokens = ids.size();
            if (s < best) best = s;
        }
        std::printf("parse_special=%d: %zu bytes -> %zu tokens; best of %d: %.4f s = %.1f MB/s, %.0f tokens/s\n",
                    parse_special ? 1 : 0, text.size(), n_tokens, repeats, best, mb / best,
                    static_cast<double>(n_tokens) / best);
    }
    return 0;
}
