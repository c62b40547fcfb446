// What the requests of a recent window looked like, from the store: how many,
// how many failed, tokens in and out per second, and TTFT, TPOT and end-to-end
// latency percentiles, overall and per model. What `fyrctl top` and the
// dashboards show beside the probes' readings.
//
//   QString error;
//   auto w = fyr::app::RequestWindow::read(store, now - 5 * 60'000, now, &error);
//   if (w) qDebug() << w->total.requests << w->total.ttftMs.p95 << "ms";
//
// Thread-safety: read() opens its own reader connection; the result is plain data.
#pragma once

#include <QList>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

namespace fyr::app {

class Store;

struct Percentiles {
    int count = 0;  // values the percentiles come from; 0: none (the rest are 0)
    double p50 = 0, p95 = 0, p99 = 0, max = 0;
    // Nearest-rank percentiles of `values` (sorted here).
    static Percentiles of(std::vector<double> values);
};

struct RequestWindow {
    struct Group {
        QString model;         // "" for the total
        int64_t requests = 0;  // started in the window
        int64_t failed = 0;    // finish reason "error" or "guard"
        int64_t running = 0;   // no finish reason yet
        int64_t promptTokens = 0, genTokens = 0;
        double promptPerSecond = 0, genPerSecond = 0;  // over the window's length
        Percentiles ttftMs, tpotMs, e2eMs;
    };
    int64_t sinceMs = 0, untilMs = 0;
    Group total;
    QList<Group> models;  // busiest first

    // Requests with started_ms in [sinceMs, untilMs). Null with *error when the
    // store cannot be read or the range is empty.
    static std::optional<RequestWindow> read(Store& store, int64_t sinceMs, int64_t untilMs, QString* error);
};

}  // namespace fyr::app
