#include "core/build_report.h"

#include <QCoreApplication>
#include <QJsonArray>

#include "fyr/build_info.h"
#include "fyr/kernels/cpu_features.h"

namespace fyr::app {
namespace {

QString onOff(bool on) { return on ? QCoreApplication::translate("BuildReport", "on") : QCoreApplication::translate("BuildReport", "off"); }
QString yesNo(bool yes) { return yes ? QCoreApplication::translate("BuildReport", "yes") : QCoreApplication::translate("BuildReport", "no"); }

QStringList toStringList(const std::vector<std::string>& v) {
    QStringList out;
    for (const auto& s : v) out << QString::fromStdString(s);
    return out;
}

}  // namespace

QString BuildReport::keyCpuFeatures() {
    const auto& f = fyr::kernels::cpu_features();
    return QStringLiteral("AVX2 %1, AVX-512 %2, VNNI %3, F16C %4")
        .arg(yesNo(f.avx2), yesNo(f.avx512f), yesNo(f.avx512_vnni || f.avx_vnni), yesNo(f.f16c));
}

QString BuildReport::text(const QString& programName) {
    const BuildInfo& b = build_info();
    const auto& f = fyr::kernels::cpu_features();
    QString out;
    out += QStringLiteral("%1 %2\n").arg(programName, QString::fromStdString(b.version));
    out += QCoreApplication::translate("BuildReport", "commit:   %1\n").arg(QString::fromStdString(b.git_commit));
    out += QCoreApplication::translate("BuildReport", "build:    %1, %2, Qt %3\n")
               .arg(QString::fromStdString(b.build_type), QString::fromStdString(b.compiler),
                    QLatin1String(qVersion()));
    out += QCoreApplication::translate("BuildReport", "backends: %1 (CUDA %2, Vulkan %3)\n")
               .arg(toStringList(b.backends).join(QStringLiteral(", ")), onOff(b.cuda), onOff(b.vulkan));
    out += QCoreApplication::translate("BuildReport", "cpu:      %1 (%2 cores, %3 threads)\n")
               .arg(f.brand.empty() ? QCoreApplication::translate("BuildReport", "unknown") : QString::fromStdString(f.brand))
               .arg(f.n_physical_cores)
               .arg(f.n_logical_cpus);
    out += QCoreApplication::translate("BuildReport", "features: %1\n").arg(keyCpuFeatures());
    out += QCoreApplication::translate("BuildReport", "          all: %1\n").arg(QString::fromStdString(fyr::kernels::describe(f)));
    return out;
}

QJsonObject BuildReport::json() {
    const BuildInfo& b = build_info();
    const auto& f = fyr::kernels::cpu_features();
    QJsonObject cpu;
    cpu.insert(QStringLiteral("vendor"), QString::fromStdString(f.vendor));
    cpu.insert(QStringLiteral("brand"), QString::fromStdString(f.brand));
    cpu.insert(QStringLiteral("physical_cores"), f.n_physical_cores);
    cpu.insert(QStringLiteral("logical_cpus"), f.n_logical_cpus);
    cpu.insert(QStringLiteral("avx2"), f.avx2);
    cpu.insert(QStringLiteral("avx512"), f.avx512f);
    cpu.insert(QStringLiteral("vnni"), f.avx512_vnni || f.avx_vnni);
    cpu.insert(QStringLiteral("amx_int8"), f.amx_int8);
    cpu.insert(QStringLiteral("f16c"), f.f16c);
    cpu.insert(QStringLiteral("features"), QJsonArray::fromStringList(toStringList(fyr::kernels::feature_names(f))));

    QJsonObject o;
    o.insert(QStringLiteral("version"), QString::fromStdString(b.version));
    o.insert(QStringLiteral("git_commit"), QString::fromStdString(b.git_commit));
    o.insert(QStringLiteral("build_type"), QString::fromStdString(b.build_type));
    o.insert(QStringLiteral("compiler"), QString::fromStdString(b.compiler));
    o.insert(QStringLiteral("qt"), QLatin1String(qVersion()));
    o.insert(QStringLiteral("cuda"), b.cuda);
    o.insert(QStringLiteral("vulkan"), b.vulkan);
    o.insert(QStringLiteral("backends"), QJsonArray::fromStringList(toStringList(b.backends)));
    o.insert(QStringLiteral("cpu"), cpu);
    return o;
}

}  // namespace fyr::app
