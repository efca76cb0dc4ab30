#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "exchanges/core/streamclient.h"
#include "models/instrument.h"
#include "models/marketdata.h"
#include "models/orderbook.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <map>
#include <memory>
#include <optional>

class CandleModel;
class MarketDataFeed;
class MarketStore;
class OrderBookModel;
class QNetworkAccessManager;
class TickerModel;
class TradesModel;

// A symbol of one category: BTCUSDT spot and BTCUSDT linear are different markets.
struct SymbolKey
{
    Category category = Category::Linear;
    QString symbol;

    bool isValid() const { return !symbol.isEmpty(); }
    QString toString() const; // "linear:BTCUSDT", for settings
    static std::optional<SymbolKey> fromString(const QString& text);
    friend bool operator==(const SymbolKey&, const SymbolKey&) = default;
};

// The public market data one window shows, venue-neutral: one MarketDataFeed and MarketStore per
// category, the watchlist's tickers, and the active symbol's book, trades and candles. The stores take
// messages at wire speed; a single frame timer (~60 Hz) copies what changed into the item models, so
// views repaint at most once per frame however fast the venue sends. Parses nothing and touches no
// socket itself: the feeds and their adapter do that.
class MarketSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketSession)

public:
    struct Options
    {
        QString venueLabel; // what the title and status bar call the venue: "DEMO", "Bybit"
        bool demo = false;  // the built-in demo venue: no real market
        QList<Category> categories{Category::Linear};
        QHash<Category, QUrl> streamUrls; // overrides per category (demo venue, tests)
        // Overrides per category and channel, for venues that route channels to several connections
        // (Binance USDⓈ-M: books on /public, trades, tickers and candles on /market; tests).
        QHash<Category, std::map<Channel, QUrl>> channelStreamUrls;
        QUrl restUrl; // overrides the venue's REST base URL
        Environment environment = Environment::Mainnet;
        StreamClient::Options stream;
        int frameIntervalMs = 17; // ≈ 59 Hz
        // Levels subscribed. Bybit pushes orderbook.50 every 20 ms but orderbook.200 only every 100 ms
        // (linear): a fast ladder matters more than deep grouping.
        int bookDepth = 50;
        int candleHistory = 300;
    };

    struct StreamStatus
    {
        Category category = Category::Linear;
        // The category's connections as one: the books' connection's state, or, while that one is
        // live, the first other one's that is not (Binance USDⓈ-M's /market).
        StreamClient::State state = StreamClient::State::Closed;
        // Which connection state is about when it is not the books' one: its URL's first path segment
        // ("/market"); empty otherwise.
        QString connection;
        int attempt = 0;
        qint64 reconnectInMs = 0; // while Reconnecting
        double messagesPerSecond = 0;
        int roundTripMs = -1;
        std::optional<qint64> clockOffsetMs; // venue clock − local clock
    };

    MarketSession(std::unique_ptr<MarketDataAdapter> adapter, Options options, QObject* parent = nullptr);
    ~MarketSession() override;

    void start();
    void stop();

    const Options& options() const { return m_options; }
    QString venueLabel() const { return m_options.venueLabel; }
    bool isDemo() const { return m_options.demo; }
    QList<Category> categories() const { return m_options.categories; }
    MarketDataFeed* feed(Category category) const;
    MarketStore* store(Category category) const;

    // Instruments loaded from the venue (empty until instrumentsLoaded).
    std::vector<Instrument> instruments(Category category) const;
    const Instrument* instrument(const SymbolKey& key) const;

    QList<SymbolKey> watchlist() const { return m_watchlist; }
    void setWatchlist(const QList<SymbolKey>& symbols);
    bool addToWatchlist(const SymbolKey& key);
    bool removeFromWatchlist(const SymbolKey& key);

    SymbolKey activeSymbol() const { return m_active; }
    void setActiveSymbol(const SymbolKey& key);
    CandleInterval candleInterval() const { return m_interval; }
    void setCandleInterval(CandleInterval interval);

    // One TickerModel per category; rows in watchlist order.
    TickerModel* tickerModel(Category category) const;
    OrderBookModel* bookModel() const { return m_bookModel; }
    TradesModel* tradesModel() const { return m_tradesModel; }
    CandleModel* candleModel() const { return m_candleModel; }

    QList<StreamStatus> streamStatus() const;
    // Frame-timer passes that changed at least one model.
    quint64 changedFrames() const { return m_changedFrames; }

Q_SIGNALS:
    void activeSymbolChanged(const SymbolKey& key);
    void candleIntervalChanged(CandleInterval interval);
    void watchlistChanged();
    void instrumentsLoaded(Category category);
    void streamStateChanged(Category category, StreamClient::State state, int attempt, int delayMs);
    void bookStateChanged(const SymbolKey& key, OrderBook::State state, const QString& reason);
    void problem(const QString& message);
    // After every frame-timer pass, once the models hold the new data (views animate on it).
    void frame();

private:
    struct Market;
    class ClockProbe;

    Market* market(Category category) const;
    bool isActive(const Market& market, const QString& symbol) const;
    void onFrameTimer();
    // Market data arrived: the models take it in once this batch of frames is through.
    void scheduleModelRefresh();
    void refreshModels();
    void syncTickers(Market& market);
    void syncTrades();
    void syncCandles();
    QList<ChannelRequest> activeRequests() const;
    void subscribeActive();
    void unsubscribeActive();
    void unsubscribe(Market& market, const QList<ChannelRequest>& requests);
    void subscribe(Market& market, const QList<ChannelRequest>& requests);
    // Follows the state of the connections a feed opens besides its books' one (created on first use
    // of a channel routed elsewhere).
    void watchConnection(Market& market, StreamClient* client);
    void resetActiveModels();

    std::unique_ptr<MarketDataAdapter> m_adapter;
    Options m_options;
    QNetworkAccessManager* m_network;
    std::map<Category, std::unique_ptr<Market>> m_markets;
    QList<SymbolKey> m_watchlist;
    SymbolKey m_active;
    CandleInterval m_interval = CandleInterval::OneMinute;
    OrderBookModel* m_bookModel;
    TradesModel* m_tradesModel;
    CandleModel* m_candleModel;
    // The newest trade already in the tape, to append only what came after it.
    std::optional<Trade> m_lastTapeTrade;
    std::size_t m_candleCountShown = 0;
    std::uint64_t m_candleVersionSeen = 0;
    std::uint64_t m_tradeVersionSeen = 0;
    QTimer m_frameTimer;
    QTimer m_rateTimer;
    QElapsedTimer m_clock;
    quint64 m_changedFrames = 0;
    bool m_changedSinceFrame = false;
    bool m_refreshPending = false;
    bool m_started = false;
};
