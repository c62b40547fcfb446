// W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent`
// and `tracestate` headers a caller sends so that its own trace continues
// through Fyr.
//
//   std::string why;
//   if (auto parent = fyr::app::telemetry::parseTraceParent(header, &why)) {
//       // parent->trace_id is the caller's trace, parent->parent_id its span
//   }                                    // else: start a new trace (why says what was wrong)
//   std::string state = fyr::app::telemetry::acceptTraceState(tracestateHeader);  // "" if refused
//   std::string out = fyr::app::telemetry::formatTraceParent({traceId, ourSpanId, flags});
//
// Plain C++ with no Qt, so that the parser can be built on its own as a
// libFuzzer target (tests/telemetry/fuzz_traceparent.cpp). Ids are made by
// trace_ids.h. Everything here is a pure function or a value type: thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fyr::app::telemetry {

// 16 bytes; all zero means "no trace" and is never valid on the wire.
struct TraceId {
    std::array<uint8_t, 16> bytes{};
    bool isValid() const;
    std::string hex() const;  // 32 lowercase hex digits
    // 32 lowercase hex digits, not all zero; anything else is nullopt.
    static std::optional<TraceId> fromHex(std::string_view text);
    friend bool operator==(const TraceId&, const TraceId&) = default;
};

// 8 bytes; all zero means "no span" (e.g. a root span's parent).
struct SpanId {
    std::array<uint8_t, 8> bytes{};
    bool isValid() const;
    std::string hex() const;  // 16 lowercase hex digits
    static std::optional<SpanId> fromHex(std::string_view text);
    friend bool operator==(const SpanId&, const SpanId&) = default;
};

// trace-flags: bit 0 is "sampled" (the caller may be recording); bit 1 is
// Level 2's "random" (the trace id's right 7 bytes are random). Others are
// reserved and sent as zero.
inline constexpr uint8_t kTraceFlagSampled = 0x01;
inline constexpr uint8_t kTraceFlagRandom = 0x02;

struct TraceParent {
    TraceId trace_id;
    SpanId parent_id;  // the caller's span: the parent of the span that continues the trace
    uint8_t flags = 0;
    uint8_t version = 0;  // as received; formatTraceParent() always writes 00
    bool sampled() const { return (flags & kTraceFlagSampled) != 0; }
};

// The header's value, optional leading and trailing spaces and tabs allowed.
// Version 00: exactly "00-<32 hex>-<16 hex>-<2 hex>", lowercase hex only, ids
// not all zero. Version ff is invalid. A higher version is read as the spec
// asks: at least 55 characters, the same first three fields, and after the
// flags either the end or a '-' (what follows is that version's business and is
// ignored). nullopt with a reason in *error when the header must be ignored.
std::optional<TraceParent> parseTraceParent(std::string_view header, std::string* error = nullptr);

// "00-<trace id>-<parent id>-<flags>" with the reserved flag bits cleared.
// Precondition: both ids valid.
std::string formatTraceParent(const TraceParent& parent);

// The most tracestate Fyr carries; the spec asks for at least 512 characters.
inline constexpr size_t kMaxTraceStateChars = 512;
inline constexpr size_t kMaxTraceStateMembers = 32;

// The tracestate header to carry on unchanged, or "" when it must be dropped:
// longer than kMaxTraceStateChars, more than kMaxTraceStateMembers list members,
// a member that is not key=value in the spec's character sets, or a key twice.
// Leading and trailing spaces and tabs are removed; the rest is kept as sent.
// The spec says to discard tracestate whenever traceparent is invalid: callers
// pass "" then.
std::string acceptTraceState(std::string_view header);

}  // namespace fyr::app::telemetry
