// Memory for what a step streams through once per token (the packed weights, the
// KV cache): zero-filled, 2 MiB aligned, and on transparent huge pages where Linux
// gives them (advice only: with them off the pages are 4 KiB). With 4 KiB pages every
// page is a TLB miss and a stop for the hardware prefetcher: decoding the 850M Q4_0
// benchmark model read its packed weights 11% slower, and attention over 2048
// positions took about a tenth longer.
//
//   fyr::HugePageBuffer buf(bytes);   // throws std::bad_alloc; pages are touched lazily
//   uint8_t* p = buf.data();          // size() is bytes rounded up to 2 MiB
//
// Thread-safety: as a plain array.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fyr {

class HugePageBuffer final {
public:
    HugePageBuffer() = default;
    explicit HugePageBuffer(size_t bytes);  // 0: empty
    ~HugePageBuffer();
    HugePageBuffer(HugePageBuffer&& other) noexcept;
    HugePageBuffer& operator=(HugePageBuffer&& other) noexcept;
    HugePageBuffer(const HugePageBuffer&) = delete;
    HugePageBuffer& operator=(const HugePageBuffer&) = delete;

    uint8_t* data() { return m_data; }
    const uint8_t* data() const { return m_data; }
    size_t size() const { return m_size; }

private:
    uint8_t* m_data = nullptr;
    size_t m_size = 0;
};

}  // namespace fyr
