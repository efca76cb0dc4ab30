#include "marketdata.h"

QString sideName(Side side)
{
    return side == Side::Buy ? QStringLiteral("Buy") : QStringLiteral("Sell");
}

void Ticker::mergeFrom(const Ticker& delta)
{
    const auto take = [](std::optional<Decimal>& into, const std::optional<Decimal>& from) {
        if (from)
            into = from;
    };
    take(lastPrice, delta.lastPrice);
    take(bidPrice, delta.bidPrice);
    take(bidSize, delta.bidSize);
    take(askPrice, delta.askPrice);
    take(askSize, delta.askSize);
    take(highPrice24h, delta.highPrice24h);
    take(lowPrice24h, delta.lowPrice24h);
    take(volume24h, delta.volume24h);
    take(turnover24h, delta.turnover24h);
    take(change24h, delta.change24h);
    take(markPrice, delta.markPrice);
    take(indexPrice, delta.indexPrice);
    take(openInterest, delta.openInterest);
    take(fundingRate, delta.fundingRate);
    if (delta.nextFundingMs != 0)
        nextFundingMs = delta.nextFundingMs;
    if (delta.timestampMs != 0)
        timestampMs = delta.timestampMs;
}

namespace {
struct IntervalInfo
{
    CandleInterval interval;
    const char* name;
    std::int64_t ms;
};
constexpr IntervalInfo kIntervals[] = {
    {CandleInterval::OneMinute, "1m", 60'000},        {CandleInterval::FiveMinutes, "5m", 300'000},
    {CandleInterval::FifteenMinutes, "15m", 900'000}, {CandleInterval::OneHour, "1h", 3'600'000},
    {CandleInterval::FourHours, "4h", 14'400'000},    {CandleInterval::OneDay, "1d", 86'400'000},
};
} // namespace

QString intervalName(CandleInterval interval)
{
    for (const auto& i : kIntervals) {
        if (i.interval == interval)
            return QString::fromLatin1(i.name);
    }
    return {};
}

std::optional<CandleInterval> intervalFromName(const QString& name)
{
    for (const auto& i : kIntervals) {
        if (name == QLatin1String(i.name))
            return i.interval;
    }
    return std::nullopt;
}

std::int64_t intervalMilliseconds(CandleInterval interval)
{
    for (const auto& i : kIntervals) {
        if (i.interval == interval)
            return i.ms;
    }
    return 0;
}
