#include "theme.h"

#include <QApplication>
#include <QFontDatabase>
#include <QPalette>
#include <QStyleFactory>

namespace {

Theme::Kind g_current = Theme::Kind::Dark;

const ThemeColors& darkColors()
{
    static const ThemeColors c{QColor(0x13, 0x17, 0x22), QColor(0x1c, 0x20, 0x2b), QColor(0xd1, 0xd4, 0xdc),
                               QColor(0x8a, 0x8e, 0x9a), QColor(0x2a, 0x2e, 0x39), QColor(0x26, 0xa6, 0x9a),
                               QColor(0xef, 0x53, 0x50), QColor(38, 166, 154, 60), QColor(239, 83, 80, 60),
                               QColor(255, 213, 79, 70), QColor(0x9a, 0x9e, 0xaa), QColor(0x29, 0x62, 0xff),
                               QColor(0xf5, 0x9e, 0x0b), QColor(0xf5, 0x9e, 0x0b)};
    return c;
}

const ThemeColors& lightColors()
{
    static const ThemeColors c{QColor(0xff, 0xff, 0xff), QColor(0xf0, 0xf3, 0xfa), QColor(0x13, 0x17, 0x22),
                               QColor(0x6a, 0x6d, 0x78), QColor(0xe6, 0xe9, 0xf0), QColor(0x08, 0x99, 0x81),
                               QColor(0xf2, 0x36, 0x45), QColor(8, 153, 129, 45),  QColor(242, 54, 69, 45),
                               QColor(255, 193, 7, 110), QColor(0x78, 0x7b, 0x86), QColor(0x29, 0x62, 0xff),
                               QColor(0xd9, 0x77, 0x06), QColor(0xc2, 0x41, 0x0c)};
    return c;
}

QPalette paletteFor(const ThemeColors& c, bool dark)
{
    QPalette p;
    const QColor base = c.background;
    const QColor window = dark ? QColor(0x1a, 0x1e, 0x28) : QColor(0xf4, 0xf5, 0xf8);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, c.text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, dark ? QColor(0x18, 0x1c, 0x26) : QColor(0xf7, 0xf8, 0xfa));
    p.setColor(QPalette::Text, c.text);
    p.setColor(QPalette::Button, c.panel);
    p.setColor(QPalette::ButtonText, c.text);
    p.setColor(QPalette::ToolTipBase, c.panel);
    p.setColor(QPalette::ToolTipText, c.text);
    p.setColor(QPalette::PlaceholderText, c.dimText);
    p.setColor(QPalette::Highlight, dark ? QColor(0x2a, 0x3a, 0x5c) : QColor(0xd6, 0xe4, 0xff));
    p.setColor(QPalette::HighlightedText, c.text);
    p.setColor(QPalette::Link, c.accent);
    p.setColor(QPalette::Mid, c.grid);
    p.setColor(QPalette::Dark, dark ? QColor(0x0c, 0x0e, 0x14) : QColor(0xc8, 0xcb, 0xd3));
    p.setColor(QPalette::Light, dark ? QColor(0x2f, 0x34, 0x40) : QColor(0xff, 0xff, 0xff));
    p.setColor(QPalette::Disabled, QPalette::Text, c.dimText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, c.dimText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, c.dimText);
    return p;
}

QString styleSheetFor(const ThemeColors& c)
{
    return QStringLiteral(R"(
QMainWindow::separator { background: %1; width: 3px; height: 3px; }
QDockWidget { titlebar-close-icon: none; }
QDockWidget::title { background: %2; padding: 4px 6px; text-align: left; }
QHeaderView::section { background: %2; color: %3; border: none; border-bottom: 1px solid %1; padding: 2px 6px; }
QTableView { gridline-color: %1; border: none; selection-background-color: palette(highlight); }
QStatusBar { background: %2; border-top: 1px solid %1; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 0 6px; }
QLabel#demoBadge { background: %4; color: #000000; font-weight: bold; border-radius: 3px; padding: 1px 8px; }
QToolButton:checked { background: %5; color: #ffffff; border-radius: 3px; }
QTabBar::tab { background: %2; color: %3; padding: 4px 10px; border: none; }
QTabBar::tab:selected { color: palette(text); border-bottom: 2px solid %5; }
)")
        .arg(c.grid.name(), c.panel.name(), c.dimText.name(), c.demo.name(), c.accent.name());
}

} // namespace

void Theme::apply(Kind kind)
{
    g_current = kind;
    if (auto* fusion = QStyleFactory::create(QStringLiteral("Fusion")))
        QApplication::setStyle(fusion);
    const bool dark = kind == Kind::Dark;
    QApplication::setPalette(paletteFor(colors(), dark));
    qApp->setStyleSheet(styleSheetFor(colors()));
}

Theme::Kind Theme::current()
{
    return g_current;
}

const ThemeColors& Theme::colors()
{
    return g_current == Kind::Dark ? darkColors() : lightColors();
}

QString Theme::name(Kind kind)
{
    return kind == Kind::Dark ? QStringLiteral("dark") : QStringLiteral("light");
}

std::optional<Theme::Kind> Theme::fromName(const QString& name)
{
    if (name == QLatin1String("dark"))
        return Kind::Dark;
    if (name == QLatin1String("light"))
        return Kind::Light;
    return std::nullopt;
}

QIcon Theme::appIcon()
{
    return QIcon(QStringLiteral(":/icons/botterm-256.png"));
}

QFont Theme::numberFont()
{
    // The interface font: its digits are tabular (equal widths) in the fonts Debian ships (DejaVu,
    // Noto), so columns line up, and it is narrower than a monospaced font. (Forcing tabular figures
    // with QFont::setFeature needs Qt 6.6.)
    return QApplication::font();
}
