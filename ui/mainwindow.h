#pragma once

#include "theme.h"

#include <QMainWindow>

class ChartDock;
class LadderDock;
class MarketSession;
class MarketStatusBar;
class QAction;
class QActionGroup;
class QMenu;
class TradesDock;
class WatchlistDock;

// The terminal window: watchlist, chart, order book and trades as docks that move, tab, float and
// close; menus; the status bar. The layout and geometry are saved on close and restored on start
// (QSettings, "window/…"); View → Reset layout brings back the default for the window's size.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    static constexpr int LayoutVersion = 1;

    explicit MainWindow(MarketSession& session, QWidget* parent = nullptr);

    WatchlistDock* watchlistDock() const { return m_watchlist; }
    LadderDock* ladderDock() const { return m_ladder; }
    TradesDock* tradesDock() const { return m_trades; }
    ChartDock* chartDock() const { return m_chart; }
    MarketStatusBar* marketStatusBar() const { return m_status; }

    // The default arrangement for the current window size.
    void resetLayout();
    void saveLayout() const;
    // False (and the layout unchanged) when nothing usable was saved.
    bool restoreLayout();

    void setTheme(Theme::Kind kind);
    // "" follows the system locale. Applies now and is remembered for the next start.
    void setLanguage(const QString& code);

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createMenus();
    void applyDefaultSizes();
    static QSize defaultWindowSize();
    void retranslate();
    void updateTitle();
    void showAbout();

    MarketSession& m_session;
    WatchlistDock* m_watchlist;
    ChartDock* m_chart;
    LadderDock* m_ladder;
    TradesDock* m_trades;
    MarketStatusBar* m_status;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_themeMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_resetLayoutAction = nullptr;
    QAction* m_darkAction = nullptr;
    QAction* m_lightAction = nullptr;
    QAction* m_systemLanguageAction = nullptr;
    QAction* m_aboutAction = nullptr;
    bool m_defaultSizesPending = false;
};
