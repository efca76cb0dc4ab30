#include "models/balancesmodel.h"
#include "models/fillsmodel.h"
#include "models/openordersmodel.h"
#include "models/positionsmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

Order order(const QString& id, std::int64_t createdMs, const char* filled = "0")
{
    Order o;
    o.orderId = id;
    o.symbol = QStringLiteral("BTCUSDT");
    o.status = OrderStatus::New;
    o.price = dec("100");
    o.quantity = dec("1");
    o.filledQuantity = dec(filled);
    o.createdMs = createdMs;
    o.updatedMs = createdMs;
    return o;
}

} // namespace

class TestTradingModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void openOrdersChangeInPlace()
    {
        TradingStore store;
        OpenOrdersModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        store.apply({{order("a", 1), order("b", 2), order("c", 3), order("d", 4)}, {}, {}, {}});
        model.refresh();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.data(model.index(1, 0)).toString(), QStringLiteral("BTCUSDT"));
        QCOMPARE(model.rowAt(2)->orderId, QStringLiteral("c"));

        model.refresh(); // nothing new: no signal
        QCOMPARE(inserted.size() + removed.size() + changed.size(), 1);

        // One order partly fills: one dataChanged for that row only.
        Order c = order("c", 3, "0.5");
        c.status = OrderStatus::PartiallyFilled;
        c.updatedMs = 10;
        store.apply({{c}, {}, {}, {}});
        model.refresh();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 2);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 2);
        QCOMPARE(model.data(model.index(2, 5)).toString(), QStringLiteral("0.5"));

        // b closes, e arrives: one removal, one insertion, at their places.
        Order b = order("b", 2);
        b.status = OrderStatus::Cancelled;
        b.updatedMs = 11;
        store.apply({{b, order("e", 5)}, {}, {}, {}});
        model.refresh();
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 1);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(model.rowAt(3)->orderId, QStringLiteral("e"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(reset.size(), 0);
    }

    void ordersSayTheirLegAndQuoteAmount()
    {
        TradingStore store;
        OpenOrdersModel model(&store);
        Order openLong = order("long", 1);
        openLong.positionSide = PositionSide::Long;
        Order closeShort = order("short", 2);
        closeShort.positionSide = PositionSide::Short;
        Order closeLong = order("close", 3);
        closeLong.side = Side::Sell;
        closeLong.positionSide = PositionSide::Long;
        // A market buy for 10,000 in quote: the venue knows no coin quantity until it fills.
        Order quoteSized = order("quote", 4);
        quoteSized.type = OrderType::Market;
        quoteSized.price.reset();
        quoteSized.quantity = Decimal();
        quoteSized.quoteQuantity = dec("10000");
        store.apply({{openLong, closeShort, closeLong, quoteSized}, {}, {}, {}});
        model.refresh();
        QCOMPARE(model.rowCount(), 4);
        const auto text = [&](int row, int column) {
            return model.data(model.index(row, column)).toString();
        };
        QCOMPARE(text(0, OpenOrdersModel::SideColumn), QStringLiteral("Open long"));
        QCOMPARE(text(1, OpenOrdersModel::SideColumn), QStringLiteral("Close short"));
        QCOMPARE(text(2, OpenOrdersModel::SideColumn), QStringLiteral("Close long"));
        QCOMPARE(text(3, OpenOrdersModel::SideColumn), QStringLiteral("Buy"));
        QCOMPARE(text(0, OpenOrdersModel::QuantityColumn), QStringLiteral("1"));
        QCOMPARE(text(3, OpenOrdersModel::QuantityColumn), QStringLiteral("10000 (quote)"));
    }

    void balancesPositionsAndFills()
    {
        TradingStore store(2);
        BalancesModel balances(&store);
        PositionsModel positions(&store);
        FillsModel fills(&store);
        QAbstractItemModelTester t1(&balances, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&positions, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t3(&fills, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy balanceChanged(&balances, &QAbstractItemModel::dataChanged);
        QSignalSpy fillsRemoved(&fills, &QAbstractItemModel::rowsRemoved);

        Balance usdt{QStringLiteral("USDT"), {}, dec("100"), dec("90"), std::nullopt};
        Balance btc{QStringLiteral("BTC"), {}, dec("1"), std::nullopt, std::nullopt};
        Position p;
        p.symbol = QStringLiteral("BTCUSDT");
        p.side = Side::Sell;
        p.size = dec("0.5");
        Fill f1;
        f1.executionId = QStringLiteral("x1");
        f1.timeMs = 1;
        Fill f2 = f1;
        f2.executionId = QStringLiteral("x2");
        f2.timeMs = 2;
        store.apply({{}, {f1, f2}, {p}, {usdt, btc}});
        balances.refresh();
        positions.refresh();
        fills.refresh();
        QCOMPARE(balances.rowCount(), 2);
        QCOMPARE(balances.data(balances.index(0, 0)).toString(), QStringLiteral("BTC"));
        QCOMPARE(balances.data(balances.index(1, 2)).toString(), QStringLiteral("90"));
        QVERIFY(!balances.data(balances.index(0, 2)).isValid());
        QCOMPARE(positions.data(positions.index(0, 1)).toString(), QStringLiteral("Sell"));
        QCOMPARE(fills.rowCount(), 2);

        usdt.walletBalance = dec("95");
        store.apply({{}, {}, {}, {usdt}});
        balances.refresh();
        QCOMPARE(balanceChanged.size(), 1);
        QCOMPARE(balanceChanged.at(0).at(0).value<QModelIndex>().row(), 1);
        QCOMPARE(balances.data(balances.index(1, 1)).toString(), QStringLiteral("95"));

        Fill f3 = f1;
        f3.executionId = QStringLiteral("x3");
        f3.timeMs = 3;
        store.apply({{}, {f3}, {}, {}});
        fills.refresh();
        QCOMPARE(fills.rowCount(), 2); // bounded: the oldest went
        QCOMPARE(fillsRemoved.size(), 1);
        QCOMPARE(fills.rowAt(1)->executionId, QStringLiteral("x3"));
    }
};

QTEST_GUILESS_MAIN(TestTradingModels)
#include "tst_tradingmodels.moc"
