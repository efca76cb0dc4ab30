#include "exchanges/okx/okxmarketdata.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestOkxMarketData : public QObject
{
    Q_OBJECT

private:
    OkxMarketData adapter;

    ParseResult feed(RecordingSink& sink, const QByteArray& frame, Category category = Category::Spot)
    {
        return adapter.parse(frame, category, sink);
    }

    static QJsonDocument json(const QString& name) { return QJsonDocument::fromJson(fixture(name)); }

private Q_SLOTS:
    // OKX serves candle channels on /ws/v5/business only: the feed opens that connection for them.
    void candlesGoToTheBusinessStream()
    {
        for (const Environment env : {Environment::Mainnet, Environment::Demo}) {
            QVERIFY(adapter.publicStreamUrl(Category::Linear, env, Channel::Candles)
                        .path()
                        .endsWith(QLatin1String("/ws/v5/business")));
            QVERIFY(adapter.publicStreamUrl(Category::Linear, env, Channel::Book)
                        .path()
                        .endsWith(QLatin1String("/ws/v5/public")));
        }
    }

    void init() { adapter.reset(); }

    void namesTopicsAndUrlsAsOkxDoes()
    {
        ChannelRequest r;
        r.symbol = QStringLiteral("BTC-USDT");
        r.channel = Channel::Book;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("books:BTC-USDT"));
        r.channel = Channel::Ticker;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("tickers:BTC-USDT"));
        r.channel = Channel::Trades;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("trades:BTC-USDT"));
        r.channel = Channel::Candles;
        r.interval = CandleInterval::OneHour;
        QCOMPARE(adapter.topic(Category::Spot, r), QStringLiteral("candle1H:BTC-USDT"));
        QCOMPARE(adapter.publicStreamUrl(Category::Linear, Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws.okx.com:8443/ws/v5/public")));
        QCOMPARE(adapter.publicStreamUrl(Category::Spot, Environment::Demo),
                 QUrl(QStringLiteral("wss://wspap.okx.com:8443/ws/v5/public")));
        QCOMPARE(OkxMarketData::businessStreamUrl(Environment::Mainnet),
                 QUrl(QStringLiteral("wss://ws.okx.com:8443/ws/v5/business")));
        QCOMPARE(adapter.restBaseUrl(Environment::Demo), QUrl(QStringLiteral("https://www.okx.com")));
        QCOMPARE(adapter.categories(),
                 (QList<Category>{Category::Spot, Category::Linear, Category::Inverse}));
    }

    void encodesSubscriptionsAsArgumentObjects()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        const QList<QByteArray> sub =
            p.subscribeMessages({QStringLiteral("books:BTC-USDT"), QStringLiteral("orders:instType=ANY"),
                                 QStringLiteral("account")});
        QCOMPARE(sub.size(), 1);
        const QJsonObject o = QJsonDocument::fromJson(sub.first()).object();
        QCOMPARE(o.value(QLatin1String("op")).toString(), QStringLiteral("subscribe"));
        const QJsonArray args = o.value(QLatin1String("args")).toArray();
        QCOMPARE(args.size(), 3);
        QCOMPARE(args.at(0).toObject(),
                 (QJsonObject{{QStringLiteral("channel"), QStringLiteral("books")},
                              {QStringLiteral("instId"), QStringLiteral("BTC-USDT")}}));
        QCOMPARE(args.at(1).toObject(), (QJsonObject{{QStringLiteral("channel"), QStringLiteral("orders")},
                                                     {QStringLiteral("instType"), QStringLiteral("ANY")}}));
        QCOMPARE(args.at(2).toObject(),
                 (QJsonObject{{QStringLiteral("channel"), QStringLiteral("account")}}));
        for (const QString& topic : {QStringLiteral("books:BTC-USDT"), QStringLiteral("orders:instType=ANY"),
                                     QStringLiteral("account")})
            QCOMPARE(OkxStreamProtocol::topicOf(OkxStreamProtocol::argumentOf(topic)), topic);
        const QJsonObject unsub =
            QJsonDocument::fromJson(p.unsubscribeMessages({"trades:ETH-USDT"}).first()).object();
        QCOMPARE(unsub.value(QLatin1String("op")).toString(), QStringLiteral("unsubscribe"));
        // 45 topics: three requests.
        QStringList many;
        for (int i = 0; i < 45; ++i)
            many.append(QStringLiteral("books:X%1-USDT").arg(i));
        QCOMPARE(p.subscribeMessages(many).size(), 3);
    }

    void pingsWithTextAndKnowsThePong()
    {
        const StreamProtocol& p = adapter.streamProtocol();
        QCOMPARE(p.pingMessage(), QByteArray("ping"));
        QVERIFY(p.pingInterval() < std::chrono::seconds(30));
        QVERIFY(p.isPong("pong"));
        QVERIFY(!p.isPong(R"({"event":"subscribe"})"));
    }

    void buildsBookFromSnapshotAndUpdate()
    {
        RecordingSink sink;
        const ParseResult snap = feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        QCOMPARE(snap.kind, ParseResult::Kind::Data);
        QCOMPARE(snap.topic, std::string_view("books:BTC-USDT"));
        const ParseResult r = feed(sink, fixture(QStringLiteral("okx/books-update.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("books:BTC-USDT"));
        QCOMPARE(sink.books.size(), std::size_t(2));
        QVERIFY(sink.books[0].isSnapshot);
        QCOMPARE(sink.books[0].sequence, 123456);
        QCOMPARE(sink.books[0].symbol, std::string("BTC-USDT"));
        QVERIFY(!sink.books[1].isSnapshot);
        QCOMPARE(sink.books[1].rule, OrderBook::SequenceRule::Chained);
        QCOMPARE(sink.books[1].previousSequence, 123456);
        QCOMPARE(sink.books[1].sequence, 123457);
        QCOMPARE(sink.books[1].applied, OrderBook::ApplyResult::Applied);

        const OrderBook* book = sink.store.findBook("BTC-USDT");
        QVERIFY(book && book->isLive());
        // 8476.98 ask deleted, 8477.1 inserted; 8476.97 bid resized, 8475.54 deleted.
        QCOMPARE(book->askCount(), std::size_t(4));
        QCOMPARE(book->ask(0), (BookLevel{dec("8477"), dec("7")}));
        QCOMPARE(book->ask(1), (BookLevel{dec("8477.1"), dec("3")}));
        QCOMPARE(book->bidCount(), std::size_t(3));
        QCOMPARE(book->bid(0), (BookLevel{dec("8476.97"), dec("300")}));
        QCOMPARE(book->bid(1), (BookLevel{dec("8475.55"), dec("101")}));
        QCOMPARE(book->bid(2), (BookLevel{dec("8475.3"), dec("1")}));
        QCOMPARE(book->timestampMs(), 1597026383185);
        // An empty update with seqId = prevSeqId is OKX's keep-alive: harmless.
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-keepalive.json"))).kind,
                 ParseResult::Kind::Data);
        QVERIFY(book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(3));
    }

    void resyncsAfterSequenceGap()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        feed(sink, fixture(QStringLiteral("okx/books-update.json")));
        // prevSeqId 123458 ≠ the last seqId 123457: an update was lost.
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-update-gap.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::SequenceGap);
        const OrderBook* book = sink.store.findBook("BTC-USDT");
        QCOMPARE(book->state(), OrderBook::State::Resyncing);
        QCOMPARE(book->bidCount(), std::size_t(0));
        // The resync is a resubscription: OKX answers it with a snapshot.
        const ResyncPlan plan = adapter.resyncPlan(Category::Spot, QStringLiteral("BTC-USDT"), 400);
        QCOMPARE(plan.resubscribeTopics, QStringList{QStringLiteral("books:BTC-USDT")});
        feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        QVERIFY(book->isLive());
    }

    void updateWithoutSnapshotIsNotApplied()
    {
        RecordingSink sink;
        // OKX announced it may stop sending the initial snapshot: an update first means the book must be
        // fetched again; the book stays unusable (the feed resubscribes on NoSnapshot).
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-update.json"))).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::NoSnapshot);
        const OrderBook* book = sink.store.findBook("BTC-USDT");
        QVERIFY(!book->isLive());
        QCOMPARE(book->bidCount(), std::size_t(0));
    }

    void computesOkxDocumentedChecksum()
    {
        // The example in OKX's checksum section: "3366.1:7:3366.8:9:3366:6:3368:8".
        const std::vector<BookLevel> bids{{dec("3366.1"), dec("7")}, {dec("3366"), dec("6")}};
        const std::vector<BookLevel> asks{{dec("3366.8"), dec("9")}, {dec("3368"), dec("8")}};
        QCOMPARE(OkxMarketData::bookChecksum(bids, asks), -1881014294);
    }

    void verifiesChecksumWhileNonZero()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-snapshot-checksum.json"))).kind,
                 ParseResult::Kind::Data);
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-update-checksum.json"))).kind,
                 ParseResult::Kind::Data);
        QVERIFY(sink.store.findBook("BTC-USDT")->isLive());
    }

    void checksumMismatchResyncsTheBook()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("okx/books-snapshot-checksum.json")));
        const ParseResult r = feed(sink, fixture(QStringLiteral("okx/books-update-badchecksum.json")));
        // A well-formed frame that says our copy is off: data for the feed to resync, not a broken frame.
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QVERIFY2(r.error.contains(QStringLiteral("checksum")), qPrintable(r.error));
        QCOMPARE(r.resyncSymbol, std::string_view("BTC-USDT"));
        QCOMPARE(sink.books.size(), std::size_t(1)); // the bad update never reached the book
    }

    void ignoresChecksumWhenZero()
    {
        RecordingSink sink;
        // Since 2026-06-23 OKX sends checksum 0: nothing to verify, the update applies.
        feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-update.json"))).kind, ParseResult::Kind::Data);
        // A snapshot with checksum 0 after checksummed ones stops the verification too.
        feed(sink, fixture(QStringLiteral("okx/books-snapshot-checksum.json")));
        feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/books-update-badchecksum.json"))).kind,
                 ParseResult::Kind::Data);
        QVERIFY(sink.store.findBook("BTC-USDT")->isLive());
    }

    void readsSpotAndSwapTickers()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/tickers.json"))).kind, ParseResult::Kind::Data);
        QCOMPARE(sink.tickers.size(), std::size_t(1));
        const Ticker& t = sink.tickers[0].first;
        QVERIFY(sink.tickers[0].second);
        QCOMPARE(t.symbol, QStringLiteral("BTC-USDT"));
        QCOMPARE(*t.lastPrice, dec("9999.99"));
        QCOMPARE(*t.bidPrice, dec("8888.88"));
        QCOMPARE(*t.askSize, dec("11"));
        QCOMPARE(*t.highPrice24h, dec("10000"));
        QCOMPARE(*t.volume24h, dec("2222"));
        QCOMPARE(*t.turnover24h, dec("2222"));
        QCOMPARE(t.timestampMs, 1597026383085);
        QVERIFY(t.change24h.has_value());
        QCOMPARE(t.change24h->toString(), QStringLiteral("0.111110"));

        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/tickers-swap.json")), Category::Linear).kind,
                 ParseResult::Kind::Data);
        const Ticker& s = sink.tickers[1].first;
        QCOMPARE(s.symbol, QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(*s.volume24h, dec("1234567")); // contracts, as the swap's book sizes
        QVERIFY(!s.turnover24h.has_value());
    }

    void readsTrades()
    {
        RecordingSink sink;
        const ParseResult r = feed(sink, fixture(QStringLiteral("okx/trades.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("trades:BTC-USDT"));
        QCOMPARE(sink.trades.size(), std::size_t(1));
        const Trade& t = sink.trades[0];
        QCOMPARE(t.symbol, QStringLiteral("BTC-USDT"));
        QCOMPARE(t.id, QStringLiteral("130639474"));
        QCOMPARE(t.price, dec("42219.9"));
        QCOMPARE(t.size, dec("0.12060306"));
        QCOMPARE(t.takerSide, Side::Buy);
        QCOMPARE(t.timestampMs, 1630048897897);
    }

    void readsCandlePushes()
    {
        RecordingSink sink;
        const ParseResult r = feed(sink, fixture(QStringLiteral("okx/candle1m.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(r.topic, std::string_view("candle1m:BTC-USDT"));
        QCOMPARE(sink.candles.size(), std::size_t(1));
        const auto& c = sink.candles[0];
        QCOMPARE(c.symbol, QStringLiteral("BTC-USDT"));
        QCOMPARE(c.interval, CandleInterval::OneMinute);
        QCOMPARE(c.candle.openTimeMs, 1597026360000);
        QCOMPARE(c.candle.open, dec("8533.02"));
        QCOMPARE(c.candle.high, dec("8553.74"));
        QCOMPARE(c.candle.low, dec("8527.17"));
        QCOMPARE(c.candle.close, dec("8548.26"));
        QCOMPARE(c.candle.volume, dec("45247"));
        QVERIFY(!c.candle.closed);
    }

    void readsControlFrames()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/subscribe-ack.json"))).kind,
                 ParseResult::Kind::Control);
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/notice.json"))).kind, ParseResult::Kind::Control);
        const ParseResult r = feed(sink, fixture(QStringLiteral("okx/subscribe-error.json")));
        QCOMPARE(r.kind, ParseResult::Kind::Rejected);
        QVERIFY2(r.error.contains(QStringLiteral("60012")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("Invalid request")), qPrintable(r.error));
        QCOMPARE(feed(sink, "pong").kind, ParseResult::Kind::Control);
        QCOMPARE(feed(sink, R"({"arg":{"channel":"mark-price","instId":"BTC-USDT"},"data":[{}]})").kind,
                 ParseResult::Kind::Ignored);
    }

    void malformedInputNeverCrashes_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<bool>("resyncsBook");
        QTest::newRow("not json") << QByteArray("garbage") << false;
        QTest::newRow("truncated book")
            << QByteArray(
                   R"({"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["1","2")")
            << true;
        QTest::newRow("bad price")
            << QByteArray(
                   R"({"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[["x","2","0","1"]],"bids":[],"ts":"1","checksum":0,"prevSeqId":1,"seqId":2}]})")
            << true;
        QTest::newRow("no seqId")
            << QByteArray(
                   R"({"arg":{"channel":"books","instId":"BTC-USDT"},"action":"update","data":[{"asks":[],"bids":[],"ts":"1","checksum":0}]})")
            << true;
        QTest::newRow("unknown action")
            << QByteArray(
                   R"({"arg":{"channel":"books","instId":"BTC-USDT"},"action":"partial","data":[{"asks":[],"bids":[],"seqId":1}]})")
            << true;
        QTest::newRow("data not array")
            << QByteArray(R"({"arg":{"channel":"trades","instId":"BTC-USDT"},"data":{}})") << false;
        QTest::newRow("trade side")
            << QByteArray(
                   R"({"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"px":"1","sz":"1","side":"up","ts":"1"}]})")
            << false;
        QTest::newRow("short candle")
            << QByteArray(R"({"arg":{"channel":"candle1m","instId":"BTC-USDT"},"data":[["1","2"]]})")
            << false;
        QTest::newRow("unknown bar") << QByteArray(
                                            R"({"arg":{"channel":"candle7m","instId":"BTC-USDT"},"data":[]})")
                                     << false;
        QTest::newRow("arg not object") << QByteArray(R"({"arg":"books","data":[]})") << false;
        QTest::newRow("no data") << QByteArray(R"({"arg":{"channel":"tickers","instId":"BTC-USDT"}})")
                                 << false;
    }

    void malformedInputNeverCrashes()
    {
        QFETCH(QByteArray, frame);
        QFETCH(bool, resyncsBook);
        RecordingSink sink;
        const ParseResult r = feed(sink, frame);
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QCOMPARE(r.resyncSymbol == std::string_view("BTC-USDT"), resyncsBook);
        QVERIFY(sink.books.empty());
    }

    // A swap's ticker brings its contract channels along; the index channel is named by the index.
    void swapTickersBringTheContractChannels()
    {
        ChannelRequest r;
        r.channel = Channel::Ticker;
        r.symbol = QStringLiteral("BTC-USDT-SWAP");
        QCOMPARE(adapter.extraTopics(Category::Linear, r),
                 (QStringList{QStringLiteral("mark-price:BTC-USDT-SWAP"),
                              QStringLiteral("funding-rate:BTC-USDT-SWAP"),
                              QStringLiteral("open-interest:BTC-USDT-SWAP"),
                              QStringLiteral("index-tickers:BTC-USDT")}));
        r.symbol = QStringLiteral("BTC-USD-SWAP");
        QVERIFY(adapter.extraTopics(Category::Inverse, r).contains(QStringLiteral("index-tickers:BTC-USD")));
        r.symbol = QStringLiteral("BTC-USDT");
        QVERIFY(adapter.extraTopics(Category::Spot, r).isEmpty());
        r.symbol = QStringLiteral("BTC-USDT-SWAP");
        for (Channel c : {Channel::Book, Channel::Trades, Channel::Candles}) {
            r.channel = c;
            QVERIFY(adapter.extraTopics(Category::Linear, r).isEmpty());
        }
    }

    void contractChannelsMergeIntoTheSwapsTicker()
    {
        RecordingSink sink;
        QCOMPARE(feed(sink, fixture(QStringLiteral("okx/tickers-swap.json")), Category::Linear).kind,
                 ParseResult::Kind::Data);
        QVERIFY(!sink.tickers.back().second); // a swap's ticker push merges: it lacks the contract fields
        const struct
        {
            const char* file;
            std::string_view topic;
        } pushes[] = {{"okx/funding-rate.json", "funding-rate:BTC-USDT-SWAP"},
                      {"okx/mark-price.json", "mark-price:BTC-USDT-SWAP"},
                      {"okx/index-tickers.json", "index-tickers:BTC-USDT"},
                      {"okx/open-interest.json", "open-interest:BTC-USDT-SWAP"}};
        for (const auto& push : pushes) {
            const ParseResult r = feed(sink, fixture(QString::fromLatin1(push.file)), Category::Linear);
            QCOMPARE(r.kind, ParseResult::Kind::Data);
            QCOMPARE(r.topic, push.topic);
            const auto& [delta, snapshot] = sink.tickers.back();
            QVERIFY(!snapshot);
            QCOMPARE(delta.symbol, QStringLiteral("BTC-USDT-SWAP")); // the index's push too
            QVERIFY(!delta.lastPrice && !delta.bidPrice && !delta.volume24h);
        }
        QCOMPARE(sink.tickers.size(), std::size_t(5));
        // Each delta holds only its channel's field.
        QCOMPARE(*sink.tickers[1].first.fundingRate, dec("0.0001875391284828"));
        QCOMPARE(sink.tickers[1].first.nextFundingMs, 1700726400000); // fundingTime: the next payment
        QVERIFY(!sink.tickers[1].first.markPrice);
        QCOMPARE(*sink.tickers[2].first.markPrice, dec("43512.3"));
        QVERIFY(!sink.tickers[2].first.fundingRate && sink.tickers[2].first.nextFundingMs == 0);
        QCOMPARE(*sink.tickers[3].first.indexPrice, dec("43510.7"));
        QVERIFY(!sink.tickers[3].first.highPrice24h); // the index's 24 h range is not the swap's
        QCOMPARE(*sink.tickers[4].first.openInterest, dec("2216113.01")); // oi: contracts

        const Ticker* merged = sink.store.findTicker(QStringLiteral("BTC-USDT-SWAP"));
        QVERIFY(merged);
        const std::pair<std::optional<Decimal>, const char*> held[] = {
            {merged->lastPrice, "43508.9"},
            {merged->markPrice, "43512.3"},
            {merged->indexPrice, "43510.7"},
            {merged->fundingRate, "0.0001875391284828"},
            {merged->openInterest, "2216113.01"}};
        for (const auto& [value, expected] : held)
            QCOMPARE(value.value_or(Decimal()), dec(expected));
        QCOMPARE(merged->nextFundingMs, 1700726400000);
        QVERIFY(!sink.store.findTicker(QStringLiteral("BTC-USDT"))); // nothing under the index's name

        // The next ticker push keeps them.
        feed(sink, fixture(QStringLiteral("okx/tickers-swap.json")), Category::Linear);
        merged = sink.store.findTicker(QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(*merged->markPrice, dec("43512.3"));
        QCOMPARE(merged->nextFundingMs, 1700726400000);
        // Spot tickers stay snapshots.
        feed(sink, fixture(QStringLiteral("okx/tickers.json")));
        QVERIFY(sink.tickers.back().second);
    }

    void malformedContractPushes_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::newRow("funding rate not a decimal") << QByteArray(
            R"({"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","fundingRate":"lots","fundingTime":"1700726400000","ts":"1"}]})");
        QTest::newRow("funding without fundingTime") << QByteArray(
            R"({"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","fundingRate":"0.0001","ts":"1"}]})");
        QTest::newRow("fundingTime not a time") << QByteArray(
            R"({"arg":{"channel":"funding-rate","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","fundingRate":"0.0001","fundingTime":"tomorrow"}]})");
        QTest::newRow("empty markPx") << QByteArray(
            R"({"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","markPx":"","ts":"1"}]})");
        QTest::newRow("markPx a number") << QByteArray(
            R"({"arg":{"channel":"mark-price","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","markPx":43512.3}]})");
        QTest::newRow("index without idxPx") << QByteArray(
            R"({"arg":{"channel":"index-tickers","instId":"BTC-USDT"},"data":[{"instId":"BTC-USDT","ts":"1"}]})");
        QTest::newRow("oi not a decimal") << QByteArray(
            R"({"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","oi":"1e","ts":"1"}]})");
        QTest::newRow("entry not an object")
            << QByteArray(R"({"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":["5000"]})");
        QTest::newRow("instId a number")
            << QByteArray(R"({"arg":{"channel":"mark-price"},"data":[{"instId":7,"markPx":"1"}]})");
    }

    void malformedContractPushes()
    {
        QFETCH(QByteArray, frame);
        RecordingSink sink;
        const ParseResult r = feed(sink, frame, Category::Linear);
        QCOMPARE(r.kind, ParseResult::Kind::Malformed);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(sink.tickers.empty());
    }

    void dataBeforeArgIsStillRead()
    {
        RecordingSink sink;
        feed(sink, fixture(QStringLiteral("okx/books-snapshot.json")));
        const ParseResult r = feed(
            sink,
            R"({"data":[{"asks":[],"bids":[["8476.97","1","0","1"]],"ts":"1597026383185","checksum":0,"prevSeqId":123456,"seqId":123457}],"action":"update","arg":{"channel":"books","instId":"BTC-USDT"}})");
        QCOMPARE(r.kind, ParseResult::Kind::Data);
        QCOMPARE(sink.books.back().applied, OrderBook::ApplyResult::Applied);
        QCOMPARE(sink.store.findBook("BTC-USDT")->bid(0).size, dec("1"));
    }

    void parsesSpotInstruments()
    {
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).path,
                 QStringLiteral("/api/v5/public/instruments"));
        QCOMPARE(adapter.instrumentsRequest(Category::Spot).query.value(0).second, QStringLiteral("SPOT"));
        const auto parsed =
            adapter.parseInstruments(Category::Spot, json(QStringLiteral("okx/rest-instruments-spot.json")));
        QVERIFY(parsed);
        const auto& list = parsed.value();
        QCOMPARE(list.size(), std::size_t(2));
        QCOMPARE(list[0].venue, QStringLiteral("okx"));
        QCOMPARE(list[0].symbol, QStringLiteral("BTC-USDT"));
        QCOMPARE(list[0].baseAsset, QStringLiteral("BTC"));
        QCOMPARE(list[0].quoteAsset, QStringLiteral("USDT"));
        QCOMPARE(list[0].tickSize, dec("0.1"));
        QCOMPARE(list[0].lotSize, dec("0.00000001"));
        QCOMPARE(list[0].minQuantity, dec("0.00001"));
        QVERIFY(list[0].trading);
        QVERIFY(!list[1].trading); // state "suspend"
    }

    void parsesLinearAndInverseSwaps()
    {
        QCOMPARE(adapter.instrumentsRequest(Category::Inverse).query.value(0).second, QStringLiteral("SWAP"));
        const QJsonDocument doc = json(QStringLiteral("okx/rest-instruments-swap.json"));
        const auto linear = adapter.parseInstruments(Category::Linear, doc);
        QVERIFY(linear);
        QCOMPARE(linear.value().size(), std::size_t(1));
        const Instrument& l = linear.value()[0];
        QCOMPARE(l.symbol, QStringLiteral("BTC-USDT-SWAP"));
        QCOMPARE(l.category, Category::Linear);
        QCOMPARE(l.baseAsset, QStringLiteral("BTC"));
        QCOMPARE(l.quoteAsset, QStringLiteral("USDT"));
        QCOMPARE(l.lotSize, dec("0.01")); // contracts
        QCOMPARE(l.minQuantity, dec("0.01"));
        QCOMPARE(*l.maxQuantity, dec("100000000"));
        const auto inverse = adapter.parseInstruments(Category::Inverse, doc);
        QVERIFY(inverse);
        QCOMPARE(inverse.value().size(), std::size_t(1));
        QCOMPARE(inverse.value()[0].symbol, QStringLiteral("BTC-USD-SWAP"));
        QCOMPARE(inverse.value()[0].quoteAsset, QStringLiteral("USD"));
        QCOMPARE(inverse.value()[0].lotSize, dec("1"));
    }

    void instrumentsErrorIsVerbatim()
    {
        const auto parsed =
            adapter.parseInstruments(Category::Spot, json(QStringLiteral("okx/rest-error.json")));
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().message.contains(QStringLiteral("51001 Instrument ID does not exist")),
                 qPrintable(parsed.error().message));
        const auto e = adapter.replyError(json(QStringLiteral("okx/rest-error.json")));
        QVERIFY(e);
        QCOMPARE(e->venueCode, QStringLiteral("51001"));
        QCOMPARE(e->message, QStringLiteral("Instrument ID does not exist"));
        QVERIFY(!adapter.replyError(json(QStringLiteral("okx/rest-candles.json"))));
        const auto limited = adapter.replyError(
            QJsonDocument::fromJson(R"({"code":"50011","msg":"Too Many Requests","data":[]})"));
        QCOMPARE(limited->kind, RestError::Kind::RateLimited);
    }

    void requestsAndParsesCandles()
    {
        const RestRequest now = adapter.candlesRequest(Category::Spot, QStringLiteral("BTC-USDT"),
                                                       CandleInterval::OneDay, 0, 500);
        QCOMPARE(now.path, QStringLiteral("/api/v5/market/candles"));
        QCOMPARE(now.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("instId"), QStringLiteral("BTC-USDT")},
                                                 {QStringLiteral("bar"), QStringLiteral("1Dutc")},
                                                 {QStringLiteral("limit"), QStringLiteral("300")}}));
        const RestRequest older = adapter.candlesRequest(Category::Spot, QStringLiteral("BTC-USDT"),
                                                         CandleInterval::FiveMinutes, 1597026383085, 200);
        QCOMPARE(older.path, QStringLiteral("/api/v5/market/history-candles"));
        QCOMPARE(older.query.value(2),
                 (QPair<QString, QString>{QStringLiteral("after"), QStringLiteral("1597026383086")}));
        QCOMPARE(older.query.value(3).second, QStringLiteral("100"));

        const auto parsed = adapter.parseCandles(json(QStringLiteral("okx/rest-candles.json")));
        QVERIFY(parsed);
        const auto& c = parsed.value();
        QCOMPARE(c.size(), std::size_t(2));
        // Oldest first.
        QCOMPARE(c[0].openTimeMs, 1597026323085);
        QCOMPARE(c[0].open, dec("3.731"));
        QCOMPARE(c[0].close, dec("3.72"));
        QCOMPARE(c[0].volume, dec("24912403"));
        QCOMPARE(c[0].turnover, dec("37632347.24399722"));
        QVERIFY(c[0].closed);
        QVERIFY(!c[1].closed);
        QVERIFY(
            !adapter.parseCandles(QJsonDocument::fromJson(R"({"code":"0","msg":"","data":[["1","2"]]})")));
    }
};

QTEST_GUILESS_MAIN(TestOkxMarketData)
#include "tst_okxmarketdata.moc"
