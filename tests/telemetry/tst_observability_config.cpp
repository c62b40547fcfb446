// ObservabilityConfig: the shipped SLOs, alert rules and dashboards read with
// every metric known; export then import gives the same bytes; each kind of
// mistake (bad version, wrong type, unknown key or metric, out of range,
// duplicates, overlapping panels, broken JSON, oversized input) is refused with
// the file, the JSON path and what was expected; a refused import changes
// nothing; the checked-in broken files; thousands of damaged files are refused
// or read, never crashed on.
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include "telemetry/config_reader.h"
#include "telemetry/observability_config.h"

using namespace fyr::app::telemetry;

namespace {

QByteArray resource(const char* name) {
    QFile f(QStringLiteral(FYR_SOURCE_DIR "/resources/telemetry/") + QLatin1String(name));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return f.readAll();
}

// JSON written with ' for ", to keep the tables readable.
QByteArray j(const char* text) {
    return QByteArray(text).replace('\'', '"');
}

QByteArray slos(const char* items) {
    return j("{'format':'fyr-slos','version':1,'slos':[") + j(items) + "]}";
}
QByteArray rules(const char* items) {
    return j("{'format':'fyr-alert-rules','version':1,'rules':[") + j(items) + "]}";
}
QByteArray dashboards(const char* items) {
    return j("{'format':'fyr-dashboards','version':1,'dashboards':[") + j(items) + "]}";
}

const char* kGoodSlo =
    "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85},'objective':0.99,'runbook':"
    "'r'}";

}  // namespace

class TestObservabilityConfig : public QObject {
    Q_OBJECT
private slots:
    void shippedDefaults() {
        const QStringList known = ObservabilityConfig::fyrSeriesNames();
        QVERIFY(known.contains(QStringLiteral("fyr:time_to_first_token_seconds_mean")));
        QVERIFY(known.contains(QStringLiteral("fyr:time_to_first_token_seconds_count")));
        QVERIFY(known.contains(QStringLiteral("fyr:gpu_temperature_celsius")));
        QVERIFY(!known.contains(QStringLiteral("fyr:time_to_first_token_seconds")));
        QStringList errors;
        const auto s =
            ObservabilityConfig::parseSlos(resource("slos.json"), QStringLiteral("slos.json"), known, &errors);
        QVERIFY2(s, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(s->size(), size_t{3});
        const Slo& ttft = (*s)[0];
        QCOMPARE(ttft.id, QStringLiteral("ttft-p95"));
        QCOMPARE(ttft.sli.aggregate, QStringLiteral("p95"));
        QCOMPARE(ttft.sli.slice_s, int64_t{300});
        QCOMPARE(*ttft.sli.below, 2.0);
        QCOMPARE(ttft.objective, 0.99);
        QCOMPARE(ttft.period_s, int64_t{30 * 86400});
        QVERIFY(ttft.runbook.contains(QStringLiteral("queue")));
        QCOMPARE((*s)[1].sli.kind, SliKind::Ratio);
        QCOMPARE((*s)[1].sli.total.size(), size_t{2});
        QCOMPARE((*s)[2].period_s, int64_t{86400});
        const auto r = ObservabilityConfig::parseRules(resource("alert_rules.json"), QStringLiteral("alert_rules.json"),
                                                       known, &errors);
        QVERIFY2(r, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(r->size(), size_t{6});
        for (const AlertRule& rule : *r) {
            QVERIFY(!rule.runbook.isEmpty());
            QVERIFY(!rule.anomaly.seasonal);  // seasonality off by default
        }
        QCOMPARE(r->back().kind, RuleKind::Threshold);
        QCOMPARE(*r->back().above, 90.0);
        QCOMPARE(*r->back().clear, 85.0);
        QCOMPARE(r->back().anomaly.recent_s, int64_t{30});
        QCOMPARE((*r)[3].series.match.at(QStringLiteral("verdict")), QStringLiteral("block"));
        QCOMPARE((*r)[1].anomaly.method, AnomalyMethod::Ewma);
        QCOMPARE((*r)[1].anomaly.direction, AnomalyDirection::Down);
        const auto d = ObservabilityConfig::parseDashboards(resource("dashboards.json"),
                                                            QStringLiteral("dashboards.json"), known, &errors);
        QVERIFY2(d, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(d->size(), size_t{3});
        QCOMPARE((*d)[0].panels[0].kind, QStringLiteral("alerts"));
        QCOMPARE((*d)[1].panels[2].unit, QStringLiteral("°C"));
    }

    void roundTrip() {
        ObservabilityConfig config;
        QStringList errors;
        const QStringList known = ObservabilityConfig::fyrSeriesNames();
        for (const char* name : {"slos.json", "alert_rules.json", "dashboards.json"})
            QVERIFY2(config.importFile(QStringLiteral(FYR_SOURCE_DIR "/resources/telemetry/") + QLatin1String(name),
                                       known, &errors),
                     qPrintable(errors.join(QLatin1Char('\n'))));
        QTemporaryDir dir;
        QVERIFY(config.exportTo(dir.path(), &errors));
        ObservabilityConfig again;
        for (const char* name : {"slos.json", "alert_rules.json", "dashboards.json"})
            QVERIFY2(again.importFile(dir.filePath(QLatin1String(name)), known, &errors),
                     qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE(ObservabilityConfig::exportSlos(again.slos), ObservabilityConfig::exportSlos(config.slos));
        QCOMPARE(ObservabilityConfig::exportRules(again.rules), ObservabilityConfig::exportRules(config.rules));
        QCOMPARE(ObservabilityConfig::exportDashboards(again.dashboards),
                 ObservabilityConfig::exportDashboards(config.dashboards));
        QCOMPARE(again.slos.size(), size_t{3});
        QCOMPARE(again.slos[0].sli.below, config.slos[0].sli.below);
        QCOMPARE(again.rules[3].series.match, config.rules[3].series.match);
        QCOMPARE(again.rules[1].anomaly.ewma_alpha, config.rules[1].anomaly.ewma_alpha);
        QCOMPARE(again.dashboards[2].panels[1].series[0].match, config.dashboards[2].panels[1].series[0].match);
        // Windows given by hand survive too.
        Slo slo = config.slos[0];
        slo.windows = {{7200, 600, 10.0, Severity::Critical}, {86400, 7200, 2.0, Severity::Info}};
        const QByteArray text = ObservabilityConfig::exportSlos({slo});
        const auto back = ObservabilityConfig::parseSlos(text, QStringLiteral("w.json"), known, &errors);
        QVERIFY2(back, qPrintable(errors.join(QLatin1Char('\n'))));
        QCOMPARE((*back)[0].windows.size(), size_t{2});
        QCOMPARE((*back)[0].windows[1].severity, Severity::Info);
        QCOMPARE(ObservabilityConfig::exportSlos(*back), text);
    }

    void errors_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bad version") << j("{'format':'fyr-slos','version':2,'slos':[]}")
                                     << QStringLiteral("t.json: $.version: expected 1, found 2");
        QTest::newRow("version as text") << j("{'format':'fyr-slos','version':'1','slos':[]}")
                                         << QStringLiteral("t.json: $.version: expected 1, found a string");
        QTest::newRow("no version") << j("{'format':'fyr-slos','slos':[]}")
                                    << QStringLiteral("t.json: $.version: missing (required)");
        QTest::newRow("unknown format") << j("{'format':'fyr-slo','version':1,'slos':[]}")
                                        << QStringLiteral(
                                               "t.json: $.format: expected \"fyr-slos\", \"fyr-alert-rules\" or "
                                               "\"fyr-dashboards\", found \"fyr-slo\"");
        QTest::newRow("objective as text")
            << slos(
                   "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85},'objective':"
                   "'0.99','runbook':'r'}")
            << QStringLiteral("t.json: $.slos[0].objective: expected a number, found a string");
        QTest::newRow("objective 99")
            << slos(
                   "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85},'objective':"
                   "99,'runbook':'r'}")
            << QStringLiteral(
                   "t.json: $.slos[0].objective: expected a fraction between 0 and 1 (0.99 for 99%), found 99");
        QTest::newRow("unknown metric") << slos(
                                               "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temprature','"
                                               "below':85},'objective':0.99,'runbook':'r'}")
                                        << QStringLiteral(
                                               "t.json: $.slos[0].sli.series: unknown metric \"fyr:gpu_temprature\"");
        QTest::newRow("unknown metric in a selector")
            << slos(
                   "{'id':'a','sli':{'kind':'ratio','bad':[{'name':'fyr:nope'}],'total':['fyr:request_success_total']},"
                   "'objective':0.99,'runbook':'r'}")
            << QStringLiteral("t.json: $.slos[0].sli.bad[0].name: unknown metric \"fyr:nope\"");
        QTest::newRow("unknown key") << slos(
                                            "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius'"
                                            ",'below':85},'objective':0.99,'runbook':'r','objectve':1}")
                                     << QStringLiteral(
                                            "t.json: $.slos[0].objectve: unknown key (expected one of id, sli, "
                                            "objective, runbook, description, period, windows)");
        QTest::newRow("unknown top-level key") << j("{'format':'fyr-slos','version':1,'slos':[],'extra':1}")
                                               << QStringLiteral("t.json: $.extra: unknown key");
        QTest::newRow("no runbook") << slos(
                                           "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius',"
                                           "'below':85},'objective':0.99}")
                                    << QStringLiteral("t.json: $.slos[0].runbook: missing (required)");
        QTest::newRow("bad duration") << slos(
                                             "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_"
                                             "celsius','below':85},'objective':0.99,'runbook':'r','period':'30 days'}")
                                      << QStringLiteral(
                                             "t.json: $.slos[0].period: expected a duration from 1h to 366d such as "
                                             "\"5m\" (s, m, h, d, w), found \"30 days\"");
        QTest::newRow("below and above")
            << slos(
                   "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85,'above':1},'"
                   "objective':0.99,'runbook':'r'}")
            << QStringLiteral("t.json: $.slos[0].sli: expected exactly one of \"below\" and \"above\"");
        QTest::newRow("bad aggregate")
            << slos(
                   "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85,'aggregate':'"
                   "median'},'objective':0.99,'runbook':'r'}")
            << QStringLiteral(
                   "t.json: $.slos[0].sli.aggregate: expected mean, min, max or a percentile such as p95, found "
                   "\"median\"");
        QTest::newRow("ratio with series")
            << slos(
                   "{'id':'a','sli':{'kind':'ratio','series':'fyr:gpu_temperature_celsius','bad':[],'total':[]},'"
                   "objective':0.99,'runbook':'r'}")
            << QStringLiteral("t.json: $.slos[0].sli.series: unknown key (expected one of kind, bad, total)");
        QTest::newRow("duplicate id") << slos(QByteArray(QByteArray(kGoodSlo) + ',' + kGoodSlo).constData())
                                      << QStringLiteral(
                                             "t.json: $.slos[1].id: expected a unique id, found \"a\" again");
        QTest::newRow("bad id") << slos(
                                       "{'id':'a "
                                       "b','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85}"
                                       ",'objective':0.99,'runbook':'r'}")
                                << QStringLiteral("t.json: $.slos[0].id: expected 1 to 64 of");
        QTest::newRow("window short > long")
            << slos(
                   "{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_temperature_celsius','below':85},'objective':"
                   "0.99,'runbook':'r','windows':[{'long':'5m','short':'1h','factor':2,'severity':'page'}]}")
            << QStringLiteral(
                   "t.json: $.slos[0].windows[0]: expected the short window to be no longer than the long one");
        QTest::newRow("slo not an object")
            << slos("42") << QStringLiteral("t.json: $.slos[0]: expected an object, found a number");
        QTest::newRow("rule: threshold beside anomaly")
            << rules(
                   "{'id':'r','series':'fyr:gpu_temperature_celsius','kind':'anomaly','threshold':{'above':1},'runbook'"
                   ":'x'}")
            << QStringLiteral("t.json: $.rules[0].threshold: expected only with \"kind\": \"threshold\"");
        QTest::newRow("rule: clear above threshold")
            << rules(
                   "{'id':'r','series':'fyr:gpu_temperature_celsius','kind':'anomaly','anomaly':{'threshold':3,'clear':"
                   "4},'runbook':'x'}")
            << QStringLiteral("t.json: $.rules[0].anomaly.clear: expected at most the threshold (3), found 4");
        QTest::newRow("rule: bad method")
            << rules(
                   "{'id':'r','series':'fyr:gpu_temperature_celsius','kind':'anomaly','anomaly':{'method':'stl'},'"
                   "runbook':'x'}")
            << QStringLiteral("t.json: $.rules[0].anomaly.method: expected one of robust_z, ewma, found \"stl\"");
        QTest::newRow("rule: seasonal as text")
            << rules(
                   "{'id':'r','series':'fyr:gpu_temperature_celsius','kind':'anomaly','anomaly':{'seasonal':'yes'},'"
                   "runbook':'x'}")
            << QStringLiteral("t.json: $.rules[0].anomaly.seasonal: expected true or false, found a string");
        QTest::newRow("rule: label name")
            << rules(
                   "{'id':'r','series':{'name':'fyr:gpu_temperature_celsius','match':{'9gpu':'0'}},'kind':'anomaly','"
                   "runbook':'x'}")
            << QStringLiteral("t.json: $.rules[0].series.match.9gpu: expected a label name");
        QTest::newRow("rule: threshold clear wrong side")
            << rules(
                   "{'id':'r','series':'fyr:gpu_temperature_celsius','kind':'threshold','threshold':{'above':90,'clear'"
                   ":95},'runbook':'x'}")
            << QStringLiteral("t.json: $.rules[0].threshold.clear: expected at most \"above\" (90), found 95");
        QTest::newRow("rule: no series") << rules("{'id':'r','kind':'anomaly','runbook':'x'}")
                                         << QStringLiteral("t.json: $.rules[0].series: missing (required)");
        QTest::newRow("panel overlap")
            << dashboards(
                   "{'id':'d','title':'D','panels':[{'id':'a','title':'A','kind':'alerts','x':0,'y':0,'w':6,'h':2},"
                   "{'id':'b','title':'B','kind':'alerts','x':5,'y':1,'w':2,'h':2}]}")
            << QStringLiteral(
                   "t.json: $.dashboards[0].panels[1]: expected no overlap, found one with panels[0] (\"a\")");
        QTest::newRow("panel off the grid")
            << dashboards(
                   "{'id':'d','title':'D','columns':4,'panels':[{'id':'a','title':'A','kind':'alerts','x':2,'y':0,'w':"
                   "3,'h':2}]}")
            << QStringLiteral("t.json: $.dashboards[0].panels[0].w: expected x + w within the 4 columns, found 5");
        QTest::newRow("panel without series")
            << dashboards(
                   "{'id':'d','title':'D','panels':[{'id':'a','title':'A','kind':'line','x':0,'y':0,'w':3,'h':2}]}")
            << QStringLiteral("t.json: $.dashboards[0].panels[0].series: missing (required for a \"line\" panel)");
        QTest::newRow("panel w as text")
            << dashboards(
                   "{'id':'d','title':'D','panels':[{'id':'a','title':'A','kind':'alerts','x':0,'y':0,'w':'3','h':2}]}")
            << QStringLiteral("t.json: $.dashboards[0].panels[0].w: expected an integer from 1 to 12, found a string");
        QTest::newRow("not JSON") << QByteArray("{\n  \"format\": ") << QStringLiteral("t.json:2:");
        QTest::newRow("an array") << QByteArray("[]")
                                  << QStringLiteral("t.json: $: expected an object, found an array");
        QTest::newRow("no format")
            << j("{'version':1}")
            << QStringLiteral(
                   "t.json: $.format: expected \"fyr-slos\", \"fyr-alert-rules\" or \"fyr-dashboards\", found nothing");
        QByteArray big = slos("");
        big.insert(1, QByteArray(" \"description\": \"") + QByteArray(ConfigReader::kMaxBytes, 'x') + "\",");
        QTest::newRow("over 1 MiB") << big << QStringLiteral("t.json: $: expected at most 1048576 bytes, found");
        QByteArray many;
        for (int i = 0; i < 501; ++i) {
            const QByteArray id = QByteArray("'a") + QByteArray::number(i) + '\'';
            many += QByteArray(i ? "," : "") + QByteArray(kGoodSlo).replace("'a'", id);
        }
        QTest::newRow("501 SLOs") << slos(many.constData())
                                  << QStringLiteral("t.json: $.slos: expected at most 500 items, found 501");
    }
    void errors() {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        ObservabilityConfig config;
        QStringList errors;
        QVERIFY(!config.importBytes(json, QStringLiteral("t.json"), ObservabilityConfig::fyrSeriesNames(), &errors));
        QVERIFY(!errors.isEmpty());
        const bool found =
            std::any_of(errors.begin(), errors.end(), [&](const QString& e) { return e.startsWith(expected); });
        QVERIFY2(found, qPrintable(errors.join(QLatin1Char('\n'))));
        for (const QString& e : errors) QVERIFY2(e.startsWith(QStringLiteral("t.json")), qPrintable(e));
        QVERIFY(config.slos.empty() && config.rules.empty() && config.dashboards.empty());
    }

    void everyErrorIsReported() {
        // Three problems in one file: all three named, not just the first.
        QStringList errors;
        QVERIFY(!ObservabilityConfig::parseSlos(slos("{'id':'a','sli':{'kind':'threshold','series':'fyr:gpu_"
                                                     "temperature_celsius','below':'85'},'objective':2,'runbook':7}"),
                                                QStringLiteral("t.json"), {}, &errors));
        QCOMPARE(errors.size(), 3);
        QVERIFY2(errors.join(QLatin1Char('\n')).contains(QStringLiteral("$.slos[0].sli.below: expected a number")),
                 qPrintable(errors.join(QLatin1Char('\n'))));
        // A file of another kind, read as SLOs.
        QVERIFY(!ObservabilityConfig::parseSlos(resource("dashboards.json"), QStringLiteral("d.json"), {}, &errors));
        QCOMPARE(errors,
                 QStringList{QStringLiteral("d.json: $.format: expected \"fyr-slos\", found \"fyr-dashboards\"")});
        // Without a list of known series, any valid name goes.
        QVERIFY(ObservabilityConfig::parseSlos(slos("{'id':'a','sli':{'kind':'threshold','series':'site:custom_metric',"
                                                    "'below':1},'objective':0.9,'runbook':'r'}"),
                                               QStringLiteral("t.json"), {}, &errors));
    }

    // The checked-in broken files (tests/corpus/observability, EXPECTED lists
    // what each must be refused for).
    void brokenCorpus() {
        const QString dir = QStringLiteral(FYR_SOURCE_DIR "/tests/corpus/observability/");
        QFile expected(dir + QStringLiteral("EXPECTED"));
        QVERIFY(expected.open(QIODevice::ReadOnly | QIODevice::Text));
        const QStringList known = ObservabilityConfig::fyrSeriesNames();
        int files = 0;
        while (!expected.atEnd()) {
            const QString line = QString::fromUtf8(expected.readLine()).trimmed();
            if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) continue;
            const QString name = line.section(QLatin1Char('\t'), 0, 0);
            const QString want = line.section(QLatin1Char('\t'), 1);
            ObservabilityConfig config;
            QStringList errors;
            QVERIFY2(!config.importFile(dir + name, known, &errors), qPrintable(name));
            const QString all = errors.join(QLatin1Char('\n'));
            QVERIFY2(all.contains(want), qPrintable(name + QStringLiteral(": ") + all));
            for (const QString& e : errors) QVERIFY2(e.startsWith(dir + name + QLatin1Char(':')), qPrintable(e));
            ++files;
        }
        QCOMPARE(files, int(QDir(dir).entryList(QDir::Files).size()) - 1);
    }

    void refusedImportChangesNothing() {
        ObservabilityConfig config;
        QStringList errors;
        QVERIFY(config.importBytes(resource("slos.json"), QStringLiteral("slos.json"), {}, &errors));
        QCOMPARE(config.slos.size(), size_t{3});
        QVERIFY(!config.importBytes(slos("{'id':'x'}"), QStringLiteral("bad.json"), {}, &errors));
        QCOMPARE(config.slos.size(), size_t{3});
        QVERIFY(!config.importFile(QStringLiteral("/nonexistent/slos.json"), {}, &errors));
        QVERIFY(errors.value(0).startsWith(QStringLiteral("/nonexistent/slos.json: ")));
    }

    void durations() {
        QCOMPARE(*ConfigReader::parseDuration(QStringLiteral("90s")), int64_t{90});
        QCOMPARE(*ConfigReader::parseDuration(QStringLiteral("2w")), int64_t{14 * 86400});
        QVERIFY(!ConfigReader::parseDuration(QStringLiteral("-5m")));
        QVERIFY(!ConfigReader::parseDuration(QStringLiteral("5")));
        QVERIFY(!ConfigReader::parseDuration(QStringLiteral("m")));
        QVERIFY(!ConfigReader::parseDuration(QStringLiteral("999999999999999d")));
        QCOMPARE(ConfigReader::formatDuration(300), QStringLiteral("5m"));
        QCOMPARE(ConfigReader::formatDuration(90), QStringLiteral("90s"));
        QCOMPARE(ConfigReader::formatDuration(7 * 86400), QStringLiteral("1w"));
        QCOMPARE(ConfigReader::formatDuration(0), QStringLiteral("0s"));
    }

    // Thousands of damaged files: refused with a message naming the file, or
    // read; never a crash (run under the asan preset too).
    void damagedInputsAreRefusedNotCrashedOn() {
        std::vector<QByteArray> bases = {resource("slos.json"), resource("alert_rules.json"),
                                         resource("dashboards.json")};
        const QDir corpus(QStringLiteral(FYR_SOURCE_DIR "/tests/corpus/observability"));
        for (const QString& name : corpus.entryList({QStringLiteral("*.json")}, QDir::Files)) {
            QFile f(corpus.filePath(name));
            if (f.open(QIODevice::ReadOnly)) bases.push_back(f.readAll());
        }
        const QStringList known = ObservabilityConfig::fyrSeriesNames();
        auto* rng = QRandomGenerator::global();
        int read = 0, refused = 0;
        for (int i = 0; i < 500; ++i) {
            for (const QByteArray& base : bases) {
                QByteArray b = base;
                const int edits = 1 + static_cast<int>(rng->bounded(8));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = static_cast<qsizetype>(rng->bounded(static_cast<quint32>(b.size())));
                    switch (rng->bounded(4)) {
                        case 0: b[at] = static_cast<char>(rng->bounded(256)); break;
                        case 1: b.remove(at, 1 + static_cast<qsizetype>(rng->bounded(16))); break;
                        case 2:
                            b.insert(at,
                                     b.mid(static_cast<qsizetype>(rng->bounded(static_cast<quint32>(b.size()))), 16));
                            break;
                        default: b.truncate(at); break;
                    }
                    if (b.isEmpty()) b = "{";
                }
                ObservabilityConfig config;
                QStringList errors;
                if (config.importBytes(b, QStringLiteral("fuzz.json"), known, &errors)) {
                    ++read;
                    // What was read exports and reads back the same.
                    if (!config.slos.empty()) {
                        const QByteArray out = ObservabilityConfig::exportSlos(config.slos);
                        const auto again =
                            ObservabilityConfig::parseSlos(out, QStringLiteral("again.json"), known, &errors);
                        QVERIFY2(again, qPrintable(errors.join(QLatin1Char('\n'))));
                        QCOMPARE(ObservabilityConfig::exportSlos(*again), out);
                    }
                } else {
                    ++refused;
                    QVERIFY(!errors.isEmpty());
                    for (const QString& e : errors) QVERIFY2(e.startsWith(QStringLiteral("fuzz.json")), qPrintable(e));
                }
            }
        }
        qInfo("damaged files: %d read, %d refused", read, refused);
        QVERIFY(refused > 0);
    }
};

QTEST_GUILESS_MAIN(TestObservabilityConfig)
#include "tst_observability_config.moc"
