#include "venues.h"

#include "exchanges/binance/binanceprivateprotocol.h"
#include "exchanges/binance/binancetrading.h"

#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"

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

QStringList tradingVenues()
{
    return {QStringLiteral("bybit"), QStringLiteral("binance")};
}

std::optional<VenueTrading> createVenueTrading(const QString& venue, Environment environment,
                                               const QUrl& restUrl, const QUrl& privateStreamUrl)
{
    if (venue == QLatin1String("binance")) {
        // One key, two products: spot REST and WS API, USDⓈ-M REST and listenKey stream. A test server
        // (restUrl / privateStreamUrl given) serves both on one host each.
        // (The CLI passes the spot host itself: Binance's own hosts mean the environment's endpoints.)
        const QString host = restUrl.host();
        const bool own = host.endsWith(QLatin1String("binance.com")) ||
                         host.endsWith(QLatin1String("binance.vision")) ||
                         host.endsWith(QLatin1String("binancefuture.com"));
        const BinanceTrading::Endpoints endpoints =
            restUrl.isEmpty() || own
                ? BinanceTrading::endpoints(environment)
                : BinanceTrading::loopback(restUrl, privateStreamUrl.isEmpty() ? restUrl : privateStreamUrl);
        VenueTrading out;
        out.restUrl = endpoints.spotRest;
        out.privateStreamUrl = endpoints.spotStream;
        out.adapter = std::make_unique<BinanceTrading>(endpoints, environment);
        out.privateProtocol = std::make_unique<BinancePrivateProtocol>();
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
