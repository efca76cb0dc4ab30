#include "commands.h"

#include "exchanges/demo/demovenue.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

const char kUsage[] =
    "usage: botterm-cli demo-venue [--port P] [--seed S] [--interval-ms N] [--rate N]\n"
    "  Runs the built-in demo venue (Bybit V5 public REST and WebSocket over a simulated market) on\n"
    "  127.0.0.1 until SIGINT or SIGTERM, and prints its URLs and symbols as one JSON object.\n"
    "  --port P         port to listen on (default 0: any free port)\n"
    "  --seed S         market seed, a positive integer (default: random)\n"
    "  --interval-ms N  how often the market moves, 1..1000 ms (default 50)\n"
    "  --rate N         firehose: N more frames per second (book deltas, trades, tickers) across\n"
    "                   the subscribed topics, 0..1000000 (default 0: the market's own pace)\n";

std::atomic<int> g_signal{0};

extern "C" void onSignal(int signal)
{
    g_signal.store(signal);
}

QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}

} // namespace

int runDemoVenueCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption(
        QCommandLineOption(QStringLiteral("port"), QString(), QStringLiteral("port"), QStringLiteral("0")));
    parser.addOption(
        QCommandLineOption(QStringLiteral("seed"), QString(), QStringLiteral("seed"), QStringLiteral("0")));
    parser.addOption(QCommandLineOption(QStringLiteral("interval-ms"), QString(), QStringLiteral("ms"),
                                        QStringLiteral("50")));
    parser.addOption(QCommandLineOption(QStringLiteral("rate"), QString(), QStringLiteral("frames/s"),
                                        QStringLiteral("0")));
    parser.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}));
    if (!parser.parse(QStringList{QStringLiteral("demo-venue")} + args))
        return usageError("demo-venue", parser.errorText(), kUsage);
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            "demo-venue",
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()), kUsage);
    DemoVenue::Options options;
    bool ok = false;
    const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
    if (!ok || port > 65535)
        return usageError(
            "demo-venue",
            QStringLiteral("--port must be 0..65535, not '%1'").arg(parser.value(QStringLiteral("port"))),
            kUsage);
    options.port = static_cast<quint16>(port);
    options.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usageError("demo-venue",
                          QStringLiteral("--seed must be a non-negative integer, not '%1'")
                              .arg(parser.value(QStringLiteral("seed"))),
                          kUsage);
    options.updateIntervalMs = parser.value(QStringLiteral("interval-ms")).toInt(&ok);
    if (!ok || options.updateIntervalMs < 1 || options.updateIntervalMs > 1000)
        return usageError("demo-venue",
                          QStringLiteral("--interval-ms must be 1..1000, not '%1'")
                              .arg(parser.value(QStringLiteral("interval-ms"))),
                          kUsage);

    options.firehoseRate = parser.value(QStringLiteral("rate")).toInt(&ok);
    if (!ok || options.firehoseRate < 0 || options.firehoseRate > 1'000'000)
        return usageError("demo-venue",
                          QStringLiteral("--rate must be 0..1000000 frames per second, not '%1'")
                              .arg(parser.value(QStringLiteral("rate"))),
                          kUsage);

    // The handler only records the signal; the event loop notices it on its next turn. Installed before
    // the URLs are printed, so a caller may signal as soon as it has read them.
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    DemoVenue venue(options);
    if (!venue.start()) {
        std::fprintf(stderr, "botterm-cli demo-venue: %s\n", qPrintable(venue.errorString()));
        return 1;
    }

    QJsonObject symbols{{QStringLiteral("linear"), toArray(venue.symbols(Category::Linear))},
                        {QStringLiteral("spot"), toArray(venue.symbols(Category::Spot))}};
    QJsonObject out{{QStringLiteral("rest"), venue.restUrl().toString()},
                    {QStringLiteral("linear"), venue.publicStreamUrl(Category::Linear).toString()},
                    {QStringLiteral("spot"), venue.publicStreamUrl(Category::Spot).toString()},
                    {QStringLiteral("port"), venue.port()},
                    {QStringLiteral("symbols"), symbols}};
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    QTimer watch;
    QObject::connect(&watch, &QTimer::timeout, [] {
        if (g_signal.load() != 0)
            QCoreApplication::quit();
    });
    watch.start(100);
    QCoreApplication::exec();
    venue.stop();
    std::fprintf(stderr, "botterm-cli demo-venue: stopped (signal %d)\n", g_signal.load());
    return 0;
}
