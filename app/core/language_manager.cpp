#include "core/language_manager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>

#include "core/log_categories.h"

namespace fyr::app {

LanguageManager::LanguageManager(QObject* parent) : QObject(parent) {}

LanguageManager::~LanguageManager() {
    if (m_fyr) QCoreApplication::removeTranslator(m_fyr.get());
    if (m_qt) QCoreApplication::removeTranslator(m_qt.get());
}

QStringList LanguageManager::available() { return {QStringLiteral("en"), QStringLiteral("sv")}; }

QString LanguageManager::nativeName(const QString& code) {
    if (code == QLatin1String("sv")) return QStringLiteral("Svenska");
    return QStringLiteral("English");
}

QString LanguageManager::systemLanguage() {
    for (const QString& name : QLocale::system().uiLanguages()) {
        const QString code = name.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0).toLower();
        if (available().contains(code)) return code;
    }
    return QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString& requested) {
    const QString code = requested == QLatin1String("system") ? systemLanguage() : requested;
    if (!available().contains(code)) {
        qCWarning(lcUi) << "no translation for language" << requested;
        return false;
    }
    if (m_fyr) QCoreApplication::removeTranslator(m_fyr.get());
    if (m_qt) QCoreApplication::removeTranslator(m_qt.get());
    m_fyr.reset();
    m_qt.reset();

    if (code != QLatin1String("en")) {
        auto fyrTr = std::make_unique<QTranslator>();
        if (!fyrTr->load(QStringLiteral(":/i18n/fyr_%1.qm").arg(code))) {
            qCWarning(lcUi) << "translation resource missing for" << code;
            return false;
        }
        QCoreApplication::installTranslator(fyrTr.get());
        m_fyr = std::move(fyrTr);

        // Qt's own strings (standard buttons, dialogs) when the system has them.
        auto qtTr = std::make_unique<QTranslator>();
        if (qtTr->load(QStringLiteral("qt_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qtTr.get());
            m_qt = std::move(qtTr);
        }
    }
    const bool changed = code != m_current;
    m_current = code;
    QLocale::setDefault(QLocale(code == QLatin1String("sv") ? QLocale::Swedish : QLocale::English,
                                code == QLatin1String("sv") ? QLocale::Sweden : QLocale::UnitedStates));
    if (changed) emit languageChanged(code);
    return true;
}

}  // namespace fyr::app
