#include "arch_registry.h"

namespace fyr::model_arch {

const std::vector<const ArchSpec*>& arch_registry() {
    static const std::vector<const ArchSpec*> registry{&arch_llama(), &arch_qwen2()};
    return registry;
}

const ArchSpec* find_arch(std::string_view name) {
    for (const ArchSpec* spec : arch_registry()) {
        if (spec->name == name) return spec;
    }
    return nullptr;
}

}  // namespace fyr::model_arch
