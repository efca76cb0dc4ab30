#pragma once

#include "decimal.h"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

// One price level as a venue sends it: an absolute size at a price; size 0 deletes the level.
struct BookLevel
{
    Decimal price;
    Decimal size;

    friend bool operator==(const BookLevel&, const BookLevel&) = default;
};

// An L2 order book for one symbol. Prices are held as exact integers at the book's price scale in
// flat sorted arrays (best price at the back, so top-of-book changes move few elements); sizes keep
// the venue's text scale. The book checks sequence continuity and crossing and, on any
// inconsistency, drops its levels and reports Resyncing until a fresh snapshot arrives: it is never
// shown as live while it may be wrong.
class OrderBook final
{
public:
    enum class State : std::uint8_t
    {
        AwaitingSnapshot, // nothing received yet
        Live,
        Resyncing, // an inconsistency was found; levels dropped; waiting for a snapshot
        Stale,     // levels kept but the feed has gone quiet; not to be trusted
    };

    // How a delta's sequence numbers must relate to the book's last applied sequence.
    enum class SequenceRule : std::uint8_t
    {
        None,       // the venue sends no sequence (BitMEX, bitFlyer)
        Chained,    // previousSequence must equal the book's sequence (Bybit u-1, OKX prevSeqId, Binance pu)
        Increasing, // sequence must exceed the book's (Phemex: increasing with gaps)
    };

    enum class ApplyResult : std::uint8_t
    {
        Applied,
        IgnoredOld,   // sequence at or below the book's: a duplicate or replay, dropped harmlessly
        NoSnapshot,   // a delta before any snapshot (or while resyncing): dropped
        SequenceGap,  // → Resyncing
        Crossed,      // best bid ≥ best ask after applying → Resyncing
        InvalidLevel, // negative size or a price the book cannot hold → Resyncing
    };

    struct Delta
    {
        std::span<const BookLevel> bids;
        std::span<const BookLevel> asks;
        SequenceRule rule = SequenceRule::None;
        std::int64_t previousSequence = 0;
        std::int64_t sequence = 0;
        std::int64_t timestampMs = 0;
    };

    OrderBook() = default;
    // priceScale: fractional digits of the instrument's tick size (e.g. 2 for "0.10"); the book widens
    // it by itself if a price with more digits arrives.
    explicit OrderBook(int priceScale);

    ApplyResult applySnapshot(std::span<const BookLevel> bids, std::span<const BookLevel> asks,
                              std::int64_t sequence, std::int64_t timestampMs = 0);
    ApplyResult applyDelta(const Delta& delta);

    // Drops all levels and waits for a snapshot (a gap found by the venue adapter, a reconnect).
    void markResyncing();
    // The feed went quiet: keep levels but mark them untrustworthy until the next update.
    void markStale();

    State state() const noexcept { return m_state; }
    bool isLive() const noexcept { return m_state == State::Live; }
    std::int64_t sequence() const noexcept { return m_sequence; }
    std::int64_t timestampMs() const noexcept { return m_timestampMs; }
    // Increases on every change of levels or state; views compare it to skip unchanged books.
    std::uint64_t version() const noexcept { return m_version; }
    int priceScale() const noexcept { return m_priceScale; }

    std::size_t bidCount() const noexcept { return m_bids.size(); }
    std::size_t askCount() const noexcept { return m_asks.size(); }
    // i = 0 is the best level; i < bidCount() / askCount() (unchecked in release builds, asserted otherwise).
    BookLevel bid(std::size_t i) const noexcept;
    BookLevel ask(std::size_t i) const noexcept;
    std::vector<BookLevel> topBids(std::size_t n) const;
    std::vector<BookLevel> topAsks(std::size_t n) const;

    std::optional<Decimal> bestBid() const noexcept;
    std::optional<Decimal> bestAsk() const noexcept;
    std::optional<Decimal> spread() const noexcept;
    std::optional<Decimal> mid() const noexcept;

private:
    struct Level
    {
        std::int64_t price; // at m_priceScale
        Decimal size;
    };

    bool toTicks(Decimal price, std::int64_t& out);
    bool widenPriceScale(int scale);
    bool applyLevel(std::vector<Level>& side, bool ascending, const BookLevel& level);
    bool isCrossed() const noexcept;
    ApplyResult fail(ApplyResult why);
    BookLevel toBookLevel(const Level& level) const noexcept;

    // Bids ascending and asks descending: the best level of each side is at the back.
    std::vector<Level> m_bids;
    std::vector<Level> m_asks;
    std::int64_t m_sequence = 0;
    std::int64_t m_timestampMs = 0;
    std::uint64_t m_version = 0;
    int m_priceScale = 0;
    State m_state = State::AwaitingSnapshot;
};

const char* bookStateName(OrderBook::State state); // "awaiting", "live", "resyncing", "stale"
