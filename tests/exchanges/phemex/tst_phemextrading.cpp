#include "exchanges/core/venuerest.h"
#include "exchanges/phemex/phemextrading.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

QByteArray fixture(const char* name)
{
    QFile f(QStringLiteral(BOTTERM_FIXTURES "/phemex/%1").arg(QLatin1String(name)));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return f.readAll().trimmed();
}

QJsonDocument fixtureJson(const char* name)
{
    return QJsonDocument::fromJson(fixture(name));
}

Instrument linearBtc()
{
    Instrument i;
    i.venue = QStringLiteral("phemex");
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = Category::Linear;
    i.tickSize = dec("0.1");
    i.lotSize = dec("0.001");
    i.minQuantity = dec("0.001");
    return i;
}

Instrument spotBtc()
{
    Instrument i;
    i.venue = QStringLiteral("phemex");
    i.symbol = QStringLiteral("sBTCUSDT");
    i.category = Category::Spot;
    i.tickSize = dec("0.01");
    i.lotSize = dec("0.000001");
    i.minQuantity = dec("0.000001");
    return i;
}

Instrument inverseBtc()
{
    Instrument i;
    i.venue = QStringLiteral("phemex");
    i.symbol = QStringLiteral("BTCUSD");
    i.category = Category::Inverse;
    i.baseAsset = QStringLiteral("BTC");
    i.quoteAsset = QStringLiteral("USD");
    i.tickSize = dec("0.5");
    i.lotSize = dec("1");
    i.minQuantity = dec("1");
    return i;
}

QString queryString(const SignedRequest& r)
{
    QStringList parts;
    for (const auto& [k, v] : r.query)
        parts.append(k + QLatin1Char('=') + v);
    return parts.join(QLatin1Char('&'));
}

} // namespace

class TestPhemexTrading : public QObject
{
    Q_OBJECT

    PhemexTrading m_phemex{QUrl(QStringLiteral("http://127.0.0.1:8080"))};

private Q_SLOTS:
    void buildsPerpetualLimitOrderOnTheGrid()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTCUSDT");
        o.side = Side::Sell;
        o.price = dec("65000.10"); // the tick's scale is 1: written as 65000.1
        o.quantity = dec("0.0100");
        o.timeInForce = TimeInForce::PostOnly;
        o.reduceOnly = true;
        o.clientOrderId = QStringLiteral("bt-abc-1-0000beef");
        const SignedRequest r = m_phemex.createOrderRequest(o, linearBtc());
        QCOMPARE(r.method, QByteArray("POST"));
        QCOMPARE(r.url.toString(), QStringLiteral("http://127.0.0.1:8080/g-orders"));
        QCOMPARE(r.venue, QStringLiteral("phemex"));
        QCOMPARE(r.contentType, QByteArray("application/json"));
        QCOMPARE(r.body,
                 QByteArray(R"({"clOrdID":"bt-abc-1-0000beef","ordType":"Limit","orderQtyRq":"0.010",)"
                            R"("posSide":"Merged","priceRp":"65000.1","reduceOnly":true,"side":"Sell",)"
                            R"("symbol":"BTCUSDT","timeInForce":"PostOnly"})"));
    }

    void buildsMarketAndFillOrKillOrders()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("BTCUSDT");
        o.type = OrderType::Market;
        o.quantity = dec("1");
        o.timeInForce = TimeInForce::ImmediateOrCancel;
        o.clientOrderId = QStringLiteral("c1");
        const QJsonObject body =
            QJsonDocument::fromJson(m_phemex.createOrderRequest(o, linearBtc()).body).object();
        QCOMPARE(body.value(QLatin1String("ordType")).toString(), QStringLiteral("Market"));
        QCOMPARE(body.value(QLatin1String("orderQtyRq")).toString(), QStringLiteral("1.000"));
        QVERIFY(!body.contains(QLatin1String("priceRp")));
        QVERIFY(!body.contains(QLatin1String("reduceOnly")));
        QCOMPARE(body.value(QLatin1String("timeInForce")).toString(), QStringLiteral("ImmediateOrCancel"));
        o.type = OrderType::Limit;
        o.price = dec("100");
        o.timeInForce = TimeInForce::FillOrKill;
        QCOMPARE(QJsonDocument::fromJson(m_phemex.createOrderRequest(o, linearBtc()).body)
                     .object()
                     .value(QLatin1String("timeInForce"))
                     .toString(),
                 QStringLiteral("FillOrKill"));
    }

    void buildsSpotOrderInScaledIntegers()
    {
        OrderRequest o;
        o.symbol = QStringLiteral("sBTCUSDT");
        o.category = Category::Spot;
        o.side = Side::Buy;
        o.price = dec("65000.12");
        o.quantity = dec("0.012345");
        o.clientOrderId = QStringLiteral("s1");
        const SignedRequest r = m_phemex.createOrderRequest(o, spotBtc());
        QCOMPARE(r.url.path(), QStringLiteral("/spot/orders"));
        QCOMPARE(r.body, QByteArray(R"({"baseQtyEv":1234500,"clOrdID":"s1","ordType":"Limit",)"
                                    R"("priceEp":6500012000000,"qtyType":"ByBase","side":"Buy",)"
                                    R"("symbol":"sBTCUSDT","timeInForce":"GoodTillCancel"})"));
    }

    void buildsCancelAmendAndQueries()
    {
        OrderReference ref{QStringLiteral("BTCUSDT"), Category::Linear, QStringLiteral("oid-1"), {}};
        const SignedRequest cancel = m_phemex.cancelOrderRequest(ref);
        QCOMPARE(cancel.method, QByteArray("DELETE"));
        QCOMPARE(cancel.url.path(), QStringLiteral("/g-orders/cancel"));
        QCOMPARE(queryString(cancel), QStringLiteral("symbol=BTCUSDT&orderID=oid-1&posSide=Merged"));
        OrderReference byClient{QStringLiteral("BTCUSDT"), Category::Linear, {}, QStringLiteral("bt-1")};
        QCOMPARE(queryString(m_phemex.cancelOrderRequest(byClient)),
                 QStringLiteral("symbol=BTCUSDT&clOrdID=bt-1&posSide=Merged"));

        OrderAmendment a;
        a.order = byClient;
        a.price = dec("65000.20");
        a.quantity = dec("0.02");
        const SignedRequest amend = m_phemex.amendOrderRequest(a, linearBtc());
        QCOMPARE(amend.method, QByteArray("PUT"));
        QCOMPARE(amend.url.path(), QStringLiteral("/g-orders/replace"));
        QCOMPARE(queryString(amend),
                 QStringLiteral(
                     "symbol=BTCUSDT&origClOrdID=bt-1&priceRp=65000.2&orderQtyRq=0.020&posSide=Merged"));

        const SignedRequest all = m_phemex.cancelAllRequest(Category::Linear, QStringLiteral("BTCUSDT"));
        QCOMPARE(all.url.path(), QStringLiteral("/g-orders/all"));
        QCOMPARE(queryString(all), QStringLiteral("symbol=BTCUSDT&untriggered=false"));

        QCOMPARE(m_phemex.openOrdersRequest(Category::Linear, QStringLiteral("BTCUSDT")).url.path(),
                 QStringLiteral("/g-orders/activeList"));
        const SignedRequest history =
            m_phemex.orderHistoryRequest(Category::Linear, QStringLiteral("BTCUSDT"), &ref);
        QCOMPARE(history.url.path(), QStringLiteral("/api-data/g-futures/orders/by-order-id"));
        QCOMPARE(queryString(history), QStringLiteral("symbol=BTCUSDT&orderID=oid-1"));
        QCOMPARE(queryString(m_phemex.executionsRequest(Category::Linear, {})),
                 QStringLiteral("currency=USDT"));
        QCOMPARE(m_phemex.positionsRequest(Category::Linear, {}).url.path(),
                 QStringLiteral("/g-accounts/accountPositions"));

        OrderReference spot{QStringLiteral("sBTCUSDT"), Category::Spot, QStringLiteral("s-1"), {}};
        QCOMPARE(m_phemex.cancelOrderRequest(spot).url.path(), QStringLiteral("/spot/orders"));
        QCOMPARE(queryString(m_phemex.cancelOrderRequest(spot)),
                 QStringLiteral("symbol=sBTCUSDT&orderID=s-1"));
        OrderAmendment sa;
        sa.order = spot;
        sa.price = dec("65000.5");
        QCOMPARE(queryString(m_phemex.amendOrderRequest(sa, spotBtc())),
                 QStringLiteral("symbol=sBTCUSDT&orderID=s-1&priceEp=6500050000000"));
    }

    void listsOpenOrdersOncePerSymbol()
    {
        const auto linear = m_phemex.openOrdersRequests(
            Category::Linear,
            {QStringLiteral("BTCUSDT"), QString(), QStringLiteral("ETHUSDT"), QStringLiteral("BTCUSDT")});
        QCOMPARE(linear.size(), 2);
        QCOMPARE(linear.at(0).url.path(), QStringLiteral("/g-orders/activeList"));
        QCOMPARE(queryString(linear.at(0)), QStringLiteral("symbol=BTCUSDT"));
        QCOMPARE(queryString(linear.at(1)), QStringLiteral("symbol=ETHUSDT"));
        const auto spot = m_phemex.openOrdersRequests(Category::Spot, {QStringLiteral("sBTCUSDT")});
        QCOMPARE(spot.size(), 1);
        QCOMPARE(spot.at(0).url.path(), QStringLiteral("/spot/orders"));
        QCOMPARE(queryString(spot.at(0)), QStringLiteral("symbol=sBTCUSDT"));
        QVERIFY(m_phemex.openOrdersRequests(Category::Linear, {}).isEmpty());

        RestError notFound;
        notFound.kind = RestError::Kind::Venue;
        notFound.venueCode = QStringLiteral("10002");
        notFound.message = QStringLiteral("OM_ORDER_NOT_FOUND");
        QVERIFY(PhemexTrading::isEmptyListError(notFound));
        notFound.kind = RestError::Kind::Http; // only the venue's own answer
        QVERIFY(!PhemexTrading::isEmptyListError(notFound));
    }

    void clientOrderIdsAreUniqueAndShort()
    {
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = m_phemex.newClientOrderId();
            QVERIFY(id.size() <= 40);
            QVERIFY(!seen.contains(id));
            seen.insert(id);
        }
    }

    void readsOrderAckAndOrders()
    {
        const auto ack = m_phemex.parseOrderAck(fixtureJson("rest-order-create.json"));
        QVERIFY(ack);
        QCOMPARE(ack->orderId, QStringLiteral("ab90a08c-b728-4b6b-97c4-36fa497335bf"));
        QCOMPARE(ack->clientOrderId, QStringLiteral("137e1928-5d25-fecd-dbd1-705ded659a4f"));

        const auto open = m_phemex.parseOrders(fixtureJson("rest-active-orders.json"));
        QVERIFY(open);
        QCOMPARE(open->size(), std::size_t(1));
        const Order& o = open->at(0);
        QCOMPARE(o.status, OrderStatus::New);
        QCOMPARE(o.side, Side::Sell);
        QCOMPARE(o.price->toString(), QStringLiteral("22490.4"));
        QCOMPARE(o.quantity.toString(), QStringLiteral("0.005"));
        QCOMPARE(o.category, Category::Linear);
        QVERIFY(o.reduceOnly); // CloseOnTrigger
        QCOMPARE(o.updatedMs, 1678163665769);

        const auto history = m_phemex.parseOrders(fixtureJson("rest-orders-history.json"));
        QVERIFY(history);
        QCOMPARE(history->at(0).orderId, QStringLiteral("743fc923-cb01-4261-88d1-b35dba2cdac0"));
        QCOMPARE(history->at(0).clientOrderId, QStringLiteral("cfffa744-712d-867a-e397-9888eec3f6d1"));
        QCOMPARE(history->at(0).status, OrderStatus::Filled);
        QCOMPARE(history->at(0).type, OrderType::Market);
        QVERIFY(!history->at(0).price);
        QVERIFY(
            !m_phemex.parseOrders(QJsonDocument::fromJson(R"({"code":0,"data":[{"symbol":"BTCUSDT"}]})")));
    }

    void readsFillsPositionsAndBalances()
    {
        const auto fills = m_phemex.parseFills(fixtureJson("rest-trades-history.json"));
        QVERIFY(fills);
        QCOMPARE(fills->at(0).executionId, QStringLiteral("5c3d96e1-8874-53b6-b6e5-9dcc4d28b4ab"));
        QCOMPARE(fills->at(0).price.toString(), QStringLiteral("16600"));
        QCOMPARE(fills->at(0).fee.toString(), QStringLiteral("0.00166"));
        QVERIFY(fills->at(0).isMaker);
        QCOMPARE(fills->at(0).side, Side::Sell);

        const auto positions = m_phemex.parsePositions(fixtureJson("rest-account-positions.json"));
        QVERIFY(positions);
        const Position& p = positions->at(0);
        QCOMPARE(p.symbol, QStringLiteral("BTCUSDT"));
        QCOMPARE(p.side, std::optional<Side>(Side::Buy));
        QCOMPARE(p.size.toString(), QStringLiteral("0.043"));
        QCOMPARE(p.entryPrice->toString(), QStringLiteral("20792.3"));
        QCOMPARE(p.liquidationPrice->toString(), QStringLiteral("18000.1"));

        const auto balances = m_phemex.parseBalances(fixtureJson("rest-account-positions.json"));
        QVERIFY(balances);
        QCOMPARE(balances->at(0).coin, QStringLiteral("USDT"));
        QCOMPARE(balances->at(0).account, QStringLiteral("contract"));
        QCOMPARE(balances->at(0).walletBalance.toString(), QStringLiteral("1508.452588802237"));
        QCOMPARE(*balances->at(0).available, dec("1165.319989135354"));

        // The spot wallets: another account; balanceEv 150000000 at BTC's valueScale 8, less the part
        // locked by resting orders.
        const auto wallets = m_phemex.parseBalances(fixtureJson("rest-spot-wallets.json"));
        QVERIFY(wallets);
        QCOMPARE(wallets->at(0).coin, QStringLiteral("BTC"));
        QCOMPARE(wallets->at(0).account, QStringLiteral("spot"));
        QCOMPARE(wallets->at(0).walletBalance, dec("1.5"));
        QCOMPARE(*wallets->at(0).available, dec("1.4"));
        const auto unreadable = m_phemex.parseBalances(
            QJsonDocument::fromJson(R"({"code":0,"msg":"","data":[{"currency":"BTC"}]})"));
        QVERIFY(!unreadable);
    }

    void spotWalletsAreAnAccountOfTheirOwn()
    {
        // Spot orders are funded by the spot wallets, contracts by the contract account.
        QCOMPARE(m_phemex.balanceAccountFor(Category::Spot), QStringLiteral("spot"));
        QCOMPARE(m_phemex.balanceAccountFor(Category::Linear), QStringLiteral("contract"));
        QCOMPARE(m_phemex.balanceAccountFor(Category::Inverse), QStringLiteral("contract"));
        // A spot-only session reads the spot wallets; with contracts the contract account, and the spot
        // wallets as the further balances read.
        QCOMPARE(m_phemex.balancesRequestFor({Category::Spot}).url.path(), QStringLiteral("/spot/wallets"));
        QCOMPARE(m_phemex.balancesRequestFor({Category::Linear}).url.path(),
                 QStringLiteral("/g-accounts/accountPositions"));
        QCOMPARE(m_phemex.balancesRequestFor({Category::Linear, Category::Spot}).url.path(),
                 QStringLiteral("/g-accounts/accountPositions"));
        QVERIFY(m_phemex.moreBalancesRequests({Category::Linear}).isEmpty());
        QVERIFY(m_phemex.moreBalancesRequests({Category::Spot}).isEmpty());
        const auto more = m_phemex.moreBalancesRequests({Category::Linear, Category::Spot});
        QCOMPARE(more.size(), 1);
        QCOMPARE(more.front().method, QByteArray("GET"));
        QCOMPARE(more.front().url.path(), QStringLiteral("/spot/wallets"));
    }

    void recognisesVenueErrors()
    {
        // The error bodies as Phemex sends them, read by the venue's REST policy: code and msg verbatim.
        const VenueRestPolicy policy = VenueRestPolicy::forVenue(QStringLiteral("phemex"));
        const auto duplicate = policy.replyError(fixtureJson("rest-duplicate-clordid.json"));
        QVERIFY(duplicate);
        QCOMPARE(duplicate->venueCode, QStringLiteral("11085"));
        QCOMPARE(duplicate->message, QStringLiteral("TE_CL_ORD_ID_DUPLICATE"));
        QVERIFY(m_phemex.isDuplicateClientOrderId(*duplicate));
        const auto balance = policy.replyError(fixtureJson("rest-order-rejected.json"));
        QVERIFY(balance);
        QCOMPARE(balance->venueCode, QStringLiteral("11001"));
        QCOMPARE(balance->message, QStringLiteral("TE_NO_ENOUGH_AVAILABLE_BALANCE"));
        QVERIFY(!m_phemex.isDuplicateClientOrderId(*balance));
        QVERIFY(!policy.replyError(fixtureJson("rest-order-create.json")));
    }

    void signsTheLoginAsDocumented()
    {
        // signature = hex(HMAC-SHA256(secret, apiKey + expiry)), expiry in seconds.
        Credentials c(QStringLiteral("806066b0-f02b-4d3e-b444-76ec718e1023"), QByteArray("secret"));
        const QJsonObject o = QJsonDocument::fromJson(PhemexTrading::authMessage(c, 1570091232000)).object();
        QCOMPARE(o.value(QLatin1String("method")).toString(), QStringLiteral("user.auth"));
        const QJsonArray params = o.value(QLatin1String("params")).toArray();
        QCOMPARE(params.size(), 4);
        QCOMPARE(params.at(0).toString(), QStringLiteral("API"));
        QCOMPARE(params.at(1).toString(), c.key);
        QCOMPARE(params.at(3).toInteger(), 1570091232);
        const QByteArray expected =
            QMessageAuthenticationCode::hash("806066b0-f02b-4d3e-b444-76ec718e10231570091232", "secret",
                                             QCryptographicHash::Sha256)
                .toHex();
        QCOMPARE(params.at(2).toString().toLatin1(), expected);
        QCOMPARE(PhemexTrading::privateTopics(),
                 (QStringList{QStringLiteral("aop_p"), QStringLiteral("aop"), QStringLiteral("wo")}));
    }

    void readsPrivateStreamReplies()
    {
        QCOMPARE(PhemexTrading::parsePrivateFrame(fixture("private-auth-ok.json")).kind,
                 PrivateStreamFrame::Kind::AuthAccepted);
        const auto refused = PhemexTrading::parsePrivateFrame(fixture("private-auth-failed.json"));
        QCOMPARE(refused.kind, PrivateStreamFrame::Kind::AuthRejected);
        QCOMPARE(refused.error, QStringLiteral("6012 invalid login token"));
        QCOMPARE(
            PhemexTrading::parsePrivateFrame(R"({"error":null,"id":3,"result":{"status":"success"}})").kind,
            PrivateStreamFrame::Kind::SubscribeAck);
        QCOMPARE(PhemexTrading::parsePrivateFrame(R"({"error":null,"id":4,"result":"pong"})").kind,
                 PrivateStreamFrame::Kind::Pong);
        QCOMPARE(PhemexTrading::parsePrivateFrame(
                     R"({"error":{"code":6001,"message":"invalid argument"},"id":5,"result":null})")
                     .kind,
                 PrivateStreamFrame::Kind::SubscribeRejected);
        QCOMPARE(PhemexTrading::parsePrivateFrame("not json").kind, PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(
            PhemexTrading::parsePrivateFrame(R"({"index_market24h":{"symbol":".USDT"},"timestamp":1})").kind,
            PrivateStreamFrame::Kind::Ignored);
    }

    void readsAccountOrderPositionPush()
    {
        const auto f = PhemexTrading::parsePrivateFrame(fixture("private-aop-incremental.json"));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.topic, QStringLiteral("aop_p"));
        QCOMPARE(f.orders.size(), std::size_t(1));
        const Order& o = f.orders[0];
        QCOMPARE(o.status, OrderStatus::Filled);
        QCOMPARE(o.type, OrderType::Market);
        QCOMPARE(o.quantity.toString(), QStringLiteral("0.01"));
        QCOMPARE(o.filledQuantity.toString(), QStringLiteral("0.01"));
        QCOMPARE(f.fills.size(), std::size_t(1));
        QCOMPARE(f.fills[0].price.toString(), QStringLiteral("1573.89"));
        QCOMPARE(f.fills[0].fee.toString(), QStringLiteral("0.0094"));
        QVERIFY(!f.fills[0].isMaker);
        QCOMPARE(f.positions.size(), std::size_t(1));
        QCOMPARE(f.positions[0].side, std::optional<Side>(Side::Sell));
        QCOMPARE(f.balances.size(), std::size_t(1));
        QCOMPARE(f.balances[0].account, QStringLiteral("contract"));
        QCOMPARE(f.balances[0].walletBalance.toString(), QStringLiteral("512.097102123158"));

        const auto bad = PhemexTrading::parsePrivateFrame(
            R"({"positions_p":[{"symbol":"BTCUSDT"}],"type":"incremental"})");
        QCOMPARE(bad.kind, PrivateStreamFrame::Kind::Malformed);
    }

    void survivesTruncatedAndCorruptedPushes()
    {
        quint32 seed = 777;
        const auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
        for (const char* name :
             {"private-aop-incremental.json", "private-wo-snapshot.json", "private-auth-ok.json"}) {
            const QByteArray frame = fixture(name);
            for (qsizetype n = 0; n < frame.size(); n += 7)
                QCOMPARE(PhemexTrading::parsePrivateFrame(frame.left(n)).kind,
                         PrivateStreamFrame::Kind::Malformed);
            for (int i = 0; i < 300; ++i) {
                QByteArray corrupted = frame;
                corrupted[qsizetype(next() % quint32(corrupted.size()))] = char(next() & 0xff);
                (void)PhemexTrading::parsePrivateFrame(corrupted);
            }
        }
    }

    void readsSpotWalletOrderPush()
    {
        const auto f = PhemexTrading::parsePrivateFrame(fixture("private-wo-snapshot.json"));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.topic, QStringLiteral("wo"));
        QCOMPARE(f.orders.size(), std::size_t(1));
        QCOMPARE(f.orders[0].category, Category::Spot);
        QCOMPARE(f.orders[0].quantity, dec("0.0001"));
        QCOMPARE(*f.orders[0].price, dec("0.68"));
        QCOMPARE(f.fills.size(), std::size_t(1));
        QCOMPARE(f.fills[0].price, dec("6690"));
        QCOMPARE(f.fills[0].quantity, dec("0.0001"));
        // Its wallets are the spot account's: balanceEv 899990000 at BTC's valueScale 8.
        QCOMPARE(f.balances.size(), std::size_t(1));
        QCOMPARE(f.balances[0].coin, QStringLiteral("BTC"));
        QCOMPARE(f.balances[0].account, QStringLiteral("spot"));
        QCOMPARE(f.balances[0].walletBalance, dec("8.9999"));
        QCOMPARE(*f.balances[0].available, dec("8.9999"));

        // A wallet without its balance is not a reading to apply.
        const auto bad = PhemexTrading::parsePrivateFrame(
            R"({"wallets":[{"currency":"USDT"}],"orders":{"open":[],"closed":[],"fills":[]},)"
            R"("sequence":353,"type":"incremental"})");
        QCOMPARE(bad.kind, PrivateStreamFrame::Kind::Malformed);
    }

    // Coin-margined (BTCUSD): the product list is read first (accountSetupRequests); until then an order
    // is refused before anything is sent, after it the order is written in contracts and at the
    // product's priceScale, never through double.
    void coinMarginedOrdersWaitForTheProductScales()
    {
        PhemexTrading a(QUrl(QStringLiteral("https://api.phemex.com")));
        const QList<SignedRequest> setup = a.accountSetupRequests({Category::Linear, Category::Inverse});
        QCOMPARE(setup.size(), 1);
        QCOMPARE(setup.front().method, QByteArray("GET"));
        QCOMPARE(setup.front().url.path(), QStringLiteral("/public/products"));
        QVERIFY(a.accountSetupRequests({Category::Linear}).isEmpty());
        QCOMPARE(a.accountSetupRequests({Category::Spot}).size(), 1);

        OrderRequest r;
        r.symbol = QStringLiteral("BTCUSD");
        r.category = Category::Inverse;
        r.side = Side::Sell;
        r.type = OrderType::Limit;
        r.quantity = dec("7");
        r.price = dec("65000.5");
        r.clientOrderId = QStringLiteral("bt-coin-1");
        QVERIFY(a.notOffered(r).contains(QStringLiteral("BTCUSD")));
        QVERIFY(a.parseAccountSetup(fixtureJson("rest-products.json")));
        QCOMPARE(a.scales().priceOf(QStringLiteral("BTCUSD")), 4);
        QCOMPARE(a.scales().settle.value(QStringLiteral("BTCUSD")), QStringLiteral("BTC"));
        QCOMPARE(a.scales().valueOf(QStringLiteral("BTC")), 8);
        QCOMPARE(a.scales().valueOf(QStringLiteral("USD")), 4);
        QVERIFY2(a.notOffered(r).isEmpty(), qPrintable(a.notOffered(r)));
        OrderRequest fractional = r;
        fractional.quantity = dec("7.5");
        QVERIFY(!a.notOffered(fractional).isEmpty());
        OrderRequest fine = r;
        fine.price = dec("65000.00005");
        QVERIFY(!a.notOffered(fine).isEmpty());
        QVERIFY(!a.parseAccountSetup(QJsonDocument::fromJson(R"({"code":0,"data":{"products":[]}})")));

        const SignedRequest placed = a.createOrderRequest(r, inverseBtc());
        QCOMPARE(placed.method, QByteArray("POST"));
        QCOMPARE(placed.url.toString(), QStringLiteral("https://api.phemex.com/orders"));
        QCOMPARE(placed.body, QByteArray(R"({"clOrdID":"bt-coin-1","ordType":"Limit","orderQty":7,)"
                                         R"("priceEp":650005000,"side":"Sell","symbol":"BTCUSD",)"
                                         R"("timeInForce":"GoodTillCancel"})"));
        OrderRequest stop = r;
        stop.type = OrderType::Market;
        stop.price.reset();
        stop.triggerPrice = dec("60000");
        stop.reduceOnly = true;
        stop.timeInForce = TimeInForce::ImmediateOrCancel;
        QCOMPARE(a.createOrderRequest(stop, inverseBtc()).body,
                 QByteArray(R"({"clOrdID":"bt-coin-1","ordType":"Stop","orderQty":7,"reduceOnly":true,)"
                            R"("side":"Sell","stopPxEp":600000000,"symbol":"BTCUSD",)"
                            R"("timeInForce":"ImmediateOrCancel","triggerType":"ByLastPrice"})"));

        OrderAmendment amend;
        amend.order = {QStringLiteral("BTCUSD"), Category::Inverse, QStringLiteral("o-1"), {}};
        amend.price = dec("65001");
        amend.quantity = dec("9");
        QVERIFY(a.notOfferedAmendment(amend).isEmpty());
        const SignedRequest amended = a.amendOrderRequest(amend, inverseBtc());
        QCOMPARE(amended.method, QByteArray("PUT"));
        QCOMPARE(amended.url.path(), QStringLiteral("/orders/replace"));
        QCOMPARE(queryString(amended),
                 QStringLiteral("symbol=BTCUSD&orderID=o-1&priceEp=650010000&orderQty=9"));
        amend.quantity = dec("9.5");
        QVERIFY(!a.notOfferedAmendment(amend).isEmpty());

        const SignedRequest cancel = a.cancelOrderRequest(
            {QStringLiteral("BTCUSD"), Category::Inverse, {}, QStringLiteral("bt-coin-1")});
        QCOMPARE(cancel.method, QByteArray("DELETE"));
        QCOMPARE(cancel.url.path(), QStringLiteral("/orders/cancel"));
        QCOMPARE(queryString(cancel), QStringLiteral("symbol=BTCUSD&clOrdID=bt-coin-1"));

        a.addSymbolsOfInterest(Category::Inverse, {QStringLiteral("cETHUSD")});
        const SignedRequest all = a.cancelAllRequest(Category::Inverse, {});
        QCOMPARE(all.url.path(), QStringLiteral("/orders/all"));
        QCOMPARE(queryString(all), QStringLiteral("symbol=BTCUSD&untriggered=false"));
        const QList<SignedRequest> moreAll = a.moreCancelAllRequests(Category::Inverse, {});
        QCOMPARE(moreAll.size(), 1);
        QCOMPARE(queryString(moreAll.front()), QStringLiteral("symbol=cETHUSD&untriggered=false"));
        QVERIFY(a.moreCancelAllRequests(Category::Inverse, QStringLiteral("BTCUSD")).isEmpty());

        QCOMPARE(a.openOrdersRequest(Category::Inverse, {}).url.path(), QStringLiteral("/orders/activeList"));
        QCOMPARE(queryString(a.openOrdersRequest(Category::Inverse, {})), QStringLiteral("symbol=BTCUSD"));
        QCOMPARE(a.moreOpenOrdersRequests(Category::Inverse, {}).size(), 1);
        QCOMPARE(a.executionsRequest(Category::Inverse, {}).url.path(),
                 QStringLiteral("/api-data/futures/trades"));
        QCOMPARE(queryString(a.executionsRequest(Category::Inverse, {})), QStringLiteral("symbol=BTCUSD"));
        QCOMPARE(a.orderHistoryRequest(Category::Inverse, QStringLiteral("BTCUSD")).url.path(),
                 QStringLiteral("/api-data/futures/orders"));
        const SignedRequest positions = a.positionsRequest(Category::Inverse, {});
        QCOMPARE(positions.url.path(), QStringLiteral("/accounts/accountPositions"));
        QCOMPARE(queryString(positions), QStringLiteral("currency=BTC"));

        // The BTC account: the first balances read of a coin-margined account, else one more beside
        // the USDT account (and the spot wallets).
        QCOMPARE(queryString(a.balancesRequestFor({Category::Inverse})), QStringLiteral("currency=BTC"));
        QVERIFY(a.moreBalancesRequests({Category::Inverse}).isEmpty() ||
                queryString(a.moreBalancesRequests({Category::Inverse}).front()) !=
                    QStringLiteral("currency=BTC"));
        const QList<SignedRequest> more =
            a.moreBalancesRequests({Category::Linear, Category::Inverse, Category::Spot});
        // cETHUSD is of interest: its ETH account too, known by Phemex's c<COIN>USD naming before the
        // product list is read; and its positions, which positionsRequest (BTC) does not list.
        QCOMPARE(more.size(), 3);
        QCOMPARE(queryString(more.at(0)), QStringLiteral("currency=BTC"));
        QCOMPARE(queryString(more.at(1)), QStringLiteral("currency=ETH"));
        QCOMPARE(more.at(2).url.path(), QStringLiteral("/spot/wallets"));
        const QList<SignedRequest> morePositions = a.morePositionsRequests({Category::Inverse});
        QCOMPARE(morePositions.size(), 1);
        QCOMPARE(queryString(morePositions.at(0)), QStringLiteral("currency=ETH"));
        QVERIFY(a.morePositionsRequests({Category::Linear}).isEmpty());
        QCOMPARE(a.balanceAccountFor(Category::Inverse), PhemexTrading::contractAccount());
    }

    void readsCoinMarginedRepliesAtTheProductScales()
    {
        PhemexTrading a(QUrl(QStringLiteral("https://api.phemex.com")));
        QVERIFY(a.parseAccountSetup(fixtureJson("rest-products.json")));

        const auto ack = a.parseOrderAck(fixtureJson("coin-order-create.json"));
        QVERIFY(ack);
        QCOMPARE(ack.value().orderId, QStringLiteral("5b1c7a9e-0d2f-4e57-9a0b-2f6c1e8d4a31"));
        const auto created = a.parseOrders(fixtureJson("coin-order-create.json"));
        QVERIFY(created);
        QCOMPARE(created.value().size(), std::size_t(1));
        const Order& o = created.value().front();
        QCOMPARE(o.category, Category::Inverse);
        QCOMPARE(o.side, Side::Sell);
        QCOMPARE(o.quantity, dec("7"));
        QCOMPARE(*o.price, dec("65000.5"));
        QCOMPARE(o.status, OrderStatus::New);

        const auto open = a.parseOrders(fixtureJson("coin-active-orders.json"));
        QVERIFY(open);
        QCOMPARE(open.value().size(), std::size_t(2));
        QCOMPARE(open.value()[0].status, OrderStatus::Untriggered);
        QCOMPARE(*open.value()[0].triggerPrice, dec("69000"));
        QCOMPARE(*open.value()[0].price, dec("70000"));
        QCOMPARE(open.value()[1].status, OrderStatus::PartiallyFilled);
        QCOMPARE(open.value()[1].quantity, dec("25"));
        QCOMPARE(open.value()[1].filledQuantity, dec("5"));
        QCOMPARE(*open.value()[1].price, dec("66123.5"));
        QVERIFY(open.value()[1].reduceOnly);
        QCOMPARE(open.value()[1].category, Category::Inverse);

        const auto fills = a.parseFills(fixtureJson("coin-trades.json"));
        QVERIFY(fills);
        QCOMPARE(fills.value().size(), std::size_t(1));
        const Fill& f = fills.value().front();
        QCOMPARE(f.category, Category::Inverse);
        QCOMPARE(f.price, dec("65000.5"));
        QCOMPARE(f.quantity, dec("40"));
        QCOMPARE(f.fee, dec("-0.00000015"));
        QCOMPARE(f.feeCurrency, QStringLiteral("BTC"));
        QVERIFY(f.isMaker);
        QCOMPARE(f.timeMs, std::int64_t(1700000300000));

        const auto positions = a.parsePositions(fixtureJson("coin-account-positions.json"));
        QVERIFY(positions);
        QCOMPARE(positions.value().size(), std::size_t(1));
        const Position& p = positions.value().front();
        QCOMPARE(p.symbol, QStringLiteral("BTCUSD"));
        QCOMPARE(p.category, Category::Inverse);
        QCOMPARE(p.size, dec("120"));
        QCOMPARE(p.side, std::optional<Side>(Side::Sell));
        QCOMPARE(*p.entryPrice, dec("65000"));
        QCOMPARE(*p.markPrice, dec("64876.5"));
        QCOMPARE(*p.liquidationPrice, dec("129000.5"));
        QCOMPARE(*p.unrealisedPnl, dec("0.00000351"));
        QCOMPARE(*p.realisedPnl, dec("-0.00001234"));

        const auto balances = a.parseBalances(fixtureJson("coin-account-positions.json"));
        QVERIFY(balances);
        QCOMPARE(balances.value().size(), std::size_t(1));
        QCOMPARE(balances.value()[0].coin, QStringLiteral("BTC"));
        QCOMPARE(balances.value()[0].account, PhemexTrading::contractAccount());
        QCOMPARE(balances.value()[0].walletBalance, dec("1.5"));
        QCOMPARE(*balances.value()[0].available, dec("1.475"));

        // The USDⓈ-M replies stay USDⓈ-M (real values), the spot ones spot.
        const auto linear = a.parseOrders(fixtureJson("rest-active-orders.json"));
        QVERIFY(linear);
        QCOMPARE(linear.value().front().category, Category::Linear);
        const auto linearPositions = a.parsePositions(fixtureJson("rest-account-positions.json"));
        QVERIFY(linearPositions);
        QCOMPARE(linearPositions.value().front().category, Category::Linear);
    }

    void readsCoinMarginedAccountOrderPositionPush()
    {
        PhemexTrading a(QUrl(QStringLiteral("https://api.phemex.com")));
        QVERIFY(a.parseAccountSetup(fixtureJson("rest-products.json")));
        const PrivateStreamFrame f = a.parseStreamFrame(fixture("private-aop-coin-snapshot.json"));
        QCOMPARE(f.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(f.topic, QStringLiteral("aop"));
        QCOMPARE(f.balances.size(), std::size_t(1));
        QCOMPARE(f.balances[0].coin, QStringLiteral("BTC"));
        QCOMPARE(f.balances[0].walletBalance, dec("1.00000001"));
        QCOMPARE(*f.balances[0].available, dec("0.9999997")); // 100000001 - 31 satoshis in use
        QCOMPARE(f.orders.size(), std::size_t(2));
        QCOMPARE(f.orders[0].category, Category::Inverse);
        QCOMPARE(f.orders[0].status, OrderStatus::Filled);
        QCOMPARE(f.orders[0].filledQuantity, dec("2"));
        QCOMPARE(*f.orders[0].price, dec("65000"));
        QCOMPARE(f.orders[1].status, OrderStatus::Rejected);
        QCOMPARE(f.orders[1].reason, QStringLiteral("11081"));
        QCOMPARE(f.fills.size(), std::size_t(1)); // the rejected order carries no execution
        QCOMPARE(f.fills[0].price, dec("65000"));
        QCOMPARE(f.fills[0].quantity, dec("2"));
        QCOMPARE(f.fills[0].fee, dec("-0.00000001"));
        QVERIFY(f.fills[0].isMaker);
        QCOMPARE(f.positions.size(), std::size_t(1));
        QCOMPARE(f.positions[0].category, Category::Inverse);
        QCOMPARE(f.positions[0].size, dec("2"));
        QCOMPARE(*f.positions[0].entryPrice, dec("65000"));
        QCOMPARE(*f.positions[0].markPrice, dec("64987.5"));
        // Its symbol is of interest from now on (re-syncs read its open orders).
        QVERIFY(a.symbolsOfInterest(Category::Inverse).contains(QStringLiteral("BTCUSD")));

        // aop is subscribed only where the coin-margined contracts are traded.
        const QList<PrivateStreamSpec> coinStreams = a.privateStreams(
            {Category::Linear, Category::Inverse}, QUrl(QStringLiteral("wss://ws.phemex.com")));
        QCOMPARE(coinStreams.size(), 1);
        QCOMPARE(a.streamTopicsFor(coinStreams.front().name),
                 (QStringList{QStringLiteral("aop_p"), QStringLiteral("aop"), QStringLiteral("wo")}));
        const QList<PrivateStreamSpec> usdtStreams =
            a.privateStreams({Category::Linear, Category::Spot}, QUrl(QStringLiteral("wss://ws.phemex.com")));
        QCOMPARE(a.streamTopicsFor(usdtStreams.front().name),
                 (QStringList{QStringLiteral("aop_p"), QStringLiteral("wo")}));

        // A coin account without its balance is malformed, not a zero balance.
        const auto bad = a.parseStreamFrame(R"({"accounts":[{"currency":"BTC"}],"orders":[],"positions":[],)"
                                            R"("sequence":1,"type":"incremental"})");
        QCOMPARE(bad.kind, PrivateStreamFrame::Kind::Malformed);
        // The USDⓈ-M push is still USDⓈ-M.
        const auto linear = a.parseStreamFrame(fixture("private-aop-incremental.json"));
        QCOMPARE(linear.topic, QStringLiteral("aop_p"));
        QCOMPARE(linear.orders.front().category, Category::Linear);
    }
};

QTEST_GUILESS_MAIN(TestPhemexTrading)
#include "tst_phemextrading.moc"
