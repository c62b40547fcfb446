// What this build of Fyr is: version, commit, compiler, compiled backends.
//
//   const fyr::BuildInfo& b = fyr::build_info();
//   std::printf("fyr %s (%s)\n", b.version.c_str(), b.git_commit.c_str());
//
// Thread-safe: the value is built once and never changes.
#pragma once

#include <string>
#include <vector>

namespace fyr {

struct BuildInfo {
    std::string version;      // "0.1.0"
    std::string git_commit;   // short hash, "-dirty" when built from changed files, or "unknown"
    std::string build_type;   // "Release", "Debug", ...
    std::string compiler;     // "GNU 12.2.0"
    bool cuda = false;        // CUDA backend compiled in
    bool vulkan = false;      // Vulkan backend compiled in
    std::vector<std::string> backends;  // {"cpu", "cuda"?, "vulkan"?}
};

const BuildInfo& build_info();

}  // namespace fyr
