// The guard pipeline every prompt and every answer goes through, on the chat
// path, the API path and fyrctl. Scanners:
//   input:  injection and jailbreak (rules + classifier over normalized text and
//           decoded payloads), obfuscation, secrets, personal data;
//   output: personal data, secrets, system-prompt leakage (a canary planted in
//           the system prompt, or long verbatim overlap with it), links to
//           domains off the allow list, markdown images that exfiltrate, and
//           material above the caller's clearance.
// Each finding carries its verdict (from the caller's role policy), the OWASP Top
// 10 for LLM Applications 2025 id, what decided it, and a redacted excerpt; the
// result's verdict is the strongest finding's, and `text` is the redacted text.
//
//   auto guard = fyr::app::guard::Guard::create({}, &err);          // built-in policy
//   fyr::app::guard::GuardContext ctx{.role = principal.role};
//   auto r = guard->check(prompt, fyr::app::guard::Direction::Input, ctx);
//   if (r.verdict == fyr::app::guard::Verdict::Block) refuse(r.reason());
//
// Thread-safety: check() is const and may run on many threads at once.
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "guard/classifier.h"
#include "guard/guard_policy.h"
#include "guard/text_normalizer.h"

namespace fyr::app::guard {

// A document or snippet the model may have been given, with its clearance level.
struct ClassifiedSnippet {
    QString text;
    int level = 0;
    QString label;  // how it is named in findings ("doc 42", "HR handbook §3")
};

struct GuardContext {
    QString role = QStringLiteral("default");
    QString user;
    std::optional<int64_t> userId;
    std::optional<int64_t> requestId;
    int clearance = 0;
    QString systemPrompt;  // for leak detection on output
    QString canary;        // planted in the system prompt; its appearance in an answer is a leak
    std::vector<ClassifiedSnippet> snippets;
};

struct Finding {
    QString scanner;    // "injection", "obfuscation", "secrets", "pii", "leak", "links", "clearance"
    QString category;   // the policy's category: "injection", "obfuscation", "secret", "pii", …
    QString kind;       // "override", "email", "github_token", …
    QString rule;       // rule or detector id
    QString owasp;      // "LLM01" …
    QString severity;   // "low" | "medium" | "high" | "critical"
    Verdict verdict = Verdict::Flag;
    QString decidedBy;  // "rule:override.ignore_previous", "classifier", "rules+classifier", "luhn", …
    double score = 0;   // injection probability, 1 for exact detectors
    qsizetype start = -1, length = 0;  // span in the checked text, when there is one
    QString excerpt;    // with personal data and secrets redacted
};

struct GuardResult {
    Verdict verdict = Verdict::Allow;
    std::vector<Finding> findings;
    QString text;               // the checked text with Redact findings replaced by [LABEL]
    double injectionScore = 0;  // 0..1, input only
    int64_t elapsedUs = 0;
    QString reason() const;     // one line for the user: what was found and why it was refused
};

class Guard {
public:
    // Empty path: the default installation's own policy when one is installed
    // (see sitePolicyPath()), else the built-in one. The classifier named by the
    // policy is loaded with it.
    static std::unique_ptr<Guard> create(const QString& policyPath, QString* error);
    // The same for the installation whose database is `databasePath` (empty: the
    // default one): `policyPath` when given (an explicit --policy), else the
    // site's policy beside that database when installed, else the built-in one.
    static std::unique_ptr<Guard> forInstallation(const QString& databasePath, const QString& policyPath, QString* error);
    // Where `fyrctl guard install` puts a site's policy: guard/policy.json in the
    // installation's folder, beside the database (empty: the default installation's).
    static QString sitePolicyPath(const QString& databasePath = {});
    Guard(GuardPolicy policy, std::optional<Classifier> classifier);

    GuardResult check(const QString& text, Direction dir, const GuardContext& ctx) const;
    // Probability that `text` is an injection, and what decided it (for the corpus benchmark).
    double injectionScore(const QString& text, QString* decidedBy = nullptr) const;

    // Identity-aware context: `basePrompt` followed by the policy's identity
    // template with the caller's name, role and clearance filled in (values
    // stripped of line breaks, braces and control characters, at most 64
    // characters), and a fresh canary when the policy plants one. The returned
    // context is what check() needs to catch the prompt leaking (canary, overlap)
    // and answers above the clearance.
    struct IdentityPrompt {
        QString systemPrompt;
        GuardContext context;
    };
    IdentityPrompt identityPrompt(const QString& user, const QString& role, int clearance, const QString& basePrompt = {}) const;

    const GuardPolicy& policy() const { return m_policy; }
    const Normalizer& normalizer() const { return m_normalizer; }
    bool hasClassifier() const { return m_classifier.has_value(); }

private:
    struct InjectionAssessment;
    InjectionAssessment assessInjection(const QString& text) const;

    GuardPolicy m_policy;
    std::optional<Classifier> m_classifier;
    Normalizer m_normalizer;
};

}  // namespace fyr::app::guard
