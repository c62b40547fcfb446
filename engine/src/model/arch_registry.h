// Per-architecture facts for Model::load(): the parts of a decoder-only
// transformer that differ between llama-style families. One ArchSpec per file
// (arch_<name>.cpp), listed in arch_registry.cpp.
//
// Thread-safe (constant data).
#pragma once

#include <string_view>
#include <vector>

#include "fyr/model.h"

namespace fyr::model_arch {

struct ArchSpec {
    std::string_view name;  // general.architecture
    RopeMode rope_mode = RopeMode::Normal;
    bool qkv_bias = false;  // blk.N.attn_{q,k,v}.bias are required
};

const ArchSpec& arch_llama();
const ArchSpec& arch_qwen2();

// Every known architecture, and the one named `name` (nullptr when unknown).
const std::vector<const ArchSpec*>& arch_registry();
const ArchSpec* find_arch(std::string_view name);

}  // namespace fyr::model_arch
