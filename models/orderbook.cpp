#include "orderbook.h"

#include <algorithm>
#include <cassert>
#include <limits>

OrderBook::OrderBook(int priceScale)
    : m_priceScale(std::clamp(priceScale, 0, Decimal::MaxScale))
{}

bool OrderBook::widenPriceScale(int scale)
{
    if (scale <= m_priceScale || scale > Decimal::MaxScale)
        return false;
    const int extra = scale - m_priceScale;
    std::int64_t factor = 1;
    for (int i = 0; i < extra; ++i)
        factor *= 10;
    for (auto* side : {&m_bids, &m_asks}) {
        for (const Level& l : *side) {
            std::int64_t out;
            if (__builtin_mul_overflow(l.price, factor, &out))
                return false;
        }
    }
    for (auto* side : {&m_bids, &m_asks}) {
        for (Level& l : *side)
            l.price *= factor;
    }
    m_priceScale = scale;
    return true;
}

bool OrderBook::toTicks(Decimal price, std::int64_t& out)
{
    if (price.scale() == m_priceScale) {
        out = price.mantissa();
        return price.mantissa() > 0;
    }
    if (auto m = price.mantissaAtScale(m_priceScale)) {
        out = *m;
        return out > 0;
    }
    // More fractional digits than the book holds: widen to the venue's written scale (so prices
    // format back as the venue wrote them), keeping every level exact.
    if (price.scale() > m_priceScale && widenPriceScale(price.scale())) {
        if (auto m = price.mantissaAtScale(m_priceScale)) {
            out = *m;
            return out > 0;
        }
    }
    return false;
}

bool OrderBook::applyLevel(std::vector<Level>& side, bool ascending, const BookLevel& level)
{
    if (level.size.isNegative())
        return false;
    std::int64_t ticks;
    if (!toTicks(level.price, ticks))
        return false;
    // The best level sits at the back, and most changes happen near the top: search from there.
    auto it = ascending ? std::lower_bound(side.begin(), side.end(), ticks,
                                           [](const Level& l, std::int64_t p) { return l.price < p; })
                        : std::lower_bound(side.begin(), side.end(), ticks,
                                           [](const Level& l, std::int64_t p) { return l.price > p; });
    const bool found = it != side.end() && it->price == ticks;
    if (level.size.isZero()) {
        if (found)
            side.erase(it);
        return true;
    }
    if (found)
        it->size = level.size;
    else
        side.insert(it, Level{ticks, level.size});
    return true;
}

OrderBook::ApplyResult OrderBook::fail(ApplyResult why)
{
    markResyncing();
    return why;
}

OrderBook::ApplyResult OrderBook::applySnapshot(std::span<const BookLevel> bids,
                                                std::span<const BookLevel> asks, std::int64_t sequence,
                                                std::int64_t timestampMs)
{
    m_bids.clear();
    m_asks.clear();
    for (const BookLevel& l : bids) {
        if (!applyLevel(m_bids, true, l))
            return fail(ApplyResult::InvalidLevel);
    }
    for (const BookLevel& l : asks) {
        if (!applyLevel(m_asks, false, l))
            return fail(ApplyResult::InvalidLevel);
    }
    if (isCrossed())
        return fail(ApplyResult::Crossed);
    m_sequence = sequence;
    m_timestampMs = timestampMs;
    m_state = State::Live;
    ++m_version;
    return ApplyResult::Applied;
}

OrderBook::ApplyResult OrderBook::applyDelta(const Delta& delta)
{
    if (m_state == State::AwaitingSnapshot || m_state == State::Resyncing)
        return ApplyResult::NoSnapshot;
    switch (delta.rule) {
    case SequenceRule::None:
        break;
    case SequenceRule::Chained:
        if (delta.sequence <= m_sequence && delta.previousSequence < m_sequence)
            return ApplyResult::IgnoredOld;
        if (delta.previousSequence != m_sequence)
            return fail(ApplyResult::SequenceGap);
        break;
    case SequenceRule::Increasing:
        if (delta.sequence <= m_sequence)
            return ApplyResult::IgnoredOld;
        break;
    }
    for (const BookLevel& l : delta.bids) {
        if (!applyLevel(m_bids, true, l))
            return fail(ApplyResult::InvalidLevel);
    }
    for (const BookLevel& l : delta.asks) {
        if (!applyLevel(m_asks, false, l))
            return fail(ApplyResult::InvalidLevel);
    }
    if (isCrossed())
        return fail(ApplyResult::Crossed);
    if (delta.rule != SequenceRule::None)
        m_sequence = delta.sequence;
    if (delta.timestampMs != 0)
        m_timestampMs = delta.timestampMs;
    m_state = State::Live;
    ++m_version;
    return ApplyResult::Applied;
}

void OrderBook::markResyncing()
{
    m_bids.clear();
    m_asks.clear();
    m_state = State::Resyncing;
    ++m_version;
}

void OrderBook::markStale()
{
    if (m_state != State::Live)
        return;
    m_state = State::Stale;
    ++m_version;
}

bool OrderBook::isCrossed() const noexcept
{
    return !m_bids.empty() && !m_asks.empty() && m_bids.back().price >= m_asks.back().price;
}

BookLevel OrderBook::toBookLevel(const Level& level) const noexcept
{
    return BookLevel{Decimal::fromMantissa(level.price, m_priceScale), level.size};
}

BookLevel OrderBook::bid(std::size_t i) const noexcept
{
    assert(i < m_bids.size());
    return toBookLevel(m_bids[m_bids.size() - 1 - i]);
}

BookLevel OrderBook::ask(std::size_t i) const noexcept
{
    assert(i < m_asks.size());
    return toBookLevel(m_asks[m_asks.size() - 1 - i]);
}

std::vector<BookLevel> OrderBook::topBids(std::size_t n) const
{
    std::vector<BookLevel> out;
    n = std::min(n, m_bids.size());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(bid(i));
    return out;
}

std::vector<BookLevel> OrderBook::topAsks(std::size_t n) const
{
    std::vector<BookLevel> out;
    n = std::min(n, m_asks.size());
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(ask(i));
    return out;
}

std::optional<Decimal> OrderBook::bestBid() const noexcept
{
    if (m_bids.empty())
        return std::nullopt;
    return Decimal::fromMantissa(m_bids.back().price, m_priceScale);
}

std::optional<Decimal> OrderBook::bestAsk() const noexcept
{
    if (m_asks.empty())
        return std::nullopt;
    return Decimal::fromMantissa(m_asks.back().price, m_priceScale);
}

std::optional<Decimal> OrderBook::spread() const noexcept
{
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    return Decimal::fromMantissa(m_asks.back().price - m_bids.back().price, m_priceScale);
}

std::optional<Decimal> OrderBook::mid() const noexcept
{
    if (m_bids.empty() || m_asks.empty())
        return std::nullopt;
    // Two prices near the top of the 64-bit range overflow when added: sum in 128 bits.
    const __int128 sum = __int128(m_asks.back().price) + m_bids.back().price;
    if (sum % 2 == 0)
        return Decimal::fromMantissa(static_cast<std::int64_t>(sum / 2), m_priceScale);
    // Half a tick: one more fractional digit keeps it exact, if the mantissa still fits.
    const __int128 halfTicks = sum * 5;
    if (m_priceScale >= Decimal::MaxScale || halfTicks > std::numeric_limits<std::int64_t>::max())
        return std::nullopt;
    return Decimal::fromMantissa(static_cast<std::int64_t>(halfTicks), m_priceScale + 1);
}

const char* bookStateName(OrderBook::State state)
{
    switch (state) {
    case OrderBook::State::AwaitingSnapshot:
        return "awaiting";
    case OrderBook::State::Live:
        return "live";
    case OrderBook::State::Resyncing:
        return "resyncing";
    case OrderBook::State::Stale:
        return "stale";
    }
    return "unknown";
}
