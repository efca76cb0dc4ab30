#include "exchanges/coincheck/coinchecksigner.h"
#include "exchanges/coincheck/coincheckstreamprotocol.h"
#include "exchanges/coincheck/coinchecktrading.h"
#include "exchanges/core/crypto.h"
#include "support/recordingsink.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestCoincheckTrading : public QObject
{
    Q_OBJECT

private:
    CoincheckTrading adapter{QUrl(QStringLiteral("https://coincheck.com"))};

    static Instrument btc()
    {
        Instrument i;
        i.venue = QStringLiteral("coincheck");
        i.symbol = QStringLiteral("btc_jpy");
        i.category = Category::Spot;
        i.tickSize = dec("1");
        i.lotSize = dec("0.00000001");
        i.minQuantity = dec("0.005");
        return i;
    }
    static OrderRequest limit(Side side, const char* price, const char* qty)
    {
        OrderRequest r;
        r.symbol = QStringLiteral("btc_jpy");
        r.category = Category::Spot;
        r.side = side;
        r.type = OrderType::Limit;
        r.price = dec(price);
        r.quantity = dec(qty);
        return r;
    }
    // The form body exactly as CoincheckSigner puts it on the wire.
    static QByteArray body(const SignedRequest& r)
    {
        HttpRequest h;
        h.method = r.method;
        h.url = r.url;
        CoincheckSigner().encodeParameters(h, r.params);
        return h.body;
    }
    static QJsonDocument json(const char* name)
    {
        return QJsonDocument::fromJson(fixture(QStringLiteral("coincheck/") + QLatin1String(name)));
    }

private Q_SLOTS:
    void buildsLimitAndMarketSellOrders()
    {
        const SignedRequest buy = adapter.createOrderRequest(limit(Side::Buy, "15000000", "0.005"), btc());
        QCOMPARE(buy.method, QByteArray("POST"));
        QCOMPARE(buy.url, QUrl(QStringLiteral("https://coincheck.com/api/exchange/orders")));
        QCOMPARE(body(buy), QByteArray("amount=0.00500000&order_type=buy&pair=btc_jpy&rate=15000000"));

        OrderRequest post = limit(Side::Sell, "15000100", "0.01");
        post.timeInForce = TimeInForce::PostOnly;
        QCOMPARE(body(adapter.createOrderRequest(post, btc())),
                 QByteArray(
                     "amount=0.01000000&order_type=sell&pair=btc_jpy&rate=15000100&time_in_force=post_only"));

        OrderRequest sell;
        sell.symbol = QStringLiteral("btc_jpy");
        sell.side = Side::Sell;
        sell.type = OrderType::Market;
        sell.quantity = dec("0.02");
        QCOMPARE(body(adapter.createOrderRequest(sell, btc())),
                 QByteArray("amount=0.02000000&order_type=market_sell&pair=btc_jpy"));

        // A market buy spends an amount of JPY: market_buy_amount exactly as given, no amount or rate.
        OrderRequest buyInJpy = sell;
        buyInJpy.side = Side::Buy;
        buyInJpy.timeInForce = TimeInForce::ImmediateOrCancel;
        buyInJpy.quantity = dec("10000.00");
        buyInJpy.quantityInQuote = true;
        QVERIFY(adapter.offersQuoteQuantity(buyInJpy));
        QVERIFY(adapter.notOffered(buyInJpy).isEmpty());
        QCOMPARE(body(adapter.createOrderRequest(buyInJpy, btc())),
                 QByteArray("market_buy_amount=10000&order_type=market_buy&pair=btc_jpy"));
        buyInJpy.quantity = dec("2500.5");
        QCOMPARE(body(adapter.createOrderRequest(buyInJpy, btc())),
                 QByteArray("market_buy_amount=2500.5&order_type=market_buy&pair=btc_jpy"));
        // A market sell is IOC by nature: accepted as the order entry sends it, no time in force sent.
        sell.timeInForce = TimeInForce::ImmediateOrCancel;
        QVERIFY(adapter.notOffered(sell).isEmpty());
        QCOMPARE(body(adapter.createOrderRequest(sell, btc())),
                 QByteArray("amount=0.02000000&order_type=market_sell&pair=btc_jpy"));
    }

    void refusesWhatCoincheckDoesNotOfferWithoutSending()
    {
        OrderRequest marketBuy = limit(Side::Buy, "1", "0.01");
        marketBuy.type = OrderType::Market;
        marketBuy.price.reset();
        QVERIFY(CoincheckTrading::isUnsupported(adapter.createOrderRequest(marketBuy, btc())));
        QVERIFY(adapter.notOffered(marketBuy).contains(QLatin1String("market buy")));
        QVERIFY(!adapter.offersQuoteQuantity(limit(Side::Buy, "1", "0.01")));
        OrderRequest limitInJpy = limit(Side::Buy, "15000000", "10000");
        limitInJpy.quantityInQuote = true;
        QVERIFY(CoincheckTrading::isUnsupported(adapter.createOrderRequest(limitInJpy, btc())));
        OrderRequest ioc = limit(Side::Buy, "1", "0.01");
        ioc.timeInForce = TimeInForce::ImmediateOrCancel;
        QVERIFY(CoincheckTrading::isUnsupported(adapter.createOrderRequest(ioc, btc())));
        QVERIFY(CoincheckTrading::isUnsupported(adapter.amendOrderRequest(OrderAmendment{}, btc())));
        QVERIFY(CoincheckTrading::isUnsupported(adapter.cancelAllRequest(Category::Spot, {})));
        QVERIFY(CoincheckTrading::isUnsupported(adapter.positionsRequest(Category::Spot, {})));
    }

    void buildsCancelsAndQueries()
    {
        OrderReference ref;
        ref.symbol = QStringLiteral("btc_jpy");
        ref.orderId = QStringLiteral("12345");
        const SignedRequest cancel = adapter.cancelOrderRequest(ref);
        QCOMPARE(cancel.method, QByteArray("DELETE"));
        QCOMPARE(cancel.url, QUrl(QStringLiteral("https://coincheck.com/api/exchange/orders/12345")));
        const SignedRequest status = adapter.cancelStatusRequest(QStringLiteral("12345"));
        QCOMPARE(status.url.path(), QStringLiteral("/api/exchange/orders/cancel_status"));
        QCOMPARE(status.query,
                 (QList<QPair<QString, QString>>{{QStringLiteral("id"), QStringLiteral("12345")}}));
        QCOMPARE(adapter.openOrdersRequest(Category::Spot, {}).url.path(),
                 QStringLiteral("/api/exchange/orders/opens"));
        QCOMPARE(adapter.executionsRequest(Category::Spot, {}).url.path(),
                 QStringLiteral("/api/exchange/orders/transactions"));
        QCOMPARE(adapter.balancesRequest().url.path(), QStringLiteral("/api/accounts/balance"));
    }

    void readsRepliesAndRejectionsVerbatim()
    {
        const auto ack = adapter.parseOrderAck(json("rest-order-ack.json"));
        QVERIFY(ack);
        QCOMPARE(ack.value().orderId, QStringLiteral("12345"));
        const auto rejected = adapter.parseOrderAck(json("rest-order-rejected.json"));
        QVERIFY(!rejected);
        QCOMPARE(rejected.error().message, QStringLiteral("Amount Amount must be greater than 0.005 BTC"));

        const auto orders = adapter.parseOrders(json("rest-opens.json"));
        QVERIFY(orders);
        QCOMPARE(orders.value().size(), std::size_t(2));
        QCOMPARE(orders.value()[0].orderId, QStringLiteral("202835"));
        QCOMPARE(orders.value()[0].side, Side::Buy);
        QCOMPARE(orders.value()[0].price, std::optional<Decimal>(dec("26890")));
        QCOMPARE(orders.value()[0].quantity, dec("0.5527"));
        QCOMPARE(orders.value()[0].status, OrderStatus::New);
        QCOMPARE(orders.value()[1].side, Side::Sell);

        const auto fills = adapter.parseFills(json("rest-transactions.json"));
        QVERIFY(fills);
        QCOMPARE(fills.value().size(), std::size_t(2));
        QCOMPARE(fills.value()[0].executionId, QStringLiteral("38"));
        QCOMPARE(fills.value()[0].orderId, QStringLiteral("49"));
        QCOMPARE(fills.value()[0].quantity, dec("0.1"));
        QCOMPARE(fills.value()[0].price, dec("40900"));
        QCOMPARE(fills.value()[0].fee, dec("6.135"));
        QCOMPARE(fills.value()[0].feeCurrency, QStringLiteral("JPY"));
        QVERIFY(!fills.value()[0].isMaker);
        QCOMPARE(fills.value()[1].quantity, dec("0.1"));
        QCOMPARE(fills.value()[1].side, Side::Sell);
        QVERIFY(fills.value()[1].isMaker);

        const auto balances = adapter.parseBalances(json("rest-balance.json"));
        QVERIFY(balances);
        QCOMPARE(balances.value().size(), std::size_t(2));
        for (const Balance& b : balances.value()) {
            if (b.coin == QLatin1String("JPY")) {
                QCOMPARE(b.available, std::optional<Decimal>(dec("0.8401")));
                QCOMPARE(b.walletBalance, dec("3000.8401"));
            } else {
                QCOMPARE(b.coin, QStringLiteral("BTC"));
                QCOMPARE(b.walletBalance, dec("11.25072654"));
            }
        }
        const auto cancelled = adapter.parseCancelStatus(json("rest-cancel-status.json"));
        QVERIFY(cancelled);
        QVERIFY(cancelled.value());
        QVERIFY(!adapter.parseBalances(json("rest-error.json")));
    }

    void logsInAndReadsPrivateEvents()
    {
        const Credentials c(QStringLiteral("key"), "secret");
        const QJsonObject login =
            QJsonDocument::fromJson(CoincheckTrading::loginMessage(c, 1700000000123)).object();
        QCOMPARE(login.value(QLatin1String("type")).toString(), QStringLiteral("login"));
        QCOMPARE(login.value(QLatin1String("access_key")).toString(), QStringLiteral("key"));
        QCOMPARE(login.value(QLatin1String("access_nonce")).toString(), QStringLiteral("1700000000123"));
        QCOMPARE(login.value(QLatin1String("access_signature")).toString().toLatin1(),
                 Crypto::hmacSha256Hex("secret", "1700000000123wss://stream.coincheck.com/private"));
        QCOMPARE(CoincheckTrading::subscribeMessage(adapter.streamTopics()),
                 QByteArray(R"({"channels":["order-events","execution-events"],"type":"subscribe"})"));

        QCOMPARE(adapter.parseStreamFrame(R"({"type":"login","success":true})").kind,
                 PrivateStreamFrame::Kind::AuthAccepted);
        const PrivateStreamFrame refused =
            adapter.parseStreamFrame(R"({"type":"login","success":false,"error":"invalid authentication"})");
        QCOMPARE(refused.kind, PrivateStreamFrame::Kind::AuthRejected);
        QCOMPARE(refused.error, QStringLiteral("invalid authentication"));

        const PrivateStreamFrame order =
            adapter.parseStreamFrame(fixture(QStringLiteral("coincheck/ws-order-event.json")));
        QCOMPARE(order.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(order.orders.size(), std::size_t(1));
        QCOMPARE(order.orders[0].orderId, QStringLiteral("12345"));
        QCOMPARE(order.orders[0].status, OrderStatus::PartiallyFilled);
        QCOMPARE(order.orders[0].quantity, dec("0.01"));

        const PrivateStreamFrame exec =
            adapter.parseStreamFrame(fixture(QStringLiteral("coincheck/ws-execution-event.json")));
        QCOMPARE(exec.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(exec.fills.size(), std::size_t(1));
        QCOMPARE(exec.fills[0].executionId, QStringLiteral("98765"));
        QCOMPARE(exec.fills[0].quantity, dec("0.004"));
        QCOMPARE(exec.fills[0].price, dec("15000000"));

        QCOMPARE(adapter.parseStreamFrame("nope").kind, PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(adapter.parseStreamFrame(R"({"channel":"order-events","pair":"btc_jpy"})").kind,
                 PrivateStreamFrame::Kind::Malformed);
        QCOMPARE(adapter.parseStreamFrame(R"({"channel":"something-else"})").kind,
                 PrivateStreamFrame::Kind::Ignored);

        // The subscribe reply is not a login reply: a refused subscription does not end the session.
        QCOMPARE(adapter.parseStreamFrame(R"({"type":"subscribe","success":true})").kind,
                 PrivateStreamFrame::Kind::SubscribeAck);
        const PrivateStreamFrame unsubscribed =
            adapter.parseStreamFrame(R"({"type":"subscribe","success":false,"error":"login required"})");
        QCOMPARE(unsubscribed.kind, PrivateStreamFrame::Kind::SubscribeRejected);
        QCOMPARE(unsubscribed.error, QStringLiteral("login required"));
    }

    // A market buy carries no BTC amount, only the JPY to spend: the order keeps it as its quote quantity
    // (the views show "10000 (quote)" instead of a 0 quantity), in the opens list and in order-events.
    void marketBuyOrdersCarryTheirYenAmount()
    {
        const auto orders = adapter.parseOrders(json("rest-opens-market-buy.json"));
        QVERIFY(orders);
        QCOMPARE(orders.value().size(), std::size_t(2));
        const Order& marketBuy = orders.value()[0];
        QCOMPARE(marketBuy.orderId, QStringLiteral("202837"));
        QCOMPARE(marketBuy.side, Side::Buy);
        QCOMPARE(marketBuy.type, OrderType::Market);
        QVERIFY(!marketBuy.price);
        QCOMPARE(marketBuy.quantity, Decimal());
        QCOMPARE(marketBuy.quoteQuantity, std::optional<Decimal>(dec("10000")));
        // A limit buy is sized in BTC: no quote quantity.
        QCOMPARE(orders.value()[1].quantity, dec("0.5527"));
        QVERIFY(!orders.value()[1].quoteQuantity);

        const PrivateStreamFrame event =
            adapter.parseStreamFrame(fixture(QStringLiteral("coincheck/ws-order-event-market-buy.json")));
        QCOMPARE(event.kind, PrivateStreamFrame::Kind::Data);
        QCOMPARE(event.orders.size(), std::size_t(1));
        QCOMPARE(event.orders[0].orderId, QStringLiteral("12346"));
        QCOMPARE(event.orders[0].type, OrderType::Market);
        QCOMPARE(event.orders[0].status, OrderStatus::Filled);
        QCOMPARE(event.orders[0].quantity, Decimal());
        QCOMPARE(event.orders[0].quoteQuantity, std::optional<Decimal>(dec("10000")));
        // A limit order's event has none.
        const PrivateStreamFrame limitEvent =
            adapter.parseStreamFrame(fixture(QStringLiteral("coincheck/ws-order-event.json")));
        QVERIFY(!limitEvent.orders.at(0).quoteQuantity);
    }

    void privateProtocolSubscribesEveryChannelInOneMessage()
    {
        const CoincheckPrivateProtocol protocol;
        QCOMPARE(protocol.subscribeMessages(adapter.streamTopics()),
                 QList<QByteArray>{CoincheckTrading::subscribeMessage(adapter.streamTopics())});
        QCOMPARE(protocol.unsubscribeMessages({QStringLiteral("order-events")}),
                 QList<QByteArray>{R"({"channels":["order-events"],"type":"unsubscribe"})"});
        QVERIFY(protocol.subscribeMessages({}).isEmpty());
        QVERIFY(protocol.pingMessage().isEmpty()); // WebSocket ping frames
    }
};

QTEST_GUILESS_MAIN(TestCoincheckTrading)
#include "tst_coinchecktrading.moc"
