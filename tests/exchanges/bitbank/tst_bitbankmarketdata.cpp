#include "bitbankframes.h"
#include "exchanges/bitbank/bitbankmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonDocument>
#include <QTest>

using namespace bitbankframes;

class TestBitbankMarketData : public QObject
{
    Q_OBJECT

private:
    BitbankMarketData adapter;
    const BitbankStreamProtocol& protocol() const
    {
        return static_cast<const BitbankStreamProtocol&>(adapter.streamProtocol());
    }

    ParseResult feed(RecordingSink& sink, const QByteArray& frame)
    {
        return adapter.parse(frame, Category::Spot, sink);
    }
    ParseResult feedFile(RecordingSink& sink, const char* name)
    {
        return feed(sink, fixture(QStringLiteral("bitbank/") + QLatin1String(name)));
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("bitbank/") + QLatin1String(name)));
    }
    static std::vector<std::int64_t> sequences(const RecordingSink& sink)
    {
        std::vector<std::int64_t> out;
        for (const auto& b : sink.books)
            out.push_back(b.sequence);
        return out;
    }

private Q_SLOTS:
    void init() { adapter.reset(); }

    void namesRoomsAndUrlsAsBitbankDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("btc_jpy");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("depth_whole_btc_jpy"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("ticker_btc_jpy"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("transactions_btc_jpy"));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://stream.bitbank.cc/socket.io/?EIO=4&transport=websocket")));
        QCOMPARE(adapter.restBaseUrl(Environment::Mainnet), QUrl(QStringLiteral("https://api.bitbank.cc")));
        // Spot, and the same pairs on margin (Linear).
        QCOMPARE(adapter.categories(), (QList<Category>{Category::Spot, Category::Linear}));
        QCOMPARE(adapter.defaultSymbols(Category::Linear), QStringList{QStringLiteral("btc_jpy")});
        QVERIFY(adapter.defaultSymbols(Category::Spot).contains(QStringLiteral("eth_jpy")));
        QCOMPARE(adapter.venue(), QStringLiteral("bitbank"));
    }

    void engineIoHandshakeHoldsJoinsUntilTheNamespaceIsConnected()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        // The joins wait for the namespace ack (StreamClient holds them back until then), then go at once.
        QVERIFY(p.subscriptionsWaitForServer());
        QCOMPARE(p.minimumSendInterval(), std::chrono::milliseconds(0));
        QCOMPARE(
            p.subscribeMessages({QStringLiteral("depth_whole_btc_jpy"), QStringLiteral("ticker_btc_jpy")}),
            (QList<QByteArray>{R"(42["join-room","depth_whole_btc_jpy"])",
                               R"(42["join-room","depth_diff_btc_jpy"])",
                               R"(42["join-room","ticker_btc_jpy"])"}));
        QVERIFY(p.pingMessage().isEmpty()); // WebSocket ping frames, never a join
        // The open packet is answered with the Socket.IO connect; its heartbeat is read.
        const QByteArray open = fixture(QStringLiteral("bitbank/open.txt"));
        QVERIFY(!p.isReadyForSubscriptions(open));
        QCOMPARE(p.replyTo(open), std::optional<QByteArray>("40"));
        QCOMPARE(protocol().serverPingIntervalMs(), 25000);
        QCOMPARE(protocol().serverPingTimeoutMs(), 60000);
        QVERIFY(!protocol().isNamespaceConnected());
        // Server pings (text "2") are answered with "3"; the client never pings in Engine.IO v4.
        QCOMPARE(p.replyTo("2"), std::optional<QByteArray>("3"));
        QVERIFY(!p.isReadyForSubscriptions("2"));
        QVERIFY(!p.isPong("3"));
        // The ack opens the subscriptions; it needs no reply and reaches the parser.
        const QByteArray connected = fixture(QStringLiteral("bitbank/connected.txt"));
        QVERIFY(p.isReadyForSubscriptions(connected));
        QVERIFY(!p.replyTo(connected));
        QVERIFY(protocol().isNamespaceConnected());
        // bitbank documents no leave-room.
        QVERIFY(p.unsubscribeMessages({QStringLiteral("transactions_xrp_jpy")}).isEmpty());
        // A data frame is neither a reply nor the ack; a new connection starts over.
        const QByteArray ticker = fixture(QStringLiteral("bitbank/ticker.txt"));
        QVERIFY(!p.replyTo(ticker));
        QVERIFY(!p.isReadyForSubscriptions(ticker));
        adapter.reset();
        QVERIFY(!protocol().isNamespaceConnected());
        RecordingSink sink;
        QCOMPARE(feed(sink, "40{\"sid\":\"x\"}").kind, ParseResult::Kind::Control);
        QCOMPARE(feed(sink, "41").kind, ParseResult::Kind::Rejected);
    }

    void buildsBookFromWholeThenDiffs()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "depth-whole.txt").kind, ParseResult::Kind::Data);
        const OrderBook& book = sink.store.book("xrp_jpy");
        QVERIFY(book.isLive());
        QCOMPARE(*book.bestBid(), dec("27.537"));
        QCOMPARE(*book.bestAsk(), dec("27.538"));
        QCOMPARE(book.sequence(), 1234567890);
        const ParseResult r = feedFile(sink, "depth-diff.txt");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(QString::fromUtf8(r.topic.data(), r.topic.size()), QStringLiteral("depth_whole_xrp_jpy"));
        QCOMPARE(sink.books.back().rule, OrderBook::SequenceRule::Increasing);
        QCOMPARE(book.sequence(), 1234567893);
        QCOMPARE(book.bidCount(), 2u); // 27.530 added, 27.523 deleted
        QCOMPARE(book.bid(1).price, dec("27.530"));
        QCOMPARE(book.askCount(), 2u); // 27.539 added, 27.540 deleted
        QCOMPARE(book.ask(1).price, dec("27.539"));
        QCOMPARE(book.ask(1).size, dec("1634.3980"));
    }

    void mergesBufferedDiffsBySequenceAsDocumented()
    {
        // public-stream.md: diff{3}, diff{5}, diff{6}, diff{8}, whole{5} → the whole, then 6 and 8.
        RecordingSink sink;
        feed(sink, diff("btc_jpy", 3, R"([["100","3"]])", "[]"));
        feed(sink, diff("btc_jpy", 5, R"([["100","5"]])", "[]"));
        feed(sink, diff("btc_jpy", 6, R"([["99","6"]])", "[]"));
        feed(sink, diff("btc_jpy", 8, "[]", R"([["102","8"]])"));
        QVERIFY(sink.books.empty()); // no whole yet: buffered only
        QCOMPARE(adapter.bufferedDiffs(QStringLiteral("btc_jpy")), 4u);
        QCOMPARE(feed(sink, whole("btc_jpy", 5, R"([["100","1"]])", R"([["101","1"]])")).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sequences(sink), (std::vector<std::int64_t>{5, 6, 8}));
        QVERIFY(sink.books.front().isSnapshot);
        const OrderBook& book = sink.store.book("btc_jpy");
        QVERIFY(book.isLive());
        QCOMPARE(book.bid(0).size, dec("1")); // diff{5} is in the whole already: not applied
        QCOMPARE(book.bid(1).price, dec("99"));
        QCOMPARE(book.ask(1).price, dec("102"));
        QCOMPARE(adapter.bufferedDiffs(QStringLiteral("btc_jpy")), 2u); // 3 and 5 forgotten
        // Later diffs apply at once.
        feed(sink, diff("btc_jpy", 9, R"([["100","0"]])", "[]"));
        QCOMPARE(*book.bestBid(), dec("99"));
    }

    void staleAndOutOfOrderDiffsAreNotApplied()
    {
        RecordingSink sink;
        feed(sink, whole("btc_jpy", 10, R"([["100","1"]])", R"([["110","1"]])"));
        feed(sink, diff("btc_jpy", 12, R"([["101","2"]])", "[]"));
        // At or below the whole: dropped.
        QCOMPARE(feed(sink, diff("btc_jpy", 9, R"([["105","9"]])", "[]")).kind, ParseResult::Kind::Ignored);
        QCOMPARE(feed(sink, diff("btc_jpy", 12, R"([["105","9"]])", "[]")).kind, ParseResult::Kind::Ignored);
        // Late (below the last applied) but above the whole: kept for the next whole's replay only.
        feed(sink, diff("btc_jpy", 11, R"([["102","3"]])", "[]"));
        QCOMPARE(sequences(sink), (std::vector<std::int64_t>{10, 12}));
        const OrderBook& book = sink.store.book("btc_jpy");
        QCOMPARE(*book.bestBid(), dec("101"));
        // The next whole (sequenceId 10 again, delayed) replays 11 then 12 in ascending order.
        feed(sink, whole("btc_jpy", 10, R"([["100","1"]])", R"([["110","1"]])"));
        QCOMPARE(sequences(sink), (std::vector<std::int64_t>{10, 12, 10, 11, 12}));
        QCOMPARE(*book.bestBid(), dec("102"));
        QCOMPARE(book.bidCount(), 3u);
        // A whole older than the last one is late: skipped.
        QCOMPARE(feed(sink, whole("btc_jpy", 9, R"([["1","1"]])", R"([["2","1"]])")).kind,
                 ParseResult::Kind::Ignored);
        QCOMPARE(*book.bestBid(), dec("102"));
    }

    void aNewWholeReplacesTheBook()
    {
        RecordingSink sink;
        feed(sink, whole("btc_jpy", 10, R"([["100","1"],["99","1"]])", R"([["110","1"]])"));
        feed(sink, diff("btc_jpy", 11, R"([["98","1"]])", "[]"));
        feed(sink, whole("btc_jpy", 20, R"([["100","2"]])", R"([["109","1"]])"));
        const OrderBook& book = sink.store.book("btc_jpy");
        QCOMPARE(book.bidCount(), 1u); // 99 and 98 are gone: only the whole's levels
        QCOMPARE(*book.bestAsk(), dec("109"));
        QCOMPARE(adapter.bufferedDiffs(QStringLiteral("btc_jpy")), 0u);
    }

    void inconsistentBookWaitsForTheNextWhole()
    {
        // s is not consecutive, so a lost diff cannot be seen; a book the diffs leave crossed can.
        RecordingSink sink;
        feed(sink, whole("btc_jpy", 10, R"([["100","1"]])", R"([["110","1"]])"));
        feed(sink, diff("btc_jpy", 11, R"([["120","1"]])", "[]"));
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Crossed);
        const OrderBook& book = sink.store.book("btc_jpy");
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        // What MarketDataFeed does on a failed apply: restart the book. The resync asks bitbank for
        // nothing: wholes come by themselves.
        adapter.restartBook(Category::Spot, QStringLiteral("btc_jpy"));
        const ResyncPlan plan = adapter.resyncPlan(Category::Spot, QStringLiteral("btc_jpy"), 50);
        QVERIFY(plan.resubscribeTopics.isEmpty() && !plan.snapshot);
        const std::size_t before = sink.books.size();
        feed(sink, diff("btc_jpy", 12, R"([["101","1"]])", "[]"));
        QCOMPARE(sink.books.size(), before); // buffered, not applied
        QVERIFY(!book.isLive());
        feed(sink, whole("btc_jpy", 11, R"([["100","1"]])", R"([["110","1"]])"));
        QVERIFY(book.isLive());
        QCOMPARE(*book.bestBid(), dec("101")); // diff 12 replayed on top of whole 11
    }

    void malformedBookFrameResyncsThatBook()
    {
        RecordingSink sink;
        feed(sink, whole("btc_jpy", 10, R"([["100","1"]])", R"([["110","1"]])"));
        const ParseResult bad = feed(sink, diff("btc_jpy", 11, R"([["101","x"]])", "[]"));
        QCOMPARE(bad.kind, ParseResult::Kind::Malformed);
        QCOMPARE(QString::fromUtf8(bad.resyncSymbol.data(), bad.resyncSymbol.size()),
                 QStringLiteral("btc_jpy"));
        QVERIFY(!bad.error.isEmpty());
        const std::size_t before = sink.books.size();
        feed(sink, diff("btc_jpy", 12, R"([["101","1"]])", "[]"));
        QCOMPARE(sink.books.size(), before);
        const ParseResult truncated = feed(sink, diff("btc_jpy", 13, "[]", "[]").left(60));
        QCOMPARE(truncated.kind, ParseResult::Kind::Malformed);
    }

    void bufferIsBoundedAndAWholeItCannotMergeIsSkipped()
    {
        RecordingSink sink;
        const qint64 n = static_cast<qint64>(BitbankMarketData::MaxBufferedDiffs) + 10;
        for (qint64 s = 1; s <= n; ++s)
            feed(sink, diff("btc_jpy", s, R"([["100","1"]])", "[]"));
        QCOMPARE(adapter.bufferedDiffs(QStringLiteral("btc_jpy")), BitbankMarketData::MaxBufferedDiffs);
        QCOMPARE(feed(sink, whole("btc_jpy", 5, R"([["100","1"]])", R"([["110","1"]])")).kind,
                 ParseResult::Kind::Ignored);
        QVERIFY(sink.books.empty());
        feed(sink, whole("btc_jpy", n - 1, R"([["100","1"]])", R"([["110","1"]])"));
        QCOMPARE(sequences(sink), (std::vector<std::int64_t>{n - 1, n}));
    }

    void readsTicker()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "ticker.txt").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), 1u);
        const Ticker& t = sink.tickers[0].first;
        QVERIFY(sink.tickers[0].second);
        QCOMPARE(t.symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(*t.askPrice, dec("896490"));
        QCOMPARE(*t.bidPrice, dec("896489"));
        QCOMPARE(*t.lastPrice, dec("896489"));
        QCOMPARE(*t.highPrice24h, dec("905002"));
        QCOMPARE(*t.lowPrice24h, dec("881500"));
        QCOMPARE(*t.volume24h, dec("650.2026"));
        QCOMPARE(t.timestampMs, 1570080042822);
    }

    void readsTransactionsOldestFirst()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "transactions.txt").kind, ParseResult::Kind::Data);
        QCOMPARE(sink.trades.size(), 5u);
        QCOMPARE(sink.trades.front().id, QStringLiteral("34745043"));
        QCOMPARE(sink.trades.front().size, dec("301.4874"));
        QCOMPARE(sink.trades.back().timestampMs, 1570080162855);
        QCOMPARE(sink.trades.back().price, dec("26.930"));
        QCOMPARE(sink.trades.back().takerSide, Side::Sell);
        QCOMPARE(sink.trades.back().symbol, QStringLiteral("xrp_jpy"));
    }

    void ignoresRoomsAndEventsItDoesNotUse()
    {
        RecordingSink sink;
        QCOMPARE(feedFile(sink, "circuit-break-info.txt").kind, ParseResult::Kind::Ignored);
        QCOMPARE(feed(sink, R"(42["other",{}])").kind, ParseResult::Kind::Ignored);
        QCOMPARE(feed(sink, fixture(QStringLiteral("bitbank/open.txt"))).kind, ParseResult::Kind::Control);
        QCOMPARE(feed(sink, "2").kind, ParseResult::Kind::Control);
        QVERIFY(sink.books.empty() && sink.tickers.empty() && sink.trades.empty());
    }

    void malformedInputNeverCrashes()
    {
        const QList<QByteArray> junk{
            "",
            "x",
            "42",
            "42[",
            "42{}",
            "42[\"message\"]",
            "42[\"message\",5]",
            "42[\"message\",{\"message\":{\"data\":{}}}]",
            "42[\"message\",{\"room_name\":\"ticker_btc_jpy\"}]",
            "42[\"message\",{\"room_name\":\"ticker_btc_jpy\",\"message\":{\"data\":{\"sell\":true}}}]",
            "42[\"message\",{\"room_name\":\"transactions_btc_jpy\",\"message\":{\"data\":{\"transactions\":["
            "{\"side\":\"buy\"}]}}}]",
            "42[\"message\",{\"room_name\":\"depth_whole_btc_jpy\",\"message\":{\"data\":{\"asks\":[[\"1\"]],"
            "\"bids\":[],\"sequenceId\":\"1\"}}}]",
            "42[\"message\",{\"room_name\":\"depth_whole_btc_jpy\",\"message\":{\"data\":{\"asks\":[],"
            "\"bids\":[]}}}]",
            "42[\"message\",{\"room_name\":\"depth_diff_btc_jpy\",\"message\":{\"data\":{\"a\":[],\"b\":[],"
            "\"s\":\"1x\"}}}]",
            "42[\"message\",{\"room_name\":\"depth_diff_btc_jpy\",\"message\":{\"data\":{\"a\":[[\"-1\","
            "\"1\"]],\"b\":[],\"s\":\"2\"}}}]",
            "\xff\xfe",
        };
        for (const QByteArray& frame : junk) {
            RecordingSink sink;
            const ParseResult r = feed(sink, frame);
            QVERIFY2(r.kind == ParseResult::Kind::Malformed, frame.constData());
            QVERIFY(!r.error.isEmpty());
            QVERIFY(sink.books.empty());
        }
    }

    void readsPairs()
    {
        const auto parsed = adapter.parseInstruments(Category::Spot, json("pairs.json"));
        QVERIFY(parsed);
        QCOMPARE(parsed->size(), 2u);
        const Instrument& btc = parsed->at(0);
        QCOMPARE(btc.symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(btc.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(btc.quoteAsset, QStringLiteral("JPY"));
        QCOMPARE(btc.tickSize, dec("1"));
        QCOMPARE(btc.lotSize, dec("0.0001"));
        QCOMPARE(btc.minQuantity, dec("0.0001"));
        QCOMPARE(*btc.maxQuantity, dec("1000"));
        QVERIFY(btc.trading);
        QCOMPARE(parsed->at(1).tickSize, dec("0.001"));
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path, QStringLiteral("/v1/spot/pairs"));
        QVERIFY(!adapter.parseInstruments(Category::Spot, json("error.json")));
        // Margin (Linear): only the pairs /v1/spot/pairs gives margin fees (btc_jpy; xrp_jpy's are null).
        const auto margin = adapter.parseInstruments(Category::Linear, json("pairs.json"));
        QVERIFY(margin);
        QCOMPARE(margin->size(), 1u);
        QCOMPARE(margin->at(0).symbol, QStringLiteral("btc_jpy"));
        QCOMPARE(margin->at(0).category, Category::Linear);
        QCOMPARE(margin->at(0).tickSize, dec("1"));
        QCOMPARE(margin->at(0).lotSize, dec("0.0001"));
        QVERIFY(!adapter.parseInstruments(Category::Spot, QJsonDocument::fromJson("{\"success\":1}")));
    }

    void requestsAndReadsCandles()
    {
        const std::int64_t end = 1704070800000; // 2024-01-01T01:00:00Z
        QCOMPARE(
            adapter
                .candlesRequest(Category::Spot, QStringLiteral("btc_jpy"), CandleInterval::OneHour, end, 200)
                .path,
            QStringLiteral("/btc_jpy/candlestick/1hour/20240101"));
        QCOMPARE(
            adapter
                .candlesRequest(Category::Spot, QStringLiteral("btc_jpy"), CandleInterval::OneDay, end, 200)
                .path,
            QStringLiteral("/btc_jpy/candlestick/1day/2024"));
        const auto candles = adapter.parseCandles(json("candlestick.json"));
        QVERIFY(candles);
        QCOMPARE(candles->size(), 2u);
        QCOMPARE(candles->front().openTimeMs, 1704067200000); // oldest first
        QCOMPARE(candles->front().open, dec("5000000"));
        QCOMPARE(candles->back().close, dec("5008000"));
        QCOMPARE(candles->back().volume, dec("12.3456"));
        QVERIFY(!adapter.parseCandles(json("error.json")));
        QVERIFY(!adapter.parseCandles(
            QJsonDocument::fromJson(R"({"success":1,"data":{"candlestick":[{"ohlcv":[["1"]]}]}})")));
    }

    void errorRepliesKeepTheCode()
    {
        const auto error = adapter.replyError(json("error.json"));
        QVERIFY(error);
        QCOMPARE(error->kind, RestError::Kind::Venue);
        QCOMPARE(error->venueCode, QStringLiteral("10000"));
        QVERIFY(!adapter.replyError(json("pairs.json")));
        const auto limited =
            adapter.replyError(QJsonDocument::fromJson(R"({"success":0,"data":{"code":10009}})"));
        QCOMPARE(limited->kind, RestError::Kind::RateLimited);
    }
};

QTEST_GUILESS_MAIN(TestBitbankMarketData)
#include "tst_bitbankmarketdata.moc"
