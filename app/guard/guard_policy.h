// The guard policy: rules, word lists, thresholds and what each role's verdict
// is per category, read from editable JSON (default: the copy compiled in from
// resources/guard/policy.json; a site's own file replaces it). Nothing about
// what counts as an attack lives in code.
//
//   QString err;
//   auto policy = fyr::app::guard::GuardPolicy::load(path, &err);   // empty path: built-in
//   if (!policy) fail(err);                                          // "policy.json:12:5: …"
//
// Thread-safety: immutable after load.
#pragma once

#include <QHash>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "guard/text_normalizer.h"

namespace fyr::app::guard {

enum class Verdict { Allow = 0, Flag = 1, Redact = 2, Block = 3 };
QString verdictName(Verdict v);
std::optional<Verdict> verdictFromName(const QString& name);

enum class Direction { Input, Output };

struct Rule {
    QString id;        // "override.ignore_previous"
    QString category;  // "injection", "secret", …
    QString kind;      // finer grouping inside the category ("override", "roleplay", …)
    QString owasp;     // "LLM01"
    QString label;     // redaction label for secrets ("GITHUB_TOKEN")
    QString severity;  // "low" | "medium" | "high" | "critical"
    double weight = 0; // added to the injection score's logit
    QRegularExpression pattern;
};

struct RolePolicy {
    QHash<QString, Verdict> input;   // category -> verdict when found in a prompt
    QHash<QString, Verdict> output;  // category -> verdict when found in an answer
};

struct GuardPolicy {
    int version = 1;
    double flagThreshold = 0.5;   // injection probability from which a prompt is flagged
    double blockThreshold = 0.85; // … and from which the role's verdict for "injection" applies
    double classifierWeight = 1.0;
    NormalizationTables normalization;
    std::vector<Rule> injectionRules;
    std::vector<Rule> secretRules;
    QStringList piiDetectors;        // "email", "phone", "iban", "card", "personnummer", "ip"
    QStringList allowedDomains;      // links in answers to other domains are "link" findings
    QHash<QString, RolePolicy> roles;  // "default" always present
    QString classifierPath;          // relative to the policy file, or ":/guard/…"
    // Identity-aware context: a system-prompt text with {{user}}, {{role}},
    // {{clearance}} and {{canary}}; empty: none. See Guard::identityPrompt().
    QString identityTemplate;
    bool plantCanary = false;

    // Verdict a role gets for a finding of `category` (the role's entry, else "default", else Flag).
    Verdict verdictFor(const QString& role, Direction dir, const QString& category) const;

    static std::optional<GuardPolicy> load(const QString& path, QString* error);
    static std::optional<GuardPolicy> parse(const QByteArray& json, const QString& sourceName, QString* error);
    static QString builtinPath();
};

}  // namespace fyr::app::guard
