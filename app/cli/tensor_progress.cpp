#include "cli/tensor_progress.h"

#include <QCoreApplication>

namespace fyr::app::cli {

void printTensorProgress(const TensorProgress& p, QTextStream& err, bool markCopied) {
    const std::string_view name = type_traits(static_cast<uint32_t>(p.type))->name;
    const QString type = QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    QString line =
        QCoreApplication::translate("fyrctl", "[%1/%2] %3: %4")
            .arg(p.index + 1)
            .arg(p.count)
            .arg(QString::fromStdString(p.name),
                 p.converted || !markCopied ? type : QCoreApplication::translate("fyrctl", "%1, copied").arg(type));
    if (!p.note.empty()) line += QStringLiteral(" (%1)").arg(QString::fromStdString(p.note));
    err << line << '\n';
    err.flush();
}

}  // namespace fyr::app::cli
