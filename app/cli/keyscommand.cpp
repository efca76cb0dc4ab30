// botterm-cli keys set|list|remove: API keys in the OS keychain, through the same KeyStore the GUI uses.

#include "commands.h"
#include "credentials.h"

#include "exchanges/core/crypto.h"
#include "exchanges/core/hostregistry.h"
#include "exchanges/core/keystore.h"
#include "exchanges/core/signer.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QRegularExpression>

#include <csignal>
#include <cstdio>
#include <optional>

#include <termios.h>
#include <unistd.h>

namespace {

const char kUsage[] =
    "usage: botterm-cli keys set VENUE [--account NAME] [--env mainnet|testnet|demo]\n"
    "       botterm-cli keys list [VENUE] [--account NAME] [--env mainnet|testnet|demo]\n"
    "       botterm-cli keys remove VENUE [--account NAME] [--env mainnet|testnet|demo]\n"
    "set reads the API key, the secret (an HMAC secret or a PEM private key) and, where the venue needs\n"
    "one, the passphrase from stdin: typed without echo on a terminal, one per line from a pipe.\n"
    "The account defaults to \"main\" and the environment to \"mainnet\". Keys are kept only in the OS\n"
    "keychain (service $BOTTERM_KEYCHAIN_SERVICE, default \"botterm\"); list never prints a secret.\n";

constexpr int Failure = 1;
constexpr int BadInput = 2;
// Longest line read from stdin (a 4096-bit RSA PEM key is about 3.3 KB in all).
constexpr qsizetype kMaxInput = 64 * 1024;

int usageFail(const QString& message)
{
    return usageError("keys", message, kUsage);
}

int runtimeFail(const QString& message)
{
    std::fprintf(stderr, "botterm-cli keys: %s\n", qPrintable(message));
    return Failure;
}

// --- reading secrets from stdin ---------------------------------------------------------------------

termios g_savedTerminal{};
volatile std::sig_atomic_t g_echoDisabled = 0;

void restoreEchoAndReraise(int signal)
{
    if (g_echoDisabled)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Turns terminal echo off while it lives, and back on even when the user presses Ctrl-C.
class EchoOff final
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &g_savedTerminal) != 0)
            return;
        termios silent = g_savedTerminal;
        silent.c_lflag &= ~tcflag_t(ECHO);
        silent.c_lflag |= tcflag_t(ECHONL);
        for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(signal, restoreEchoAndReraise);
        g_echoDisabled = 1;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    ~EchoOff()
    {
        if (g_echoDisabled)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &g_savedTerminal);
        g_echoDisabled = 0;
        for (const int signal : {SIGINT, SIGTERM, SIGHUP, SIGQUIT})
            std::signal(signal, SIG_DFL);
    }
    Q_DISABLE_COPY_MOVE(EchoOff)
};

enum class ReadStatus : std::uint8_t
{
    Ok,
    EndOfInput,
    TooLong,
};

// Appends one line (without its end of line) to `text`, whose capacity is reserved so that it never
// reallocates and leaves a copy of the secret behind.
ReadStatus appendLine(QByteArray& text)
{
    bool readAnything = false;
    for (int c = std::getc(stdin); c != EOF; c = std::getc(stdin)) {
        readAnything = true;
        if (c == '\n')
            break;
        if (text.size() >= kMaxInput)
            return ReadStatus::TooLong;
        text.append(char(c));
    }
    if (!readAnything)
        return ReadStatus::EndOfInput;
    if (text.endsWith('\r'))
        text.chop(1);
    return ReadStatus::Ok;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// A copy without surrounding white space; the input is wiped.
QByteArray takeTrimmed(QByteArray& text)
{
    qsizetype begin = 0;
    qsizetype end = text.size();
    while (begin < end && isSpace(text.at(begin)))
        ++begin;
    while (end > begin && isSpace(text.at(end - 1)))
        --end;
    QByteArray trimmed(text.constData() + begin, end - begin);
    Crypto::secureClear(text);
    return trimmed;
}

struct Prompted
{
    ReadStatus status = ReadStatus::Ok;
    QByteArray value;
};

// One value: a line, or for a PEM key every line from "-----BEGIN" to "-----END …-----".
Prompted readValue(const char* prompt, bool interactive)
{
    if (interactive) {
        std::fputs(prompt, stderr);
        std::fflush(stderr);
    }
    Prompted result;
    QByteArray text;
    text.reserve(kMaxInput + 1);
    result.status = appendLine(text);
    if (result.status == ReadStatus::Ok && Crypto::isPem(text)) {
        for (;;) {
            const qsizetype lineStart = text.size() + 1;
            if (text.size() >= kMaxInput) {
                result.status = ReadStatus::TooLong;
                break;
            }
            text.append('\n');
            const ReadStatus status = appendLine(text);
            if (status == ReadStatus::TooLong) {
                result.status = status;
                break;
            }
            if (status == ReadStatus::EndOfInput ||
                QByteArrayView(text).sliced(lineStart).trimmed().startsWith("-----END"))
                break;
        }
    }
    if (result.status == ReadStatus::Ok)
        result.value = takeTrimmed(text);
    Crypto::secureClear(text);
    return result;
}

// --- talking to the keychain ------------------------------------------------------------------------

using Outcome = Result<std::monostate, KeyStoreError>;

// The CLI's QCoreApplication exists; a local loop runs until the keychain job reports.
template <typename Operation> Outcome waitFor(Operation operation)
{
    std::optional<Outcome> outcome;
    QEventLoop loop;
    operation([&](const Outcome& result) {
        outcome.emplace(result);
        loop.quit();
    });
    if (!outcome)
        loop.exec();
    return *outcome;
}

int reportKeyStoreError(const KeyStoreError& error)
{
    if (error.kind == KeyStoreError::Kind::NoKeychain)
        return runtimeFail(error.message + QStringLiteral("\nbotterm never stores API keys outside the "
                                                          "keychain: start a Secret Service (gnome-keyring, "
                                                          "KWallet) in this session and try again."));
    return runtimeFail(error.message);
}

QString describe(const AccountId& id)
{
    return QStringLiteral("%1 account \"%2\" (%3)")
        .arg(id.venue, id.account, environmentName(id.environment));
}

int setKey(KeyStore& store, const AccountId& id, const Signer& signer)
{
    const bool interactive = isatty(STDIN_FILENO) == 1;
    std::optional<EchoOff> echoOff;
    if (interactive) {
        std::fprintf(stderr, "API key for %s (input is not shown)\n", qPrintable(describe(id)));
        echoOff.emplace();
    }

    Prompted key = readValue("key: ", interactive);
    Prompted secret = key.status == ReadStatus::Ok ? readValue("secret: ", interactive) : Prompted{};
    Prompted passphrase;
    if (secret.status == ReadStatus::Ok) {
        if (signer.needsPassphrase()) {
            passphrase = readValue("passphrase: ", interactive);
        } else if (Crypto::isPem(secret.value)) {
            // An encrypted PEM key has a password; an unencrypted one has none (an empty line or no line).
            passphrase = readValue("PEM key password (empty if none): ", interactive);
            if (passphrase.status == ReadStatus::EndOfInput)
                passphrase = Prompted{};
        }
    }
    echoOff.reset();

    Credentials credentials(QString::fromUtf8(key.value), std::move(secret.value),
                            std::move(passphrase.value));
    Crypto::secureClear(key.value);
    for (const Prompted* value : {&key, &secret, &passphrase}) {
        if (value->status == ReadStatus::TooLong)
            return usageFail(QStringLiteral("an input line on stdin is longer than %1 bytes").arg(kMaxInput));
    }
    if (credentials.key.isEmpty())
        return usageFail(QStringLiteral("no API key was given on stdin"));
    if (credentials.secret.isEmpty())
        return usageFail(QStringLiteral("no API secret was given on stdin"));
    if (signer.needsPassphrase() && credentials.passphrase.isEmpty())
        return usageFail(
            QStringLiteral("%1 needs the API key's passphrase: give it on stdin after the secret")
                .arg(id.venue));

    const Outcome outcome =
        waitFor([&](KeyStore::Done done) { store.store(id, credentials, std::move(done)); });
    credentials.clear();
    if (!outcome)
        return reportKeyStoreError(outcome.error());
    std::printf("stored the API key for %s\n", qPrintable(describe(id)));
    return 0;
}

int listKeys(const KeyStore& store, const std::optional<QString>& venue,
             const std::optional<QString>& account, const std::optional<Environment>& environment)
{
    int shown = 0;
    for (const AccountId& id : store.accounts()) {
        if ((venue && id.venue != *venue) || (account && id.account != *account) ||
            (environment && id.environment != *environment))
            continue;
        std::printf("%s\t%s\t%s\t%s\n", qPrintable(id.venue), qPrintable(id.account),
                    qPrintable(environmentName(id.environment)),
                    store.hasPassphrase(id) ? "passphrase" : "no-passphrase");
        ++shown;
    }
    if (shown == 0)
        std::fputs("botterm-cli keys: no API keys stored\n", stderr);
    return 0;
}

int removeKey(KeyStore& store, const AccountId& id)
{
    const Outcome outcome = waitFor([&](KeyStore::Done done) { store.remove(id, std::move(done)); });
    if (!outcome)
        return reportKeyStoreError(outcome.error());
    std::printf("removed the API key for %s\n", qPrintable(describe(id)));
    return 0;
}

} // namespace

int runKeysCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption accountOption(QStringLiteral("account"), QStringLiteral("Account name."),
                                           QStringLiteral("NAME"));
    const QCommandLineOption environmentOption(QStringLiteral("env"), QStringLiteral("Environment."),
                                               QStringLiteral("ENV"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("help"), QStringLiteral("h")},
                                        QStringLiteral("Show this help."));
    parser.addOptions({accountOption, environmentOption, helpOption});
    if (!parser.parse(QStringList{QStringLiteral("botterm-cli keys")} + args))
        return usageFail(parser.errorText());
    if (parser.isSet(helpOption)) {
        std::fputs(kUsage, stdout);
        return 0;
    }

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageFail(QStringLiteral("missing the action: set, list or remove"));
    const QString action = positional.takeFirst();
    if (action != QLatin1String("set") && action != QLatin1String("list") &&
        action != QLatin1String("remove"))
        return usageFail(QStringLiteral("unknown action \"%1\": use set, list or remove").arg(action));
    if (positional.size() > 1)
        return usageFail(QStringLiteral("unexpected argument \"%1\"").arg(positional.at(1)));
    if (positional.isEmpty() && action != QLatin1String("list"))
        return usageFail(QStringLiteral("missing the venue"));

    const HostRegistry& registry = HostRegistry::builtIn();
    std::optional<QString> venue;
    if (!positional.isEmpty()) {
        venue = positional.constFirst().trimmed().toLower();
        if (registry.closedVenues().contains(*venue))
            return usageFail(QStringLiteral("%1 no longer trades; botterm keeps no keys for it").arg(*venue));
        if (!registry.venueNames().contains(*venue))
            return usageFail(QStringLiteral("unknown venue \"%1\"; known: %2")
                                 .arg(*venue, registry.venueNames().join(QLatin1Char(' '))));
    }

    std::optional<QString> account;
    if (parser.isSet(accountOption)) {
        static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
        account = parser.value(accountOption);
        if (!validName.match(*account).hasMatch())
            return usageFail(QStringLiteral("--account must be 1 to 64 letters, digits, '.', '_' or '-'"));
    }
    std::optional<Environment> environment;
    if (parser.isSet(environmentOption)) {
        environment = environmentFromName(parser.value(environmentOption).trimmed().toLower());
        if (!environment)
            return usageFail(QStringLiteral("--env must be mainnet, testnet or demo"));
    }

    KeyStore store(cliKeychainService());
    if (action == QLatin1String("list"))
        return listKeys(store, venue, account, environment);

    const AccountId id{*venue, account.value_or(QStringLiteral("main")),
                       environment.value_or(Environment::Mainnet)};
    if (action == QLatin1String("remove"))
        return removeKey(store, id);
    const Signer* signer = registry.signerForVenue(id.venue, id.environment);
    if (!signer)
        return runtimeFail(QStringLiteral("no signer is registered for %1").arg(id.venue));
    return setKey(store, id, *signer);
}
