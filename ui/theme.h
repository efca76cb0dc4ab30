#pragma once

#include <QColor>
#include <QIcon>
#include <QString>

#include <optional>

// Colours the custom-painted views use, for the current theme.
struct ThemeColors
{
    QColor background; // chart and ladder
    QColor panel;      // headers, toolbars
    QColor text;
    QColor dimText;
    QColor grid;
    QColor up;   // price up, bids, buys
    QColor down; // price down, asks, sells
    QColor upBar;
    QColor downBar;
    QColor flash; // a size that just changed
    QColor crosshair;
    QColor accent;
    QColor demo;    // the DEMO badge
    QColor warning; // reconnecting, resyncing
};

// Dark and light looks: a Fusion palette, a short style sheet, and the colours above. Applying one
// repaints every widget (Qt sends PaletteChange/StyleChange).
class Theme final
{
public:
    enum class Kind
    {
        Dark,
        Light,
    };

    static void apply(Kind kind);
    static Kind current();
    static const ThemeColors& colors();

    static QString name(Kind kind); // "dark", "light" (settings)
    static std::optional<Kind> fromName(const QString& name);

    static QIcon appIcon();
    // The monospaced-digit font the ladder, tape and chart use.
    static QFont numberFont();
};
