#include "exchanges/bitmex/bitmexmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonDocument>
#include <QTest>

#include <algorithm>

class TestBitmexMarketData : public QObject
{
    Q_OBJECT

private:
    BitmexMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Inverse)
    {
        return adapter.parse(frame, category, sink);
    }
    ParseResult feedFixture(RecordingSink& sink, const char* name)
    {
        return feed(sink, fixture(QStringLiteral("bitmex/") + QLatin1String(name)));
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("bitmex/") + QLatin1String(name)));
    }
    static std::int64_t at(const char* time) { return *BitmexMarketData::parseTimestamp(time); }
    // One /trade/bucketed or tradeBin row as BitMEX writes it (stamped at the end of the bin); allColumns
    // adds the columns folding does not read.
    static QByteArray bin(const char* end, const char* open, const char* high, const char* low,
                          const char* close, const char* home, bool allColumns = true)
    {
        QByteArray row = QByteArray("{\"timestamp\":\"") + end + "\",\"symbol\":\"XBTUSD\",\"open\":" + open +
                         ",\"high\":" + high + ",\"low\":" + low + ",\"close\":" + close +
                         ",\"homeNotional\":" + home + ",\"foreignNotional\":1000";
        if (allColumns)
            row += ",\"trades\":3,\"volume\":1000,\"vwap\":36000,\"lastSize\":10,\"turnover\":2700000";
        return row + "}";
    }
    static QByteArray binFrame(const QByteArray& row) // a tradeBin5m push of one bin
    {
        return "{\"table\":\"tradeBin5m\",\"action\":\"insert\",\"data\":[" + row + "]}";
    }
    static QJsonDocument reply(const QList<QByteArray>& rows) // given oldest first, sent newest first
    {
        QByteArray text = "[";
        for (qsizetype k = rows.size() - 1; k >= 0; --k)
            text += rows.at(k) + (k ? "," : "");
        return QJsonDocument::fromJson(text + "]");
    }

private Q_SLOTS:
    void init() { adapter.reset(); }

    void namesTopicsAsBitmexDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("XBTUSD");
        r.channel = Channel::Book;
        r.depth = 50;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("orderBookL2:XBTUSD"));
        r.depth = 25;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("orderBookL2_25:XBTUSD"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("instrument:XBTUSD"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Linear, r), QStringLiteral("trade:XBTUSD"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::OneHour;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("tradeBin1h:XBTUSD"));
        r.interval = CandleInterval::FourHours;
        // BitMEX has no 4h or 15m bin: they are built from the 1h and 5m ones.
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("tradeBin1h:XBTUSD"));
        r.interval = CandleInterval::FifteenMinutes;
        QCOMPARE(adapter.topic(Category::Inverse, r), QStringLiteral("tradeBin5m:XBTUSD"));
        QCOMPARE(adapter.publicStreamUrl(Category::Inverse, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws.bitmex.com/realtime")));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Testnet),
                 QUrl(QStringLiteral("wss://ws.testnet.bitmex.com/realtime")));
        QCOMPARE(adapter.restBaseUrl(Environment::Testnet),
                 QUrl(QStringLiteral("https://testnet.bitmex.com")));
        // BitMEX's testnet is its demo: a demo account never reaches the real venue.
        QCOMPARE(adapter.restBaseUrl(Environment::Demo), QUrl(QStringLiteral("https://testnet.bitmex.com")));
        QCOMPARE(adapter.restBaseUrl(Environment::Mainnet), QUrl(QStringLiteral("https://www.bitmex.com")));
        QCOMPARE(adapter.resyncPlan(Category::Inverse, QStringLiteral("XBTUSD"), 50).resubscribeTopics,
                 QStringList{QStringLiteral("orderBookL2:XBTUSD")});
    }

    void speaksBitmexFraming()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        QCOMPARE(p.subscribeMessages({QStringLiteral("orderBookL2:XBTUSD"), QStringLiteral("trade:XBTUSD")}),
                 QList<QByteArray>{R"({"args":["orderBookL2:XBTUSD","trade:XBTUSD"],"op":"subscribe"})"});
        QCOMPARE(p.unsubscribeMessages({QStringLiteral("trade:XBTUSD")}),
                 QList<QByteArray>{R"({"args":["trade:XBTUSD"],"op":"unsubscribe"})"});
        QCOMPARE(p.pingMessage(), QByteArray("ping"));
        QVERIFY(p.isPong("pong"));
        QVERIFY(!p.isPong(R"({"info":"pong"})"));
    }

    void buildsBookFromPartialThenInsertUpdateDelete()
    {
        RecordingSink sink;
        const ParseResult partial = feedFixture(sink, "orderbookl2-partial.json");
        QCOMPARE(partial.kind, ParseResult::Kind::Data);
        QCOMPARE(partial.topic, std::string_view("orderBookL2:XBTUSD"));
        QCOMPARE(sink.books.size(), std::size_t(1));
        QVERIFY(sink.books[0].isSnapshot);
        const OrderBook* book = sink.store.findBook("XBTUSD");
        QVERIFY(book && book->isLive());
        QCOMPARE(book->bid(0), (BookLevel{dec("36759.5"), dec("4200")}));
        QCOMPARE(book->ask(0), (BookLevel{dec("36760"), dec("2500")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("36760.5"), dec("100")}));
        QCOMPARE(book->timestampMs(), *BitmexMarketData::parseTimestamp("2026-11-26T03:00:01.123Z"));

        QCOMPARE(feedFixture(sink, "orderbookl2-insert.json").kind, ParseResult::Kind::Data);
        QCOMPARE(feedFixture(sink, "orderbookl2-update.json").kind, ParseResult::Kind::Data);
        QCOMPARE(feedFixture(sink, "orderbookl2-delete.json").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.size(), std::size_t(4));
        for (std::size_t i = 1; i < 4; ++i) {
            QVERIFY(!sink.books[i].isSnapshot);
            QCOMPARE(sink.books[i].rule, OrderBook::SequenceRule::None);
            QCOMPARE(sink.books[i].applied, OrderBook::ApplyResult::Applied);
        }
        // The delete names its level by id; its price comes from what the partial said about that id.
        QCOMPARE(sink.books[3].bids, (std::vector<BookLevel>{{dec("36759.5"), dec("0")}}));
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(2));
        QCOMPARE(book->bid(0), (BookLevel{dec("36759"), dec("300")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("36758"), dec("17000")}));
        QCOMPARE(book->askCount(), std::size_t(2));
        QCOMPARE(book->ask(0), (BookLevel{dec("36760"), dec("1800")}));
        QCOMPARE(book->bestAsk()->toString(), QStringLiteral("36760.0")); // at the book's price scale
    }

    void keepsLinearPricesExact()
    {
        RecordingSink sink;
        QCOMPARE(
            feed(sink, fixture(QStringLiteral("bitmex/orderbookl2-linear-partial.json")), Category::Linear)
                .kind,
            ParseResult::Kind::Data);
        const OrderBook* book = sink.store.findBook("XBTUSDT");
        QVERIFY(book && book->isLive());
        QVERIFY(book->bestBid()->isIdenticalTo(dec("36749.9")));
        QVERIFY(book->bestAsk()->isIdenticalTo(dec("36750.1")));
        QCOMPARE(book->ask(0).size, dec("13000"));
    }

    void streamNumbersArriveExactly()
    {
        // Values a double would round (17 significant digits; an integer above 2^53) arrive with the
        // digits BitMEX wrote, in the book and in the trades.
        RecordingSink sink;
        const QByteArray partial =
            "{\"table\":\"orderBookL2\",\"action\":\"partial\",\"filter\":{\"symbol\":\"XBTUSDT\"},\"data\":["
            "{\"symbol\":\"XBTUSDT\",\"id\":1,\"side\":\"Sell\",\"size\":9007199254740993,"
            "\"price\":36760.123456789012},"
            "{\"symbol\":\"XBTUSDT\",\"id\":2,\"side\":\"Buy\",\"size\":1000,\"price\":0.10000000000000001}]"
            "}";
        QCOMPARE(feed(sink, partial, Category::Linear).kind, ParseResult::Kind::Data);
        // The levels as the parser hands them on (a book keeps one scale for its prices, which these two
        // together exceed: what it does with them is the book's business).
        QCOMPARE(sink.books.size(), std::size_t(1));
        QCOMPARE(sink.books[0].asks.size(), std::size_t(1));
        QVERIFY(sink.books[0].asks[0].price.isIdenticalTo(dec("36760.123456789012")));
        QVERIFY(sink.books[0].asks[0].size.isIdenticalTo(dec("9007199254740993")));
        QCOMPARE(sink.books[0].bids.size(), std::size_t(1));
        QVERIFY(sink.books[0].bids[0].price.isIdenticalTo(dec("0.10000000000000001")));
        const QByteArray trade =
            "{\"table\":\"trade\",\"action\":\"insert\",\"data\":[{\"timestamp\":\"2026-11-26T03:00:06."
            "250Z\","
            "\"symbol\":\"XBTUSDT\",\"side\":\"Buy\",\"size\":9007199254740993,\"price\":36760.123456789012,"
            "\"trdMatchID\":\"t-1\"}]}";
        QCOMPARE(feed(sink, trade, Category::Linear).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), std::size_t(1));
        QVERIFY(sink.trades[0].price.isIdenticalTo(dec("36760.123456789012")));
        QVERIFY(sink.trades[0].size.isIdenticalTo(dec("9007199254740993")));
    }

    void dropsChangesBeforeThePartial()
    {
        RecordingSink sink;
        QCOMPARE(feedFixture(sink, "orderbookl2-update.json").kind, ParseResult::Kind::Ignored);
        QVERIFY(sink.books.empty());
    }

    void resyncsOnUpdateOfUnknownId()
    {
        RecordingSink sink;
        feedFixture(sink, "orderbookl2-partial.json");
        const ParseResult r = feedFixture(sink, "orderbookl2-update-unknown-id.json");
        // Well-formed, but it changes a level we do not hold: the feed resyncs, nothing is malformed.
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.resyncSymbol, std::string_view("XBTUSD"));
        QCOMPARE(r.topic, std::string_view("orderBookL2:XBTUSD"));
        QVERIFY2(r.error.contains(QLatin1String("unknown level id 8796399999")), qPrintable(r.error));
        QCOMPARE(sink.books.size(), std::size_t(1)); // nothing applied from the broken frame
        // Until a new partial, further changes are dropped; the partial brings the book back.
        QCOMPARE(feedFixture(sink, "orderbookl2-insert.json").kind, ParseResult::Kind::Ignored);
        QCOMPARE(feedFixture(sink, "orderbookl2-partial.json").kind, ParseResult::Kind::Data);
        QCOMPARE(feedFixture(sink, "orderbookl2-insert.json").kind, ParseResult::Kind::Data);
    }

    void resyncsOnDeleteOfUnknownIdAndInsertOfExistingId()
    {
        RecordingSink sink;
        feedFixture(sink, "orderbookl2-partial.json");
        QCOMPARE(feedFixture(sink, "orderbookl2-delete.json").kind, ParseResult::Kind::Data);
        const ParseResult again = feedFixture(sink, "orderbookl2-delete.json"); // the id is gone now
        QCOMPARE(again.kind, ParseResult::Kind::Data);
        QCOMPARE(again.resyncSymbol, std::string_view("XBTUSD"));

        feedFixture(sink, "orderbookl2-partial.json");
        const ParseResult dup = feedFixture(sink, "orderbookl2-insert-existing-id.json");
        QCOMPARE(dup.kind, ParseResult::Kind::Data);
        QCOMPARE(dup.resyncSymbol, std::string_view("XBTUSD"));
        QVERIFY2(dup.error.contains(QLatin1String("already exists")), qPrintable(dup.error));
    }

    void resetForgetsBooks()
    {
        RecordingSink sink;
        feedFixture(sink, "orderbookl2-partial.json");
        adapter.reset();
        QCOMPARE(feedFixture(sink, "orderbookl2-update.json").kind, ParseResult::Kind::Ignored);
    }

    void readsInstrumentTableAsTicker()
    {
        RecordingSink sink;
        const ParseResult r = feedFixture(sink, "instrument-partial.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("instrument:XBTUSD"));
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        const Ticker& t = sink.tickers[0].first;
        QVERIFY(sink.tickers[0].second);
        QCOMPARE(t.symbol, QStringLiteral("XBTUSD"));
        QCOMPARE(*t.lastPrice, dec("36760.5"));
        QCOMPARE(*t.bidPrice, dec("36759.5"));
        QCOMPARE(*t.askPrice, dec("36760"));
        QCOMPARE(*t.markPrice, dec("36761.23"));
        QCOMPARE(*t.indexPrice, dec("36758.91"));
        QCOMPARE(*t.highPrice24h, dec("37120"));
        QCOMPARE(*t.lowPrice24h, dec("36011.5"));
        QCOMPARE(*t.volume24h, dec("11234.5678"));  // homeNotional24h: XBT
        QCOMPARE(*t.turnover24h, dec("412345600")); // foreignNotional24h: USD
        QCOMPARE(*t.change24h, dec("0.0123"));
        QCOMPARE(*t.fundingRate, dec("0.0001"));
        QCOMPARE(*t.openInterest, dec("560123400"));
        QCOMPARE(t.nextFundingMs, *BitmexMarketData::parseTimestamp("2026-11-26T04:00:00.000Z"));
        QCOMPARE(t.nextFundingMs, std::int64_t(1795665600000));

        QCOMPARE(feedFixture(sink, "instrument-update.json").kind, ParseResult::Kind::Data);
        QVERIFY(!sink.tickers[1].second);
        QCOMPARE(sink.tickers[1].first.nextFundingMs, std::int64_t(0)); // the update leaves it out
        const Ticker* merged = sink.store.findTicker("XBTUSD");
        QVERIFY(merged);
        QCOMPARE(*merged->lastPrice, dec("36762"));
        QCOMPARE(*merged->change24h, dec("0.0127"));
        QCOMPARE(*merged->markPrice, dec("36761.23"));                // kept from the partial
        QCOMPARE(merged->nextFundingMs, std::int64_t(1795665600000)); // kept from the partial
    }

    void readsNextFundingTimeAsItRolls()
    {
        // At 04:00 BitMEX pays the rate and moves fundingTimestamp to the next interval's end.
        RecordingSink sink;
        feedFixture(sink, "instrument-partial.json");
        QCOMPARE(feedFixture(sink, "instrument-funding-update.json").kind, ParseResult::Kind::Data);
        const Ticker* merged = sink.store.findTicker("XBTUSD");
        QVERIFY(merged);
        QCOMPARE(merged->nextFundingMs, *BitmexMarketData::parseTimestamp("2026-11-26T12:00:00.000Z"));
        QCOMPARE(*merged->fundingRate, dec("0.000087"));

        // A dated future has no funding: BitMEX sends null, which is no time and not an error.
        const ParseResult future = feed(
            sink,
            QByteArray(
                R"({"table":"instrument","action":"partial","data":[{"symbol":"XBTZ26","fundingTimestamp":null,"fundingRate":null,"markPrice":37010.5}]})"));
        QCOMPARE(future.kind, ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.back().first.nextFundingMs, std::int64_t(0));

        // A time BitMEX would never send is a broken frame that says which field, and changes nothing.
        const ParseResult bad = feed(
            sink,
            QByteArray(
                R"({"table":"instrument","action":"update","data":[{"symbol":"XBTUSD","fundingTimestamp":"2026-11-26T25:00:00.000Z"}]})"));
        QCOMPARE(bad.kind, ParseResult::Kind::Malformed);
        QVERIFY2(bad.error.contains(QStringLiteral("fundingTimestamp")), qPrintable(bad.error));
        QCOMPARE(sink.store.findTicker("XBTUSD")->nextFundingMs,
                 *BitmexMarketData::parseTimestamp("2026-11-26T12:00:00.000Z"));
    }

    void readsTrades()
    {
        RecordingSink sink;
        const ParseResult r = feedFixture(sink, "trade-insert.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("trade:XBTUSD"));
        QCOMPARE(sink.trades.size(), std::size_t(2));
        QCOMPARE(sink.trades[0].price, dec("36759.5"));
        QCOMPARE(sink.trades[0].size, dec("200"));
        QCOMPARE(sink.trades[0].takerSide, Side::Sell);
        QCOMPARE(sink.trades[0].id, QStringLiteral("00000000-006d-1000-0000-001a2b3c4d5e"));
        QCOMPARE(sink.trades[1].timestampMs, *BitmexMarketData::parseTimestamp("2026-11-26T03:00:06.250Z"));
    }

    void readsTradeBinsStampedAtTheirEnd()
    {
        RecordingSink sink;
        const ParseResult r = feedFixture(sink, "tradebin1m-insert.json");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("tradeBin1m:XBTUSD"));
        QCOMPARE(sink.candles.size(), std::size_t(1));
        const Candle& c = sink.candles[0].candle;
        QCOMPARE(sink.candles[0].interval, CandleInterval::OneMinute);
        QCOMPARE(c.openTimeMs, *BitmexMarketData::parseTimestamp("2026-11-26T03:00:00.000Z"));
        QCOMPARE(c.open, dec("36755"));
        QCOMPARE(c.high, dec("36770.5"));
        QCOMPARE(c.close, dec("36760.5"));
        QCOMPARE(c.volume, dec("32.73611235")); // homeNotional: XBT
        QCOMPARE(c.turnover, dec("1203400"));   // foreignNotional: USD
        QVERIFY(c.closed);
    }

    void answersControlFrames()
    {
        RecordingSink sink;
        QCOMPARE(feedFixture(sink, "welcome.json").kind, ParseResult::Kind::Control);
        QCOMPARE(feedFixture(sink, "subscribe-ack.json").kind, ParseResult::Kind::Control);
        QCOMPARE(feed(sink, "pong").kind, ParseResult::Kind::Control);
        const ParseResult rejected = feedFixture(sink, "subscribe-error.json");
        QCOMPARE(rejected.kind, ParseResult::Kind::Rejected);
        QCOMPARE(rejected.error, QStringLiteral("Unknown or expired symbol XBTFOO."));
    }

    void reportsMalformedFramesWithoutCrashing_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("resyncsBook");
        QTest::newRow("not json") << QByteArray("{\"table\":\"orderBookL2\",") << false;
        QTest::newRow("array") << QByteArray("[1,2]") << false;
        QTest::newRow("price as text")
            << QByteArray(
                   R"({"table":"orderBookL2","action":"update","data":[{"symbol":"XBTUSD","id":1,"side":"Buy","size":"10","price":1}]})")
            << true;
        QTest::newRow("no side")
            << QByteArray(
                   R"({"table":"orderBookL2","action":"insert","data":[{"symbol":"XBTUSD","id":1,"size":10,"price":1}]})")
            << true;
        QTest::newRow("update without size")
            << QByteArray(
                   R"({"table":"orderBookL2","action":"update","data":[{"symbol":"XBTUSD","id":8796323951,"side":"Sell","price":36760}]})")
            << true;
        QTest::newRow("unknown action")
            << QByteArray(R"({"table":"trade","action":"upsert","data":[]})") << false;
        QTest::newRow("data not array")
            << QByteArray(R"({"table":"trade","action":"insert","data":{}})") << false;
        QTest::newRow("trade without price")
            << QByteArray(
                   R"({"table":"trade","action":"insert","data":[{"timestamp":"2026-11-26T03:00:06.250Z","symbol":"XBTUSD","side":"Buy","size":1}]})")
            << false;
        QTest::newRow("bad timestamp")
            << QByteArray(
                   R"({"table":"trade","action":"insert","data":[{"timestamp":"yesterday","symbol":"XBTUSD","side":"Buy","size":1,"price":2}]})")
            << false;
        QTest::newRow("fundingTimestamp not a time")
            << QByteArray(
                   R"({"table":"instrument","action":"update","data":[{"symbol":"XBTUSD","fundingTimestamp":"tomorrow"}]})")
            << false;
        QTest::newRow("fundingTimestamp as a number")
            << QByteArray(
                   R"({"table":"instrument","action":"update","data":[{"symbol":"XBTUSD","fundingTimestamp":1795665600000}]})")
            << false;
        QTest::newRow("table without data") << QByteArray(R"({"table":"trade","action":"insert"})") << false;
        QTest::newRow("too many digits")
            << QByteArray(
                   R"({"table":"orderBookL2","action":"insert","data":[{"symbol":"XBTUSD","id":1,"side":"Buy","size":1,"price":1.0000000000000000000001}]})")
            << true;
    }

    void reportsMalformedFramesWithoutCrashing()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, resyncsBook);
        RecordingSink sink;
        feedFixture(sink, "orderbookl2-partial.json");
        const ParseResult r = feed(sink, frame);
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(!r.resyncSymbol.empty(), resyncsBook);
    }

    void survivesTruncatedAndMangledFrames()
    {
        // Every prefix of every documented frame, and each with one byte changed: a result, never a crash,
        // and a book that is live only if what was applied is consistent.
        const char* names[] = {
            "orderbookl2-partial.json",      "orderbookl2-update.json", "orderbookl2-delete.json",
            "instrument-partial.json",       "trade-insert.json",       "tradebin1m-insert.json",
            "instrument-funding-update.json"};
        int malformed = 0;
        for (const char* name : names) {
            const QByteArray frame = fixture(QStringLiteral("bitmex/") + QLatin1String(name));
            for (qsizetype cut = 0; cut < frame.size(); cut += 3) {
                RecordingSink sink;
                feedFixture(sink, "orderbookl2-partial.json");
                QByteArray mangled = frame;
                mangled[cut] = static_cast<char>(mangled[cut] ^ 0x5a);
                for (const QByteArray& f : {frame.left(cut), mangled}) {
                    const ParseResult r = feed(sink, f);
                    if (r.kind == ParseResult::Kind::Malformed) {
                        ++malformed;
                        QVERIFY(!r.error.isEmpty());
                    }
                }
                if (const OrderBook* book = sink.store.findBook("XBTUSD");
                    book && book->isLive() && book->bidCount() && book->askCount())
                    QVERIFY(*book->bestBid() < *book->bestAsk());
            }
        }
        QVERIFY(malformed > 100);
    }

    void survivesTwoDataFieldsAroundAFilter()
    {
        // Found by fuzzing: "data" before and after "filter", the second one broken.
        RecordingSink sink;
        const ParseResult r = feedFixture(sink, "fuzz-duplicate-data.json");
        QVERIFY(r.kind == ParseResult::Kind::Malformed || r.kind == ParseResult::Kind::Data);
        QVERIFY(r.kind != ParseResult::Kind::Malformed || !r.error.isEmpty());
    }

    void readsDataBeforeTable()
    {
        RecordingSink sink;
        feedFixture(sink, "orderbookl2-partial.json");
        const QByteArray frame =
            R"({"data":[{"symbol":"XBTUSD","id":8796324001,"side":"Buy","size":16000,"price":36758}],"action":"update","table":"orderBookL2"})";
        QCOMPARE(feed(sink, frame).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.store.findBook("XBTUSD")->bid(1).size, dec("16000"));
    }

    void parsesInstrumentsByCategory()
    {
        const auto inverse = adapter.parseInstruments(Category::Inverse, json("rest-instrument-active.json"));
        QVERIFY(inverse);
        QCOMPARE(inverse->size(), std::size_t(2)); // XBTUSD, XBTZ26
        const Instrument& xbtusd = inverse->at(0);
        QCOMPARE(xbtusd.symbol, QStringLiteral("XBTUSD"));
        QCOMPARE(xbtusd.venue, QStringLiteral("bitmex"));
        QCOMPARE(xbtusd.baseAsset, QStringLiteral("XBT"));
        QCOMPARE(xbtusd.quoteAsset, QStringLiteral("USD"));
        QVERIFY(xbtusd.tickSize.isIdenticalTo(dec("0.5")));
        QVERIFY(xbtusd.lotSize.isIdenticalTo(dec("100")));
        QCOMPARE(xbtusd.minQuantity, dec("100"));
        QCOMPARE(*xbtusd.maxQuantity, dec("10000000"));
        QVERIFY(xbtusd.trading);
        // multiplier −1e8 XBt over underlyingToSettleMultiplier −1e8 XBt/XBT: one contract is 1 USD; the
        // dated XBTZ26 leaves the latter null and is read from its XBt settle currency.
        QCOMPARE(xbtusd.contractValue, std::optional(dec("1")));
        QCOMPARE(inverse->at(1).contractValue, std::optional(dec("1")));
        // Without a multiplier it cannot be valued: still listed, with no contract value.
        const auto bare = adapter.parseInstruments(
            Category::Inverse, QJsonDocument::fromJson(R"([{"symbol":"XBTUSD","typ":"FFWCSX","isInverse":true,
            "settlCurrency":"XBt","underlying":"XBT","quoteCurrency":"USD","tickSize":0.5,"lotSize":100}])"));
        QVERIFY(bare);
        QCOMPARE(bare->size(), std::size_t(1));
        QVERIFY(!bare->at(0).contractValue);

        const auto linear = adapter.parseInstruments(Category::Linear, json("rest-instrument-active.json"));
        QVERIFY(linear);
        QCOMPARE(linear->size(), std::size_t(2)); // XBTUSDT, SOLUSDT; the quanto ETHUSD is not linear
        QCOMPARE(linear->at(0).symbol, QStringLiteral("XBTUSDT"));
        QVERIFY(linear->at(0).tickSize.isIdenticalTo(dec("0.1")));
        QVERIFY(linear->at(0).lotSize.isIdenticalTo(dec("1000")));
        QVERIFY(linear->at(1).tickSize.isIdenticalTo(dec("0.001")));
        QVERIFY(!linear->at(0).contractValue);

        QVERIFY(!adapter.parseInstruments(Category::Linear, QJsonDocument::fromJson(R"({"a":1})")));
    }

    void parsesBucketsOldestFirst()
    {
        const auto candles = adapter.parseCandles(json("rest-trade-bucketed.json"));
        QVERIFY(candles);
        QCOMPARE(candles->size(), std::size_t(3));
        QCOMPARE(candles->at(0).openTimeMs, *BitmexMarketData::parseTimestamp("2026-11-26T02:59:00.000Z"));
        QCOMPARE(candles->at(2).openTimeMs, *BitmexMarketData::parseTimestamp("2026-11-26T03:01:00.000Z"));
        QCOMPARE(candles->at(1).high, dec("36770.5"));
        QVERIFY(candles->at(2).close.isIdenticalTo(dec("36762")));

        const RestRequest r = adapter.candlesRequest(Category::Inverse, QStringLiteral("XBTUSD"),
                                                     CandleInterval::FiveMinutes, 0, 200);
        QCOMPARE(r.path, QStringLiteral("/api/v1/trade/bucketed"));
        QVERIFY(r.query.contains({QStringLiteral("binSize"), QStringLiteral("5m")}));
        QVERIFY(r.query.contains({QStringLiteral("count"), QStringLiteral("200")}));
        QVERIFY(r.query.contains({QStringLiteral("reverse"), QStringLiteral("true")}));
    }

    void builds15mHistoryFromFiveMinuteBins()
    {
        BitmexMarketData bitmex;
        const RestRequest r = bitmex.candlesRequest(Category::Inverse, QStringLiteral("XBTUSD"),
                                                    CandleInterval::FifteenMinutes, 0, 200);
        QVERIFY(r.query.contains({QStringLiteral("binSize"), QStringLiteral("5m")}));
        QVERIFY(r.query.contains({QStringLiteral("count"), QStringLiteral("603")})); // 201 × 3
        QVERIFY(r.query.contains({QStringLiteral("reverse"), QStringLiteral("true")}));
        // The whole bins: the interval asked for, not the columns, tells the reply apart (parseCandlesFor).
        QVERIFY(std::none_of(r.query.cbegin(), r.query.cend(),
                             [](const auto& item) { return item.first == QLatin1String("columns"); }));
        // The 5m bins opening 03:05 .. 03:35 (stamped at their ends): the 03:00 group lacks its first bin
        // (the page starts inside it) and is left out; 03:15 is whole; 03:30 has begun.
        const auto candles = bitmex.parseCandlesFor(
            reply({
                bin("2026-11-26T03:10:00.000Z", "36000", "36010", "35990", "36005", "0.1", false),
                bin("2026-11-26T03:15:00.000Z", "36005", "36020", "36000", "36015", "0.2", false),
                bin("2026-11-26T03:20:00.000Z", "36015", "36030", "36010", "36025.5", "0.1", false),
                bin("2026-11-26T03:25:00.000Z", "36025.5", "36040", "35980", "36001", "0.2", false),
                bin("2026-11-26T03:30:00.000Z", "36001", "36002", "35999", "36000.5", "0.30000000000000004",
                    false),
                bin("2026-11-26T03:35:00.000Z", "36000.5", "36100", "36000", "36090", "0.05", false),
            }),
            QStringLiteral("XBTUSD"), CandleInterval::FifteenMinutes);
        QVERIFY2(candles, qPrintable(candles ? QString() : candles.error().message));
        QCOMPARE(candles->size(), std::size_t(2));
        const Candle& whole = candles->at(0);
        QCOMPARE(whole.openTimeMs, at("2026-11-26T03:15:00.000Z"));
        QVERIFY(whole.open.isIdenticalTo(dec("36015")));
        QVERIFY(whole.high.isIdenticalTo(dec("36040")));
        QVERIFY(whole.low.isIdenticalTo(dec("35980")));
        QVERIFY(whole.close.isIdenticalTo(dec("36000.5")));
        QCOMPARE(whole.volume, dec("0.60000000000000004")); // 0.1 + 0.2 + 0.30000000000000004, exactly
        QCOMPARE(whole.turnover, dec("3000"));
        QVERIFY(whole.closed);
        const Candle& forming = candles->at(1);
        QCOMPARE(forming.openTimeMs, at("2026-11-26T03:30:00.000Z"));
        QVERIFY(forming.open.isIdenticalTo(dec("36000.5")));
        QVERIFY(forming.close.isIdenticalTo(dec("36090")));
        QVERIFY(!forming.closed);
    }

    void builds4hHistoryFromHourBinsOnTheUtcGrid()
    {
        BitmexMarketData bitmex;
        const RestRequest r = bitmex.candlesRequest(Category::Linear, QStringLiteral("XBTUSD"),
                                                    CandleInterval::FourHours, 0, 10);
        QVERIFY(r.query.contains({QStringLiteral("binSize"), QStringLiteral("1h")}));
        QVERIFY(r.query.contains({QStringLiteral("count"), QStringLiteral("44")}));
        // Hours opening 02:00 .. 08:00: the 00:00 group lacks 00:00 and 01:00 (left out), 04:00 is whole
        // (04:00 .. 07:00), 08:00 has its first hour.
        QList<QByteArray> rows;
        const char* ends[] = {"2026-11-26T03:00:00.000Z", "2026-11-26T04:00:00.000Z",
                              "2026-11-26T05:00:00.000Z", "2026-11-26T06:00:00.000Z",
                              "2026-11-26T07:00:00.000Z", "2026-11-26T08:00:00.000Z",
                              "2026-11-26T09:00:00.000Z"};
        const char* prices[] = {"100", "101", "102", "103", "104", "105", "106"};
        for (int k = 0; k < 7; ++k)
            rows << bin(ends[k], prices[k], prices[k], prices[k], prices[k], "1", false);
        const auto candles =
            bitmex.parseCandlesFor(reply(rows), QStringLiteral("XBTUSD"), CandleInterval::FourHours);
        QVERIFY(candles);
        QCOMPARE(candles->size(), std::size_t(2));
        QCOMPARE(candles->at(0).openTimeMs, at("2026-11-26T04:00:00.000Z"));
        QCOMPARE(candles->at(0).open, dec("102"));
        QCOMPARE(candles->at(0).close, dec("105"));
        QCOMPARE(candles->at(0).high, dec("105"));
        QCOMPARE(candles->at(0).low, dec("102"));
        QCOMPARE(candles->at(0).volume, dec("4"));
        QVERIFY(candles->at(0).closed);
        QCOMPARE(candles->at(1).openTimeMs, at("2026-11-26T08:00:00.000Z"));
        QVERIFY(!candles->at(1).closed);
    }

    void builds4hHistoryAcrossUtcMidnightFromTheIntervalAskedFor()
    {
        // No request noted: the interval asked for alone decides. Hours opening 22:00 .. 05:00 (stamped
        // 23:00 .. 06:00): the 20:00 group lacks 20:00 and 21:00 (left out), 00:00 .. 03:00 make one 4h
        // candle on the UTC day's grid, 04:00 has begun. The same page read for 1h is the bins themselves.
        BitmexMarketData bitmex;
        QList<QByteArray> rows;
        const char* ends[] = {"2026-11-25T23:00:00.000Z", "2026-11-26T00:00:00.000Z",
                              "2026-11-26T01:00:00.000Z", "2026-11-26T02:00:00.000Z",
                              "2026-11-26T03:00:00.000Z", "2026-11-26T04:00:00.000Z",
                              "2026-11-26T05:00:00.000Z", "2026-11-26T06:00:00.000Z"};
        const char* prices[] = {"90", "91", "100", "110", "95", "105", "120", "121"};
        for (int k = 0; k < 8; ++k)
            rows << bin(ends[k], prices[k], prices[k], prices[k], prices[k], "0.5");
        const QJsonDocument page = reply(rows);
        const auto fourHours =
            bitmex.parseCandlesFor(page, QStringLiteral("XBTUSD"), CandleInterval::FourHours);
        QVERIFY2(fourHours, qPrintable(fourHours ? QString() : fourHours.error().message));
        QCOMPARE(fourHours->size(), std::size_t(2));
        const Candle& day = fourHours->at(0);
        QCOMPARE(day.openTimeMs, at("2026-11-26T00:00:00.000Z"));
        QCOMPARE(day.openTimeMs % intervalMilliseconds(CandleInterval::FourHours), 0);
        QVERIFY(day.open.isIdenticalTo(dec("100")));
        QVERIFY(day.high.isIdenticalTo(dec("110")));
        QVERIFY(day.low.isIdenticalTo(dec("95")));
        QVERIFY(day.close.isIdenticalTo(dec("105")));
        QCOMPARE(day.volume, dec("2"));
        QVERIFY(day.closed);
        QCOMPARE(fourHours->at(1).openTimeMs, at("2026-11-26T04:00:00.000Z"));
        QVERIFY(fourHours->at(1).open.isIdenticalTo(dec("120")));
        QVERIFY(!fourHours->at(1).closed);

        const auto hours = bitmex.parseCandlesFor(page, QStringLiteral("XBTUSD"), CandleInterval::OneHour);
        QVERIFY(hours);
        QCOMPARE(hours->size(), std::size_t(8));
        QCOMPARE(hours->front().openTimeMs, at("2026-11-25T22:00:00.000Z"));
    }

    void builds15mFromFiveMinuteBinsOnlyWhen15mIsAsked()
    {
        // A 5m and a 15m history of one symbol read the same bins: each reply is read for its request's
        // interval, in whatever order the replies come.
        BitmexMarketData bitmex;
        const QJsonDocument page = reply({
            bin("2026-11-26T03:05:00.000Z", "1", "1", "1", "1", "1"),
            bin("2026-11-26T03:10:00.000Z", "2", "2", "2", "2", "1"),
        });
        const auto fifteen =
            bitmex.parseCandlesFor(page, QStringLiteral("XBTUSD"), CandleInterval::FifteenMinutes);
        QVERIFY(fifteen);
        QCOMPARE(fifteen->size(), std::size_t(1));
        QCOMPARE(fifteen->at(0).openTimeMs, at("2026-11-26T03:00:00.000Z"));
        QCOMPARE(fifteen->at(0).volume, dec("2"));
        QCOMPARE(fifteen->at(0).close, dec("2"));
        QVERIFY(!fifteen->at(0).closed);
        const auto fiveMinute =
            bitmex.parseCandlesFor(page, QStringLiteral("XBTUSD"), CandleInterval::FiveMinutes);
        QVERIFY(fiveMinute);
        QCOMPARE(fiveMinute->size(), std::size_t(2));
        QCOMPARE(fiveMinute->at(1).openTimeMs, at("2026-11-26T03:05:00.000Z"));
        // A reply read alone: the bins as they are.
        QCOMPARE(bitmex.parseCandles(page)->size(), std::size_t(2));
        QCOMPARE(bitmex.parseCandles(json("rest-trade-bucketed.json"))->size(), std::size_t(3));
    }

    void builds15mLiveFromFiveMinuteBins()
    {
        BitmexMarketData bitmex;
        RecordingSink sink;
        ChannelRequest request;
        request.channel = Channel::Candles;
        request.symbol = QStringLiteral("XBTUSD");
        request.interval = CandleInterval::FifteenMinutes;
        QCOMPARE(bitmex.topic(Category::Inverse, request), QStringLiteral("tradeBin5m:XBTUSD"));
        const auto push = [&](const QByteArray& row) {
            return bitmex.parse(binFrame(row), Category::Inverse, sink);
        };
        const auto fifteens = [&sink] {
            std::vector<Candle> out;
            for (const auto& e : sink.candles) {
                if (e.interval == CandleInterval::FifteenMinutes)
                    out.push_back(e.candle);
            }
            return out;
        };
        // Subscribed inside a group, with no history: its open is not known, nothing is shown for it.
        QCOMPARE(push(bin("2026-11-26T03:10:00.000Z", "10", "12", "9", "11", "1")).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(push(bin("2026-11-26T03:15:00.000Z", "11", "13", "10", "12", "1")).kind,
                 ParseResult::Kind::Data);
        QVERIFY(fifteens().empty());
        QCOMPARE(sink.candles.size(), std::size_t(2)); // the 5m bins themselves
        // The next group from its first bin: open at once, closed with its third.
        push(bin("2026-11-26T03:20:00.000Z", "12", "14", "11", "13", "0.1"));
        QCOMPARE(fifteens().size(), std::size_t(1));
        QCOMPARE(fifteens().back().openTimeMs, at("2026-11-26T03:15:00.000Z"));
        QVERIFY(!fifteens().back().closed);
        push(bin("2026-11-26T03:25:00.000Z", "13", "20", "12", "19", "0.2"));
        push(bin("2026-11-26T03:30:00.000Z", "19", "19", "8", "15", "0.3"));
        const Candle c = fifteens().back();
        QCOMPARE(fifteens().size(), std::size_t(3));
        QCOMPARE(c.openTimeMs, at("2026-11-26T03:15:00.000Z"));
        QCOMPARE(c.open, dec("12"));
        QCOMPARE(c.high, dec("20"));
        QCOMPARE(c.low, dec("8"));
        QCOMPARE(c.close, dec("15"));
        QCOMPARE(c.volume, dec("0.6"));
        QVERIFY(c.closed);
    }

    void continuesTheHistoryGroupLive()
    {
        // History read at 03:22 ends inside the 03:15 group (with its forming 03:20 bin); the pushes carry
        // that group on, the final 03:20 bin replacing the forming one.
        BitmexMarketData bitmex;
        RecordingSink sink;
        ChannelRequest request;
        request.channel = Channel::Candles;
        request.symbol = QStringLiteral("XBTUSD");
        request.interval = CandleInterval::FifteenMinutes;
        bitmex.topic(Category::Inverse, request);
        const auto history = bitmex.parseCandlesFor(
            reply({
                bin("2026-11-26T03:15:00.000Z", "1", "1", "1", "1", "1", false),
                bin("2026-11-26T03:20:00.000Z", "12", "14", "11", "13", "0.1", false),
                bin("2026-11-26T03:25:00.000Z", "13", "13.5", "12.5", "13", "0.05", false),
            }),
            QStringLiteral("XBTUSD"), CandleInterval::FifteenMinutes);
        QVERIFY(history);
        QCOMPARE(history->back().openTimeMs, at("2026-11-26T03:15:00.000Z"));
        QCOMPARE(history->back().close, dec("13"));
        bitmex.parse(binFrame(bin("2026-11-26T03:25:00.000Z", "13", "20", "12", "19", "0.2")),
                     Category::Inverse, sink);
        std::vector<Candle> fifteens;
        for (const auto& e : sink.candles) {
            if (e.interval == CandleInterval::FifteenMinutes)
                fifteens.push_back(e.candle);
        }
        QCOMPARE(fifteens.size(), std::size_t(1));
        QCOMPARE(fifteens[0].open, dec("12"));
        QCOMPARE(fifteens[0].high, dec("20"));
        QCOMPARE(fifteens[0].close, dec("19"));
        QCOMPARE(fifteens[0].volume, dec("0.3")); // 0.1 + 0.2: the forming 0.05 replaced
        QVERIFY(!fifteens[0].closed);
    }

    void readsErrorReplyVerbatim()
    {
        const auto e = adapter.replyError(json("rest-error.json"));
        QVERIFY(e);
        QCOMPARE(e->kind, RestError::Kind::Venue);
        QCOMPARE(e->venueCode, QStringLiteral("ValidationError"));
        QCOMPARE(e->message,
                 QStringLiteral("Account has insufficient Available Balance, 12000 XBt required"));
        QVERIFY(!adapter.replyError(json("rest-trade-bucketed.json")));
    }

    void cutsStatisticsToWhatADecimalHolds()
    {
        QVERIFY(BitmexMarketData::statisticFromText("0.0023044466809219913")
                    ->isIdenticalTo(dec("0.002304446680921991")));
        QVERIFY(BitmexMarketData::statisticFromText("1.2345678901234567e-05")
                    ->isIdenticalTo(dec("0.000012345678901234")));
        QVERIFY(BitmexMarketData::statisticFromText("12.5")->isIdenticalTo(dec("12.5")));
        QVERIFY(!BitmexMarketData::statisticFromText("abc"));
    }

    void parsesTimestamps()
    {
        QCOMPARE(*BitmexMarketData::parseTimestamp("1970-01-01T00:00:00.000Z"), 0);
        QCOMPARE(*BitmexMarketData::parseTimestamp("2026-11-26T03:15:00.123Z"), 1795662900123LL);
        QCOMPARE(*BitmexMarketData::parseTimestamp("2026-11-26T03:15:00Z"), 1795662900000LL);
        QVERIFY(!BitmexMarketData::parseTimestamp("2026-11-26 03:15:00Z"));
        QVERIFY(!BitmexMarketData::parseTimestamp("2026-13-26T03:15:00.000Z"));
        // Finer than milliseconds: cut, however many digits (a fuzzer found an overflow here).
        QCOMPARE(*BitmexMarketData::parseTimestamp("2026-11-26T03:15:00.1239999999999999999777777777Z"),
                 1795662900123LL);
        QVERIFY(!BitmexMarketData::parseTimestamp("2026-11-26T03:15:00.12x4Z"));
    }
};

QTEST_GUILESS_MAIN(TestBitmexMarketData)
#include "tst_bitmexmarketdata.moc"
