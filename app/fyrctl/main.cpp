// fyrctl: the Fyr core without a window. Everything lives in fyr_app; this file
// only sets up the application object and the language.
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

#include "cli/cli.h"
#include "core/language_manager.h"
#include "core/resources.h"
#include "fyr/build_info.h"

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Fyr"));
    QCoreApplication::setApplicationName(QStringLiteral("fyrctl"));
    QCoreApplication::setApplicationVersion(QString::fromStdString(fyr::build_info().version));
    fyr::app::initResources();

    fyr::app::LanguageManager language;
    language.setLanguage(QStringLiteral("system"));

    QTextStream out(stdout);
    QTextStream err(stderr);
    return fyr::app::cli::run(QCoreApplication::arguments(), out, err);
}
