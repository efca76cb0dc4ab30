#include "mainwindow.h"

#include "accountsdialog.h"
#include "accountsettings.h"
#include "balancesdock.h"
#include "chartdock.h"
#include "ladderdock.h"
#include "language.h"
#include "marketsession.h"
#include "orderentrydock.h"
#include "paintpacer.h"
#include "ordersdock.h"
#include "positionsdock.h"
#include "statusbar.h"
#include "tradesdock.h"
#include "tradingdesk.h"
#include "tradinghotkeys.h"
#include "tradingsettingsdialog.h"
#include "watchlistdock.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QGuiApplication>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QSslSocket>
#include <QTimer>

#include <openssl/crypto.h>

#include <algorithm>

MainWindow::MainWindow(MarketSession& session, QWidget* parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_watchlist(new WatchlistDock(session, this))
    , m_chart(new ChartDock(session, this))
    , m_ladder(new LadderDock(session, this))
    , m_trades(new TradesDock(session, this))
    , m_status(new MarketStatusBar(session, this))
    , m_orderEntry(new OrderEntryDock(session, this))
    , m_orders(new OrdersDock(session, this))
    , m_positions(new PositionsDock(session, this))
    , m_balances(new BalancesDock(session, this))
    , m_hotkeys(new TradingHotkeys(session, this))
{
    PaintPacer::install();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(Theme::appIcon());
    setDockNestingEnabled(true);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks | GroupedDragging);
    setStatusBar(m_status);
    for (QDockWidget* dock : allDocks()) {
        dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                          QDockWidget::DockWidgetClosable);
    }
    createMenus();
    retranslate();
    resize(defaultWindowSize());
    resetLayout();
    connect(&m_session, &MarketSession::activeSymbolChanged, this, &MainWindow::updateTitle);
    connect(m_ladder, &LadderDock::priceSelected, m_orderEntry, &OrderEntryDock::setPrice);
}

QList<QDockWidget*> MainWindow::allDocks() const
{
    return {m_watchlist, m_chart, m_ladder, m_trades, m_orderEntry, m_orders, m_positions, m_balances};
}

void MainWindow::setTradingDesk(TradingDesk* desk)
{
    m_desk = desk;
    m_orderEntry->setDesk(desk);
    m_orders->setDesk(desk);
    m_positions->setDesk(desk);
    m_balances->setDesk(desk);
    m_ladder->setDesk(desk);
    m_hotkeys->setDesk(desk);
    m_status->setDesk(desk);
    m_tradingSettingsAction->setEnabled(desk != nullptr);
    updateTitle();
    Q_EMIT tradingDeskChanged(desk);
}

void MainWindow::setTradingVenue(const QString& venue, Environment environment, bool demo)
{
    m_tradingVenue = venue;
    m_tradingEnvironment = environment;
    m_tradingDemo = demo;
}

QList<AccountId> MainWindow::tradableAccounts()
{
    if (m_tradingDemo)
        return {AccountsDialog::demoAccountId()};
    QList<AccountId> out;
    for (const AccountId& id : keyStore().accounts()) {
        if (id.venue == m_tradingVenue && id.environment == m_tradingEnvironment)
            out << id;
    }
    return out;
}

void MainWindow::fillTradeWithMenu()
{
    m_tradeWithMenu->clear();
    qDeleteAll(m_tradeWithMenu->findChildren<QActionGroup*>(Qt::FindDirectChildrenOnly));
    auto* group = new QActionGroup(m_tradeWithMenu);
    const auto add = [&](const QString& text, const std::optional<AccountId>& id) {
        QAction* a = m_tradeWithMenu->addAction(text, this, [this, id] { Q_EMIT tradingAccountRequested(id); });
        a->setCheckable(true);
        a->setChecked(id ? (m_desk && m_desk->account() == *id) : !m_desk);
        group->addAction(a);
    };
    const QList<AccountId> accounts = tradableAccounts();
    for (const AccountId& id : accounts)
        add(id.account + QStringLiteral(" (") + environmentName(id.environment) + QLatin1Char(')'), id);
    if (accounts.isEmpty()) {
        QAction* none = m_tradeWithMenu->addAction(tr("No %1 account: add one in Settings → Accounts").arg(m_tradingVenue));
        none->setEnabled(false);
    }
    m_tradeWithMenu->addSeparator();
    add(tr("No trading (market data only)"), std::nullopt);
}

QDialog* MainWindow::showTradingSettings()
{
    if (!m_desk)
        return nullptr;
    auto* dialog = new TradingSettingsDialog(m_desk->settings(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);

    m_viewMenu = menuBar()->addMenu(QString());
    for (QDockWidget* dock : allDocks())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_resetLayoutAction = m_viewMenu->addAction(QString(), this, &MainWindow::resetLayout);
    m_themeMenu = m_viewMenu->addMenu(QString());
    auto* themes = new QActionGroup(this);
    m_darkAction = m_themeMenu->addAction(QString(), this, [this] { setTheme(Theme::Kind::Dark); });
    m_lightAction = m_themeMenu->addAction(QString(), this, [this] { setTheme(Theme::Kind::Light); });
    for (QAction* a : {m_darkAction, m_lightAction}) {
        a->setCheckable(true);
        themes->addAction(a);
    }
    (Theme::current() == Theme::Kind::Dark ? m_darkAction : m_lightAction)->setChecked(true);

    m_settingsMenu = menuBar()->addMenu(QString());
    m_accountsAction = m_settingsMenu->addAction(QString(), this, [this] { showAccounts(); });
    m_tradeWithMenu = m_settingsMenu->addMenu(QString());
    m_tradeWithMenu->setObjectName(QStringLiteral("tradeWithMenu"));
    connect(m_tradeWithMenu, &QMenu::aboutToShow, this, &MainWindow::fillTradeWithMenu);
    m_tradingSettingsAction = m_settingsMenu->addAction(QString(), this, [this] { showTradingSettings(); });
    m_tradingSettingsAction->setEnabled(false);
    m_languageMenu = m_settingsMenu->addMenu(QString());
    auto* languages = new QActionGroup(this);
    m_systemLanguageAction = m_languageMenu->addAction(QString(), this, [this] { setLanguage(QString()); });
    m_systemLanguageAction->setCheckable(true);
    languages->addAction(m_systemLanguageAction);
    m_languageMenu->addSeparator();
    const QString saved = Language::saved();
    m_systemLanguageAction->setChecked(saved.isEmpty());
    for (const QString& code : Language::available()) {
        // Each language is named in itself, so it can be found whatever the current language is.
        QAction* a =
            m_languageMenu->addAction(Language::nativeName(code), this, [this, code] { setLanguage(code); });
        a->setCheckable(true);
        a->setChecked(saved == code);
        a->setData(code);
        languages->addAction(a);
    }

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, &MainWindow::showAbout);
    m_aboutAction->setMenuRole(QAction::AboutRole);
}

void MainWindow::setKeyStore(KeyStore* store)
{
    m_keyStore = store;
}

KeyStore& MainWindow::keyStore()
{
    if (!m_keyStore) {
        m_ownKeyStore = std::make_unique<KeyStore>();
        m_keyStore = m_ownKeyStore.get();
    }
    return *m_keyStore;
}

void MainWindow::ensureDemoAccount(const Credentials& credentials)
{
    QPointer<MainWindow> self(this);
    AccountsDialog::ensureAccount(
        keyStore(), AccountsDialog::demoAccountId(), credentials,
        [self, credentials](const Result<std::monostate, KeyStoreError>& result) {
            if (!self)
                return;
            if (result) {
                self->m_memoryDemo.reset();
            } else {
                // Public demo values: safe to keep in memory for this run, never written to QSettings.
                self->m_memoryDemo = credentials;
                self->statusBar()->showMessage(
                    tr("No OS keychain: the demo account is kept in memory for this run only (%1)")
                        .arg(result.error().message));
            }
            if (self->m_accountsDialog && self->m_memoryDemo)
                self->m_accountsDialog->setInMemoryDemoCredentials(*self->m_memoryDemo);
            Q_EMIT self->demoAccountReady(bool(result));
        });
}

AccountsDialog* MainWindow::showAccounts()
{
    if (!m_accountsDialog) {
        m_accountsDialog = new AccountsDialog(keyStore(), this);
        m_accountsDialog->setAttribute(Qt::WA_DeleteOnClose);
        m_accountsDialog->setDemoRestUrl(m_demoRestUrl);
        if (m_memoryDemo)
            m_accountsDialog->setInMemoryDemoCredentials(*m_memoryDemo);
    }
    m_accountsDialog->show();
    m_accountsDialog->raise();
    m_accountsDialog->activateWindow();
    return m_accountsDialog;
}

void MainWindow::retranslate()
{
    m_fileMenu->setTitle(tr("&File"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_resetLayoutAction->setText(tr("&Reset layout"));
    m_themeMenu->setTitle(tr("&Theme"));
    m_darkAction->setText(tr("&Dark"));
    m_lightAction->setText(tr("&Light"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_accountsAction->setText(tr("&Accounts…"));
    m_tradingSettingsAction->setText(tr("&Trading…"));
    m_tradeWithMenu->setTitle(tr("Trade &with"));
    m_languageMenu->setTitle(tr("&Language"));
    m_systemLanguageAction->setText(tr("&System default"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About botterm"));
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QString symbol = m_session.activeSymbol().symbol;
    const QString venue = m_session.isDemo() ? tr("DEMO") : m_session.venueLabel();
    setWindowTitle(symbol.isEmpty() ? tr("botterm — %1").arg(venue)
                                    : tr("botterm — %1 — %2").arg(venue, symbol));
}

QSize MainWindow::defaultWindowSize()
{
    // 1280×800 at least; on a larger screen (1920×1080 and up) most of it, so the chart gets the room.
    const QSize minimum(1280, 800);
    const QScreen* screen = QGuiApplication::primaryScreen();
    if (!screen)
        return minimum;
    const QSize available = screen->availableGeometry().size();
    if (available.width() < minimum.width() || available.height() < minimum.height())
        return minimum;
    return QSize(available.width() * 92 / 100, available.height() * 92 / 100).expandedTo(minimum);
}

void MainWindow::resetLayout()
{
    const QList<QDockWidget*> docks = allDocks();
    for (QDockWidget* dock : docks) {
        dock->setFloating(false);
        removeDockWidget(dock);
    }
    // Left column: watchlist over the order entry; the chart in the middle over the account's orders,
    // positions and balances (tabbed); the ladder on the right over the tape.
    addDockWidget(Qt::LeftDockWidgetArea, m_watchlist);
    splitDockWidget(m_watchlist, m_chart, Qt::Horizontal);
    splitDockWidget(m_chart, m_ladder, Qt::Horizontal);
    splitDockWidget(m_watchlist, m_orderEntry, Qt::Vertical);
    splitDockWidget(m_ladder, m_trades, Qt::Vertical);
    splitDockWidget(m_chart, m_orders, Qt::Vertical);
    tabifyDockWidget(m_orders, m_positions);
    tabifyDockWidget(m_positions, m_balances);
    for (QDockWidget* dock : docks)
        dock->show();
    m_orders->raise();
    applyDefaultSizes();
    // Before the first show the docks have no geometry to share out yet: size them again once shown,
    // unless a saved layout has been restored by then.
    m_defaultSizesPending = !isVisible();
}

void MainWindow::applyDefaultSizes()
{
    const int w = width();
    const int h = height();
    const int left = std::clamp(w * 30 / 100, 420, 540);
    const int right = std::max(std::clamp(w * 21 / 100, 270, 380), m_ladder->minimumSizeHint().width());
    resizeDocks({m_watchlist, m_chart, m_ladder}, {left, std::max(200, w - left - right), right},
                Qt::Horizontal);
    resizeDocks({m_watchlist, m_orderEntry}, {h * 45 / 100, h * 55 / 100}, Qt::Vertical);
    resizeDocks({m_ladder, m_trades}, {h * 64 / 100, h * 36 / 100}, Qt::Vertical);
    resizeDocks({m_chart, m_orders}, {h * 64 / 100, h * 36 / 100}, Qt::Vertical);
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_defaultSizesPending) {
        m_defaultSizesPending = false;
        QTimer::singleShot(0, this, &MainWindow::applyDefaultSizes);
    }
}

void MainWindow::saveLayout() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState(LayoutVersion));
}

bool MainWindow::restoreLayout()
{
    QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    const QByteArray state = settings.value(QStringLiteral("window/state")).toByteArray();
    if (geometry.isEmpty() || state.isEmpty())
        return false;
    if (!restoreGeometry(geometry) || !restoreState(state, LayoutVersion))
        return false;
    m_defaultSizesPending = false;
    return true;
}

void MainWindow::setTheme(Theme::Kind kind)
{
    Theme::apply(kind);
    QSettings().setValue(QStringLiteral("ui/theme"), Theme::name(kind));
    (kind == Theme::Kind::Dark ? m_darkAction : m_lightAction)->setChecked(true);
}

void MainWindow::setLanguage(const QString& code)
{
    Language::save(code);
    Language::apply(code); // Qt sends LanguageChange to every widget
}

void MainWindow::showAbout()
{
    const QString text =
        tr("<h3>botterm %1</h3>"
           "<p>A fast, trustworthy desktop trading terminal.</p>"
           "<table>"
           "<tr><td>Qt</td><td>%2 (built with %3)</td></tr>"
           "<tr><td>OpenSSL</td><td>%4</td></tr>"
           "<tr><td>TLS (Qt)</td><td>%5</td></tr>"
           "</table>")
            .arg(QStringLiteral(BOTTERM_VERSION), QString::fromLatin1(qVersion()),
                 QStringLiteral(QT_VERSION_STR), QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)),
                 QSslSocket::sslLibraryVersionString());
    QMessageBox::about(this, tr("About botterm"), text);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}
