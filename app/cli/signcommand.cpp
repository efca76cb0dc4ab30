#include "signcommand.h"

#include "exchanges/core/hostregistry.h"
#include "exchanges/core/signer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstdio>

namespace {

constexpr int BadInput = 2;

int fail(const QString& message)
{
    std::fprintf(stderr, "botterm-cli sign: %s\n", qPrintable(message));
    return BadInput;
}

QString usage()
{
    return QStringLiteral("usage: botterm-cli sign [--exchange NAME] --key K --secret S [--passphrase P] "
                          "--now-ms MS --method M --url URL [--body JSON_OBJECT]");
}

// A JSON string literal, escaped by Qt's writer.
QByteArray jsonString(const QString& text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // strip "[" and "]"
}

} // namespace

int runSignCommand(const QStringList& args)
{
    const HostRegistry& registry = HostRegistry::builtIn();

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption exchangeOption(QStringLiteral("exchange"), QStringLiteral("Venue name."),
                                            QStringLiteral("NAME"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("API key."),
                                       QStringLiteral("K"));
    const QCommandLineOption secretOption(QStringLiteral("secret"), QStringLiteral("API secret or PEM key."),
                                          QStringLiteral("S"));
    const QCommandLineOption passphraseOption(QStringLiteral("passphrase"), QStringLiteral("API passphrase."),
                                              QStringLiteral("P"));
    const QCommandLineOption nowOption(QStringLiteral("now-ms"), QStringLiteral("Time, ms since the epoch."),
                                       QStringLiteral("MS"));
    const QCommandLineOption methodOption(QStringLiteral("method"), QStringLiteral("HTTP method."),
                                          QStringLiteral("M"));
    const QCommandLineOption urlOption(QStringLiteral("url"), QStringLiteral("Request URL."),
                                       QStringLiteral("URL"));
    const QCommandLineOption bodyOption(QStringLiteral("body"),
                                        QStringLiteral("Parameters as a JSON object."),
                                        QStringLiteral("JSON_OBJECT"));
    parser.addOptions({exchangeOption, keyOption, secretOption, passphraseOption, nowOption, methodOption,
                       urlOption, bodyOption});

    // QCommandLineParser's messages name options, never their values, so the secret is not echoed.
    if (!parser.parse(QStringList{QStringLiteral("botterm-cli sign")} + args))
        return fail(parser.errorText() + QLatin1Char('\n') + usage());
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument(s) after the options\n") + usage());
    for (const auto* option : {&keyOption, &secretOption, &nowOption, &methodOption, &urlOption}) {
        if (!parser.isSet(*option) || parser.value(*option).isEmpty())
            return fail(QStringLiteral("missing --%1\n").arg(option->names().constFirst()) + usage());
    }

    bool nowOk = false;
    const qint64 nowMs = parser.value(nowOption).toLongLong(&nowOk);
    if (!nowOk || nowMs < 0)
        return fail(QStringLiteral("--now-ms must be a non-negative integer (milliseconds since the epoch)"));

    HttpRequest request;
    request.method = parser.value(methodOption).trimmed().toUpper().toLatin1();
    for (const char c : request.method) {
        if (c < 'A' || c > 'Z')
            return fail(QStringLiteral("--method must be an HTTP method such as GET or POST"));
    }
    request.url = QUrl(parser.value(urlOption), QUrl::StrictMode);
    if (!request.url.isValid() || request.url.host().isEmpty() ||
        (request.url.scheme() != QLatin1String("https") && request.url.scheme() != QLatin1String("http")))
        return fail(QStringLiteral("--url must be an absolute http(s) URL"));

    const Signer* signer = nullptr;
    const std::optional<VenueHost> hostEntry = registry.lookup(request.url.host());
    if (parser.isSet(exchangeOption)) {
        const QString venue = parser.value(exchangeOption).trimmed().toLower();
        if (!registry.isKnownVenue(venue))
            return fail(
                QStringLiteral("unknown exchange \"%1\"; known: %2")
                    .arg(venue, (registry.venueNames() + registry.closedVenues()).join(QLatin1Char(' '))));
        const Environment environment =
            hostEntry && hostEntry->venue == venue ? hostEntry->environment : Environment::Mainnet;
        signer = registry.signerForVenue(venue, environment);
    } else {
        if (!hostEntry)
            return fail(QStringLiteral("no exchange is known for host \"%1\"; name one with --exchange")
                            .arg(request.url.host()));
        signer = registry.signerForVenue(hostEntry->venue, hostEntry->environment);
    }

    if (parser.isSet(bodyOption)) {
        QJsonParseError error{};
        const QJsonDocument document = QJsonDocument::fromJson(parser.value(bodyOption).toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            return fail(QStringLiteral("--body must be a JSON object (%1)")
                            .arg(error.error != QJsonParseError::NoError ? error.errorString()
                                                                         : QStringLiteral("not an object")));
        signer->encodeParameters(request, document.object());
    }

    Credentials credentials(parser.value(keyOption), parser.value(secretOption).toUtf8(),
                            parser.value(passphraseOption).toUtf8());
    const SignResult signedRequest = signer->sign(request, credentials, SigningContext{nowMs, nowMs});
    credentials.clear();
    if (!signedRequest)
        return fail(signedRequest.error().message);

    // Keys in the documented order (method, url, headers, body); headers in the order they are sent.
    QByteArray json = "{\"method\":" + jsonString(QString::fromLatin1(request.method)) +
                      ",\"url\":" + jsonString(QString::fromUtf8(request.url.toEncoded())) + ",\"headers\":{";
    for (qsizetype i = 0; i < request.headers.size(); ++i) {
        if (i > 0)
            json += ',';
        json += jsonString(QString::fromLatin1(request.headers.at(i).first)) + ':' +
                jsonString(QString::fromUtf8(request.headers.at(i).second));
    }
    json += "},\"body\":" + jsonString(QString::fromUtf8(request.body)) + '}';
    std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    return 0;
}
