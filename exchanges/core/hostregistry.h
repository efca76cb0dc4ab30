#pragma once

#include "marketdataadapter.h" // Environment

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <memory>
#include <optional>
#include <vector>

class Signer;

// A REST host a venue serves, and which of its environments it is.
struct VenueHost
{
    QString host; // lower case, "api.bybit.com"
    QString venue;
    Environment environment = Environment::Mainnet;
};

// Which signer signs a request to which host, as in pybotters: a request to a known exchange host is
// signed; a request to any other host is never signed and never carries a key. A client that sends to
// an overridden base URL (a test server, a proxy) names the venue itself and uses signerForVenue().
class HostRegistry final
{
public:
    HostRegistry(); // every venue botterm knows, with its mainnet, testnet and demo hosts
    ~HostRegistry();
    Q_DISABLE_COPY_MOVE(HostRegistry)

    static const HostRegistry& builtIn();

    // nullptr for a host no venue serves. Case-insensitive; a trailing dot is ignored.
    const Signer* signerForHost(const QString& host) const;
    std::optional<VenueHost> lookup(const QString& host) const;
    // nullptr for an unknown venue. OKX's demo signer adds x-simulated-trading; others sign the same
    // way in every environment.
    const Signer* signerForVenue(const QString& venue, Environment environment = Environment::Mainnet) const;

    QStringList venueNames() const;   // live venues, in the order botterm lists them
    QStringList closedVenues() const; // venues that no longer trade (FTX, Liquid)
    bool isKnownVenue(const QString& venue) const;
    QList<VenueHost> hosts() const;
    QList<VenueHost> hostsForVenue(const QString& venue) const;

private:
    struct VenueSigners
    {
        std::unique_ptr<Signer> mainnet;
        std::unique_ptr<Signer> demo; // only where demo signs differently (OKX)
    };
    void addVenue(const QString& venue, std::unique_ptr<Signer> signer, std::unique_ptr<Signer> demo = {});
    void addHost(const QString& host, const QString& venue, Environment environment);

    std::vector<std::pair<QString, VenueSigners>> m_venues;
    QList<VenueHost> m_hosts;
    QHash<QString, qsizetype> m_hostIndex; // host → index in m_hosts
};
