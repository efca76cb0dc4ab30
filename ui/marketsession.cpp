#include "marketsession.h"

#include "exchanges/core/marketdatafeed.h"
#include "models/candlemodel.h"
#include "models/marketstore.h"
#include "models/orderbookmodel.h"
#include "models/tickermodel.h"
#include "models/tradesmodel.h"

#include <QDateTime>
#include <QNetworkAccessManager>
#include <QSet>

#include <algorithm>

namespace {
ChannelRequest topOfBookRequest(const QString& symbol)
{
    ChannelRequest r;
    r.channel = Channel::Book;
    r.symbol = symbol;
    r.depth = 1;
    return r;
}
} // namespace

QString SymbolKey::toString() const
{
    return categoryName(category) + QLatin1Char(':') + symbol;
}

std::optional<SymbolKey> SymbolKey::fromString(const QString& text)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == text.size() - 1)
        return std::nullopt;
    const auto category = categoryFromName(text.left(colon));
    if (!category)
        return std::nullopt;
    return SymbolKey{*category, text.mid(colon + 1)};
}

// Estimates the venue's clock against ours from the timestamps in its messages: a message stamped ts
// by the venue arrives one network delay later, so ts − arrival ≤ offset and the largest value over a
// few seconds is the offset minus the shortest delay. Half the ping round trip is added back.
class MarketSession::ClockProbe final : public MarketEventSink
{
public:
    void onBook(const BookUpdate& update) override { sample(update.levels.timestampMs); }
    void onTicker(const Ticker& ticker, bool) override { sample(ticker.timestampMs); }
    void onTrades(std::span<const Trade>) override {}
    void onCandle(const QString&, CandleInterval, const Candle&) override {}

    std::optional<qint64> offsetMs(int roundTripMs) const
    {
        const std::optional<qint64> best =
            m_previous ? (m_current ? std::max(*m_previous, *m_current) : m_previous) : m_current;
        if (!best)
            return std::nullopt;
        return *best + std::max(roundTripMs, 0) / 2;
    }

    // Called once a second: windows of five seconds.
    void roll()
    {
        if (++m_ticks < 5)
            return;
        m_ticks = 0;
        m_previous = m_current;
        m_current.reset();
    }

private:
    void sample(std::int64_t venueMs)
    {
        if (venueMs <= 0)
            return;
        const qint64 value = venueMs - QDateTime::currentMSecsSinceEpoch();
        if (!m_current || value > *m_current)
            m_current = value;
    }

    std::optional<qint64> m_current;
    std::optional<qint64> m_previous;
    int m_ticks = 0;
};

struct MarketSession::Market
{
    Category category = Category::Linear;
    std::unique_ptr<MarketStore> store;
    MarketDataFeed* feed = nullptr;
    TickerModel* tickers = nullptr;
    ClockProbe clock;
    std::uint64_t tickerVersionSeen = 0;
    // Watchlist symbols whose tickers carry no bid/ask (Bybit spot): a one-level book supplies them.
    QSet<QString> topOfBook;
    QHash<QString, std::uint64_t> topOfBookVersionSeen;
    StreamClient::State state = StreamClient::State::Closed;
    int attempt = 0;
    qint64 reconnectAtMs = 0; // m_clock time of the next attempt
    // The feed's other connections (channels the venue routes to other URLs) and their state.
    struct Connection
    {
        StreamClient* client = nullptr;
        StreamClient::State state = StreamClient::State::Closed;
        int attempt = 0;
        qint64 reconnectAtMs = 0;
    };
    std::vector<Connection> others;
    qint64 framesAtSample = 0;
    double messagesPerSecond = 0;
};

MarketSession::MarketSession(std::unique_ptr<MarketDataAdapter> adapter, Options options, QObject* parent)
    : QObject(parent)
    , m_adapter(std::move(adapter))
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
    , m_bookModel(new OrderBookModel(this))
    , m_tradesModel(new TradesModel(TradesModel::DefaultCapacity, this))
    , m_candleModel(new CandleModel(CandleModel::DefaultCapacity, this))
{
    m_clock.start();
    for (const Category category : std::as_const(m_options.categories)) {
        auto m = std::make_unique<Market>();
        m->category = category;
        m->store = std::make_unique<MarketStore>();
        MarketDataFeed::Options feedOptions;
        feedOptions.environment = m_options.environment;
        feedOptions.streamUrl = m_options.streamUrls.value(category);
        feedOptions.channelStreamUrls = m_options.channelStreamUrls.value(category);
        feedOptions.restUrl = m_options.restUrl;
        feedOptions.candleHistory = m_options.candleHistory;
        feedOptions.stream = m_options.stream;
        m->feed = new MarketDataFeed(*m_adapter, category, *m->store, m_network, feedOptions, this);
        m->feed->setObserver(&m->clock);
        m->tickers = new TickerModel(this);
        Market* raw = m.get();
        // Channels routed off the main stream (Binance's /market) open their own connection.
        connect(m->feed, &MarketDataFeed::connectionAdded, this,
                [this, raw](StreamClient* client) { watchConnection(*raw, client); });
        connect(m->feed, &MarketDataFeed::instrumentsLoaded, this, [this, category] {
            // The active book was created before its tick size was known.
            if (m_active.category == category)
                resetActiveModels();
            Q_EMIT instrumentsLoaded(category);
        });
        connect(m->feed, &MarketDataFeed::candlesLoaded, this,
                [this, category](const QString& symbol, CandleInterval) {
                    if (m_active.category == category && m_active.symbol == symbol)
                        m_candleVersionSeen = 0; // take the history on the next frame
                });
        connect(m->feed, &MarketDataFeed::bookStateChanged, this,
                [this, category](const QString& symbol, OrderBook::State state, const QString& reason) {
                    Q_EMIT bookStateChanged(SymbolKey{category, symbol}, state, reason);
                });
        connect(m->feed, &MarketDataFeed::problem, this, [this, category](const QString& message) {
            Q_EMIT problem(categoryName(category) + QLatin1String(": ") + message);
        });
        // Views repaint at most once per display frame (PaintPacer), but the models follow the data
        // at once: whatever reads them (order entry, ladder trading, alerts) sees the market as it is.
        connect(m->feed, &MarketDataFeed::frameApplied, this, &MarketSession::scheduleModelRefresh);
        connect(&m->feed->stream(), &StreamClient::stateChanged, this,
                [this, raw](StreamClient::State state, int attempt, int delayMs) {
                    raw->state = state;
                    raw->attempt = attempt;
                    raw->reconnectAtMs = m_clock.elapsed() + delayMs;
                    Q_EMIT streamStateChanged(raw->category, state, attempt, delayMs);
                });
        m_markets.emplace(category, std::move(m));
    }

    m_frameTimer.setInterval(m_options.frameIntervalMs);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, &MarketSession::onFrameTimer);
    m_rateTimer.setInterval(1000);
    connect(&m_rateTimer, &QTimer::timeout, this, [this] {
        for (auto& [category, m] : m_markets) {
            const qint64 frames = m->feed->framesReceived();
            m->messagesPerSecond = static_cast<double>(frames - m->framesAtSample);
            m->framesAtSample = frames;
            m->clock.roll();
        }
    });
}

MarketSession::~MarketSession()
{
    // The models and feeds point into the stores: detach and delete them before the stores go, and
    // without signals reaching this half-destroyed session.
    m_frameTimer.stop();
    m_rateTimer.stop();
    m_bookModel->setBook(nullptr);
    for (auto& [category, m] : m_markets) {
        disconnect(&m->feed->stream(), nullptr, this, nullptr);
        for (const Market::Connection& c : m->others)
            disconnect(c.client, nullptr, this, nullptr);
        disconnect(m->feed, nullptr, this, nullptr);
        m->feed->setObserver(nullptr);
        delete m->feed;
        m->feed = nullptr;
    }
}

MarketSession::Market* MarketSession::market(Category category) const
{
    const auto it = m_markets.find(category);
    return it == m_markets.end() ? nullptr : it->second.get();
}

MarketDataFeed* MarketSession::feed(Category category) const
{
    Market* m = market(category);
    return m ? m->feed : nullptr;
}

MarketStore* MarketSession::store(Category category) const
{
    Market* m = market(category);
    return m ? m->store.get() : nullptr;
}

TickerModel* MarketSession::tickerModel(Category category) const
{
    Market* m = market(category);
    return m ? m->tickers : nullptr;
}

std::vector<Instrument> MarketSession::instruments(Category category) const
{
    Market* m = market(category);
    return m ? m->feed->instruments() : std::vector<Instrument>{};
}

const Instrument* MarketSession::instrument(const SymbolKey& key) const
{
    Market* m = market(key.category);
    return m ? m->feed->instrument(key.symbol) : nullptr;
}

void MarketSession::start()
{
    if (m_started)
        return;
    m_started = true;
    subscribeActive();
    for (auto& [category, m] : m_markets)
        m->feed->start();
    m_frameTimer.start();
    m_rateTimer.start();
}

void MarketSession::stop()
{
    if (!m_started)
        return;
    m_started = false;
    m_frameTimer.stop();
    m_rateTimer.stop();
    for (auto& [category, m] : m_markets)
        m->feed->stop();
}

void MarketSession::setWatchlist(const QList<SymbolKey>& symbols)
{
    const QList<SymbolKey> old = m_watchlist;
    for (const SymbolKey& key : old) {
        if (!symbols.contains(key))
            removeFromWatchlist(key);
    }
    for (const SymbolKey& key : symbols)
        addToWatchlist(key);
}

bool MarketSession::addToWatchlist(const SymbolKey& key)
{
    Market* m = market(key.category);
    if (!m || !key.isValid() || m_watchlist.contains(key))
        return false;
    m_watchlist.append(key);
    // A row with only the symbol: cells stay empty until the venue sends them.
    Ticker row;
    row.symbol = key.symbol;
    if (const Ticker* known = m->store->findTicker(key.symbol))
        row = *known;
    m->tickers->upsert(row);
    ChannelRequest request;
    request.channel = Channel::Ticker;
    request.symbol = key.symbol;
    subscribe(*m, {request});
    Q_EMIT watchlistChanged();
    return true;
}

bool MarketSession::removeFromWatchlist(const SymbolKey& key)
{
    Market* m = market(key.category);
    if (!m || !m_watchlist.removeOne(key))
        return false;
    m->tickers->removeSymbol(key.symbol);
    ChannelRequest request;
    request.channel = Channel::Ticker;
    request.symbol = key.symbol;
    QList<ChannelRequest> requests{request};
    if (m->topOfBook.remove(key.symbol) && !isActive(*m, key.symbol))
        requests << topOfBookRequest(key.symbol);
    m->topOfBookVersionSeen.remove(key.symbol);
    unsubscribe(*m, requests);
    Q_EMIT watchlistChanged();
    return true;
}

QList<ChannelRequest> MarketSession::activeRequests() const
{
    QList<ChannelRequest> requests;
    if (!m_active.isValid())
        return requests;
    ChannelRequest book;
    book.channel = Channel::Book;
    book.symbol = m_active.symbol;
    book.depth = m_options.bookDepth;
    ChannelRequest trades;
    trades.channel = Channel::Trades;
    trades.symbol = m_active.symbol;
    ChannelRequest candles;
    candles.channel = Channel::Candles;
    candles.symbol = m_active.symbol;
    candles.interval = m_interval;
    requests << book << trades << candles;
    return requests;
}

void MarketSession::subscribe(Market& m, const QList<ChannelRequest>& requests)
{
    m.feed->subscribe(requests);
}

void MarketSession::watchConnection(Market& m, StreamClient* client)
{
    m.others.push_back({client, client->state(), 0, 0});
    Market* raw = &m;
    connect(client, &StreamClient::stateChanged, this,
            [this, raw, client](StreamClient::State state, int attempt, int delayMs) {
                for (Market::Connection& c : raw->others) {
                    if (c.client != client)
                        continue;
                    c.state = state;
                    c.attempt = attempt;
                    c.reconnectAtMs = m_clock.elapsed() + delayMs;
                }
                Q_EMIT streamStateChanged(raw->category, state, attempt, delayMs);
            });
}

void MarketSession::unsubscribe(Market& m, const QList<ChannelRequest>& requests)
{
    // Tickers of the watchlist and the active symbol's channels may overlap: keep what is still wanted.
    QStringList wanted;
    for (const SymbolKey& key : std::as_const(m_watchlist)) {
        if (key.category == m.category) {
            ChannelRequest r;
            r.channel = Channel::Ticker;
            r.symbol = key.symbol;
            wanted << m_adapter->topic(m.category, r);
        }
    }
    QList<ChannelRequest> unwanted;
    for (const ChannelRequest& r : requests) {
        if (!wanted.contains(m_adapter->topic(m.category, r)))
            unwanted << r;
    }
    if (!unwanted.isEmpty())
        m.feed->unsubscribe(unwanted);
}

bool MarketSession::isActive(const Market& m, const QString& symbol) const
{
    return m_active.category == m.category && m_active.symbol == symbol;
}

void MarketSession::subscribeActive()
{
    Market* m = market(m_active.category);
    if (!m || !m_active.isValid())
        return;
    // A book kept from an earlier visit to this symbol is out of date: never show it as live.
    if (const OrderBook* old = m->store->findBook(m_active.symbol.toStdString());
        old && old->state() != OrderBook::State::AwaitingSnapshot)
        m->store->book(m_active.symbol.toStdString()).markResyncing();
    // One book subscription per symbol: the full book replaces the one-level book while active.
    if (m->topOfBook.contains(m_active.symbol))
        unsubscribe(*m, {topOfBookRequest(m_active.symbol)});
    subscribe(*m, activeRequests());
}

void MarketSession::unsubscribeActive()
{
    Market* m = market(m_active.category);
    if (!m)
        return;
    unsubscribe(*m, activeRequests());
    if (m->topOfBook.contains(m_active.symbol))
        subscribe(*m, {topOfBookRequest(m_active.symbol)});
}

void MarketSession::resetActiveModels()
{
    Market* m = market(m_active.category);
    if (!m || !m_active.isValid()) {
        m_bookModel->setBook(nullptr);
        m_tradesModel->clear();
        m_candleModel->clear();
        return;
    }
    const Instrument* instrument = m->feed->instrument(m_active.symbol);
    const int priceScale = instrument ? instrument->tickSize.scale() : 0;
    m_bookModel->setBook(&m->store->book(m_active.symbol.toStdString(), priceScale));
}

void MarketSession::setActiveSymbol(const SymbolKey& key)
{
    if (key == m_active || !market(key.category))
        return;
    if (m_started)
        unsubscribeActive();
    m_active = key;
    m_tradesModel->clear();
    m_candleModel->clear();
    m_candleCountShown = 0;
    m_candleVersionSeen = 0;
    m_tradeVersionSeen = 0;
    // The tape starts at the switch: trades kept from an earlier visit would hide the gap since then.
    m_lastTapeTrade.reset();
    if (const auto* trades = market(key.category)->store->findTrades(key.symbol); trades && !trades->empty())
        m_lastTapeTrade = trades->back();
    if (m_started)
        subscribeActive();
    resetActiveModels();
    Q_EMIT activeSymbolChanged(m_active);
}

void MarketSession::setCandleInterval(CandleInterval interval)
{
    if (interval == m_interval)
        return;
    Market* m = market(m_active.category);
    if (m && m_started && m_active.isValid()) {
        ChannelRequest old;
        old.channel = Channel::Candles;
        old.symbol = m_active.symbol;
        old.interval = m_interval;
        unsubscribe(*m, {old});
    }
    m_interval = interval;
    m_candleModel->clear();
    m_candleCountShown = 0;
    m_candleVersionSeen = 0;
    if (m && m_started && m_active.isValid()) {
        ChannelRequest request;
        request.channel = Channel::Candles;
        request.symbol = m_active.symbol;
        request.interval = interval;
        subscribe(*m, {request}); // loads the history over REST, then streams
    }
    Q_EMIT candleIntervalChanged(interval);
}

QList<MarketSession::StreamStatus> MarketSession::streamStatus() const
{
    QList<StreamStatus> list;
    for (const Category category : m_options.categories) {
        const Market* m = market(category);
        StreamStatus s;
        s.category = category;
        s.state = m->state;
        s.attempt = m->attempt;
        qint64 reconnectAtMs = m->reconnectAtMs;
        if (m->state == StreamClient::State::Live) {
            for (const Market::Connection& c : m->others) {
                if (c.state == StreamClient::State::Live)
                    continue;
                s.state = c.state;
                s.attempt = c.attempt;
                reconnectAtMs = c.reconnectAtMs;
                s.connection = QLatin1Char('/') + c.client->url().path().section(QLatin1Char('/'), 1, 1);
                break;
            }
        }
        s.reconnectInMs = std::max<qint64>(0, reconnectAtMs - m_clock.elapsed());
        s.messagesPerSecond = m->messagesPerSecond;
        s.roundTripMs = m->feed->stream().roundTripMs();
        s.clockOffsetMs = m->clock.offsetMs(s.roundTripMs);
        list << s;
    }
    return list;
}

void MarketSession::scheduleModelRefresh()
{
    if (m_refreshPending || !m_started)
        return;
    m_refreshPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_refreshPending = false;
            refreshModels();
        },
        Qt::QueuedConnection);
}

void MarketSession::onFrameTimer()
{
    // Book states change on timers too (staleness, resync), not only on frames.
    refreshModels();
    if (m_changedSinceFrame)
        ++m_changedFrames;
    m_changedSinceFrame = false;
    Q_EMIT frame();
}

void MarketSession::refreshModels()
{
    const quint64 before = m_bookModel->refreshCount();
    bool changed = false;
    for (auto& [category, m] : m_markets) {
        bool booksMoved = false;
        for (const QString& symbol : std::as_const(m->topOfBook)) {
            const OrderBook* book = m->store->findBook(symbol.toStdString());
            if (book && book->version() != m->topOfBookVersionSeen.value(symbol)) {
                booksMoved = true;
                break;
            }
        }
        if (booksMoved || m->store->tickerVersion() != m->tickerVersionSeen) {
            syncTickers(*m);
            changed = true;
        }
    }
    m_bookModel->refresh();
    changed = changed || m_bookModel->refreshCount() != before;
    if (Market* m = market(m_active.category); m && m_active.isValid()) {
        if (m->store->tradeVersion() != m_tradeVersionSeen) {
            syncTrades();
            changed = true;
        }
        if (m->store->candleVersion() != m_candleVersionSeen) {
            syncCandles();
            changed = true;
        }
    }
    m_changedSinceFrame = m_changedSinceFrame || changed;
}

void MarketSession::syncTickers(Market& m)
{
    m.tickerVersionSeen = m.store->tickerVersion();
    for (const SymbolKey& key : std::as_const(m_watchlist)) {
        if (key.category != m.category)
            continue;
        const Ticker* ticker = m.store->findTicker(key.symbol);
        if (!ticker)
            continue;
        if (ticker->bidPrice && ticker->askPrice) {
            m.tickers->upsert(*ticker); // emits only for cells whose text changed
            continue;
        }
        if (!m.topOfBook.contains(key.symbol)) {
            m.topOfBook.insert(key.symbol);
            if (!isActive(m, key.symbol))
                subscribe(m, {topOfBookRequest(key.symbol)});
        }
        // Best bid and ask from the live book; none while it is not live rather than stale ones.
        Ticker merged = *ticker;
        if (const OrderBook* book = m.store->findBook(key.symbol.toStdString())) {
            m.topOfBookVersionSeen.insert(key.symbol, book->version());
            if (book->isLive() && book->bidCount() > 0 && book->askCount() > 0) {
                merged.bidPrice = book->bid(0).price;
                merged.bidSize = book->bid(0).size;
                merged.askPrice = book->ask(0).price;
                merged.askSize = book->ask(0).size;
            }
        }
        m.tickers->upsert(merged);
    }
}

void MarketSession::syncTrades()
{
    Market* m = market(m_active.category);
    m_tradeVersionSeen = m->store->tradeVersion();
    const std::deque<Trade>* trades = m->store->findTrades(m_active.symbol);
    if (!trades || trades->empty())
        return;
    // Walk back to the newest trade already shown; everything after it is new. Not found: all are new
    // (more trades arrived in one frame than the store keeps).
    auto first = trades->begin();
    if (m_lastTapeTrade) {
        for (auto it = trades->end(); it != trades->begin();) {
            --it;
            if (it->id == m_lastTapeTrade->id && it->timestampMs == m_lastTapeTrade->timestampMs) {
                first = it + 1;
                break;
            }
        }
    }
    if (first == trades->end())
        return;
    const std::vector<Trade> fresh(first, trades->end());
    m_tradesModel->addTrades(fresh);
    m_lastTapeTrade = trades->back();
}

void MarketSession::syncCandles()
{
    Market* m = market(m_active.category);
    m_candleVersionSeen = m->store->candleVersion();
    const std::vector<Candle>* candles = m->store->findCandles(m_active.symbol, m_interval);
    if (!candles || candles->empty())
        return;
    const std::span<const Candle> shown = m_candleModel->candles();
    // History arrived or candles were inserted: take them all (one reset). Otherwise only the newest
    // one or two changed (the forming candle, and the one that just closed).
    if (shown.empty() || candles->size() < m_candleCountShown || candles->size() > m_candleCountShown + 2 ||
        candles->front().openTimeMs != shown.front().openTimeMs) {
        m_candleModel->setCandles(*candles);
    } else {
        const std::size_t from = candles->size() >= 2 ? candles->size() - 2 : 0;
        for (std::size_t i = from; i < candles->size(); ++i) {
            const Candle& c = (*candles)[i];
            const int row = m_candleModel->rowOfOpenTime(c.openTimeMs);
            if (row < 0 || !(m_candleModel->candleAt(row) == c))
                m_candleModel->applyCandle(c);
        }
    }
    m_candleCountShown = candles->size();
}
