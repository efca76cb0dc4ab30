#include "models/orderbookmodel.h"

#include "modelsignals.h"

#include <QAbstractItemModelTester>
#include <QTest>

#include <algorithm>
#include <vector>

namespace {

Decimal dec(const char* text)
{
    const auto d = Decimal::parse(text);
    if (!d)
        qFatal("test literal does not parse: %s", text);
    return *d;
}

using Levels = std::vector<BookLevel>;
using Result = OrderBook::ApplyResult;

BookLevel level(const char* price, const char* size)
{
    return BookLevel{dec(price), dec(size)};
}

// Bids 99.0 ×1, 98.5 ×2, 98.0 ×3; asks 100.0 ×4, 100.5 ×5, 101.0 ×6 at sequence 10. At depth 3 the ladder is
//   row 0  101.0  6  15
//   row 1  100.5  5   9
//   row 2  100.0  4   4   best ask
//   row 3   99.0  1   1   best bid
//   row 4   98.5  2   3
//   row 5   98.0  3   6
void fill(OrderBook& book)
{
    const Levels bids{level("99.0", "1"), level("98.5", "2"), level("98.0", "3")};
    const Levels asks{level("100.0", "4"), level("100.5", "5"), level("101.0", "6")};
    if (book.applySnapshot(bids, asks, 10) != Result::Applied)
        qFatal("fixture snapshot rejected");
}

void applyBids(OrderBook& book, const Levels& bids)
{
    OrderBook::Delta delta;
    delta.bids = bids;
    if (book.applyDelta(delta) != Result::Applied)
        qFatal("fixture delta rejected");
}

void applyAsks(OrderBook& book, const Levels& asks)
{
    OrderBook::Delta delta;
    delta.asks = asks;
    if (book.applyDelta(delta) != Result::Applied)
        qFatal("fixture delta rejected");
}

QString display(const OrderBookModel& model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

QStringList column(const OrderBookModel& model, int column)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(display(model, row, column));
    return out;
}

quint64 sizeChangedAt(const OrderBookModel& model, int row)
{
    return model.data(model.index(row, OrderBookModel::SizeColumn), OrderBookModel::SizeChangedRole)
        .toULongLong();
}

double fraction(const OrderBookModel& model, int row)
{
    return model.data(model.index(row, OrderBookModel::CumulativeColumn), OrderBookModel::DepthFractionRole)
        .toDouble();
}

CellRange cells(int top, int bottom, int left, int right, QList<int> roles = {})
{
    return CellRange{top, left, bottom, right, roles};
}

// A model over a filled book at depth 3.
struct Fixture
{
    Fixture()
    {
        fill(book);
        model.setDepth(3);
        model.setBook(&book);
    }
    OrderBook book{1};
    OrderBookModel model;
};

constexpr int Price = OrderBookModel::PriceColumn;
constexpr int Size = OrderBookModel::SizeColumn;
constexpr int Total = OrderBookModel::CumulativeColumn;

} // namespace

class TestOrderBookModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void withoutBookLadderIsEmpty()
    {
        OrderBookModel model;
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(OrderBookModel::ColumnCount));
        QCOMPARE(model.bookState(), OrderBook::State::AwaitingSnapshot);
        model.refresh();
        QCOMPARE(model.rowCount(), 0);
    }

    void laddersAsksAboveBidsWithBestPricesInTheMiddle()
    {
        Fixture f;
        QCOMPARE(f.model.rowCount(), 6);
        QCOMPARE(f.model.askRowCount(), 3);
        QCOMPARE(f.model.bidRowCount(), 3);
        QCOMPARE(column(f.model, Price), (QStringList{"101.0", "100.5", "100.0", "99.0", "98.5", "98.0"}));
        QCOMPARE(column(f.model, Size), (QStringList{"6", "5", "4", "1", "2", "3"}));
    }

    void cumulativeSumsFromBestLevelOutwards()
    {
        Fixture f;
        QCOMPARE(column(f.model, Total), (QStringList{"15", "9", "4", "1", "3", "6"}));
    }

    void sideRoleMarksAsksAndBidsOnEveryColumn()
    {
        Fixture f;
        for (int c = 0; c < OrderBookModel::ColumnCount; ++c) {
            QCOMPARE(f.model.data(f.model.index(2, c), OrderBookModel::SideRole).value<Side>(), Side::Sell);
            QCOMPARE(f.model.data(f.model.index(3, c), OrderBookModel::SideRole).value<Side>(), Side::Buy);
        }
    }

    void depthFractionIsShareOfLargestCumulative()
    {
        Fixture f;
        QCOMPARE(fraction(f.model, 0), 1.0);
        QCOMPARE(fraction(f.model, 2), 4.0 / 15.0);
        QCOMPARE(fraction(f.model, 3), 1.0 / 15.0);
        QCOMPARE(fraction(f.model, 5), 6.0 / 15.0);
        QVERIFY(!f.model.data(f.model.index(0, Price), OrderBookModel::DepthFractionRole).isValid());
    }

    void decimalRoleGivesExactPrice()
    {
        Fixture f;
        const QVariant v = f.model.data(f.model.index(3, Price), OrderBookModel::DecimalRole);
        QVERIFY(v.value<Decimal>().isIdenticalTo(dec("99.0")));
        QCOMPARE(f.model.data(f.model.index(3, Price), OrderBookModel::UnderlyingDataRole).toDouble(), 99.0);
    }

    void refreshOfUnchangedBookDoesNothing()
    {
        Fixture f;
        ModelSignals log(&f.model);
        const auto count = f.model.refreshCount();
        f.model.refresh();
        f.model.refresh();
        QVERIFY(log.isQuiet());
        QCOMPARE(f.model.refreshCount(), count);
    }

    void modelDoesNotChangeUntilRefresh()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("98.0", "7")});
        QVERIFY(log.isQuiet());
        QCOMPARE(display(f.model, 5, Size), QStringLiteral("3"));
        f.model.refresh();
        QCOMPARE(display(f.model, 5, Size), QStringLiteral("7"));
    }

    void sizeChangeOfOutermostLevelEmitsOnlyThatRow()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("98.0", "4")});
        f.model.refresh();
        QCOMPARE(log.changed(), (QList<CellRange>{cells(5, 5, Size, Total)}));
        QVERIFY(log.inserted().isEmpty());
        QVERIFY(log.removed().isEmpty());
        QCOMPARE(log.resets(), 0);
        QCOMPARE(display(f.model, 5, Total), QStringLiteral("7"));
    }

    void sizeChangeOfInnerLevelUpdatesCumulativeOutwardsOnly()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("99.0", "2")});
        f.model.refresh();
        // The best bid's size and total, then the totals below it; the asks are untouched.
        QCOMPARE(log.changed(), (QList<CellRange>{cells(3, 3, Size, Total), cells(4, 5, Total, Total)}));
        QCOMPARE(column(f.model, Total), (QStringList{"15", "9", "4", "2", "4", "7"}));
    }

    void newLargestTotalReportsOtherRowsAsDepthFractionOnly()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyAsks(f.book, {level("101.0", "9")});
        f.model.refresh();
        const QList<int> fractionOnly{OrderBookModel::DepthFractionRole};
        QCOMPARE(log.changed(),
                 (QList<CellRange>{cells(0, 0, Size, Total), cells(1, 2, Total, Total, fractionOnly),
                                   cells(3, 5, Total, Total, fractionOnly)}));
        QCOMPARE(fraction(f.model, 3), 1.0 / 18.0);
    }

    void levelInsertedInsideLadderChangesOnlyRowsBelowIt()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("98.7", "5")});
        f.model.refresh();
        QCOMPARE(log.changed(), (QList<CellRange>{cells(4, 5, Price, Total)}));
        QVERIFY(log.inserted().isEmpty());
        QCOMPARE(column(f.model, Price), (QStringList{"101.0", "100.5", "100.0", "99.0", "98.7", "98.5"}));
    }

    void levelBeyondDepthIsNotShown()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("97.0", "1")});
        applyAsks(f.book, {level("102.0", "1")});
        f.model.refresh();
        QCOMPARE(f.model.rowCount(), 6);
        QVERIFY(log.changed().isEmpty());
    }

    void growingSideInsertsRowsAtItsOuterEnd()
    {
        OrderBook book(1);
        const Levels bids{level("99.0", "1")};
        const Levels asks{level("100.0", "4")};
        book.applySnapshot(bids, asks, 1);
        OrderBookModel model;
        model.setDepth(3);
        model.setBook(&book);
        QCOMPARE(model.rowCount(), 2);

        ModelSignals log(&model);
        applyAsks(book, {level("100.5", "5"), level("101.0", "6")});
        applyBids(book, {level("98.5", "2")});
        model.refresh();
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 1}, {4, 4}}));
        // Rows that stayed only see their depth bars shrink.
        const QList<CellRange> changed = log.changed();
        QVERIFY(std::all_of(changed.cbegin(), changed.cend(), [](const CellRange& r) {
            return r.roles == QList<int>{OrderBookModel::DepthFractionRole};
        }));
        QCOMPARE(column(model, Price), (QStringList{"101.0", "100.5", "100.0", "99.0", "98.5"}));
        QCOMPARE(column(model, Total), (QStringList{"15", "9", "4", "1", "3"}));
    }

    void shrinkingSideRemovesRowsAtItsOuterEnd()
    {
        Fixture f;
        ModelSignals log(&f.model);
        applyBids(f.book, {level("98.0", "0")});
        f.model.refresh();
        QCOMPARE(log.removed(), (QList<RowSpan>{{5, 5}}));
        QVERIFY(log.changed().isEmpty());
        QCOMPARE(f.model.rowCount(), 5);

        log.clear();
        applyAsks(f.book, {level("100.0", "0")}); // the best ask goes: the asks above it move down
        f.model.refresh();
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 0}}));
        QCOMPARE(column(f.model, Price), (QStringList{"101.0", "100.5", "99.0", "98.5"}));
        QCOMPARE(column(f.model, Total), (QStringList{"11", "5", "1", "3"}));
    }

    void setDepthAddsAndRemovesRowsAtTheEnds()
    {
        Fixture f;
        ModelSignals log(&f.model);
        f.model.setDepth(2);
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 0}, {4, 4}}));
        QCOMPARE(column(f.model, Price), (QStringList{"100.5", "100.0", "99.0", "98.5"}));
        log.clear();
        f.model.setDepth(3);
        QCOMPARE(log.inserted(), (QList<RowSpan>{{0, 0}, {5, 5}}));
        QCOMPARE(column(f.model, Price), (QStringList{"101.0", "100.5", "100.0", "99.0", "98.5", "98.0"}));
        QCOMPARE(log.resets(), 0);
    }

    void resyncEmptiesLadderAndReportsState()
    {
        Fixture f;
        QSignalSpy states(&f.model, &OrderBookModel::bookStateChanged);
        ModelSignals log(&f.model);
        OrderBook::Delta gap;
        gap.rule = OrderBook::SequenceRule::Chained;
        gap.previousSequence = 12;
        gap.sequence = 13;
        QCOMPARE(f.book.applyDelta(gap), Result::SequenceGap);
        f.model.refresh();
        QCOMPARE(f.model.rowCount(), 0);
        QCOMPARE(f.model.bookState(), OrderBook::State::Resyncing);
        QCOMPARE(states.size(), 1);
        QCOMPARE(states.at(0).at(0).value<OrderBook::State>(), OrderBook::State::Resyncing);
        QCOMPARE(log.removed(), (QList<RowSpan>{{0, 2}, {0, 2}}));
        QCOMPARE(log.resets(), 0);

        fill(f.book);
        f.model.refresh();
        QCOMPARE(f.model.rowCount(), 6);
        QCOMPARE(f.model.bookState(), OrderBook::State::Live);
        QCOMPARE(states.size(), 2);
        QCOMPARE(states.at(1).at(0).value<OrderBook::State>(), OrderBook::State::Live);
    }

    void staleBookKeepsRowsAndReportsState()
    {
        Fixture f;
        QSignalSpy states(&f.model, &OrderBookModel::bookStateChanged);
        ModelSignals log(&f.model);
        f.book.markStale();
        f.model.refresh();
        QCOMPARE(f.model.bookState(), OrderBook::State::Stale);
        QCOMPARE(states.size(), 1);
        QCOMPARE(f.model.rowCount(), 6);
        QVERIFY(log.isQuiet());
    }

    void groupingAggregatesBidsDownAndAsksUp()
    {
        OrderBook book(2);
        const Levels bids{level("99.90", "0.1"), level("99.50", "0.25"), level("99.40", "3"),
                          level("98.10", "4")};
        const Levels asks{level("100.10", "1"), level("100.50", "2"), level("100.60", "3"),
                          level("101.00", "4")};
        QCOMPARE(book.applySnapshot(bids, asks, 1), Result::Applied);
        OrderBookModel model;
        model.setDepth(10);
        model.setBook(&book);
        model.setGrouping(dec("0.5"));
        QCOMPARE(model.grouping(), dec("0.5"));
        QCOMPARE(column(model, Price), (QStringList{"101.0", "100.5", "99.5", "99.0", "98.0"}));
        QCOMPARE(column(model, Size), (QStringList{"7", "3", "0.35", "3", "4"}));
        QCOMPARE(column(model, Total), (QStringList{"10", "3", "0.35", "3.35", "7.35"}));
    }

    void groupedBucketsCountTowardDepth()
    {
        Fixture f;
        f.model.setDepth(2);
        f.model.setGrouping(dec("1"));
        // Bids 99.0 | 98.5 98.0 → buckets 99 and 98; asks 100.0 | 100.5 101.0 → buckets 100 and 101.
        QCOMPARE(column(f.model, Price), (QStringList{"101", "100", "99", "98"}));
        QCOMPARE(column(f.model, Size), (QStringList{"11", "4", "1", "5"}));
    }

    void turningGroupingOffRestoresLevels()
    {
        Fixture f;
        f.model.setGrouping(dec("1"));
        ModelSignals log(&f.model);
        f.model.setGrouping(Decimal());
        QCOMPARE(column(f.model, Price), (QStringList{"101.0", "100.5", "100.0", "99.0", "98.5", "98.0"}));
        QCOMPARE(log.resets(), 0);
    }

    void sizeChangedRoleMarksChangedLevelWithRefreshNumber()
    {
        Fixture f;
        for (int row = 0; row < f.model.rowCount(); ++row)
            QCOMPARE(sizeChangedAt(f.model, row), quint64(0));
        applyBids(f.book, {level("98.5", "2.5")});
        f.model.refresh();
        const quint64 marked = f.model.refreshCount();
        QCOMPARE(sizeChangedAt(f.model, 4), marked);
        QCOMPARE(sizeChangedAt(f.model, 3), quint64(0));
        QCOMPARE(sizeChangedAt(f.model, 5), quint64(0));

        applyAsks(f.book, {level("101.0", "1")});
        f.model.refresh();
        QVERIFY(f.model.refreshCount() > marked);
        QCOMPARE(sizeChangedAt(f.model, 4), marked); // unchanged since
        QCOMPARE(sizeChangedAt(f.model, 0), f.model.refreshCount());
    }

    void sizeChangedMarkFollowsPriceWhenLadderShifts()
    {
        Fixture f;
        applyBids(f.book, {level("98.5", "2.5")});
        f.model.refresh();
        const quint64 marked = f.model.refreshCount();
        applyBids(f.book, {level("99.5", "1")}); // a new best bid pushes 98.5 down a row
        f.model.refresh();
        QCOMPARE(column(f.model, Price).mid(3), (QStringList{"99.5", "99.0", "98.5"}));
        QCOMPARE(sizeChangedAt(f.model, 3), f.model.refreshCount()); // new level
        QCOMPARE(sizeChangedAt(f.model, 4), quint64(0));             // 99.0, untouched
        QCOMPARE(sizeChangedAt(f.model, 5), marked);                 // 98.5 keeps its mark
    }

    void levelScrollingIntoViewIsNotMarkedChanged()
    {
        Fixture f;
        applyBids(f.book, {level("97.5", "8")}); // outside the ladder at depth 3
        f.model.refresh();
        applyBids(f.book, {level("99.0", "0")});
        f.model.refresh();
        QCOMPARE(column(f.model, Price).mid(3), (QStringList{"98.5", "98.0", "97.5"}));
        QCOMPARE(sizeChangedAt(f.model, 5), quint64(0));
    }

    void switchingBooksResetsOnceAndRefreshesNever()
    {
        Fixture f;
        OrderBook other(2);
        const Levels bids{level("10.00", "1")};
        const Levels asks{level("10.01", "1")};
        other.applySnapshot(bids, asks, 1);
        ModelSignals log(&f.model);
        f.model.setBook(&other);
        QCOMPARE(log.resets(), 1);
        QCOMPARE(column(f.model, Price), (QStringList{"10.01", "10.00"}));
        for (int i = 0; i < 5; ++i) {
            const Levels change{level("10.00", QByteArray::number(i + 2).constData())};
            applyBids(other, change);
            f.model.refresh();
        }
        QCOMPARE(log.resets(), 1);
        QCOMPARE(display(f.model, 1, Size), QStringLiteral("6"));
    }

    void clearingBookEmptiesLadder()
    {
        Fixture f;
        QSignalSpy states(&f.model, &OrderBookModel::bookStateChanged);
        f.model.setBook(nullptr);
        QCOMPARE(f.model.rowCount(), 0);
        QCOMPARE(f.model.bookState(), OrderBook::State::AwaitingSnapshot);
        QCOMPARE(states.size(), 1);
        f.model.refresh();
        QCOMPARE(f.model.rowCount(), 0);
    }

    void passesItemModelTester()
    {
        OrderBook book(1);
        OrderBookModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setDepth(3);
        model.setBook(&book);
        fill(book);
        model.refresh();
        applyBids(book, {level("99.5", "1"), level("98.0", "0")});
        applyAsks(book, {level("100.0", "0"), level("102.0", "3")});
        model.refresh();
        model.setGrouping(dec("1"));
        model.setDepth(1);
        model.setDepth(5);
        model.setGrouping(Decimal());
        book.markResyncing();
        model.refresh();
        fill(book);
        model.refresh();
        model.setBook(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOrderBookModel)
#include "tst_orderbookmodel.moc"
