// libFuzzer target: any bytes given to the GGUF reader yield a file or a clean
// error, and every value of an accepted file can be read without leaving it.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fyr/gguf_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string error;
    auto file = fyr::GgufFile::from_memory(data, size, "fuzz.gguf", &error);
    if (!file) {
        if (error.empty()) __builtin_trap();  // every rejection must say why
        return 0;
    }
    uint64_t sink = 0;
    for (const std::string& key : file->keys()) {
        const fyr::GgufValue* v = file->find(key);
        if (v == nullptr) __builtin_trap();
        for (uint64_t i = 0; i < v->n_elements && i < 64; ++i) {
            if (auto n = v->number_at(i)) sink += static_cast<uint64_t>(*n != 0);
        }
        for (auto s : v->strings) sink += s.size();
    }
    for (const fyr::GgufTensor& t : file->tensors()) {
        if (t.traits == nullptr) continue;
        const uint8_t* p = file->tensor_data(t);
        if (t.n_bytes > 0) sink += p[0] + p[t.n_bytes - 1];  // first and last byte are inside the buffer
    }
    return static_cast<int>(sink & 0);
}
