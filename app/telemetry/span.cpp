#include "telemetry/span.h"

#include <algorithm>

namespace fyr::app::telemetry {
namespace {

struct ClockAnchor {
    std::chrono::steady_clock::time_point steady = std::chrono::steady_clock::now();
    int64_t unix_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
};

const ClockAnchor& anchor() {
    static const ClockAnchor a;
    return a;
}

size_t stringBytes(const QString& s) {
    return static_cast<size_t>(s.capacity()) * sizeof(QChar);
}

}  // namespace

void Span::setAttribute(const QString& key, AttributeValue value) {
    for (SpanAttribute& a : attributes) {
        if (a.key == key) {
            a.value = std::move(value);
            return;
        }
    }
    attributes.push_back({key, std::move(value)});
}

const AttributeValue* Span::attribute(const QString& key) const {
    for (const SpanAttribute& a : attributes)
        if (a.key == key) return &a.value;
    return nullptr;
}

size_t Span::approxBytes() const {
    size_t n = sizeof(Span) + stringBytes(name) + stringBytes(trace_state) + stringBytes(status_message);
    n += attributes.capacity() * sizeof(SpanAttribute);
    for (const SpanAttribute& a : attributes) {
        n += stringBytes(a.key);
        if (const auto* s = std::get_if<QString>(&a.value)) n += stringBytes(*s);
        if (const auto* l = std::get_if<QStringList>(&a.value)) {
            for (const QString& s : *l) n += sizeof(QString) + stringBytes(s);
        }
    }
    return n;
}

int64_t unixNanosAt(std::chrono::steady_clock::time_point t) {
    const ClockAnchor& a = anchor();
    return a.unix_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(t - a.steady).count();
}

int64_t unixNanosNow() {
    return unixNanosAt(std::chrono::steady_clock::now());
}

}  // namespace fyr::app::telemetry
