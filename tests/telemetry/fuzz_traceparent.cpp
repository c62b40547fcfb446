// libFuzzer target: any bytes as a traceparent or tracestate header are
// refused with a reason or accepted; what is accepted has valid ids and
// formats to a version-00 header that parses to the same ids; a kept
// tracestate is the input (trimmed), within the length bound.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "telemetry/trace_context.h"

using namespace fyr::app::telemetry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string why;
    if (auto p = parseTraceParent(input, &why)) {
        if (!p->trace_id.isValid() || !p->parent_id.isValid()) __builtin_trap();
        const std::string out = formatTraceParent(*p);
        if (out.size() != 55) __builtin_trap();
        auto again = parseTraceParent(out);
        if (!again || !(again->trace_id == p->trace_id) || !(again->parent_id == p->parent_id)) __builtin_trap();
    } else if (why.empty()) {
        __builtin_trap();  // every refusal says why
    }
    const std::string state = acceptTraceState(input);
    if (state.size() > kMaxTraceStateChars) __builtin_trap();
    if (!state.empty() && input.find(state) == std::string_view::npos) __builtin_trap();
    return 0;
}
