// botterm-cli fetch VENUE METHOD PATH [--query k=v]… [--data JSON] [--account NAME] [--env ENV]
//                   [--base-url URL] [--timeout-ms MS]
// One signed request. Keys come from BOTTERM_<VENUE>_KEY/_SECRET/_PASSPHRASE when set, else from the
// keychain (service BOTTERM_KEYCHAIN_SERVICE, default "botterm"). The reply's JSON goes to stdout
// (exit 0); a failure goes to stderr as the typed error (HTTP status, venue code, message verbatim;
// exit 1); bad arguments exit 2. The secret is never printed.

#include "commands.h"
#include "credentials.h"

#include "exchanges/core/hostregistry.h"
#include "exchanges/core/keystore.h"
#include "exchanges/core/signedrestclient.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>

#include <cstdio>
#include <optional>

namespace {

const char kUsage[] =
    "usage: botterm-cli fetch VENUE METHOD PATH [--query K=V]... [--data JSON_OBJECT] [--account NAME]\n"
    "                         [--env mainnet|testnet|demo] [--base-url URL] [--timeout-ms MS]\n"
    "  Sends one request signed with the account's API key and prints the reply's JSON.\n"
    "  Keys: BOTTERM_<VENUE>_KEY, _SECRET and _PASSPHRASE if set, else the keychain entry\n"
    "  VENUE/ACCOUNT/ENV (service $BOTTERM_KEYCHAIN_SERVICE, default \"botterm\").\n"
    "  --base-url sends to another server (a proxy, a test server); the request is signed for it.\n"
    "  Exit codes: 0 success, 1 the request failed (the error is printed), 2 bad arguments.\n";

int usage(const QString& message)
{
    return usageError("fetch", message, kUsage);
}

} // namespace

int runFetchCommand(const QStringList& args)
{
    const HostRegistry& registry = HostRegistry::builtIn();

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption queryOption(QStringLiteral("query"), QStringLiteral("Query parameter."),
                                         QStringLiteral("K=V"));
    const QCommandLineOption dataOption(QStringLiteral("data"),
                                        QStringLiteral("Parameters as a JSON object."),
                                        QStringLiteral("JSON_OBJECT"));
    const QCommandLineOption accountOption(QStringLiteral("account"), QStringLiteral("Keychain account."),
                                           QStringLiteral("NAME"), QStringLiteral("main"));
    const QCommandLineOption envOption(QStringLiteral("env"), QStringLiteral("mainnet, testnet or demo."),
                                       QStringLiteral("ENV"), QStringLiteral("mainnet"));
    const QCommandLineOption baseUrlOption(QStringLiteral("base-url"), QStringLiteral("Send to this server."),
                                           QStringLiteral("URL"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout-ms"), QStringLiteral("Request timeout."),
                                           QStringLiteral("MS"), QStringLiteral("10000"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("help"), QStringLiteral("h")},
                                        QStringLiteral("Show this help."));
    parser.addOptions(
        {queryOption, dataOption, accountOption, envOption, baseUrlOption, timeoutOption, helpOption});

    if (!parser.parse(QStringList{QStringLiteral("botterm-cli fetch")} + args))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 3)
        return usage(QStringLiteral("expected VENUE METHOD PATH, got %1 argument(s)").arg(positional.size()));

    const QString venue = positional.at(0).trimmed().toLower();
    if (!registry.venueNames().contains(venue))
        return usage(QStringLiteral("unknown venue \"%1\"; known: %2")
                         .arg(venue, registry.venueNames().join(QLatin1Char(' '))));
    const QByteArray method = positional.at(1).trimmed().toUpper().toLatin1();
    if (method.isEmpty() ||
        !std::all_of(method.cbegin(), method.cend(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        return usage(QStringLiteral("METHOD must be an HTTP method such as GET or POST"));
    const QString pathArgument = positional.at(2);
    if (!pathArgument.startsWith(QLatin1Char('/')))
        return usage(QStringLiteral("PATH must start with '/'"));

    const std::optional<Environment> environment =
        environmentFromName(parser.value(envOption).trimmed().toLower());
    if (!environment)
        return usage(QStringLiteral("--env must be mainnet, testnet or demo"));

    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeoutOption).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return usage(QStringLiteral("--timeout-ms must be a positive number of milliseconds"));

    QString baseError;
    const auto baseUrl = cliBaseUrl(parser.isSet(baseUrlOption) ? parser.value(baseUrlOption) : QString(),
                                    venue, *environment, baseError);
    if (!baseUrl)
        return usage(baseError);
    const QUrl base = *baseUrl;

    SignedRequest request;
    request.method = method;
    request.venue = venue;
    request.environment = *environment;
    request.url = base;
    QString path = base.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const qsizetype question = pathArgument.indexOf(QLatin1Char('?'));
    request.url.setPath(path + pathArgument.left(question < 0 ? pathArgument.size() : question),
                        QUrl::TolerantMode);
    if (question >= 0)
        request.url.setQuery(pathArgument.mid(question + 1), QUrl::TolerantMode);
    if (!request.url.isValid())
        return usage(QStringLiteral("PATH does not make a valid URL"));

    for (const QString& pair : parser.values(queryOption)) {
        const qsizetype equals = pair.indexOf(QLatin1Char('='));
        if (equals <= 0)
            return usage(QStringLiteral("--query takes K=V, got \"%1\"").arg(pair));
        request.query.append({pair.left(equals), pair.mid(equals + 1)});
    }
    if (parser.isSet(dataOption)) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(parser.value(dataOption).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return usage(QStringLiteral("--data must be a JSON object (%1)")
                             .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                          : QStringLiteral("not an object")));
        request.params = document.object();
    }

    const QString account = parser.value(accountOption).trimmed();

    QNetworkAccessManager network;
    SignedRestClient client(&network);
    client.setTimeout(std::chrono::milliseconds(timeoutMs));
    client.setClockSyncInterval(0); // one request: the clock is measured once, before it
    provideCliCredentials(client, account);

    QEventLoop loop;
    int exitCode = 1;
    client.send(request, [&](const SignedRestClient::Reply& reply) {
        if (reply) {
            const QByteArray json =
                reply->isNull() ? QByteArray("null") : reply->toJson(QJsonDocument::Compact);
            std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
            std::fputc('\n', stdout);
            std::fflush(stdout);
            exitCode = 0;
        } else {
            std::fprintf(stderr, "botterm-cli fetch: %s\n", qPrintable(reply.error().toString()));
            std::fflush(stderr);
            exitCode = 1;
        }
        loop.quit();
    });
    loop.exec();
    return exitCode;
}
