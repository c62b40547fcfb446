// CSV export of range queries (series_query.h): one row per point, for a
// spreadsheet or a script.
//
//   std::vector<SeriesRange> ranges{query.range(key, from_s, to_s, now_s)};
//   QSaveFile file(path);
//   QString error = file.open(QIODevice::WriteOnly) ? SeriesCsv::write(file, ranges)
//                                                  : SeriesCsv::openError(file);
//   if (error.isEmpty() && !file.commit()) error = SeriesCsv::writeError(file);
//
// The text (RFC 4180: CRLF line ends, UTF-8, no byte-order mark):
//   time,series,<label>...,mean,min,max
//   2023-11-14T22:13:20Z,fyr:gpu_power_watts,0,nvml,231.5,230,233
// time is the step's start in ISO 8601, UTC; series the metric's name; then one
// column per label name found in any of the ranges, sorted (a series without
// that label leaves the cell empty); then the step's mean, min and max, as the
// shortest text that reads back as the same double.
//
// Fields holding a comma, a double quote, CR or LF are quoted, quotes inside
// doubled. Text fields (names and label values, which may come from users)
// starting with = + - @, tab or CR get a leading single quote so that a
// spreadsheet does not run them as a formula (OWASP's "CSV injection");
// numbers are written as they are, a negative one included.
//
// Thread-safety: static functions, no state.
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

#include "telemetry/series_query.h"

class QIODevice;

namespace fyr::app::telemetry {

class SeriesCsv final {
public:
    // The whole CSV text, header included.
    static QByteArray format(const std::vector<SeriesRange>& ranges);

    // Writes format(ranges) to device; "" on success, else an error naming the
    // file (or "CSV output" for a device that is not a file); a device not
    // open for writing is such an error.
    static QString write(QIODevice& device, const std::vector<SeriesRange>& ranges);

    // One field as written: quoted where needed; a text field guarded against
    // formula injection.
    static QByteArray field(const QString& text);
    static QByteArray numberField(double v);

    // Errors naming the device's file, for its open and commit.
    static QString openError(const QIODevice& device);
    static QString writeError(const QIODevice& device);
};

}  // namespace fyr::app::telemetry
