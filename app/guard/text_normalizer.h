// What the guard scanners read instead of the raw text: attacks hide behind
// fullwidth letters, zero-width characters, look-alike letters from other
// scripts, leetspeak, spaced-out letters and encoded payloads. normalize() undoes
// the first ones (Unicode NFKC, invisible characters removed, homoglyphs and
// leetspeak mapped, case folded, whitespace collapsed) and counts what it had to
// undo; decodePayloads() finds base64, hex, ROT13 and Unicode-tag payloads and
// returns their decoded text so the scanners can read that too.
//
//   fyr::app::guard::Normalizer n(policy.normalization);
//   fyr::app::guard::NormalizedText t = n.normalize(prompt);
//   for (const auto& p : n.decodePayloads(prompt)) scan(n.normalize(p.text));
//
// Thread-safety: const methods may be called from any thread.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <utility>
#include <vector>

namespace fyr::app::guard {

struct NormalizationTables {
    QHash<char32_t, QString> homoglyphs;  // look-alike code point -> Latin letter(s)
    QHash<QChar, QChar> leet;             // '0' -> 'o' … (applied inside words that mix letters and digits)
    std::vector<std::pair<char32_t, char32_t>> invisible;  // inclusive ranges removed before scanning
};

struct NormalizedText {
    QString text;             // NFKC, invisible removed, homoglyphs/leet mapped, case folded, spaces collapsed
    int invisibleRemoved = 0; // invisible characters found between visible ones
    int homoglyphWords = 0;   // words mixing Latin letters with look-alikes from another script
    int leetWords = 0;        // words rewritten from leetspeak
    int spacedRuns = 0;       // runs of single letters joined ("i g n o r e" -> "ignore")
    bool obfuscated() const { return invisibleRemoved > 0 || homoglyphWords > 0 || leetWords > 0 || spacedRuns > 0; }
};

struct Payload {
    QString method;  // "base64", "hex", "rot13", "unicode-tags"
    QString text;    // decoded text
};

class Normalizer {
public:
    explicit Normalizer(NormalizationTables tables);

    NormalizedText normalize(const QString& raw) const;
    // Decoded payloads inside `raw` that read as text (at most `maxPayloads`).
    std::vector<Payload> decodePayloads(const QString& raw, int maxPayloads = 8) const;
    bool isInvisible(char32_t c) const;

private:
    NormalizationTables m_tables;
};

// ROT13 of ASCII letters; everything else unchanged.
QString rot13(const QString& s);

}  // namespace fyr::app::guard
