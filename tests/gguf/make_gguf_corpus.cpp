// Writes the corpus of broken GGUF files checked in under tests/corpus/gguf/, and
// its manifest (EXPECTED: "<file>\t<substring the error must contain>" or "OK").
// Run by hand after changing the reader's checks:  make_gguf_corpus tests/corpus/gguf
// The files are built byte by byte, so each one breaks exactly one rule.
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

struct Bytes {
    std::vector<uint8_t> b;
    template <typename T>
    Bytes& put(T v) {
        const size_t at = b.size();
        b.resize(at + sizeof(T));
        std::memcpy(b.data() + at, &v, sizeof(T));
        return *this;
    }
    Bytes& str(const std::string& s) {
        put<uint64_t>(s.size());
        b.insert(b.end(), s.begin(), s.end());
        return *this;
    }
    Bytes& raw(const std::string& s) {
        b.insert(b.end(), s.begin(), s.end());
        return *this;
    }
    Bytes& pad_to(size_t align) {
        while (b.size() % align != 0) b.push_back(0);
        return *this;
    }
    Bytes& zeros(size_t n) {
        b.insert(b.end(), n, 0);
        return *this;
    }
};

constexpr uint32_t kU32 = 4, kF32 = 6, kBool = 7, kString = 8, kArray = 9;
constexpr uint32_t kTypeF32 = 0, kTypeQ8_0 = 8;

Bytes header(uint32_t version, uint64_t n_tensors, uint64_t n_kv) {
    Bytes h;
    h.raw("GGUF").put<uint32_t>(version).put<uint64_t>(n_tensors).put<uint64_t>(n_kv);
    return h;
}

void kv_string(Bytes& o, const std::string& k, const std::string& v) { o.str(k).put<uint32_t>(kString).str(v); }
void kv_u32(Bytes& o, const std::string& k, uint32_t v) { o.str(k).put<uint32_t>(kU32).put<uint32_t>(v); }

void tensor_info(Bytes& o, const std::string& name, std::vector<uint64_t> dims, uint32_t type, uint64_t offset) {
    o.str(name).put<uint32_t>(static_cast<uint32_t>(dims.size()));
    for (uint64_t d : dims) o.put<uint64_t>(d);
    o.put<uint32_t>(type).put<uint64_t>(offset);
}

// A small valid file: 4 metadata entries, two tensors (f32 [8,2] = 64 bytes, q8_0 [32] = 34 bytes).
Bytes valid(std::vector<size_t>* section_ends = nullptr) {
    Bytes o = header(3, 2, 4);
    if (section_ends) section_ends->push_back(o.b.size());
    kv_string(o, "general.architecture", "llama");
    kv_u32(o, "llama.context_length", 128);
    o.str("tokenizer.ggml.tokens").put<uint32_t>(kArray).put<uint32_t>(kString).put<uint64_t>(3);
    o.str("<s>").str("</s>").str("a");
    o.str("tokenizer.ggml.scores").put<uint32_t>(kArray).put<uint32_t>(kF32).put<uint64_t>(3);
    o.put<float>(0.f).put<float>(0.f).put<float>(-1.f);
    if (section_ends) section_ends->push_back(o.b.size());
    tensor_info(o, "token_embd.weight", {8, 2}, kTypeF32, 0);
    tensor_info(o, "output.weight", {32}, kTypeQ8_0, 64);
    if (section_ends) section_ends->push_back(o.b.size());
    o.pad_to(32);
    for (int i = 0; i < 16; ++i) o.put<float>(static_cast<float>(i) * 0.25f);
    o.zeros(34);
    return o;
}

struct Case {
    std::string name;
    Bytes bytes;
    std::string expect;
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    const std::string dir = argv[1];
    std::vector<Case> cases;

    std::vector<size_t> ends;
    const Bytes ok = valid(&ends);
    cases.push_back({"valid_small.gguf", ok, "OK"});
    {
        Bytes v2 = ok;  // GGUF v2 has the same layout as v3 (v3 only added big-endian files)
        const uint32_t version = 2;
        std::memcpy(v2.b.data() + 4, &version, 4);
        cases.push_back({"valid_v2.gguf", v2, "OK"});
    }

    // Truncated at the end of each section and in the middle of each.
    const size_t cuts[] = {0, 3, 6, ends[0] - 4, ends[0] + 5, ends[0] + 30, ends[1] - 2, ends[1] + 10,
                           ends[2] - 1, ends[2] + 1, ok.b.size() - 1};
    for (size_t cut : cuts) {
        Bytes t;
        t.b.assign(ok.b.begin(), ok.b.begin() + static_cast<long>(cut));
        cases.push_back({"truncated_at_" + std::to_string(cut) + ".gguf", t, "truncated"});
    }

    {
        Bytes o = ok;
        std::memcpy(o.b.data(), "GGUX", 4);
        cases.push_back({"bad_magic.gguf", o, "header magic: expected \"GGUF\""});
    }
    {
        Bytes o = ok;
        const uint32_t v = 1;
        std::memcpy(o.b.data() + 4, &v, 4);
        cases.push_back({"version_1.gguf", o, "GGUF v1 is not supported"});
        const uint32_t v99 = 99;
        std::memcpy(o.b.data() + 4, &v99, 4);
        cases.push_back({"version_99.gguf", o, "header version: 99"});
    }
    {
        Bytes o = ok;
        const uint64_t n = 1ull << 60;
        std::memcpy(o.b.data() + 16, &n, 8);
        cases.push_back({"absurd_kv_count.gguf", o, "header metadata count"});
        Bytes p = ok;
        std::memcpy(p.b.data() + 8, &n, 8);
        cases.push_back({"absurd_tensor_count.gguf", p, "header tensor count"});
    }
    {
        Bytes o = header(3, 0, 1);
        o.put<uint64_t>(1ull << 40).raw("general.name");
        cases.push_back({"absurd_key_length.gguf", o, "string length"});
    }
    {
        Bytes o = header(3, 0, 1);
        o.str("general.name").put<uint32_t>(99).put<uint32_t>(0);
        cases.push_back({"bad_value_type.gguf", o, "value type 99"});
    }
    {
        Bytes o = header(3, 0, 1);
        o.str("nested").put<uint32_t>(kArray).put<uint32_t>(kArray).put<uint64_t>(1);
        o.put<uint32_t>(kU32).put<uint64_t>(1).put<uint32_t>(7);
        cases.push_back({"nested_array.gguf", o, "arrays of arrays"});
    }
    {
        Bytes o = header(3, 0, 1);
        o.str("big").put<uint32_t>(kArray).put<uint32_t>(kU32).put<uint64_t>(1ull << 62);
        cases.push_back({"array_length_overflow.gguf", o, "overflows"});
        Bytes p = header(3, 0, 1);
        p.str("big").put<uint32_t>(kArray).put<uint32_t>(kU32).put<uint64_t>(1ull << 40).zeros(16);
        cases.push_back({"array_longer_than_file.gguf", p, "truncated"});
        Bytes q = header(3, 0, 1);
        q.str("strings").put<uint32_t>(kArray).put<uint32_t>(kString).put<uint64_t>(1ull << 50).zeros(16);
        cases.push_back({"absurd_string_array.gguf", q, "strings cannot fit"});
    }
    {
        Bytes o = header(3, 0, 1);
        o.str("flag").put<uint32_t>(kBool).put<uint8_t>(7);
        cases.push_back({"bad_bool.gguf", o, "bool value 7"});
    }
    {
        Bytes o = header(3, 0, 2);
        kv_u32(o, "llama.context_length", 1);
        kv_u32(o, "llama.context_length", 2);
        cases.push_back({"duplicate_key.gguf", o, "duplicate key"});
    }
    {
        Bytes o = header(3, 0, 1);
        kv_u32(o, "general.alignment", 24);
        cases.push_back({"alignment_not_power_of_two.gguf", o, "general.alignment"});
        Bytes p = header(3, 0, 1);
        kv_string(p, "general.alignment", "32");
        cases.push_back({"alignment_wrong_type.gguf", p, "general.alignment"});
    }

    // Tensor-info breakage: one tensor after a one-key header.
    auto one_tensor = [](std::vector<uint64_t> dims, uint32_t type, uint64_t offset, size_t data_bytes,
                         const std::string& name = "t") {
        Bytes o = header(3, 1, 1);
        kv_string(o, "general.architecture", "llama");
        tensor_info(o, name, std::move(dims), type, offset);
        o.pad_to(32).zeros(data_bytes);
        return o;
    };
    cases.push_back({"five_dims.gguf", one_tensor({1, 1, 1, 1, 1}, kTypeF32, 0, 32), "5 dimensions"});
    cases.push_back({"zero_dim.gguf", one_tensor({4, 0}, kTypeF32, 0, 32), "dimension 1 is 0"});
    cases.push_back({"misaligned_offset.gguf", one_tensor({4}, kTypeF32, 4, 64), "not a multiple of the 32-byte"});
    cases.push_back({"tensor_past_end.gguf", one_tensor({64}, kTypeF32, 0, 32), "runs past the end"});
    cases.push_back({"tensor_offset_far.gguf", one_tensor({4}, kTypeF32, 1ull << 40, 32), "runs past the end"});
    cases.push_back({"block_size_mismatch.gguf", one_tensor({16}, kTypeQ8_0, 0, 64), "block size 32"});
    cases.push_back({"element_count_overflow.gguf",
                     one_tensor({1ull << 32, 1ull << 32, 1ull << 32}, kTypeF32, 0, 32), "element count overflows"});
    cases.push_back({"byte_size_overflow.gguf", one_tensor({1ull << 62}, kTypeF32, 0, 32), "overflow"});
    cases.push_back({"long_tensor_name.gguf", one_tensor({4}, kTypeF32, 0, 32, std::string(100, 'x')),
                     "name is 100 bytes"});
    cases.push_back({"unknown_tensor_type.gguf", one_tensor({4}, 200, 0, 32), "OK"});
    {
        Bytes o = header(3, 2, 0);
        tensor_info(o, "a", {16}, kTypeF32, 0);
        tensor_info(o, "b", {16}, kTypeF32, 32);
        o.pad_to(32).zeros(128);
        cases.push_back({"overlapping_tensors.gguf", o, "overlaps tensor 'a'"});
        Bytes p = header(3, 2, 0);
        tensor_info(p, "a", {4}, kTypeF32, 0);
        tensor_info(p, "a", {4}, kTypeF32, 32);
        p.pad_to(32).zeros(64);
        cases.push_back({"duplicate_tensor_name.gguf", p, "duplicate tensor name"});
    }

    std::ofstream manifest(dir + "/EXPECTED");
    manifest << "# file\texpected (a substring of the error, or OK); written by make_gguf_corpus\n";
    for (const Case& c : cases) {
        std::ofstream f(dir + "/" + c.name, std::ios::binary);
        f.write(reinterpret_cast<const char*>(c.bytes.b.data()), static_cast<std::streamsize>(c.bytes.b.size()));
        manifest << c.name << '\t' << c.expect << '\n';
    }
    std::printf("wrote %zu files to %s\n", cases.size(), dir.c_str());
    return 0;
}
