#include "fyr/huge_page_buffer.h"

#include <sys/mman.h>

#include <new>
#include <utility>

namespace fyr {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
}

HugePageBuffer::HugePageBuffer(size_t bytes) {
    if (bytes == 0) return;
    const size_t size = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    // An anonymous mapping (zero-filled, untouched until used) one huge page larger,
    // trimmed to a 2 MiB-aligned run.
    void* p = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    const auto start = reinterpret_cast<uintptr_t>(p);
    const uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
    if (aligned > start) munmap(p, aligned - start);
    const uintptr_t end = start + size + kHugePage;
    if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
    m_data = reinterpret_cast<uint8_t*>(aligned);
    m_size = size;
#ifdef MADV_HUGEPAGE
    madvise(m_data, m_size, MADV_HUGEPAGE);
#endif
}

HugePageBuffer::~HugePageBuffer() {
    if (m_data != nullptr) munmap(m_data, m_size);
}

HugePageBuffer::HugePageBuffer(HugePageBuffer&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

HugePageBuffer& HugePageBuffer::operator=(HugePageBuffer&& other) noexcept {
    if (this != &other) {
        if (m_data != nullptr) munmap(m_data, m_size);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

}  // namespace fyr
