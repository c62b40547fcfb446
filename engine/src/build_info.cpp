#include "fyr/build_info.h"

#include "fyr/kernels/backend_info.h"

namespace fyr {
namespace detail {
extern const char* const kGitCommit;  // generated at build time
}

const BuildInfo& build_info() {
    static const BuildInfo info = [] {
        BuildInfo b;
        b.version = FYR_VERSION_STRING;
        b.git_commit = detail::kGitCommit;
        b.build_type = FYR_BUILD_TYPE;
        b.compiler = FYR_COMPILER;
        b.cuda = kernels::cuda_compiled();
        b.vulkan = kernels::vulkan_compiled();
        b.backends = kernels::compiled_backends();
        return b;
    }();
    return info;
}

}  // namespace fyr
