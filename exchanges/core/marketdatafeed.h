#pragma once

#include "marketdataadapter.h"
#include "streamclient.h"

#include "models/marketstore.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <map>

class QNetworkAccessManager;
class RestClient;

// Public market data of one venue and category, end to end: a StreamClient for the venue's public
// WebSocket, the venue adapter's parser, and a MarketStore that the events update. It fetches the
// instruments and candle history over REST, marks every book resyncing as soon as the connection is
// lost (so no level from before a drop is shown live during the backoff, nor survives it), rebuilds a
// book found inconsistent as the adapter's ResyncPlan says (resubscribe, or a REST snapshot it hands
// back to the adapter; diff-only venues also start every book that way), and marks a book stale when
// its channel goes silent.
class MarketDataFeed final : public QObject, private MarketEventSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MarketDataFeed)

public:
    struct Options
    {
        Environment environment = Environment::Mainnet;
        QUrl streamUrl; // overrides the venue's public stream URL for every channel (demo venue, tests)
        // Overrides it for one channel, for venues that route channels to several connections (tests).
        std::map<Channel, QUrl> channelStreamUrls;
        QUrl restUrl; // overrides the venue's REST base URL
        int candleHistory = 200;
        StreamClient::Options stream;
    };

    MarketDataFeed(MarketDataAdapter& adapter, Category category, MarketStore& store,
                   QNetworkAccessManager* network, Options options, QObject* parent = nullptr);
    ~MarketDataFeed() override;

    // Receives every event after the store has applied it (e.g. the CLI printing them).
    void setObserver(MarketEventSink* observer) { m_observer = observer; }

    // Each request's topic, and the topics the adapter says ride along with it (extraTopics).
    void subscribe(const QList<ChannelRequest>& requests);
    // Stops the channels and their ride-along topics no other request still wants; their books stay in
    // the store, no longer updated (resubscribing brings a fresh snapshot).
    void unsubscribe(const QList<ChannelRequest>& requests);
    void start();
    void stop();

    MarketDataAdapter& adapter() { return m_adapter; }
    Category category() const { return m_category; }
    MarketStore& store() { return m_store; }
    // The connection that carries the books (and, on most venues, every other channel too).
    StreamClient& stream() { return *m_stream; }
    const std::vector<Instrument>& instruments() const { return m_instruments; }
    const Instrument* instrument(const QString& symbol) const;

    qint64 framesReceived() const { return m_frames; }
    qint64 malformedFrames() const { return m_malformed; }

Q_SIGNALS:
    void instrumentsLoaded();
    // A connection for channels routed off the main stream was opened (the feed's child; see streamFor).
    void connectionAdded(StreamClient* connection);
    void candlesLoaded(const QString& symbol, CandleInterval interval);
    // A book went live, resyncing or stale; reason says why when it is not live.
    void bookStateChanged(const QString& symbol, OrderBook::State state, const QString& reason);
    // Something the user should know about: a malformed frame, a rejected subscription, a REST error.
    void problem(const QString& message);
    // A frame from one of the feed's connections is in the store (receivedNs: its arrival, on
    // source->clock()).
    void frameApplied(const StreamClient* source, qint64 receivedNs);

private:
    void onBook(const BookUpdate& update) override;
    void onTicker(const Ticker& ticker, bool isSnapshot) override;
    void onTrades(std::span<const Trade> trades) override;
    void onCandle(const QString& symbol, CandleInterval interval, const Candle& candle) override;

    void onFrame(StreamClient* source, const QByteArray& frame);
    // The connection a channel's topics go to, opened on first use.
    StreamClient* streamFor(Channel channel);
    void onConnected();
    void onTopicStale(const QString& topic);
    void onConnectionLost();
    void loadInstruments();
    void loadCandles(const ChannelRequest& request);
    void requestResync(const QString& symbol, const QString& reason, bool report = true);
    void onSnapshotNeeded(const QString& symbol);
    void fetchSnapshot(const QString& symbol, const RestRequest& request);
    void retrySnapshot(const QString& symbol, qint64 delayMs);
    void noteBookState(const QString& symbol, const OrderBook& book, const QString& reason);

    MarketDataAdapter& m_adapter;
    Category m_category;
    MarketStore& m_store;
    Options m_options;
    RestClient* m_rest;
    StreamClient* m_stream;
    QList<StreamClient*> m_otherStreams; // channels the venue routes to other URLs
    bool m_started = false;
    MarketEventSink* m_observer = nullptr;
    QList<ChannelRequest> m_requests;
    QHash<QString, QString> m_bookTopicSymbol; // "orderbook.50.BTCUSDT" → "BTCUSDT"
    QHash<QString, int> m_bookDepth;           // symbol → requested depth
    QHash<QString, OrderBook::State> m_lastState;
    QHash<QString, qint64> m_resyncRequestedMs; // symbol → when a fresh snapshot was asked for
    std::vector<Instrument> m_instruments;
    QElapsedTimer m_clock;
    qint64 m_frames = 0;
    qint64 m_malformed = 0;
};
