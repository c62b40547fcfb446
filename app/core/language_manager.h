// Switches the user-interface language at run time. Installs Fyr's own translation
// and Qt's (standard dialogs, shortcuts) for the chosen language; every widget then
// receives QEvent::LanguageChange and re-translates itself.
//
//   fyr::app::LanguageManager lang;
//   lang.setLanguage(QStringLiteral("sv"));   // Swedish; "en" for English
//
// GUI-thread only.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

namespace fyr::app {

class LanguageManager final : public QObject {
    Q_OBJECT
public:
    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    // Language codes with a translation, English first: {"en", "sv"}.
    static QStringList available();
    // The language's own name: "English", "Svenska".
    static QString nativeName(const QString& code);
    // "sv" for a Swedish system locale, "en" for anything without a translation.
    static QString systemLanguage();

    // "system" resolves to systemLanguage(). Returns false for a code with no translation.
    bool setLanguage(const QString& code);
    QString language() const { return m_current; }

signals:
    void languageChanged(const QString& code);

private:
    QString m_current = QStringLiteral("en");
    std::unique_ptr<QTranslator> m_fyr;
    std::unique_ptr<QTranslator> m_qt;
};

}  // namespace fyr::app
