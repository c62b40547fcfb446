// The last hour of one series at 1 s resolution in fixed memory: one double per
// second, the slot for Unix second t at t % kPoints, NaN where there is no point.
// Appending a second later than the newest clears the slots skipped over, so a
// gap reads as a gap rather than as hour-old values.
//
//   SeriesRing ring;
//   ring.append(1700000000, 0.42);
//   std::vector<SeriesSample> out;
//   ring.read(1700000000 - 300, 1700000001, out);    // the last five minutes
//
// Thread-safety: none; TimeSeriesBuffer serializes access.
#pragma once

#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace fyr::app::telemetry {

struct SeriesSample {
    int64_t time_s = 0;  // Unix seconds
    double value = 0.0;
};

class SeriesRing final {
public:
    static constexpr int64_t kPoints = 3600;  // one hour of seconds

    SeriesRing() { m_values.fill(std::numeric_limits<double>::quiet_NaN()); }

    bool isEmpty() const { return m_newest == kNone; }
    // The newest second appended; meaningless while empty.
    int64_t newest() const { return m_newest; }

    // A second within the hour before the newest replaces that slot (the last
    // value in a second wins); an older one is ignored (false). NaN stores "no
    // point". Precondition: time_s >= 0.
    bool append(int64_t time_s, double value) {
        Q_ASSERT(time_s >= 0);
        if (time_s < 0) return false;
        if (m_newest == kNone) {
            m_newest = time_s;  // every slot is NaN already
        } else if (time_s > m_newest) {
            for (int64_t t = std::max(m_newest + 1, time_s - kPoints + 1); t < time_s; ++t)
                m_values[slot(t)] = std::numeric_limits<double>::quiet_NaN();
            m_newest = time_s;
        } else if (time_s <= m_newest - kPoints) {
            return false;
        }
        m_values[slot(time_s)] = value;
        return true;
    }

    // Appends the points with from_s <= time_s < to_s, in time order, to out.
    void read(int64_t from_s, int64_t to_s, std::vector<SeriesSample>& out) const {
        if (m_newest == kNone) return;
        const int64_t begin = std::max({from_s, m_newest - kPoints + 1, int64_t{0}});
        const int64_t end = std::min(to_s, m_newest + 1);
        for (int64_t t = begin; t < end; ++t) {
            const double v = m_values[slot(t)];
            if (!std::isnan(v)) out.push_back({t, v});
        }
    }

private:
    static constexpr int64_t kNone = std::numeric_limits<int64_t>::min();
    static size_t slot(int64_t t) { return static_cast<size_t>(((t % kPoints) + kPoints) % kPoints); }

    std::array<double, kPoints> m_values;
    int64_t m_newest = kNone;
};

}  // namespace fyr::app::telemetry
