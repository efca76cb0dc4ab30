// OrderBook on a byte-driven sequence of snapshots, deltas, resyncs and stale marks with arbitrary
// prices, sizes and sequence numbers. After every operation a book that says it is live must be
// consistent: not crossed, bids strictly descending, asks strictly ascending, no empty levels.
#include "fuzzsupport.h"
#include "models/orderbook.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <limits>
#include <vector>

namespace {

Decimal consumeDecimal(FuzzedDataProvider& input, bool isSize)
{
    const int scale = input.ConsumeIntegralInRange<int>(0, Decimal::MaxScale);
    std::int64_t mantissa = 0;
    switch (input.ConsumeIntegralInRange<int>(0, 3)) {
    case 0: // near a typical tick grid: many prices collide, so levels are updated and deleted
        mantissa = input.ConsumeIntegralInRange<std::int64_t>(isSize ? 0 : 1, 40);
        break;
    case 1:
        mantissa = input.ConsumeIntegralInRange<std::int64_t>(-2, 100'000);
        break;
    case 2: // the edges of what the book can hold
        mantissa =
            std::numeric_limits<std::int64_t>::max() - input.ConsumeIntegralInRange<std::int64_t>(0, 40);
        break;
    default:
        mantissa = input.ConsumeIntegral<std::int64_t>();
        break;
    }
    if (isSize && input.ConsumeBool())
        return Decimal::fromMantissa(0, scale); // a deletion
    return Decimal::fromMantissa(mantissa, scale);
}

std::vector<BookLevel> consumeLevels(FuzzedDataProvider& input)
{
    std::vector<BookLevel> levels(input.ConsumeIntegralInRange<std::size_t>(0, 12));
    for (BookLevel& level : levels) {
        level.price = consumeDecimal(input, false);
        level.size = consumeDecimal(input, true);
    }
    return levels;
}

std::int64_t consumeSequence(FuzzedDataProvider& input, std::int64_t current)
{
    if (input.ConsumeBool()) { // near the book's own sequence, so chains continue (wrapping at the ends)
        const auto step = static_cast<std::uint64_t>(input.ConsumeIntegralInRange<std::int64_t>(-2, 3));
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(current) + step);
    }
    return input.ConsumeIntegral<std::int64_t>();
}

void checkBook(const OrderBook& book)
{
    if (book.state() == OrderBook::State::Resyncing || book.state() == OrderBook::State::AwaitingSnapshot)
        FUZZ_CHECK(book.bidCount() == 0 && book.askCount() == 0,
                   "a book waiting for a snapshot has %zu/%zu levels", book.bidCount(), book.askCount());
    // Reading the book must be safe in every state.
    (void)book.spread();
    (void)book.mid();
    (void)book.topBids(5);
    (void)book.topAsks(5);
    if (!book.isLive())
        return;
    for (std::size_t i = 0; i < book.bidCount(); ++i) {
        const BookLevel level = book.bid(i);
        FUZZ_CHECK(level.size > Decimal() && level.price > Decimal(), "live bid %zu is %s @ %s", i,
                   level.size.toStdString().c_str(), level.price.toStdString().c_str());
        if (i > 0)
            FUZZ_CHECK(book.bid(i - 1).price > level.price, "bids not strictly descending at %zu", i);
    }
    for (std::size_t i = 0; i < book.askCount(); ++i) {
        const BookLevel level = book.ask(i);
        FUZZ_CHECK(level.size > Decimal() && level.price > Decimal(), "live ask %zu is %s @ %s", i,
                   level.size.toStdString().c_str(), level.price.toStdString().c_str());
        if (i > 0)
            FUZZ_CHECK(book.ask(i - 1).price < level.price, "asks not strictly ascending at %zu", i);
    }
    const auto bid = book.bestBid();
    const auto ask = book.bestAsk();
    if (bid && ask) {
        FUZZ_CHECK(*bid < *ask, "live book crossed: %s / %s", bid->toStdString().c_str(),
                   ask->toStdString().c_str());
        const auto spread = book.spread();
        FUZZ_CHECK(spread && *spread > Decimal(), "live book has no positive spread");
        if (const auto mid = book.mid())
            FUZZ_CHECK(*bid < *mid && *mid < *ask, "mid %s outside %s / %s", mid->toStdString().c_str(),
                       bid->toStdString().c_str(), ask->toStdString().c_str());
    }
}

// The levels a snapshot leaves when accepted: the last size per price wins, zeros are absent.
bool sameLevel(const BookLevel& a, const BookLevel& b)
{
    return a.price == b.price && a.size.isIdenticalTo(b.size);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzedDataProvider input(data, size);
    OrderBook book(input.ConsumeIntegralInRange<int>(-1, Decimal::MaxScale + 1));
    for (int step = 0; step < 64 && input.remaining_bytes() > 0; ++step) {
        const std::uint64_t versionBefore = book.version();
        const OrderBook::State stateBefore = book.state();
        switch (input.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: {
            const auto bids = consumeLevels(input);
            const auto asks = consumeLevels(input);
            const std::int64_t sequence = consumeSequence(input, book.sequence());
            const std::int64_t timestampMs = input.ConsumeIntegral<std::int64_t>();
            const auto result = book.applySnapshot(bids, asks, sequence, timestampMs);
            FUZZ_CHECK((result == OrderBook::ApplyResult::Applied) == book.isLive(),
                       "snapshot result %d but state %s", int(result), bookStateName(book.state()));
            if (result == OrderBook::ApplyResult::Applied) {
                FUZZ_CHECK(book.sequence() == sequence, "snapshot sequence not taken");
                // Every accepted non-zero level is in the book as sent (the last one per price wins).
                for (const auto* side : {&bids, &asks}) {
                    for (std::size_t i = 0; i < side->size(); ++i) {
                        const BookLevel& level = (*side)[i];
                        bool laterSamePrice = false;
                        for (std::size_t j = i + 1; j < side->size(); ++j)
                            laterSamePrice = laterSamePrice || (*side)[j].price == level.price;
                        if (laterSamePrice || level.size.isZero())
                            continue;
                        const bool isBid = side == &bids;
                        const std::size_t count = isBid ? book.bidCount() : book.askCount();
                        bool present = false;
                        for (std::size_t k = 0; k < count && !present; ++k)
                            present = sameLevel(isBid ? book.bid(k) : book.ask(k), level);
                        FUZZ_CHECK(present, "snapshot level %s @ %s missing",
                                   level.size.toStdString().c_str(), level.price.toStdString().c_str());
                    }
                }
            }
            break;
        }
        case 1:
        case 2: {
            const auto bids = consumeLevels(input);
            const auto asks = consumeLevels(input);
            OrderBook::Delta delta;
            delta.bids = bids;
            delta.asks = asks;
            delta.rule = static_cast<OrderBook::SequenceRule>(input.ConsumeIntegralInRange<int>(0, 2));
            delta.previousSequence = consumeSequence(input, book.sequence());
            delta.sequence = consumeSequence(input, delta.previousSequence);
            delta.timestampMs = input.ConsumeIntegral<std::int64_t>();
            const std::int64_t sequenceBefore = book.sequence();
            const auto result = book.applyDelta(delta);
            switch (result) {
            case OrderBook::ApplyResult::Applied:
                FUZZ_CHECK(book.isLive(), "delta applied but state %s", bookStateName(book.state()));
                FUZZ_CHECK(delta.rule == OrderBook::SequenceRule::None || book.sequence() == delta.sequence,
                           "delta sequence not taken");
                break;
            case OrderBook::ApplyResult::IgnoredOld:
            case OrderBook::ApplyResult::NoSnapshot:
                FUZZ_CHECK(book.version() == versionBefore && book.state() == stateBefore &&
                               book.sequence() == sequenceBefore,
                           "an ignored delta changed the book");
                break;
            default:
                FUZZ_CHECK(book.state() == OrderBook::State::Resyncing, "a failed delta left the book %s",
                           bookStateName(book.state()));
                break;
            }
            break;
        }
        case 3:
            book.markResyncing();
            FUZZ_CHECK(book.state() == OrderBook::State::Resyncing, "markResyncing did not resync");
            break;
        case 4:
            book.markStale();
            FUZZ_CHECK(!book.isLive(), "a stale book still says live");
            break;
        default:
            break;
        }
        checkBook(book);
    }
    return 0;
}
