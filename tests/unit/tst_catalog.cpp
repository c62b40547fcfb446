// The price catalog: the built-in files load and every row carries its source
// and date; a broken row (no source, a bad date, a negative or non-numeric
// price, an unknown field) is refused with the file, the row and what was
// expected; a site's own file replaces rows by id and adds new ones.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include "core/resources.h"
#include "services/catalog.h"

using fyr::app::Catalog;

namespace {

QJsonObject apiRow(const QString& id, double in, double out) {
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("provider"), QStringLiteral("Example")},
                       {QStringLiteral("model"), QStringLiteral("Example model")},
                       {QStringLiteral("input_per_million"), in},
                       {QStringLiteral("output_per_million"), out},
                       {QStringLiteral("currency"), QStringLiteral("USD")},
                       {QStringLiteral("source"), QStringLiteral("https://example.com/pricing")},
                       {QStringLiteral("taken"), QStringLiteral("2026-11-25")}};
}

QByteArray apiFile(const QJsonArray& rows) {
    const QJsonObject o{{QStringLiteral("format"), QStringLiteral("fyr-catalog-api-prices")},
                        {QStringLiteral("version"), 1},
                        {QStringLiteral("rows"), rows}};
    return QJsonDocument(o).toJson();
}

bool write(const QString& path, const QByteArray& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

}  // namespace

class TestCatalog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void builtInCatalogLoadsWithSources() {
        QStringList errors;
        const auto c = Catalog::load(QStringLiteral(":/catalog"), {}, &errors);
        QVERIFY2(c, qPrintable(errors.join(u'\n')));
        QVERIFY(!c->gpus().isEmpty());
        QVERIFY(!c->cloudInstances().isEmpty());
        QVERIFY(!c->apiPrices().isEmpty());
        for (const auto& g : c->gpus()) QVERIFY(!g.source.url.isEmpty() && !g.source.taken.isEmpty());
        for (const auto& i : c->cloudInstances()) QVERIFY(!i.source.url.isEmpty() && !i.source.taken.isEmpty());
        for (const auto& p : c->apiPrices()) QVERIFY(!p.source.url.isEmpty() && !p.source.taken.isEmpty());
        const fyr::app::ApiPrice* p = c->apiPrice(QStringLiteral("openai/gpt-4o"));
        QVERIFY(p);
        QCOMPARE(p->currency, QStringLiteral("USD"));
        QVERIFY(c->gpu(QStringLiteral("nvidia-h100-sxm5-80gb")));
        // The files in the source tree are the ones built in, and each checks clean on its own.
        for (const char* name : {Catalog::kGpusFile, Catalog::kCloudInstancesFile, Catalog::kApiPricesFile}) {
            QFile f(QStringLiteral(FYR_SOURCE_DIR "/resources/catalog/") + QLatin1String(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            QCOMPARE(Catalog::check(QLatin1String(name), f.readAll()), QStringList());
        }
    }

    void brokenRowsAreNamed_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");  // undefined: the field is removed
        QTest::addColumn<QString>("message");
        QTest::newRow("missing source") << QStringLiteral("source") << QJsonValue(QJsonValue::Undefined)
                                        << QStringLiteral("api_prices.json: rows[1].source: missing (expected an http or https address)");
        QTest::newRow("source not a URL") << QStringLiteral("source") << QJsonValue(QStringLiteral("the vendor's site"))
                                          << QStringLiteral("api_prices.json: rows[1].source: expected an http or https address");
        QTest::newRow("bad date") << QStringLiteral("taken") << QJsonValue(QStringLiteral("2026-13-01"))
                                  << QStringLiteral("api_prices.json: rows[1].taken: expected an ISO 8601 date");
        QTest::newRow("not ISO date") << QStringLiteral("taken") << QJsonValue(QStringLiteral("25/11/2026"))
                                      << QStringLiteral("rows[1].taken: expected an ISO 8601 date (YYYY-MM-DD, or YYYY-MM), got \"25/11/2026\"");
        QTest::newRow("missing date") << QStringLiteral("taken") << QJsonValue(QJsonValue::Undefined)
                                      << QStringLiteral("api_prices.json: rows[1].taken: missing");
        QTest::newRow("negative price") << QStringLiteral("input_per_million") << QJsonValue(-1.5)
                                        << QStringLiteral("api_prices.json: rows[1].input_per_million: expected a number above 0, got -1.5");
        QTest::newRow("zero price") << QStringLiteral("output_per_million") << QJsonValue(0)
                                    << QStringLiteral("rows[1].output_per_million: expected a number above 0, got 0");
        QTest::newRow("wrong type") << QStringLiteral("output_per_million") << QJsonValue(QStringLiteral("10"))
                                    << QStringLiteral("api_prices.json: rows[1].output_per_million: expected a number above 0, got \"10\"");
        QTest::newRow("bad currency") << QStringLiteral("currency") << QJsonValue(QStringLiteral("dollars"))
                                      << QStringLiteral("rows[1].currency: expected a three-letter ISO 4217 currency code");
        QTest::newRow("unknown field") << QStringLiteral("sorce") << QJsonValue(QStringLiteral("https://example.com"))
                                       << QStringLiteral("api_prices.json: rows[1].sorce: not a field of this file");
    }

    void brokenRowsAreNamed() {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject bad = apiRow(QStringLiteral("example/b"), 1, 2);
        if (value.isUndefined()) bad.remove(field);
        else bad.insert(field, value);
        const QStringList errors =
            Catalog::check(QStringLiteral("api_prices.json"), apiFile({apiRow(QStringLiteral("example/a"), 1, 2), bad}));
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(message), qPrintable(errors.first()));
    }

    void brokenFilesAreNamed() {
        QStringList errors = Catalog::check(QStringLiteral("api_prices.json"), "{\"rows\": [");
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral("api_prices.json: not valid JSON")), qPrintable(errors.first()));
        errors = Catalog::check(QStringLiteral("gpus.json"), apiFile({}));
        QVERIFY2(errors.value(0).contains(QStringLiteral("gpus.json: format: expected \"fyr-catalog-gpus\"")), qPrintable(errors.join(u'\n')));
        errors = Catalog::check(QStringLiteral("api_prices.json"),
                                apiFile({apiRow(QStringLiteral("example/a"), 1, 2), apiRow(QStringLiteral("example/a"), 3, 4)}));
        QVERIFY2(errors.value(0).contains(QStringLiteral("rows[1].id: \"example/a\" appears twice")), qPrintable(errors.join(u'\n')));
        // A GPU's price needs its currency; a cloud instance's count is whole.
        QJsonObject gpu{{QStringLiteral("id"), QStringLiteral("g")},         {QStringLiteral("vendor"), QStringLiteral("V")},
                        {QStringLiteral("name"), QStringLiteral("G")},       {QStringLiteral("memory_gb"), 24},
                        {QStringLiteral("memory_bandwidth_gb_s"), 900},      {QStringLiteral("fp16_tflops"), 100},
                        {QStringLiteral("int8_tops"), 200},                  {QStringLiteral("tdp_w"), 300},
                        {QStringLiteral("price"), 2000},                     {QStringLiteral("source"), QStringLiteral("https://example.com/g")},
                        {QStringLiteral("taken"), QStringLiteral("2026-11")}};
        const QJsonObject gpuFile{{QStringLiteral("format"), QStringLiteral("fyr-catalog-gpus")},
                                  {QStringLiteral("version"), 1},
                                  {QStringLiteral("rows"), QJsonArray{gpu}}};
        errors = Catalog::check(QStringLiteral("gpus.json"), QJsonDocument(gpuFile).toJson());
        QCOMPARE(errors, QStringList{QStringLiteral("gpus.json: rows[0].currency: missing (a price needs its currency)")});
    }

    void siteFileReplacesRowsById() {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("fyr.db"));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("catalog")));
        QCOMPARE(Catalog::siteDir(db), QDir(dir.path()).filePath(QStringLiteral("catalog")));
        const QString site = QDir(Catalog::siteDir(db)).filePath(QStringLiteral("api_prices.json"));
        QVERIFY(write(site, apiFile({apiRow(QStringLiteral("openai/gpt-4o"), 1.25, 5), apiRow(QStringLiteral("acme/contract"), 0.5, 1)})));
        QStringList errors;
        auto c = Catalog::loadInstalled(db, &errors);
        QVERIFY2(c, qPrintable(errors.join(u'\n')));
        const fyr::app::ApiPrice* p = c->apiPrice(QStringLiteral("openai/gpt-4o"));
        QVERIFY(p);
        QCOMPARE(p->inputPerMillion, 1.25);
        QCOMPARE(p->outputPerMillion, 5.0);
        QVERIFY(c->apiPrice(QStringLiteral("acme/contract")));
        QVERIFY(c->apiPrice(QStringLiteral("openai/gpt-4o-mini")));  // the rest stays
        QCOMPARE(c->apiPrices().size(), Catalog::load(QStringLiteral(":/catalog"), {}, &errors)->apiPrices().size() + 1);

        // A broken site file stops the catalog and is named by its path.
        QJsonObject bad = apiRow(QStringLiteral("acme/contract"), 0.5, 1);
        bad.remove(QStringLiteral("source"));
        QVERIFY(write(site, apiFile({bad})));
        c = Catalog::loadInstalled(db, &errors);
        QVERIFY(!c);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(site + QStringLiteral(": rows[0].source: missing")), qPrintable(errors.first()));
    }
};

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
