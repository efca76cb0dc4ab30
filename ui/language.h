#pragma once

#include <QString>
#include <QStringList>

// The user-interface language: the system locale unless the user picked one (Settings → Language).
// Switching installs a new translator; Qt then sends LanguageChange to every widget, which retranslates
// itself, so a change applies live.
namespace Language {
// "" follows the system locale; otherwise "en" or "ja".
QStringList available();                 // {"en", "ja"}
QString nativeName(const QString& code); // "English", "日本語"
// The setting stored under "ui/language" ("" when unset).
QString saved();
void save(const QString& code);
// Installs the translation for code ("" = system locale). Returns the language actually in effect
// ("en" when no translation matches).
QString apply(const QString& code);
QString current();
} // namespace Language
