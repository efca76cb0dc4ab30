#include "venues.h"

#include "exchanges/bybit/bybitmarketdata.h"

QStringList marketDataVenues()
{
    return {QStringLiteral("bybit")};
}

std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue)
{
    if (venue == QLatin1String("bybit"))
        return std::make_unique<BybitMarketData>();
    return nullptr;
}
