#include "fyr/gguf_writer.h"

#include <cassert>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace fyr {
namespace {

void append_bytes(std::vector<uint8_t>& out, const void* p, size_t n) {
    // resize + memcpy rather than insert(): GCC 12 warns falsely (-Wstringop-overflow)
    // on vector::insert of small ranges at -O3.
    if (n == 0) return;
    const size_t at = out.size();
    out.resize(at + n);
    std::memcpy(out.data() + at, p, n);
}

template <typename T>
void append(std::vector<uint8_t>& out, T v) {
    append_bytes(out, &v, sizeof(T));
}

void append_string(std::vector<uint8_t>& out, const std::string& s) {
    append<uint64_t>(out, s.size());
    append_bytes(out, s.data(), s.size());
}

template <typename T>
std::vector<uint8_t> scalar(GgufValueType t, T v) {
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(t));
    append<T>(out, v);
    return out;
}

uint64_t value_size(GgufValueType t) {
    switch (t) {
        case GgufValueType::UInt8: case GgufValueType::Int8: case GgufValueType::Bool: return 1;
        case GgufValueType::UInt16: case GgufValueType::Int16: return 2;
        case GgufValueType::UInt32: case GgufValueType::Int32: case GgufValueType::Float32: return 4;
        default: return 8;
    }
}

}  // namespace

void GgufWriter::put(const std::string& key, std::vector<uint8_t> encoded) {
    for (Kv& kv : m_kv) {
        if (kv.key == key) {
            kv.encoded = std::move(encoded);
            return;
        }
    }
    m_kv.push_back({key, std::move(encoded)});
}

void GgufWriter::set_u8(const std::string& k, uint8_t v) { put(k, scalar(GgufValueType::UInt8, v)); }
void GgufWriter::set_i8(const std::string& k, int8_t v) { put(k, scalar(GgufValueType::Int8, v)); }
void GgufWriter::set_u16(const std::string& k, uint16_t v) { put(k, scalar(GgufValueType::UInt16, v)); }
void GgufWriter::set_i16(const std::string& k, int16_t v) { put(k, scalar(GgufValueType::Int16, v)); }
void GgufWriter::set_u32(const std::string& k, uint32_t v) { put(k, scalar(GgufValueType::UInt32, v)); }
void GgufWriter::set_i32(const std::string& k, int32_t v) { put(k, scalar(GgufValueType::Int32, v)); }
void GgufWriter::set_u64(const std::string& k, uint64_t v) { put(k, scalar(GgufValueType::UInt64, v)); }
void GgufWriter::set_i64(const std::string& k, int64_t v) { put(k, scalar(GgufValueType::Int64, v)); }
void GgufWriter::set_f32(const std::string& k, float v) { put(k, scalar(GgufValueType::Float32, v)); }
void GgufWriter::set_f64(const std::string& k, double v) { put(k, scalar(GgufValueType::Float64, v)); }
void GgufWriter::set_bool(const std::string& k, bool v) {
    put(k, scalar(GgufValueType::Bool, static_cast<uint8_t>(v ? 1 : 0)));
}

void GgufWriter::set_string(const std::string& k, const std::string& v) {
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::String));
    append_string(out, v);
    put(k, std::move(out));
}

void GgufWriter::set_array_strings(const std::string& k, const std::vector<std::string>& v) {
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::Array));
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::String));
    append<uint64_t>(out, v.size());
    for (const auto& s : v) append_string(out, s);
    put(k, std::move(out));
}

void GgufWriter::set_array_f32(const std::string& k, const std::vector<float>& v) {
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::Array));
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::Float32));
    append<uint64_t>(out, v.size());
    for (float f : v) append<float>(out, f);
    put(k, std::move(out));
}

void GgufWriter::set_array_i32(const std::string& k, const std::vector<int32_t>& v) {
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::Array));
    append<uint32_t>(out, static_cast<uint32_t>(GgufValueType::Int32));
    append<uint64_t>(out, v.size());
    for (int32_t i : v) append<int32_t>(out, i);
    put(k, std::move(out));
}

void GgufWriter::copy_key(const GgufFile& from, const std::string& key) {
    const GgufValue* v = from.find(key);
    if (v == nullptr) return;
    std::vector<uint8_t> out;
    append<uint32_t>(out, static_cast<uint32_t>(v->type));
    if (v->is_array()) {
        append<uint32_t>(out, static_cast<uint32_t>(v->elem_type));
        append<uint64_t>(out, v->n_elements);
        if (v->elem_type == GgufValueType::String) {
            for (std::string_view s : v->strings) append_string(out, std::string(s));
        } else {
            const uint64_t n = v->n_elements * value_size(v->elem_type);
            append_bytes(out, v->array_data, static_cast<size_t>(n));
        }
    } else {
        switch (v->type) {
            case GgufValueType::UInt8: append<uint8_t>(out, static_cast<uint8_t>(std::get<uint64_t>(v->scalar))); break;
            case GgufValueType::Int8: append<int8_t>(out, static_cast<int8_t>(std::get<int64_t>(v->scalar))); break;
            case GgufValueType::UInt16: append<uint16_t>(out, static_cast<uint16_t>(std::get<uint64_t>(v->scalar))); break;
            case GgufValueType::Int16: append<int16_t>(out, static_cast<int16_t>(std::get<int64_t>(v->scalar))); break;
            case GgufValueType::UInt32: append<uint32_t>(out, static_cast<uint32_t>(std::get<uint64_t>(v->scalar))); break;
            case GgufValueType::Int32: append<int32_t>(out, static_cast<int32_t>(std::get<int64_t>(v->scalar))); break;
            case GgufValueType::UInt64: append<uint64_t>(out, std::get<uint64_t>(v->scalar)); break;
            case GgufValueType::Int64: append<int64_t>(out, std::get<int64_t>(v->scalar)); break;
            case GgufValueType::Float32: append<float>(out, static_cast<float>(std::get<double>(v->scalar))); break;
            case GgufValueType::Float64: append<double>(out, std::get<double>(v->scalar)); break;
            case GgufValueType::Bool: append<uint8_t>(out, std::get<bool>(v->scalar) ? 1 : 0); break;
            case GgufValueType::String: append_string(out, std::get<std::string>(v->scalar)); break;
            case GgufValueType::Array: break;
        }
    }
    put(key, std::move(out));
}

void GgufWriter::remove_key(const std::string& key) {
    for (auto it = m_kv.begin(); it != m_kv.end(); ++it) {
        if (it->key == key) {
            m_kv.erase(it);
            return;
        }
    }
}

bool GgufWriter::has_key(const std::string& key) const {
    for (const Kv& kv : m_kv) {
        if (kv.key == key) return true;
    }
    return false;
}

bool GgufWriter::check_tensor(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims,
                              uint64_t* bytes, std::string* error) const {
    const TypeTraits* t = type_traits(static_cast<uint32_t>(type));
    auto fail = [&](const std::string& why) {
        if (error) *error = "tensor '" + name + "': " + why;
        return false;
    };
    if (t == nullptr) return fail("unknown type");
    if (dims.empty() || dims.size() > 4) return fail("needs 1 to 4 dimensions");
    for (const Tensor& existing : m_tensors) {
        if (existing.name == name) return fail("duplicate name");
    }
    const auto row = row_bytes(*t, dims[0]);
    if (!row) return fail("first dimension is not a multiple of the block size " + std::to_string(t->block_size));
    uint64_t n = *row;
    for (size_t i = 1; i < dims.size(); ++i) {
        if (dims[i] != 0 && n > UINT64_MAX / dims[i]) return fail("is too large");
        n *= dims[i];
    }
    *bytes = n;
    return true;
}

bool GgufWriter::add_tensor(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims,
                            std::vector<uint8_t> data, std::string* error) {
    uint64_t bytes = 0;
    if (!check_tensor(name, type, dims, &bytes, error)) return false;
    if (bytes != data.size()) {
        if (error) {
            *error = "tensor '" + name + "': has " + std::to_string(data.size()) + " bytes of data, its shape needs " +
                     std::to_string(bytes);
        }
        return false;
    }
    m_tensors.push_back({name, type, dims, bytes, true, std::move(data)});
    return true;
}

bool GgufWriter::add_tensor_info(const std::string& name, GgmlType type, const std::vector<uint64_t>& dims,
                                 std::string* error) {
    uint64_t bytes = 0;
    if (!check_tensor(name, type, dims, &bytes, error)) return false;
    m_tensors.push_back({name, type, dims, bytes, false, {}});
    return true;
}

uint32_t GgufWriter::alignment() const {
    for (const Kv& kv : m_kv) {
        if (kv.key == "general.alignment" && kv.encoded.size() == 8) {
            uint32_t a = 0;
            std::memcpy(&a, kv.encoded.data() + 4, 4);
            if (a != 0 && (a & (a - 1)) == 0) return a;
        }
    }
    return 32;
}

std::vector<uint8_t> GgufWriter::serialize_header() const {
    const uint64_t align = alignment();
    auto padded = [align](uint64_t n) { return (n + align - 1) / align * align; };
    std::vector<uint8_t> out;
    append<uint32_t>(out, 0x46554747);
    append<uint32_t>(out, 3);
    append<uint64_t>(out, m_tensors.size());
    append<uint64_t>(out, m_kv.size());
    for (const Kv& kv : m_kv) {
        append_string(out, kv.key);
        append_bytes(out, kv.encoded.data(), kv.encoded.size());
    }
    uint64_t offset = 0;
    for (const Tensor& t : m_tensors) {
        append_string(out, t.name);
        append<uint32_t>(out, static_cast<uint32_t>(t.dims.size()));
        for (uint64_t d : t.dims) append<uint64_t>(out, d);
        append<uint32_t>(out, static_cast<uint32_t>(t.type));
        append<uint64_t>(out, offset);
        offset += padded(t.n_bytes);
    }
    out.resize(padded(out.size()), 0);
    return out;
}

std::vector<uint8_t> GgufWriter::serialize() const {
    const uint64_t align = alignment();
    auto padded = [align](uint64_t n) { return (n + align - 1) / align * align; };
    std::vector<uint8_t> out = serialize_header();
    for (const Tensor& t : m_tensors) {
        assert(t.has_data);
        append_bytes(out, t.data.data(), t.data.size());
        out.resize(padded(out.size()), 0);
    }
    return out;
}

bool GgufWriter::write_file(const std::string& path, std::string* error) const {
    for (const Tensor& t : m_tensors) {
        if (!t.has_data) {
            if (error) *error = path + ": tensor '" + t.name + "' has no data (declared for streaming)";
            return false;
        }
    }
    const std::vector<uint8_t> bytes = serialize();
    const std::string tmp = path + ".partial";
    FILE* f = std::fopen(tmp.c_str(), "wb");
    if (f == nullptr) {
        if (error) *error = tmp + ": cannot create: " + std::strerror(errno);
        return false;
    }
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size() && std::fflush(f) == 0;
    const int write_errno = errno;
    std::fclose(f);
    if (!ok) {
        std::remove(tmp.c_str());
        if (error) *error = tmp + ": write failed: " + std::strerror(write_errno);
        return false;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        if (error) *error = path + ": cannot rename the finished file into place: " + ec.message();
        return false;
    }
    return true;
}

}  // namespace fyr
