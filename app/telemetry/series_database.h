// How the time series reach the installation's database without fyr_telemetry
// linking the store (which lives in fyr_app, above it): two calls that run a job
// on a `sqlite3*`. fyr_app wires them to its Store:
//
//   SeriesDatabase db{
//       [store](const SeriesDatabase::Job& job) { return store->write(job).get(); },
//       [store](const SeriesDatabase::Job& job) {
//           QString error;
//           auto reader = store->reader(&error);
//           return reader ? job(reader->db()) : error;
//       }};
//
// The database must have the metric_series table (store schema v2):
//   name, labels, resolution_s, time_s, value; PRIMARY KEY (name, labels, resolution_s, time_s)
//
// Thread-safety: as the functions given; Store's are callable from any thread.
#pragma once

#include <QString>

#include <functional>

struct sqlite3;

namespace fyr::app::telemetry {

struct SeriesDatabase {
    // Returns "" to commit, or an error.
    using Job = std::function<QString(sqlite3*)>;
    // Runs the job as one transaction on the store's writer and returns once it
    // is committed: "" or why it was rolled back.
    std::function<QString(const Job&)> write;
    // Runs the job on a read-only connection for the calling thread: "" or the error.
    std::function<QString(const Job&)> read;

    bool isValid() const { return write && read; }
};

}  // namespace fyr::app::telemetry
