#pragma once

// The whole terminal for GUI trading tests: a real DemoVenue on 127.0.0.1, a MarketSession on its public
// streams, the MainWindow (offscreen) and a TradingDesk on the demo account, live before a test starts.
// Credentials are the demo venue's public pair held in memory (no keychain needed); a test may pass
// another secret to see the venue refuse the login.

#include "exchanges/demo/demomarket.h"
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "models/orderbook.h"
#include "support/testbasics.h"
#include "ui/accountsdialog.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/tradingdesk.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

namespace tradingtest {

// QSettings of this test process go to a throwaway folder (never the user's), as botterm's organisation.
inline void useThrowawaySettings(const QTemporaryDir& dir,
                                 const QString& application = QStringLiteral("botterm-test"))
{
    if (!dir.isValid())
        qFatal("no temporary folder for the settings");
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("botterm"));
    QCoreApplication::setApplicationName(application);
}

} // namespace tradingtest

struct TradingTerminal
{
    static constexpr int TimeoutMs = 15'000;

    struct Options
    {
        std::uint64_t seed = 11;
        int updateIntervalMs = 50;
        QByteArray secret = DemoVenue::demoCredentials().secret; // another one: the login is refused
        int lookupAttempts = 3;
        std::chrono::milliseconds lookupInterval{300};
        std::chrono::milliseconds requestTimeout{5000};
        bool waitUntilLive = true;
        // How soon the private stream reconnects after a drop (tests that act while it is down want longer).
        std::chrono::milliseconds privateReconnect{300};
        // Read the demo account's key from this key store (the keychain) instead of holding it in memory.
        KeyStore* keys = nullptr;
        // Another key pair the venue accepts (added before the desk logs in).
        std::optional<Credentials> extraApiKey;
    };

    TradingTerminal()
        : TradingTerminal(Options{})
    {}

    explicit TradingTerminal(Options o)
    {
        DemoVenue::Options venueOptions;
        venueOptions.seed = o.seed;
        venueOptions.updateIntervalMs = o.updateIntervalMs;
        venue = std::make_unique<DemoVenue>(venueOptions);
        if (!venue->start())
            qFatal("demo venue does not start: %s", qPrintable(venue->errorString()));
        if (o.extraApiKey)
            venue->addApiKey(o.extraApiKey->key, o.extraApiKey->secret);

        MarketSession::Options options;
        options.demo = true;
        options.venueLabel = QStringLiteral("demo venue");
        options.categories = {Category::Linear, Category::Spot};
        options.restUrl = venue->restUrl();
        options.stream.initialBackoff = std::chrono::milliseconds(300);
        options.stream.maxBackoff = std::chrono::seconds(2);
        QList<SymbolKey> symbols;
        for (const Category category : options.categories) {
            options.streamUrls.insert(category, venue->publicStreamUrl(category));
            for (const QString& symbol : venue->symbols(category))
                symbols << SymbolKey{category, symbol};
        }
        session = std::make_unique<MarketSession>(createMarketDataAdapter(QStringLiteral("bybit")), options);
        session->setWatchlist(symbols);
        session->setActiveSymbol(btc());
        window = std::make_unique<MainWindow>(*session);

        TradingDesk::Options deskOptions;
        deskOptions.account = AccountsDialog::demoAccountId();
        deskOptions.restUrl = venue->restUrl();
        deskOptions.privateStreamUrl = venue->privateStreamUrl();
        if (!o.keys)
            deskOptions.credentials = Credentials(DemoVenue::demoCredentials().key, o.secret);
        deskOptions.stream.initialBackoff = o.privateReconnect;
        deskOptions.stream.jitter = 0;
        deskOptions.stream.maxBackoff =
            std::max<std::chrono::milliseconds>(o.privateReconnect, std::chrono::seconds(2));
        deskOptions.requestTimeout = o.requestTimeout;
        deskOptions.lookupAttempts = o.lookupAttempts;
        deskOptions.lookupInterval = o.lookupInterval;
        desk = TradingDesk::create(*session, o.keys, deskOptions);
        if (!desk)
            qFatal("no trading desk for the demo account");
        window->setTradingDesk(desk.get());
        window->show();
        session->start();
        desk->start();
        if (o.waitUntilLive && !waitUntilReady())
            qFatal("the terminal did not become ready: trading %d, book live %d",
                   static_cast<int>(desk->state()), int(desk->isBookLive(btc())));
    }

    ~TradingTerminal()
    {
        window.reset();
        desk.reset();
        session.reset();
        venue.reset();
    }

    // Trading live, BTCUSDT instruments loaded and its book live.
    bool waitUntilReady(int timeoutMs = TimeoutMs)
    {
        return QTest::qWaitFor(
            [this] { return desk->canTrade() && session->instrument(btc()) && desk->isBookLive(btc()); },
            timeoutMs);
    }

    static SymbolKey btc() { return SymbolKey{Category::Linear, QStringLiteral("BTCUSDT")}; }
    const Instrument& btcInstrument() const { return *session->instrument(btc()); }
    DemoMarket::Book& venueBook()
    {
        return *venue->market()->find(Category::Linear, QStringLiteral("BTCUSDT"));
    }

    std::unique_ptr<DemoVenue> venue;
    std::unique_ptr<MarketSession> session;
    std::unique_ptr<TradingDesk> desk;
    std::unique_ptr<MainWindow> window;
};

// The whole window — a MarketSession, a MainWindow and a TradingDesk — on a loopback venue of another
// venue than the demo, trading one symbol with the key pair the loopback venue verifies. A test keeps
// its loopback venue beside it (declared first, so it outlives the window) and adds its own helpers.
struct LoopbackWindow
{
    struct Spec
    {
        QString venue; // "gmocoin", "phemex", …
        SymbolKey symbol;
        QUrl restUrl;
        QUrl publicStreamUrl;
        QUrl privateStreamUrl;
        Credentials credentials;
    };

    explicit LoopbackWindow(const Spec& spec)
    {
        MarketSession::Options options;
        options.venueLabel = spec.venue + QStringLiteral(" loopback");
        options.categories = {spec.symbol.category};
        options.restUrl = spec.restUrl;
        options.streamUrls.insert(spec.symbol.category, spec.publicStreamUrl);
        options.stream.initialBackoff = std::chrono::milliseconds(300);
        session = std::make_unique<MarketSession>(createMarketDataAdapter(spec.venue), options);
        session->setWatchlist({spec.symbol});
        session->setActiveSymbol(spec.symbol);
        window = std::make_unique<MainWindow>(*session);

        TradingDesk::Options deskOptions;
        deskOptions.account = AccountId{spec.venue, QStringLiteral("main"), Environment::Mainnet};
        deskOptions.restUrl = spec.restUrl;
        deskOptions.privateStreamUrl = spec.privateStreamUrl;
        deskOptions.credentials = spec.credentials;
        deskOptions.stream.initialBackoff = std::chrono::milliseconds(300);
        deskOptions.stream.jitter = 0;
        desk = TradingDesk::create(*session, nullptr, deskOptions);
        if (!desk)
            qFatal("no trading desk for %s", qPrintable(spec.venue));
        window->setTradingDesk(desk.get());
        window->show();
        session->start();
        desk->start();
    }
    ~LoopbackWindow()
    {
        window.reset();
        desk.reset();
        session.reset();
    }
    LoopbackWindow(const LoopbackWindow&) = delete;
    LoopbackWindow& operator=(const LoopbackWindow&) = delete;

    std::unique_ptr<MarketSession> session;
    std::unique_ptr<TradingDesk> desk;
    std::unique_ptr<MainWindow> window;
};
