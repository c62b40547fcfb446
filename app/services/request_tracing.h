// A finished runtime request laid onto its trace (telemetry/request_trace.h):
// the queue, prefill and decode spans from the engine's own timings, token
// usage, the finish reason, the model that answered, and an error for a request
// that failed or ran past its deadline.
//
//   RequestTrace trace(options);                      // when the request arrives
//   const int64_t submitted = telemetry::unixNanosNow();
//   request.on_done = [&, submitted](const fyr::RequestResult& r) {
//       const SpanStatus status = traceRuntimeResult(trace, submitted, r);
//       ... guard output, end of the stream ...
//       store.put(trace.requestId(), trace.finish(status, QString::fromStdString(r.error)));
//   };
//   runtime.submit(std::move(request));
//
// The same numbers RuntimeMetrics (runtime_metrics.h) turns into histograms,
// so a request's timeline and the dashboards agree.
//
// Thread-safety: as the trace's (one thread at a time); the call is cheap and
// does no I/O, so it may run in on_done on the runtime's thread.
#pragma once

#include "fyr/runtime.h"
#include "telemetry/request_trace.h"

namespace fyr::app {

// Returns the status the request's root span should end with: Error (and the
// root's error.type set) for finish reasons "error" and "deadline", Unset
// otherwise (a cancelled request is the caller's choice, not a failure).
telemetry::SpanStatus traceRuntimeResult(telemetry::RequestTrace& trace, int64_t submit_unix_ns,
                                         const fyr::RequestResult& result);

}  // namespace fyr::app
