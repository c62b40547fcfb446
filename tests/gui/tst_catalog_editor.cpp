// The price catalog editor on the Settings page, offscreen: an admin adds a site
// API price, it shows as the site's own and is the catalog in force
// (Catalog::loadInstalled sees it); a bad value is refused with the field
// named and nothing is written; a built-in row is replaced and comes back when
// the site's row is removed; a role without settings.manage may read but not save.
#include <QAbstractItemModelTester>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/resources.h"
#include "pages/catalog_editor.h"
#include "pages/settings_page.h"
#include "services/app_session.h"
#include "services/catalog.h"
#include "services/catalog_overrides.h"
#include "services/installation.h"
#include "store/audit_log.h"
#include "store/identity.h"
#include "test_installation.h"

using namespace fyr::app;
using fyr::ui::CatalogEditor;
using fyr::ui::SettingsPage;

namespace {

using fyr::test::kPassphrase;
using fyr::test::kPassword;

void fillApiPrice(CatalogEditor& editor, const QString& id, const QString& in, const QString& out) {
    editor.setFieldText(QStringLiteral("id"), id);
    editor.setFieldText(QStringLiteral("provider"), QStringLiteral("Acme"));
    editor.setFieldText(QStringLiteral("model"), QStringLiteral("Acme Large"));
    editor.setFieldText(QStringLiteral("input_per_million"), in);
    editor.setFieldText(QStringLiteral("output_per_million"), out);
    editor.setFieldText(QStringLiteral("currency"), QStringLiteral("EUR"));
    editor.setFieldText(QStringLiteral("source"), QStringLiteral("https://contracts.example.com/acme"));
}

}  // namespace

class TestCatalogEditor final : public QObject {
    Q_OBJECT
private:
    fyr::test::TestInstallation m_installation;
    QString m_path;

    std::unique_ptr<AppSession> signInAs(const QString& user, const QByteArray& password) {
        return m_installation.signInAs(user, password);
    }

    QStringList auditedChanges(AppSession& session) {
        QStringList out;
        for (const AuditLog::Entry& e : fyr::test::TestInstallation::audited(session, QStringLiteral("catalog.change")))
            out << e.actor + QLatin1Char(' ') + e.target;
        return out;
    }

    static const ApiPrice* installedPrice(const QString& path, const QString& id, std::optional<Catalog>* keep) {
        QStringList errors;
        *keep = Catalog::loadInstalled(path, &errors);
        if (!*keep) qWarning() << errors;
        return *keep ? (*keep)->apiPrice(id) : nullptr;
    }

private slots:
    void initTestCase() {
        initResources();
        QCOMPARE(m_installation.create(), QString());
        m_path = m_installation.path();
        auto admin = signInAs(QStringLiteral("admin"), kPassword);
        QVERIFY(admin);
        QCOMPARE(admin->identity().createUser(QStringLiteral("olle"), "operatorpass1", QStringLiteral("operator")),
                 QString());
    }

    void isATabOfTheSettingsPage() {
        SettingsPage page;
        QVERIFY(page.catalogEditor());
        auto* tabs = page.findChild<QTabWidget*>(QStringLiteral("settingsTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 2);
        QCOMPARE(tabs->tabText(1), QStringLiteral("Price catalog"));
        QCOMPARE(tabs->widget(1), page.catalogEditor());
        // Not signed in: nothing listed, nothing to save.
        QCOMPARE(page.catalogEditor()->catalogModel()->rowCount(), 0);
        QVERIFY(!page.catalogEditor()->canEdit());
    }

    void adminAddsASiteApiPrice() {
        auto session = signInAs(QStringLiteral("admin"), kPassword);
        QVERIFY(session);
        SettingsPage page;
        CatalogEditor& editor = *page.catalogEditor();
        QAbstractItemModelTester tester(editor.catalogModel());
        page.setSession(session.get());
        page.show();
        editor.setTable(CatalogTable::ApiPrices);
        QCOMPARE(editor.catalogModel()->rowCount(), CatalogOverrides::builtinRows(CatalogTable::ApiPrices).size());
        QCOMPARE(editor.originOf(QStringLiteral("openai/gpt-4o")), QStringLiteral("built in"));
        QVERIFY(editor.canEdit());

        editor.newRow();
        QCOMPARE(editor.fieldText(QStringLiteral("taken")), QDate::currentDate().toString(Qt::ISODate));
        QCOMPARE(editor.fieldText(QStringLiteral("id")), QString());
        fillApiPrice(editor, QStringLiteral("acme/large"), QStringLiteral("2.5"), QStringLiteral("10"));
        QSignalSpy changed(&editor, &CatalogEditor::catalogChanged);
        QVERIFY2(editor.save(), qPrintable(editor.messageText()));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("api_prices/acme/large"));
        QCOMPARE(editor.originOf(QStringLiteral("acme/large")), QStringLiteral("site"));
        QCOMPARE(editor.catalogModel()->rowCount(), CatalogOverrides::builtinRows(CatalogTable::ApiPrices).size() + 1);
        QVERIFY(auditedChanges(*session).contains(QStringLiteral("admin api_prices/acme/large")));
        page.findChild<QTabWidget*>(QStringLiteral("settingsTabs"))->setCurrentWidget(&editor);
        page.resize(1200, 800);
        QVERIFY(editor.selectRow(QStringLiteral("acme/large")));
        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        QVERIFY(page.grab().save(QStringLiteral(FYR_SCREENSHOT_DIR "/page_settingsPage_catalog_en.png")));

        // It is the catalog in force: what cost reports compare with.
        std::optional<Catalog> catalog;
        const ApiPrice* price = installedPrice(m_path, QStringLiteral("acme/large"), &catalog);
        QVERIFY(price);
        QCOMPARE(price->inputPerMillion, 2.5);
        QCOMPARE(price->outputPerMillion, 10.0);
        QCOMPARE(price->currency, QStringLiteral("EUR"));
        QCOMPARE(price->source.taken, QDate::currentDate().toString(Qt::ISODate));

        // A bad value: refused with the field and what was expected; nothing written.
        QVERIFY(editor.selectRow(QStringLiteral("acme/large")));
        QCOMPARE(editor.fieldText(QStringLiteral("input_per_million")), QStringLiteral("2.5"));
        QVERIFY(editor.findChild<QPushButton*>(QStringLiteral("catalogRemoveButton"))->isEnabled());
        editor.setFieldText(QStringLiteral("input_per_million"), QStringLiteral("-2"));
        QVERIFY(!editor.save());
        QVERIFY(editor.messageIsError());
        QVERIFY2(editor.messageText().contains(QLatin1String("input_per_million: expected a number above 0, got -2")),
                 qPrintable(editor.messageText()));
        editor.setFieldText(QStringLiteral("input_per_million"), QStringLiteral("2.5"));
        editor.setFieldText(QStringLiteral("source"), QStringLiteral("contract 42"));
        QVERIFY(!editor.save());
        QVERIFY2(editor.messageText().contains(QLatin1String("source: expected an http or https address")),
                 qPrintable(editor.messageText()));
        price = installedPrice(m_path, QStringLiteral("acme/large"), &catalog);
        QVERIFY(price);
        QCOMPARE(price->source.url, QStringLiteral("https://contracts.example.com/acme"));

        // A built-in row replaced by the site's, and back when that is removed.
        QVERIFY(editor.selectRow(QStringLiteral("openai/gpt-4o")));
        QVERIFY(!editor.findChild<QPushButton*>(QStringLiteral("catalogRemoveButton"))->isEnabled());
        QCOMPARE(editor.fieldText(QStringLiteral("id")), QStringLiteral("openai/gpt-4o"));
        editor.setFieldText(QStringLiteral("input_per_million"), QStringLiteral("1.75"));
        QVERIFY2(editor.save(), qPrintable(editor.messageText()));
        QCOMPARE(editor.originOf(QStringLiteral("openai/gpt-4o")), QStringLiteral("site (replaces built-in)"));
        QCOMPARE(installedPrice(m_path, QStringLiteral("openai/gpt-4o"), &catalog)->inputPerMillion, 1.75);
        QVERIFY(editor.selectRow(QStringLiteral("openai/gpt-4o")));
        QVERIFY2(editor.removeSelected(), qPrintable(editor.messageText()));
        QCOMPARE(editor.originOf(QStringLiteral("openai/gpt-4o")), QStringLiteral("built in"));
        QVERIFY(installedPrice(m_path, QStringLiteral("openai/gpt-4o"), &catalog)->inputPerMillion != 1.75);

        // The other tables have their own fields.
        editor.findChild<QTabBar*>(QStringLiteral("catalogTables"))->setCurrentIndex(0);
        QCOMPARE(editor.table(), CatalogTable::Gpus);
        QVERIFY(editor.findChild<QLineEdit*>(QStringLiteral("catalogField_memory_gb")));
        QVERIFY(!editor.findChild<QLineEdit*>(QStringLiteral("catalogField_input_per_million")));
        QCOMPARE(editor.catalogModel()->rowCount(), CatalogOverrides::builtinRows(CatalogTable::Gpus).size());
        QVERIFY(session->audit().verify().ok);
    }

    void withoutSettingsManageItIsReadOnly() {
        auto session = signInAs(QStringLiteral("olle"), "operatorpass1");
        QVERIFY(session);
        QVERIFY(!session->may(Permission::SettingsManage));
        SettingsPage page;
        CatalogEditor& editor = *page.catalogEditor();
        page.setSession(session.get());
        page.show();
        editor.setTable(CatalogTable::ApiPrices);
        // The admin's row is there to read.
        QCOMPARE(editor.originOf(QStringLiteral("acme/large")), QStringLiteral("site"));
        QVERIFY(!editor.canEdit());
        QVERIFY(!editor.findChild<QPushButton*>(QStringLiteral("catalogSaveButton"))->isEnabled());
        QVERIFY(editor.findChild<QLineEdit*>(QStringLiteral("catalogField_id"))->isReadOnly());
        QVERIFY2(editor.messageText().contains(QLatin1String("settings.manage")), qPrintable(editor.messageText()));

        // Even forced, nothing is saved and it says why.
        const QByteArray before = [&] {
            QFile f(CatalogOverrides(m_path).filePath(CatalogTable::ApiPrices));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        QVERIFY(editor.selectRow(QStringLiteral("acme/large")));
        editor.setFieldText(QStringLiteral("input_per_million"), QStringLiteral("0.5"));
        QVERIFY(!editor.save());
        QVERIFY2(editor.messageText().contains(QLatin1String("settings.manage")), qPrintable(editor.messageText()));
        QVERIFY(!editor.removeSelected());
        QFile f(CatalogOverrides(m_path).filePath(CatalogTable::ApiPrices));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
};

QTEST_MAIN(TestCatalogEditor)
#include "tst_catalog_editor.moc"
