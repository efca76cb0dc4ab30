#include "models/tickermodel.h"

#include "modelsignals.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

Ticker ticker(const char* symbol)
{
    Ticker t;
    t.symbol = QString::fromLatin1(symbol);
    t.lastPrice = dec("65000.10");
    t.change24h = dec("0.0123");
    t.bidPrice = dec("65000.00");
    t.askPrice = dec("65000.20");
    t.volume24h = dec("1234.567");
    t.highPrice24h = dec("66000.00");
    t.lowPrice24h = dec("64000.00");
    return t;
}

QString display(const TickerModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

CellRange cells(int row, int left, int right)
{
    return CellRange{row, left, row, right, {}};
}

} // namespace

class TestTickerModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newSymbolInsertsOneRowAtTheEnd()
    {
        TickerModel model;
        ModelSignals log(&model);
        model.upsert(ticker("BTCUSDT"));
        model.upsert(ticker("ETHUSDT"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 0}, {1, 1}}));
        QVERIFY(log.changed().isEmpty());
        QCOMPARE(log.resets(), 0);
        QCOMPARE(model.rowOfSymbol(QStringLiteral("ETHUSDT")), 1);
        QCOMPARE(model.rowOfSymbol(QStringLiteral("XRPUSDT")), -1);
    }

    void displaysExactDecimalText()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        QCOMPARE(display(model, 0, TickerModel::SymbolColumn), QStringLiteral("BTCUSDT"));
        QCOMPARE(display(model, 0, TickerModel::LastColumn), QStringLiteral("65000.10"));
        QCOMPARE(display(model, 0, TickerModel::BidColumn), QStringLiteral("65000.00"));
        QCOMPARE(display(model, 0, TickerModel::AskColumn), QStringLiteral("65000.20"));
        QCOMPARE(display(model, 0, TickerModel::Volume24hColumn), QStringLiteral("1234.567"));
        QCOMPARE(display(model, 0, TickerModel::High24hColumn), QStringLiteral("66000.00"));
        QCOMPARE(display(model, 0, TickerModel::Low24hColumn), QStringLiteral("64000.00"));
        QCOMPARE(display(model, 0, TickerModel::Change24hColumn), QStringLiteral("+1.23 %"));
    }

    void formatsChangeAsSignedPercent_data()
    {
        QTest::addColumn<QString>("fraction");
        QTest::addColumn<QString>("expected");
        QTest::newRow("positive") << "0.0123"
                                  << "+1.23 %";
        QTest::newRow("negative") << "-0.005"
                                  << "-0.50 %";
        QTest::newRow("zero") << "0"
                              << "0.00 %";
        QTest::newRow("negative zero") << "-0.0000"
                                       << "0.00 %";
        QTest::newRow("more digits kept") << "0.012345"
                                          << "+1.2345 %";
        QTest::newRow("half") << "0.5"
                              << "+50.00 %";
        QTest::newRow("double") << "1"
                                << "+100.00 %";
        QTest::newRow("minus ten") << "-0.1"
                                   << "-10.00 %";
    }
    void formatsChangeAsSignedPercent()
    {
        QFETCH(QString, fraction);
        QFETCH(QString, expected);
        QCOMPARE(TickerModel::formatChange(dec(qPrintable(fraction))), expected);
    }

    void absentFieldsShowNothing()
    {
        TickerModel model;
        Ticker t;
        t.symbol = QStringLiteral("BTCUSDT");
        t.lastPrice = dec("1");
        model.upsert(t);
        QVERIFY(!model.data(model.index(0, TickerModel::BidColumn)).isValid());
        QVERIFY(!model.data(model.index(0, TickerModel::Change24hColumn)).isValid());
        QVERIFY(
            !model.data(model.index(0, TickerModel::Change24hColumn), TickerModel::ChangeSignRole).isValid());
        QVERIFY(
            !model.data(model.index(0, TickerModel::BidColumn), TickerModel::UnderlyingDataRole).isValid());
    }

    void contractColumnsShowMarkIndexFundingAndOpenInterest()
    {
        TickerModel model;
        Ticker t = ticker("BTCUSDT");
        t.markPrice = dec("65001.5");
        t.indexPrice = dec("64999.9");
        t.fundingRate = dec("-0.000125");
        t.nextFundingMs = 1'700'000'000'000;
        t.openInterest = dec("12345.6");
        model.upsert(t);
        QCOMPARE(display(model, 0, TickerModel::MarkColumn), QStringLiteral("65001.5"));
        QCOMPARE(display(model, 0, TickerModel::IndexColumn), QStringLiteral("64999.9"));
        QCOMPARE(display(model, 0, TickerModel::FundingColumn), QStringLiteral("-0.0125 %"));
        QCOMPARE(display(model, 0, TickerModel::OpenInterestColumn), QStringLiteral("12345.6"));
        const QModelIndex funding = model.index(0, TickerModel::FundingColumn);
        QCOMPARE(funding.data(TickerModel::ChangeSignRole).toInt(), -1);
        QCOMPARE(funding.data(TickerModel::NextFundingRole).toLongLong(), 1'700'000'000'000);
        QCOMPARE(funding.data(TickerModel::DecimalRole).value<Decimal>().toString(),
                 QStringLiteral("-0.000125"));
        // A spot row (no contract fields) shows none of them.
        model.upsert(ticker("ETHUSDT"));
        for (const int column : {TickerModel::MarkColumn, TickerModel::IndexColumn,
                                 TickerModel::FundingColumn, TickerModel::OpenInterestColumn})
            QVERIFY(!model.data(model.index(1, column)).isValid());
        QVERIFY(!model.index(1, TickerModel::FundingColumn).data(TickerModel::NextFundingRole).isValid());
    }

    void nextFundingTimeAloneUpdatesTheFundingCell()
    {
        TickerModel model;
        Ticker t = ticker("BTCUSDT");
        t.fundingRate = dec("0.0001");
        t.nextFundingMs = 1'700'000'000'000;
        model.upsert(t);
        ModelSignals log(&model);
        t.nextFundingMs += 8 * 3'600'000; // paid: the same rate, the next period
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(0, TickerModel::FundingColumn, TickerModel::FundingColumn)}));
        QCOMPARE(model.index(0, TickerModel::FundingColumn).data(TickerModel::NextFundingRole).toLongLong(),
                 1'700'028'800'000);
    }

    void updateOfLastOnlyEmitsThatCell()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        model.upsert(ticker("ETHUSDT"));
        ModelSignals log(&model);
        Ticker t = ticker("ETHUSDT");
        t.lastPrice = dec("65000.30");
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(1, TickerModel::LastColumn, TickerModel::LastColumn)}));
        QVERIFY(log.inserted().isEmpty());
        QCOMPARE(log.resets(), 0);
        QCOMPARE(display(model, 1, TickerModel::LastColumn), QStringLiteral("65000.30"));
        QCOMPARE(display(model, 0, TickerModel::LastColumn), QStringLiteral("65000.10"));
    }

    void updateEmitsOneRangePerRunOfChangedColumns()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        ModelSignals log(&model);
        Ticker t = ticker("BTCUSDT");
        t.bidPrice = dec("65000.05");
        t.askPrice = dec("65000.15");
        t.lowPrice24h = dec("63000.00");
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(0, TickerModel::BidColumn, TickerModel::AskColumn),
                                   cells(0, TickerModel::Low24hColumn, TickerModel::Low24hColumn)}));
    }

    void unchangedUpsertEmitsNothing()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        ModelSignals log(&model);
        model.upsert(ticker("BTCUSDT"));
        QVERIFY(log.isQuiet());
    }

    void rescaledTextIsAChange()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        ModelSignals log(&model);
        Ticker t = ticker("BTCUSDT");
        t.lastPrice = dec("65000.1"); // same value, different text
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(0, TickerModel::LastColumn, TickerModel::LastColumn)}));
        QCOMPARE(display(model, 0, TickerModel::LastColumn), QStringLiteral("65000.1"));
    }

    void fieldDisappearingIsAChange()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        ModelSignals log(&model);
        Ticker t = ticker("BTCUSDT");
        t.volume24h.reset();
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(0, TickerModel::Volume24hColumn, TickerModel::Volume24hColumn)}));
    }

    void tickDirectionFollowsLastPriceMoves()
    {
        TickerModel model;
        const auto direction = [&] {
            return model.data(model.index(0, TickerModel::LastColumn), TickerModel::TickDirectionRole)
                .toInt();
        };
        Ticker t = ticker("BTCUSDT");
        model.upsert(t);
        QCOMPARE(direction(), 0);
        t.lastPrice = dec("65000.20");
        model.upsert(t);
        QCOMPARE(direction(), 1);
        t.bidPrice = dec("65000.10"); // other fields leave the direction alone
        model.upsert(t);
        QCOMPARE(direction(), 1);
        t.lastPrice = dec("64999.90");
        model.upsert(t);
        QCOMPARE(direction(), -1);
        t.lastPrice = dec("64999.9"); // same value rewritten
        model.upsert(t);
        QCOMPARE(direction(), -1);
    }

    void tickDirectionIsOnlyOnLastColumn()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        QVERIFY(
            !model.data(model.index(0, TickerModel::BidColumn), TickerModel::TickDirectionRole).isValid());
        QVERIFY(
            model.data(model.index(0, TickerModel::LastColumn), TickerModel::TickDirectionRole).isValid());
    }

    void changeSignFollowsChange()
    {
        TickerModel model;
        Ticker t = ticker("BTCUSDT");
        const auto sign = [&] {
            return model.data(model.index(0, TickerModel::Change24hColumn), TickerModel::ChangeSignRole)
                .toInt();
        };
        model.upsert(t);
        QCOMPARE(sign(), 1);
        t.change24h = dec("-0.02");
        model.upsert(t);
        QCOMPARE(sign(), -1);
        t.change24h = dec("0.000");
        model.upsert(t);
        QCOMPARE(sign(), 0);
    }

    void underlyingDataIsNumericForSorting()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        const QVariant last =
            model.data(model.index(0, TickerModel::LastColumn), TickerModel::UnderlyingDataRole);
        QCOMPARE(last.typeId(), QMetaType::Double);
        QCOMPARE(last.toDouble(), 65000.1);
        QCOMPARE(model.data(model.index(0, TickerModel::Change24hColumn), TickerModel::UnderlyingDataRole)
                     .toDouble(),
                 0.0123);
        QCOMPARE(
            model.data(model.index(0, TickerModel::SymbolColumn), TickerModel::UnderlyingDataRole).toString(),
            QStringLiteral("BTCUSDT"));
    }

    void decimalRoleIsExact()
    {
        TickerModel model;
        model.upsert(ticker("BTCUSDT"));
        const QVariant v = model.data(model.index(0, TickerModel::AskColumn), TickerModel::DecimalRole);
        QVERIFY(v.canConvert<Decimal>());
        QVERIFY(v.value<Decimal>().isIdenticalTo(dec("65000.20")));
    }

    void removeSymbolRemovesItsRowAndKeepsOthersAddressable()
    {
        TickerModel model;
        model.upsert(ticker("AAA"));
        model.upsert(ticker("BBB"));
        model.upsert(ticker("CCC"));
        ModelSignals log(&model);
        QVERIFY(model.removeSymbol(QStringLiteral("BBB")));
        QCOMPARE(log.removed(), (QList<RowSpan>{{1, 1}}));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfSymbol(QStringLiteral("CCC")), 1);
        QCOMPARE(model.rowOfSymbol(QStringLiteral("BBB")), -1);

        log.clear();
        Ticker t = ticker("CCC");
        t.lastPrice = dec("1");
        model.upsert(t);
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(1, TickerModel::LastColumn, TickerModel::LastColumn)}));
        QCOMPARE(display(model, 1, TickerModel::LastColumn), QStringLiteral("1"));
        QCOMPARE(display(model, 0, TickerModel::SymbolColumn), QStringLiteral("AAA"));
    }

    void removingUnknownSymbolChangesNothing()
    {
        TickerModel model;
        model.upsert(ticker("AAA"));
        ModelSignals log(&model);
        QVERIFY(!model.removeSymbol(QStringLiteral("ZZZ")));
        QVERIFY(log.isQuiet());
    }

    void tickerWithoutSymbolIsIgnored()
    {
        TickerModel model;
        ModelSignals log(&model);
        model.upsert(Ticker{});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(log.isQuiet());
    }

    void clearRemovesAllRows()
    {
        TickerModel model;
        model.upsert(ticker("AAA"));
        model.upsert(ticker("BBB"));
        ModelSignals log(&model);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 1}}));
        QCOMPARE(model.rowOfSymbol(QStringLiteral("AAA")), -1);
    }

    void namesColumnHeaders()
    {
        TickerModel model;
        QCOMPARE(model.columnCount(), int(TickerModel::ColumnCount));
        QCOMPARE(model.headerData(TickerModel::SymbolColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Symbol"));
        QCOMPARE(model.headerData(TickerModel::LastColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Last"));
    }

    void passesItemModelTester()
    {
        TickerModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsert(ticker("AAA"));
        model.upsert(ticker("BBB"));
        Ticker t = ticker("AAA");
        t.lastPrice = dec("2");
        t.change24h = dec("-0.1");
        model.upsert(t);
        model.upsert(ticker("CCC"));
        QVERIFY(model.removeSymbol(QStringLiteral("AAA")));
        model.clear();
        model.upsert(ticker("DDD"));
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTickerModel)
#include "tst_tickermodel.moc"
