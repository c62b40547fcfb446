// A dashboard as data (resources/telemetry/dashboards.json, read by
// ObservabilityConfig): panels on a grid of `columns` columns, each showing
// series over a window. The UI draws them; this is only the layout.
//
//   for (const DashboardPanel& p : layout.panels)
//       grid->addWidget(makePanel(p), p.y, p.x, p.h, p.w);
//
// Thread-safety: value types.
#pragma once

#include <QString>

#include <cstdint>
#include <vector>

#include "telemetry/slo.h"

namespace fyr::app::telemetry {

struct DashboardPanel {
    QString id;
    QString title;
    QString kind = QStringLiteral("line");  // line, area, bar, gauge, stat, table, alerts
    std::vector<SeriesSelector> series;     // none for an "alerts" panel
    int64_t window_s = 3600;
    QString unit;                    // as shown: "s", "°C", "tokens/s", ...
    int x = 0, y = 0, w = 6, h = 4;  // grid cells; x + w <= columns
};

struct DashboardLayout {
    QString id;
    QString title;
    int columns = 12;
    std::vector<DashboardPanel> panels;
};

}  // namespace fyr::app::telemetry
