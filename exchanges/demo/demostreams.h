#pragma once

#include "demomarket.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>
#include <random>
#include <vector>

// Bybit V5 public-stream topics over a DemoMarket: which topics exist, and per topic what its
// subscribers were last sent, so every message continues the topic's sequence (orderbook u +1 per
// message, seq increasing) and deltas carry only what changed. Frames are shaped exactly like
// Bybit's (https://bybit-exchange.github.io/docs/v5/websocket/public/orderbook and siblings).
// No networking here: DemoVenue sends the frames to the topic's subscribers.
// A ticker's fields in Bybit's order and text (linear: with the touch, funding and open interest;
// spot: without the touch unless withSpotBook, as in REST /v5/market/tickers).
using DemoTickerFields = std::vector<std::pair<const char*, QByteArray>>;
DemoTickerFields demoTickerFields(const DemoMarket& market, const DemoMarket::Book& book, bool withSpotBook);

class DemoPublicStreams final
{
public:
    class Topic;

    explicit DemoPublicStreams(DemoMarket& market);
    ~DemoPublicStreams();
    DemoPublicStreams(const DemoPublicStreams&) = delete;
    DemoPublicStreams& operator=(const DemoPublicStreams&) = delete;

    // The topic's state, created on first use; nullptr if the venue has no such topic.
    Topic* topic(Category category, const QString& name);
    const std::vector<std::unique_ptr<Topic>>& topics() const { return m_topics; }

    // Call when a topic gains its first subscriber: it restarts from the market's current state.
    void activate(Topic& topic);
    // What a new subscriber receives right after the subscription ack.
    QList<QByteArray> snapshot(Topic& topic);
    // After DemoMarket::advance(): the frames the topic's subscribers get now (often none).
    QList<QByteArray> publish(Topic& topic);
    // Frames for everything not yet published regardless of the topics' cadence (before a pause).
    QList<QByteArray> flush(Topic& topic);
    // The firehose: moves the topic's instrument a little (a book level resized, or a trade printed
    // at the touch) and returns the frames that carry the change at once (usually one; none when
    // the change lies outside what the topic shows).
    QList<QByteArray> churn(Topic& topic, std::mt19937_64& random);

private:
    QList<QByteArray> publishTopic(Topic& topic, bool force);

    DemoMarket& m_market;
    std::vector<std::unique_ptr<Topic>> m_topics;
};

class DemoPublicStreams::Topic final
{
public:
    enum class Kind : std::uint8_t
    {
        Book,
        Ticker,
        Trades,
        Kline,
    };

    Category category() const { return m_category; }
    const QString& name() const { return m_name; }
    Kind kind() const { return m_kind; }
    int subscribers = 0; // kept by the venue

private:
    friend class DemoPublicStreams;

    Category m_category = Category::Linear;
    QString m_name;
    QByteArray m_nameUtf8;
    Kind m_kind = Kind::Book;
    DemoMarket::Book* m_book = nullptr;
    int m_depth = 0;
    CandleInterval m_interval = CandleInterval::OneMinute;
    QByteArray m_intervalCode;

    // Book: the levels subscribers hold (best first) and the message counter.
    std::vector<DemoMarket::Level> m_bids;
    std::vector<DemoMarket::Level> m_asks;
    std::int64_t m_updateId = 0;
    std::uint64_t m_bookVersion = 0;
    std::int64_t m_lastSentMs = 0;
    // Ticker: the field values subscribers hold.
    DemoTickerFields m_fields;
    std::int64_t m_lastPublishMs = -1;
    // Trades: the last fill sent (fills print more than once per advance under the firehose).
    std::uint64_t m_lastFillId = 0;
    // Kline: what the open bar looked like when last sent.
    DemoMarket::Bar m_lastBar;
};
