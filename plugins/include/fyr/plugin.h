// The plugin interface: what a Fyr plugin exports and implements.
//
// A plugin is a shared library that exports one C function:
//
//   extern "C" FYR_PLUGIN_EXPORT const fyr::plugin::Descriptor* fyr_plugin_descriptor();
//
// The console refuses a plugin whose `abi_version` differs from kAbiVersion, so a
// plugin built against another ABI fails with a clear message instead of crashing.
// Plain C++ (no Qt) so plugins can be built without the console's toolchain.
#pragma once

#include <cstdint>

#if defined(_WIN32)
#define FYR_PLUGIN_EXPORT __declspec(dllexport)
#else
#define FYR_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

namespace fyr::plugin {

inline constexpr uint32_t kAbiVersion = 1;

// What a plugin provides; a plugin may provide several.
enum Capability : uint32_t {
    kGuard = 1u << 0,     // inspects prompts and answers, may block or redact
    kExporter = 1u << 1,  // ships metrics, logs or audit records somewhere
    kProvider = 1u << 2,  // a remote model endpoint the console can route to
};

struct Descriptor {
    uint32_t abi_version;   // must equal kAbiVersion
    const char* id;         // stable, reverse-DNS style: "se.example.pii-guard"
    const char* name;       // shown in the console
    const char* version;    // the plugin's own version
    uint32_t capabilities;  // bitwise OR of Capability
};

}  // namespace fyr::plugin

extern "C" {
using fyr_plugin_descriptor_fn = const fyr::plugin::Descriptor* (*)();
}
