#include "ui/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace finch::ui {

QString translationsFolder()
{
    return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/finch/translations"));
}

QStringList availableLanguages()
{
    QStringList codes;
    for (const QString& file : QDir(translationsFolder()).entryList({QStringLiteral("finch_*.qm")}, QDir::Files, QDir::Name))
        codes << file.mid(6, file.size() - 9);
    return codes;
}

QString languageDisplayName(const QString& code)
{
    const QLocale locale(code);
    const QString english = QLocale::languageToString(locale.language());
    const QString native = locale.nativeLanguageName();
    if (native.isEmpty() || native == english)
        return english;
    return QStringLiteral("%1 (%2)").arg(native, english);
}

QString installTranslators(const QString& language)
{
    // One pair for the process: replaced, never stacked, when the language changes.
    static QTranslator finch, qt;
    QCoreApplication::removeTranslator(&finch);
    QCoreApplication::removeTranslator(&qt);
    if (language == QLatin1String("en"))
        return {};
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    if (!finch.load(locale, QStringLiteral("finch"), QStringLiteral("_"), translationsFolder()))
        return {};
    QCoreApplication::installTranslator(&finch);
    // Qt's own strings (standard buttons, file dialogs) when the system has them.
    if (qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt);
    QLocale::setDefault(locale);
    return QFileInfo(finch.filePath()).completeBaseName().mid(6);
}

} // namespace finch::ui
