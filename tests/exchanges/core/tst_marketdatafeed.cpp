#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/okx/okxmarketdata.h"
#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"
#include "support/recordingsink.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

namespace {
QByteArray snapshot(std::int64_t u, const char* bids, const char* asks)
{
    return QStringLiteral(
               R"({"topic":"orderbook.50.BTCUSDT","type":"snapshot","ts":1,"data":{"s":"BTCUSDT","b":%1,"a":%2,"u":%3,"seq":1}})")
        .arg(QLatin1String(bids), QLatin1String(asks))
        .arg(u)
        .toUtf8();
}
QByteArray delta(std::int64_t u, const char* bids, const char* asks)
{
    return QStringLiteral(
               R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":%1,"a":%2,"u":%3,"seq":2}})")
        .arg(QLatin1String(bids), QLatin1String(asks))
        .arg(u)
        .toUtf8();
}
int countSubscribes(const QList<QByteArray>& messages, const char* topic)
{
    int n = 0;
    for (const QByteArray& m : messages) {
        if (m.contains("\"subscribe\"") && m.contains(topic))
            ++n;
    }
    return n;
}
// Bybit with topics riding along with tickers: the coin's index (shared by the coin's contracts) and
// each contract's funding.
class RideAlongAdapter final : public MarketDataAdapter
{
public:
    BybitMarketData inner;

    QString venue() const override { return inner.venue(); }
    QList<Category> categories() const override { return inner.categories(); }
    QUrl publicStreamUrl(Category c, Environment e) const override { return inner.publicStreamUrl(c, e); }
    QUrl restBaseUrl(Environment e) const override { return inner.restBaseUrl(e); }
    const StreamProtocol& streamProtocol() const override { return inner.streamProtocol(); }
    QString topic(Category c, const ChannelRequest& r) const override { return inner.topic(c, r); }
    QStringList extraTopics(Category, const ChannelRequest& r) const override
    {
        if (r.channel != Channel::Ticker)
            return {};
        return {QStringLiteral("index.") + r.symbol.left(3), QStringLiteral("funding.") + r.symbol};
    }
    std::chrono::milliseconds expectedCadence(Channel c) const override { return inner.expectedCadence(c); }
    ParseResult parse(QByteArrayView frame, Category c, MarketEventSink& sink) override
    {
        return inner.parse(frame, c, sink);
    }
    ResyncPlan resyncPlan(Category c, const QString& symbol, int depth) const override
    {
        return inner.resyncPlan(c, symbol, depth);
    }
    RestRequest instrumentsRequest(Category c) const override { return inner.instrumentsRequest(c); }
    Result<std::vector<Instrument>, AdapterError> parseInstruments(Category c,
                                                                   const QJsonDocument& reply) const override
    {
        return inner.parseInstruments(c, reply);
    }
    RestRequest candlesRequest(Category c, const QString& symbol, CandleInterval i, std::int64_t endMs,
                               int limit) const override
    {
        return inner.candlesRequest(c, symbol, i, endMs, limit);
    }
    Result<std::vector<Candle>, AdapterError> parseCandles(const QJsonDocument& reply) const override
    {
        return inner.parseCandles(reply);
    }
    std::optional<RestError> replyError(const QJsonDocument& reply) const override
    {
        return inner.replyError(reply);
    }
};
} // namespace

class TestMarketDataFeed : public QObject
{
    Q_OBJECT

private:
    template <class Adapter> struct RigOf
    {
        LoopbackWsServer ws;
        LoopbackHttpServer http;
        QNetworkAccessManager network;
        Adapter adapter;
        MarketStore store;
        std::unique_ptr<MarketDataFeed> feed;

        RigOf()
        {
            http.json(QStringLiteral("/v5/market/instruments-info"),
                      fixture(QStringLiteral("bybit/rest-instruments-linear.json")));
            http.json(QStringLiteral("/v5/market/kline"), fixture(QStringLiteral("bybit/rest-kline.json")));
            MarketDataFeed::Options o;
            o.streamUrl = ws.url();
            o.restUrl = http.baseUrl();
            o.stream.initialBackoff = 50ms;
            o.stream.maxBackoff = 400ms;
            o.stream.deadAfter = 5s;
            feed = std::make_unique<MarketDataFeed>(adapter, Category::Linear, store, &network, o);
        }
        const OrderBook& book() { return store.book("BTCUSDT"); }
    };
    using Rig = RigOf<BybitMarketData>;

    // A well-formed book frame by which the venue says our copy is off (ParseResult Data with a
    // resyncSymbol): the book shows Resyncing with the venue's reason, the resync plan subscribes it
    // again, nothing is counted malformed, and the venue's fresh snapshot brings it back.
    template <class Adapter>
    static void resyncsOnVenueReportedInconsistency(Category category, const QString& symbol,
                                                    const QByteArray& snapshot, const QByteArray& bad,
                                                    const QString& reason)
    {
        LoopbackWsServer ws;
        QNetworkAccessManager network;
        Adapter adapter;
        MarketStore store;
        MarketDataFeed::Options o;
        o.streamUrl = ws.url();
        o.restUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // no REST here: instruments fail quietly
        o.stream.deadAfter = 10s;
        MarketDataFeed feed(adapter, category, store, &network, o);
        QSignalSpy bookStates(&feed, &MarketDataFeed::bookStateChanged);
        QSignalSpy problems(&feed, &MarketDataFeed::problem);
        ChannelRequest r;
        r.channel = Channel::Book;
        r.symbol = symbol;
        r.depth = 50;
        feed.subscribe({r});
        feed.start();
        const QByteArray name = symbol.toUtf8();
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(ws.received, name.constData()), 1, 5000);
        const OrderBook& book = store.book(name.toStdString());
        ws.send(snapshot);
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 5000);

        ws.send(bad);
        QTRY_COMPARE_WITH_TIMEOUT(book.state(), OrderBook::State::Resyncing, 5000);
        QCOMPARE(feed.malformedFrames(), 0);
        QVERIFY(!bookStates.isEmpty());
        QCOMPARE(bookStates.last().at(1).value<OrderBook::State>(), OrderBook::State::Resyncing);
        const QString said = bookStates.last().at(2).toString();
        QVERIFY2(said.contains(reason), qPrintable(said));
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(ws.received, name.constData()), 2, 5000);
        bool unsubscribed = false;
        for (const QByteArray& m : std::as_const(ws.received))
            unsubscribed |= m.contains("\"unsubscribe\"") && m.contains(name);
        QVERIFY(unsubscribed);
        bool reported = false;
        for (const auto& p : std::as_const(problems))
            reported |= p.first().toString().contains(reason);
        QVERIFY(reported);

        ws.send(snapshot); // the venue's answer to the new subscription
        QTRY_VERIFY_WITH_TIMEOUT(book.isLive(), 5000);
        QCOMPARE(feed.malformedFrames(), 0);
        feed.stop();
    }

    static ChannelRequest bookRequest()
    {
        ChannelRequest r;
        r.channel = Channel::Book;
        r.symbol = QStringLiteral("BTCUSDT");
        r.depth = 50;
        return r;
    }

private Q_SLOTS:
    void loadsInstrumentsAndCandleHistory()
    {
        Rig rig;
        QSignalSpy instruments(rig.feed.get(), &MarketDataFeed::instrumentsLoaded);
        QSignalSpy candles(rig.feed.get(), &MarketDataFeed::candlesLoaded);
        ChannelRequest r;
        r.channel = Channel::Candles;
        r.symbol = QStringLiteral("BTCUSDT");
        r.interval = CandleInterval::OneHour;
        rig.feed->subscribe({r});
        rig.feed->start();
        QTRY_COMPARE_WITH_TIMEOUT(instruments.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(candles.size(), 1, 5000);
        QCOMPARE(rig.feed->instrument(QStringLiteral("BTCUSDT"))->tickSize.toString(),
                 QStringLiteral("0.10"));
        const auto* list = rig.store.findCandles(QStringLiteral("BTCUSDT"), CandleInterval::OneHour);
        QVERIFY(list);
        QCOMPARE(list->size(), std::size_t(3));
        QCOMPARE(list->front().openTimeMs, 1670601600000);
        QTRY_VERIFY_WITH_TIMEOUT(countSubscribes(rig.ws.received, "kline.60.BTCUSDT") == 1, 5000);
    }

    void reportsRestErrorsVerbatim()
    {
        Rig rig;
        rig.http.json(QStringLiteral("/v5/market/instruments-info"),
                      fixture(QStringLiteral("bybit/rest-error.json")));
        QSignalSpy problems(rig.feed.get(), &MarketDataFeed::problem);
        rig.feed->start();
        QTRY_VERIFY_WITH_TIMEOUT(!problems.isEmpty(), 5000);
        const QString message = problems.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("params error: symbol invalid")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("10001")));
    }

    void rebuildsBookAfterDropAndRefusedReconnect()
    {
        Rig rig;
        QSignalSpy states(&rig.feed->stream(), &StreamClient::stateChanged);
        QSignalSpy bookStates(rig.feed.get(), &MarketDataFeed::bookStateChanged);
        rig.feed->subscribe({bookRequest()});
        rig.feed->start();
        QTRY_VERIFY_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT") == 1, 5000);

        rig.ws.send(snapshot(10, R"([["100.0","1"],["99.0","2"]])", R"([["101.0","1"],["102.0","2"]])"));
        rig.ws.send(delta(11, R"([["99.5","7"]])", "[]"));
        QTRY_COMPARE_WITH_TIMEOUT(rig.book().sequence(), 11, 5000);
        QVERIFY(rig.book().isLive());
        QCOMPARE(rig.book().bidCount(), std::size_t(3));

        // Drop mid-stream and refuse the next attempt: the client must back off and try again.
        rig.ws.refuseConnections();
        rig.ws.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(
            rig.book().state() == OrderBook::State::Resyncing || rig.feed->stream().attempt() >= 2, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(rig.feed->stream().attempt() >= 2, 5000); // one refused attempt at least
        rig.ws.listen();
        QTRY_COMPARE_WITH_TIMEOUT(rig.feed->stream().state(), StreamClient::State::Live, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 2, 5000);

        // Until the new snapshot, the book shows nothing and says so.
        QCOMPARE(rig.book().state(), OrderBook::State::Resyncing);
        QCOMPARE(rig.book().bidCount(), std::size_t(0));
        rig.ws.send(snapshot(500, R"([["200.0","5"]])", R"([["201.0","6"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        QCOMPARE(rig.book().bidCount(), std::size_t(1));
        QCOMPARE(rig.book().askCount(), std::size_t(1));
        QCOMPARE(*rig.book().bestBid(), dec("200.0"));
        QCOMPARE(rig.book().sequence(), 500);

        // The connection state went through reconnecting with growing attempts.
        QList<int> attempts;
        for (const auto& s : states) {
            if (s.at(0).value<StreamClient::State>() == StreamClient::State::Reconnecting)
                attempts.append(s.at(1).toInt());
        }
        QVERIFY2(attempts.size() >= 2 && attempts.at(0) == 1 && attempts.at(1) == 2,
                 qPrintable(QStringLiteral("attempts: %1").arg(attempts.size())));
        // And the book reported resyncing, then live again.
        bool sawResyncing = false;
        for (const auto& s : bookStates)
            sawResyncing |= s.at(1).value<OrderBook::State>() == OrderBook::State::Resyncing;
        QVERIFY(sawResyncing);
    }

    void resubscribesAfterSequenceGap()
    {
        Rig rig;
        rig.feed->subscribe({bookRequest()});
        rig.feed->start();
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 1, 5000);
        rig.ws.send(snapshot(10, R"([["100.0","1"]])", R"([["101.0","1"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        rig.ws.send(delta(12, R"([["100.0","3"]])", "[]")); // u 11 is missing
        QTRY_COMPARE_WITH_TIMEOUT(rig.book().state(), OrderBook::State::Resyncing, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 2, 5000);
        bool unsubscribed = false;
        for (const QByteArray& m : rig.ws.received)
            unsubscribed |= m.contains("\"unsubscribe\"") && m.contains("orderbook.50.BTCUSDT");
        QVERIFY(unsubscribed);
        rig.ws.send(snapshot(40, R"([["100.5","1"]])", R"([["101.0","1"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        QCOMPARE(*rig.book().bestBid(), dec("100.5"));
    }

    // Topics riding along with a request are subscribed with it and again after a reconnect; one shared
    // by two requests goes only with the last of them; a request without any brings none.
    void rideAlongTopicsFollowTheirRequests()
    {
        RigOf<RideAlongAdapter> rig;
        MarketDataFeed& feed = *rig.feed;
        LoopbackWsServer& ws = rig.ws;
        const auto request = [](Channel channel, const char* symbol) {
            ChannelRequest r;
            r.channel = channel;
            r.symbol = QString::fromLatin1(symbol);
            return r;
        };
        const ChannelRequest usdt = request(Channel::Ticker, "BTCUSDT");
        const ChannelRequest perp = request(Channel::Ticker, "BTCPERP");
        feed.subscribe({usdt, perp, request(Channel::Trades, "BTCUSDT")});
        feed.start();
        QCOMPARE(feed.stream().subscriptions(),
                 (QStringList{QStringLiteral("tickers.BTCUSDT"), QStringLiteral("index.BTC"),
                              QStringLiteral("funding.BTCUSDT"), QStringLiteral("tickers.BTCPERP"),
                              QStringLiteral("funding.BTCPERP"), QStringLiteral("publicTrade.BTCUSDT")}));
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(ws.received, "\"index.BTC\""), 1, 5000);

        ws.dropAll();
        QTRY_VERIFY_WITH_TIMEOUT(countSubscribes(ws.received, "\"index.BTC\"") == 2 &&
                                     countSubscribes(ws.received, "\"funding.BTCPERP\"") == 2,
                                 5000);

        feed.unsubscribe({usdt});
        QCOMPARE(feed.stream().subscriptions(),
                 (QStringList{QStringLiteral("index.BTC"), QStringLiteral("tickers.BTCPERP"),
                              QStringLiteral("funding.BTCPERP"), QStringLiteral("publicTrade.BTCUSDT")}));
        feed.unsubscribe({perp});
        QCOMPARE(feed.stream().subscriptions(), QStringList{QStringLiteral("publicTrade.BTCUSDT")});
        feed.stop();
    }

    void unsubscribedChannelIsNotRestoredOnReconnect()
    {
        Rig rig;
        ChannelRequest ticker;
        ticker.channel = Channel::Ticker;
        ticker.symbol = QStringLiteral("BTCUSDT");
        rig.feed->subscribe({bookRequest(), ticker});
        rig.feed->start();
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 1, 5000);
        rig.feed->unsubscribe({bookRequest()});
        QTRY_VERIFY_WITH_TIMEOUT(rig.ws.received.last().contains("\"unsubscribe\"") &&
                                     rig.ws.received.last().contains("orderbook.50.BTCUSDT"),
                                 5000);
        const int before = countSubscribes(rig.ws.received, "tickers.BTCUSDT");
        rig.ws.dropAll();
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "tickers.BTCUSDT"), before + 1, 5000);
        QCOMPARE(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 1);
    }

    void okxChecksumMismatchResyncsWithoutCountingMalformed()
    {
        resyncsOnVenueReportedInconsistency<OkxMarketData>(
            Category::Spot, QStringLiteral("BTC-USDT"),
            fixture(QStringLiteral("okx/books-snapshot-checksum.json")),
            fixture(QStringLiteral("okx/books-update-badchecksum.json")),
            QStringLiteral("checksum mismatch"));
    }

    void bitmexChangeToAnUnknownLevelResyncsWithoutCountingMalformed()
    {
        resyncsOnVenueReportedInconsistency<BitmexMarketData>(
            Category::Inverse, QStringLiteral("XBTUSD"),
            fixture(QStringLiteral("bitmex/orderbookl2-partial.json")),
            fixture(QStringLiteral("bitmex/orderbookl2-update-unknown-id.json")),
            QStringLiteral("unknown level id 8796399999"));
    }

    void malformedBookFrameResyncsThatBook()
    {
        Rig rig;
        QSignalSpy problems(rig.feed.get(), &MarketDataFeed::problem);
        rig.feed->subscribe({bookRequest()});
        rig.feed->start();
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 1, 5000);
        rig.ws.send(snapshot(10, R"([["100.0","1"]])", R"([["101.0","1"]])"));
        QTRY_VERIFY_WITH_TIMEOUT(rig.book().isLive(), 5000);
        rig.ws.send(
            R"({"topic":"orderbook.50.BTCUSDT","type":"delta","ts":2,"data":{"s":"BTCUSDT","b":[["x","1"]],"a":[],"u":11}})");
        QTRY_COMPARE_WITH_TIMEOUT(rig.book().state(), OrderBook::State::Resyncing, 5000);
        QCOMPARE(rig.feed->malformedFrames(), 1);
        QVERIFY(!problems.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(countSubscribes(rig.ws.received, "orderbook.50.BTCUSDT"), 2, 5000);
    }
};

QTEST_GUILESS_MAIN(TestMarketDataFeed)
#include "tst_marketdatafeed.moc"
