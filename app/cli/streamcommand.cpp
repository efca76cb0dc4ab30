#include "commands.h"
#include "jsonlines.h"

#include "exchanges/core/marketdatafeed.h"
#include "exchanges/venues.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

const char kUsage[] =
    "usage: botterm-cli stream --exchange NAME [--category spot|linear] --symbols A,B\n"
    "                          [--channels ticker,book,trades,candles] [--depth N] [--interval 1m]\n"
    "                          [--env mainnet|testnet] [--ws-url URL] [--rest-url URL]\n"
    "  Streams normalised public market data as JSON lines on stdout (one event per line, flushed);\n"
    "  connection state changes and problems go to stderr. Stops cleanly on SIGINT/SIGTERM.\n";

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

// Prints every event after the feed has applied it to the store.
class Printer final : public MarketEventSink
{
public:
    Printer(MarketDataFeed& feed, std::size_t depth)
        : m_feed(feed)
        , m_depth(depth)
        , m_exchange(feed.adapter().venue())
    {}

    void onBook(const BookUpdate& update) override
    {
        const OrderBook* book = m_feed.store().findBook(update.symbol);
        // A book that is not live is reported once, by its state change, not per dropped delta.
        if (book && book->isLive())
            bookLine(m_exchange, m_feed.category(), update.symbol, *book, m_depth).writeTo(stdout);
    }
    void onTicker(const Ticker& ticker, bool) override
    {
        if (const Ticker* merged = m_feed.store().findTicker(ticker.symbol))
            tickerLine(m_exchange, m_feed.category(), *merged).writeTo(stdout);
    }
    void onTrades(std::span<const Trade> trades) override
    {
        for (const Trade& t : trades)
            tradeLine(m_exchange, m_feed.category(), t).writeTo(stdout);
    }
    void onCandle(const QString& symbol, CandleInterval interval, const Candle& candle) override
    {
        candleLine(m_exchange, m_feed.category(), symbol, interval, candle)
            .field("history", false)
            .writeTo(stdout);
    }

    void bookState(const QString& symbol, OrderBook::State state, const QString& reason)
    {
        if (state == OrderBook::State::Live)
            return; // the next book line says live
        const QByteArray sym = symbol.toUtf8();
        const OrderBook* book = m_feed.store().findBook(std::string_view(sym.constData(), sym.size()));
        if (!book)
            return;
        JsonLine line = bookLine(m_exchange, m_feed.category(), std::string_view(sym.constData(), sym.size()),
                                 *book, m_depth);
        line.field("reason", reason).writeTo(stdout);
    }

    void history(const QString& symbol, CandleInterval interval)
    {
        if (const auto* candles = m_feed.store().findCandles(symbol, interval)) {
            for (const Candle& c : *candles)
                candleLine(m_exchange, m_feed.category(), symbol, interval, c)
                    .field("history", true)
                    .writeTo(stdout);
        }
    }

private:
    MarketDataFeed& m_feed;
    std::size_t m_depth;
    QString m_exchange;
};

const char* stateName(StreamClient::State state)
{
    switch (state) {
    case StreamClient::State::Closed:
        return "closed";
    case StreamClient::State::Connecting:
        return "connecting";
    case StreamClient::State::Live:
        return "live";
    case StreamClient::State::Reconnecting:
        return "reconnecting";
    }
    return "unknown";
}

} // namespace

int runStreamCommand(const QStringList& args)
{
    QCommandLineParser parser;
    const auto opt = [&](const char* name, const char* def = nullptr) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value"),
                                            def ? QString::fromLatin1(def) : QString()));
    };
    opt("exchange");
    opt("category", "linear");
    opt("symbols");
    opt("channels", "ticker,book,trades,candles");
    opt("depth", "50");
    opt("interval", "1m");
    opt("env", "mainnet");
    opt("ws-url");
    opt("rest-url");
    if (!parser.parse(QStringList{QStringLiteral("stream")} + args))
        return usageError("stream", parser.errorText(), kUsage);
    if (!parser.positionalArguments().isEmpty())
        return usageError(
            "stream", QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()),
            kUsage);
    const auto value = [&](const char* name) { return parser.value(QString::fromLatin1(name)); };

    if (value("exchange").isEmpty())
        return usageError("stream", QStringLiteral("--exchange is required"), kUsage);
    auto adapter = createMarketDataAdapter(value("exchange"));
    if (!adapter)
        return usageError("stream",
                          QStringLiteral("unknown exchange '%1' (known: %2)")
                              .arg(value("exchange"), marketDataVenues().join(QStringLiteral(", "))),
                          kUsage);
    const auto category = categoryFromName(value("category"));
    if (!category || !adapter->categories().contains(*category))
        return usageError("stream", QStringLiteral("unsupported category '%1'").arg(value("category")),
                          kUsage);
    const QStringList symbols = value("symbols").split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (symbols.isEmpty())
        return usageError("stream", QStringLiteral("--symbols is required"), kUsage);
    QList<Channel> channels;
    for (const QString& name : value("channels").split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const auto channel = channelFromName(name);
        if (!channel)
            return usageError("stream", QStringLiteral("unknown channel '%1'").arg(name), kUsage);
        channels.append(*channel);
    }
    if (channels.isEmpty())
        return usageError("stream", QStringLiteral("--channels is empty"), kUsage);
    bool depthOk = false;
    const int depth = value("depth").toInt(&depthOk);
    if (!depthOk || depth < 1)
        return usageError("stream", QStringLiteral("--depth must be a positive integer"), kUsage);
    const auto interval = intervalFromName(value("interval"));
    if (!interval)
        return usageError("stream",
                          QStringLiteral("unknown interval '%1' (1m 5m 15m 1h 4h 1d)").arg(value("interval")),
                          kUsage);
    const auto environment = environmentFromName(value("env"));
    if (!environment || *environment == Environment::Demo)
        return usageError("stream", QStringLiteral("--env must be mainnet or testnet"), kUsage);
    MarketDataFeed::Options options;
    options.environment = *environment;
    for (const char* name : {"ws-url", "rest-url"}) {
        if (value(name).isEmpty())
            continue;
        const QUrl url(value(name), QUrl::StrictMode);
        const QString scheme = url.scheme();
        const bool ws = name[0] == 'w';
        if (!url.isValid() || url.host().isEmpty() ||
            (ws ? scheme != QLatin1String("ws") && scheme != QLatin1String("wss")
                : scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return usageError("stream",
                              QStringLiteral("--%1 is not a valid %2 URL")
                                  .arg(QLatin1String(name), QLatin1String(ws ? "ws(s)" : "http(s)")),
                              kUsage);
        (ws ? options.streamUrl : options.restUrl) = url;
    }

    QNetworkAccessManager network;
    MarketStore store;
    MarketDataFeed feed(*adapter, *category, store, &network, options);
    Printer printer(feed, static_cast<std::size_t>(depth));
    feed.setObserver(&printer);
    QList<ChannelRequest> requests;
    for (const QString& symbol : symbols) {
        for (Channel channel : channels) {
            ChannelRequest r;
            r.channel = channel;
            r.symbol = symbol;
            r.depth = depth;
            r.interval = *interval;
            requests.append(r);
        }
    }
    feed.subscribe(requests);

    const QString exchange = adapter->venue();
    const auto stderrLine = [&](JsonLine line) { line.writeTo(stderr); };
    QObject::connect(&feed.stream(), &StreamClient::stateChanged,
                     [&](StreamClient::State state, int attempt, int delayMs) {
                         JsonLine line;
                         line.field("type", std::string_view("connection"))
                             .field("exchange", exchange)
                             .field("category", categoryName(*category))
                             .field("state", std::string_view(stateName(state)));
                         if (state == StreamClient::State::Reconnecting)
                             line.field("attempt", static_cast<std::int64_t>(attempt))
                                 .field("delay_ms", static_cast<std::int64_t>(delayMs));
                         stderrLine(std::move(line));
                     });
    QObject::connect(&feed.stream(), &StreamClient::errorOccurred, [&](const QString& message) {
        JsonLine line;
        line.field("type", std::string_view("error")).field("exchange", exchange).field("message", message);
        stderrLine(std::move(line));
    });
    QObject::connect(&feed, &MarketDataFeed::problem, [&](const QString& message) {
        JsonLine line;
        line.field("type", std::string_view("problem")).field("exchange", exchange).field("message", message);
        stderrLine(std::move(line));
    });
    QObject::connect(&feed, &MarketDataFeed::bookStateChanged,
                     [&](const QString& symbol, OrderBook::State state, const QString& reason) {
                         printer.bookState(symbol, state, reason);
                     });
    QObject::connect(&feed, &MarketDataFeed::candlesLoaded,
                     [&](const QString& symbol, CandleInterval iv) { printer.history(symbol, iv); });

    if (::pipe(g_signalPipe) != 0) {
        std::perror("botterm-cli stream: pipe");
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        feed.stop();
        QCoreApplication::quit();
    });
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    feed.start();
    const int rc = QCoreApplication::exec();
    ::close(g_signalPipe[0]);
    ::close(g_signalPipe[1]);
    return rc;
}
