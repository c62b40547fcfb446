#include "guard/detectors.h"

#include <QDate>
#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

namespace fyr::app::guard {

namespace {

QString digitsOf(QStringView s) {
    QString d;
    for (const QChar c : s)
        if (c.isDigit() && c.unicode() < 128) d += c;
    return d;
}

bool overlaps(const std::vector<Span>& taken, qsizetype start, qsizetype length) {
    for (const Span& s : taken)
        if (start < s.start + s.length && s.start < start + length) return true;
    return false;
}

int ibanLength(const QString& country) {
    static const QHash<QString, int> lengths = {
        {QStringLiteral("AD"), 24}, {QStringLiteral("AT"), 20}, {QStringLiteral("BE"), 16}, {QStringLiteral("BG"), 22},
        {QStringLiteral("CH"), 21}, {QStringLiteral("CY"), 28}, {QStringLiteral("CZ"), 24}, {QStringLiteral("DE"), 22},
        {QStringLiteral("DK"), 18}, {QStringLiteral("EE"), 20}, {QStringLiteral("ES"), 24}, {QStringLiteral("FI"), 18},
        {QStringLiteral("FO"), 18}, {QStringLiteral("FR"), 27}, {QStringLiteral("GB"), 22}, {QStringLiteral("GL"), 18},
        {QStringLiteral("GR"), 27}, {QStringLiteral("HR"), 21}, {QStringLiteral("HU"), 28}, {QStringLiteral("IE"), 22},
        {QStringLiteral("IS"), 26}, {QStringLiteral("IT"), 27}, {QStringLiteral("LI"), 21}, {QStringLiteral("LT"), 20},
        {QStringLiteral("LU"), 20}, {QStringLiteral("LV"), 21}, {QStringLiteral("MC"), 27}, {QStringLiteral("MT"), 31},
        {QStringLiteral("NL"), 18}, {QStringLiteral("NO"), 15}, {QStringLiteral("PL"), 28}, {QStringLiteral("PT"), 25},
        {QStringLiteral("RO"), 24}, {QStringLiteral("SE"), 24}, {QStringLiteral("SI"), 19}, {QStringLiteral("SK"), 24},
        {QStringLiteral("SM"), 27}, {QStringLiteral("UA"), 29}, {QStringLiteral("TR"), 26}};
    return lengths.value(country, 0);
}

bool plausibleCardPrefix(const QString& d) {
    if (d.startsWith(u'4')) return true;                                       // Visa
    const int two = d.left(2).toInt(), four = d.left(4).toInt();
    if (two >= 51 && two <= 55) return true;                                   // Mastercard
    if (four >= 2221 && four <= 2720) return true;                             // Mastercard 2-series
    if (two == 34 || two == 37) return d.size() == 15;                         // American Express
    if (two == 36 || two == 38 || two == 30 || two == 39) return true;         // Diners
    if (d.startsWith(QStringLiteral("6011")) || two == 65 || d.startsWith(QStringLiteral("62"))) return true;  // Discover, UnionPay
    if (four >= 3528 && four <= 3589) return true;                             // JCB
    if (two == 50 || (two >= 56 && two <= 69)) return true;                    // Maestro
    return false;
}

}  // namespace

bool luhnValid(const QString& digits) {
    if (digits.isEmpty()) return false;
    int sum = 0;
    bool doubleIt = false;
    for (qsizetype i = digits.size() - 1; i >= 0; --i) {
        if (!digits[i].isDigit()) return false;
        int d = digits[i].digitValue();
        if (doubleIt) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
        doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
}

bool ibanValid(const QString& iban) {
    QString s = iban;
    s.remove(u' ');
    s = s.toUpper();
    if (s.size() < 15 || s.size() > 34) return false;
    for (const QChar c : std::as_const(s))
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9'))) return false;
    if (!s[0].isLetter() || !s[1].isLetter() || !s[2].isDigit() || !s[3].isDigit()) return false;
    const int expected = ibanLength(s.left(2));
    if (expected && s.size() != expected) return false;
    const QString r = s.mid(4) + s.left(4);
    int mod = 0;
    for (const QChar c : r) {
        const int v = c.isDigit() ? c.digitValue() : c.unicode() - u'A' + 10;
        mod = v >= 10 ? (mod * 100 + v) % 97 : (mod * 10 + v) % 97;
    }
    return mod == 1;
}

bool personnummerValid(const QString& text, bool* coordination) {
    QString d = digitsOf(text);
    if (d.size() == 12) {
        const int century = d.left(2).toInt();
        if (century != 18 && century != 19 && century != 20) return false;
        d = d.mid(2);
    }
    if (d.size() != 10) return false;
    const int yy = d.mid(0, 2).toInt(), mm = d.mid(2, 2).toInt();
    int dd = d.mid(4, 2).toInt();
    const bool co = dd > 60;
    if (co) dd -= 60;
    // Two-digit year: any century will do for the calendar check (29 February needs a leap year).
    if (!QDate(2000 + yy, mm, dd).isValid() && !QDate(1900 + yy, mm, dd).isValid()) return false;
    if (coordination) *coordination = co;
    return luhnValid(d);
}

std::vector<Span> findPersonalData(const QString& text, const QStringList& detectors) {
    std::vector<Span> out;
    auto want = [&](const char* name) { return detectors.contains(QLatin1String(name)); };
    auto scan = [&](const QRegularExpression& re, auto&& accept) {
        for (auto it = re.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            if (overlaps(out, m.capturedStart(), m.capturedLength())) continue;
            Span s;
            s.start = m.capturedStart();
            s.length = m.capturedLength();
            if (accept(m.captured(), &s)) out.push_back(s);
        }
    };

    if (want("email")) {
        static const QRegularExpression re(QStringLiteral(
            "(?<![\\w.+-])[\\w.%+-]{1,64}@[\\w-]{1,63}(?:\\.[\\w-]{1,63})*\\.[A-Za-z]{2,24}(?![\\w-])"),
                                           QRegularExpression::UseUnicodePropertiesOption);
        scan(re, [](const QString&, Span* s) {
            s->type = QStringLiteral("email");
            s->label = QStringLiteral("EMAIL");
            s->check = QStringLiteral("pattern");
            return true;
        });
    }
    if (want("iban")) {
        static const QRegularExpression re(QStringLiteral("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]){11,30}\\b"));
        scan(re, [](const QString& m, Span* s) {
            s->type = QStringLiteral("iban");
            s->label = QStringLiteral("IBAN");
            s->check = QStringLiteral("mod97");
            return ibanValid(m);
        });
    }
    if (want("personnummer")) {
        static const QRegularExpression re(QStringLiteral("(?<![\\d-])(?:\\d{2})?\\d{6}[-+ ]?\\d{4}(?![\\d-])"));
        scan(re, [](const QString& m, Span* s) {
            bool co = false;
            if (!personnummerValid(m, &co)) return false;
            s->type = co ? QStringLiteral("samordningsnummer") : QStringLiteral("personnummer");
            s->label = co ? QStringLiteral("SAMORDNINGSNUMMER") : QStringLiteral("PERSONNUMMER");
            s->check = QStringLiteral("date+luhn");
            return true;
        });
    }
    if (want("card")) {
        static const QRegularExpression re(QStringLiteral("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"));
        scan(re, [](const QString& m, Span* s) {
            const QString d = digitsOf(m);
            if (d.size() < 13 || d.size() > 19 || !plausibleCardPrefix(d) || !luhnValid(d)) return false;
            s->type = QStringLiteral("card");
            s->label = QStringLiteral("CARD");
            s->check = QStringLiteral("luhn");
            return true;
        });
    }
    if (want("ip")) {
        static const QRegularExpression v4(QStringLiteral("(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d.]*\\d)"));
        scan(v4, [](const QString& m, Span* s) {
            for (const QString& part : m.split(u'.'))
                if (part.toInt() > 255 || (part.size() > 1 && part.startsWith(u'0'))) return false;
            s->type = QStringLiteral("ip");
            s->label = QStringLiteral("IP");
            s->check = QStringLiteral("pattern");
            return true;
        });
        static const QRegularExpression v6(QStringLiteral("(?<![\\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\\w:])"));
        scan(v6, [](const QString& m, Span* s) {
            if (m.count(u':') < 2 || m.size() < 3) return false;
            QHostAddress a;
            if (!a.setAddress(m) || a.protocol() != QAbstractSocket::IPv6Protocol) return false;
            s->type = QStringLiteral("ip");
            s->label = QStringLiteral("IP");
            s->check = QStringLiteral("pattern");
            return true;
        });
    }
    if (want("phone")) {
        // International (+46 70 123 45 67), Swedish domestic (070-123 45 67,
        // 08-123 456 78) and North American ((555) 123-4567) forms; 7 to 15 digits.
        static const QRegularExpression re(QStringLiteral(
            "(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(0?\\d{1,4}\\)[ .-]?)?\\d{1,4}(?:[ .-]?\\d{2,4}){1,4}"
            "|0\\d{1,3}[ -]?\\d{2,3}(?:[ -]?\\d{2,3}){1,3}"
            "|\\(\\d{3}\\) ?\\d{3}-\\d{4})(?![\\w-])"));
        scan(re, [](const QString& m, Span* s) {
            const int n = static_cast<int>(digitsOf(m).size());
            if (n < 7 || n > 15) return false;
            // A bare run of digits is a number, not a phone number, unless it is written as one.
            if (!m.startsWith(u'+') && !m.startsWith(u'(') && !m.contains(u' ') && !m.contains(u'-') && n < 10) return false;
            s->type = QStringLiteral("phone");
            s->label = QStringLiteral("PHONE");
            s->check = QStringLiteral("pattern");
            return true;
        });
    }
    std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    return out;
}

std::vector<Span> findSecrets(const QString& text, const std::vector<Rule>& rules) {
    std::vector<Span> out;
    for (const Rule& r : rules) {
        for (auto it = r.pattern.globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            const bool narrowed = m.capturedStart(QStringLiteral("secret")) >= 0;
            Span s;
            s.start = narrowed ? m.capturedStart(QStringLiteral("secret")) : m.capturedStart();
            s.length = narrowed ? m.capturedLength(QStringLiteral("secret")) : m.capturedLength();
            if (s.length == 0 || overlaps(out, s.start, s.length)) continue;
            s.type = r.id;
            s.label = r.label;
            s.check = QStringLiteral("pattern");
            s.rule = &r;
            out.push_back(s);
        }
    }
    std::sort(out.begin(), out.end(), [](const Span& a, const Span& b) { return a.start < b.start; });
    return out;
}

std::vector<Link> findLinks(const QString& text) {
    std::vector<Link> out;
    static const QRegularExpression re(QStringLiteral("(!?)\\[[^\\]\\n]{0,200}\\]\\(\\s*(https?://[^\\s)]+)[^)]*\\)|https?://[^\\s<>()\\[\\]\"'`]+"),
                                       QRegularExpression::CaseInsensitiveOption);
    for (auto it = re.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        Link l;
        l.image = m.captured(1) == QLatin1String("!");
        l.url = m.captured(2).isEmpty() ? m.captured() : m.captured(2);
        while (!l.url.isEmpty() && QStringLiteral(".,;:!?").contains(l.url.back())) l.url.chop(1);
        l.host = QUrl(l.url).host().toLower();
        l.start = m.capturedStart();
        l.length = m.capturedLength();
        out.push_back(l);
    }
    return out;
}

bool hostAllowed(const QString& host, const QStringList& allowedDomains) {
    for (const QString& d : allowedDomains)
        if (host == d || host.endsWith(u'.' + d)) return true;
    return false;
}

}  // namespace fyr::app::guard
