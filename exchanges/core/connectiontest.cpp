#include "connectiontest.h"

#include "hostregistry.h"

#include <QJsonArray>
#include <QJsonObject>

namespace {

struct ReadEndpoint
{
    const char* venue;
    const char* path;
    const char* query; // "name=value", or nullptr
};

// A private read endpoint each venue documents for any key with read permission.
constexpr ReadEndpoint kReadEndpoints[] = {
    {"bybit", "/v5/account/wallet-balance", "accountType=UNIFIED"},
    {"binance", "/api/v3/account", nullptr},
    {"okx", "/api/v5/account/balance", nullptr},
    {"bitmex", "/api/v1/user/margin", nullptr},
    {"bitflyer", "/v1/me/getbalance", nullptr},
    {"gmocoin", "/private/v1/account/margin", nullptr},
    {"bitbank", "/v1/user/assets", nullptr},
    {"coincheck", "/api/accounts/balance", nullptr},
    {"phemex", "/accounts/accountPositions", "currency=USDT"},
};

const ReadEndpoint* endpointFor(const QString& venue)
{
    for (const ReadEndpoint& endpoint : kReadEndpoints) {
        if (venue == QLatin1String(endpoint.venue))
            return &endpoint;
    }
    return nullptr;
}

// The venue's primary REST host in that environment: the first one the registry lists.
QString hostFor(const QString& venue, Environment environment)
{
    for (const VenueHost& host : HostRegistry::builtIn().hostsForVenue(venue)) {
        if (host.environment == environment)
            return host.host;
    }
    return {};
}

QString summary(const QJsonDocument& document)
{
    if (document.isArray())
        return QStringLiteral("OK: %1 entries").arg(document.array().size());
    const QJsonObject object = document.object();
    // Bybit V5: result.list[0].totalEquity is the account's equity in USD.
    const QJsonArray list =
        object.value(QLatin1String("result")).toObject().value(QLatin1String("list")).toArray();
    if (!list.isEmpty()) {
        const QString equity = list.first().toObject().value(QLatin1String("totalEquity")).toString();
        if (!equity.isEmpty())
            return QStringLiteral("OK: total equity %1 USD").arg(equity);
    }
    return QStringLiteral("OK: %1 fields").arg(object.size());
}

} // namespace

ConnectionTest::ConnectionTest(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_client(new SignedRestClient(network, this))
{
    m_client->setCredentialsProvider(
        [this](const QString&, Environment, SignedRestClient::CredentialsCallback done) {
            if (m_credentials.isEmpty())
                done(SignedRestClient::CredentialsResult::failure(QStringLiteral("no credentials")));
            else
                done(m_credentials);
        });
}

ConnectionTest::~ConnectionTest() = default;

std::optional<SignedRequest> ConnectionTest::request(const QString& venue, Environment environment,
                                                     const QUrl& baseUrl)
{
    const ReadEndpoint* endpoint = endpointFor(venue);
    if (!endpoint)
        return std::nullopt;
    SignedRequest request;
    request.method = "GET";
    QUrl url = baseUrl;
    if (url.isEmpty()) {
        const QString host = hostFor(venue, environment);
        if (host.isEmpty())
            return std::nullopt;
        url = QUrl(QStringLiteral("https://") + host);
    }
    url.setPath(QString::fromLatin1(endpoint->path));
    request.url = url;
    if (endpoint->query) {
        const QStringList pair = QString::fromLatin1(endpoint->query).split(QLatin1Char('='));
        request.query.append({pair.value(0), pair.value(1)});
    }
    request.venue = venue;
    request.environment = environment;
    return request;
}

void ConnectionTest::run(const QString& venue, Environment environment, const Credentials& credentials,
                         const QUrl& baseUrl, Done done)
{
    const std::optional<SignedRequest> request = ConnectionTest::request(venue, environment, baseUrl);
    if (!request) {
        RestError error;
        error.kind = RestError::Kind::Signing;
        error.message = QStringLiteral("no private read endpoint known for %1 %2")
                            .arg(venue, environmentName(environment));
        done(Outcome::failure(error));
        return;
    }
    m_credentials = credentials;
    m_client->send(*request, [this, done = std::move(done)](const SignedRestClient::Reply& reply) {
        m_credentials.clear();
        if (reply)
            done(Outcome(summary(*reply)));
        else
            done(Outcome::failure(reply.error()));
    });
}
