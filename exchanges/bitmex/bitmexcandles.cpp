#include "bitmexcandles.h"

#include <iterator>

namespace {

std::int64_t floorTo(std::int64_t ms, std::int64_t width)
{
    const std::int64_t q = ms / width;
    return (ms % width < 0 ? q - 1 : q) * width;
}

// Folds a later candle of the same group into one: its close, the extremes, the sums.
void mergeInto(Candle& into, const Candle& part)
{
    if (part.high > into.high)
        into.high = part.high;
    if (part.low < into.low)
        into.low = part.low;
    into.close = part.close;
    // Volumes are statistics cut to what a Decimal holds; a sum too large for one keeps what it had.
    into.volume = Decimal::add(into.volume, part.volume).value_or(into.volume);
    into.turnover = Decimal::add(into.turnover, part.turnover).value_or(into.turnover);
}

} // namespace

QString BitmexCandleBuilder::binSize(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::OneMinute:
        return QStringLiteral("1m");
    case CandleInterval::FiveMinutes:
        return QStringLiteral("5m");
    case CandleInterval::OneHour:
        return QStringLiteral("1h");
    case CandleInterval::OneDay:
        return QStringLiteral("1d");
    case CandleInterval::FifteenMinutes:
    case CandleInterval::FourHours:
        break;
    }
    return {};
}

CandleInterval BitmexCandleBuilder::sourceInterval(CandleInterval interval)
{
    switch (interval) {
    case CandleInterval::FifteenMinutes:
        return CandleInterval::FiveMinutes;
    case CandleInterval::FourHours:
        return CandleInterval::OneHour;
    default:
        return interval;
    }
}

std::vector<Candle> BitmexCandleBuilder::aggregate(const std::vector<Candle>& candles, CandleInterval source,
                                                   CandleInterval target)
{
    const std::int64_t width = intervalMilliseconds(target);
    const std::int64_t sourceWidth = intervalMilliseconds(source);
    std::vector<Candle> out;
    std::int64_t skipped = -1; // the oldest group, when it starts before the candles do
    std::int64_t lastEnd = 0;
    for (const Candle& part : candles) {
        const std::int64_t group = floorTo(part.openTimeMs, width);
        if (group == skipped)
            continue;
        if (out.empty() || out.back().openTimeMs != group) {
            if (out.empty() && part.openTimeMs != group) {
                skipped = group;
                continue;
            }
            out.push_back(part);
            out.back().openTimeMs = group;
            out.back().closed = true;
        } else {
            mergeInto(out.back(), part);
        }
        lastEnd = part.openTimeMs + sourceWidth;
        out.back().closed = part.closed && lastEnd == group + width;
    }
    // Every group but the newest has ended: a later source candle exists.
    for (std::size_t k = 0; k + 1 < out.size(); ++k)
        out[k].closed = true;
    return out;
}

void BitmexCandleBuilder::follow(const std::string& symbol, CandleInterval interval)
{
    if (sourceInterval(interval) != interval)
        m_building.try_emplace({symbol, interval});
}

// Adds a source candle to the group being built and gives the group's candle, when its open is known.
// pushed: a tradeBin push, final; otherwise a history bin, which never replaces a pushed one.
std::optional<Candle> BitmexCandleBuilder::fold(Group& b, CandleInterval source, CandleInterval target,
                                                const Candle& part, bool pushed)
{
    const std::int64_t width = intervalMilliseconds(target);
    const std::int64_t group = floorTo(part.openTimeMs, width);
    if (group < b.openMs)
        return std::nullopt; // an older group: its history is already shown
    if (group > b.openMs)
        b = Group{group, {}, {}, false};
    if (pushed) {
        b.parts[part.openTimeMs] = part;
        b.pushed.insert(part.openTimeMs);
    } else if (!b.pushed.count(part.openTimeMs)) {
        b.parts[part.openTimeMs] = part; // a pushed bin is final; history may hold it still forming
    }
    // Without its first bin and never read from history, the group's open is not known: nothing shown.
    if (b.parts.empty() || (!b.seeded && b.parts.begin()->first != group))
        return std::nullopt;
    Candle c = b.parts.begin()->second;
    c.openTimeMs = group;
    for (auto it = std::next(b.parts.begin()); it != b.parts.end(); ++it)
        mergeInto(c, it->second);
    const auto last = std::prev(b.parts.end());
    c.closed = last->second.closed && last->first + intervalMilliseconds(source) == group + width;
    return c;
}

std::optional<BitmexCandleBuilder::Built>
BitmexCandleBuilder::addPushedBin(std::string_view symbol, CandleInterval source, const Candle& bin)
{
    const CandleInterval target = source == CandleInterval::FiveMinutes ? CandleInterval::FifteenMinutes
                                  : source == CandleInterval::OneHour   ? CandleInterval::FourHours
                                                                        : source;
    if (target == source)
        return std::nullopt;
    const auto it = m_building.find({std::string(symbol), target});
    if (it == m_building.end())
        return std::nullopt;
    if (const auto candle = fold(it->second, source, target, bin, true))
        return Built{target, *candle};
    return std::nullopt;
}

std::vector<Candle> BitmexCandleBuilder::fromHistory(const std::string& symbol, CandleInterval interval,
                                                     std::vector<Candle> bins)
{
    const CandleInterval source = sourceInterval(interval);
    if (source == interval)
        return bins;
    seed(symbol, interval, bins);
    return aggregate(bins, source, interval);
}

// History's newest group becomes the start of the live 15m or 4h candle.
void BitmexCandleBuilder::seed(const std::string& symbol, CandleInterval target,
                               const std::vector<Candle>& sourceCandles)
{
    if (sourceCandles.empty())
        return;
    const CandleInterval source = sourceInterval(target);
    const std::int64_t group = floorTo(sourceCandles.back().openTimeMs, intervalMilliseconds(target));
    Group& b = m_building[{symbol, target}];
    if (group < b.openMs)
        return; // the pushes have moved past it
    // A group that starts before the history does is left for the pushes (its open is not known).
    std::size_t first = sourceCandles.size();
    while (first > 0 && sourceCandles[first - 1].openTimeMs >= group)
        --first;
    if (first == 0 && sourceCandles.front().openTimeMs != group)
        return;
    for (std::size_t k = first; k < sourceCandles.size(); ++k)
        fold(b, source, target, sourceCandles[k], false);
    b.seeded = true;
}
