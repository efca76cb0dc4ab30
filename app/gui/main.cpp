// The terminal: builds the engine (the demo venue or a real venue's public feed), then the window.
#include "exchanges/core/keystore.h"
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "ui/accountsdialog.h"
#include "ui/language.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/theme.h"
#include "ui/tradingdesk.h"

#include "models/orderbookmodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

#include <cstdio>
#include <memory>

namespace {

QList<SymbolKey> savedWatchlist(const QString& venueKey, const QList<Category>& categories)
{
    QList<SymbolKey> keys;
    const QStringList saved = QSettings().value(QStringLiteral("watchlist/") + venueKey).toStringList();
    for (const QString& text : saved) {
        const auto key = SymbolKey::fromString(text);
        if (key && categories.contains(key->category) && !keys.contains(*key))
            keys << *key;
    }
    return keys;
}

// --report-first-paint: watches every paint; the first one that happens while the active order book is
// live and has levels ends the run with the time since main() started.
class FirstLivePaint final : public QObject
{
public:
    FirstLivePaint(const MarketSession& session, const QElapsedTimer& started)
        : m_session(session)
        , m_started(started)
    {
        qApp->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() != QEvent::Paint || m_done)
            return QObject::eventFilter(watched, event);
        const OrderBookModel* book = m_session.bookModel();
        if (book->bookState() == OrderBook::State::Live && book->rowCount() > 0) {
            m_done = true;
            // Reported once this paint is done, from the event loop.
            QMetaObject::invokeMethod(
                qApp,
                [this] {
                    std::printf("first-live-paint-ms %lld\n", static_cast<long long>(m_started.elapsed()));
                    std::fflush(stdout);
                    QCoreApplication::quit();
                },
                Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    const MarketSession& m_session;
    const QElapsedTimer& m_started;
    bool m_done = false;
};

} // namespace

int main(int argc, char** argv)
{
    QElapsedTimer started;
    started.start();
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("botterm"));
    QCoreApplication::setApplicationName(QStringLiteral("botterm"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BOTTERM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("botterm — a desktop crypto trading terminal"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Run the built-in demo venue and connect to it (the default)."));
    const QCommandLineOption venueOption(QStringLiteral("venue"),
                                         QStringLiteral("Stream a real venue's public market data: ") +
                                             marketDataVenues().join(QStringLiteral(", ")),
                                         QStringLiteral("name"));
    const QCommandLineOption categoryOption(
        QStringLiteral("category"),
        QStringLiteral("Markets of the real venue, comma-separated: linear, spot."), QStringLiteral("list"),
        QStringLiteral("linear"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
                                        QStringLiteral("Interface language for this run: ja or en."),
                                        QStringLiteral("code"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QStringLiteral("dark or light."),
                                         QStringLiteral("name"));
    const QCommandLineOption accountOption(
        QStringLiteral("account"),
        QStringLiteral("Trade with this account of the real venue (Settings → Accounts); without it, the "
                       "venue's only account in that environment, if there is exactly one."),
        QStringLiteral("name"));
    const QCommandLineOption envOption(
        QStringLiteral("env"), QStringLiteral("The real venue's environment: mainnet, testnet or demo."),
        QStringLiteral("env"), QStringLiteral("mainnet"));
    const QCommandLineOption demoPortOption(
        QStringLiteral("demo-port"),
        QStringLiteral(
            "The demo venue's port on 127.0.0.1 (default: any free port), so botterm-cli can reach it."),
        QStringLiteral("port"));
    const QCommandLineOption rateOption(
        QStringLiteral("rate"),
        QStringLiteral("Firehose: the demo venue sends this many more frames per second (book deltas, "
                       "trades, tickers) across what the window subscribes, for load tests."),
        QStringLiteral("frames/s"));
    const QCommandLineOption firstPaintOption(
        QStringLiteral("report-first-paint"),
        QStringLiteral("Print the milliseconds from the start of main() to the first paint with a live "
                       "order book on stdout, then quit (the cold-start benchmark)."));
    parser.addOptions({demoOption, demoPortOption, rateOption, venueOption, categoryOption, accountOption,
                       envOption, langOption, themeOption, firstPaintOption});
    parser.process(app);

    const QString lang = parser.isSet(langOption) ? parser.value(langOption) : Language::saved();
    if (!lang.isEmpty() && !Language::available().contains(lang)) {
        std::fprintf(stderr, "botterm: unknown language '%s' (ja, en)\n", qPrintable(lang));
        return 2;
    }
    Language::apply(lang);

    const auto themeName = parser.isSet(themeOption)
                               ? parser.value(themeOption)
                               : QSettings().value(QStringLiteral("ui/theme")).toString();
    Theme::apply(Theme::fromName(themeName).value_or(Theme::Kind::Dark));

    // The demo venue unless a real venue is asked for.
    const bool demo = parser.isSet(demoOption) || !parser.isSet(venueOption);
    std::unique_ptr<DemoVenue> demoVenue;
    MarketSession::Options options;
    QList<SymbolKey> defaults;
    QString venueKey;
    std::unique_ptr<MarketDataAdapter> adapter;
    if (demo) {
        DemoVenue::Options venueOptions;
        if (parser.isSet(demoPortOption)) {
            bool ok = false;
            const uint port = parser.value(demoPortOption).toUInt(&ok);
            if (!ok || port == 0 || port > 65535) {
                std::fprintf(stderr, "botterm: --demo-port must be a port number (1-65535)\n");
                return 2;
            }
            venueOptions.port = static_cast<quint16>(port);
        }
        if (parser.isSet(rateOption)) {
            bool ok = false;
            venueOptions.firehoseRate = parser.value(rateOption).toInt(&ok);
            if (!ok || venueOptions.firehoseRate < 0 || venueOptions.firehoseRate > 1'000'000) {
                std::fprintf(stderr, "botterm: --rate must be 0..1000000 frames per second\n");
                return 2;
            }
        }
        demoVenue = std::make_unique<DemoVenue>(venueOptions);
        if (!demoVenue->start()) {
            QMessageBox::critical(nullptr, QStringLiteral("botterm"),
                                  QCoreApplication::translate("main", "The demo venue could not start: %1")
                                      .arg(demoVenue->errorString()));
            return 1;
        }
        adapter = createMarketDataAdapter(QStringLiteral("bybit"));
        options.demo = true;
        options.venueLabel = QCoreApplication::translate("main", "Demo venue (Bybit V5) on 127.0.0.1:%1")
                                 .arg(demoVenue->port());
        options.categories = {Category::Linear, Category::Spot};
        for (const Category category : options.categories) {
            options.streamUrls.insert(category, demoVenue->publicStreamUrl(category));
            for (const QString& symbol : demoVenue->symbols(category))
                defaults << SymbolKey{category, symbol};
        }
        options.restUrl = demoVenue->restUrl();
        venueKey = QStringLiteral("demo");
    } else {
        const QString venue = parser.value(venueOption);
        adapter = createMarketDataAdapter(venue);
        if (!adapter) {
            std::fprintf(stderr, "botterm: unknown venue '%s' (%s)\n", qPrintable(venue),
                         qPrintable(marketDataVenues().join(QStringLiteral(", "))));
            return 2;
        }
        options.categories.clear();
        for (const QString& name : parser.value(categoryOption).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto category = categoryFromName(name.trimmed());
            if (!category || !adapter->categories().contains(*category)) {
                std::fprintf(stderr, "botterm: %s has no market '%s'\n", qPrintable(venue), qPrintable(name));
                return 2;
            }
            if (!options.categories.contains(*category))
                options.categories << *category;
        }
        if (options.categories.isEmpty())
            options.categories << Category::Linear;
        options.venueLabel = adapter->venue();
        options.venueLabel[0] = options.venueLabel[0].toUpper();
        for (const Category category : options.categories) {
            for (const QString& symbol : adapter->defaultSymbols(category))
                defaults << SymbolKey{category, symbol};
        }
        venueKey = adapter->venue();
        const auto environment = environmentFromName(parser.value(envOption).trimmed().toLower());
        if (!environment) {
            std::fprintf(stderr, "botterm: --env must be mainnet, testnet or demo\n");
            return 2;
        }
        options.environment = *environment;
    }

    MarketSession session(std::move(adapter), options);
    QList<SymbolKey> watchlist = savedWatchlist(venueKey, options.categories);
    if (watchlist.isEmpty())
        watchlist = defaults;
    session.setWatchlist(watchlist);
    QSettings settings;
    const auto interval = intervalFromName(settings.value(QStringLiteral("chart/interval")).toString());
    session.setCandleInterval(interval.value_or(CandleInterval::OneMinute));
    const auto active =
        SymbolKey::fromString(settings.value(QStringLiteral("active/") + venueKey).toString());
    session.setActiveSymbol(active && watchlist.contains(*active)
                                ? *active
                                : (watchlist.isEmpty() ? SymbolKey{} : watchlist.first()));

    KeyStore keyStore;
    MainWindow window(session);
    window.setKeyStore(&keyStore);
    if (demoVenue) {
        // A newcomer can trade at once: the demo venue's public key becomes the "demo" account.
        window.setDemoRestUrl(demoVenue->restUrl());
        window.ensureDemoAccount(DemoVenue::demoCredentials());
    }
    // The account the window trades with: the demo account on the demo venue, else the one asked for.
    std::unique_ptr<TradingDesk> desk;
    const auto startTrading = [&](const AccountId& id, std::optional<Credentials> inMemory) {
        TradingDesk::Options tradingOptions;
        tradingOptions.account = id;
        tradingOptions.credentials = std::move(inMemory);
        if (demoVenue) {
            tradingOptions.restUrl = demoVenue->restUrl();
            tradingOptions.privateStreamUrl = demoVenue->privateStreamUrl();
        }
        QString error;
        window.setTradingDesk(nullptr);
        desk = TradingDesk::create(session, &keyStore, tradingOptions, &error);
        if (!desk) {
            window.statusBar()->showMessage(error);
            return;
        }
        window.setTradingDesk(desk.get());
        desk->start();
    };
    window.setTradingVenue(demo ? QStringLiteral("bybit") : venueKey, options.environment, demo);
    QObject::connect(&window, &MainWindow::tradingAccountRequested, &window,
                     [&](const std::optional<AccountId>& id) {
                         QSettings().setValue(QStringLiteral("trading/lastAccount/") + venueKey,
                                              id ? id->account : QStringLiteral("-"));
                         if (!id) {
                             window.setTradingDesk(nullptr);
                             desk.reset();
                             return;
                         }
                         startTrading(*id, demoVenue ? window.inMemoryDemoCredentials() : std::nullopt);
                     });
    if (demoVenue) {
        QObject::connect(&window, &MainWindow::demoAccountReady, &window, [&](bool) {
            if (QSettings().value(QStringLiteral("trading/lastAccount/") + venueKey).toString() !=
                QLatin1String("-"))
                startTrading(AccountsDialog::demoAccountId(), window.inMemoryDemoCredentials());
        });
    } else if (tradingVenues().contains(venueKey)) {
        // --account, else the account traded with last time, else the venue's only account there.
        const QString wanted =
            parser.isSet(accountOption)
                ? parser.value(accountOption).trimmed()
                : QSettings().value(QStringLiteral("trading/lastAccount/") + venueKey).toString();
        const QList<AccountId> accounts = window.tradableAccounts();
        std::optional<AccountId> chosen;
        for (const AccountId& id : accounts) {
            if (id.account == wanted)
                chosen = id;
        }
        if (!chosen && wanted.isEmpty() && accounts.size() == 1)
            chosen = accounts.first();
        if (chosen) {
            startTrading(*chosen, std::nullopt);
        } else if (parser.isSet(accountOption)) {
            std::fprintf(stderr, "botterm: no %s account '%s' in %s (Settings → Accounts)\n",
                         qPrintable(venueKey), qPrintable(wanted),
                         qPrintable(environmentName(options.environment)));
            return 2;
        }
    }
    window.restoreLayout();
    std::unique_ptr<FirstLivePaint> firstPaint;
    if (parser.isSet(firstPaintOption))
        firstPaint = std::make_unique<FirstLivePaint>(session, started);
    window.show();
    session.start();

    QObject::connect(&app, &QCoreApplication::aboutToQuit, &session, [&] {
        QSettings s;
        QStringList keys;
        for (const SymbolKey& key : session.watchlist())
            keys << key.toString();
        s.setValue(QStringLiteral("watchlist/") + venueKey, keys);
        s.setValue(QStringLiteral("active/") + venueKey, session.activeSymbol().toString());
        s.setValue(QStringLiteral("chart/interval"), intervalName(session.candleInterval()));
        if (desk)
            desk->stop();
        session.stop();
    });
    const int code = app.exec();
    if (demoVenue)
        demoVenue->stop();
    return code;
}
