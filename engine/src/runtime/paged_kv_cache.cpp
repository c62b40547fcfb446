#include "fyr/paged_kv_cache.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace fyr {

namespace {
size_t sz(int64_t v) {
    return static_cast<size_t>(v);
}
}  // namespace

const char* kv_type_name(KvType t) {
    return t == KvType::Q8_0 ? "q8_0" : "f16";
}

std::string kv_type_problem(int32_t n_embd_head, KvType type) {
    if (type == KvType::Q8_0 && n_embd_head % 32 != 0)
        return "a q8_0 KV cache needs attention heads of a multiple of 32 values; this model's have " +
               std::to_string(n_embd_head);
    return {};
}

PagedKvCache::PagedKvCache(int32_t n_layer, int64_t n_embd_kv, int32_t block_tokens, int32_t n_blocks, KvType type)
    : m_n_layer(n_layer),
      m_n_embd_kv(n_embd_kv),
      m_block_tokens(block_tokens),
      m_n_blocks(n_blocks),
      m_type(type),
      m_row_bytes(row_bytes(n_embd_kv, type)),
      m_block_bytes(m_row_bytes * sz(block_tokens)) {
    if (n_layer <= 0 || n_embd_kv <= 0 || block_tokens <= 0 || n_blocks <= 0) {
        throw std::invalid_argument("KV cache: n_layer, n_embd_kv, block_tokens and n_blocks must be positive (got " +
                                    std::to_string(n_layer) + ", " + std::to_string(n_embd_kv) + ", " +
                                    std::to_string(block_tokens) + ", " + std::to_string(n_blocks) + ")");
    }
    if (type == KvType::Q8_0 && n_embd_kv % 32 != 0) {
        throw std::invalid_argument("KV cache: q8_0 needs rows in blocks of 32 values; this model's K/V rows have " +
                                    std::to_string(n_embd_kv));
    }
    const size_t bytes = sz(n_layer) * sz(n_blocks) * m_block_bytes;
    m_k = HugePageBuffer(bytes);
    m_v = HugePageBuffer(bytes);
    m_blocks.resize(sz(n_blocks));
    m_tokens.resize(sz(n_blocks) * sz(block_tokens));
    m_free.reserve(sz(n_blocks));
    for (int32_t b = n_blocks - 1; b >= 0; --b) m_free.push_back(b);
}

size_t PagedKvCache::row_bytes(int64_t n_embd_kv, KvType type) {
    // Q8_0: per 32 values an F16 scale and 32 int8 quants.
    return type == KvType::Q8_0 ? sz(n_embd_kv / 32) * 34 : sz(n_embd_kv) * sizeof(uint16_t);
}

size_t PagedKvCache::block_bytes(int32_t n_layer, int64_t n_embd_kv, int32_t block_tokens, KvType type) {
    return 2 * row_bytes(n_embd_kv, type) * sz(n_layer) * sz(block_tokens);
}

int32_t PagedKvCache::allocate() {
    int32_t b = -1;
    if (!m_free.empty()) {
        b = m_free.back();
        m_free.pop_back();
    } else if (!m_lru.empty()) {
        b = m_lru.front();
        m_lru.pop_front();
        forget(b);
    } else {
        return -1;
    }
    Block& blk = m_blocks[sz(b)];
    assert(blk.refs == 0);
    blk.refs = 1;
    return b;
}

void PagedKvCache::retain(int32_t block) {
    Block& blk = m_blocks.at(sz(block));
    if (blk.refs == 0 && blk.published) m_lru.erase(blk.lru);
    ++blk.refs;
}

void PagedKvCache::release(int32_t block) {
    Block& blk = m_blocks.at(sz(block));
    assert(blk.refs > 0);
    if (blk.refs <= 0) return;
    if (--blk.refs > 0) return;
    if (blk.published) {
        blk.lru = m_lru.insert(m_lru.end(), block);
    } else {
        ++blk.generation;
        m_free.push_back(block);
    }
}

void PagedKvCache::forget(int32_t block) {
    Block& blk = m_blocks[sz(block)];
    if (blk.published) {
        auto [first, last] = m_by_key.equal_range(blk.key);
        for (auto it = first; it != last; ++it) {
            if (it->second == block) {
                m_by_key.erase(it);
                break;
            }
        }
    }
    blk.published = false;
    blk.parent = -1;
    ++blk.generation;
}

uint64_t PagedKvCache::key_of(int32_t parent, uint32_t parent_generation, std::span<const int32_t> tokens) const {
    // FNV-1a over the parent's identity and the tokens; only narrows the search,
    // same_content() decides.
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            h ^= (v >> (8 * i)) & 0xff;
            h *= 1099511628211ull;
        }
    };
    mix(static_cast<uint64_t>(static_cast<uint32_t>(parent)));
    mix(parent_generation);
    for (int32_t t : tokens) mix(static_cast<uint32_t>(t));
    return h;
}

bool PagedKvCache::same_content(int32_t block, int32_t parent, uint32_t parent_generation,
                                std::span<const int32_t> tokens) const {
    const Block& blk = m_blocks[sz(block)];
    if (!blk.published || blk.parent != parent || blk.parent_generation != parent_generation) return false;
    return std::equal(tokens.begin(), tokens.end(), m_tokens.begin() + static_cast<std::ptrdiff_t>(sz(block) * sz(m_block_tokens)));
}

void PagedKvCache::publish(int32_t block, int32_t parent, std::span<const int32_t> tokens) {
    if (tokens.size() != sz(m_block_tokens)) {
        throw std::invalid_argument("KV cache: publish() takes a full block of " + std::to_string(m_block_tokens) +
                                    " tokens, got " + std::to_string(tokens.size()));
    }
    Block& blk = m_blocks.at(sz(block));
    if (blk.published) return;
    const uint32_t pgen = parent >= 0 ? m_blocks.at(sz(parent)).generation : 0;
    const uint64_t key = key_of(parent, pgen, tokens);
    auto [first, last] = m_by_key.equal_range(key);
    for (auto it = first; it != last; ++it) {
        if (same_content(it->second, parent, pgen, tokens)) return;  // already cached elsewhere
    }
    blk.published = true;
    blk.parent = parent;
    blk.parent_generation = pgen;
    blk.key = key;
    std::copy(tokens.begin(), tokens.end(), m_tokens.begin() + static_cast<std::ptrdiff_t>(sz(block) * sz(m_block_tokens)));
    m_by_key.emplace(key, block);
    if (blk.refs == 0) blk.lru = m_lru.insert(m_lru.end(), block);
}

std::vector<int32_t> PagedKvCache::match_prefix(std::span<const int32_t> tokens) {
    std::vector<int32_t> chain;
    int32_t parent = -1;
    for (size_t off = 0; off + sz(m_block_tokens) <= tokens.size(); off += sz(m_block_tokens)) {
        const std::span<const int32_t> part = tokens.subspan(off, sz(m_block_tokens));
        const uint32_t pgen = parent >= 0 ? m_blocks[sz(parent)].generation : 0;
        int32_t found = -1;
        auto [first, last] = m_by_key.equal_range(key_of(parent, pgen, part));
        for (auto it = first; it != last && found < 0; ++it) {
            if (same_content(it->second, parent, pgen, part)) found = it->second;
        }
        if (found < 0) break;
        retain(found);
        chain.push_back(found);
        parent = found;
    }
    return chain;
}

}  // namespace fyr
