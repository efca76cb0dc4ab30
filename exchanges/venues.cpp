#include "venues.h"

#include "exchanges/binance/binancemarketdata.h"
#include "exchanges/binance/binanceprivateprotocol.h"
#include "exchanges/binance/binancetrading.h"
#include "exchanges/bitbank/bitbankmarketdata.h"
#include "exchanges/bitbank/bitbanktrading.h"
#include "exchanges/bitflyer/bitflyermarketdata.h"
#include "exchanges/bitflyer/bitflyerstreamprotocol.h"
#include "exchanges/bitflyer/bitflyertrading.h"
#include "exchanges/bitmex/bitmexmarketdata.h"
#include "exchanges/bitmex/bitmexstreamprotocol.h"
#include "exchanges/bitmex/bitmextrading.h"
#include "exchanges/bybit/bybitmarketdata.h"
#include "exchanges/bybit/bybitstreamprotocol.h"
#include "exchanges/bybit/bybittrading.h"
#include "exchanges/coincheck/coincheckmarketdata.h"
#include "exchanges/coincheck/coincheckstreamprotocol.h"
#include "exchanges/coincheck/coinchecktrading.h"
#include "exchanges/gmocoin/gmocoinmarketdata.h"
#include "exchanges/gmocoin/gmocoinstreamprotocol.h"
#include "exchanges/gmocoin/gmocointrading.h"
#include "exchanges/okx/okxmarketdata.h"
#include "exchanges/okx/okxstreamprotocol.h"
#include "exchanges/okx/okxtrading.h"
#include "exchanges/phemex/phemexmarketdata.h"
#include "exchanges/phemex/phemexstreamprotocol.h"
#include "exchanges/phemex/phemextrading.h"

QStringList marketDataVenues()
{
    return {QStringLiteral("bybit"),   QStringLiteral("binance"), QStringLiteral("bitmex"),
            QStringLiteral("okx"),     QStringLiteral("phemex"),  QStringLiteral("bitflyer"),
            QStringLiteral("gmocoin"), QStringLiteral("bitbank"), QStringLiteral("coincheck")};
}

std::unique_ptr<MarketDataAdapter> createMarketDataAdapter(const QString& venue)
{
    if (venue == QLatin1String("bybit"))
        return std::make_unique<BybitMarketData>();
    if (venue == QLatin1String("binance"))
        return std::make_unique<BinanceMarketData>();
    if (venue == QLatin1String("bitbank"))
        return std::make_unique<BitbankMarketData>();
    if (venue == QLatin1String("bitflyer"))
        return std::make_unique<BitflyerMarketData>();
    if (venue == QLatin1String("coincheck"))
        return std::make_unique<CoincheckMarketData>();
    if (venue == QLatin1String("bitmex"))
        return std::make_unique<BitmexMarketData>();
    if (venue == QLatin1String("gmocoin"))
        return std::make_unique<GmocoinMarketData>();
    if (venue == QLatin1String("okx"))
        return std::make_unique<OkxMarketData>();
    if (venue == QLatin1String("phemex"))
        return std::make_unique<PhemexMarketData>();
    return nullptr;
}

QStringList tradingVenues()
{
    return {QStringLiteral("bybit"),   QStringLiteral("binance"),   QStringLiteral("bitmex"),
            QStringLiteral("okx"),     QStringLiteral("phemex"),    QStringLiteral("bitflyer"),
            QStringLiteral("gmocoin"), QStringLiteral("coincheck"), QStringLiteral("bitbank")};
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
    if (venue == QLatin1String("bitbank")) {
        // bitbank has no testnet: an account set up for one cannot trade. Its private stream is PubNub's
        // long-poll (privateStreamUrl: the PubNub origin), not a WebSocket: no stream protocol.
        if (environment != Environment::Mainnet && restUrl.isEmpty())
            return std::nullopt;
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? BitbankMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? BitbankTrading::privateStreamUrl() : privateStreamUrl;
        out.adapter = std::make_unique<BitbankTrading>(out.restUrl);
        return out;
    }
    if (venue == QLatin1String("bitflyer")) {
        // bitFlyer has no testnet or demo: an account set up for one cannot trade (never live by mistake).
        if (environment != Environment::Mainnet && restUrl.isEmpty())
            return std::nullopt;
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? BitflyerMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? BitflyerTrading::privateStreamUrl() : privateStreamUrl;
        out.adapter = std::make_unique<BitflyerTrading>(out.restUrl);
        out.privateProtocol = std::make_unique<BitflyerStreamProtocol>();
        return out;
    }
    if (venue == QLatin1String("bitmex")) {
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? BitmexMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? BitmexTrading::privateStreamUrl(environment) : privateStreamUrl;
        out.adapter = std::make_unique<BitmexTrading>(out.restUrl, environment);
        out.privateProtocol = std::make_unique<BitmexStreamProtocol>();
        return out;
    }
    if (venue == QLatin1String("coincheck")) {
        // Coincheck has no testnet or demo: an account set up for one cannot trade.
        if (environment != Environment::Mainnet && restUrl.isEmpty())
            return std::nullopt;
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? CoincheckMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? CoincheckTrading::privateStreamUrl() : privateStreamUrl;
        out.adapter = std::make_unique<CoincheckTrading>(out.restUrl);
        out.privateProtocol = std::make_unique<CoincheckPrivateProtocol>();
        return out;
    }
    if (venue == QLatin1String("gmocoin")) {
        // GMO Coin has no testnet or demo: an account set up for one cannot trade.
        if (environment != Environment::Mainnet && restUrl.isEmpty())
            return std::nullopt;
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? GmocoinMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? GmocoinTrading::privateStreamUrl() : privateStreamUrl;
        out.adapter = std::make_unique<GmocoinTrading>(out.restUrl);
        out.privateProtocol = std::make_unique<GmocoinStreamProtocol>(); // paced: 1 command a second
        return out;
    }
    if (venue == QLatin1String("okx")) {
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? OkxMarketData().restBaseUrl(environment) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? OkxTrading::privateStreamUrl(environment) : privateStreamUrl;
        out.adapter = std::make_unique<OkxTrading>(out.restUrl, environment);
        out.privateProtocol = std::make_unique<OkxStreamProtocol>();
        return out;
    }
    if (venue == QLatin1String("phemex")) {
        // Phemex has no demo environment; its testnet is the one without real money (never mainnet).
        const Environment hosts = environment == Environment::Demo ? Environment::Testnet : environment;
        VenueTrading out;
        out.restUrl = restUrl.isEmpty() ? PhemexMarketData().restBaseUrl(hosts) : restUrl;
        out.privateStreamUrl =
            privateStreamUrl.isEmpty() ? PhemexTrading::privateStreamUrl(hosts) : privateStreamUrl;
        out.adapter = std::make_unique<PhemexTrading>(out.restUrl, environment);
        out.privateProtocol = std::make_unique<PhemexStreamProtocol>();
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
