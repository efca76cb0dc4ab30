#include "commands.h"
#include "signcommand.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace {
const char kUsage[] =
    "usage: botterm-cli COMMAND [OPTIONS]\n"
    "commands:\n"
    "  stream      stream normalised public market data as JSON lines\n"
    "  replay      feed recorded WebSocket frames through a venue adapter and print the books\n"
    "  fetch       send a signed REST request with keys from the keychain or the environment\n"
    "  order       place, cancel and list orders (the order form's code path, for scripting)\n"
    "  keys        store, list and remove API keys in the OS keychain\n"
    "  sign        print a request exactly as a venue's signer would send it (for checking)\n"
    "  demo-venue  run the built-in demo exchange (Bybit V5 on 127.0.0.1) and print its URLs\n"
    "run 'botterm-cli COMMAND --help' for a command's options.\n";
} // namespace

int usageError(const char* command, const QString& message, const char* usage)
{
    std::fprintf(stderr, "botterm-cli %s: %s\n%s", command, qPrintable(message), usage);
    return 2;
}

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("botterm"));
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("stream"))
        return runStreamCommand(args);
    if (command == QLatin1String("replay"))
        return runReplayCommand(args);
    if (command == QLatin1String("sign"))
        return runSignCommand(args);
    if (command == QLatin1String("keys"))
        return runKeysCommand(args);
    if (command == QLatin1String("fetch"))
        return runFetchCommand(args);
    if (command == QLatin1String("order"))
        return runOrderCommand(args);
    if (command == QLatin1String("demo-venue"))
        return runDemoVenueCommand(args);
    std::fprintf(stderr, "botterm-cli: unknown command '%s'\n%s", qPrintable(command), kUsage);
    return 2;
}
