#pragma once

#include "exchanges/core/keystore.h"
#include "theme.h"
#include "tradingdesk.h"

#include <QMainWindow>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <optional>

class AccountsDialog;
class BalancesDock;
class OrderEntryDock;
class OrdersDock;
class PositionsDock;

class TradingHotkeys;
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
    static constexpr int LayoutVersion = 2; // 2: trading docks

    explicit MainWindow(MarketSession& session, QWidget* parent = nullptr);

    WatchlistDock* watchlistDock() const { return m_watchlist; }
    LadderDock* ladderDock() const { return m_ladder; }
    TradesDock* tradesDock() const { return m_trades; }
    ChartDock* chartDock() const { return m_chart; }
    MarketStatusBar* marketStatusBar() const { return m_status; }
    OrderEntryDock* orderEntryDock() const { return m_orderEntry; }
    OrdersDock* ordersDock() const { return m_orders; }
    PositionsDock* positionsDock() const { return m_positions; }
    BalancesDock* balancesDock() const { return m_balances; }
    TradingHotkeys* hotkeys() const { return m_hotkeys; }

    // The account the window trades with (not owned; nullptr: none). Every trading view follows it.
    void setTradingDesk(TradingDesk* desk);
    TradingDesk* tradingDesk() const { return m_desk; }
    QAction* tradingSettingsAction() const { return m_tradingSettingsAction; }
    // Which accounts Settings → Trade with offers: the venue's accounts in that environment (on the demo
    // venue only the demo account, the one key it accepts).
    void setTradingVenue(const QString& venue, Environment environment, bool demo);
    // The accounts Settings → Trade with lists now.
    QList<AccountId> tradableAccounts();
    QMenu* tradeWithMenu() const { return m_tradeWithMenu; }
    // Opens Settings → Trading for the current account (nullptr without one).
    QDialog* showTradingSettings();

    // The default arrangement for the current window size.
    void resetLayout();
    void saveLayout() const;
    // False (and the layout unchanged) when nothing usable was saved.
    bool restoreLayout();

    void setTheme(Theme::Kind kind);
    // "" follows the system locale. Applies now and is remembered for the next start.
    void setLanguage(const QString& code);

    // The key store Settings → Accounts works on (not owned); without one, the window makes its own
    // on the "botterm" keychain service when first needed.
    void setKeyStore(KeyStore* store);
    KeyStore& keyStore();
    // Where the built-in demo venue serves REST: the demo account's connection test goes there.
    void setDemoRestUrl(const QUrl& url) { m_demoRestUrl = url; }
    // Makes sure the demo account (bybit / demo / demo) exists in the key store with these public demo
    // credentials; without a keychain they are kept in memory for this run and the status bar says so.
    void ensureDemoAccount(const Credentials& credentials);
    // The demo credentials kept in memory because no keychain was available.
    std::optional<Credentials> inMemoryDemoCredentials() const { return m_memoryDemo; }
    QAction* accountsAction() const { return m_accountsAction; }
    // Opens Settings → Accounts (non-modal) and returns it.
    AccountsDialog* showAccounts();

Q_SIGNALS:
    // After ensureDemoAccount(): whether the account is in the keychain (false: in memory only).
    void demoAccountReady(bool inKeychain);
    void tradingDeskChanged(TradingDesk* desk);
    // The user picked an account in Settings → Trade with (nullopt: stop trading).
    void tradingAccountRequested(const std::optional<AccountId>& account);

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
    void fillTradeWithMenu();
    QList<QDockWidget*> allDocks() const;

    MarketSession& m_session;
    WatchlistDock* m_watchlist;
    ChartDock* m_chart;
    LadderDock* m_ladder;
    TradesDock* m_trades;
    MarketStatusBar* m_status;
    OrderEntryDock* m_orderEntry;
    OrdersDock* m_orders;
    PositionsDock* m_positions;
    BalancesDock* m_balances;
    TradingHotkeys* m_hotkeys;
    QPointer<TradingDesk> m_desk;
    QAction* m_tradingSettingsAction = nullptr;
    QMenu* m_tradeWithMenu = nullptr;
    QString m_tradingVenue;
    Environment m_tradingEnvironment = Environment::Mainnet;
    bool m_tradingDemo = false;

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
    QAction* m_accountsAction = nullptr;
    KeyStore* m_keyStore = nullptr;
    std::unique_ptr<KeyStore> m_ownKeyStore;
    QUrl m_demoRestUrl;
    std::optional<Credentials> m_memoryDemo;
    QPointer<AccountsDialog> m_accountsDialog;
    bool m_defaultSizesPending = false;
};
