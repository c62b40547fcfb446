// qwen2: llama's layout with biases on the q, k and v projections and rope in
// NEOX mode (pairs i, i + n_rot/2).
#include "arch_registry.h"

namespace fyr::model_arch {

const ArchSpec& arch_qwen2() {
    static const ArchSpec spec{"qwen2", RopeMode::Neox, /*qkv_bias=*/true};
    return spec;
}

}  // namespace fyr::model_arch
