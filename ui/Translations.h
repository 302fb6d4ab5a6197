#pragma once
// Finch's translations: .qm files built from translations/*.ts, installed beside the
// binaries in share/finch/translations.
#include <QString>
#include <QStringList>

namespace finch::ui {

QString translationsFolder(); // <bin>/../share/finch/translations
QStringList availableLanguages(); // codes with a .qm file, e.g. "de", "zh_CN"
QString languageDisplayName(const QString& code); // "Deutsch (German)"

// Installs Finch's and Qt's own translations for `language` (empty: the system locale),
// replacing any installed before. Returns the code loaded, or "" when English is used.
QString installTranslators(const QString& language);

} // namespace finch::ui
