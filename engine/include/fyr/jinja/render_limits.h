// Safety limits for rendering untrusted templates. Exceeding one raises a
// TemplateError of kind Limit instead of exhausting the stack, memory or time.
//
//   RenderLimits limits;
//   limits.max_loop_iterations = 10000;
//
// Thread-safe: plain value type.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fyr::jinja {

struct RenderLimits {
    // Nested macro calls; Python's RecursionError hits jinja2 macros at a similar depth.
    int max_call_depth = 100;
    // Work budget of the whole render: every loop iteration, macro call and
    // per-item filter step counts one, and every KiB of text an operation builds or
    // walks counts one, so that no template can run for long without a loop showing it.
    std::int64_t max_loop_iterations = 10'000'000;
    // Bytes of output, and of any single string or list the template builds.
    std::size_t max_output_bytes = 64u << 20;
};

}  // namespace fyr::jinja
