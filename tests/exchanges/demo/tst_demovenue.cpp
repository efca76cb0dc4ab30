// The demo venue on 127.0.0.1 through the ordinary Bybit adapter: the terminal's own MarketDataFeed
// (StreamClient + BybitMarketData + MarketStore) must take its frames for minutes of simulated time
// without a sequence gap, a crossed book or a malformed frame, and its REST must agree with its streams.

#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/core/marketdatafeed.h"
#include "exchanges/demo/demomarket.h"
#include "exchanges/demo/demovenue.h"
#include "support/recordingsink.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace std::chrono_literals;

namespace {

struct HttpResult
{
    int status = 0;
    QJsonDocument json;
};

HttpResult get(QNetworkAccessManager& network, const QUrl& base, const QString& path,
               const QString& query = {})
{
    QUrl url = base;
    url.setPath(path);
    url.setQuery(query);
    QNetworkReply* reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    HttpResult r;
    if (!finished.wait(10000))
        return r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.json = QJsonDocument::fromJson(reply->readAll());
    reply->deleteLater();
    return r;
}

std::vector<BookLevel> restLevels(const QJsonArray& levels)
{
    std::vector<BookLevel> out;
    for (const QJsonValue& v : levels) {
        const QJsonArray pair = v.toArray();
        out.push_back({*Decimal::parse(pair.at(0).toString()), *Decimal::parse(pair.at(1).toString())});
    }
    return out;
}

QString levelsText(const std::vector<BookLevel>& levels)
{
    QStringList out;
    for (const BookLevel& l : levels)
        out.append(l.price.toString() + QLatin1Char('@') + l.size.toString());
    return out.join(QLatin1Char(' '));
}

DemoVenue::Options fastOptions()
{
    DemoVenue::Options o;
    o.seed = 20260101;
    o.updateIntervalMs = 2;
    o.speed = 60; // one simulated minute per wall second
    return o;
}

MarketDataFeed::Options feedOptions(const DemoVenue& venue, Category category)
{
    MarketDataFeed::Options o;
    o.streamUrl = venue.publicStreamUrl(category);
    o.restUrl = venue.restUrl();
    o.stream.initialBackoff = 50ms;
    o.stream.maxBackoff = 400ms;
    return o;
}

// One MarketDataFeed with its own adapter and store, and what it reported.
struct Client
{
    Category category;
    int depth;
    BybitMarketData adapter;
    MarketStore store;
    std::unique_ptr<MarketDataFeed> feed;
    QStringList problems;
    QSet<QString> live;
    QStringList leftLive; // "SYMBOL: reason" each time a book that was live stopped being live
    int candleLoads = 0;

    Client(DemoVenue& venue, QNetworkAccessManager& network, Category c, int d, bool everyChannel)
        : category(c)
        , depth(d)
    {
        feed = std::make_unique<MarketDataFeed>(adapter, category, store, &network,
                                                feedOptions(venue, category));
        QObject::connect(feed.get(), &MarketDataFeed::problem, feed.get(),
                         [this](const QString& m) { problems.append(m); });
        QObject::connect(feed.get(), &MarketDataFeed::candlesLoaded, feed.get(), [this] { ++candleLoads; });
        QObject::connect(feed.get(), &MarketDataFeed::bookStateChanged, feed.get(),
                         [this](const QString& symbol, OrderBook::State state, const QString& reason) {
                             if (state == OrderBook::State::Live) {
                                 live.insert(symbol);
                             } else if (live.contains(symbol)) {
                                 live.remove(symbol);
                                 leftLive.append(symbol + QStringLiteral(": ") + reason);
                             }
                         });
        QList<ChannelRequest> requests;
        for (const QString& symbol : venue.symbols(category)) {
            ChannelRequest book;
            book.channel = Channel::Book;
            book.symbol = symbol;
            book.depth = depth;
            requests.append(book);
            if (!everyChannel)
                continue;
            ChannelRequest r;
            r.symbol = symbol;
            r.channel = Channel::Ticker;
            requests.append(r);
            r.channel = Channel::Trades;
            requests.append(r);
            r.channel = Channel::Candles;
            r.interval = CandleInterval::OneMinute;
            requests.append(r);
        }
        feed->subscribe(requests);
        feed->start();
    }
    QString name() const { return QStringLiteral("%1 depth %2").arg(categoryName(category)).arg(depth); }
};

// Whether the client's book equals the venue's REST book, level for level, up to its depth.
bool mirrorsRest(QNetworkAccessManager& network, const DemoVenue& venue, Client& c, const QString& symbol,
                 QString& why)
{
    const HttpResult r = get(
        network, venue.restUrl(), QStringLiteral("/v5/market/orderbook"),
        QStringLiteral("category=%1&symbol=%2&limit=%3").arg(categoryName(c.category), symbol).arg(c.depth));
    const QJsonObject result = r.json.object().value(QLatin1String("result")).toObject();
    const auto bids = restLevels(result.value(QLatin1String("b")).toArray());
    const auto asks = restLevels(result.value(QLatin1String("a")).toArray());
    const OrderBook& book = c.store.book(symbol.toStdString());
    const auto myBids = book.topBids(static_cast<std::size_t>(c.depth));
    const auto myAsks = book.topAsks(static_cast<std::size_t>(c.depth));
    if (bids.size() != static_cast<std::size_t>(c.depth) || myBids != bids || myAsks != asks) {
        why = QStringLiteral("%1 %2: REST bids %3 | stream bids %4")
                  .arg(c.name(), symbol,
                       levelsText({bids.begin(), bids.begin() + std::min<qsizetype>(3, bids.size())}),
                       levelsText({myBids.begin(), myBids.begin() + std::min<qsizetype>(3, myBids.size())}));
        return false;
    }
    return true;
}

} // namespace

class TestDemoVenue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void booksStayConsistentForMinutesAndMirrorRest()
    {
        DemoVenue venue(fastOptions());
        QVERIFY2(venue.start(), qPrintable(venue.errorString()));
        QNetworkAccessManager network;
        std::vector<std::unique_ptr<Client>> clients;
        for (Category category : {Category::Linear, Category::Spot}) {
            for (int depth : {1, 50, 200})
                clients.push_back(std::make_unique<Client>(venue, network, category, depth, depth == 50));
        }
        const auto allLive = [&] {
            for (const auto& c : clients) {
                if (c->live.size() != venue.symbols(c->category).size())
                    return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allLive(), 15000);

        // Minutes of simulated market.
        const std::int64_t liveAt = venue.nowMs();
        QTRY_VERIFY_WITH_TIMEOUT(venue.nowMs() >= liveAt + 5 * 60'000, 60000);
        venue.setPaused(true);

        for (const auto& c : clients) {
            QVERIFY2(c->problems.isEmpty(),
                     qPrintable(c->name() + QStringLiteral(": ") + c->problems.join(u'\n')));
            QVERIFY2(c->leftLive.isEmpty(),
                     qPrintable(c->name() + QStringLiteral(": ") + c->leftLive.join(u'\n')));
            QCOMPARE(c->feed->malformedFrames(), 0);
            QVERIFY2(c->feed->framesReceived() > 1000, qPrintable(c->name()));
            QVERIFY(allLive());
        }

        // Paused, the streams have sent everything: each client's book is the venue's REST book.
        for (const auto& c : clients) {
            for (const QString& symbol : venue.symbols(c->category)) {
                QString why;
                QTRY_VERIFY2_WITH_TIMEOUT(mirrorsRest(network, venue, *c, symbol, why), qPrintable(why),
                                          5000);
            }
        }

        for (const auto& c : clients) {
            if (c->depth != 50)
                continue;
            const HttpResult tickers = get(network, venue.restUrl(), QStringLiteral("/v5/market/tickers"),
                                           QStringLiteral("category=") + categoryName(c->category));
            const QJsonArray list = tickers.json.object()
                                        .value(QLatin1String("result"))
                                        .toObject()
                                        .value(QLatin1String("list"))
                                        .toArray();
            QCOMPARE(list.size(), venue.symbols(c->category).size());
            for (const QJsonValue& v : list) {
                const QJsonObject rest = v.toObject();
                const QString symbol = rest.value(QLatin1String("symbol")).toString();
                const DemoSymbolSpec* spec = nullptr;
                const Instrument instrument = [&] {
                    for (const Instrument& i : venue.instruments(c->category)) {
                        if (i.symbol == symbol)
                            return i;
                    }
                    return Instrument{};
                }();
                Q_UNUSED(spec);
                QVERIFY(!instrument.symbol.isEmpty());

                // Tickers: snapshot + deltas merge into what REST says now.
                const Ticker* t = c->store.findTicker(symbol);
                QVERIFY2(t, qPrintable(symbol));
                QTRY_COMPARE_WITH_TIMEOUT(t->lastPrice->toString(),
                                          rest.value(QLatin1String("lastPrice")).toString(), 5000);
                QCOMPARE(t->volume24h->toString(), rest.value(QLatin1String("volume24h")).toString());
                QCOMPARE(t->highPrice24h->toString(), rest.value(QLatin1String("highPrice24h")).toString());
                QVERIFY(t->turnover24h && t->change24h && t->lowPrice24h);
                const OrderBook& book = c->store.book(symbol.toStdString());
                if (c->category == Category::Linear) {
                    QCOMPARE(*t->bidPrice, *book.bestBid());
                    QCOMPARE(*t->askPrice, *book.bestAsk());
                    QVERIFY(t->markPrice && t->indexPrice && t->openInterest && t->fundingRate);
                } else {
                    QVERIFY2(!t->bidPrice && !t->askPrice, "spot tickers carry no bid/ask");
                }

                // Trades arrived, on the instrument's grid.
                const auto* trades = c->store.findTrades(symbol);
                QVERIFY2(trades && trades->size() > 20, qPrintable(symbol));
                for (const Trade& trade : *trades) {
                    QVERIFY(trade.price.isMultipleOf(instrument.tickSize));
                    QVERIFY(trade.size.isMultipleOf(instrument.lotSize));
                    QVERIFY(!trade.id.isEmpty());
                }

                // Candles: REST history, then live bars continuing it without a gap.
                const auto* candles = c->store.findCandles(symbol, CandleInterval::OneMinute);
                QVERIFY(candles && candles->size() >= 204);
                for (std::size_t i = 1; i < candles->size(); ++i)
                    QCOMPARE((*candles)[i].openTimeMs - (*candles)[i - 1].openTimeMs, 60'000);
                QCOMPARE(candles->back().openTimeMs, venue.nowMs() - venue.nowMs() % 60'000);
                QVERIFY((*candles)[candles->size() - 2].closed);
                QCOMPARE(candles->back().close, *t->lastPrice);
            }
            QCOMPARE(c->candleLoads, int(venue.symbols(c->category).size()));
        }
    }

    // The firehose (--rate) moves books and prints trades many times per market step: every frame must
    // still continue its topic (no gap, no duplicate trade) and the books must equal REST afterwards.
    void firehoseFramesStayConsistent()
    {
        DemoVenue::Options options;
        options.seed = 424242;
        options.firehoseRate = 20'000;
        DemoVenue venue(options);
        QVERIFY2(venue.start(), qPrintable(venue.errorString()));
        QNetworkAccessManager network;
        Client linear(venue, network, Category::Linear, 50, true);
        Client spot(venue, network, Category::Spot, 1, false);
        QTRY_VERIFY_WITH_TIMEOUT(linear.live.size() == venue.symbols(Category::Linear).size() &&
                                     spot.live.size() == venue.symbols(Category::Spot).size(),
                                 15000);
        const qint64 sentAtLive = venue.firehoseFramesSent();
        QTRY_VERIFY_WITH_TIMEOUT(linear.feed->framesReceived() > 30'000, 15000);
        venue.setPaused(true);
        QVERIFY(venue.firehoseFramesSent() > sentAtLive);

        for (Client* c : {&linear, &spot}) {
            QVERIFY2(c->problems.isEmpty(),
                     qPrintable(c->name() + QStringLiteral(": ") + c->problems.join(u'\n')));
            QVERIFY2(c->leftLive.isEmpty(),
                     qPrintable(c->name() + QStringLiteral(": ") + c->leftLive.join(u'\n')));
            QCOMPARE(c->feed->malformedFrames(), 0);
        }
        // The paused venue flushed what it had: both ends agree.
        for (const QString& symbol : venue.symbols(Category::Linear)) {
            QString why;
            QTRY_VERIFY2_WITH_TIMEOUT(mirrorsRest(network, venue, linear, symbol, why), qPrintable(why),
                                      5000);
            const std::deque<Trade>* trades = linear.store.findTrades(symbol);
            QVERIFY2(trades && trades->size() > 10, qPrintable(symbol));
            QSet<QString> ids;
            for (const Trade& t : *trades)
                ids.insert(t.id);
            QCOMPARE(ids.size(), static_cast<qsizetype>(trades->size()));
        }
    }

    void instrumentsParseWithTheirTickSizes()
    {
        DemoVenue venue(fastOptions());
        QVERIFY(venue.start());
        QNetworkAccessManager network;
        BybitMarketData adapter;
        for (Category category : {Category::Linear, Category::Spot}) {
            const HttpResult r = get(network, venue.restUrl(), QStringLiteral("/v5/market/instruments-info"),
                                     QStringLiteral("category=%1&limit=1000").arg(categoryName(category)));
            QCOMPARE(r.status, 200);
            QVERIFY(!adapter.replyError(r.json));
            const auto parsed = adapter.parseInstruments(category, r.json);
            QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().message));
            const auto expected = venue.instruments(category);
            QCOMPARE(parsed.value().size(), std::size_t(expected.size()));
            for (std::size_t i = 0; i < parsed.value().size(); ++i)
                QCOMPARE(parsed.value()[i], expected[qsizetype(i)]);
        }
        const Instrument btc = venue.instruments(Category::Linear).first(); // a copy: the list is a temporary
        QCOMPARE(btc.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(btc.tickSize.toString(), QStringLiteral("0.10"));
        QCOMPARE(btc.lotSize.toString(), QStringLiteral("0.001"));
    }

    void restAnswersTimeKlinesAndErrorsLikeBybit()
    {
        DemoVenue venue(fastOptions());
        QVERIFY(venue.start());
        QNetworkAccessManager network;
        BybitMarketData adapter;

        const HttpResult time = get(network, venue.restUrl(), QStringLiteral("/v5/market/time"));
        const QJsonObject t = time.json.object();
        QCOMPARE(t.value(QLatin1String("retCode")).toInt(-1), 0);
        QCOMPARE(t.value(QLatin1String("retMsg")).toString(), QStringLiteral("OK"));
        QVERIFY(t.value(QLatin1String("retExtInfo")).isObject());
        const qint64 seconds = t.value(QLatin1String("result"))
                                   .toObject()
                                   .value(QLatin1String("timeSecond"))
                                   .toString()
                                   .toLongLong();
        QVERIFY(qAbs(seconds - venue.nowMs() / 1000) < 5);

        // History: newest first, `end` and `limit` honoured, and in the adapter's shape.
        const std::int64_t end = venue.nowMs() - 3 * 3'600'000;
        const HttpResult k =
            get(network, venue.restUrl(), QStringLiteral("/v5/market/kline"),
                QStringLiteral("category=spot&symbol=XRPUSDT&interval=15&limit=7&end=%1").arg(end));
        const QJsonArray rows =
            k.json.object().value(QLatin1String("result")).toObject().value(QLatin1String("list")).toArray();
        QCOMPARE(rows.size(), 7);
        QVERIFY(rows.first().toArray().first().toString().toLongLong() <= end);
        QCOMPARE(rows.at(0).toArray().first().toString().toLongLong() -
                     rows.at(1).toArray().first().toString().toLongLong(),
                 900'000);
        const auto candles = adapter.parseCandles(k.json);
        QVERIFY(candles);
        QCOMPARE(candles.value().size(), std::size_t(7));
        const HttpResult fromStart =
            get(network, venue.restUrl(), QStringLiteral("/v5/market/kline"),
                QStringLiteral("category=linear&symbol=BTCUSDT&interval=60&start=%1").arg(end));
        const QJsonArray hours = fromStart.json.object()
                                     .value(QLatin1String("result"))
                                     .toObject()
                                     .value(QLatin1String("list"))
                                     .toArray();
        QVERIFY(hours.size() >= 3 && hours.size() <= 4);

        const auto expectError = [&](const QString& path, const QString& query, int status, int code,
                                     const char* text) {
            const HttpResult r = get(network, venue.restUrl(), path, query);
            QCOMPARE(r.status, status);
            const auto error = adapter.replyError(r.json);
            QVERIFY(error);
            QCOMPARE(error->venueCode, QString::number(code));
            QVERIFY2(error->message.contains(QLatin1String(text)), qPrintable(error->message));
            QVERIFY(r.json.object().value(QLatin1String("result")).isObject());
        };
        expectError(QStringLiteral("/v5/market/nothing"), {}, 404, 404, "/v5/market/nothing");
        expectError(QStringLiteral("/v5/market/tickers"), QStringLiteral("category=linear&symbol=NOSUCHUSDT"),
                    200, 10001, "symbol invalid");
        expectError(QStringLiteral("/v5/market/tickers"), QStringLiteral("category=futures"), 200, 10001,
                    "category");
        expectError(QStringLiteral("/v5/market/kline"),
                    QStringLiteral("category=linear&symbol=BTCUSDT&interval=7"), 200, 10001, "interval");
        expectError(QStringLiteral("/v5/market/orderbook"),
                    QStringLiteral("category=spot&symbol=BTCUSDT&limit=201"), 200, 10001, "limit");
        expectError(QStringLiteral("/v5/market/kline"),
                    QStringLiteral("category=linear&symbol=BTCUSDT&interval=1&start=9&end=5"), 200, 10001,
                    "start");
    }

    void pingIsAnsweredWithPong()
    {
        DemoVenue venue(fastOptions());
        QVERIFY(venue.start());
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
        socket.open(venue.publicStreamUrl(Category::Spot));
        QVERIFY(connected.wait(5000));
        socket.sendTextMessage(QStringLiteral(R"({"op":"ping"})"));
        QVERIFY(messages.wait(5000));
        const QByteArray pong = messages.first().first().toString().toUtf8();
        QVERIFY2(BybitStreamProtocol().isPong(pong), pong.constData());
        const QJsonObject o = QJsonDocument::fromJson(pong).object();
        QCOMPARE(o.value(QLatin1String("success")).toBool(), true);
        QCOMPARE(o.value(QLatin1String("op")).toString(), QStringLiteral("ping"));
        QVERIFY(!o.value(QLatin1String("conn_id")).toString().isEmpty());
    }

    void unknownTopicIsRejected()
    {
        DemoVenue venue(fastOptions());
        QVERIFY(venue.start());
        BybitMarketData adapter;
        StreamClient client(venue.publicStreamUrl(Category::Linear), adapter.streamProtocol());
        RecordingSink sink;
        QStringList rejected;
        int data = 0;
        connect(&client, &StreamClient::frameReceived, this, [&](const QByteArray& frame) {
            const ParseResult r = adapter.parse(frame, Category::Linear, sink);
            if (r.kind == ParseResult::Kind::Rejected)
                rejected.append(r.error);
            data += r.kind == ParseResult::Kind::Data;
        });
        client.subscribe({QStringLiteral("orderbook.51.BTCUSDT"), QStringLiteral("tickers.BTCUSDT")});
        client.open();
        QTRY_COMPARE_WITH_TIMEOUT(rejected.size(), 1, 5000);
        QVERIFY2(rejected.first().contains(QLatin1String("orderbook.51.BTCUSDT")),
                 qPrintable(rejected.first()));
        QTRY_VERIFY_WITH_TIMEOUT(data > 0, 5000); // the valid topic of the same request still streams
        QVERIFY(!sink.tickers.empty());
    }

    void droppedConnectionsReconnectWithFreshSnapshots()
    {
        DemoVenue venue(fastOptions());
        QVERIFY(venue.start());
        QNetworkAccessManager network;
        Client client(venue, network, Category::Linear, 50, false);
        const auto specs = DemoMarket::defaultSymbols();
        const auto books = qsizetype(std::count_if(specs.cbegin(), specs.cend(), [](const DemoSymbolSpec& s) {
            return s.category == Category::Linear;
        }));
        QTRY_COMPARE_WITH_TIMEOUT(client.live.size(), books, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(venue.connectionCount(), 1, 5000);
        QSignalSpy bookStates(client.feed.get(), &MarketDataFeed::bookStateChanged);

        venue.dropConnections();
        QTRY_VERIFY_WITH_TIMEOUT(client.leftLive.size() == books, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(client.live.size(), books, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(venue.connectionCount(), 1, 5000);
        // Each book left Live the moment its connection was lost, not only once a new one came up.
        for (const QString& reason : std::as_const(client.leftLive))
            QVERIFY2(reason.contains(QLatin1String("connection lost")), qPrintable(reason));
        QVERIFY(client.feed->stream().attempt() >= 0);
        const OrderBook& book = client.store.book("BTCUSDT");
        QVERIFY(book.isLive());
        QCOMPARE(book.bidCount(), std::size_t(50));
        QVERIFY(*book.bestBid() < *book.bestAsk());
        // Still consistent afterwards.
        const std::int64_t at = venue.nowMs();
        QTRY_VERIFY_WITH_TIMEOUT(venue.nowMs() > at + 30'000, 10000);
        QVERIFY2(client.problems.isEmpty(), qPrintable(client.problems.join(u'\n')));
        QCOMPARE(client.live.size(), books);
    }
};

QTEST_GUILESS_MAIN(TestDemoVenue)
#include "tst_demovenue.moc"
