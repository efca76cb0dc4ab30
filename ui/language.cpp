#include "language.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace {
QTranslator* g_translator = nullptr;
QString g_current = QStringLiteral("en");
} // namespace

namespace Language {

QStringList available()
{
    return {QStringLiteral("en"), QStringLiteral("ja")};
}

QString nativeName(const QString& code)
{
    if (code == QLatin1String("ja"))
        return QStringLiteral("日本語");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString saved()
{
    const QString code = QSettings().value(QStringLiteral("ui/language")).toString();
    return available().contains(code) ? code : QString();
}

void save(const QString& code)
{
    QSettings().setValue(QStringLiteral("ui/language"), code);
}

QString apply(const QString& code)
{
    auto* translator = new QTranslator(qApp);
    bool loaded = false;
    if (code.isEmpty()) {
        // The first of the system's preferred languages we have a translation for.
        loaded = translator->load(QLocale::system(), QStringLiteral("botterm"), QStringLiteral("_"),
                                  QStringLiteral(":/i18n"));
    } else {
        loaded = translator->load(QStringLiteral(":/i18n/botterm_") + code);
    }
    if (g_translator) {
        QCoreApplication::removeTranslator(g_translator);
        delete g_translator;
        g_translator = nullptr;
    }
    if (!loaded) {
        delete translator;
        g_current = QStringLiteral("en");
        return g_current;
    }
    g_translator = translator;
    QCoreApplication::installTranslator(translator);
    g_current = translator->language().left(2);
    if (!available().contains(g_current))
        g_current = QStringLiteral("en");
    return g_current;
}

QString current()
{
    return g_current;
}

} // namespace Language
