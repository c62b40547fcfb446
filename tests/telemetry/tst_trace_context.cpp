// W3C Trace Context: traceparent accepted and refused as the spec says
// (lowercase hex only, all-zero ids, version ff, version 00's exact length,
// later versions' extra fields), formatted back with the reserved flags
// cleared; tracestate carried unchanged or dropped whole; random ids never
// zero and not repeated; and thousands of damaged headers checked against an
// independent regular-expression reading of the grammar.
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "telemetry/trace_context.h"
#include "telemetry/trace_ids.h"

using namespace fyr::app::telemetry;

namespace {

const QByteArray kValid = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

std::optional<TraceParent> parse(const QByteArray& header, std::string* why = nullptr) {
    return parseTraceParent(std::string_view(header.constData(), static_cast<size_t>(header.size())), why);
}

// The grammar read another way: after trimming spaces and tabs, version 00 is
// exactly the four fields; a later version may append "-anything"; ff is never
// valid; neither id may be all zero.
bool oracleAccepts(const QByteArray& header) {
    // \z, not $, which would also match before a final newline.
    static const QRegularExpression re(
        QStringLiteral("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?\\z"),
        QRegularExpression::DotMatchesEverythingOption);
    QByteArray h = header;
    while (!h.isEmpty() && (h.front() == ' ' || h.front() == '\t')) h.remove(0, 1);
    while (!h.isEmpty() && (h.back() == ' ' || h.back() == '\t')) h.chop(1);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(h));
    if (!m.hasMatch()) return false;
    if (m.captured(1) == QLatin1String("ff")) return false;
    if (m.captured(1) == QLatin1String("00") && m.capturedLength(5) > 0) return false;
    if (m.captured(2) == QString(32, QLatin1Char('0'))) return false;
    if (m.captured(3) == QString(16, QLatin1Char('0'))) return false;
    return true;
}

}  // namespace

class TestTraceContext : public QObject {
    Q_OBJECT
private slots:
    void acceptsValid_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("flags");
        QTest::newRow("sampled") << kValid << 0 << 1;
        QTest::newRow("not sampled") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00") << 0 << 0;
        QTest::newRow("reserved flags") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-ff") << 0
                                        << 0xff;
        QTest::newRow("spaces and tabs around") << (QByteArray(" \t") + kValid + "  ") << 0 << 1;
        QTest::newRow("later version, same length")
            << QByteArray("cc-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") << 0xcc << 1;
        QTest::newRow("later version, more fields")
            << QByteArray("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-what-the-future-will-be-like") << 1
            << 1;
    }
    void acceptsValid() {
        QFETCH(QByteArray, header);
        QFETCH(int, version);
        QFETCH(int, flags);
        std::string why;
        const auto p = parse(header, &why);
        QVERIFY2(p.has_value(), why.c_str());
        QCOMPARE(int(p->version), version);
        QCOMPARE(int(p->flags), flags);
        QCOMPARE(p->trace_id.hex(), std::string("0af7651916cd43dd8448eb211c80319c"));
        QCOMPARE(p->parent_id.hex(), std::string("b7ad6b7169203331"));
        QCOMPARE(p->sampled(), (flags & 1) != 0);
    }

    void refusesInvalid_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("shorter");
        QTest::newRow("short by one") << kValid.chopped(1) << QStringLiteral("shorter");
        QTest::newRow("version ff") << QByteArray("ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                                    << QStringLiteral("ff");
        QTest::newRow("uppercase version")
            << QByteArray("0A-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01") << QStringLiteral("version");
        QTest::newRow("uppercase trace id")
            << QByteArray("00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01") << QStringLiteral("trace-id");
        QTest::newRow("uppercase parent id")
            << QByteArray("00-0af7651916cd43dd8448eb211c80319c-B7AD6B7169203331-01") << QStringLiteral("parent-id");
        QTest::newRow("uppercase flags") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-0A")
                                         << QStringLiteral("flags");
        QTest::newRow("zero trace id") << QByteArray("00-00000000000000000000000000000000-b7ad6b7169203331-01")
                                       << QStringLiteral("all zero");
        QTest::newRow("zero parent id") << QByteArray("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")
                                        << QStringLiteral("all zero");
        QTest::newRow("not hex") << QByteArray("00-0af7651916cd43dd8448eb211c80319g-b7ad6b7169203331-01")
                                 << QStringLiteral("trace-id");
        QTest::newRow("short trace id") << QByteArray("00-0af7651916cd43dd8448eb211c80319-b7ad6b7169203331-011")
                                        << QStringLiteral("'-'");
        QTest::newRow("wrong separator") << QByteArray("00_0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                                         << QStringLiteral("'-'");
        QTest::newRow("00 with more fields") << (kValid + "-extra") << QStringLiteral("after the flags");
        QTest::newRow("00 with a newline after") << (kValid + "\n") << QStringLiteral("after the flags");
        QTest::newRow("00 one char longer") << (kValid + "0") << QStringLiteral("after the flags");
        QTest::newRow("later version, no dash after flags")
            << QByteArray("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01x") << QStringLiteral("followed");
        QTest::newRow("space inside") << QByteArray("00-0af7651916cd43dd8448eb211c80319c -b7ad6b716920333-01")
                                      << QStringLiteral("'-'");
    }
    void refusesInvalid() {
        QFETCH(QByteArray, header);
        QFETCH(QString, reason);
        std::string why;
        QVERIFY(!parse(header, &why).has_value());
        QVERIFY2(QString::fromStdString(why).contains(reason), why.c_str());
        QVERIFY(!oracleAccepts(header));
    }

    void formatsVersion00WithReservedFlagsCleared() {
        auto p = parse("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-ff-future");
        QVERIFY(p);
        QCOMPARE(formatTraceParent(*p), std::string("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-03"));
        p->flags = kTraceFlagSampled;
        QCOMPARE(QByteArray::fromStdString(formatTraceParent(*p)), kValid);
    }

    void idsRoundTripThroughHex() {
        QVERIFY(!TraceId{}.isValid());
        QVERIFY(!SpanId{}.isValid());
        QVERIFY(!TraceId::fromHex("00000000000000000000000000000000"));
        QVERIFY(
            !SpanId::fromHex("0af7651916cd43dd"
                             "00"));
        QVERIFY(!SpanId::fromHex("B7AD6B7169203331"));
        const auto id = SpanId::fromHex("b7ad6b7169203331");
        QVERIFY(id);
        QCOMPARE(int(id->bytes[0]), 0xb7);
        QCOMPARE(id->hex(), std::string("b7ad6b7169203331"));
    }

    void newIdsAreValidAndDistinct() {
        QSet<QByteArray> traces, spans;
        for (int i = 0; i < 2000; ++i) {
            const TraceId t = newTraceId();
            const SpanId s = newSpanId();
            QVERIFY(t.isValid());
            QVERIFY(s.isValid());
            traces.insert(QByteArray::fromStdString(t.hex()));
            spans.insert(QByteArray::fromStdString(s.hex()));
        }
        QCOMPARE(traces.size(), 2000);
        QCOMPARE(spans.size(), 2000);
    }

    void traceState_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("kept");
        QTest::newRow("two vendors") << QByteArray("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE")
                                     << QByteArray("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        QTest::newRow("outer space trimmed, inner kept")
            << QByteArray(" rojo=1 , congo=2\t") << QByteArray("rojo=1 , congo=2");
        QTest::newRow("tab around a comma") << QByteArray("a=1\t,\tb=2") << QByteArray("a=1\t,\tb=2");
        QTest::newRow("tab in a value") << QByteArray("a=1\t2") << QByteArray();
        QTest::newRow("empty members") << QByteArray("a=1,,b=2,") << QByteArray("a=1,,b=2,");
        QTest::newRow("multi-tenant key") << QByteArray("tenant1@vendor=x y") << QByteArray("tenant1@vendor=x y");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("uppercase key") << QByteArray("Rojo=1") << QByteArray();
        QTest::newRow("key starts with digit") << QByteArray("1abc=1") << QByteArray();
        QTest::newRow("duplicate key") << QByteArray("a=1,b=2,a=3") << QByteArray();
        QTest::newRow("no equals") << QByteArray("a=1,b") << QByteArray();
        QTest::newRow("empty value") << QByteArray("a=") << QByteArray();
        QTest::newRow("value ends in space") << QByteArray("a=x ,b=1") << QByteArray("a=x ,b=1");
        QTest::newRow("value with equals") << QByteArray("a=b=c") << QByteArray();
        QTest::newRow("control character") << QByteArray("a=b\x01") << QByteArray();
        QTest::newRow("non-ascii") << QByteArray("a=\xc3\xa5") << QByteArray();
        QTest::newRow("system id too long") << QByteArray("t@abcdefghijklmno=1") << QByteArray();
    }
    void traceState() {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, kept);
        QCOMPARE(QByteArray::fromStdString(acceptTraceState(header.toStdString())), kept);
    }

    void traceStateIsBounded() {
        QByteArray members;
        for (int i = 0; i < 32; ++i) members += (i ? "," : "") + QByteArray("k") + QByteArray::number(i) + "=v";
        QCOMPARE(QByteArray::fromStdString(acceptTraceState(members.toStdString())), members);
        QVERIFY(acceptTraceState(QByteArray(members + ",k32=v").toStdString()).empty());

        // Exactly 512 characters is kept; one more and the whole header goes.
        QByteArray big = "a=" + QByteArray(254, 'x') + ",b=" + QByteArray(253, 'y');
        QCOMPARE(big.size(), 512);
        QCOMPARE(QByteArray::fromStdString(acceptTraceState(big.toStdString())), big);
        big += 'y';
        QVERIFY(acceptTraceState(big.toStdString()).empty());
    }

    // The fuzzer's checked-in corpus, each file with the verdict EXPECTED names.
    void corpusMatchesExpected() {
        const QString dir = QStringLiteral(FYR_SOURCE_DIR "/tests/corpus/traceparent/");
        QFile expected(dir + QStringLiteral("EXPECTED"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        int checked = 0;
        for (const QByteArray& line : expected.readAll().split('\n')) {
            if (line.isEmpty() || line.startsWith('#')) continue;
            const QList<QByteArray> fields = line.split('\t');
            QCOMPARE(fields.size(), 2);
            QFile f(dir + QString::fromUtf8(fields[0]));
            QVERIFY2(f.open(QIODevice::ReadOnly), fields[0].constData());
            std::string why;
            const auto p = parse(f.readAll(), &why);
            if (fields[1] == "OK") {
                QVERIFY2(p.has_value(), QByteArray(fields[0] + ": " + why.c_str()).constData());
            } else {
                QVERIFY2(!p.has_value(), fields[0].constData());
                QVERIFY2(QByteArray::fromStdString(why).contains(fields[1]),
                         QByteArray(fields[0] + ": " + why.c_str()).constData());
            }
            ++checked;
        }
        QVERIFY(checked >= 9);
    }

    // Damaged headers: the parser agrees with the oracle on every one, never
    // reads outside the input, and what it accepts formats back to the same ids.
    void damagedHeadersAgreeWithTheGrammar() {
        const QList<QByteArray> seeds{kValid, "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-abc",
                                      " 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00\t"};
        QByteArray alphabet = "0123456789abcdefABCDEFg- \t";
        alphabet.append('\0').append('\xff');
        auto* rng = QRandomGenerator::global();
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray b = seeds.at(static_cast<qsizetype>(rng->bounded(static_cast<quint32>(seeds.size()))));
            const int edits = 1 + static_cast<int>(rng->bounded(3));
            for (int e = 0; e < edits; ++e) {
                const qsizetype at = static_cast<qsizetype>(rng->bounded(static_cast<quint32>(b.size() + 1)));
                const char c = rng->bounded(4) == 0 ? static_cast<char>(rng->bounded(256))
                                                    : alphabet.at(rng->bounded(static_cast<quint32>(alphabet.size())));
                switch (rng->bounded(4)) {
                    case 0:
                        if (at < b.size()) b[at] = c;
                        break;
                    case 1: b.remove(at, 1); break;
                    case 2: b.insert(at, c); break;
                    default: b.truncate(at); break;
                }
            }
            std::string why;
            const auto p = parse(b, &why);
            QVERIFY2(p.has_value() == oracleAccepts(b), b.toHex().constData());
            if (!p) {
                QVERIFY(!why.empty());
                continue;
            }
            ++accepted;
            QVERIFY(p->trace_id.isValid() && p->parent_id.isValid());
            const auto again = parseTraceParent(formatTraceParent(*p));
            QVERIFY(again);
            QCOMPARE(again->trace_id, p->trace_id);
            QCOMPARE(again->parent_id, p->parent_id);
            QCOMPARE(int(again->version), 0);
        }
        QVERIFY(accepted > 0);  // the mutations left some valid ones, so both sides were exercised
    }

    void damagedTraceStatesAreKeptWholeOrDropped() {
        const QByteArray seed = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE,t@v=x";
        auto* rng = QRandomGenerator::global();
        for (int i = 0; i < 5000; ++i) {
            QByteArray b = seed;
            for (int e = 0; e < 3; ++e) {
                const qsizetype at = static_cast<qsizetype>(rng->bounded(static_cast<quint32>(b.size() + 1)));
                if (rng->bounded(2))
                    b.insert(at, static_cast<char>(rng->bounded(256)));
                else
                    b.remove(at, 1 + static_cast<qsizetype>(rng->bounded(4)));
            }
            const QByteArray kept = QByteArray::fromStdString(acceptTraceState(b.toStdString()));
            QVERIFY(kept.isEmpty() || b.trimmed() == kept || b.contains(kept));
            QVERIFY(kept.size() <= static_cast<qsizetype>(kMaxTraceStateChars));
            // Printable ASCII, and tabs only as the optional white space around commas.
            for (char c : kept) QVERIFY2((c >= 0x20 && c <= 0x7e) || c == '\t', b.toHex().constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestTraceContext)
#include "tst_trace_context.moc"
