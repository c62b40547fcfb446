// The KV cache in fixed-size blocks: a pool of blocks shared by every sequence
// of a model, each sequence holding a table of the blocks its positions live in
// (position p is in table[p / block_tokens()], slot p % block_tokens()).
//
//   fyr::PagedKvCache kv(n_layer, n_embd_kv, /*block_tokens=*/32, /*n_blocks=*/512);
//   std::vector<int32_t> table = kv.match_prefix(prompt);   // cached full blocks, retained
//   while (table.size() * 32 < needed) table.push_back(kv.allocate());  // -1: pool exhausted
//   ... forward pass writes K/V through k(layer, block) and v(layer, block) ...
//   kv.publish(table[i], i ? table[i - 1] : -1, tokens_of_block_i);       // a full block
//   for (int32_t b : table) kv.release(b);                               // sequence done
//
// Prefix reuse: a full block can be published with the tokens it holds and the
// block before it. match_prefix() then finds, block by block, cached blocks whose
// parent is exactly the block matched before and whose tokens are exactly the
// prompt's: no hash is trusted alone, so no two prompts can share a block by a
// collision. Unreferenced published blocks stay cached until allocate() needs
// them, least recently used first (their number bumps a generation, so their
// cached children can no longer be matched and age out too).
//
// Storage per layer and block, by KvType:
//   F16:  K and V block_tokens × n_embd_kv halves each, every KV head's rows together:
//         [n_head_kv][block_tokens][n_embd_head] (attention streams one head's
//         keys, then its values, through a block);
//   Q8_0: K and V [block_tokens][row_bytes()], each position's row in GGUF Q8_0
//         blocks of 32 values (n_embd_kv a multiple of 32): about half the memory.
//
// Thread-safety: the allocation functions belong to one thread (the runtime's
// scheduler); the forward pass writes and reads block storage of the sequences
// it was given, never two writers to one slot.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "fyr/huge_page_buffer.h"

namespace fyr {

enum class KvType { F16, Q8_0 };
const char* kv_type_name(KvType t);  // "f16", "q8_0"
// Why a model whose attention heads have n_embd_head values cannot keep its cache as
// `type` (Q8_0 quantizes each head's part of a row in blocks of 32), or "" when it can.
std::string kv_type_problem(int32_t n_embd_head, KvType type);

class PagedKvCache {
public:
    // Throws std::invalid_argument for a size that is not positive, or Q8_0 with
    // n_embd_kv not a multiple of 32.
    PagedKvCache(int32_t n_layer, int64_t n_embd_kv, int32_t block_tokens, int32_t n_blocks,
                 KvType type = KvType::F16);

    // Bytes of K and V storage one block takes over all layers.
    static size_t block_bytes(int32_t n_layer, int64_t n_embd_kv, int32_t block_tokens, KvType type = KvType::F16);
    // Bytes of one position's K (or, for Q8_0, V) row.
    static size_t row_bytes(int64_t n_embd_kv, KvType type);

    KvType type() const { return m_type; }
    size_t row_bytes() const { return m_row_bytes; }
    int32_t block_tokens() const { return m_block_tokens; }
    int32_t n_blocks() const { return m_n_blocks; }
    int64_t n_embd_kv() const { return m_n_embd_kv; }
    // Blocks allocate() can hand out now: free ones plus cached ones nobody uses.
    int32_t n_available() const { return static_cast<int32_t>(m_free.size() + m_lru.size()); }
    // Blocks referenced by at least one sequence.
    int32_t n_used() const { return m_n_blocks - n_available(); }
    // Unreferenced blocks kept for prefix reuse.
    int32_t n_cached_idle() const { return static_cast<int32_t>(m_lru.size()); }

    // A block with reference count 1, or -1 when every block is in use. Takes a
    // free block first, else evicts the least recently used cached one.
    int32_t allocate();
    void retain(int32_t block);
    // Drops one reference; at zero a published block stays cached (most recently
    // used), any other goes back to the free list.
    void release(int32_t block);
    int32_t ref_count(int32_t block) const { return m_blocks.at(static_cast<size_t>(block)).refs; }

    // Marks a full block as holding `tokens` (exactly block_tokens() of them) after
    // `parent` (-1 for a sequence's first block). Publishing a block already
    // published, or content already cached in another block, changes nothing.
    void publish(int32_t block, int32_t parent, std::span<const int32_t> tokens);
    // The longest chain of cached full blocks holding tokens[0 .. n * block_tokens()),
    // each retained for the caller.
    std::vector<int32_t> match_prefix(std::span<const int32_t> tokens);

    // A block's storage for one layer (layout above).
    uint8_t* k(int32_t layer, int32_t block) { return m_k.data() + offset(layer, block); }
    uint8_t* v(int32_t layer, int32_t block) { return m_v.data() + offset(layer, block); }
    const uint8_t* k(int32_t layer, int32_t block) const { return m_k.data() + offset(layer, block); }
    const uint8_t* v(int32_t layer, int32_t block) const { return m_v.data() + offset(layer, block); }

private:
    struct Block {
        int32_t refs = 0;
        uint32_t generation = 0;  // bumped whenever the block's content is given up
        bool published = false;
        int32_t parent = -1;
        uint32_t parent_generation = 0;
        uint64_t key = 0;
        std::list<int32_t>::iterator lru;  // valid while idle and published
    };
    uint64_t key_of(int32_t parent, uint32_t parent_generation, std::span<const int32_t> tokens) const;
    bool same_content(int32_t block, int32_t parent, uint32_t parent_generation, std::span<const int32_t> tokens) const;
    void forget(int32_t block);
    size_t offset(int32_t layer, int32_t block) const {
        return (static_cast<size_t>(layer) * static_cast<size_t>(m_n_blocks) + static_cast<size_t>(block)) *
               m_block_bytes;
    }

    int32_t m_n_layer;
    int64_t m_n_embd_kv;
    int32_t m_block_tokens;
    int32_t m_n_blocks;
    KvType m_type;
    size_t m_row_bytes;
    size_t m_block_bytes;  // one layer's K (or V) of one block
    HugePageBuffer m_k, m_v;  // zero until written; on huge pages where Linux gives them
    std::vector<Block> m_blocks;
    std::vector<int32_t> m_tokens;  // [n_blocks][block_tokens]: what each published block holds
    std::vector<int32_t> m_free;    // a stack
    std::list<int32_t> m_lru;       // idle published blocks, least recently used first
    std::unordered_multimap<uint64_t, int32_t> m_by_key;
};

}  // namespace fyr
