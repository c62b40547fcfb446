// Writes GGUF v3 files the way llama.cpp's writers do: metadata in insertion order,
// tensor infos in insertion order, every tensor's data aligned to general.alignment
// (32 unless set), the data section padded to the alignment.
//
//   fyr::GgufWriter w;
//   w.set_string("general.architecture", "llama");
//   w.set_u32("llama.context_length", 2048);
//   w.add_tensor("token_embd.weight", fyr::GgmlType::F32, {64, 512}, bytes);
//   std::string error;
//   if (!w.write_file("out.gguf", &error)) ...;   // written to a temp file, then renamed
//
// Files too big to hold in memory declare their tensors with add_tensor_info() and
// stream the bytes through a GgufStreamWriter (gguf_stream_writer.h).
//
// Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fyr/ggml_type.h"
#include "fyr/gguf_file.h"

namespace fyr {

class GgufWriter final {
public:
    void set_u8(const std::string& key, uint8_t v);
    void set_i8(const std::string& key, int8_t v);
    void set_u16(const std::string& key, uint16_t v);
    void set_i16(const std::string& key, int16_t v);
    void set_u32(const std::string& key, uint32_t v);
    void set_i32(const std::string& key, int32_t v);
    void set_u64(const std::string& key, uint64_t v);
    void set_i64(const std::string& key, int64_t v);
    void set_f32(const std::string& key, float v);
    void set_f64(const std::string& key, double v);
    void set_bool(const std::string& key, bool v);
    void set_string(const std::string& key, const std::string& v);
    void set_array_strings(const std::string& key, const std::vector<std::string>& v);
    void set_array_f32(const std::string& key, const std::vector<float>& v);
    void set_array_i32(const std::string& key, const std::vector<int32_t>& v);
    // Copies one key (any type) from an open file, e.g. a vocabulary.
    void copy_key(const GgufFile& from, const std::string& key);
    // Drops a key (no-op when absent). Setting a key again after removing it moves it
    // to the end, as llama.cpp's gguf_set_* does with keys it overwrites.
    void remove_key(const std::string& key);
    bool has_key(const std::string& key) const;

    // dims: ne[0] first. `data` must hold exactly the tensor's byte size.
    // Returns false (with a message) for a size mismatch or a duplicate name.
    bool add_tensor(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims,
                    std::vector<uint8_t> data, std::string* error);

    // Declares a tensor whose bytes are written later, in declaration order, through a
    // GgufStreamWriter. Same checks as add_tensor().
    bool add_tensor_info(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims, std::string* error);

    // The whole file in memory. Precondition: every tensor was added with its data.
    std::vector<uint8_t> serialize() const;
    // Writes atomically: a temporary beside `path`, flushed, then renamed over it.
    // Fails for tensors declared with add_tensor_info().
    bool write_file(const std::string& path, std::string* error) const;

    // Everything before the tensor data: header, metadata and tensor infos, padded to
    // the alignment. The data section starts right after it.
    std::vector<uint8_t> serialize_header() const;
    // Data alignment: general.alignment when set (a power of two), else 32.
    uint32_t alignment() const;
    size_t tensor_count() const { return m_tensors.size(); }
    // Bytes of tensor i's data (without the padding that follows it).
    uint64_t tensor_bytes(size_t i) const { return m_tensors[i].n_bytes; }
    const std::string& tensor_name(size_t i) const { return m_tensors[i].name; }

private:
    struct Kv {
        std::string key;
        std::vector<uint8_t> encoded;  // type tag + value, as in the file
    };
    struct Tensor {
        std::string name;
        GgmlType type;
        std::vector<uint64_t> dims;
        uint64_t n_bytes = 0;
        bool has_data = false;
        std::vector<uint8_t> data;
    };
    void put(const std::string& key, std::vector<uint8_t> encoded);
    // Checks name, type and shape; the tensor's byte size in *bytes.
    bool check_tensor(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims, uint64_t* bytes,
                      std::string* error) const;

    std::vector<Kv> m_kv;
    std::vector<Tensor> m_tensors;
};

}  // namespace fyr
