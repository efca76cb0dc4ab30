#include "credentials.h"

#include "exchanges/core/hostregistry.h"
#include "exchanges/core/keystore.h"
#include "exchanges/core/signedrestclient.h"

#include <QProcessEnvironment>

namespace {
QString envName(const QString& venue, const char* suffix)
{
    return QStringLiteral("BOTTERM_%1_%2").arg(venue.toUpper(), QLatin1String(suffix));
}
} // namespace

QString cliKeychainService()
{
    const QString service = qEnvironmentVariable("BOTTERM_KEYCHAIN_SERVICE");
    return service.isEmpty() ? QStringLiteral("botterm") : service;
}

void provideCliCredentials(SignedRestClient& client, const QString& account)
{
    KeyStore* keyStore = nullptr; // created on first need, owned by the client
    client.setCredentialsProvider([&client, keyStore,
                                   account](const QString& venue, Environment environment,
                                            const SignedRestClient::CredentialsCallback& done) mutable {
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString key = env.value(envName(venue, "KEY"));
        const QString secret = env.value(envName(venue, "SECRET"));
        if (!key.isEmpty() && !secret.isEmpty()) {
            done(Credentials(key, secret.toUtf8(), env.value(envName(venue, "PASSPHRASE")).toUtf8()));
            return;
        }
        if (!keyStore)
            keyStore = new KeyStore(cliKeychainService(), &client);
        const AccountId id{venue, account, environment};
        keyStore->load(id, [done, id](const Result<Credentials, KeyStoreError>& loaded) {
            if (loaded) {
                done(loaded.value());
                return;
            }
            done(SignedRestClient::CredentialsResult::failure(
                QStringLiteral("no API key for %1 (set %2 and %3, or store one with 'botterm-cli keys'): %4")
                    .arg(id.keychainKey(), envName(id.venue, "KEY"), envName(id.venue, "SECRET"),
                         loaded.error().message)));
        });
    });
}

namespace {
std::optional<QString> defaultHost(const QString& venue, Environment environment)
{
    const QList<VenueHost> hosts = HostRegistry::builtIn().hostsForVenue(venue);
    for (const VenueHost& host : hosts) {
        if (host.environment == environment)
            return host.host;
    }
    // OKX demo trading uses the live hosts (with its demo header).
    if (venue == QLatin1String("okx") && environment == Environment::Demo && !hosts.isEmpty())
        return hosts.first().host;
    return std::nullopt;
}
} // namespace

std::optional<QUrl> cliBaseUrl(const QString& baseUrlOption, const QString& venue, Environment environment,
                               QString& error)
{
    if (!baseUrlOption.isEmpty()) {
        const QUrl base(baseUrlOption, QUrl::StrictMode);
        if (!base.isValid() || base.host().isEmpty() ||
            (base.scheme() != QLatin1String("https") && base.scheme() != QLatin1String("http")) ||
            base.hasQuery() || base.hasFragment()) {
            error = QStringLiteral("--base-url must be an absolute http(s) URL without a query");
            return std::nullopt;
        }
        return base;
    }
    const auto host = defaultHost(venue, environment);
    if (!host) {
        error = QStringLiteral("no %1 host is known for %2; pass --base-url")
                    .arg(environmentName(environment), venue);
        return std::nullopt;
    }
    return QUrl(QStringLiteral("https://") + *host);
}
