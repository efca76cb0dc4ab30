#include "exchanges/bybit/bybittrading.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/signedrestclient.h"
#include "support/loopbackhttpserver.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTest>

namespace {

Decimal dec(const char* text)
{
    return *Decimal::parse(text);
}

QByteArray ok(const QJsonObject& result)
{
    return QJsonDocument(QJsonObject{{"retCode", 0},
                                     {"retMsg", "OK"},
                                     {"result", result},
                                     {"retExtInfo", QJsonObject()},
                                     {"time", QDateTime::currentMSecsSinceEpoch()}})
        .toJson(QJsonDocument::Compact);
}

QByteArray orderList(const QJsonArray& list)
{
    return ok({{"list", list}, {"nextPageCursor", ""}, {"category", "linear"}});
}

QJsonObject bybitOrder(const QString& status, const QString& rejectReason, const QString& filled)
{
    return {{"orderId", "o-1"},
            {"orderLinkId", "cid-1"},
            {"symbol", "BTCUSDT"},
            {"price", "0"},
            {"qty", "0.010"},
            {"side", "Sell"},
            {"orderStatus", status},
            {"cancelType", "UNKNOWN"},
            {"rejectReason", rejectReason},
            {"avgPrice", "65000.1"},
            {"cumExecQty", filled},
            {"timeInForce", "IOC"},
            {"orderType", "Market"},
            {"triggerPrice", "0.00"},
            {"reduceOnly", false},
            {"createdTime", "1700000000000"},
            {"updatedTime", "1700000000001"}};
}

Instrument linearBtc()
{
    Instrument i;
    i.symbol = QStringLiteral("BTCUSDT");
    i.category = Category::Linear;
    i.tickSize = dec("0.10");
    i.lotSize = dec("0.001");
    i.minQuantity = dec("0.001");
    return i;
}

OrderRequest marketSell()
{
    OrderRequest r;
    r.symbol = QStringLiteral("BTCUSDT");
    r.side = Side::Sell;
    r.type = OrderType::Market;
    r.quantity = dec("0.01");
    r.timeInForce = TimeInForce::ImmediateOrCancel;
    r.clientOrderId = QStringLiteral("cid-1");
    return r;
}

} // namespace

class TestOrderSubmitter : public QObject
{
    Q_OBJECT

    struct Fixture
    {
        LoopbackHttpServer server;
        QNetworkAccessManager network;
        SignedRestClient client{&network};
        BybitTrading trading{server.baseUrl()};
        OrderSubmitter submitter{&client, &trading};

        Fixture()
        {
            client.setClockSyncInterval(0);
            client.setCredentialsProvider(
                [](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
                    done(Credentials(QStringLiteral("k"), QByteArray("s")));
                });
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            server.json(QStringLiteral("/v5/market/time"),
                        ok({{"timeSecond", QString::number(now / 1000)},
                            {"timeNano", QString(QString::number(now) + QStringLiteral("000000"))}}));
            server.json(QStringLiteral("/v5/order/create"),
                        ok({{"orderId", "o-1"}, {"orderLinkId", "cid-1"}}));
        }

        std::optional<OrderSubmitter::PlaceOutcome> place(const OrderRequest& request)
        {
            std::optional<OrderSubmitter::PlaceOutcome> out;
            submitter.place(request, linearBtc(), std::nullopt,
                            [&out](const OrderSubmitter::PlaceOutcome& o) { out = o; });
            if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10'000))
                return std::nullopt;
            return out;
        }

        int count(const char* path) const
        {
            int n = 0;
            for (const auto& r : server.requests())
                n += r.url.path() == QLatin1String(path);
            return n;
        }
    };

private Q_SLOTS:
    void filledOrderIsReportedFilled()
    {
        Fixture f;
        f.server.json(QStringLiteral("/v5/order/realtime"),
                      orderList({bybitOrder("Filled", "EC_NoError", "0.010")}));
        const auto outcome = f.place(marketSell());
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Filled);
        QCOMPARE(outcome->ack->orderId, QStringLiteral("o-1"));
        QVERIFY(outcome->order->averageFillPrice->isIdenticalTo(dec("65000.1")));
        QCOMPARE(f.count("/v5/order/history"), 0);
    }

    void unfilledIocFoundInHistoryIsCancelledAtOnce()
    {
        Fixture f;
        f.server.json(QStringLiteral("/v5/order/realtime"), orderList({}));
        f.server.json(QStringLiteral("/v5/order/history"),
                      orderList({bybitOrder("Cancelled", "EC_NoImmediateQtyToFill", "0.000")}));
        const auto outcome = f.place(marketSell());
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::CancelledAtOnce);
        QCOMPARE(outcome->reason, QStringLiteral("EC_NoImmediateQtyToFill"));
        QCOMPARE(f.count("/v5/order/create"), 1);
        QCOMPARE(f.count("/v5/order/history"), 1);
    }

    void acknowledgedButNotYetVisibleIsAccepted()
    {
        Fixture f;
        f.server.json(QStringLiteral("/v5/order/realtime"), orderList({}));
        f.server.json(QStringLiteral("/v5/order/history"), orderList({}));
        const auto outcome = f.place(marketSell());
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Accepted);
        QCOMPARE(outcome->ack->clientOrderId, QStringLiteral("cid-1"));
        QVERIFY(!outcome->outcomeWasUnknown);
    }

    void refusedOrderSendsNothing()
    {
        Fixture f;
        OrderRequest r = marketSell();
        r.quantity = dec("0.0105");
        const auto outcome = f.place(r);
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(outcome->violations.size(), size_t(1));
        QVERIFY(f.server.requests().isEmpty());
    }

    // Bybit (as this adapter sees it) takes neither an order sized in quote currency nor a hedged leg:
    // each is refused with a message before anything is sent, never sent as something else.
    void quoteSizedOrHedgedOrderRefusedWhereNotOffered()
    {
        Fixture f;
        OrderRequest quote = marketSell();
        quote.side = Side::Buy;
        quote.quantityInQuote = true;
        auto outcome = f.place(quote);
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(outcome->violations.size(), size_t(1));
        QCOMPARE(outcome->violations.front().rule, OrderRuleViolation::Rule::NotOfferedByVenue);
        QVERIFY2(outcome->violations.front().message.contains(QLatin1String("quote currency")),
                 qPrintable(outcome->violations.front().message));

        OrderRequest leg = marketSell();
        leg.positionSide = PositionSide::Long;
        leg.reduceOnly = true;
        outcome = f.place(leg);
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(outcome->violations.front().field, QStringLiteral("positionSide"));
        QVERIFY2(outcome->violations.front().message.contains(QLatin1String("long leg")),
                 qPrintable(outcome->violations.front().message));
        QVERIFY(f.server.requests().isEmpty());
    }

    // Bybit keeps no separate positions within a leg: an order closing one by id is refused with a
    // message before anything is sent, never sent as a plain reduce-only order.
    void positionLotCloseRefusedWhereNotOffered()
    {
        Fixture f;
        OrderRequest lot = marketSell();
        lot.reduceOnly = true;
        lot.closesPositionId = QStringLiteral("1234567");
        const auto outcome = f.place(lot);
        QVERIFY(outcome);
        QCOMPARE(outcome->kind, OrderSubmitter::PlaceOutcome::Kind::Refused);
        QCOMPARE(outcome->violations.size(), size_t(1));
        QCOMPARE(outcome->violations.front().rule, OrderRuleViolation::Rule::NotOfferedByVenue);
        QCOMPARE(outcome->violations.front().field, QStringLiteral("closesPositionId"));
        QVERIFY2(outcome->violations.front().message.contains(QLatin1String("by id")),
                 qPrintable(outcome->violations.front().message));
        QVERIFY(f.server.requests().isEmpty());
    }

    void freshClientIdWhenNoneGiven()
    {
        Fixture f;
        f.server.json(QStringLiteral("/v5/order/realtime"), orderList({}));
        f.server.json(QStringLiteral("/v5/order/history"), orderList({}));
        OrderRequest r = marketSell();
        r.clientOrderId.clear();
        const auto outcome = f.place(r);
        QVERIFY(outcome);
        QVERIFY(outcome->request.clientOrderId.startsWith(QLatin1String("bt-")));
        QByteArray body;
        for (const auto& req : f.server.requests())
            if (req.url.path() == QLatin1String("/v5/order/create"))
                body = req.body;
        QCOMPARE(QJsonDocument::fromJson(body).object().value("orderLinkId").toString(),
                 outcome->request.clientOrderId);
    }
};

QTEST_GUILESS_MAIN(TestOrderSubmitter)
#include "tst_ordersubmitter.moc"
