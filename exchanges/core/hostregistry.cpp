#include "hostregistry.h"

#include "exchanges/binance/binancesigner.h"
#include "exchanges/bitbank/bitbanksigner.h"
#include "exchanges/bitflyer/bitflyersigner.h"
#include "exchanges/bitmex/bitmexsigner.h"
#include "exchanges/bybit/bybitsigner.h"
#include "exchanges/coincheck/coinchecksigner.h"
#include "exchanges/ftx/ftxsigner.h"
#include "exchanges/gmocoin/gmocoinsigner.h"
#include "exchanges/liquid/liquidsigner.h"
#include "exchanges/okx/okxsigner.h"
#include "exchanges/phemex/phemexsigner.h"
#include "signer.h"

namespace {

QString normalisedHost(const QString& host)
{
    QString h = host.trimmed().toLower();
    if (h.endsWith(QLatin1Char('.')))
        h.chop(1);
    return h;
}

} // namespace

HostRegistry::HostRegistry()
{
    using E = Environment;
    // Hosts from docs/exchanges-global.md and docs/exchanges-japan.md. Market-data-only hosts
    // (data-api.binance.vision, public.bitbank.cc) are left out on purpose: nothing there is signed.
    addVenue(QStringLiteral("bybit"), std::make_unique<BybitSigner>());
    for (const char* host :
         {"api.bybit.com", "api.bytick.com", "api.bybit.nl", "api.bybit.tr", "api.bybit.kz",
          "api.bybitgeorgia.ge", "api.bybit.ae", "api.bybit.eu", "api.bybit.id", "api.manepa.jp"})
        addHost(QLatin1String(host), QStringLiteral("bybit"), E::Mainnet);
    addHost(QStringLiteral("api-testnet.bybit.com"), QStringLiteral("bybit"), E::Testnet);
    addHost(QStringLiteral("api-testnet.manepa.jp"), QStringLiteral("bybit"), E::Testnet);
    addHost(QStringLiteral("api-demo.bybit.com"), QStringLiteral("bybit"), E::Demo);

    addVenue(QStringLiteral("binance"), std::make_unique<BinanceSigner>());
    for (const char* host : {"api.binance.com", "api-gcp.binance.com", "api1.binance.com", "api2.binance.com",
                             "api3.binance.com", "api4.binance.com", "fapi.binance.com"})
        addHost(QLatin1String(host), QStringLiteral("binance"), E::Mainnet);
    addHost(QStringLiteral("testnet.binance.vision"), QStringLiteral("binance"), E::Testnet);
    addHost(QStringLiteral("testnet.binancefuture.com"), QStringLiteral("binance"), E::Testnet);
    addHost(QStringLiteral("demo-api.binance.com"), QStringLiteral("binance"), E::Demo);
    addHost(QStringLiteral("demo-fapi.binance.com"), QStringLiteral("binance"), E::Demo);

    addVenue(QStringLiteral("bitflyer"), std::make_unique<BitflyerSigner>());
    addHost(QStringLiteral("api.bitflyer.com"), QStringLiteral("bitflyer"), E::Mainnet);

    addVenue(QStringLiteral("gmocoin"), std::make_unique<GmoCoinSigner>());
    addHost(QStringLiteral("api.coin.z.com"), QStringLiteral("gmocoin"), E::Mainnet);

    addVenue(QStringLiteral("bitbank"), std::make_unique<BitbankSigner>(BitbankSigner::Mode::TimeWindow));
    addHost(QStringLiteral("api.bitbank.cc"), QStringLiteral("bitbank"), E::Mainnet);

    addVenue(QStringLiteral("bitmex"), std::make_unique<BitmexSigner>());
    addHost(QStringLiteral("www.bitmex.com"), QStringLiteral("bitmex"), E::Mainnet);
    addHost(QStringLiteral("testnet.bitmex.com"), QStringLiteral("bitmex"), E::Testnet);

    addVenue(QStringLiteral("phemex"), std::make_unique<PhemexSigner>());
    addHost(QStringLiteral("api.phemex.com"), QStringLiteral("phemex"), E::Mainnet);
    addHost(QStringLiteral("vapi.phemex.com"), QStringLiteral("phemex"), E::Mainnet);
    addHost(QStringLiteral("testnet-api.phemex.com"), QStringLiteral("phemex"), E::Testnet);

    addVenue(QStringLiteral("coincheck"), std::make_unique<CoincheckSigner>());
    addHost(QStringLiteral("coincheck.com"), QStringLiteral("coincheck"), E::Mainnet);

    // OKX demo trading uses the live hosts; only the x-simulated-trading header tells it apart.
    addVenue(QStringLiteral("okx"), std::make_unique<OkxSigner>(OkxSigner::Trading::Live),
             std::make_unique<OkxSigner>(OkxSigner::Trading::Demo));
    for (const char* host : {"www.okx.com", "eea.okx.com", "us.okx.com"})
        addHost(QLatin1String(host), QStringLiteral("okx"), E::Mainnet);

    addVenue(QStringLiteral("ftx"), std::make_unique<FtxSigner>());
    addHost(QStringLiteral("ftx.com"), QStringLiteral("ftx"), E::Mainnet);

    addVenue(QStringLiteral("liquid"), std::make_unique<LiquidSigner>());
    addHost(QStringLiteral("api.liquid.com"), QStringLiteral("liquid"), E::Mainnet);
}

HostRegistry::~HostRegistry() = default;

const HostRegistry& HostRegistry::builtIn()
{
    static const HostRegistry registry;
    return registry;
}

void HostRegistry::addVenue(const QString& venue, std::unique_ptr<Signer> signer,
                            std::unique_ptr<Signer> demo)
{
    m_venues.emplace_back(venue, VenueSigners{std::move(signer), std::move(demo)});
}

void HostRegistry::addHost(const QString& host, const QString& venue, Environment environment)
{
    const QString key = normalisedHost(host);
    m_hostIndex.insert(key, m_hosts.size());
    m_hosts.append(VenueHost{key, venue, environment});
}

std::optional<VenueHost> HostRegistry::lookup(const QString& host) const
{
    const auto it = m_hostIndex.constFind(normalisedHost(host));
    if (it == m_hostIndex.cend())
        return std::nullopt;
    return m_hosts.at(it.value());
}

const Signer* HostRegistry::signerForHost(const QString& host) const
{
    const auto entry = lookup(host);
    return entry ? signerForVenue(entry->venue, entry->environment) : nullptr;
}

const Signer* HostRegistry::signerForVenue(const QString& venue, Environment environment) const
{
    const QString name = venue.trimmed().toLower();
    for (const auto& [venueName, signers] : m_venues) {
        if (venueName != name)
            continue;
        if (environment == Environment::Demo && signers.demo)
            return signers.demo.get();
        return signers.mainnet.get();
    }
    return nullptr;
}

QStringList HostRegistry::venueNames() const
{
    QStringList names;
    for (const auto& [venue, signers] : m_venues) {
        if (!signers.mainnet->isClosed())
            names.append(venue);
    }
    return names;
}

QStringList HostRegistry::closedVenues() const
{
    QStringList names;
    for (const auto& [venue, signers] : m_venues) {
        if (signers.mainnet->isClosed())
            names.append(venue);
    }
    return names;
}

bool HostRegistry::isKnownVenue(const QString& venue) const
{
    return signerForVenue(venue) != nullptr;
}

QList<VenueHost> HostRegistry::hosts() const
{
    return m_hosts;
}

QList<VenueHost> HostRegistry::hostsForVenue(const QString& venue) const
{
    QList<VenueHost> out;
    for (const VenueHost& entry : m_hosts) {
        if (entry.venue == venue)
            out.append(entry);
    }
    return out;
}
