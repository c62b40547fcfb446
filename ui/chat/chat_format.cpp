#include "chat/chat_format.h"

#include <QLocale>

namespace fyr::ui {
namespace {

// Three significant digits: 292.8K would read as 293K, so up to one decimal below 1000.
QString scaled(double v, const char* unit) {
    const int decimals = v < 10 ? 2 : v < 1000 ? 1 : 0;
    return QLocale().toString(v, 'f', decimals) + QLatin1String(unit);
}

QString perSecond(double v) {
    return v > 0 ? QLocale().toString(v, 'f', v < 100 ? 1 : 0) : QStringLiteral("–");
}

}  // namespace

QString ChatFormat::parameterCount(quint64 n) {
    const auto v = static_cast<double>(n);
    if (v >= 1e9) return scaled(v / 1e9, "B");
    if (v >= 1e6) return scaled(v / 1e6, "M");
    if (v >= 1e3) return scaled(v / 1e3, "K");
    return QString::number(n);
}

QString ChatFormat::modelLine(const app::ModelSummary& m) {
    const QString sep = QStringLiteral(" · ");
    QStringList parts{m.name, m.architecture, tr("%1 parameters").arg(parameterCount(m.nParams))};
    if (!m.quantType.isEmpty()) parts << m.quantType;
    parts << QLocale().formattedDataSize(static_cast<qint64>(m.fileBytes), 1, QLocale::DataSizeIecFormat)
          << tr("context %1").arg(m.nCtx) << m.backend;  // e.g. "cpu avx2, 2 threads"
    if (!m.hasChatTemplate) parts << tr("no chat template");
    return parts.join(sep);
}

QString ChatFormat::finishReason(const QString& reason) {
    if (reason == QLatin1String("length")) return tr("length limit");
    if (reason == QLatin1String("eos")) return tr("end of answer");
    if (reason == QLatin1String("stop")) return tr("stop string");
    if (reason == QLatin1String("cancelled")) return tr("stopped");
    if (reason == QLatin1String("context")) return tr("context full");
    if (reason == QLatin1String("guard")) return tr("stopped by the guard");
    return reason;
}

QString ChatFormat::statsLine(const app::GenerationStats& s) {
    QString line = tr("TTFT %1 ms · %2 tok/s · %3 tokens · %4")
                       .arg(QLocale().toString(s.ttftMs, 'f', s.ttftMs < 10 ? 1 : 0), perSecond(s.tokensPerSecond))
                       .arg(s.generatedTokens)
                       .arg(finishReason(s.finishReason));
    if (s.promptTokens > 0) {
        line += QStringLiteral(" · ") + tr("prompt %1 tokens at %2 tok/s, %3 cached")
                                            .arg(s.promptTokens)
                                            .arg(perSecond(s.promptTokensPerSecond))
                                            .arg(s.cachedTokens);
    }
    if (s.guarded) {
        line += QStringLiteral(" · ") + tr("guard %1 ms").arg(QLocale().toString(s.guardMicros / 1000.0, 'f', 1));
        for (const auto* r : {&s.guardInput, &s.guardOutput})
            if (r->verdict != app::guard::Verdict::Allow) line += QStringLiteral(" · ") + r->reason();
    }
    return line;
}

}  // namespace fyr::ui
