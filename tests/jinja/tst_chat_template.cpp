// The Jinja chat-template engine: every shared golden case byte for byte, plus
// error messages, scoping, tojson, Python printing, whitespace control and limits.
#include <QDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "fyr/chat_template.h"
#include "fyr/chat_template_case.h"
#include "fyr/jinja/evaluator.h"
#include "fyr/jinja/lexer.h"
#include "fyr/jinja/parser.h"
#include "fyr/jinja/strftime.h"
#include "fyr/jinja/template_error.h"

using json = nlohmann::ordered_json;

namespace {

std::string read_file(const QString& path) {
    std::ifstream in(path.toStdString(), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

QString templates_dir() {
    return QStringLiteral(FYR_SHARED_DIR "/templates");
}

// Renders `source` with `context` (an object of top-level variables); a failure
// comes back as "ERROR: <message>" so expectations read like the golden files.
std::string render(const std::string& source, const json& context = json::object(),
                   fyr::jinja::RenderLimits limits = {}) {
    std::string error;
    auto tmpl = fyr::ChatTemplate::parse(source, &error);
    if (!tmpl) return "ERROR: " + error;
    fyr::ChatTemplateInput in;
    in.messages = context.contains("messages") ? context["messages"] : json::array();
    in.extra_context = context;
    in.limits = limits;
    in.strftime_now = [](const std::string& fmt) {
        return fyr::jinja::Strftime::format(fmt, *fyr::jinja::Strftime::parse_iso("2025-03-14T09:26:53"));
    };
    const auto r = tmpl->render(in);
    return r.ok ? r.text : "ERROR: " + r.error;
}

QString describe_difference(const std::string& got, const std::string& want) {
    std::size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
    int line = 1, col = 1;
    for (std::size_t k = 0; k < i; ++k) {
        if (want[k] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    const auto snippet = [&](const std::string& s) {
        const std::size_t from = i > 40 ? i - 40 : 0;
        return QString::fromStdString(s.substr(from, 100)).replace('\n', QStringLiteral("\\n"));
    };
    return QStringLiteral(
               "first difference at byte %1 (line %2, column %3; got %4 bytes, want %5)\n  got:  %6\n  want: %7")
        .arg(i)
        .arg(line)
        .arg(col)
        .arg(got.size())
        .arg(want.size())
        .arg(snippet(got), snippet(want));
}

}  // namespace

class TestChatTemplate : public QObject {
    Q_OBJECT

private slots:
    // --- golden cases -------------------------------------------------------------------
    void goldenCases_data() {
        QTest::addColumn<QString>("caseFile");
        const QDir dir(templates_dir() + QStringLiteral("/cases"));
        const auto files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const auto& f : files) QTest::newRow(f.toUtf8().constData()) << dir.filePath(f);
        // One row even without data, so that the test reports the skip and its reason.
        if (files.isEmpty()) QTest::newRow("no-cases") << QString();
    }

    void goldenCases() {
        if (!QDir(templates_dir() + QStringLiteral("/cases")).exists()) {
            QSKIP("the shared templates folder (FYR_SHARED_DIR/templates/cases) is missing");
        }
        QFETCH(QString, caseFile);
        const std::string text = read_file(caseFile);
        const json c = json::parse(text);
        std::string error;
        // The same loader `fyrctl template --case` uses.
        fyr::ChatTemplateCase loaded;
        QVERIFY2(fyr::load_chat_template_case(text, caseFile.toStdString(), &loaded, &error), error.c_str());
        const std::string source = read_file(templates_dir() + "/" + QString::fromStdString(loaded.template_file));
        QString outFile = caseFile;
        outFile.chop(5);
        const std::string want = read_file(outFile + QStringLiteral(".out"));

        const auto now = fyr::jinja::Strftime::parse_iso(loaded.now);
        QVERIFY(now.has_value());
        // The strftime helper must agree with Python for every format the case used.
        for (auto it = c["strftime_now_results"].begin(); it != c["strftime_now_results"].end(); ++it) {
            QCOMPARE(QString::fromStdString(fyr::jinja::Strftime::format(it.key(), *now)),
                     QString::fromStdString(it.value().get<std::string>()));
            QCOMPARE(QString::fromStdString(loaded.input.strftime_now(it.key())),
                     QString::fromStdString(it.value().get<std::string>()));
        }

        auto tmpl = fyr::ChatTemplate::parse(source, &error);
        QVERIFY2(tmpl, error.c_str());
        const fyr::ChatTemplateInput& in = loaded.input;
        const auto r = tmpl->render(in);

        const std::string prefix = "ERROR: ";
        if (want.rfind(prefix, 0) == 0) {
            QVERIFY2(!r.ok, "expected raise_exception, but the render succeeded");
            QVERIFY2(r.raised, r.error.c_str());
            QCOMPARE(QString::fromStdString(r.error), QString::fromStdString(want.substr(prefix.size())));
            return;
        }
        QVERIFY2(r.ok, r.error.c_str());
        if (r.text != want) QFAIL(qPrintable(describe_difference(r.text, want)));
    }

    void caseLoaderNamesWhatIsWrong_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expect");
        QTest::newRow("bad json") << "{\n  \"template\": }" << "case.json:2:15: invalid JSON";
        QTest::newRow("not an object") << "[]" << "case.json: expected a JSON object";
        QTest::newRow("no template") << "{}" << "case.json: 'template' must be a string";
        QTest::newRow("no messages")
            << R"({"template":"t","bos_token":"","eos_token":"","strftime_now":"2025-03-14T09:26:53"})"
            << "case.json: 'messages' must be an array";
        QTest::newRow("bad clock")
            << R"({"template":"t","bos_token":"","eos_token":"","strftime_now":"soon","messages":[],"add_generation_prompt":false})"
            << "case.json: 'strftime_now' must be a time";
        QTest::newRow("bad extra")
            << R"({"template":"t","bos_token":"","eos_token":"","strftime_now":"2025-03-14T09:26:53","messages":[],"add_generation_prompt":false,"extra_context":3})"
            << "case.json: 'extra_context' must be an object";
    }
    void caseLoaderNamesWhatIsWrong() {
        QFETCH(QString, text);
        QFETCH(QString, expect);
        fyr::ChatTemplateCase c;
        std::string error;
        QVERIFY(!fyr::load_chat_template_case(text.toStdString(), "case.json", &c, &error));
        QVERIFY2(QString::fromStdString(error).startsWith(expect), error.c_str());
    }

    // --- error messages ------------------------------------------------------------------
    void parseErrorsNameLineColumnAndExpectation_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("error");
        QTest::newRow("unclosed for")
            << "{% for x in y %}\n{{ x }}"
            << "template:2:8: expected 'else' or 'endfor', found end of template (unclosed 'for' block)";
        QTest::newRow("missing %}") << "ab\n{% if x foo %}"
                                    << "template:2:9: expected '%}', found name 'foo'";
        QTest::newRow("missing }}") << "{{ x y }}"
                                    << "template:1:6: expected '}}', found name 'y'";
        QTest::newRow("bad expression") << "{{ + }}"
                                        << "template:1:6: expected an expression, found '}}'";
        QTest::newRow("unknown filter") << "{{ x | frobnicate }}"
                                        << "template:1:8: unknown filter 'frobnicate'";
        QTest::newRow("unknown test") << "{{ x is frob }}"
                                      << "template:1:9: unknown test 'frob'";
        QTest::newRow("unknown tag") << "\n  {% include 'x' %}"
                                     << "template:2:6: unsupported tag 'include'";
        QTest::newRow("stray endif") << "{% endif %}"
                                     << "template:1:4: unexpected 'endif' outside of any block";
        QTest::newRow("break outside loop") << "{% break %}"
                                            << "template:1:4: 'break' outside of a for loop";
        QTest::newRow("unterminated string") << "{{ 'abc }}"
                                             << "template:1:4: unterminated string: expected ', found end of template";
        QTest::newRow("unterminated comment")
            << "a {# b"
            << "template:1:3: unterminated comment: expected '#}', found end of template";
        QTest::newRow("unterminated tag") << "{{ x"
                                          << "template:1:1: unterminated tag: expected '}}', found end of template";
        QTest::newRow("bad character") << "{{ x ! y }}"
                                       << "template:1:6: unexpected character '!' in tag";
        QTest::newRow("unbalanced") << "{{ (x] }}"
                                    << "template:1:6: unexpected ']', expected ')'";
    }

    void parseErrorsNameLineColumnAndExpectation() {
        QFETCH(QString, source);
        QFETCH(QString, error);
        QCOMPARE(QString::fromStdString(render(source.toStdString())), "ERROR: " + error);
    }

    void renderErrorsCarryTheNodeLocation() {
        QCOMPARE(QString::fromStdString(render("line1\n  {{ 1 + 'a' }}")),
                 QStringLiteral("ERROR: template:2:8: unsupported operand type(s) for +: 'int' and 'str'"));
        QCOMPARE(QString::fromStdString(render("{{ nothing.attr }}")),
                 QStringLiteral("ERROR: template:1:11: 'nothing' is undefined"));
        QCOMPARE(QString::fromStdString(render("{{ nothing + 1 }}")),
                 QStringLiteral("ERROR: template:1:12: 'nothing' is undefined"));
        QCOMPARE(QString::fromStdString(render("{% for x in 5 %}{% endfor %}")),
                 QStringLiteral("ERROR: template:1:4: 'int' object is not iterable"));
        QCOMPARE(QString::fromStdString(render("{{ [].append(1) }}")),
                 QStringLiteral("ERROR: template:1:13: access to attribute 'append' of 'list' object is unsafe"));
        QCOMPARE(QString::fromStdString(render("{{ raise_exception('No ' ~ 'way') }}")),
                 QStringLiteral("ERROR: No way"));
    }

    // --- semantics --------------------------------------------------------------------------
    void scoping() {
        // set in a loop body stays in the loop; namespaces carry values out.
        QCOMPARE(QString::fromStdString(
                     render("{% set x = 1 %}{% for i in [1,2] %}{% set x = x + i %}{{ x }}{% endfor %}{{ x }}")),
                 QStringLiteral("231"));
        QCOMPARE(
            QString::fromStdString(render(
                "{% set ns = namespace(x=0) %}{% for i in [1,2,3] %}{% set ns.x = ns.x + i %}{% endfor %}{{ ns.x }}")),
            QStringLiteral("6"));
        // set in an if at top level changes the top-level variable and may shadow the context.
        QCOMPARE(QString::fromStdString(
                     render("{% if true %}{% set messages = messages[1:] %}{% endif %}{{ messages|length }}",
                            json{{"messages", json::array({1, 2, 3})}})),
                 QStringLiteral("2"));
        // macros see top-level variables but not the caller's locals.
        QCOMPARE(QString::fromStdString(
                     render("{% macro m() %}{{ top }}-{{ local is defined }}{% endmacro %}{% set top = 'T' %}"
                            "{% for local in [1] %}{{ m() }}{% endfor %}")),
                 QStringLiteral("T-False"));
        QCOMPARE(QString::fromStdString(
                     render("{% for i in [1, 2] %}{% macro show() %}{{ i }}{% endmacro %}{{ show() }}{% endfor %}")),
                 QStringLiteral("12"));
        QCOMPARE(QString::fromStdString(
                     render("{% set x = 1 %}{% for i in [1, 2, 3] %}{{ x }}{% set x = x + 1 %}{% endfor %}{{ x }}")),
                 QStringLiteral("1111"));
        QCOMPARE(
            QString::fromStdString(render("{% macro greet(name, punct='!') %}Hi {{ name }}{{ punct }}{% endmacro %}"
                                          "{{ greet('A') }} {{ greet(name='B', punct='?') }}")),
            QStringLiteral("Hi A! Hi B?"));
    }

    void loops() {
        QCOMPARE(QString::fromStdString(render("{% for x in 'abc' %}{{ loop.index }}{{ x }}{{ loop.revindex }}"
                                               "{% if not loop.last %},{% endif %}{% endfor %}")),
                 QStringLiteral("1a3,2b2,3c1"));
        QCOMPARE(QString::fromStdString(render("{% for x in [1,2,3,4,5] if x is odd %}{{ loop.previtem is defined }}"
                                               "{{ x }}{{ loop.length }}{% endfor %}")),
                 QStringLiteral("False13True33True53"));
        QCOMPARE(QString::fromStdString(render("{% for x in range(10) %}{% if x == 2 %}{% continue %}{% endif %}"
                                               "{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}")),
                 QStringLiteral("013"));
        QCOMPARE(
            QString::fromStdString(render("{% for k, v in {'a': 1, 'b': 2}.items() %}{{ k }}={{ v }};{% endfor %}")),
            QStringLiteral("a=1;b=2;"));
        QCOMPARE(QString::fromStdString(render("{% for x in [] %}x{% else %}empty{% endfor %}")),
                 QStringLiteral("empty"));
        QCOMPARE(QString::fromStdString(render("{% for x in [1,2,3] %}{{ loop.cycle('a','b') }}{% endfor %}")),
                 QStringLiteral("aba"));
    }

    void tojson() {
        const json ctx = json::parse(
            "{\"v\": {\"name\": \"café ☕\", \"q\": \"\\\"<&>'/\\\\\", \"ctl\": \"a\\nb\\tc\\u0001\", \"n\": [1, 2.5, "
            "1.0, true, null], \"e\": {}, \"l\": []}}");
        QCOMPARE(QString::fromStdString(render("{{ v|tojson }}", ctx)),
                 QString::fromUtf8("{\"name\": \"café ☕\", \"q\": \"\\\"<&>'/\\\\\", \"ctl\": \"a\\nb\\tc\\u0001\", "
                                   "\"n\": [1, 2.5, 1.0, true, null], \"e\": {}, \"l\": []}"));
        QCOMPARE(QString::fromStdString(render("{{ v.n|tojson(indent=2) }}", ctx)),
                 QStringLiteral("[\n  1,\n  2.5,\n  1.0,\n  true,\n  null\n]"));
        QCOMPARE(QString::fromStdString(render("{{ {'b': 1, 'a': {'c': [1]}}|tojson(indent=1, sort_keys=true) }}")),
                 QStringLiteral("{\n \"a\": {\n  \"c\": [\n   1\n  ]\n },\n \"b\": 1\n}"));
        QCOMPARE(QString::fromStdString(render("{{ v.name|tojson(ensure_ascii=true) }}", ctx)),
                 QStringLiteral("\"caf\\u00e9 \\u2615\""));
        QCOMPARE(QString::fromStdString(render("{{ {'a': 1}|tojson(separators=(',', ':')) }}")),
                 QStringLiteral("{\"a\":1}"));
        QCOMPARE(QString::fromStdString(render("{{ 'x'|tojson }}")), QStringLiteral("\"x\""));
        QCOMPARE(QString::fromStdString(
                     render("{{ 0.1 + 0.2 }} {{ 1e100 }} {{ 3.0 }} {{ 1e-5 }} {{ 123456789012345678.0 }}")),
                 QStringLiteral("0.30000000000000004 1e+100 3.0 1e-05 1.2345678901234568e+17"));
    }

    void pythonPrinting() {
        const json ctx = json::parse(
            "{\"l\": [\"café\", \"\\\"fika\\\"\", \"it's\", 3, 2.5, true, null], \"d\": {\"a\": [1, {\"b\": false}]}}");
        QCOMPARE(QString::fromStdString(render("{{ l }}", ctx)),
                 QString::fromUtf8("['café', '\"fika\"', \"it's\", 3, 2.5, True, None]"));
        QCOMPARE(QString::fromStdString(render("{{ d }}|{{ d|string }}|{{ (1,) }}|{{ (1, 'a') }}", ctx)),
                 QStringLiteral("{'a': [1, {'b': False}]}|{'a': [1, {'b': False}]}|(1,)|(1, 'a')"));
        QCOMPARE(QString::fromStdString(render("{{ 'a\\nb\\\\' ~ [\"x'y\\\"\", 'tab\\t'] }}")),
                 QStringLiteral("a\nb\\['x\\'y\"', 'tab\\t']"));
        QCOMPARE(QString::fromStdString(
                     render("{{ none }} {{ True }} {{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }}")),
                 QStringLiteral("None True 3 -4 2 3.5 1024"));
    }

    void markupEscapesPlainStrings() {
        QCOMPARE(QString::fromStdString(render("{{ '<b>'|safe + '\"a\" & <i>' }}")),
                 QStringLiteral("<b>&#34;a&#34; &amp; &lt;i&gt;"));
        QCOMPARE(QString::fromStdString(render("{{ '<b>' ~ ('x'|safe) }}")), QStringLiteral("<b>x"));
    }

    void whitespaceControl() {
        // trim_blocks + lstrip_blocks
        QCOMPARE(
            QString::fromStdString(render("<ul>\n  {% for x in [1,2] %}\n  <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n")),
            QStringLiteral("<ul>\n  <li>1</li>\n  <li>2</li>\n</ul>"));
        QCOMPARE(QString::fromStdString(render("a  {%- if true -%}  \n b {%+ if true %}c{% endif +%}\nd{% endif %}")),
                 QStringLiteral("ab c\nd"));
        QCOMPARE(QString::fromStdString(render("x {{- ' y ' -}} z\n{# c #}\nw  {#- c -#}  v")),
                 QStringLiteral("x y z\nwv"));
        QCOMPARE(QString::fromStdString(render("{% raw %}{{ not parsed }}{% endraw %}\n")),
                 QStringLiteral("{{ not parsed }}"));
        QCOMPARE(QString::fromStdString(render("a\\nb\n\n")), QStringLiteral("a\\nb\n"));
        QCOMPARE(QString::fromStdString(render("a\r\nb")), QStringLiteral("a\nb"));
    }

    void filtersAndTestsNoCaseUses() {
        QCOMPARE(QString::fromStdString(
                     render("{{ [3,1,2]|sort|join(',') }} {{ [3,1,2]|sort(reverse=true)|first }} {{ [1,2,3]|sum }}"
                            " {{ [1,5,2]|max }} {{ [4,2]|min }} {{ 'hello world'|title }} {{ 'ab'|upper }}")),
                 QStringLiteral("1,2,3 3 6 5 2 Hello World AB"));
        QCOMPARE(QString::fromStdString(
                     render("{{ [1,2,3,4,5]|batch(2)|list }} {{ 2.5|round }} {{ 2.567|round(2) }} {{ '42'|int + 1 }}"
                            " {{ 'x'|int(7) }} {{ -3|abs }} {{ '3.5'|float }}")),
                 QStringLiteral("[[1, 2], [3, 4], [5]] 2.0 2.57 43 7 3 3.5"));
        QCOMPARE(QString::fromStdString(render("{{ [{'n': 'a', 'k': 1}, {'n': 'b', 'k': 2}]|map(attribute='n')|join }}"
                                               " {{ ['a', 'B', 'b']|unique|list }} {{ ['x', 'y']|map('upper')|list }}"
                                               " {{ [1,2,3,4]|select('even')|list }} {{ range(3)|reverse|list }}")),
                 QStringLiteral("ab ['a', 'B'] ['X', 'Y'] [2, 4] [2, 1, 0]"));
        QCOMPARE(
            QString::fromStdString(render("{{ 'a\nb'|indent(2, first=true) }}|{{ 'x\n\ny'|indent(2, blank=true) }}")),
            QStringLiteral("  a\n  b|x\n  \n  y"));
        QCOMPARE(QString::fromStdString(render("{{ '<p>a  b</p>'|striptags }} {{ 'one two  three'|wordcount }}"
                                               " {{ {'b': 1, 'A': 2}|dictsort }} {{ '%s-%05.1f'|format('x', 2.25) }}")),
                 QStringLiteral("a b 3 [('A', 2), ('b', 1)] x-002.2"));
        QCOMPARE(QString::fromStdString(render("{{ x|default('d') }} {{ ''|default('e', true) }} {{ none|d('n') }}")),
                 QStringLiteral("d e None"));
        QCOMPARE(QString::fromStdString(
                     render("{{ 6 is divisibleby 3 }} {{ 'a' is in 'abc' }} {{ 3 is gt 2 }} {{ range is callable }}"
                            " {{ 1 is number }} {{ true is boolean }} {{ 'A' is upper }} {{ x is undefined }}")),
                 QStringLiteral("True True True True True True True True"));
        QCOMPARE(QString::fromStdString(
                     render("{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ 'a,b,c'.split(',', 1) }}"
                            "|{{ 'a b'.rsplit() }}|{{ 'abc'.startswith(('x', 'a')) }}|{{ '{}-{n}'.format(1, n=2) }}"
                            "|{{ 'abcb'.find('b') }}|{{ 'abcb'.count('b') }}|{{ '-'.join(['a', 'b']) }}")),
                 QStringLiteral("a b|a|['a', 'b,c']|['a', 'b']|True|1-2|1|2|a-b"));
        QCOMPARE(QString::fromStdString(
                     render("{{ 'åäö'|upper }}{{ 'ÅÄÖ'.lower() }}{{ 'åäö'[1] }}{{ 'åäö'|length }}{{ 'åäö'[::-1] }}")),
                 QString::fromUtf8("ÅÄÖåäöä3öäå"));
        QCOMPARE(QString::fromStdString(
                     render("{% set j = joiner('+') %}{% for x in [1,2,3] %}{{ j() }}{{ x }}{% endfor %}"
                            "{% filter upper %}abc{% endfilter %}{% set b | trim %}  t  {% endset %}[{{ b }}]")),
                 QStringLiteral("1+2+3ABC[t]"));
        QCOMPARE(QString::fromStdString(
                     render("{{ 1 < 2 < 3 }} {{ 'b' in {'b': 1} }} {{ 2 not in [1] }} {{ [1, [2]] == [1, [2]] }}"
                            " {{ 'x' if false }}|{{ (1, 2)[1:] }} {{ [1,2,3][-1] }} {{ dict(a=1) }}")),
                 QStringLiteral("True True True True |(2,) 3 {'a': 1}"));
        QCOMPARE(QString::fromStdString(
                     render("{% generation %}gen{% endgeneration %} {{ strftime_now('%A %-d %B %Y %H:%M') }}")),
                 QStringLiteral("gen Friday 14 March 2025 09:26"));
    }

    void withBlock() {
        QCOMPARE(QString::fromStdString(
                     render("{% set a = 1 %}{% with a = a + 1, b = a %}{% set c = 3 %}{{ a }}{{ b }}{{ c }}"
                            "{% endwith %}{{ a }}{{ c is defined }}")),
                 QStringLiteral("2131False"));
    }

    void macroVarargsKwargsAndCallBlocks() {
        QCOMPARE(QString::fromStdString(
                     render("{% macro m(a) %}{{ a }}{{ varargs }}{{ kwargs }}{% endmacro %}{{ m(1, 2, 3, k='v') }}")),
                 QStringLiteral("1(2, 3){'k': 'v'}"));
        QCOMPARE(
            QString::fromStdString(render("{% macro box(t) %}[{{ t }}:{{ caller() }}]{% endmacro %}{% set x = 'in' %}"
                                          "{% call box('T') %}{{ x }}{% endcall %}")),
            QStringLiteral("[T:in]"));
        QCOMPARE(QString::fromStdString(
                     render("{% macro each(items) %}{% for i in items %}{{ caller(i) }}{% endfor %}{% endmacro %}"
                            "{% call(item) each([1, 2]) %}<{{ item }}>{% endcall %}")),
                 QStringLiteral("<1><2>"));
        QCOMPARE(QString::fromStdString(render("{% macro m() %}x{% endmacro %}{{ m(1) }}")),
                 QStringLiteral("ERROR: template:1:35: macro 'm' takes not more than 0 argument(s)"));
    }

    void commandRStyleBoundMethodOddity() {
        // x.items is the dict method, not the "items" key; x['items'] is the key.
        QCOMPARE(
            QString::fromStdString(render("{{ x.items is callable }} {{ x['items'] }} {{ x.items.type is defined }}",
                                          json{{"x", json{{"items", "key"}}}})),
            QStringLiteral("True key False"));
    }

    // --- limits ------------------------------------------------------------------------------
    void limits() {
        fyr::jinja::RenderLimits small;
        small.max_loop_iterations = 1000;
        small.max_output_bytes = 1000;
        small.max_call_depth = 50;
        QVERIFY(
            render("{% for i in range(100) %}{% for j in range(100) %}{% endfor %}{% endfor %}", json::object(), small)
                .find("loop iteration limit exceeded") != std::string::npos);
        QVERIFY(render("{% for i in range(100) %}0123456789abcdef{% endfor %}", json::object(), small)
                    .find("output limit exceeded") != std::string::npos);
        QVERIFY(render("{{ 'x' * 100000 }}", json::object(), small).find("output limit exceeded") != std::string::npos);
        const std::string rec = render("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}");
        QVERIFY2(rec.find("maximum recursion depth exceeded") != std::string::npos, rec.c_str());
        QVERIFY(render("{{ range(1000000) }}").find("Range too big") != std::string::npos);
        const std::string deep(5000, '(');
        QVERIFY(render("{{ " + deep + " }}").find("nested too deeply") != std::string::npos);
        std::string chain = "{{ x";
        for (int i = 0; i < 5000; ++i) chain += " + x";
        QVERIFY(render(chain + " }}").find("nested too deeply") != std::string::npos);
        QVERIFY(render("{% set ns = namespace(v=[]) %}{% for i in range(2000) %}{% set ns.v = [ns.v] %}{% endfor %}")
                    .find("nested too deeply") != std::string::npos);
        QVERIFY(render("{% set ns = namespace() %}{% set ns.self = ns %}").find("cannot store a namespace") !=
                std::string::npos);
        QVERIFY(render("{{ 2 ** 64 }}").find("integer overflow") != std::string::npos);
        // Work that no single loop shows: exponential macro fan-out, quadratic string building.
        fyr::jinja::RenderLimits work;
        work.max_loop_iterations = 200000;
        QVERIFY(render("{% macro f(n) %}{% if n > 0 %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}",
                       json::object(), work)
                    .find("loop iteration limit exceeded") != std::string::npos);
        QVERIFY(render("{% set ns = namespace(s='') %}{% for i in range(100000) %}{% for j in range(9) %}"
                       "{% set ns.s = ns.s ~ 'xxxxxxxxxx' %}{% endfor %}{% endfor %}",
                       json::object(), work)
                    .find("limit exceeded") != std::string::npos);
        QCOMPARE(QString::fromStdString(render("{{ range(100000)|unique|list|length }}")), QStringLiteral("100000"));
        fyr::jinja::RenderLimits budget;
        budget.max_loop_iterations = 20000;
        QVERIFY(render("{% set s = 'x' * 1000000 %}{% for i in range(100000) %}{{ (s|upper)[0] }}{% endfor %}",
                       json::object(), budget)
                    .find("work limit exceeded") != std::string::npos);
    }

    void concurrentRendersShareOneTemplate() {
        std::string error;
        auto tmpl = fyr::ChatTemplate::parse(
            "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}"
            "{{ m.content }}{% endfor %}{{ ns.n }}",
            &error);
        QVERIFY(tmpl);
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 200; ++i) {
                    fyr::ChatTemplateInput in;
                    in.messages =
                        json::array({json{{"content", std::to_string(t)}}, json{{"content", std::to_string(i)}}});
                    const auto r = tmpl->render(in);
                    if (!r.ok || r.text != std::to_string(t) + std::to_string(i) + "2") ++failures;
                }
            });
        }
        for (auto& th : threads) th.join();
        QCOMPARE(failures.load(), 0);
    }

    void strftimeHelper() {
        const auto t = fyr::jinja::Strftime::parse_iso("2025-03-14T09:26:53");
        QVERIFY(t.has_value());
        QCOMPARE(QString::fromStdString(fyr::jinja::Strftime::format("%Y-%m-%d %H:%M:%S %a %b %j %p %I %y %e %%", *t)),
                 QStringLiteral("2025-03-14 09:26:53 Fri Mar 073 AM 09 25 14 %"));
        QCOMPARE(QString::fromStdString(fyr::jinja::Strftime::format("%c|%x|%X|%U|%W|%V|%G|%u|%w", *t)),
                 QStringLiteral("Fri Mar 14 09:26:53 2025|03/14/25|09:26:53|10|10|11|2025|5|5"));
        QVERIFY(!fyr::jinja::Strftime::parse_iso("2025-13-01T00:00:00").has_value());
    }
};

QTEST_GUILESS_MAIN(TestChatTemplate)
#include "tst_chat_template.moc"
