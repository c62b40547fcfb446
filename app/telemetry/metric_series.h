// One labelled series of a metric and the handles that update it: Counter,
// Gauge and Histogram. A handle is what MetricsRegistry hands out for a label
// set (see metrics_registry.h); it is a pointer into the registry, cheap to copy,
// and every update is a relaxed atomic operation with no lock and no allocation,
// so handles are fetched once (per request, per model) and kept.
//
//   Counter tokens = metrics.generationTokens.labels({model, user});
//   tokens.inc(n);                       // lock-free; from any thread
//   Histogram ttft = metrics.timeToFirstToken.labels({model, user});
//   ttft.observe(0.183);                 // seconds
//
// A default-constructed handle, or one from a family whose registration failed,
// is invalid: its updates do nothing and its readings are 0.
//
// Thread-safety: every member of every handle may be called from any thread at
// any time while the registry lives. A handle must not outlive its registry.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace fyr::app::telemetry {

namespace detail {

// The values behind one label set. Counters and gauges use `value`; histograms
// use `value` as their sum and `buckets` for their counts.
struct MetricSeries {
    std::atomic<double> value{0.0};
    // Gauges only: false after Gauge::clear(), until the next update; a series
    // that is not present is left out of the exposition.
    std::atomic<bool> present{true};
    // Histograms only: the family's upper bounds (ascending, finite, +Inf
    // implied) and one count per bound plus one for +Inf, not cumulative.
    const std::vector<double>* bounds = nullptr;
    std::unique_ptr<std::atomic<uint64_t>[]> buckets;
};

}  // namespace detail

class Counter {
public:
    Counter() = default;
    explicit Counter(detail::MetricSeries* series) : m_series(series) {}

    bool isValid() const { return m_series != nullptr; }
    // Precondition: amount >= 0 (counters only go up); a negative or NaN amount
    // is ignored.
    void inc(double amount = 1.0) const {
        Q_ASSERT(amount >= 0.0);
        if (m_series && amount >= 0.0) m_series->value.fetch_add(amount, std::memory_order_relaxed);
    }
    double value() const { return m_series ? m_series->value.load(std::memory_order_relaxed) : 0.0; }

private:
    detail::MetricSeries* m_series = nullptr;
};

class Gauge {
public:
    Gauge() = default;
    explicit Gauge(detail::MetricSeries* series) : m_series(series) {}

    bool isValid() const { return m_series != nullptr; }
    void set(double v) const {
        if (!m_series) return;
        m_series->value.store(v, std::memory_order_relaxed);
        m_series->present.store(true, std::memory_order_relaxed);
    }
    void inc(double amount = 1.0) const {
        if (!m_series) return;
        m_series->value.fetch_add(amount, std::memory_order_relaxed);
        m_series->present.store(true, std::memory_order_relaxed);
    }
    void dec(double amount = 1.0) const { inc(-amount); }
    // Hides the series from the exposition until its next update: for a reading
    // that stopped being reported (a GPU that was lost), rather than showing a
    // stale value.
    void clear() const {
        if (m_series) m_series->present.store(false, std::memory_order_relaxed);
    }
    double value() const { return m_series ? m_series->value.load(std::memory_order_relaxed) : 0.0; }
    bool isPresent() const { return m_series && m_series->present.load(std::memory_order_relaxed); }

private:
    detail::MetricSeries* m_series = nullptr;
};

class Histogram {
public:
    Histogram() = default;
    explicit Histogram(detail::MetricSeries* series) : m_series(series) {}

    bool isValid() const { return m_series != nullptr; }
    // Counts `v` in the first bucket whose upper bound is >= v (Prometheus' `le`)
    // and adds it to the sum. A NaN is ignored: it belongs in no bucket.
    void observe(double v) const {
        if (!m_series || std::isnan(v)) return;
        const std::vector<double>& b = *m_series->bounds;
        const auto i = static_cast<size_t>(std::lower_bound(b.begin(), b.end(), v) - b.begin());
        m_series->buckets[i].fetch_add(1, std::memory_order_relaxed);
        m_series->value.fetch_add(v, std::memory_order_relaxed);
    }
    uint64_t count() const {
        if (!m_series) return 0;
        uint64_t n = 0;
        for (size_t i = 0; i <= m_series->bounds->size(); ++i)
            n += m_series->buckets[i].load(std::memory_order_relaxed);
        return n;
    }
    double sum() const { return m_series ? m_series->value.load(std::memory_order_relaxed) : 0.0; }

private:
    detail::MetricSeries* m_series = nullptr;
};

}  // namespace fyr::app::telemetry
