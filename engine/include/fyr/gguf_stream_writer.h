// Writes a GGUF file whose tensor data is produced one piece at a time, so a model
// far bigger than memory can be written: the header (metadata and tensor infos) comes
// from a GgufWriter whose tensors were declared with add_tensor_info(), then the
// bytes of each tensor follow in declaration order. The file is built as
// "<path>.tmp" and renamed over `path` only by commit(), so a crash or kill never
// leaves a half-written file under the final name.
//
//   fyr::GgufWriter header;
//   header.set_string("general.architecture", "llama");
//   header.add_tensor_info("token_embd.weight", fyr::GgmlType::Q8_0, {2048, 32000}, &error);
//   fyr::GgufStreamWriter out;
//   if (!out.open("model.gguf", header, &error)) ...
//   while (rows left) if (!out.write(rows.data(), rows.size(), &error)) ...;  // any split
//   if (!out.commit(&error)) ...   // checks every tensor got all its bytes, then renames
//
// An uncommitted writer removes its temporary file when destroyed.
// Not thread-safe; one writer per file.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace fyr {

class GgufWriter;

class GgufStreamWriter final {
public:
    GgufStreamWriter() = default;
    ~GgufStreamWriter();
    GgufStreamWriter(const GgufStreamWriter&) = delete;
    GgufStreamWriter& operator=(const GgufStreamWriter&) = delete;

    // Creates "<path>.tmp" and writes the header. `header` is only read here.
    bool open(const std::string& path, const GgufWriter& header, std::string* error);
    // The next n bytes of tensor data. A piece may not run past the end of the current
    // tensor; the alignment padding between tensors is added here.
    bool write(const void* data, size_t n, std::string* error);
    // Checks that all declared bytes were written, flushes the file to disk and
    // renames it to the final path.
    bool commit(std::string* error);
    // Removes the temporary file (also done by the destructor when not committed).
    void abort();

    // The tensor the next write() belongs to (== tensor count when all are done).
    size_t current_tensor() const { return m_tensor; }
    uint64_t bytes_written() const { return m_written; }

private:
    bool fail(std::string* error, const std::string& why);
    bool finish_tensors(std::string* error);  // pads after completed tensors, skips empty ones

    std::FILE* m_file = nullptr;
    std::string m_path;
    std::string m_tmp;
    std::vector<uint64_t> m_sizes;  // bytes per tensor, in file order
    std::vector<std::string> m_names;
    uint32_t m_alignment = 32;
    size_t m_tensor = 0;
    uint64_t m_in_tensor = 0;  // bytes of the current tensor written so far
    uint64_t m_written = 0;
};

}  // namespace fyr
