#include "fyr/jinja/strftime.h"

#include <cstdio>
#include <ctime>

namespace fyr::jinja {

namespace {

const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int day_of_year(const CivilTime& t) {  // 0-based
    static const int cum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    int m = t.month < 1 ? 1 : (t.month > 12 ? 12 : t.month);
    return cum[m - 1] + t.day - 1 + ((m > 2 && leap(t.year)) ? 1 : 0);
}

int weekday(int y, int m, int d) {  // 0 = Sunday (Sakamoto)
    static const int off[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (m < 1 || m > 12) m = 1;
    if (m < 3) y -= 1;
    const int r = (y + y / 4 - y / 100 + y / 400 + off[m - 1] + d) % 7;
    return r < 0 ? r + 7 : r;
}

// ISO 8601 week-based year and week number.
void iso_week(const CivilTime& t, int* iso_year, int* week) {
    const int wday = (weekday(t.year, t.month, t.day) + 6) % 7;  // Monday = 0
    const int yday = day_of_year(t);
    int w = (yday - wday + 10) / 7;
    int y = t.year;
    if (w < 1) {
        --y;
        const int days_prev = leap(y) ? 366 : 365;
        w = (yday + days_prev - wday + 10) / 7;
    } else {
        const int days = leap(y) ? 366 : 365;
        if (yday - wday + 3 >= days) {  // belongs to week 1 of the next year
            ++y;
            w = 1;
        }
    }
    *iso_year = y;
    *week = w;
}

std::string num(int v, int width, char pad) {
    char buf[32];
    if (pad == 0)
        std::snprintf(buf, sizeof buf, "%d", v);
    else if (pad == ' ')
        std::snprintf(buf, sizeof buf, "%*d", width, v);
    else
        std::snprintf(buf, sizeof buf, "%0*d", width, v);
    return buf;
}

}  // namespace

std::optional<CivilTime> Strftime::parse_iso(std::string_view s) {
    CivilTime t;
    if (s.size() < 19) return std::nullopt;
    const auto field = [&](std::size_t pos, std::size_t len, int* out) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
    };
    if (!field(0, 4, &t.year) || s[4] != '-' || !field(5, 2, &t.month) || s[7] != '-' || !field(8, 2, &t.day) ||
        (s[10] != 'T' && s[10] != ' ') || !field(11, 2, &t.hour) || s[13] != ':' || !field(14, 2, &t.minute) ||
        s[16] != ':' || !field(17, 2, &t.second)) {
        return std::nullopt;
    }
    if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 || t.second > 60)
        return std::nullopt;
    return t;
}

CivilTime Strftime::now_local() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    CivilTime t;
    t.year = tm.tm_year + 1900;
    t.month = tm.tm_mon + 1;
    t.day = tm.tm_mday;
    t.hour = tm.tm_hour;
    t.minute = tm.tm_min;
    t.second = tm.tm_sec;
    return t;
}

std::string Strftime::format(std::string_view fmt, const CivilTime& t) {
    std::string out;
    const int wd = weekday(t.year, t.month, t.day);
    const int mon = (t.month >= 1 && t.month <= 12) ? t.month - 1 : 0;
    for (std::size_t i = 0; i < fmt.size(); ++i) {
        if (fmt[i] != '%' || i + 1 >= fmt.size()) {
            out += fmt[i];
            continue;
        }
        std::size_t j = i + 1;
        char pad = '0';  // default padding; '-' drops it, '_' pads with spaces
        bool flag = false;
        if (fmt[j] == '-' || fmt[j] == '_' || fmt[j] == '0') {
            pad = fmt[j] == '-' ? '\0' : (fmt[j] == '_' ? ' ' : '0');
            flag = true;
            ++j;
            if (j >= fmt.size()) {
                out.append(fmt.substr(i));
                break;
            }
        }
        const auto n2 = [&](int v) { return num(v, 2, pad); };
        const char c = fmt[j];
        const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
        switch (c) {
            case 'a': out += std::string(kDays[wd]).substr(0, 3); break;
            case 'A': out += kDays[wd]; break;
            case 'b':
            case 'h': out += std::string(kMonths[mon]).substr(0, 3); break;
            case 'B': out += kMonths[mon]; break;
            case 'c': out += format("%a %b ", t) + num(t.day, 2, ' ') + format(" %H:%M:%S %Y", t); break;
            case 'C': out += n2(t.year / 100); break;
            case 'd': out += n2(t.day); break;
            case 'D': out += format("%m/%d/%y", t); break;
            case 'e': out += num(t.day, 2, flag ? pad : ' '); break;
            case 'F': out += format("%Y-%m-%d", t); break;
            case 'H': out += n2(t.hour); break;
            case 'I': out += n2(hour12); break;
            case 'j': out += num(day_of_year(t) + 1, 3, pad); break;
            case 'k': out += num(t.hour, 2, flag ? pad : ' '); break;
            case 'l': out += num(hour12, 2, flag ? pad : ' '); break;
            case 'm': out += n2(t.month); break;
            case 'M': out += n2(t.minute); break;
            case 'n': out += '\n'; break;
            case 'p': out += t.hour < 12 ? "AM" : "PM"; break;
            case 'r': out += format("%I:%M:%S %p", t); break;
            case 'R': out += format("%H:%M", t); break;
            case 'S': out += n2(t.second); break;
            case 't': out += '\t'; break;
            case 'T': out += format("%H:%M:%S", t); break;
            case 'u': out += std::to_string(wd == 0 ? 7 : wd); break;
            case 'w': out += std::to_string(wd); break;
            case 'U': out += n2((day_of_year(t) + 7 - wd) / 7); break;
            case 'W': out += n2((day_of_year(t) + 7 - (wd + 6) % 7) / 7); break;
            case 'G':
            case 'g':
            case 'V': {
                int iy = 0, w = 0;
                iso_week(t, &iy, &w);
                if (c == 'G')
                    out += std::to_string(iy);
                else if (c == 'g')
                    out += n2(iy % 100);
                else
                    out += n2(w);
                break;
            }
            case 'x': out += format("%m/%d/%y", t); break;
            case 'X': out += format("%H:%M:%S", t); break;
            case 'y': out += n2(t.year % 100); break;
            case 'Y': out += std::to_string(t.year); break;
            case 'z':
            case 'Z': break;  // naive datetime: no zone
            case '%': out += '%'; break;
            default: out.append(fmt.substr(i, j - i + 1)); break;
        }
        i = j;
    }
    return out;
}

}  // namespace fyr::jinja
