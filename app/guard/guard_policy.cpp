#include "guard/guard_policy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fyr::app::guard {

namespace {


// "line:column" of a byte offset, for parse errors.
QString position(const QByteArray& json, qsizetype offset) {
    int line = 1, col = 1;
    for (qsizetype i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(json[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(col);
}

char32_t codePoint(const QString& s, bool* ok) {
    if (s.startsWith(QStringLiteral("U+"), Qt::CaseInsensitive)) {
        const uint v = s.mid(2).toUInt(ok, 16);
        *ok = *ok && v <= 0x10FFFF;
        return v;
    }
    const QList<uint> u = s.toUcs4();
    *ok = u.size() == 1;
    return *ok ? u[0] : 0;
}

class Reader {
public:
    Reader(QString source, QString* error) : m_source(std::move(source)), m_error(error) {}

    bool fail(const QString& where, const QString& what) {
        if (m_error) *m_error = QStringLiteral("%1: %2: %3").arg(m_source, where, what);
        return false;
    }

    bool rules(const QJsonObject& root, const char* key, const QString& category, std::vector<Rule>* out) {
        const QJsonValue v = root.value(QLatin1String(key));
        if (v.isUndefined()) return true;
        if (!v.isArray()) return fail(QLatin1String(key), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected an array of rules"));
        const QJsonArray arr = v.toArray();
        for (qsizetype i = 0; i < arr.size(); ++i) {
            const QString where = QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i);
            if (!arr[i].isObject()) return fail(where, QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected an object"));
            const QJsonObject o = arr[i].toObject();
            Rule r;
            r.id = o.value(QLatin1String("id")).toString();
            if (r.id.isEmpty()) return fail(where, QCoreApplication::translate("fyr::app::guard::GuardPolicy", "a rule needs an \"id\""));
            r.category = o.value(QLatin1String("category")).toString(category);
            r.kind = o.value(QLatin1String("kind")).toString();
            r.owasp = o.value(QLatin1String("owasp")).toString(
                category == QLatin1String("injection") ? QStringLiteral("LLM01") : QStringLiteral("LLM02"));
            r.label = o.value(QLatin1String("label")).toString(r.id.toUpper());
            r.severity = o.value(QLatin1String("severity")).toString(QStringLiteral("medium"));
            r.weight = o.value(QLatin1String("weight")).toDouble(0);
            const QString pattern = o.value(QLatin1String("pattern")).toString();
            if (pattern.isEmpty()) return fail(where + QLatin1String(".pattern"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "a rule needs a \"pattern\""));
            QRegularExpression::PatternOptions opts = QRegularExpression::UseUnicodePropertiesOption;
            if (!o.value(QLatin1String("case_sensitive")).toBool(false)) opts |= QRegularExpression::CaseInsensitiveOption;
            r.pattern = QRegularExpression(pattern, opts);
            if (!r.pattern.isValid())
                return fail(where + QLatin1String(".pattern"),
                            QCoreApplication::translate("fyr::app::guard::GuardPolicy", "invalid regular expression at offset %1: %2")
                                .arg(r.pattern.patternErrorOffset())
                                .arg(r.pattern.errorString()));
            r.pattern.optimize();
            out->push_back(std::move(r));
        }
        return true;
    }

    bool verdicts(const QJsonValue& v, const QString& where, QHash<QString, Verdict>* out) {
        if (v.isUndefined()) return true;
        if (!v.isObject()) return fail(where, QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected an object of category: verdict"));
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const auto verdict = verdictFromName(it.value().toString());
            if (!verdict)
                return fail(where + QLatin1Char('.') + it.key(),
                            QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected allow, flag, redact or block, not \"%1\"").arg(it.value().toString()));
            out->insert(it.key(), *verdict);
        }
        return true;
    }

private:
    QString m_source;
    QString* m_error;
};

}  // namespace

QString verdictName(Verdict v) {
    switch (v) {
    case Verdict::Allow: return QStringLiteral("allow");
    case Verdict::Flag: return QStringLiteral("flag");
    case Verdict::Redact: return QStringLiteral("redact");
    case Verdict::Block: return QStringLiteral("block");
    }
    return {};
}

std::optional<Verdict> verdictFromName(const QString& name) {
    for (Verdict v : {Verdict::Allow, Verdict::Flag, Verdict::Redact, Verdict::Block})
        if (verdictName(v) == name) return v;
    return std::nullopt;
}

QString GuardPolicy::builtinPath() {
    return QStringLiteral(":/guard/policy.json");
}

Verdict GuardPolicy::verdictFor(const QString& role, Direction dir, const QString& category) const {
    for (const QString& r : {role, QStringLiteral("default")}) {
        const auto it = roles.constFind(r);
        if (it == roles.constEnd()) continue;
        const auto& table = dir == Direction::Input ? it->input : it->output;
        const auto v = table.constFind(category);
        if (v != table.constEnd()) return *v;
    }
    return Verdict::Flag;
}

std::optional<GuardPolicy> GuardPolicy::load(const QString& path, QString* error) {
    const QString p = path.isEmpty() ? builtinPath() : path;
    QFile f(p);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::GuardPolicy", "%1: cannot read the guard policy: %2").arg(p, f.errorString());
        return std::nullopt;
    }
    constexpr qint64 kMaxPolicyBytes = 16 << 20;
    if (f.size() > kMaxPolicyBytes) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::GuardPolicy", "%1: the guard policy is larger than 16 MiB").arg(p);
        return std::nullopt;
    }
    auto policy = parse(f.readAll(), p, error);
    if (policy && !policy->classifierPath.isEmpty() && !policy->classifierPath.startsWith(u':') &&
        QFileInfo(policy->classifierPath).isRelative())
        policy->classifierPath = QFileInfo(p).absoluteDir().filePath(policy->classifierPath);
    return policy;
}

std::optional<GuardPolicy> GuardPolicy::parse(const QByteArray& json, const QString& sourceName, QString* error) {
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (error) *error = QStringLiteral("%1:%2: %3").arg(sourceName, position(json, pe.offset), pe.errorString());
        return std::nullopt;
    }
    Reader rd(sourceName, error);
    if (!doc.isObject()) {
        rd.fail(QStringLiteral("(top level)"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected a JSON object"));
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    GuardPolicy p;
    p.version = root.value(QLatin1String("version")).toInt(1);
    if (p.version != 1) {
        rd.fail(QStringLiteral("version"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "this Fyr reads guard policy version 1, not %1").arg(p.version));
        return std::nullopt;
    }
    const QJsonObject th = root.value(QLatin1String("thresholds")).toObject();
    p.flagThreshold = th.value(QLatin1String("flag")).toDouble(p.flagThreshold);
    p.blockThreshold = th.value(QLatin1String("block")).toDouble(p.blockThreshold);
    p.classifierWeight = th.value(QLatin1String("classifier_weight")).toDouble(p.classifierWeight);
    if (!(p.flagThreshold > 0 && p.flagThreshold <= p.blockThreshold && p.blockThreshold < 1)) {
        rd.fail(QStringLiteral("thresholds"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected 0 < flag <= block < 1"));
        return std::nullopt;
    }

    const QJsonObject norm = root.value(QLatin1String("normalization")).toObject();
    const QJsonObject homo = norm.value(QLatin1String("homoglyphs")).toObject();
    for (auto it = homo.begin(); it != homo.end(); ++it) {
        bool ok = false;
        const char32_t c = codePoint(it.key(), &ok);
        if (!ok) {
            rd.fail(QStringLiteral("normalization.homoglyphs.") + it.key(), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected one character or U+XXXX"));
            return std::nullopt;
        }
        p.normalization.homoglyphs.insert(c, it.value().toString());
    }
    const QJsonObject leet = norm.value(QLatin1String("leet")).toObject();
    for (auto it = leet.begin(); it != leet.end(); ++it) {
        if (it.key().size() != 1 || it.value().toString().size() != 1) {
            rd.fail(QStringLiteral("normalization.leet.") + it.key(), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected one character mapped to one letter"));
            return std::nullopt;
        }
        p.normalization.leet.insert(it.key()[0], it.value().toString()[0]);
    }
    const QJsonArray inv = norm.value(QLatin1String("invisible")).toArray();
    for (qsizetype i = 0; i < inv.size(); ++i) {
        const QStringList ends = inv[i].toString().split(QStringLiteral(".."));
        bool ok1 = false, ok2 = ends.size() <= 2;
        const char32_t lo = codePoint(ends.value(0), &ok1);
        const char32_t hi = ends.size() == 2 ? codePoint(ends[1], &ok2) : lo;
        if (!ok1 || !ok2 || hi < lo) {
            rd.fail(QStringLiteral("normalization.invisible[%1]").arg(i), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected \"U+XXXX\" or \"U+XXXX..U+YYYY\""));
            return std::nullopt;
        }
        p.normalization.invisible.emplace_back(lo, hi);
    }

    if (!rd.rules(root, "injection_rules", QStringLiteral("injection"), &p.injectionRules) ||
        !rd.rules(root, "secret_rules", QStringLiteral("secret"), &p.secretRules))
        return std::nullopt;

    for (const QJsonValue v : root.value(QLatin1String("pii_detectors")).toArray()) {
        static const QStringList known = {QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("iban"),
                                          QStringLiteral("card"), QStringLiteral("personnummer"), QStringLiteral("ip")};
        if (!known.contains(v.toString())) {
            rd.fail(QStringLiteral("pii_detectors"),
                    QCoreApplication::translate("fyr::app::guard::GuardPolicy", "unknown detector \"%1\" (known: %2)").arg(v.toString(), known.join(QStringLiteral(", "))));
            return std::nullopt;
        }
        p.piiDetectors << v.toString();
    }
    for (const QJsonValue v : root.value(QLatin1String("allowed_domains")).toArray())
        p.allowedDomains << v.toString().toLower();

    const QJsonObject roles = root.value(QLatin1String("roles")).toObject();
    for (auto it = roles.begin(); it != roles.end(); ++it) {
        if (!it.value().isObject()) {
            rd.fail(QStringLiteral("roles.") + it.key(), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected an object with \"input\" and \"output\""));
            return std::nullopt;
        }
        const QJsonObject o = it.value().toObject();
        RolePolicy rp;
        if (!rd.verdicts(o.value(QLatin1String("input")), QStringLiteral("roles.%1.input").arg(it.key()), &rp.input) ||
            !rd.verdicts(o.value(QLatin1String("output")), QStringLiteral("roles.%1.output").arg(it.key()), &rp.output))
            return std::nullopt;
        p.roles.insert(it.key(), rp);
    }
    if (!p.roles.contains(QStringLiteral("default"))) {
        rd.fail(QStringLiteral("roles"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "a \"default\" role policy is required"));
        return std::nullopt;
    }
    p.classifierPath = root.value(QLatin1String("classifier")).toString();
    const QJsonValue identity = root.value(QLatin1String("identity_context"));
    if (!identity.isUndefined()) {
        if (!identity.isObject() || !identity.toObject().value(QLatin1String("template")).isString()) {
            rd.fail(QStringLiteral("identity_context"), QCoreApplication::translate("fyr::app::guard::GuardPolicy", "expected an object with a \"template\" string"));
            return std::nullopt;
        }
        p.identityTemplate = identity.toObject().value(QLatin1String("template")).toString();
        p.plantCanary = identity.toObject().value(QLatin1String("canary")).toBool(false);
    }
    return p;
}

}  // namespace fyr::app::guard
