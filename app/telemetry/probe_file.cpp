#include "telemetry/probe_file.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace fyr::app::telemetry {

ProbeFile::Text ProbeFile::read(const QString& path, int64_t maxBytes) {
    return readUpTo(path, maxBytes, false);
}

ProbeFile::Text ProbeFile::readHead(const QString& path, int64_t maxBytes) {
    return readUpTo(path, maxBytes, true);
}

ProbeFile::Text ProbeFile::readUpTo(const QString& path, int64_t maxBytes, bool headOnly) {
    Q_ASSERT(maxBytes > 0);
    Text out;
    const QByteArray native = QFile::encodeName(path);
    // POSIX rather than QFile: /proc and sysfs files report size 0, and one read()
    // loop to a limit is what works for both them and ordinary files.
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        out.exists = err != ENOENT && err != ENOTDIR;
        out.error = QCoreApplication::translate("fyr::app::telemetry::ProbeFile", "%1: cannot open: %2")
                        .arg(path, QString::fromLocal8Bit(std::strerror(err)));
        return out;
    }
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            out.error = QCoreApplication::translate("fyr::app::telemetry::ProbeFile", "%1: cannot read: %2")
                            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            out.bytes.clear();
            break;
        }
        if (n == 0) break;
        if (out.bytes.size() + n > maxBytes && headOnly) {
            out.bytes.append(buf, static_cast<qsizetype>(maxBytes - out.bytes.size()));
            break;
        }
        if (out.bytes.size() + n > maxBytes) {
            out.error = QCoreApplication::translate("fyr::app::telemetry::ProbeFile", "%1: larger than %2 bytes")
                            .arg(path)
                            .arg(maxBytes);
            out.bytes.clear();
            break;
        }
        out.bytes.append(buf, n);
        if (headOnly && out.bytes.size() == maxBytes) break;
    }
    ::close(fd);
    return out;
}

std::optional<uint64_t> ProbeFile::parseUnsigned(QByteArrayView text) {
    const QByteArrayView t = text.trimmed();
    if (t.isEmpty() || t.size() > 20) return std::nullopt;  // 2^64-1 has 20 digits
    uint64_t value = 0;
    for (const char c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        const auto digit = static_cast<uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

std::optional<uint64_t> ProbeFile::readUnsigned(const QString& path, QString* error) {
    // A sysfs number is a line; 256 bytes is generous and keeps a bad file cheap.
    const Text t = read(path, 256);
    if (!t.error.isEmpty()) {
        if (error) *error = t.error;
        return std::nullopt;
    }
    if (t.bytes.trimmed().isEmpty()) {
        if (error) *error = QCoreApplication::translate("fyr::app::telemetry::ProbeFile", "%1: empty").arg(path);
        return std::nullopt;
    }
    std::optional<uint64_t> v = parseUnsigned(t.bytes);
    if (!v && error)
        *error = QCoreApplication::translate("fyr::app::telemetry::ProbeFile", "%1: '%2' is not a number")
                     .arg(path, QString::fromUtf8(t.bytes.trimmed().left(40)));
    return v;
}

bool ProbeFile::exists(const QString& path) {
    return QFileInfo::exists(path);
}

}  // namespace fyr::app::telemetry
