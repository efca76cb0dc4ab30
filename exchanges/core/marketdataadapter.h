#pragma once

#include "models/instrument.h"
#include "models/marketdata.h"
#include "models/marketevents.h"
#include "restrequest.h"
#include "result.h"

#include <QJsonDocument>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <vector>

class StreamProtocol;

enum class Environment : std::uint8_t
{
    Mainnet,
    Testnet,
    Demo,
};

QString environmentName(Environment environment); // "mainnet", "testnet", "demo"
std::optional<Environment> environmentFromName(const QString& name);

enum class Channel : std::uint8_t
{
    Ticker,
    Book,
    Trades,
    Candles,
};

QString channelName(Channel channel); // "ticker", "book", "trades", "candles"
std::optional<Channel> channelFromName(const QString& name);

// One public data subscription in venue-neutral words.
struct ChannelRequest
{
    Channel channel = Channel::Ticker;
    QString symbol;
    int depth = 50;                                      // Book
    CandleInterval interval = CandleInterval::OneMinute; // Candles
};

// What the parser made of one frame.
struct ParseResult
{
    enum class Kind : std::uint8_t
    {
        Data,      // market events were emitted to the sink
        Control,   // pong, subscription ack, welcome: nothing for the stores
        Rejected,  // the venue refused something we sent (a subscription, an op); see error
        Malformed, // not JSON, or JSON without the fields the venue documents; see error
        Ignored,   // valid but of no interest (an unknown topic)
    };
    Kind kind = Kind::Ignored;
    // The topic the frame belongs to (a view into the frame), for the staleness watchdog.
    std::string_view topic;
    // A book the venue itself told us is inconsistent (not detected by the book's own checks).
    std::string_view resyncSymbol;
    // A book whose diffs the adapter is buffering until a REST snapshot (ResyncPlan::snapshot) is
    // handed to MarketDataAdapter::applySnapshot(): the feed fetches one unless one is on its way.
    std::string_view snapshotSymbol;
    QString error;
};

// How to get a fresh book once one is found inconsistent.
struct ResyncPlan
{
    ResyncPlan() = default;
    explicit ResyncPlan(QStringList topics)
        : resubscribeTopics(std::move(topics))
    {}

    // Unsubscribe and subscribe again: the venue answers a subscription with a snapshot (Bybit, OKX,
    // BitMEX partial, Phemex).
    QStringList resubscribeTopics;
    // Or fetch a REST snapshot and hand the reply to MarketDataAdapter::applySnapshot(): venues whose
    // book stream carries only diffs (Binance; an OKX or Coincheck REST bootstrap).
    std::optional<RestRequest> snapshot;
};

// What MarketDataAdapter::applySnapshot() made of a REST book snapshot.
struct SnapshotResult
{
    enum class Kind : std::uint8_t
    {
        Applied,   // the snapshot and the buffered diffs that follow it were emitted to the sink
        Outdated,  // older than the buffered diffs (or they break off after it): fetch another soon
        Malformed, // not the reply the venue documents; see error
    };
    Kind kind = Kind::Malformed;
    QString error;
};

// Typed failure of a REST reply the adapter cannot use.
struct AdapterError
{
    QString message;
};

// The public-market-data half of a venue adapter: the only place that knows the venue's URLs, topic
// names, field names and book rules. Everything downstream of parse() is venue-neutral.
class MarketDataAdapter
{
public:
    virtual ~MarketDataAdapter() = default;

    virtual QString venue() const = 0; // "bybit"
    virtual QList<Category> categories() const = 0;
    // What a new watchlist shows for the category: the venue's most traded symbols, in its spelling.
    virtual QStringList defaultSymbols(Category category) const
    {
        Q_UNUSED(category);
        return {QStringLiteral("BTCUSDT"), QStringLiteral("ETHUSDT"), QStringLiteral("SOLUSDT"),
                QStringLiteral("XRPUSDT")};
    }

    virtual QUrl publicStreamUrl(Category category, Environment environment) const = 0;
    // For venues that route channels to different connections (Binance USDⓈ-M: depth on /public,
    // trades and klines on /market): the feed opens one connection per distinct URL, the book's
    // being the main one (stream()). An overriding stream URL (demo venue, tests) serves every channel.
    virtual QUrl publicStreamUrl(Category category, Environment environment, Channel channel) const
    {
        Q_UNUSED(channel);
        return publicStreamUrl(category, environment);
    }
    virtual QUrl restBaseUrl(Environment environment) const = 0;
    // The user (or a test) pointed REST at another server: a venue spread over several hosts moves the
    // others with it (the feed's REST client itself is based on the override already).
    virtual void setRestOverride(const QUrl& url) { Q_UNUSED(url); }
    // For venues whose categories live on different hosts (Binance api. vs fapi.); the paths differ
    // too, so one overriding base URL (demo venue, tests) serves every category.
    virtual QUrl restBaseUrl(Category category, Environment environment) const
    {
        Q_UNUSED(category);
        return restBaseUrl(environment);
    }
    virtual const StreamProtocol& streamProtocol() const = 0;

    virtual QString topic(Category category, const ChannelRequest& request) const = 0;
    // Topics that ride along with a request: what a venue streams apart from the channel itself but
    // the channel's events need (a swap's mark and index price, funding rate, open interest, merged
    // into its Ticker). The feed subscribes them with the request, on the connection the request's
    // channel goes to, unsubscribes them with it (a topic still wanted by another request stays), and
    // the connection resubscribes them after a reconnect. They are not watched for staleness: some
    // push only every minute or on change. Their frames go through parse() like any other.
    virtual QStringList extraTopics(Category category, const ChannelRequest& request) const
    {
        Q_UNUSED(category);
        Q_UNUSED(request);
        return {};
    }
    // A channel that should deliver at least this often while subscribed; 0 = may legitimately be
    // silent (trades in a quiet market). Used by the staleness watchdog.
    virtual std::chrono::milliseconds expectedCadence(Channel channel) const = 0;

    // The hot path: one text frame → events on the sink. Never throws; bad input → Malformed.
    virtual ParseResult parse(QByteArrayView frame, Category category, MarketEventSink& sink) = 0;
    // Forget per-connection parser state (e.g. after a reconnect).
    virtual void reset() {}
    // The same for one category's connection only (an adapter shared by several feeds).
    virtual void reset(Category category)
    {
        Q_UNUSED(category);
        reset();
    }

    virtual ResyncPlan resyncPlan(Category category, const QString& symbol, int depth) const = 0;

    // REST-snapshot books (ResyncPlan::snapshot). The feed is rebuilding this book (a gap, a crossed
    // book, a malformed frame): forget its sync state and buffer its diffs again.
    virtual void restartBook(Category category, const QString& symbol)
    {
        Q_UNUSED(category);
        Q_UNUSED(symbol);
    }
    // The reply to ResyncPlan::snapshot: emits the snapshot BookUpdate, then the buffered diffs that
    // follow it by the venue's rule, and passes later diffs straight through.
    virtual SnapshotResult applySnapshot(Category category, const QString& symbol, const QJsonDocument& reply,
                                         MarketEventSink& sink)
    {
        Q_UNUSED(category);
        Q_UNUSED(symbol);
        Q_UNUSED(reply);
        Q_UNUSED(sink);
        return {SnapshotResult::Kind::Malformed, QStringLiteral("this venue has no REST book snapshots")};
    }

    virtual RestRequest instrumentsRequest(Category category) const = 0;
    virtual Result<std::vector<Instrument>, AdapterError>
    parseInstruments(Category category, const QJsonDocument& reply) const = 0;

    // Up to `limit` candles ending at endMs (0 = now), for chart history.
    virtual RestRequest candlesRequest(Category category, const QString& symbol, CandleInterval interval,
                                       std::int64_t endMs, int limit) const = 0;
    virtual Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const = 0;
    // The reply to candlesRequest(…, symbol, interval, …): a venue whose reply does not say what it holds
    // (its instrument's scale, the interval it was built for) overrides this; the default reads the reply.
    virtual Result<std::vector<Candle>, AdapterError>
    parseCandlesFor(const QJsonDocument& reply, const QString& symbol, CandleInterval interval) const
    {
        Q_UNUSED(symbol);
        Q_UNUSED(interval);
        return parseCandles(reply);
    }

    // A venue error delivered in a successful HTTP reply (Bybit retCode ≠ 0, …), verbatim.
    virtual std::optional<RestError> replyError(const QJsonDocument& reply) const = 0;
};
