#include "models/candlemodel.h"

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

constexpr std::int64_t minute = 60'000;

Candle candle(std::int64_t minuteIndex, const char* close = "100.5")
{
    Candle c;
    c.openTimeMs = minuteIndex * minute;
    c.open = dec("100.0");
    c.high = dec("101.0");
    c.low = dec("99.0");
    c.close = dec(close);
    c.volume = dec("12.5");
    c.turnover = dec("1250");
    return c;
}

std::vector<std::int64_t> minutes(const CandleModel& model)
{
    std::vector<std::int64_t> out;
    for (const Candle& c : model.candles())
        out.push_back(c.openTimeMs / minute);
    return out;
}

CellRange cells(int row, int left, int right)
{
    return CellRange{row, left, row, right, {}};
}

} // namespace

class TestCandleModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyResetsOnceSortedWithoutDuplicates()
    {
        CandleModel model;
        ModelSignals log(&model);
        model.setCandles({candle(3), candle(1), candle(2, "1"), candle(2, "2")});
        QCOMPARE(log.resets(), 1);
        QVERIFY(log.inserted().isEmpty());
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{1, 2, 3}));
        QCOMPARE(model.candleAt(1).close, dec("2"));
    }

    void historyKeepsNewestCandlesWithinCapacity()
    {
        CandleModel model(3);
        model.setCandles({candle(1), candle(2), candle(3), candle(4), candle(5)});
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{3, 4, 5}));
    }

    void updateOfLastCandleIsOneRowDataChanged()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(2), candle(3)});
        ModelSignals log(&model);
        Candle live = candle(3, "100.7");
        model.applyCandle(live);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(2, CandleModel::CloseColumn, CandleModel::CloseColumn)}));
        QVERIFY(log.inserted().isEmpty());
        QCOMPARE(log.resets(), 0);
        QCOMPARE(model.data(model.index(2, CandleModel::CloseColumn)).toString(), QStringLiteral("100.7"));
    }

    void updateCoversChangedColumnsOfThatRowOnly()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(2), candle(3)});
        ModelSignals log(&model);
        Candle live = candle(3, "101.5");
        live.high = dec("101.5");
        live.volume = dec("13");
        model.applyCandle(live);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(2, CandleModel::HighColumn, CandleModel::VolumeColumn)}));
    }

    void updateOfOlderCandleChangesItsRow()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(2), candle(3)});
        ModelSignals log(&model);
        Candle corrected = candle(2);
        corrected.low = dec("98.0");
        model.applyCandle(corrected);
        QCOMPARE(log.changed(), (QList<CellRange>{cells(1, CandleModel::LowColumn, CandleModel::LowColumn)}));
    }

    void identicalUpdateEmitsNothing()
    {
        CandleModel model;
        model.setCandles({candle(1)});
        ModelSignals log(&model);
        model.applyCandle(candle(1));
        QVERIFY(log.isQuiet());
    }

    void closingCandleChangesWholeRow()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(2)});
        ModelSignals log(&model);
        Candle closed = candle(2);
        closed.closed = true;
        model.applyCandle(closed);
        QCOMPARE(log.changed(), (QList<CellRange>{cells(1, 0, CandleModel::ColumnCount - 1)}));
        QVERIFY(model.data(model.index(1, CandleModel::OpenTimeColumn), CandleModel::ClosedRole).toBool());
    }

    void newerCandleAppendsOneRow()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(2)});
        ModelSignals log(&model);
        model.applyCandle(candle(3));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{2, 2}}));
        QVERIFY(log.changed().isEmpty());
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{1, 2, 3}));
    }

    void firstCandleOfEmptyModelAppends()
    {
        CandleModel model;
        ModelSignals log(&model);
        model.applyCandle(candle(7));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 0}}));
        QCOMPARE(model.rowCount(), 1);
    }

    void olderMissingCandleIsInsertedInOrder()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(3), candle(4)});
        ModelSignals log(&model);
        model.applyCandle(candle(2));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{1, 1}}));
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{1, 2, 3, 4}));
        model.applyCandle(candle(0));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{1, 1}, {0, 0}}));
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{0, 1, 2, 3, 4}));
    }

    void appendBeyondCapacityDropsOldest()
    {
        CandleModel model(3);
        model.setCandles({candle(1), candle(2), candle(3)});
        ModelSignals log(&model);
        model.applyCandle(candle(4));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{3, 3}}));
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 0}}));
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{2, 3, 4}));
    }

    void insertBeyondCapacityDropsOldest()
    {
        CandleModel model(3);
        model.setCandles({candle(1), candle(3), candle(4)});
        ModelSignals log(&model);
        model.applyCandle(candle(2));
        QCOMPARE(log.inserted(), (QList<RowSpan>{{1, 1}}));
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 0}}));
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{2, 3, 4}));
    }

    void candleOlderThanFullModelIsIgnored()
    {
        CandleModel model(3);
        model.setCandles({candle(2), candle(3), candle(4)});
        ModelSignals log(&model);
        model.applyCandle(candle(1));
        QVERIFY(log.isQuiet());
        QCOMPARE(minutes(model), (std::vector<std::int64_t>{2, 3, 4}));
    }

    void findsRowByOpenTime()
    {
        CandleModel model;
        model.setCandles({candle(1), candle(3)});
        QCOMPARE(model.rowOfOpenTime(3 * minute), 1);
        QCOMPARE(model.rowOfOpenTime(2 * minute), -1);
    }

    void displaysLocalOpenTimeAndExactPrices()
    {
        CandleModel model;
        Candle c = candle(0);
        c.openTimeMs = QDateTime(QDate(2024, 3, 5), QTime(12, 34)).toMSecsSinceEpoch();
        model.applyCandle(c);
        QCOMPARE(model.data(model.index(0, CandleModel::OpenTimeColumn)).toString(),
                 QStringLiteral("2024-03-05 12:34"));
        QCOMPARE(model.data(model.index(0, CandleModel::OpenColumn)).toString(), QStringLiteral("100.0"));
        QCOMPARE(model.data(model.index(0, CandleModel::VolumeColumn)).toString(), QStringLiteral("12.5"));
        QCOMPARE(model.data(model.index(0, CandleModel::OpenTimeColumn), CandleModel::UnderlyingDataRole)
                     .toLongLong(),
                 c.openTimeMs);
        QCOMPARE(
            model.data(model.index(0, CandleModel::HighColumn), CandleModel::UnderlyingDataRole).toDouble(),
            101.0);
        QVERIFY(model.data(model.index(0, CandleModel::CloseColumn), CandleModel::DecimalRole)
                    .value<Decimal>()
                    .isIdenticalTo(dec("100.5")));
    }

    void passesItemModelTester()
    {
        CandleModel model(4);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCandles({candle(5), candle(3), candle(4)});
        model.applyCandle(candle(5, "1"));
        model.applyCandle(candle(6));
        model.applyCandle(candle(7));
        model.applyCandle(candle(4, "2"));
        model.applyCandle(candle(1));
        model.clear();
        model.applyCandle(candle(8));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestCandleModel)
#include "tst_candlemodel.moc"
