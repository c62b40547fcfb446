// What this build is and what this machine can run, as text and as JSON; shown by
// `fyrctl --version`, `fyrctl version --json` and the console's About box.
#pragma once

#include <QJsonObject>
#include <QString>

namespace fyr::app {

class BuildReport final {
public:
    // Multi-line, translated: version, commit, build, backends (CUDA/Vulkan on/off),
    // CPU and the SIMD features detected at run time.
    static QString text(const QString& programName);
    // Same facts, stable keys, for scripts and tests.
    static QJsonObject json();
    // "AVX2 yes, AVX-512 yes, VNNI no, F16C yes" — the four facts kernels dispatch on.
    static QString keyCpuFeatures();
};

}  // namespace fyr::app
