// llama: RMSNorm, rope in normal mode (pairs 2i, 2i+1), no projection biases,
// SwiGLU feed-forward; output.weight or the tied token embedding.
#include "arch_registry.h"

namespace fyr::model_arch {

const ArchSpec& arch_llama() {
    static const ArchSpec spec{"llama", RopeMode::Normal, /*qkv_bias=*/false};
    return spec;
}

}  // namespace fyr::model_arch
