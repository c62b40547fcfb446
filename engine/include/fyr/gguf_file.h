// A GGUF model file (v2 or v3), memory-mapped read-only and fully validated on open:
// every count, length, type, dimension, offset, size and the alignment is checked
// against the file's size before anything is used, so a damaged or hostile file is
// an error naming the file, the field or tensor and what was expected, never a
// read past the end.
//
//   std::string error;
//   auto file = fyr::GgufFile::open("model.gguf", &error);
//   if (!file) { std::fprintf(stderr, "%s\n", error.c_str()); return 1; }
//   auto arch = file->get_string("general.architecture");         // std::optional
//   const fyr::GgufTensor* t = file->find_tensor("token_embd.weight");
//   const uint8_t* bytes = file->tensor_data(*t);                  // inside the mapping
//
// A GgufFile is immutable after open(): any number of threads may read it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fyr/ggml_type.h"

namespace fyr {

enum class GgufValueType : uint32_t {
    UInt8 = 0, Int8 = 1, UInt16 = 2, Int16 = 3, UInt32 = 4, Int32 = 5, Float32 = 6, Bool = 7,
    String = 8, Array = 9, UInt64 = 10, Int64 = 11, Float64 = 12,
};

std::string_view gguf_type_name(GgufValueType t);

// One metadata value. Arrays hold scalars or strings (GGUF arrays of arrays are rejected).
struct GgufValue {
    using Scalar = std::variant<uint64_t, int64_t, double, bool, std::string>;
    GgufValueType type = GgufValueType::UInt8;
    GgufValueType elem_type = GgufValueType::UInt8;  // for arrays
    Scalar scalar;
    // Arrays: numeric elements are not copied; they stay in the mapping (elements()).
    uint64_t n_elements = 0;
    const uint8_t* array_data = nullptr;        // first element, for numeric arrays
    std::vector<std::string_view> strings;      // string arrays, views into the mapping

    bool is_array() const { return type == GgufValueType::Array; }
    std::optional<int64_t> as_int() const;      // any integer type (uint64 > INT64_MAX: nullopt)
    std::optional<double> as_float() const;     // any number
    // Element i of a numeric array, converted; nullopt out of range or not numeric.
    std::optional<double> number_at(uint64_t i) const;
    std::optional<int64_t> int_at(uint64_t i) const;
};

struct GgufTensor {
    std::string name;
    uint32_t type = 0;                 // ggml type number (may be unknown: see traits)
    const TypeTraits* traits = nullptr;  // nullptr: unknown type, tensor is unusable
    std::vector<uint64_t> dims;        // ne[0] first (the contiguous one), up to 4
    uint64_t offset = 0;               // from the start of the data section
    uint64_t n_bytes = 0;              // 0 when the type is unknown
    uint64_t n_elements() const;
};

class GgufFile final {
public:
    // Maps and validates the file. On failure returns nullptr and sets `error`.
    static std::unique_ptr<GgufFile> open(const std::string& path, std::string* error);
    // Validates a buffer already in memory (the fuzzer, tests). The buffer must
    // outlive the object; `name` is used in messages.
    static std::unique_ptr<GgufFile> from_memory(const uint8_t* data, size_t size, const std::string& name,
                                                 std::string* error);
    ~GgufFile();
    GgufFile(const GgufFile&) = delete;
    GgufFile& operator=(const GgufFile&) = delete;

    const std::string& path() const { return m_path; }
    uint32_t version() const { return m_version; }
    uint64_t file_size() const { return m_size; }

    // Gives the pages holding [data, data + n_bytes) back to the kernel; they are
    // read from the file again if touched. Does nothing for a file in memory
    // (from_memory) or a range outside the file. Lets a reader that has copied or
    // converted tensors keep its resident size near what it still uses.
    void release_pages(const uint8_t* data, uint64_t n_bytes) const;
    uint32_t alignment() const { return m_alignment; }
    uint64_t data_offset() const { return m_data_offset; }

    // Keys in file order.
    const std::vector<std::string>& keys() const { return m_key_order; }
    const GgufValue* find(std::string_view key) const;
    std::optional<std::string> get_string(std::string_view key) const;
    std::optional<int64_t> get_int(std::string_view key) const;
    std::optional<double> get_float(std::string_view key) const;
    std::optional<bool> get_bool(std::string_view key) const;
    // "<arch>.<suffix>" using general.architecture, e.g. arch_int("context_length").
    std::optional<int64_t> arch_int(std::string_view suffix) const;
    std::optional<double> arch_float(std::string_view suffix) const;

    const std::vector<GgufTensor>& tensors() const { return m_tensors; }
    const GgufTensor* find_tensor(std::string_view name) const;
    // Start of the tensor's bytes in the mapping. Precondition: t belongs to this file
    // and its type is known (t.traits != nullptr).
    const uint8_t* tensor_data(const GgufTensor& t) const;
    // The same, or nullptr with "<file>: tensor '<name>': type N is not supported"
    // for a tensor whose type Fyr does not know (the file still opens).
    const uint8_t* tensor_data(const GgufTensor& t, std::string* error) const;

private:
    GgufFile() = default;
    bool parse(std::string* error);

    std::string m_path;
    const uint8_t* m_data = nullptr;
    uint64_t m_size = 0;
    void* m_mapping = nullptr;  // non-null when we own an mmap
    uint32_t m_version = 0;
    uint32_t m_alignment = 32;
    uint64_t m_data_offset = 0;
    std::map<std::string, GgufValue, std::less<>> m_kv;
    std::vector<std::string> m_key_order;
    std::vector<GgufTensor> m_tensors;
    std::map<std::string, size_t, std::less<>> m_tensor_index;
};

}  // namespace fyr
