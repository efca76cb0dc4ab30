#include "venues.h"

#include "exchanges/bitflyer/bitflyermarketdata.h"
#include "exchanges/bitflyer/bitflyerstreamprotocol.h"
#include "exchanges/bitflyer/bitflyertrading.h"
#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"
#include "exchanges/okx/okxmarketdata.h"
#include "exchanges/okx/okxstreamprotocol.h"
#include "exchanges/okx/okxtrading.h"

QStringList marketDataVenues()
{
    return {QStringLiteral("bybit"), QStringLiteral("okx"), QStringLiteral("bitflyer")};
}

std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue)
{
    if (venue == QLatin1String("bybit"))
        return std::make_unique<BybitMarketData>();
    if (venue == QLatin1String("okx"))
        return std::make_unique<OkxMarketData>();
    if (venue == QLatin1String("bitflyer"))
        return std::make_unique<BitflyerMarketData>();
    return nullptr;
}

QStringList tradingVenues()
{
    return {QStringLiteral("bybit"), QStringLiteral("okx"), QStringLiteral("bitflyer")};
}

std::optional<VenueTrading> createVenueTrading(const QString& venue, Environment environment,
                                               const QUrl& restUrl, const QUrl& privateStreamUrl)
{
    if (venue == QLatin1String("okx")) {
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? OkxMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? OkxTrading::privateStreamUrl(environment) : privateStreamUrl;
        out.adapter = std::make_unique<OkxTrading>(out.restUrl, environment);
        out.privateProtocol = std::make_unique<OkxStreamProtocol>();
        return out;
    }
    if (venue == QLatin1String("bitflyer")) {
        // bitFlyer has no testnet or demo. An account set up for one must not trade live: its requests go
        // to a URL that is not http(s), so nothing is sent and the error says why.
        const bool live = environment == Environment::Mainnet;
        const QUrl nowhere(
            QStringLiteral("unsupported:bitFlyer has no testnet or demo (use a mainnet account)"));
        VenueTrading out;
        out.restUrl = !restUrl.isEmpty() ? restUrl
                      : live             ? BitflyerMarketData().restBaseUrl(environment)
                                         : nowhere;
        out.privateStreamUrl = !privateStreamUrl.isEmpty() ? privateStreamUrl
                               : live                      ? BitflyerTrading::privateStreamUrl()
                                                           : nowhere;
        out.adapter = std::make_unique<BitflyerTrading>(out.restUrl);
        out.privateProtocol = std::make_unique<BitflyerStreamProtocol>();
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
