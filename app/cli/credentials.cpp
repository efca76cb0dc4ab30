#include "credentials.h"

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
