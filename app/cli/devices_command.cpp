#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include "cli/command.h"
#include "cli/command_parser.h"
#include "fyr/kernels/backend_info.h"
#include "fyr/kernels/vulkan_self_test.h"

namespace fyr::app::cli {

int runDevices(const QStringList& args, CommandIo& io) {
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), QCoreApplication::translate("fyrctl", "Print as JSON."));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QCoreApplication::translate("fyrctl", "Run a small compute kernel on each GPU device and check its result."));
    parser.addOption(json);
    parser.addOption(selfTest);
    if (auto rc = parseCommandLine(
            parser, args, QCoreApplication::translate("fyrctl", "List the compute backends and their devices."), io))
        return *rc;

    const auto backends = fyr::kernels::probe_backends();
    bool selfTestFailed = false;
    QJsonArray jsonBackends;
    for (const auto& b : backends) {
        QJsonObject jb;
        jb.insert(QStringLiteral("name"), QString::fromStdString(b.name));
        jb.insert(QStringLiteral("compiled"), b.compiled);
        jb.insert(QStringLiteral("usable"), b.usable);
        jb.insert(QStringLiteral("detail"), QString::fromStdString(b.detail));
        QJsonArray jdevs;
        if (!parser.isSet(json)) {
            const QString state = !b.compiled ? QCoreApplication::translate("fyrctl", "not built")
                                  : b.usable  ? QCoreApplication::translate("fyrctl", "ready")
                                              : QCoreApplication::translate("fyrctl", "unavailable");
            io.out << QStringLiteral("%1: %2 (%3)\n")
                          .arg(QString::fromStdString(b.name), state, QString::fromStdString(b.detail));
        }
        for (size_t i = 0; i < b.devices.size(); ++i) {
            const auto& d = b.devices[i];
            QJsonObject jd;
            jd.insert(QStringLiteral("name"), QString::fromStdString(d.name));
            jd.insert(QStringLiteral("kind"), QString::fromStdString(d.kind));
            jd.insert(QStringLiteral("memory_bytes"), static_cast<double>(d.memory_bytes));
            jd.insert(QStringLiteral("driver"), QString::fromStdString(d.driver));
            QString testLine;
            if (parser.isSet(selfTest) && b.name == "vulkan") {
                std::string detail;
                const bool ok = fyr::kernels::vulkan_self_test(static_cast<int>(i), 4096, detail);
                selfTestFailed = selfTestFailed || !ok;
                jd.insert(QStringLiteral("self_test_passed"), ok);
                jd.insert(QStringLiteral("self_test_detail"), QString::fromStdString(detail));
                testLine = (ok ? QCoreApplication::translate("fyrctl", "self-test passed: %1")
                               : QCoreApplication::translate("fyrctl", "self-test FAILED: %1"))
                               .arg(QString::fromStdString(detail));
            }
            jdevs.append(jd);
            if (!parser.isSet(json)) {
                io.out << QStringLiteral("  #%1 %2 [%3]")
                              .arg(i)
                              .arg(QString::fromStdString(d.name), QString::fromStdString(d.kind));
                if (d.memory_bytes > 0)
                    io.out << QStringLiteral(", %1").arg(
                        QLocale().formattedDataSize(static_cast<qint64>(d.memory_bytes)));
                if (!d.driver.empty()) io.out << QStringLiteral(", %1").arg(QString::fromStdString(d.driver));
                io.out << '\n';
                if (!testLine.isEmpty()) io.out << QStringLiteral("     %1\n").arg(testLine);
            }
        }
        jb.insert(QStringLiteral("devices"), jdevs);
        jsonBackends.append(jb);
    }
    if (parser.isSet(json)) {
        QJsonObject root;
        root.insert(QStringLiteral("backends"), jsonBackends);
        io.out << QJsonDocument(root).toJson(QJsonDocument::Indented);
    }
    return selfTestFailed ? kFailure : kOk;
}

}  // namespace fyr::app::cli
