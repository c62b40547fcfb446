// libFuzzer target: a site's observability files (SLOs, alert rules, dashboard
// layouts) as they are imported. Any input must be read or refused with an
// error naming the file, never a crash, a hang or a sanitizer report; what is
// read exports and reads back the same.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "telemetry/observability_config.h"

using fyr::app::telemetry::ObservabilityConfig;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QString name = QStringLiteral("fuzz.json");
    static const QStringList known = ObservabilityConfig::fyrSeriesNames();
    QStringList errors;
    // A refusal names the file; what is read exports and reads back.
    const auto refusedWell = [&] { return !errors.isEmpty() && errors.first().contains(name); };
    if (const auto slos = ObservabilityConfig::parseSlos(json, name, known, &errors)) {
        if (!ObservabilityConfig::parseSlos(ObservabilityConfig::exportSlos(*slos), name, known, &errors)) std::abort();
    } else if (!refusedWell()) {
        std::abort();
    }
    errors.clear();
    if (const auto rules = ObservabilityConfig::parseRules(json, name, known, &errors)) {
        if (!ObservabilityConfig::parseRules(ObservabilityConfig::exportRules(*rules), name, known, &errors)) std::abort();
    } else if (!refusedWell()) {
        std::abort();
    }
    errors.clear();
    if (const auto boards = ObservabilityConfig::parseDashboards(json, name, known, &errors)) {
        if (!ObservabilityConfig::parseDashboards(ObservabilityConfig::exportDashboards(*boards), name, known, &errors)) std::abort();
    } else if (!refusedWell()) {
        std::abort();
    }
    return 0;
}
