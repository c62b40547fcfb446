// The registry in Prometheus' text exposition format, version 0.0.4 — what
// `GET /metrics` serves and `fyrctl metrics` prints.
//
//   QByteArray body = PrometheusText::format(registry.collect());
//   reply.setHeader("Content-Type", PrometheusText::kContentType);
//
// Each family is written as "# HELP", "# TYPE" and its samples, families in name
// order and series in label order (the order of collect()), so two expositions of
// the same values are byte for byte the same. Label values escape backslash,
// double quote and newline; help text escapes backslash and newline. A histogram
// writes, per series, <name>_bucket{...,le="<bound>"} cumulatively up to
// le="+Inf", then <name>_sum and <name>_count. Numbers are written in the
// shortest form that reads back to the same double ("0.1", "42", "1e+21"), and
// as +Inf, -Inf and NaN where they are not finite.
//
// Thread-safety: static functions, no state.
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

#include "telemetry/metrics_registry.h"

namespace fyr::app::telemetry {

class PrometheusText {
public:
    static constexpr const char* kContentType = "text/plain; version=0.0.4; charset=utf-8";

    static QByteArray format(const std::vector<MetricFamilySnapshot>& families);

    static QByteArray formatNumber(double v);
    static QByteArray escapeLabelValue(const QString& value);
    static QByteArray escapeHelp(const QString& help);
};

}  // namespace fyr::app::telemetry
