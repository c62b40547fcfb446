#include "guard/text_normalizer.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QStringDecoder>

#include <algorithm>

namespace fyr::app::guard {

namespace {

bool isLetterCp(char32_t c) {
    return QChar::isLetter(c);
}

bool isLatin(char32_t c) {
    return QChar::script(c) == QChar::Script_Latin;
}

// Text that came out of a decoder: valid UTF-8, mostly printable, some letters.
bool readsAsText(const QByteArray& bytes, QString* out) {
    if (bytes.size() < 6) return false;
    QStringDecoder dec(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = dec(bytes);
    if (dec.hasError()) return false;
    int printable = 0, letters = 0;
    for (const QChar ch : std::as_const(s)) {
        if (ch.isPrint() || ch == u'\n' || ch == u'\t' || ch == u'\r') ++printable;
        if (ch.isLetter()) ++letters;
    }
    if (printable * 10 < s.size() * 9 || letters * 2 < s.size()) return false;
    *out = s;
    return true;
}

int countCommonWords(const QString& s) {
    static const QStringList common = {
        QStringLiteral("the"), QStringLiteral("and"), QStringLiteral("you"), QStringLiteral("to"),
        QStringLiteral("of"), QStringLiteral("all"), QStringLiteral("is"), QStringLiteral("your"),
        QStringLiteral("are"), QStringLiteral("what"), QStringLiteral("now"), QStringLiteral("me"),
        QStringLiteral("och"), QStringLiteral("att"), QStringLiteral("du"), QStringLiteral("det"),
        QStringLiteral("en"), QStringLiteral("som"), QStringLiteral("med"), QStringLiteral("inte"),
        QStringLiteral("alla"), QStringLiteral("din"), QStringLiteral("dina"), QStringLiteral("mig"),
        QStringLiteral("ignore"), QStringLiteral("previous"), QStringLiteral("instructions"), QStringLiteral("rules"),
        QStringLiteral("prompt"), QStringLiteral("system"), QStringLiteral("ignorera"), QStringLiteral("tidigare"),
        QStringLiteral("instruktioner"), QStringLiteral("regler")};
    static const QRegularExpression word(QStringLiteral("[A-Za-z]+"));
    int n = 0;
    for (auto it = word.globalMatch(s); it.hasNext();)
        if (common.contains(it.next().captured().toLower())) ++n;
    return n;
}

}  // namespace

QString rot13(const QString& s) {
    QString r = s;
    for (QChar& ch : r) {
        const char16_t c = ch.unicode();
        if (c >= u'a' && c <= u'z') ch = QChar(u'a' + (c - u'a' + 13) % 26);
        else if (c >= u'A' && c <= u'Z') ch = QChar(u'A' + (c - u'A' + 13) % 26);
    }
    return r;
}

Normalizer::Normalizer(NormalizationTables tables) : m_tables(std::move(tables)) {}

bool Normalizer::isInvisible(char32_t c) const {
    if (c >= 0xE0000 && c <= 0xE007F) return true;  // Unicode tag characters
    for (const auto& [lo, hi] : m_tables.invisible)
        if (c >= lo && c <= hi) return true;
    return false;
}

NormalizedText Normalizer::normalize(const QString& raw) const {
    NormalizedText out;
    // 1. Invisible characters out (a leading byte-order mark is not an attack).
    QString visible;
    visible.reserve(raw.size());
    const QList<uint> cps = raw.toUcs4();
    // Counted as hiding something: tag characters anywhere, and other invisible
    // characters inside a word (a joiner between emoji is ordinary).
    int pending = 0;
    bool afterLetter = false;
    for (qsizetype i = 0; i < cps.size(); ++i) {
        const char32_t c = cps[i];
        if (isInvisible(c)) {
            if (c >= 0xE0000 && c <= 0xE007F) ++out.invisibleRemoved;
            else if (afterLetter) ++pending;
            continue;
        }
        const bool letter = isLetterCp(c);
        if (letter && pending) out.invisibleRemoved += pending;
        pending = 0;
        afterLetter = letter;
        visible.append(QString::fromUcs4(&c, 1));
    }
    // 2. Compatibility forms (fullwidth, ligatures, circled letters) to plain ones.
    const QString nfkc = visible.normalized(QString::NormalizationForm_KC);

    // 3. Look-alike letters to Latin, word by word, then case folding.
    QString mapped;
    mapped.reserve(nfkc.size());
    const QList<uint> ncps = nfkc.toUcs4();
    qsizetype i = 0;
    while (i < ncps.size()) {
        if (!isLetterCp(ncps[i])) {
            const char32_t c = ncps[i++];
            mapped.append(QString::fromUcs4(&c, 1));
            continue;
        }
        qsizetype j = i;
        bool latin = false, foreign = false;
        QString word;
        for (; j < ncps.size() && (isLetterCp(ncps[j]) || QChar::category(ncps[j]) == QChar::Mark_NonSpacing); ++j) {
            const char32_t c = ncps[j];
            const auto hit = m_tables.homoglyphs.constFind(c);
            if (hit != m_tables.homoglyphs.constEnd()) {
                foreign = true;
                word += *hit;
            } else {
                if (isLatin(c)) latin = true;
                word += QString::fromUcs4(&c, 1);
            }
        }
        if (latin && foreign) ++out.homoglyphWords;
        mapped += word;
        i = j;
    }
    QString folded = mapped.toCaseFolded();

    // 4. Leetspeak inside words that mix letters and digits ("1gn0re", "pr3v10us").
    if (!m_tables.leet.isEmpty()) {
        static const QRegularExpression token(QStringLiteral("[\\p{L}\\p{N}@$]+"));
        QString rebuilt;
        qsizetype last = 0;
        for (auto it = token.globalMatch(folded); it.hasNext();) {
            const auto m = it.next();
            const QString t = m.captured();
            int letters = 0, leet = 0;
            for (const QChar ch : t) {
                if (ch.isLetter()) ++letters;
                else if (m_tables.leet.contains(ch)) ++leet;
            }
            rebuilt += QStringView(folded).mid(last, m.capturedStart() - last);
            if (letters >= 2 && leet >= 1 && leet * 4 <= (letters + leet) * 3) {
                QString w = t;
                for (QChar& ch : w)
                    if (!ch.isLetter()) ch = m_tables.leet.value(ch, ch);
                rebuilt += w;
                if (w != t) ++out.leetWords;
            } else {
                rebuilt += t;
            }
            last = m.capturedEnd();
        }
        rebuilt += QStringView(folded).mid(last);
        folded = rebuilt;
    }

    // 5. Spaced-out letters ("i g n o r e  a l l"): a run of four or more single
    //    letters becomes words; two or more spaces (or a slash) separate words.
    static const QRegularExpression spaced(QStringLiteral("(?<![\\p{L}\\p{N}])\\p{L}(?:(?: {1,}|[.\\-_] ?)\\p{L}(?![\\p{L}\\p{N}])){3,}"));
    QString joined;
    qsizetype last = 0;
    for (auto it = spaced.globalMatch(folded); it.hasNext();) {
        const auto m = it.next();
        joined += QStringView(folded).mid(last, m.capturedStart() - last);
        QString run = m.captured();
        static const QRegularExpression wordGap(QStringLiteral(" {2,}| ?/ ?"));
        run.replace(wordGap, QStringLiteral("\x01"));
        run.remove(QRegularExpression(QStringLiteral("[ .\\-_]")));
        run.replace(QChar(0x01), QChar(u' '));
        joined += run;
        ++out.spacedRuns;
        last = m.capturedEnd();
    }
    joined += QStringView(folded).mid(last);

    // 6. Whitespace collapsed.
    out.text = joined.simplified();
    return out;
}

std::vector<Payload> Normalizer::decodePayloads(const QString& raw, int maxPayloads) const {
    std::vector<Payload> out;
    auto add = [&](const QString& method, const QString& text) {
        if (static_cast<int>(out.size()) < maxPayloads) out.push_back({method, text});
    };

    // Unicode tag characters carry ASCII invisibly (U+E0041 = 'A').
    QString tags;
    for (const uint c : raw.toUcs4())
        if (c >= 0xE0020 && c <= 0xE007E) tags.append(QChar(static_cast<char16_t>(c - 0xE0000)));
    if (tags.size() >= 4) add(QStringLiteral("unicode-tags"), tags);

    static const QRegularExpression b64(QStringLiteral("[A-Za-z0-9+/_\\-]{16,}={0,2}"));
    for (auto it = b64.globalMatch(raw); it.hasNext();) {
        const QByteArray candidate = it.next().captured().toLatin1();
        const bool url = candidate.contains('-') || candidate.contains('_');
        auto decoded = QByteArray::fromBase64Encoding(
            candidate, (url ? QByteArray::Base64UrlEncoding : QByteArray::Base64Encoding) |
                           QByteArray::AbortOnBase64DecodingErrors);
        QString text;
        if (decoded && readsAsText(*decoded, &text)) add(QStringLiteral("base64"), text);
    }

    static const QRegularExpression hex(
        QStringLiteral("(?:(?:0x|\\\\x)?[0-9A-Fa-f]{2}[\\s,:]?){8,}"));
    static const QRegularExpression notHex(QStringLiteral("0x|\\\\x|[\\s,:]"));
    for (auto it = hex.globalMatch(raw); it.hasNext();) {
        QString digits = it.next().captured();
        digits.remove(notHex);
        if (digits.size() % 2) digits.chop(1);
        QString text;
        if (readsAsText(QByteArray::fromHex(digits.toLatin1()), &text)) add(QStringLiteral("hex"), text);
    }

    // ROT13: only when the rotated text reads more like words than the original.
    const QString rotated = rot13(raw);
    const int before = countCommonWords(raw), after = countCommonWords(rotated);
    static const QRegularExpression named(QStringLiteral("\\brot-?13\\b|caesar|ceasar"),
                                          QRegularExpression::CaseInsensitiveOption);
    if ((after >= 2 && after > before) || named.match(raw).hasMatch()) add(QStringLiteral("rot13"), rotated);
    return out;
}

}  // namespace fyr::app::guard
