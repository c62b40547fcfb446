#include "fyr/gguf_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace fyr {
namespace {

constexpr uint32_t kMagic = 0x46554747;  // "GGUF" little-endian
constexpr uint64_t kMaxDims = 4;
constexpr uint64_t kMaxNameLength = 63;  // ggml's GGML_MAX_NAME minus the terminator
constexpr uint64_t kMaxStringLength = 256ull << 20;  // a chat template or merge list entry, generously

struct ParseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Reads little-endian values from [pos, size), naming what was being read when the
// bytes run out.
class Cursor {
public:
    Cursor(const uint8_t* data, uint64_t size) : m_data(data), m_size(size) {}

    uint64_t pos() const { return m_pos; }
    uint64_t remaining() const { return m_size - m_pos; }

    void need(uint64_t n, const std::string& what) const {
        if (n > remaining()) {
            throw ParseError(what + ": needs " + std::to_string(n) + " bytes at offset " + std::to_string(m_pos) +
                             " but the file ends after " + std::to_string(remaining()) + " (truncated file?)");
        }
    }

    template <typename T>
    T read(const std::string& what) {
        need(sizeof(T), what);
        T v;
        std::memcpy(&v, m_data + m_pos, sizeof(T));
        m_pos += sizeof(T);
        return v;
    }

    std::string_view read_string(const std::string& what) {
        const uint64_t len = read<uint64_t>(what + " (string length)");
        if (len > kMaxStringLength) {
            throw ParseError(what + ": string length " + std::to_string(len) + " is absurd (limit " +
                             std::to_string(kMaxStringLength) + ")");
        }
        need(len, what + " (" + std::to_string(len) + "-byte string)");
        std::string_view s(reinterpret_cast<const char*>(m_data + m_pos), static_cast<size_t>(len));
        m_pos += len;
        return s;
    }

    const uint8_t* skip(uint64_t n, const std::string& what) {
        need(n, what);
        const uint8_t* p = m_data + m_pos;
        m_pos += n;
        return p;
    }

private:
    const uint8_t* m_data;
    uint64_t m_size;
    uint64_t m_pos = 0;
};

uint64_t scalar_size(GgufValueType t) {
    switch (t) {
        case GgufValueType::UInt8: case GgufValueType::Int8: case GgufValueType::Bool: return 1;
        case GgufValueType::UInt16: case GgufValueType::Int16: return 2;
        case GgufValueType::UInt32: case GgufValueType::Int32: case GgufValueType::Float32: return 4;
        case GgufValueType::UInt64: case GgufValueType::Int64: case GgufValueType::Float64: return 8;
        default: return 0;
    }
}

bool valid_value_type(uint32_t t) { return t <= static_cast<uint32_t>(GgufValueType::Float64); }

GgufValue::Scalar read_scalar(Cursor& c, GgufValueType t, const std::string& what) {
    switch (t) {
        case GgufValueType::UInt8: return uint64_t{c.read<uint8_t>(what)};
        case GgufValueType::Int8: return int64_t{c.read<int8_t>(what)};
        case GgufValueType::UInt16: return uint64_t{c.read<uint16_t>(what)};
        case GgufValueType::Int16: return int64_t{c.read<int16_t>(what)};
        case GgufValueType::UInt32: return uint64_t{c.read<uint32_t>(what)};
        case GgufValueType::Int32: return int64_t{c.read<int32_t>(what)};
        case GgufValueType::Float32: return double{c.read<float>(what)};
        case GgufValueType::UInt64: return c.read<uint64_t>(what);
        case GgufValueType::Int64: return c.read<int64_t>(what);
        case GgufValueType::Float64: return c.read<double>(what);
        case GgufValueType::Bool: {
            const uint8_t b = c.read<uint8_t>(what);
            if (b > 1) throw ParseError(what + ": bool value " + std::to_string(b) + " (expected 0 or 1)");
            return b == 1;
        }
        case GgufValueType::String: return std::string(c.read_string(what));
        default: break;
    }
    throw ParseError(what + ": not a scalar type");
}

// Numeric array elements stay in the mapping; one is decoded on demand with the
// same reader as a scalar value (bools were range-checked when the file was opened).
GgufValue::Scalar element_at(GgufValueType t, const uint8_t* p) {
    Cursor c(p, scalar_size(t));
    return read_scalar(c, t, "array element");
}

std::optional<int64_t> scalar_int(const GgufValue::Scalar& v) {
    if (const auto* u = std::get_if<uint64_t>(&v)) {
        if (*u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
        return static_cast<int64_t>(*u);
    }
    if (const auto* i = std::get_if<int64_t>(&v)) return *i;
    return std::nullopt;
}

std::optional<double> scalar_number(const GgufValue::Scalar& v) {
    if (const auto* d = std::get_if<double>(&v)) return *d;
    if (const auto* u = std::get_if<uint64_t>(&v)) return static_cast<double>(*u);
    if (const auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    if (const auto* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
    return std::nullopt;
}

bool mul_overflows(uint64_t a, uint64_t b, uint64_t* out) { return __builtin_mul_overflow(a, b, out); }

}  // namespace

std::string_view gguf_type_name(GgufValueType t) {
    switch (t) {
        case GgufValueType::UInt8: return "uint8";
        case GgufValueType::Int8: return "int8";
        case GgufValueType::UInt16: return "uint16";
        case GgufValueType::Int16: return "int16";
        case GgufValueType::UInt32: return "uint32";
        case GgufValueType::Int32: return "int32";
        case GgufValueType::Float32: return "float32";
        case GgufValueType::Bool: return "bool";
        case GgufValueType::String: return "string";
        case GgufValueType::Array: return "array";
        case GgufValueType::UInt64: return "uint64";
        case GgufValueType::Int64: return "int64";
        case GgufValueType::Float64: return "float64";
    }
    return "unknown";
}

std::optional<int64_t> GgufValue::as_int() const {
    if (is_array()) return std::nullopt;
    return scalar_int(scalar);
}

std::optional<double> GgufValue::as_float() const {
    if (is_array() || type == GgufValueType::Bool) return std::nullopt;
    return scalar_number(scalar);
}

std::optional<double> GgufValue::number_at(uint64_t i) const {
    if (!is_array() || i >= n_elements || array_data == nullptr) return std::nullopt;
    return scalar_number(element_at(elem_type, array_data + i * scalar_size(elem_type)));
}

std::optional<int64_t> GgufValue::int_at(uint64_t i) const {
    if (!is_array() || i >= n_elements || array_data == nullptr) return std::nullopt;
    return scalar_int(element_at(elem_type, array_data + i * scalar_size(elem_type)));
}

uint64_t GgufTensor::n_elements() const {
    uint64_t n = 1;
    for (uint64_t d : dims) n *= d;  // validated against overflow on open
    return n;
}

GgufFile::~GgufFile() {
    if (m_mapping != nullptr) munmap(m_mapping, static_cast<size_t>(m_size));
}

std::unique_ptr<GgufFile> GgufFile::open(const std::string& path, std::string* error) {
    auto fail = [&](const std::string& why) -> std::unique_ptr<GgufFile> {
        if (error) *error = path + ": " + why;
        return nullptr;
    };
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        const int e = errno;
        ::close(fd);
        return fail(std::string("cannot stat: ") + std::strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail("not a regular file");
    }
    const uint64_t size = static_cast<uint64_t>(st.st_size);
    if (size < 4) {
        ::close(fd);
        return fail("file is " + std::to_string(size) + " bytes, too short for a GGUF header (truncated?)");
    }
    void* map = mmap(nullptr, static_cast<size_t>(size), PROT_READ, MAP_PRIVATE, fd, 0);
    const int map_errno = errno;
    ::close(fd);
    if (map == MAP_FAILED) return fail(std::string("cannot map into memory: ") + std::strerror(map_errno));

    std::unique_ptr<GgufFile> file(new GgufFile());
    file->m_path = path;
    file->m_mapping = map;
    file->m_data = static_cast<const uint8_t*>(map);
    file->m_size = size;
    if (!file->parse(error)) return nullptr;
    return file;
}

std::unique_ptr<GgufFile> GgufFile::from_memory(const uint8_t* data, size_t size, const std::string& name,
                                                std::string* error) {
    std::unique_ptr<GgufFile> file(new GgufFile());
    file->m_path = name;
    file->m_data = data;
    file->m_size = size;
    if (!file->parse(error)) return nullptr;
    return file;
}

bool GgufFile::parse(std::string* error) {
    try {
        Cursor c(m_data, m_size);
        const uint32_t magic = c.read<uint32_t>("header magic");
        if (magic != kMagic) {
            char got[5] = {};
            std::memcpy(got, &magic, 4);
            for (char& ch : got) {
                if (ch != 0 && (ch < 32 || ch > 126)) ch = '?';
            }
            throw ParseError(std::string("header magic: expected \"GGUF\", found \"") + got +
                             "\" (not a GGUF file)");
        }
        m_version = c.read<uint32_t>("header version");
        if (m_version == 1) throw ParseError("header version: GGUF v1 is not supported (expected 2 or 3); "
                                             "convert the file with a current llama.cpp");
        if (m_version != 2 && m_version != 3) {
            throw ParseError("header version: " + std::to_string(m_version) + " (expected 2 or 3)");
        }
        const uint64_t n_tensors = c.read<uint64_t>("header tensor count");
        const uint64_t n_kv = c.read<uint64_t>("header metadata count");
        // Each key/value needs at least 8 (key length) + 4 (type) + 1 bytes; each tensor
        // info at least 8 + 4 + 4 + 8 bytes: counts beyond that cannot be honest.
        if (n_kv > c.remaining() / 13) {
            throw ParseError("header metadata count: " + std::to_string(n_kv) + " entries cannot fit in the " +
                             std::to_string(c.remaining()) + " bytes that follow");
        }
        if (n_tensors > c.remaining() / 24) {
            throw ParseError("header tensor count: " + std::to_string(n_tensors) + " tensors cannot fit in the " +
                             std::to_string(c.remaining()) + " bytes that follow");
        }

        for (uint64_t i = 0; i < n_kv; ++i) {
            const std::string where = "metadata entry " + std::to_string(i);
            const std::string key(c.read_string(where + " key"));
            if (key.empty()) throw ParseError(where + ": empty key");
            const std::string what = "metadata '" + key + "'";
            if (m_kv.count(key) != 0) throw ParseError(what + ": duplicate key");
            const uint32_t type = c.read<uint32_t>(what + " type");
            if (!valid_value_type(type)) {
                throw ParseError(what + ": value type " + std::to_string(type) + " (expected 0..12)");
            }
            GgufValue v;
            v.type = static_cast<GgufValueType>(type);
            if (v.type == GgufValueType::Array) {
                const uint32_t et = c.read<uint32_t>(what + " array element type");
                if (!valid_value_type(et)) {
                    throw ParseError(what + ": array element type " + std::to_string(et) + " (expected 0..12)");
                }
                v.elem_type = static_cast<GgufValueType>(et);
                if (v.elem_type == GgufValueType::Array) {
                    throw ParseError(what + ": arrays of arrays are not supported");
                }
                v.n_elements = c.read<uint64_t>(what + " array length");
                if (v.elem_type == GgufValueType::String) {
                    if (v.n_elements > c.remaining() / 8) {
                        throw ParseError(what + ": array of " + std::to_string(v.n_elements) +
                                         " strings cannot fit in the " + std::to_string(c.remaining()) +
                                         " bytes that follow");
                    }
                    v.strings.reserve(static_cast<size_t>(v.n_elements));
                    for (uint64_t k = 0; k < v.n_elements; ++k) {
                        v.strings.push_back(c.read_string(what + " element " + std::to_string(k)));
                    }
                } else {
                    uint64_t bytes = 0;
                    if (mul_overflows(v.n_elements, scalar_size(v.elem_type), &bytes)) {
                        throw ParseError(what + ": array length " + std::to_string(v.n_elements) + " overflows");
                    }
                    v.array_data = c.skip(bytes, what + " (" + std::to_string(v.n_elements) + " x " +
                                                     std::string(gguf_type_name(v.elem_type)) + ")");
                    if (v.elem_type == GgufValueType::Bool) {
                        for (uint64_t k = 0; k < v.n_elements; ++k) {
                            if (v.array_data[k] > 1) {
                                throw ParseError(what + " element " + std::to_string(k) + ": bool value " +
                                                 std::to_string(v.array_data[k]) + " (expected 0 or 1)");
                            }
                        }
                    }
                }
            } else {
                v.scalar = read_scalar(c, v.type, what);
            }
            m_key_order.push_back(key);
            m_kv.emplace(key, std::move(v));
        }

        if (const GgufValue* a = find("general.alignment")) {
            const auto align = a->as_int();
            if (a->type != GgufValueType::UInt32 || !align || *align <= 0 || (*align & (*align - 1)) != 0) {
                throw ParseError("metadata 'general.alignment': expected a uint32 power of two, found " +
                                 std::string(gguf_type_name(a->type)) +
                                 (align ? " " + std::to_string(*align) : std::string()));
            }
            m_alignment = static_cast<uint32_t>(*align);
        }

        m_tensors.reserve(static_cast<size_t>(n_tensors));
        for (uint64_t i = 0; i < n_tensors; ++i) {
            const std::string where = "tensor " + std::to_string(i);
            GgufTensor t;
            t.name = std::string(c.read_string(where + " name"));
            const std::string what = "tensor '" + t.name + "'";
            if (t.name.empty()) throw ParseError(where + ": empty name");
            if (t.name.size() > kMaxNameLength) {
                throw ParseError(where + ": name is " + std::to_string(t.name.size()) + " bytes (at most " +
                                 std::to_string(kMaxNameLength) + ")");
            }
            if (m_tensor_index.count(t.name) != 0) throw ParseError(what + ": duplicate tensor name");
            const uint32_t n_dims = c.read<uint32_t>(what + " dimension count");
            if (n_dims == 0 || n_dims > kMaxDims) {
                throw ParseError(what + ": " + std::to_string(n_dims) + " dimensions (expected 1 to 4)");
            }
            uint64_t n_elements = 1;
            for (uint32_t d = 0; d < n_dims; ++d) {
                const uint64_t ne = c.read<uint64_t>(what + " dimension " + std::to_string(d));
                if (ne == 0 || ne > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                    throw ParseError(what + ": dimension " + std::to_string(d) + " is " + std::to_string(ne) +
                                     " (expected 1 or more)");
                }
                if (mul_overflows(n_elements, ne, &n_elements) ||
                    n_elements > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                    throw ParseError(what + ": element count overflows");
                }
                t.dims.push_back(ne);
            }
            t.type = c.read<uint32_t>(what + " type");
            t.traits = type_traits(t.type);
            t.offset = c.read<uint64_t>(what + " data offset");
            if (t.offset % m_alignment != 0) {
                throw ParseError(what + ": data offset " + std::to_string(t.offset) + " is not a multiple of the " +
                                 std::to_string(m_alignment) + "-byte alignment");
            }
            if (t.traits != nullptr) {
                if (t.dims[0] % t.traits->block_size != 0) {
                    throw ParseError(what + ": first dimension " + std::to_string(t.dims[0]) +
                                     " is not a multiple of the " + std::string(t.traits->name) + " block size " +
                                     std::to_string(t.traits->block_size));
                }
                uint64_t row = 0;
                if (mul_overflows(t.dims[0] / t.traits->block_size, t.traits->type_size, &row) ||
                    mul_overflows(row, n_elements / t.dims[0], &t.n_bytes)) {
                    throw ParseError(what + ": byte size overflows");
                }
            }
            m_tensor_index.emplace(t.name, m_tensors.size());
            m_tensors.push_back(std::move(t));
        }

        // The data section starts at the next multiple of the alignment.
        const uint64_t pad = (m_alignment - c.pos() % m_alignment) % m_alignment;
        m_data_offset = c.pos() + pad;
        if (m_data_offset > m_size) {
            if (!m_tensors.empty()) {
                throw ParseError("data section: starts at " + std::to_string(m_data_offset) +
                                 " beyond the end of the file (" + std::to_string(m_size) + " bytes; truncated?)");
            }
            m_data_offset = m_size;
        }
        const uint64_t data_size = m_size - m_data_offset;

        // Every tensor lies inside the data section and none overlaps another.
        std::vector<const GgufTensor*> by_offset;
        for (const GgufTensor& t : m_tensors) {
            if (t.traits == nullptr) continue;
            if (t.offset > data_size || t.n_bytes > data_size - t.offset) {
                throw ParseError("tensor '" + t.name + "': data [" + std::to_string(t.offset) + ", " +
                                 std::to_string(t.offset + t.n_bytes) + ") runs past the end of the data section (" +
                                 std::to_string(data_size) + " bytes; truncated file?)");
            }
            by_offset.push_back(&t);
        }
        std::sort(by_offset.begin(), by_offset.end(),
                  [](const GgufTensor* a, const GgufTensor* b) { return a->offset < b->offset; });
        for (size_t i = 1; i < by_offset.size(); ++i) {
            const GgufTensor& prev = *by_offset[i - 1];
            const GgufTensor& cur = *by_offset[i];
            if (prev.offset + prev.n_bytes > cur.offset) {
                throw ParseError("tensor '" + cur.name + "': data at " + std::to_string(cur.offset) +
                                 " overlaps tensor '" + prev.name + "' [" + std::to_string(prev.offset) + ", " +
                                 std::to_string(prev.offset + prev.n_bytes) + ")");
            }
        }
    } catch (const ParseError& e) {
        if (error) *error = m_path + ": " + e.what();
        return false;
    } catch (const std::bad_alloc&) {
        if (error) *error = m_path + ": out of memory while reading the metadata";
        return false;
    }
    return true;
}

const GgufValue* GgufFile::find(std::string_view key) const {
    const auto it = m_kv.find(key);
    return it == m_kv.end() ? nullptr : &it->second;
}

std::optional<std::string> GgufFile::get_string(std::string_view key) const {
    const GgufValue* v = find(key);
    if (v == nullptr || v->type != GgufValueType::String) return std::nullopt;
    return std::get<std::string>(v->scalar);
}

std::optional<int64_t> GgufFile::get_int(std::string_view key) const {
    const GgufValue* v = find(key);
    return v ? v->as_int() : std::nullopt;
}

std::optional<double> GgufFile::get_float(std::string_view key) const {
    const GgufValue* v = find(key);
    return v ? v->as_float() : std::nullopt;
}

std::optional<bool> GgufFile::get_bool(std::string_view key) const {
    const GgufValue* v = find(key);
    if (v == nullptr || v->type != GgufValueType::Bool) return std::nullopt;
    return std::get<bool>(v->scalar);
}

std::optional<int64_t> GgufFile::arch_int(std::string_view suffix) const {
    const auto arch = get_string("general.architecture");
    if (!arch) return std::nullopt;
    return get_int(*arch + "." + std::string(suffix));
}

std::optional<double> GgufFile::arch_float(std::string_view suffix) const {
    const auto arch = get_string("general.architecture");
    if (!arch) return std::nullopt;
    return get_float(*arch + "." + std::string(suffix));
}

const GgufTensor* GgufFile::find_tensor(std::string_view name) const {
    const auto it = m_tensor_index.find(name);
    return it == m_tensor_index.end() ? nullptr : &m_tensors[it->second];
}

const uint8_t* GgufFile::tensor_data(const GgufTensor& t) const { return m_data + m_data_offset + t.offset; }

const uint8_t* GgufFile::tensor_data(const GgufTensor& t, std::string* error) const {
    if (t.traits == nullptr) {
        if (error) {
            *error = m_path + ": tensor '" + t.name + "': type " + std::to_string(t.type) +
                     " is not supported (a newer or unknown GGUF tensor type; convert the model to a supported type)";
        }
        return nullptr;
    }
    return tensor_data(t);
}

void GgufFile::release_pages(const uint8_t* data, uint64_t n_bytes) const {
    if (m_mapping == nullptr || n_bytes == 0 || data < m_data || data + n_bytes > m_data + m_size) return;
    static const auto page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
    if (page == 0) return;
    // Whole pages only may be dropped; partly used ones at the ends are re-read
    // from the file if a neighbour touches them, so rounding outwards is safe.
    const uintptr_t begin = reinterpret_cast<uintptr_t>(data) / page * page;
    const uintptr_t end = reinterpret_cast<uintptr_t>(data) + n_bytes;
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

}  // namespace fyr
