// Pattern detectors with the checks that keep them precise: personal data
// (e-mail, phone numbers, IBAN with mod-97, payment cards with Luhn and issuer
// prefix, Swedish personnummer and samordningsnummer with date and checksum, IPv4
// and IPv6 addresses), secrets from the policy's rules, and links.
//
//   auto spans = fyr::app::guard::findPersonalData(text, {"email", "card"});
//   for (const auto& s : spans) qDebug() << s.type << text.mid(s.start, s.length);
//
// Thread-safety: pure functions.
#pragma once

#include <QString>
#include <QStringList>

#include <vector>

#include "guard/guard_policy.h"

namespace fyr::app::guard {

struct Span {
    QString type;     // "email", "card", … or the secret rule's id
    QString label;    // what a redaction writes: "EMAIL", "CARD", "GITHUB_TOKEN"
    QString check;    // how it was confirmed: "pattern", "luhn", "mod97", "date+luhn"
    qsizetype start = 0;
    qsizetype length = 0;
    const Rule* rule = nullptr;  // the secret rule, when one matched
};

bool luhnValid(const QString& digits);
bool ibanValid(const QString& iban);  // spaces allowed
// 10 or 12 digits (separator allowed); `coordination` says whether it is a samordningsnummer.
bool personnummerValid(const QString& text, bool* coordination = nullptr);

// Personal data in `text`, non-overlapping, in text order. `detectors` names which to run.
std::vector<Span> findPersonalData(const QString& text, const QStringList& detectors);
// Secrets matched by the policy's rules (a named group "secret" narrows the span).
std::vector<Span> findSecrets(const QString& text, const std::vector<Rule>& rules);

struct Link {
    QString url;
    QString host;
    bool image = false;  // a markdown image, fetched by the client without a click
    qsizetype start = 0;
    qsizetype length = 0;
};
std::vector<Link> findLinks(const QString& text);
bool hostAllowed(const QString& host, const QStringList& allowedDomains);

}  // namespace fyr::app::guard
