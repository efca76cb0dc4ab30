#include "models/tradingstore.h"

#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

Order order(const QString& id, OrderStatus status, std::int64_t updatedMs, const QString& clientId = {})
{
    Order o;
    o.orderId = id;
    o.clientOrderId = clientId;
    o.symbol = QStringLiteral("BTCUSDT");
    o.status = status;
    o.price = dec("100.5");
    o.quantity = dec("0.01");
    o.createdMs = 1000;
    o.updatedMs = updatedMs;
    return o;
}

Fill fill(const QString& execId, std::int64_t timeMs)
{
    Fill f;
    f.executionId = execId;
    f.orderId = QStringLiteral("o1");
    f.symbol = QStringLiteral("BTCUSDT");
    f.price = dec("100");
    f.quantity = dec("0.01");
    f.timeMs = timeMs;
    return f;
}

Position position(const QString& symbol, const char* size, std::int64_t updatedMs = 1)
{
    Position p;
    p.symbol = symbol;
    p.side = Side::Buy;
    p.size = dec(size);
    p.updatedMs = updatedMs;
    return p;
}

Balance balance(const QString& coin, const char* amount)
{
    Balance b;
    b.coin = coin;
    b.walletBalance = dec(amount);
    return b;
}

} // namespace

class TestTradingStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openOrdersByIdAndClientId()
    {
        TradingStore store;
        const auto v0 = store.orderVersion();
        store.apply({{order("o1", OrderStatus::New, 1, "c1")}, {}, {}, {}});
        QVERIFY(store.orderVersion() > v0);
        QVERIFY(store.findOpenOrder("o1"));
        QCOMPARE(store.findOpenOrderByClientId("c1")->orderId, QStringLiteral("o1"));
        store.apply({{order("o1", OrderStatus::Filled, 2, "c1")}, {}, {}, {}});
        QVERIFY(!store.findOpenOrder("o1"));
        QVERIFY(!store.findOpenOrderByClientId("c1"));
        QCOMPARE(store.findClosedOrder("o1")->status, OrderStatus::Filled);
    }

    void lateUpdateDoesNotReopen()
    {
        TradingStore store;
        store.apply({{order("o1", OrderStatus::New, 5)}, {}, {}, {}});
        store.apply({{order("o1", OrderStatus::PartiallyFilled, 3)}, {}, {}, {}}); // older
        QCOMPARE(store.findOpenOrder("o1")->status, OrderStatus::New);
        store.apply({{order("o1", OrderStatus::Cancelled, 6)}, {}, {}, {}});
        const auto v = store.orderVersion();
        store.apply({{order("o1", OrderStatus::New, 5)}, {}, {}, {}});
        QVERIFY(!store.findOpenOrder("o1"));
        QCOMPARE(store.orderVersion(), v);
    }

    void fillsDeduplicatedAndBounded()
    {
        TradingStore store(3);
        store.apply({{}, {fill("e1", 1), fill("e2", 2)}, {}, {}});
        const auto v = store.fillVersion();
        store.apply({{}, {fill("e2", 2)}, {}, {}});
        QCOMPARE(store.fillVersion(), v);
        QCOMPARE(store.fills().size(), std::size_t(2));
        TradingSnapshot snap;
        snap.fills = {fill("e1", 1), fill("e2", 2), fill("e0", 0)};
        store.reconcile(snap);
        QCOMPARE(store.fills().size(), std::size_t(3));
        QCOMPARE(store.fills().front().executionId, QStringLiteral("e0")); // time order kept
        store.apply({{}, {fill("e3", 3)}, {}, {}});
        QCOMPARE(store.fills().size(), std::size_t(3));
        QVERIFY(!store.hasFill("e0"));
        QCOMPARE(store.fills().back().executionId, QStringLiteral("e3"));
    }

    void reconcileReplacesAndClosesMissing()
    {
        TradingStore store;
        store.apply({{order("o1", OrderStatus::New, 1, "c1"), order("o2", OrderStatus::New, 1)},
                     {},
                     {position("BTCUSDT", "1"), position("ETHUSDT", "2")},
                     {balance("USDT", "100"), balance("BTC", "1")}});
        TradingSnapshot snap;
        Order o2 = order("o2", OrderStatus::PartiallyFilled, 2);
        o2.filledQuantity = dec("0.005");
        snap.openOrders = {o2, order("o3", OrderStatus::New, 2)};
        snap.positions = {position("BTCUSDT", "1.5", 2)};
        snap.balances = {balance("USDT", "90")};
        const auto gone = store.reconcile(snap);
        QCOMPARE(gone.size(), std::size_t(1));
        QCOMPARE(gone.front().orderId, QStringLiteral("o1"));
        QVERIFY(!store.findOpenOrder("o1"));
        QVERIFY(!store.findOpenOrderByClientId("c1"));
        QCOMPARE(store.findClosedOrder("o1")->status, OrderStatus::Unknown);
        QCOMPARE(store.openOrders().size(), std::size_t(2));
        QCOMPARE(*store.findOpenOrder("o2"), o2);
        QCOMPARE(store.positions().size(), std::size_t(1));
        QCOMPARE(store.findPosition("BTCUSDT")->size, dec("1.5"));
        QCOMPARE(store.balances().size(), std::size_t(1));
        QCOMPARE(store.findBalance("USDT")->walletBalance, dec("90"));

        // A stale push from before the snapshot does not reopen the order the snapshot closed…
        store.apply({{order("o1", OrderStatus::New, 1, "c1")}, {}, {}, {}});
        QVERIFY(!store.findOpenOrder("o1"));
        // …and the final state from history replaces the unknown one.
        store.applyFinalStates({order("o1", OrderStatus::Filled, 3, "c1")});
        QCOMPARE(store.findClosedOrder("o1")->status, OrderStatus::Filled);
    }

    // A hedged account holds a long and a short leg of one symbol: both stay, each updated on its own,
    // beside a one-way position of another symbol.
    void hedgedLegsKeptApart()
    {
        TradingStore store;
        Position lng = position("BTCUSDT", "2");
        lng.positionSide = PositionSide::Long;
        Position sht = position("BTCUSDT", "1");
        sht.positionSide = PositionSide::Short;
        sht.side = Side::Sell;
        PrivateUpdate update;
        update.positions = {lng, sht, position("ETHUSDT", "3")};
        store.apply(update);
        QCOMPARE(store.positions().size(), size_t(3));
        QCOMPARE(store.findPosition("BTCUSDT", PositionSide::Long)->size, dec("2"));
        QCOMPARE(store.findPosition("BTCUSDT", PositionSide::Short)->size, dec("1"));
        QVERIFY(!store.findPosition("BTCUSDT"));
        QCOMPARE(store.findPosition("ETHUSDT")->size, dec("3"));
        QCOMPARE(store.positionsOf("BTCUSDT").size(), size_t(2));
        QCOMPARE(TradingStore::positionKey(sht), QStringLiteral("BTCUSDT short"));

        // The short leg closes; the long one is untouched.
        sht.size = dec("0");
        sht.side.reset();
        sht.updatedMs = 2;
        store.apply(PrivateUpdate{{}, {}, {sht}, {}});
        QCOMPARE(store.findPosition("BTCUSDT", PositionSide::Long)->size, dec("2"));
        QVERIFY(store.findPosition("BTCUSDT", PositionSide::Short)->size.isZero());

        // A snapshot with the long leg only replaces both.
        TradingSnapshot snap;
        snap.positions = {lng};
        store.reconcile(snap);
        QCOMPARE(store.positionsOf("BTCUSDT").size(), size_t(1));
        QCOMPARE(store.positionsOf("BTCUSDT").front().positionSide, PositionSide::Long);
    }

    // The same coin in two wallets of one venue (Phemex spot beside the contract account) is two rows.
    void balancesKeptApartByAccount()
    {
        TradingStore store;
        Balance contract = balance("USDT", "100");
        Balance spot = balance("USDT", "7.5");
        spot.account = QStringLiteral("spot");
        store.apply(PrivateUpdate{{}, {}, {}, {contract, spot}});
        QCOMPARE(store.balances().size(), size_t(2));
        QCOMPARE(store.findBalance("USDT")->walletBalance, dec("100"));
        QCOMPARE(store.findBalance("USDT", "spot")->walletBalance, dec("7.5"));
        QCOMPARE(TradingStore::balanceKey(spot), QStringLiteral("spot:USDT"));

        spot.walletBalance = dec("8");
        const auto version = store.balanceVersion();
        store.apply(PrivateUpdate{{}, {}, {}, {spot}});
        QVERIFY(store.balanceVersion() > version);
        QCOMPARE(store.findBalance("USDT")->walletBalance, dec("100"));
        QCOMPARE(store.findBalance("USDT", "spot")->walletBalance, dec("8"));
    }

    void identicalSnapshotDoesNotBumpVersions()
    {
        TradingStore store;
        TradingSnapshot snap;
        snap.openOrders = {order("o1", OrderStatus::New, 1)};
        snap.positions = {position("BTCUSDT", "1")};
        snap.balances = {balance("USDT", "1")};
        snap.fills = {fill("e1", 1)};
        store.reconcile(snap);
        const auto o = store.orderVersion(), f = store.fillVersion(), p = store.positionVersion(),
                   b = store.balanceVersion();
        QVERIFY(store.reconcile(snap).empty());
        QCOMPARE(store.orderVersion(), o);
        QCOMPARE(store.fillVersion(), f);
        QCOMPARE(store.positionVersion(), p);
        QCOMPARE(store.balanceVersion(), b);
    }
};

QTEST_GUILESS_MAIN(TestTradingStore)
#include "tst_tradingstore.moc"
