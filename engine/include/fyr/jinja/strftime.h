// Python's datetime.strftime() in the C locale, for strftime_now() in chat templates.
// Independent of the process locale (English month and day names, always).
//
//   auto t = Strftime::parse_iso("2025-03-14T09:26:53");   // std::optional<CivilTime>
//   Strftime::format("%d %b %Y", *t);                      // "14 Mar 2025"
//
// Thread-safe: stateless static interface.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fyr::jinja {

struct CivilTime {
    int year = 1970;
    int month = 1;  // 1..12
    int day = 1;    // 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
};

class Strftime {
public:
    // Parses "YYYY-MM-DDTHH:MM:SS" (a space instead of 'T' is accepted too).
    static std::optional<CivilTime> parse_iso(std::string_view text);
    // The current local wall-clock time.
    static CivilTime now_local();
    // Supports %a %A %b %B %c %C %d %D %e %F %H %I %j %m %M %n %p %r %R %S %t %T %u %U %w %W
    // %x %X %y %Y %G %g %V %z %Z %%, and glibc's '-' (no padding) flag as in "%-d".
    // Unknown directives are copied through unchanged.
    static std::string format(std::string_view format, const CivilTime& time);
};

}  // namespace fyr::jinja
