#include "telemetry/trace_ids.h"

#include <QRandomGenerator>

#include <cstring>

namespace fyr::app::telemetry {
namespace {

template <typename Id>
Id randomId() {
    Id id;
    // All zero is the "invalid" id; with 64 or 128 random bits a retry is
    // practically never taken, but the loop makes the guarantee exact.
    do {
        static_assert(sizeof(id.bytes) % sizeof(quint32) == 0);
        quint32 words[sizeof(id.bytes) / sizeof(quint32)];
        QRandomGenerator::system()->fillRange(words);
        std::memcpy(id.bytes.data(), words, sizeof(id.bytes));
    } while (!id.isValid());
    return id;
}

}  // namespace

TraceId newTraceId() {
    return randomId<TraceId>();
}
SpanId newSpanId() {
    return randomId<SpanId>();
}

}  // namespace fyr::app::telemetry
