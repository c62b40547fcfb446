// Swedish is first-class: every source string has a finished Swedish translation,
// both .ts files cover the same strings, and the embedded .qm switches at run time.
#include <QCoreApplication>
#include <QFile>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

#include "core/language_manager.h"
#include "core/resources.h"

namespace {

struct TsMessage {
    QString context;
    QString source;
    QString translation;
    QString type;  // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
    QStringList numerusForms;
};

QList<TsMessage> readTs(const QString& path, QString* error) {
    QList<TsMessage> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot open");
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                inMessage = true;
                current = TsMessage{};
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source") && inMessage) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation") && inMessage) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus) {
                    current.translation = xml.readElementText();
                }
            } else if (name == QLatin1String("numerusform") && inMessage) {
                current.numerusForms << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            inMessage = false;
            out << current;
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    }
    return out;
}

QString tsPath(const char* lang) {
    return QStringLiteral(FYR_SOURCE_DIR "/translations/fyr_%1.ts").arg(QLatin1String(lang));
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { fyr::app::initResources(); }

    void swedishIsComplete() {
        QString error;
        const auto messages = readTs(tsPath("sv"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 50);
        QStringList missing;
        for (const TsMessage& m : messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete")) {
                missing << QStringLiteral("%1: stale entry \"%2\" (run the update_translations target)")
                               .arg(m.context, m.source);
                continue;
            }
            const bool empty = m.numerus ? (m.numerusForms.isEmpty() || m.numerusForms.contains(QString()))
                                         : m.translation.isEmpty();
            if (m.type == QLatin1String("unfinished") || empty)
                missing << QStringLiteral("%1: \"%2\"").arg(m.context, m.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("fyr_sv.ts lacks:\n  ") + missing.join(QStringLiteral("\n  "))));
    }

    void englishAndSwedishCoverTheSameStrings() {
        QString error;
        QSet<QString> en, sv;
        for (const TsMessage& m : readTs(tsPath("en"), &error)) en.insert(m.context + QLatin1Char('|') + m.source);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const TsMessage& m : readTs(tsPath("sv"), &error)) sv.insert(m.context + QLatin1Char('|') + m.source);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(en, sv);
    }

    void switchesAtRunTime() {
        fyr::app::LanguageManager lang;
        const char* source = "Show this help.";
        QVERIFY(lang.setLanguage(QStringLiteral("sv")));
        QCOMPARE(lang.language(), QStringLiteral("sv"));
        const QString swedish = QCoreApplication::translate("fyrctl", source);
        QVERIFY2(swedish != QLatin1String(source), qPrintable(swedish));
        QVERIFY(lang.setLanguage(QStringLiteral("en")));
        QCOMPARE(QCoreApplication::translate("fyrctl", source), QLatin1String(source));
        QVERIFY(!lang.setLanguage(QStringLiteral("xx")));
        QCOMPARE(lang.language(), QStringLiteral("en"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
