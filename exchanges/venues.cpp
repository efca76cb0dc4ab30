#include "venues.h"

#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bitmex/bitmexstreamprotocol.h"
#include "exchanges/bitmex/bitmextrading.h"
#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"

QStringList marketDataVenues()
{
    return {QStringLiteral("bybit"), QStringLiteral("bitmex")};
}

std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue)
{
    if (venue == QLatin1String("bybit"))
        return std::make_unique<BybitMarketData>();
    if (venue == QLatin1String("bitmex"))
        return std::make_unique<BitmexMarketData>();
    return nullptr;
}

QStringList tradingVenues()
{
    return {QStringLiteral("bybit"), QStringLiteral("bitmex")};
}

std::optional<VenueTrading> createVenueTrading(const QString& venue, Environment environment,
                                               const QUrl& restUrl, const QUrl& privateStreamUrl)
{
    if (venue == QLatin1String("bitmex")) {
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? BitmexMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? BitmexTrading::privateStreamUrl(environment) : privateStreamUrl;
        out.adapter = std::make_unique<BitmexTrading>(out.restUrl, environment);
        out.privateProtocol = std::make_unique<BitmexStreamProtocol>();
        return out;
    }
    if (venue != QLatin1String("bybit"))
        return std::nullopt;
    VenueTrading out;
    out.restUrl = restUrl.isEmpty() ? BybitMarketData().restBaseUrl(environment) : restUrl;
    out.privateStreamUrl =
        privateStreamUrl.isEmpty() ? BybitTrading::privateStreamUrl(environment) : privateStreamUrl;
    out.adapter = std::make_unique<BybitTrading>(out.restUrl, environment);
    out.privateProtocol = std::make_unique<BybitStreamProtocol>();
    return out;
}
