#include "fyr/gguf_stream_writer.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <unistd.h>

#include "fyr/gguf_writer.h"

namespace fyr {

GgufStreamWriter::~GgufStreamWriter() {
    abort();
}

void GgufStreamWriter::abort() {
    if (m_file != nullptr) {
        std::fclose(m_file);
        m_file = nullptr;
        std::remove(m_tmp.c_str());
    }
}

bool GgufStreamWriter::fail(std::string* error, const std::string& why) {
    if (error) *error = why;
    abort();
    return false;
}

bool GgufStreamWriter::open(const std::string& path, const GgufWriter& header, std::string* error) {
    abort();
    m_path = path;
    m_tmp = path + ".tmp";
    m_sizes.clear();
    m_names.clear();
    for (size_t i = 0; i < header.tensor_count(); ++i) {
        m_sizes.push_back(header.tensor_bytes(i));
        m_names.push_back(header.tensor_name(i));
    }
    m_alignment = header.alignment();
    m_tensor = 0;
    m_in_tensor = 0;
    m_written = 0;
    m_file = std::fopen(m_tmp.c_str(), "wb");
    if (m_file == nullptr) {
        if (error) *error = m_tmp + ": cannot create: " + std::strerror(errno);
        return false;
    }
    // Large writes go straight through; small row pieces are gathered.
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
    const std::vector<uint8_t> bytes = header.serialize_header();
    if (std::fwrite(bytes.data(), 1, bytes.size(), m_file) != bytes.size())
        return fail(error, m_tmp + ": write failed: " + std::strerror(errno));
    m_written = bytes.size();
    return finish_tensors(error);
}

bool GgufStreamWriter::finish_tensors(std::string* error) {
    static const uint8_t zeros[64] = {};
    while (m_tensor < m_sizes.size() && m_in_tensor == m_sizes[m_tensor]) {
        const uint64_t pad = (m_alignment - m_written % m_alignment) % m_alignment;
        for (uint64_t left = pad; left > 0;) {
            const size_t n = static_cast<size_t>(std::min<uint64_t>(left, sizeof zeros));
            if (std::fwrite(zeros, 1, n, m_file) != n)
                return fail(error, m_tmp + ": write failed: " + std::strerror(errno));
            left -= n;
        }
        m_written += pad;
        ++m_tensor;
        m_in_tensor = 0;
    }
    return true;
}

bool GgufStreamWriter::write(const void* data, size_t n, std::string* error) {
    if (m_file == nullptr) {
        if (error) *error = m_path + ": not open for writing";
        return false;
    }
    if (m_tensor >= m_sizes.size() || n > m_sizes[m_tensor] - m_in_tensor) {
        return fail(error, m_path + ": " + std::to_string(n) + " bytes do not fit in " +
                               (m_tensor < m_sizes.size() ? "tensor '" + m_names[m_tensor] + "'"
                                                          : std::string("the file (every tensor is complete)")));
    }
    if (n == 0) return true;
    if (std::fwrite(data, 1, n, m_file) != n) return fail(error, m_tmp + ": write failed: " + std::strerror(errno));
    m_in_tensor += n;
    m_written += n;
    return finish_tensors(error);
}

bool GgufStreamWriter::commit(std::string* error) {
    if (m_file == nullptr) {
        if (error) *error = m_path + ": not open for writing";
        return false;
    }
    if (m_tensor != m_sizes.size()) {
        return fail(error, m_path + ": tensor '" + m_names[m_tensor] + "' got " + std::to_string(m_in_tensor) +
                               " of its " + std::to_string(m_sizes[m_tensor]) + " bytes");
    }
    if (std::fflush(m_file) != 0 || ::fsync(fileno(m_file)) != 0)
        return fail(error, m_tmp + ": write failed: " + std::strerror(errno));
    const bool closed = std::fclose(m_file) == 0;
    m_file = nullptr;
    if (!closed) {
        std::remove(m_tmp.c_str());
        if (error) *error = m_tmp + ": write failed: " + std::strerror(errno);
        return false;
    }
    std::error_code ec;
    std::filesystem::rename(m_tmp, m_path, ec);
    if (ec) {
        std::remove(m_tmp.c_str());
        if (error) *error = m_path + ": cannot rename the finished file into place: " + ec.message();
        return false;
    }
    return true;
}

}  // namespace fyr
