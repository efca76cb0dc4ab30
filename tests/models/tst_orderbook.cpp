#include "models/orderbook.h"

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

BookLevel level(const char* price, const char* size)
{
    return BookLevel{dec(price), dec(size)};
}

using Levels = std::vector<BookLevel>;
using Rule = OrderBook::SequenceRule;
using Result = OrderBook::ApplyResult;

OrderBook::Delta delta(const Levels& bids, const Levels& asks, Rule rule = Rule::None,
                       std::int64_t previous = 0, std::int64_t sequence = 0)
{
    OrderBook::Delta d;
    d.bids = bids;
    d.asks = asks;
    d.rule = rule;
    d.previousSequence = previous;
    d.sequence = sequence;
    return d;
}

// A live book at sequence 10: bids 99.0 / 98.5 / 98.0, asks 100.0 / 100.5 / 101.0.
OrderBook liveBook()
{
    OrderBook book(1);
    const Levels bids{level("98.0", "3"), level("99.0", "1"), level("98.5", "2")};
    const Levels asks{level("101.0", "6"), level("100.0", "4"), level("100.5", "5")};
    if (book.applySnapshot(bids, asks, 10) != Result::Applied)
        qFatal("fixture snapshot rejected");
    return book;
}

} // namespace

// Readable QCOMPARE failures (found by argument-dependent lookup).
char* toString(const Decimal& value)
{
    return qstrdup(value.toStdString().c_str());
}

char* toString(const BookLevel& value)
{
    return qstrdup((value.size.toStdString() + " @ " + value.price.toStdString()).c_str());
}

class TestOrderBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsAwaitingSnapshot()
    {
        const OrderBook book(2);
        QCOMPARE(book.state(), OrderBook::State::AwaitingSnapshot);
        QVERIFY(!book.isLive());
        QCOMPARE(book.bidCount(), std::size_t(0));
        QCOMPARE(book.priceScale(), 2);
        QVERIFY(!book.bestBid().has_value());
    }

    void snapshotOrdersLevelsBestFirst()
    {
        const OrderBook book = liveBook();
        QCOMPARE(book.state(), OrderBook::State::Live);
        QCOMPARE(book.sequence(), std::int64_t(10));
        QCOMPARE(book.bidCount(), std::size_t(3));
        QCOMPARE(book.askCount(), std::size_t(3));
        QCOMPARE(book.bid(0), level("99.0", "1"));
        QCOMPARE(book.bid(1), level("98.5", "2"));
        QCOMPARE(book.bid(2), level("98.0", "3"));
        QCOMPARE(book.ask(0), level("100.0", "4"));
        QCOMPARE(book.ask(1), level("100.5", "5"));
        QCOMPARE(book.ask(2), level("101.0", "6"));
    }

    void snapshotReplacesEarlierLevels()
    {
        OrderBook book = liveBook();
        const Levels bids{level("90.0", "1")};
        const Levels asks{level("91.0", "1")};
        QCOMPARE(book.applySnapshot(bids, asks, 50), Result::Applied);
        QCOMPARE(book.bidCount(), std::size_t(1));
        QCOMPARE(book.askCount(), std::size_t(1));
        QCOMPARE(book.bestBid(), std::optional<Decimal>(dec("90.0")));
        QCOMPARE(book.sequence(), std::int64_t(50));
    }

    void snapshotKeepsSizeScaleAsSent()
    {
        OrderBook book(1);
        const Levels bids{level("99.0", "1.500")};
        QCOMPARE(book.applySnapshot(bids, {}, 1), Result::Applied);
        QCOMPARE(book.bid(0).size.toStdString(), std::string("1.500"));
        QCOMPARE(book.bid(0).price.toStdString(), std::string("99.0"));
    }

    void deltaInsertsNewLevel()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("98.7", "7")}, {level("100.2", "8")})), Result::Applied);
        QCOMPARE(book.bidCount(), std::size_t(4));
        QCOMPARE(book.bid(1), level("98.7", "7"));
        QCOMPARE(book.askCount(), std::size_t(4));
        QCOMPARE(book.ask(1), level("100.2", "8"));
    }

    void deltaUpdatesLevelSize()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("98.5", "2.25")}, {})), Result::Applied);
        QCOMPARE(book.bidCount(), std::size_t(3));
        QCOMPARE(book.bid(1), level("98.5", "2.25"));
    }

    void deltaWithZeroSizeDeletesLevel()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "0")}, {level("100.5", "0.000")})), Result::Applied);
        QCOMPARE(book.bidCount(), std::size_t(2));
        QCOMPARE(book.bestBid(), std::optional<Decimal>(dec("98.5")));
        QCOMPARE(book.askCount(), std::size_t(2));
        QCOMPARE(book.ask(1), level("101.0", "6"));
    }

    void deletingUnknownPriceIsHarmless()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("50.0", "0")}, {level("150.0", "0")})), Result::Applied);
        QCOMPARE(book.state(), OrderBook::State::Live);
        QCOMPARE(book.topBids(10), liveBook().topBids(10));
        QCOMPARE(book.topAsks(10), liveBook().topAsks(10));
    }

    void reportsBestPricesSpreadAndMid()
    {
        const OrderBook book = liveBook();
        QCOMPARE(book.bestBid(), std::optional<Decimal>(dec("99.0")));
        QCOMPARE(book.bestAsk(), std::optional<Decimal>(dec("100.0")));
        QCOMPARE(book.spread()->toStdString(), std::string("1.0"));
        QCOMPARE(book.mid()->toStdString(), std::string("99.5"));
    }

    void midOfOddTickSumIsExactWithOneMoreDigit()
    {
        OrderBook book(1);
        const Levels bids{level("100.1", "1")};
        const Levels asks{level("100.2", "1")};
        QCOMPARE(book.applySnapshot(bids, asks, 1), Result::Applied);
        const auto mid = book.mid();
        QVERIFY(mid.has_value());
        QCOMPARE(mid->toStdString(), std::string("100.15"));
        QCOMPARE(mid->scale(), 2);
    }

    // Found by fuzz/fuzz_orderbook: two prices near the top of the 64-bit range overflowed when added.
    void midOfPricesAtTheTopOfTheRangeIsExact()
    {
        OrderBook book(0);
        const Levels bids{level("9223372036854775802", "1")};
        const Levels asks{level("9223372036854775806", "1")};
        QCOMPARE(book.applySnapshot(bids, asks, 1), Result::Applied);
        QCOMPARE(book.mid()->toStdString(), std::string("9223372036854775804"));
        QCOMPARE(book.spread()->toStdString(), std::string("4"));
        // An odd sum would need a half tick that no longer fits: no mid rather than a wrong one.
        const Levels oddAsks{level("9223372036854775807", "1")};
        QCOMPARE(book.applySnapshot(bids, oddAsks, 2), Result::Applied);
        QVERIFY(!book.mid().has_value());
    }

    void oneSidedBookHasNoSpreadOrMid()
    {
        OrderBook book(1);
        const Levels bids{level("100.1", "1")};
        QCOMPARE(book.applySnapshot(bids, {}, 1), Result::Applied);
        QVERIFY(book.bestBid().has_value());
        QVERIFY(!book.bestAsk().has_value());
        QVERIFY(!book.spread().has_value());
        QVERIFY(!book.mid().has_value());
    }

    void topLevelsAreBestFirstAndClamped()
    {
        const OrderBook book = liveBook();
        QCOMPARE(book.topBids(2), (Levels{level("99.0", "1"), level("98.5", "2")}));
        QCOMPARE(book.topAsks(2), (Levels{level("100.0", "4"), level("100.5", "5")}));
        QCOMPARE(book.topBids(50).size(), std::size_t(3));
        QVERIFY(book.topAsks(0).empty());
    }

    void deltaBeforeSnapshotIsDropped()
    {
        OrderBook book(1);
        QCOMPARE(book.applyDelta(delta({level("99.0", "1")}, {})), Result::NoSnapshot);
        QCOMPARE(book.bidCount(), std::size_t(0));
        QCOMPARE(book.state(), OrderBook::State::AwaitingSnapshot);
    }

    void chainedDeltaInOrderApplies()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "9")}, {}, Rule::Chained, 10, 11)), Result::Applied);
        QCOMPARE(book.sequence(), std::int64_t(11));
        QCOMPARE(book.applyDelta(delta({level("99.0", "8")}, {}, Rule::Chained, 11, 12)), Result::Applied);
        QCOMPARE(book.sequence(), std::int64_t(12));
        QCOMPARE(book.bid(0).size, dec("8"));
    }

    void chainedDuplicateOrOldDeltaIsIgnored()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "9")}, {}, Rule::Chained, 10, 11)), Result::Applied);
        const auto version = book.version();
        // The same message again, and one from before the snapshot.
        QCOMPARE(book.applyDelta(delta({level("99.0", "1")}, {}, Rule::Chained, 10, 11)), Result::IgnoredOld);
        QCOMPARE(book.applyDelta(delta({level("99.0", "1")}, {}, Rule::Chained, 8, 9)), Result::IgnoredOld);
        QCOMPARE(book.state(), OrderBook::State::Live);
        QCOMPARE(book.sequence(), std::int64_t(11));
        QCOMPARE(book.bid(0).size, dec("9"));
        QCOMPARE(book.version(), version);
    }

    void chainedGapDropsLevelsAndResyncs()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "9")}, {}, Rule::Chained, 11, 12)),
                 Result::SequenceGap);
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        QCOMPARE(book.bidCount(), std::size_t(0));
        QCOMPARE(book.askCount(), std::size_t(0));
        QVERIFY(!book.bestBid().has_value());
    }

    void deltasWhileResyncingAreDroppedUntilSnapshot()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({}, {}, Rule::Chained, 11, 12)), Result::SequenceGap);
        QCOMPARE(book.applyDelta(delta({level("99.0", "1")}, {}, Rule::Chained, 12, 13)), Result::NoSnapshot);
        QCOMPARE(book.applyDelta(delta({level("99.0", "1")}, {}, Rule::None)), Result::NoSnapshot);
        QCOMPARE(book.bidCount(), std::size_t(0));

        const Levels bids{level("99.0", "1")};
        const Levels asks{level("100.0", "1")};
        QCOMPARE(book.applySnapshot(bids, asks, 20), Result::Applied);
        QCOMPARE(book.state(), OrderBook::State::Live);
        QCOMPARE(book.applyDelta(delta({level("99.0", "2")}, {}, Rule::Chained, 20, 21)), Result::Applied);
        QCOMPARE(book.bid(0).size, dec("2"));
    }

    void crossingDeltaResyncs()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("100.0", "1")}, {})), Result::Crossed);
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        QCOMPARE(book.bidCount(), std::size_t(0));
        QCOMPARE(book.askCount(), std::size_t(0));
    }

    void crossedSnapshotIsRejected()
    {
        OrderBook book(1);
        const Levels bids{level("101.0", "1")};
        const Levels asks{level("100.0", "1")};
        QCOMPARE(book.applySnapshot(bids, asks, 1), Result::Crossed);
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        QCOMPARE(book.bidCount(), std::size_t(0));
    }

    void negativeSizeIsInvalidLevel()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("98.0", "-1")}, {})), Result::InvalidLevel);
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        QCOMPARE(book.bidCount(), std::size_t(0));
    }

    void nonPositivePriceIsInvalidLevel()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({}, {level("0", "1")})), Result::InvalidLevel);
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        OrderBook other(1);
        const Levels bids{level("-5.0", "1")};
        QCOMPARE(other.applySnapshot(bids, {}, 1), Result::InvalidLevel);
    }

    void increasingRuleAcceptsGapsAndIgnoresOld()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "5")}, {}, Rule::Increasing, 0, 15)), Result::Applied);
        QCOMPARE(book.sequence(), std::int64_t(15));
        QCOMPARE(book.applyDelta(delta({level("99.0", "6")}, {}, Rule::Increasing, 0, 15)),
                 Result::IgnoredOld);
        QCOMPARE(book.applyDelta(delta({level("99.0", "6")}, {}, Rule::Increasing, 0, 12)),
                 Result::IgnoredOld);
        QCOMPARE(book.bid(0).size, dec("5"));
        QCOMPARE(book.applyDelta(delta({level("99.0", "7")}, {}, Rule::Increasing, 0, 40)), Result::Applied);
        QCOMPARE(book.bid(0).size, dec("7"));
        QCOMPARE(book.state(), OrderBook::State::Live);
    }

    void noneRuleKeepsSequence()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("99.0", "5")}, {}, Rule::None, 0, 99)), Result::Applied);
        QCOMPARE(book.sequence(), std::int64_t(10));
    }

    void widerPriceScaleKeepsExistingLevelsExact()
    {
        OrderBook book = liveBook(); // scale 1
        QCOMPARE(book.applyDelta(delta({}, {level("100.25", "2")})), Result::Applied);
        QCOMPARE(book.priceScale(), 2);
        QCOMPARE(book.askCount(), std::size_t(4));
        QCOMPARE(book.ask(0).price.toStdString(), std::string("100.00"));
        QCOMPARE(book.ask(1).price.toStdString(), std::string("100.25"));
        QCOMPARE(book.ask(3).price, dec("101.0"));
        QCOMPARE(book.bid(0).price.toStdString(), std::string("99.00"));
        QCOMPARE(book.bid(2).price, dec("98.0"));
        // Existing levels are still found by their original text.
        QCOMPARE(book.applyDelta(delta({}, {level("100.0", "0")})), Result::Applied);
        QCOMPARE(book.askCount(), std::size_t(3));
        QCOMPARE(book.bestAsk(), std::optional<Decimal>(dec("100.25")));
        QCOMPARE(book.mid()->toStdString(), std::string("99.625"));
    }

    void priceWrittenWithTrailingZerosDoesNotWidenScale()
    {
        OrderBook book = liveBook();
        QCOMPARE(book.applyDelta(delta({level("98.500", "9")}, {})), Result::Applied);
        QCOMPARE(book.priceScale(), 1);
        QCOMPARE(book.bidCount(), std::size_t(3));
        QCOMPARE(book.bid(1), level("98.5", "9"));
    }

    void markStaleKeepsLevelsUntilNextUpdate()
    {
        OrderBook book = liveBook();
        const auto version = book.version();
        book.markStale();
        QCOMPARE(book.state(), OrderBook::State::Stale);
        QVERIFY(!book.isLive());
        QCOMPARE(book.bidCount(), std::size_t(3));
        QCOMPARE(book.version(), version + 1);
        book.markStale(); // already stale: no change
        QCOMPARE(book.version(), version + 1);
        QCOMPARE(book.applyDelta(delta({level("99.0", "2")}, {}, Rule::Chained, 10, 11)), Result::Applied);
        QCOMPARE(book.state(), OrderBook::State::Live);
    }

    void markStaleBeforeSnapshotDoesNothing()
    {
        OrderBook book(1);
        book.markStale();
        QCOMPARE(book.state(), OrderBook::State::AwaitingSnapshot);
        QCOMPARE(book.version(), std::uint64_t(0));
    }

    void markResyncingDropsLevels()
    {
        OrderBook book = liveBook();
        const auto version = book.version();
        book.markResyncing();
        QCOMPARE(book.state(), OrderBook::State::Resyncing);
        QCOMPARE(book.bidCount(), std::size_t(0));
        QCOMPARE(book.askCount(), std::size_t(0));
        QVERIFY(book.version() > version);
    }

    void versionIncreasesOnlyOnChange()
    {
        OrderBook book(1);
        const Levels bids{level("99.0", "1")};
        const Levels asks{level("100.0", "1")};
        QCOMPARE(book.version(), std::uint64_t(0));
        QCOMPARE(book.applyDelta(delta(bids, {})), Result::NoSnapshot);
        QCOMPARE(book.version(), std::uint64_t(0));
        book.applySnapshot(bids, asks, 1);
        QCOMPARE(book.version(), std::uint64_t(1));
        book.applyDelta(delta({level("99.0", "2")}, {}, Rule::Chained, 1, 2));
        QCOMPARE(book.version(), std::uint64_t(2));
        book.applyDelta(delta({level("99.0", "3")}, {}, Rule::Chained, 1, 2)); // duplicate
        QCOMPARE(book.version(), std::uint64_t(2));
    }

    void deltaTimestampReplacesOnlyWhenSet()
    {
        OrderBook book(1);
        const Levels bids{level("99.0", "1")};
        book.applySnapshot(bids, {}, 1, 1000);
        QCOMPARE(book.timestampMs(), std::int64_t(1000));
        const Levels change{level("99.0", "2")};
        OrderBook::Delta d = delta(change, {});
        d.timestampMs = 2000;
        QCOMPARE(book.applyDelta(d), Result::Applied);
        QCOMPARE(book.timestampMs(), std::int64_t(2000));
        book.applyDelta(delta({level("99.0", "3")}, {}));
        QCOMPARE(book.timestampMs(), std::int64_t(2000));
    }

    void namesStates()
    {
        QCOMPARE(bookStateName(OrderBook::State::AwaitingSnapshot), "awaiting");
        QCOMPARE(bookStateName(OrderBook::State::Live), "live");
        QCOMPARE(bookStateName(OrderBook::State::Resyncing), "resyncing");
        QCOMPARE(bookStateName(OrderBook::State::Stale), "stale");
    }
};

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"
