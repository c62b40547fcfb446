#include "guard/guard.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

#include "guard/detectors.h"
#include "store/store.h"

namespace fyr::app::guard {

namespace {


double sigmoid(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

// Without a classifier the rules alone decide, from a prior that says "not an attack".
constexpr double kRulesOnlyPrior = -4.0;
constexpr int kExcerptChars = 120;

struct Replacement {
    qsizetype start, length;
    QString label;
};

// `text` with each span replaced by [LABEL]; spans must not overlap.
QString redact(const QString& text, std::vector<Replacement> spans) {
    std::sort(spans.begin(), spans.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    QString out;
    qsizetype at = 0;
    for (const auto& s : spans) {
        if (s.start < at) continue;
        out += QStringView(text).mid(at, s.start - at);
        out += u'[' + s.label + u']';
        at = s.start + s.length;
    }
    out += QStringView(text).mid(at);
    return out;
}

QString excerptAround(const QString& text, qsizetype start, qsizetype length) {
    if (start < 0) return text.left(kExcerptChars).simplified();
    const qsizetype from = std::max<qsizetype>(0, start - 40);
    QString e = text.mid(from, std::max<qsizetype>(length + 80, kExcerptChars)).simplified();
    if (from > 0) e.prepend(QStringLiteral("…"));
    return e;
}

// Word shingles of length n, for verbatim-overlap checks.
QSet<QString> shingles(const QString& text, int n) {
    static const QRegularExpression wordRe(QStringLiteral("[\\p{L}\\p{N}]+"));
    QStringList words;
    for (auto it = wordRe.globalMatch(text.toCaseFolded()); it.hasNext();) words << it.next().captured();
    QSet<QString> out;
    for (qsizetype i = 0; i + n <= words.size(); ++i) out.insert(words.mid(i, n).join(u' '));
    return out;
}

}  // namespace

struct Guard::InjectionAssessment {
    double probability = 0;
    QString decidedBy;
    const Rule* rule = nullptr;  // strongest rule that matched, if any
    NormalizedText base;
};

QString GuardResult::reason() const {
    QStringList parts;
    for (const Finding& f : findings)
        if (f.verdict == verdict && verdict != Verdict::Allow)
            parts << QStringLiteral("%1 (%2, %3)").arg(f.kind.isEmpty() ? f.category : f.kind, f.owasp, f.decidedBy);
    parts.removeDuplicates();
    switch (verdict) {
    case Verdict::Allow: return {};
    case Verdict::Flag: return QCoreApplication::translate("fyr::app::guard::Guard", "flagged: %1").arg(parts.join(QStringLiteral("; ")));
    case Verdict::Redact: return QCoreApplication::translate("fyr::app::guard::Guard", "redacted: %1").arg(parts.join(QStringLiteral("; ")));
    case Verdict::Block: return QCoreApplication::translate("fyr::app::guard::Guard", "blocked by the guard: %1").arg(parts.join(QStringLiteral("; ")));
    }
    return {};
}

QString Guard::sitePolicyPath(const QString& databasePath) {
    return QDir(Store::folder(databasePath)).filePath(QStringLiteral("guard/policy.json"));
}

std::unique_ptr<Guard> Guard::create(const QString& policyPath, QString* error) {
    return forInstallation({}, policyPath, error);
}

std::unique_ptr<Guard> Guard::forInstallation(const QString& databasePath, const QString& policyPath, QString* error) {
    QString path = policyPath;
    if (path.isEmpty() && QFileInfo::exists(sitePolicyPath(databasePath))) path = sitePolicyPath(databasePath);
    auto policy = GuardPolicy::load(path, error);
    if (!policy) return nullptr;
    std::optional<Classifier> classifier;
    if (!policy->classifierPath.isEmpty()) {
        classifier = Classifier::load(policy->classifierPath, error);
        if (!classifier) return nullptr;
    }
    return std::make_unique<Guard>(std::move(*policy), std::move(classifier));
}

Guard::Guard(GuardPolicy policy, std::optional<Classifier> classifier)
    : m_policy(std::move(policy)), m_classifier(std::move(classifier)), m_normalizer(m_policy.normalization) {}

Guard::InjectionAssessment Guard::assessInjection(const QString& text) const {
    InjectionAssessment best;
    best.base = m_normalizer.normalize(text);
    best.probability = -1;

    auto assess = [&](const NormalizedText& v, const QString& via) {
        double rules = 0;
        const Rule* strongest = nullptr;
        for (const Rule& r : m_policy.injectionRules) {
            if (!r.pattern.match(v.text).hasMatch()) continue;
            rules += r.weight;
            if (!strongest || r.weight > strongest->weight) strongest = &r;
        }
        double clf = kRulesOnlyPrior;
        if (m_classifier) clf = m_classifier->score(v.text, 0).logit * m_policy.classifierWeight;
        const double p = sigmoid(rules + clf);
        if (p <= best.probability) return;
        best.probability = p;
        best.rule = strongest;
        const bool clfDecides = m_classifier && (!strongest || clf > rules);
        QString who = clfDecides ? (strongest ? QStringLiteral("classifier+rule:%1").arg(strongest->id) : QStringLiteral("classifier"))
                                 : QStringLiteral("rule:%1").arg(strongest ? strongest->id : QStringLiteral("none"));
        best.decidedBy = via.isEmpty() ? who : QStringLiteral("decoded:%1 → %2").arg(via, who);
    };
    assess(best.base, {});
    for (const Payload& p : m_normalizer.decodePayloads(text)) assess(m_normalizer.normalize(p.text), p.method);
    return best;
}

Guard::IdentityPrompt Guard::identityPrompt(const QString& user, const QString& role, int clearance,
                                            const QString& basePrompt) const {
    auto clean = [](const QString& v) {
        QString out;
        for (const QChar c : v) {
            if (c.category() == QChar::Other_Control || c.isSpace()) out += u' ';  // line breaks too
            else if (c.category() != QChar::Other_Format && c != u'{' && c != u'}') out += c;
        }
        return out.simplified().left(64);
    };
    IdentityPrompt out;
    out.context.user = clean(user);
    out.context.role = role.isEmpty() ? QStringLiteral("default") : clean(role);
    out.context.clearance = clearance;
    if (m_policy.plantCanary)
        out.context.canary = QStringLiteral("fyr-canary-") +
                             QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
    QString identity = m_policy.identityTemplate;
    if (!identity.isEmpty()) {
        identity.replace(QStringLiteral("{{user}}"), out.context.user)
            .replace(QStringLiteral("{{role}}"), out.context.role)
            .replace(QStringLiteral("{{clearance}}"), QString::number(clearance));
        if (!out.context.canary.isEmpty() && !identity.contains(QStringLiteral("{{canary}}")))
            identity += QStringLiteral(" [{{canary}}]");
        identity.replace(QStringLiteral("{{canary}}"), out.context.canary);
    }
    out.systemPrompt = basePrompt.isEmpty() ? identity : identity.isEmpty() ? basePrompt : basePrompt + QStringLiteral("\n\n") + identity;
    out.context.systemPrompt = out.systemPrompt;
    return out;
}

double Guard::injectionScore(const QString& text, QString* decidedBy) const {
    const auto a = assessInjection(text);
    if (decidedBy) *decidedBy = a.decidedBy;
    return a.probability;
}

GuardResult Guard::check(const QString& text, Direction dir, const GuardContext& ctx) const {
    QElapsedTimer timer;
    timer.start();
    GuardResult result;
    const QString role = ctx.role.isEmpty() ? QStringLiteral("default") : ctx.role;
    auto verdictOf = [&](const QString& category) { return m_policy.verdictFor(role, dir, category); };
    const QString disclosure = QStringLiteral("LLM02");

    // Exact detectors first: their spans are redacted in every excerpt.
    const auto pii = findPersonalData(text, m_policy.piiDetectors);
    const auto secrets = findSecrets(text, m_policy.secretRules);
    std::vector<Replacement> sensitive;
    for (const Span& s : pii) sensitive.push_back({s.start, s.length, s.label});
    for (const Span& s : secrets) sensitive.push_back({s.start, s.length, s.label});
    std::sort(sensitive.begin(), sensitive.end(), [](const auto& a, const auto& b) { return a.start < b.start; });
    {  // overlapping spans: the first one wins
        std::vector<Replacement> kept;
        for (const Replacement& r : sensitive)
            if (kept.empty() || r.start >= kept.back().start + kept.back().length) kept.push_back(r);
        sensitive.swap(kept);
    }
    const QString safeText = redact(text, sensitive);
    // Where an offset of `text` lands in `safeText` (each replacement changes the length).
    auto mapped = [&](qsizetype pos) {
        qsizetype shift = 0;
        for (const Replacement& r : sensitive)
            if (r.start + r.length <= pos) shift += r.label.size() + 2 - r.length;
            else if (r.start <= pos) return r.start + shift;
        return pos + shift;
    };
    auto excerpt = [&](qsizetype start, qsizetype length) {
        if (start < 0) return excerptAround(safeText, -1, 0);
        const qsizetype from = mapped(start);
        return excerptAround(safeText, from, mapped(start + length) - from);
    };

    for (const Span& s : secrets) {
        Finding f;
        f.scanner = QStringLiteral("secrets");
        f.category = QStringLiteral("secret");
        f.kind = s.type;
        f.rule = s.type;
        f.owasp = s.rule && !s.rule->owasp.isEmpty() ? s.rule->owasp : disclosure;
        f.severity = s.rule ? s.rule->severity : QStringLiteral("high");
        f.verdict = verdictOf(f.category);
        f.decidedBy = QStringLiteral("rule:%1").arg(s.type);
        f.score = 1;
        f.start = s.start;
        f.length = s.length;
        f.excerpt = excerpt(s.start, s.length);
        result.findings.push_back(f);
    }
    for (const Span& s : pii) {
        Finding f;
        f.scanner = QStringLiteral("pii");
        f.category = QStringLiteral("pii");
        f.kind = s.type;
        f.rule = s.type;
        f.owasp = disclosure;
        f.severity = (s.type == QLatin1String("card") || s.type == QLatin1String("iban") ||
                      s.type.contains(QLatin1String("nummer")))
                         ? QStringLiteral("high")
                         : QStringLiteral("medium");
        f.verdict = verdictOf(f.category);
        f.decidedBy = s.check;
        f.score = 1;
        f.start = s.start;
        f.length = s.length;
        f.excerpt = excerpt(s.start, s.length);
        result.findings.push_back(f);
    }

    if (dir == Direction::Input) {
        const auto a = assessInjection(text);
        result.injectionScore = a.probability;
        if (a.probability >= m_policy.flagThreshold) {
            Finding f;
            f.scanner = QStringLiteral("injection");
            f.category = QStringLiteral("injection");
            f.kind = a.rule && !a.rule->kind.isEmpty() ? a.rule->kind : QStringLiteral("injection");
            f.rule = a.rule ? a.rule->id : QStringLiteral("classifier");
            f.owasp = a.rule && !a.rule->owasp.isEmpty() ? a.rule->owasp : QStringLiteral("LLM01");
            f.severity = a.probability >= m_policy.blockThreshold ? QStringLiteral("high") : QStringLiteral("medium");
            f.verdict = a.probability >= m_policy.blockThreshold ? verdictOf(f.category)
                                                                 : std::min(Verdict::Flag, verdictOf(f.category));
            f.decidedBy = a.decidedBy;
            f.score = a.probability;
            f.excerpt = excerpt(-1, 0);
            result.findings.push_back(f);
        }
        if (a.base.invisibleRemoved > 0 || a.base.homoglyphWords > 0) {
            Finding f;
            f.scanner = QStringLiteral("obfuscation");
            f.category = QStringLiteral("obfuscation");
            f.kind = a.base.invisibleRemoved > 0 ? QStringLiteral("invisible-characters") : QStringLiteral("homoglyphs");
            f.rule = f.kind;
            f.owasp = QStringLiteral("LLM01");
            f.severity = QStringLiteral("low");
            f.verdict = verdictOf(f.category);
            f.decidedBy = QCoreApplication::translate("fyr::app::guard::Guard", "normalization: %1 invisible character(s), %2 mixed-script word(s)")
                              .arg(a.base.invisibleRemoved)
                              .arg(a.base.homoglyphWords);
            f.score = 1;
            f.excerpt = excerpt(-1, 0);
            result.findings.push_back(f);
        }
    } else {
        const QString folded = text.toCaseFolded();
        if (!ctx.canary.isEmpty()) {
            const qsizetype at = folded.indexOf(ctx.canary.toCaseFolded());
            if (at >= 0) {
                Finding f;
                f.scanner = QStringLiteral("leak");
                f.category = QStringLiteral("system_prompt_leak");
                f.kind = QStringLiteral("canary");
                f.rule = QStringLiteral("canary");
                f.owasp = QStringLiteral("LLM07");
                f.severity = QStringLiteral("high");
                f.verdict = verdictOf(f.category);
                f.decidedBy = QStringLiteral("canary");
                f.score = 1;
                f.start = at;
                f.length = ctx.canary.size();
                f.excerpt = excerpt(at, f.length).replace(ctx.canary, QStringLiteral("[CANARY]"), Qt::CaseInsensitive);
                result.findings.push_back(f);
            }
        }
        if (!ctx.systemPrompt.isEmpty()) {
            const auto sys = shingles(ctx.systemPrompt, 8);
            if (!sys.isEmpty()) {
                int shared = 0;
                for (const QString& s : shingles(text, 8)) shared += sys.contains(s) ? 1 : 0;
                if (shared >= 3 || shared * 4 >= sys.size()) {
                    Finding f;
                    f.scanner = QStringLiteral("leak");
                    f.category = QStringLiteral("system_prompt_leak");
                    f.kind = QStringLiteral("verbatim");
                    f.rule = QStringLiteral("system-prompt-overlap");
                    f.owasp = QStringLiteral("LLM07");
                    f.severity = QStringLiteral("high");
                    f.verdict = verdictOf(f.category);
                    f.decidedBy = QCoreApplication::translate("fyr::app::guard::Guard", "%1 eight-word sequence(s) of the system prompt").arg(shared);
                    f.score = std::min(1.0, shared / static_cast<double>(sys.size()));
                    f.excerpt = excerpt(-1, 0);
                    result.findings.push_back(f);
                }
            }
        }
        for (const Link& l : findLinks(text)) {
            if (hostAllowed(l.host, m_policy.allowedDomains)) continue;
            Finding f;
            f.scanner = QStringLiteral("links");
            f.category = l.image ? QStringLiteral("exfiltration") : QStringLiteral("link");
            f.kind = l.image ? QStringLiteral("markdown-image") : QStringLiteral("link");
            f.rule = QStringLiteral("allowed_domains");
            f.owasp = l.image ? disclosure : QStringLiteral("LLM05");
            f.severity = l.image ? QStringLiteral("high") : QStringLiteral("low");
            f.verdict = verdictOf(f.category);
            f.decidedBy = QCoreApplication::translate("fyr::app::guard::Guard", "host %1 is not on the allow list").arg(l.host.isEmpty() ? l.url : l.host);
            f.score = 1;
            f.start = l.start;
            f.length = l.length;
            f.excerpt = excerpt(l.start, l.length);
            result.findings.push_back(f);
        }
        for (const ClassifiedSnippet& s : ctx.snippets) {
            if (s.level <= ctx.clearance) continue;
            const auto doc = shingles(s.text, 6);
            int shared = 0;
            for (const QString& sh : shingles(text, 6)) shared += doc.contains(sh) ? 1 : 0;
            if (shared == 0) continue;
            Finding f;
            f.scanner = QStringLiteral("clearance");
            f.category = QStringLiteral("clearance");
            f.kind = QStringLiteral("above-clearance");
            f.rule = s.label;
            f.owasp = disclosure;
            f.severity = QStringLiteral("high");
            f.verdict = verdictOf(f.category);
            f.decidedBy = QCoreApplication::translate("fyr::app::guard::Guard", "cites %1 (level %2, caller's clearance %3)").arg(s.label).arg(s.level).arg(ctx.clearance);
            f.score = 1;
            f.excerpt = excerpt(-1, 0);
            result.findings.push_back(f);
        }
    }

    std::vector<Replacement> redactions;
    for (const Finding& f : result.findings) {
        result.verdict = std::max(result.verdict, f.verdict);
        if (f.verdict == Verdict::Redact && f.start >= 0) {
            QString label = f.kind.toUpper();
            for (const Replacement& r : sensitive)
                if (r.start == f.start) label = r.label;
            if (f.scanner == QLatin1String("links")) label = QStringLiteral("LINK REMOVED");
            if (f.kind == QLatin1String("canary")) label = QStringLiteral("REDACTED");
            redactions.push_back({f.start, f.length, label});
        }
    }
    result.text = redactions.empty() ? text : redact(text, redactions);
    result.elapsedUs = timer.nsecsElapsed() / 1000;
    return result;
}

}  // namespace fyr::app::guard
