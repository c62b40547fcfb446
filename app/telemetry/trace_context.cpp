#include "telemetry/trace_context.h"

#include <cassert>
#include <vector>

namespace fyr::app::telemetry {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Lowercase only: the spec's HEXDIGLC. Uppercase makes the header invalid.
int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

template <size_t N>
bool decodeHex(std::string_view text, std::array<uint8_t, N>& out) {
    if (text.size() != 2 * N) return false;
    for (size_t i = 0; i < N; ++i) {
        const int hi = hexValue(text[2 * i]);
        const int lo = hexValue(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

template <size_t N>
std::string encodeHex(const std::array<uint8_t, N>& bytes) {
    std::string s(2 * N, '0');
    for (size_t i = 0; i < N; ++i) {
        s[2 * i] = kHex[bytes[i] >> 4];
        s[2 * i + 1] = kHex[bytes[i] & 0x0f];
    }
    return s;
}

template <size_t N>
bool anyNonZero(const std::array<uint8_t, N>& bytes) {
    for (uint8_t b : bytes)
        if (b != 0) return true;
    return false;
}

bool isOws(char c) {
    return c == ' ' || c == '\t';
}

std::string_view trimOws(std::string_view s) {
    while (!s.empty() && isOws(s.front())) s.remove_prefix(1);
    while (!s.empty() && isOws(s.back())) s.remove_suffix(1);
    return s;
}

// lcalpha / DIGIT / "_" / "-" / "*" / "/"
bool isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '*' || c == '/';
}
bool isLcAlpha(char c) {
    return c >= 'a' && c <= 'z';
}
bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

bool validKey(std::string_view key) {
    const size_t at = key.find('@');
    if (at == std::string_view::npos) {
        // simple-key = lcalpha 0*255(keychar)
        if (key.empty() || key.size() > 256 || !isLcAlpha(key[0])) return false;
        for (char c : key)
            if (!isKeyChar(c)) return false;
        return true;
    }
    // multi-tenant-key = tenant-id "@" system-id
    const std::string_view tenant = key.substr(0, at);
    const std::string_view system = key.substr(at + 1);
    if (tenant.empty() || tenant.size() > 241 || !(isLcAlpha(tenant[0]) || isDigit(tenant[0]))) return false;
    if (system.empty() || system.size() > 14 || !isLcAlpha(system[0])) return false;
    for (char c : tenant)
        if (!isKeyChar(c)) return false;
    for (char c : system)
        if (!isKeyChar(c)) return false;
    return true;
}

// value = 0*255(chr) nblk-chr; chr = %x20 / nblk-chr; nblk-chr = %x21-7E except "," and "="
bool validValue(std::string_view value) {
    if (value.empty() || value.size() > 256 || value.back() == ' ') return false;
    for (char c : value) {
        if (c < 0x20 || c > 0x7e || c == ',' || c == '=') return false;
    }
    return true;
}

}  // namespace

bool TraceId::isValid() const {
    return anyNonZero(bytes);
}
std::string TraceId::hex() const {
    return encodeHex(bytes);
}
std::optional<TraceId> TraceId::fromHex(std::string_view text) {
    TraceId id;
    if (!decodeHex(text, id.bytes) || !id.isValid()) return std::nullopt;
    return id;
}

bool SpanId::isValid() const {
    return anyNonZero(bytes);
}
std::string SpanId::hex() const {
    return encodeHex(bytes);
}
std::optional<SpanId> SpanId::fromHex(std::string_view text) {
    SpanId id;
    if (!decodeHex(text, id.bytes) || !id.isValid()) return std::nullopt;
    return id;
}

std::optional<TraceParent> parseTraceParent(std::string_view header, std::string* error) {
    auto reject = [error](const char* why) -> std::optional<TraceParent> {
        if (error) *error = why;
        return std::nullopt;
    };
    const std::string_view h = trimOws(header);
    // version "-" trace-id "-" parent-id "-" trace-flags: 2+1+32+1+16+1+2
    constexpr size_t kV0Length = 55;
    if (h.size() < kV0Length) return reject("traceparent is shorter than 55 characters");
    std::array<uint8_t, 1> version{};
    if (!decodeHex(h.substr(0, 2), version)) return reject("traceparent version is not two lowercase hex digits");
    if (version[0] == 0xff) return reject("traceparent version ff is invalid");
    if (h[2] != '-' || h[35] != '-' || h[52] != '-') return reject("traceparent fields are not separated by '-'");
    if (version[0] == 0x00 && h.size() != kV0Length)
        return reject("traceparent version 00 has characters after the flags");
    // A later version may append fields, but only after another '-'.
    if (h.size() > kV0Length && h[kV0Length] != '-')
        return reject("traceparent flags are not followed by '-' or the end");

    TraceParent p;
    p.version = version[0];
    std::array<uint8_t, 1> flags{};
    if (!decodeHex(h.substr(3, 32), p.trace_id.bytes))
        return reject("traceparent trace-id is not 32 lowercase hex digits");
    if (!p.trace_id.isValid()) return reject("traceparent trace-id is all zero");
    if (!decodeHex(h.substr(36, 16), p.parent_id.bytes))
        return reject("traceparent parent-id is not 16 lowercase hex digits");
    if (!p.parent_id.isValid()) return reject("traceparent parent-id is all zero");
    if (!decodeHex(h.substr(53, 2), flags)) return reject("traceparent trace-flags are not two lowercase hex digits");
    p.flags = flags[0];
    return p;
}

std::string formatTraceParent(const TraceParent& parent) {
    assert(parent.trace_id.isValid() && parent.parent_id.isValid());
    const std::array<uint8_t, 1> flags{static_cast<uint8_t>(parent.flags & (kTraceFlagSampled | kTraceFlagRandom))};
    return "00-" + parent.trace_id.hex() + "-" + parent.parent_id.hex() + "-" + encodeHex(flags);
}

std::string acceptTraceState(std::string_view header) {
    const std::string_view h = trimOws(header);
    if (h.size() > kMaxTraceStateChars) return {};
    std::vector<std::string_view> keys;
    size_t begin = 0;
    while (begin <= h.size()) {
        size_t end = h.find(',', begin);
        if (end == std::string_view::npos) end = h.size();
        const std::string_view member = trimOws(h.substr(begin, end - begin));
        if (!member.empty()) {
            const size_t eq = member.find('=');
            if (eq == std::string_view::npos) return {};
            const std::string_view key = member.substr(0, eq);
            if (!validKey(key) || !validValue(member.substr(eq + 1))) return {};
            for (std::string_view k : keys)
                if (k == key) return {};
            if (keys.size() == kMaxTraceStateMembers) return {};
            keys.push_back(key);
        }
        begin = end + 1;
    }
    return std::string(h);
}

}  // namespace fyr::app::telemetry
