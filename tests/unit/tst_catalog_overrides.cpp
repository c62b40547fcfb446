// The site's own rows of the price catalog: added, replaced and removed by id in
// each table, checked by the catalog's rules before the file is replaced (a bad
// row is refused with the field named and the file is left as it was), each
// change audited as catalog.change; a role without settings.manage is refused;
// the catalog in force (Catalog::loadInstalled) follows.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include "cli_runner.h"
#include "core/resources.h"
#include "services/catalog.h"
#include "services/catalog_overrides.h"
#include "services/installation.h"
#include "store/audit_log.h"
#include "store/identity.h"

using namespace fyr::app;

namespace {

const QByteArray kPassword = "admin password 1";
const QByteArray kPassphrase = "data passphrase for tests 1";

QMap<QString, QString> apiText(const QString& id, const QString& in, const QString& out) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("provider"), QStringLiteral("Acme")},
            {QStringLiteral("model"), QStringLiteral("Acme Large")},
            {QStringLiteral("input_per_million"), in},
            {QStringLiteral("output_per_million"), out},
            {QStringLiteral("currency"), QStringLiteral("EUR")},
            {QStringLiteral("source"), QStringLiteral("https://contracts.example.com/acme")},
            {QStringLiteral("taken"), QStringLiteral("2026-11-20")}};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestCatalogOverrides : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    SignedIn as(const QString& user, const QByteArray& password) {
        SignedIn s = signIn(m_path, user, password, kPassphrase, QStringLiteral("test"), QStringLiteral("test"));
        if (!s.ok()) qWarning() << s.error;
        return s;
    }

    QStringList audited(SignedIn& s) {
        QString error;
        QStringList out;
        for (const AuditLog::Entry& e : s.audit->entries(1, 10000, &error))
            if (e.action == QLatin1String("catalog.change")) out << e.actor + QLatin1Char(' ') + e.target + QLatin1Char(' ') + e.details;
        return out;
    }

private slots:
    void initTestCase() {
        initResources();
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("fyr.db"));
        QCOMPARE(createInstallation(m_path, QStringLiteral("admin"), kPassword, kPassphrase), QString());
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        QVERIFY(admin.ok());
        QCOMPARE(admin.identity->createUser(QStringLiteral("ana"), "analyst password 1", QStringLiteral("analyst")), QString());
    }

    void namesAndFields() {
        for (CatalogTable t : CatalogOverrides::tables()) {
            QCOMPARE(CatalogOverrides::tableFromName(CatalogOverrides::tableName(t)), std::optional<CatalogTable>(t));
            QCOMPARE(CatalogOverrides::tableFromName(CatalogOverrides::fileName(t)), std::optional<CatalogTable>(t));
            QVERIFY(!CatalogOverrides::builtinRows(t).isEmpty());
            QVERIFY(!Catalog::fields(CatalogOverrides::fileName(t)).isEmpty());
        }
        QVERIFY(!CatalogOverrides::tableFromName(QStringLiteral("prices")));
        // Numbers become numbers (either decimal mark), empty fields are left out.
        const QJsonObject row = CatalogOverrides::rowFromText(
            CatalogTable::ApiPrices, {{QStringLiteral("input_per_million"), QStringLiteral(" 2.5 ")},
                                      {QStringLiteral("output_per_million"), QStringLiteral("ten")},
                                      {QStringLiteral("note"), QString()}});
        QCOMPARE(row.value(QStringLiteral("input_per_million")).toDouble(), 2.5);
        QCOMPARE(row.value(QStringLiteral("output_per_million")).toString(), QStringLiteral("ten"));
        QVERIFY(!row.contains(QStringLiteral("note")));
    }

    void addReplaceRemoveApiPrice() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        QVERIFY(admin.ok());
        CatalogOverrides site(m_path);
        QVERIFY(site.siteRows(CatalogTable::ApiPrices).isEmpty());
        const QJsonObject row = CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                              apiText(QStringLiteral("acme/large"), QStringLiteral("2.5"), QStringLiteral("10")));
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, row), QString());
        QCOMPARE(site.siteRows(CatalogTable::ApiPrices).size(), 1);
        QVERIFY(QFile::exists(QDir(Catalog::siteDir(m_path)).filePath(QStringLiteral("api_prices.json"))));

        QStringList errors;
        auto catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY2(catalog, qPrintable(errors.join(u'\n')));
        QVERIFY(catalog->apiPrice(QStringLiteral("acme/large")));
        QCOMPARE(catalog->apiPrice(QStringLiteral("acme/large"))->inputPerMillion, 2.5);
        QCOMPARE(catalog->apiPrice(QStringLiteral("acme/large"))->currency, QStringLiteral("EUR"));

        bool shown = false;
        for (const CatalogOverrides::Row& r : site.merged(CatalogTable::ApiPrices))
            if (r.row.value(QStringLiteral("id")).toString() == QLatin1String("acme/large"))
                shown = r.origin == CatalogOverrides::Origin::Site;
        QVERIFY(shown);

        // Replaced by id: one row, the new figures, old -> new audited.
        const QJsonObject cheaper = CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                                  apiText(QStringLiteral("acme/large"), QStringLiteral("2"), QStringLiteral("8")));
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, cheaper), QString());
        QCOMPARE(site.siteRows(CatalogTable::ApiPrices).size(), 1);
        catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY(catalog);
        QCOMPARE(catalog->apiPrice(QStringLiteral("acme/large"))->outputPerMillion, 8.0);
        const QStringList entries = audited(admin);
        QCOMPARE(entries.size(), 2);
        QVERIFY2(entries.at(0).startsWith(QStringLiteral("admin api_prices/acme/large null -> {")), qPrintable(entries.at(0)));
        QVERIFY2(entries.at(1).contains(QStringLiteral("\"input_per_million\":2.5")) &&
                     entries.at(1).contains(QStringLiteral("-> {")) && entries.at(1).contains(QStringLiteral("\"input_per_million\":2,")),
                 qPrintable(entries.at(1)));
        // The same row again changes nothing and audits nothing.
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, cheaper), QString());
        QCOMPARE(audited(admin).size(), 2);

        QCOMPARE(site.remove(admin.who, *admin.audit, CatalogTable::ApiPrices, QStringLiteral("acme/large")), QString());
        QVERIFY(site.siteRows(CatalogTable::ApiPrices).isEmpty());
        catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY(catalog);
        QVERIFY(!catalog->apiPrice(QStringLiteral("acme/large")));
        QVERIFY2(audited(admin).last().endsWith(QStringLiteral(" -> null")), qPrintable(audited(admin).last()));

        const QString missing = site.remove(admin.who, *admin.audit, CatalogTable::ApiPrices, QStringLiteral("acme/large"));
        QVERIFY2(missing.contains(QStringLiteral("api_prices/acme/large")) && missing.contains(QStringLiteral("no row")), qPrintable(missing));
    }

    void builtInRowIsReplacedAndComesBack() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        CatalogOverrides site(m_path);
        QJsonObject gpu = CatalogOverrides::builtinRows(CatalogTable::Gpus).first();
        const QString id = gpu.value(QStringLiteral("id")).toString();
        QVERIFY(!gpu.contains(QStringLiteral("price")));
        gpu.insert(QStringLiteral("price"), 21000);
        gpu.insert(QStringLiteral("currency"), QStringLiteral("EUR"));
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::Gpus, gpu), QString());
        QStringList errors;
        auto catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY2(catalog, qPrintable(errors.join(u'\n')));
        QCOMPARE(catalog->gpu(id)->price.value_or(0), 21000.0);
        const QList<CatalogOverrides::Row> merged = site.merged(CatalogTable::Gpus);
        QCOMPARE(merged.size(), CatalogOverrides::builtinRows(CatalogTable::Gpus).size());
        QCOMPARE(merged.first().origin, CatalogOverrides::Origin::Replaces);

        const QString builtin = site.remove(admin.who, *admin.audit, CatalogTable::Gpus,
                                            CatalogOverrides::builtinRows(CatalogTable::Gpus).last().value(QStringLiteral("id")).toString());
        QVERIFY2(builtin.contains(QStringLiteral("built-in")), qPrintable(builtin));
        QCOMPARE(site.remove(admin.who, *admin.audit, CatalogTable::Gpus, id), QString());
        catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY(catalog);
        QVERIFY(!catalog->gpu(id)->price);
    }

    void cloudInstanceRow() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        CatalogOverrides site(m_path);
        // A decimal comma is read where the user's language writes one.
        const QLocale locale;
        QLocale::setDefault(QLocale(QLocale::Swedish, QLocale::Sweden));
        const QJsonObject row = CatalogOverrides::rowFromText(
            CatalogTable::CloudInstances,
            {{QStringLiteral("id"), QStringLiteral("site-colo-rack-1")},
             {QStringLiteral("provider"), QStringLiteral("Colo AB")},
             {QStringLiteral("instance"), QStringLiteral("rack-1")},
             {QStringLiteral("gpu_count"), QStringLiteral("4")},
             {QStringLiteral("gpu"), QStringLiteral("NVIDIA H100")},
             {QStringLiteral("hourly_price"), QStringLiteral("12,5")},
             {QStringLiteral("currency"), QStringLiteral("SEK")},
             {QStringLiteral("pricing"), QStringLiteral("reserved")},
             {QStringLiteral("region"), QStringLiteral("Stockholm")},
             {QStringLiteral("source"), QStringLiteral("https://contracts.example.com/colo")},
             {QStringLiteral("taken"), QStringLiteral("2026-11")}});
        QLocale::setDefault(locale);
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::CloudInstances, row), QString());
        QStringList errors;
        const auto catalog = Catalog::loadInstalled(m_path, &errors);
        QVERIFY2(catalog, qPrintable(errors.join(u'\n')));
        bool found = false;
        for (const CloudInstance& i : catalog->cloudInstances())
            if (i.id == QLatin1String("site-colo-rack-1")) found = i.gpuCount == 4 && i.hourlyPrice == 12.5;
        QVERIFY(found);
        QCOMPARE(site.remove(admin.who, *admin.audit, CatalogTable::CloudInstances, QStringLiteral("site-colo-rack-1")), QString());
    }

    void badRowIsRefusedAndTheFileIsKept_data() {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative price") << "input_per_million" << "-1" << "rows[\"acme/bad\"].input_per_million: expected a number above 0, got -1";
        QTest::newRow("word for a price") << "output_per_million" << "cheap" << "rows[\"acme/bad\"].output_per_million: expected a number above 0, got \"cheap\"";
        QTest::newRow("no source") << "source" << "" << "rows[\"acme/bad\"].source: missing (expected an http or https address)";
        QTest::newRow("ftp source") << "source" << "ftp://example.com/x" << "rows[\"acme/bad\"].source: expected an http or https address";
        QTest::newRow("bad date") << "taken" << "20 Nov 2026" << "rows[\"acme/bad\"].taken: expected an ISO 8601 date";
        QTest::newRow("currency") << "currency" << "euro" << "rows[\"acme/bad\"].currency: expected a three-letter ISO 4217 currency code";
        QTest::newRow("unknown field") << "sorce" << "https://example.com" << "rows[\"acme/bad\"].sorce: not a field of this file";
    }
    void badRowIsRefusedAndTheFileIsKept() {
        QFETCH(QString, field);
        QFETCH(QString, text);
        QFETCH(QString, message);
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        CatalogOverrides site(m_path);
        const QJsonObject good = CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                               apiText(QStringLiteral("acme/good"), QStringLiteral("1"), QStringLiteral("2")));
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, good), QString());
        const QByteArray before = readAll(site.filePath(CatalogTable::ApiPrices));
        const qsizetype auditedBefore = audited(admin).size();

        QMap<QString, QString> values = apiText(QStringLiteral("acme/bad"), QStringLiteral("1"), QStringLiteral("2"));
        values.insert(field, text);
        const QString error = site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, CatalogOverrides::rowFromText(CatalogTable::ApiPrices, values));
        QVERIFY2(error.startsWith(QStringLiteral("api_prices.json: ")) && error.contains(message), qPrintable(error));
        QCOMPARE(readAll(site.filePath(CatalogTable::ApiPrices)), before);
        QCOMPARE(audited(admin).size(), auditedBefore);
        QCOMPARE(site.remove(admin.who, *admin.audit, CatalogTable::ApiPrices, QStringLiteral("acme/good")), QString());
    }

    void fileBrokenByHandIsMendedNotWorsened() {
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        CatalogOverrides site(m_path);
        const QString path = site.filePath(CatalogTable::ApiPrices);
        QJsonObject broken = CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                           apiText(QStringLiteral("acme/hand"), QStringLiteral("1"), QStringLiteral("2")));
        broken.insert(QStringLiteral("currency"), QStringLiteral("dollars"));
        const QJsonObject top{{QStringLiteral("format"), QStringLiteral("fyr-catalog-api-prices")},
                              {QStringLiteral("version"), 1},
                              {QStringLiteral("rows"), QJsonArray{broken}}};
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QJsonDocument(top).toJson());
        }
        QCOMPARE(site.problems(CatalogTable::ApiPrices).size(), 1);
        QCOMPARE(site.siteRows(CatalogTable::ApiPrices).size(), 1);  // listed, so it can be put right
        // Another row cannot be added while the file is broken: it says why.
        const QString refused = site.set(admin.who, *admin.audit, CatalogTable::ApiPrices,
                                         CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                                       apiText(QStringLiteral("acme/other"), QStringLiteral("1"), QStringLiteral("2"))));
        QVERIFY2(refused.contains(QStringLiteral("rows[0].currency")), qPrintable(refused));
        // Putting the broken row right mends the file.
        broken.insert(QStringLiteral("currency"), QStringLiteral("USD"));
        QCOMPARE(site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, broken), QString());
        QVERIFY(site.problems(CatalogTable::ApiPrices).isEmpty());
        QCOMPARE(site.remove(admin.who, *admin.audit, CatalogTable::ApiPrices, QStringLiteral("acme/hand")), QString());

        // Not JSON at all: refused, the file left for a person to look at.
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{ rows: ");
        }
        const QString notJson = site.set(admin.who, *admin.audit, CatalogTable::ApiPrices, broken);
        QVERIFY2(notJson.contains(QStringLiteral("not valid JSON")), qPrintable(notJson));
        QCOMPARE(readAll(path), QByteArray("{ rows: "));
        QVERIFY(QFile::remove(path));
    }

    void withoutSettingsManageNothingChanges() {
        SignedIn ana = as(QStringLiteral("ana"), "analyst password 1");
        QVERIFY(ana.ok());
        CatalogOverrides site(m_path);
        const QJsonObject row = CatalogOverrides::rowFromText(CatalogTable::ApiPrices,
                                                              apiText(QStringLiteral("acme/ana"), QStringLiteral("1"), QStringLiteral("2")));
        const QString error = site.set(ana.who, *ana.audit, CatalogTable::ApiPrices, row);
        QVERIFY2(error.contains(QStringLiteral("settings.manage")) && error.contains(QStringLiteral("ana")), qPrintable(error));
        QVERIFY(site.siteRows(CatalogTable::ApiPrices).isEmpty());
        QVERIFY(site.remove(ana.who, *ana.audit, CatalogTable::ApiPrices, QStringLiteral("acme/ana")).contains(QStringLiteral("settings.manage")));
    }

    // fyrctl cost catalog: list, set (a built-in row's fields kept unless given), remove; audited; permission.
    void fyrctlCostCatalog() {
        qputenv("FYR_PASSPHRASE", kPassphrase);
        qputenv("FYR_PASSWORD", kPassword);
        const QStringList asAdmin = {QStringLiteral("--db"), m_path, QStringLiteral("--as"), QStringLiteral("admin")};
        const QStringList catalog = {QStringLiteral("cost"), QStringLiteral("catalog")};

        CliResult r = runCli(catalog + QStringList{QStringLiteral("set"), QStringLiteral("api_prices"),
                                                   QStringLiteral("id=openai/gpt-4o"), QStringLiteral("input_per_million=1.75"),
                                                   QStringLiteral("source=https://contracts.example.com/openai"),
                                                   QStringLiteral("taken=2026-11-21")} + asAdmin);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("api_prices/openai/gpt-4o saved")), qPrintable(r.out));
        QStringList errors;
        auto installed = Catalog::loadInstalled(m_path, &errors);
        QVERIFY2(installed, qPrintable(errors.join(u'\n')));
        const ApiPrice* p = installed->apiPrice(QStringLiteral("openai/gpt-4o"));
        QCOMPARE(p->inputPerMillion, 1.75);
        QCOMPARE(p->outputPerMillion, 10.0);  // the built-in row's, not given
        QCOMPARE(p->source.url, QStringLiteral("https://contracts.example.com/openai"));

        r = runCli(catalog + QStringList{QStringLiteral("list"), QStringLiteral("api_prices")} + asAdmin);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("site (replaces built-in)")) && r.out.contains(QStringLiteral("built in")), qPrintable(r.out));
        r = runCli(catalog + QStringList{QStringLiteral("list"), QStringLiteral("--json")} + asAdmin);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
        bool replaced = false, gpus = false;
        for (const QJsonValue& v : rows) {
            const QJsonObject o = v.toObject();
            gpus = gpus || o.value(QStringLiteral("table")).toString() == QLatin1String("gpus");
            if (o.value(QStringLiteral("row")).toObject().value(QStringLiteral("id")).toString() == QLatin1String("openai/gpt-4o"))
                replaced = o.value(QStringLiteral("origin")).toString() == QLatin1String("replaces");
        }
        QVERIFY(replaced && gpus);

        // A bad value: refused, the field named, nothing changed.
        r = runCli(catalog + QStringList{QStringLiteral("set"), QStringLiteral("api_prices"), QStringLiteral("id=openai/gpt-4o"),
                                         QStringLiteral("currency=dollars")} + asAdmin);
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("currency: expected a three-letter ISO 4217 currency code")), qPrintable(r.err));
        // Usage: a table that is not one, an argument that is not FIELD=VALUE.
        r = runCli(catalog + QStringList{QStringLiteral("set"), QStringLiteral("prices"), QStringLiteral("id=x")} + asAdmin);
        QVERIFY2(r.rc != 0 && r.err.contains(QStringLiteral("gpus, cloud_instances or api_prices, got 'prices'")), qPrintable(r.err));
        r = runCli(catalog + QStringList{QStringLiteral("set"), QStringLiteral("gpus"), QStringLiteral("id=x"), QStringLiteral("memory_gb")} + asAdmin);
        QVERIFY2(r.rc != 0 && r.err.contains(QStringLiteral("expected FIELD=VALUE, got 'memory_gb'")), qPrintable(r.err));

        // An analyst may list but not change.
        qputenv("FYR_PASSWORD", "analyst password 1");
        const QStringList asAna = {QStringLiteral("--db"), m_path, QStringLiteral("--as"), QStringLiteral("ana")};
        r = runCli(catalog + QStringList{QStringLiteral("list"), QStringLiteral("gpus")} + asAna);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        r = runCli(catalog + QStringList{QStringLiteral("remove"), QStringLiteral("api_prices"), QStringLiteral("openai/gpt-4o")} + asAna);
        QCOMPARE(r.rc, 1);
        QVERIFY2(r.err.contains(QStringLiteral("settings.manage")), qPrintable(r.err));

        qputenv("FYR_PASSWORD", kPassword);
        r = runCli(catalog + QStringList{QStringLiteral("remove"), QStringLiteral("api_prices"), QStringLiteral("openai/gpt-4o")} + asAdmin);
        QVERIFY2(r.rc == 0, qPrintable(r.err));
        installed = Catalog::loadInstalled(m_path, &errors);
        QVERIFY(installed);
        QVERIFY(installed->apiPrice(QStringLiteral("openai/gpt-4o"))->inputPerMillion != 1.75);
        SignedIn admin = as(QStringLiteral("admin"), kPassword);
        const QStringList entries = audited(admin);
        QVERIFY2(entries.filter(QStringLiteral("admin api_prices/openai/gpt-4o")).size() >= 2, qPrintable(entries.join(u'\n')));
        for (const char* v : {"FYR_PASSPHRASE", "FYR_PASSWORD"}) qunsetenv(v);
    }
};

QTEST_GUILESS_MAIN(TestCatalogOverrides)
#include "tst_catalog_overrides.moc"
