// Bounded reads of the small text files the probes parse (/proc/stat,
// /proc/meminfo, sysfs attributes). Such files report a size of 0, may be
// unreadable, empty, truncated or (on a fake or broken tree) huge; every read
// stops at a limit and every error names the file.
//
//   fyr::app::telemetry::ProbeFile::Text t = ProbeFile::read(path);           // up to 64 KiB
//   if (!t.error.isEmpty()) return t.error;   // "/proc/stat: larger than 65536 bytes"
//   std::optional<uint64_t> v = ProbeFile::readUnsigned(path, &error);        // "42\n" -> 42
//
// Thread-safety: static functions, no state.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <cstdint>
#include <optional>

namespace fyr::app::telemetry {

class ProbeFile {
public:
    static constexpr int64_t kDefaultMaxBytes = 64 * 1024;

    struct Text {
        QByteArray bytes;
        QString error;  // empty on success; names the file
        bool exists = true;
    };

    // The whole file, or an error when it cannot be opened or holds more than maxBytes.
    static Text read(const QString& path, int64_t maxBytes = kDefaultMaxBytes);

    // At most the first maxBytes of the file, without an error for the rest: for
    // files of which only the beginning is read (/proc/stat's first line).
    static Text readHead(const QString& path, int64_t maxBytes);

    // A decimal unsigned integer, surrounding white space allowed ("42\n"); empty
    // when it is not one or does not fit in 64 bits.
    static std::optional<uint64_t> parseUnsigned(QByteArrayView text);

    // read() then parseUnsigned(); on failure *error (if given) names the file and
    // what was wrong with it ("... : empty", "... : 'abc' is not a number").
    static std::optional<uint64_t> readUnsigned(const QString& path, QString* error = nullptr);

    // Whether `path` exists (a missing attribute is not an error: hardware differs).
    static bool exists(const QString& path);

private:
    static Text readUpTo(const QString& path, int64_t maxBytes, bool headOnly);
};

}  // namespace fyr::app::telemetry
