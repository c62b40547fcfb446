#include "guard/corpus.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include "guard/guard.h"

namespace fyr::app::guard {

namespace {


constexpr qint64 kMaxCorpusBytes = 256LL << 20;
constexpr qsizetype kMaxPromptChars = 64 * 1024;

}  // namespace

std::optional<std::vector<LabelledPrompt>> readCorpus(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::Corpus", "%1: cannot read the corpus: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > kMaxCorpusBytes) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::Corpus", "%1: the corpus is larger than 256 MiB").arg(path);
        return std::nullopt;
    }
    return parseCorpus(f.readAll(), path, error);
}

std::optional<std::vector<LabelledPrompt>> parseCorpus(const QByteArray& data, const QString& sourceName, QString* error) {
    std::vector<LabelledPrompt> out;
    int lineNo = 0;
    auto fail = [&](const QString& what) -> std::optional<std::vector<LabelledPrompt>> {
        if (error) *error = QStringLiteral("%1:%2: %3").arg(sourceName).arg(lineNo).arg(what);
        return std::nullopt;
    };
    for (const QByteArray& raw : data.split('\n')) {
        ++lineNo;
        const QByteArray line = raw.trimmed();
        if (line.isEmpty()) continue;
        QJsonParseError pe{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
        if (pe.error != QJsonParseError::NoError)
            return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "not valid JSON at column %1: %2").arg(pe.offset + 1).arg(pe.errorString()));
        if (!doc.isObject()) return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "expected a JSON object"));
        const QJsonObject o = doc.object();
        LabelledPrompt p;
        p.line = lineNo;
        if (!o.value(QLatin1String("text")).isString()) return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "\"text\" must be a string"));
        p.text = o.value(QLatin1String("text")).toString();
        if (p.text.isEmpty() || p.text.size() > kMaxPromptChars)
            return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "\"text\" must hold 1 to %1 characters").arg(kMaxPromptChars));
        const QString label = o.value(QLatin1String("label")).toString();
        if (label != QLatin1String("attack") && label != QLatin1String("benign"))
            return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "\"label\" must be \"attack\" or \"benign\", not \"%1\"").arg(label));
        p.attack = label == QLatin1String("attack");
        p.lang = o.value(QLatin1String("lang")).toString(QStringLiteral("?"));
        p.kind = o.value(QLatin1String("kind")).toString(p.attack ? QStringLiteral("attack") : QStringLiteral("benign"));
        out.push_back(std::move(p));
    }
    if (out.empty()) return fail(QCoreApplication::translate("fyr::app::guard::Corpus", "the corpus holds no prompts"));
    return out;
}

void Counts::add(bool attack, bool detected) {
    if (attack) (detected ? truePositives : falseNegatives) += 1;
    else (detected ? falsePositives : trueNegatives) += 1;
}

double Counts::recall() const {
    return attacks() ? static_cast<double>(truePositives) / attacks() : 1.0;
}

double Counts::precision() const {
    const int flagged = truePositives + falsePositives;
    return flagged ? static_cast<double>(truePositives) / flagged : 1.0;
}

double Counts::falsePositiveRate() const {
    return benign() ? static_cast<double>(falsePositives) / benign() : 0.0;
}

Evaluation evaluate(const Guard& guard, const std::vector<LabelledPrompt>& corpus) {
    Evaluation e;
    int64_t micros = 0;
    GuardContext ctx;
    for (const LabelledPrompt& p : corpus) {
        const GuardResult r = guard.check(p.text, Direction::Input, ctx);
        micros += r.elapsedUs;
        bool detected = false;
        for (const Finding& f : r.findings)
            if ((f.category == QLatin1String("injection") || f.category == QLatin1String("obfuscation")) &&
                f.verdict != Verdict::Allow)
                detected = true;
        e.total.add(p.attack, detected);
        e.byGroup[p.lang + u'/' + p.kind].add(p.attack, detected);
        if (detected != p.attack) e.misses.push_back(&p);
    }
    e.meanMicros = corpus.empty() ? 0 : static_cast<double>(micros) / static_cast<double>(corpus.size());
    return e;
}

std::vector<Classifier::Example> trainingExamples(const Normalizer& normalizer, const std::vector<LabelledPrompt>& corpus) {
    std::vector<Classifier::Example> out;
    for (const LabelledPrompt& p : corpus) {
        out.push_back({normalizer.normalize(p.text).text, p.attack});
        if (p.attack)
            for (const Payload& pl : normalizer.decodePayloads(p.text)) out.push_back({normalizer.normalize(pl.text).text, true});
    }
    return out;
}

}  // namespace fyr::app::guard
