// New trace and span ids from the operating system's random source
// (QRandomGenerator::system(): getrandom(2) on Linux), never all zero.
//
//   TraceId trace = newTraceId();   // a new trace (no traceparent from the caller)
//   SpanId span = newSpanId();
//
// Thread-safe. Trace ids are random in all 16 bytes, so a traceparent Fyr sends
// may carry Trace Context Level 2's "random" flag.
#pragma once

#include "telemetry/trace_context.h"

namespace fyr::app::telemetry {

TraceId newTraceId();
SpanId newSpanId();

}  // namespace fyr::app::telemetry
