#include "models/tradesmodel.h"

#include "modelsignals.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QTest>

#include <vector>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

// Trades with ids first..last, oldest first, one second apart.
std::vector<Trade> trades(int first, int last)
{
    std::vector<Trade> out;
    for (int i = first; i <= last; ++i) {
        Trade t;
        t.symbol = QStringLiteral("BTCUSDT");
        t.id = QString::number(i);
        t.price = dec("65000.10");
        t.size = dec("0.001");
        t.takerSide = i % 2 ? Side::Buy : Side::Sell;
        t.timestampMs = 1'700'000'000'000 + i * 1000;
        out.push_back(t);
    }
    return out;
}

QStringList ids(const TradesModel& model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.tradeAt(row).id);
    return out;
}

} // namespace

class TestTradesModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void batchIsInsertedAtTopNewestFirst()
    {
        TradesModel model;
        ModelSignals log(&model);
        model.addTrades(trades(1, 3));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 2}}));
        QCOMPARE(ids(model), (QStringList{"3", "2", "1"}));
        QVERIFY(log.removed().isEmpty());
        QVERIFY(log.changed().isEmpty());
        QCOMPARE(log.resets(), 0);
    }

    void laterBatchGoesAboveEarlierOnes()
    {
        TradesModel model;
        model.addTrades(trades(1, 2));
        ModelSignals log(&model);
        model.addTrades(trades(3, 5));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 2}}));
        QCOMPARE(ids(model), (QStringList{"5", "4", "3", "2", "1"}));
    }

    void overflowIsRemovedAtBottom()
    {
        TradesModel model(5);
        model.addTrades(trades(1, 3));
        ModelSignals log(&model);
        model.addTrades(trades(4, 7));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 3}}));
        QCOMPARE(log.removed(), (QList<RowSpan>{{5, 6}}));
        QCOMPARE(log.resets(), 0);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(ids(model), (QStringList{"7", "6", "5", "4", "3"}));
    }

    void batchLargerThanCapacityKeepsItsNewest()
    {
        TradesModel model(3);
        model.addTrades(trades(1, 2));
        ModelSignals log(&model);
        model.addTrades(trades(3, 10));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 2}}));
        QCOMPARE(log.removed(), (QList<RowSpan>{{3, 4}}));
        QCOMPARE(ids(model), (QStringList{"10", "9", "8"}));
    }

    void emptyBatchChangesNothing()
    {
        TradesModel model;
        model.addTrades(trades(1, 1));
        ModelSignals log(&model);
        model.addTrades({});
        QVERIFY(log.isQuiet());
        QCOMPARE(model.rowCount(), 1);
    }

    void defaultCapacityIsFiveHundred()
    {
        TradesModel model;
        QCOMPARE(model.capacity(), 500);
        model.addTrades(trades(1, 600));
        QCOMPARE(model.rowCount(), 500);
        QCOMPARE(model.tradeAt(0).id, QStringLiteral("600"));
        QCOMPARE(model.tradeAt(499).id, QStringLiteral("101"));
    }

    void displaysLocalTimePriceSizeAndSide()
    {
        TradesModel model;
        Trade t = trades(1, 1).front();
        t.timestampMs = QDateTime(QDate(2024, 3, 5), QTime(12, 34, 56, 789)).toMSecsSinceEpoch();
        t.takerSide = Side::Sell;
        model.addTrades(std::span<const Trade>(&t, 1));
        QCOMPARE(model.data(model.index(0, TradesModel::TimeColumn)).toString(),
                 QStringLiteral("12:34:56.789"));
        QCOMPARE(model.data(model.index(0, TradesModel::PriceColumn)).toString(), QStringLiteral("65000.10"));
        QCOMPARE(model.data(model.index(0, TradesModel::SizeColumn)).toString(), QStringLiteral("0.001"));
        QCOMPARE(model.data(model.index(0, TradesModel::SideColumn)).toString(), QStringLiteral("Sell"));
    }

    void sideRoleIsOnEveryColumn()
    {
        TradesModel model;
        model.addTrades(trades(1, 2)); // 1 is a buy, 2 a sell
        for (int c = 0; c < TradesModel::ColumnCount; ++c) {
            QCOMPARE(model.data(model.index(0, c), TradesModel::SideRole).value<Side>(), Side::Sell);
            QCOMPARE(model.data(model.index(1, c), TradesModel::SideRole).value<Side>(), Side::Buy);
        }
    }

    void underlyingDataIsRawValue()
    {
        TradesModel model;
        model.addTrades(trades(1, 1));
        QCOMPARE(
            model.data(model.index(0, TradesModel::TimeColumn), TradesModel::UnderlyingDataRole).toLongLong(),
            1'700'000'001'000LL);
        QCOMPARE(
            model.data(model.index(0, TradesModel::PriceColumn), TradesModel::UnderlyingDataRole).toDouble(),
            65000.1);
        QVERIFY(model.data(model.index(0, TradesModel::SizeColumn), TradesModel::DecimalRole)
                    .value<Decimal>()
                    .isIdenticalTo(dec("0.001")));
    }

    void clearRemovesAllRows()
    {
        TradesModel model;
        model.addTrades(trades(1, 4));
        ModelSignals log(&model);
        model.clear();
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 3}}));
        QCOMPARE(model.rowCount(), 0);
    }

    void namesColumnHeaders()
    {
        TradesModel model;
        QCOMPARE(model.headerData(TradesModel::TimeColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Time"));
        QCOMPARE(model.headerData(TradesModel::SideColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Side"));
    }

    void passesItemModelTester()
    {
        TradesModel model(4);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.addTrades(trades(1, 2));
        model.addTrades(trades(3, 5));
        model.addTrades(trades(6, 20));
        model.clear();
        model.addTrades(trades(21, 21));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTradesModel)
#include "tst_tradesmodel.moc"
