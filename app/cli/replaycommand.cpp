#include "commands.h"
#include "jsonlines.h"

#include "exchanges/venues.h"
#include "models/marketstore.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>
#include <cstring>

namespace {

const char kUsage[] =
    "usage: botterm-cli replay --exchange NAME [--category spot|linear] [--depth N] FILE|-\n"
    "  Feeds recorded WebSocket frames (one per line, as the server sent them) through the\n"
    "  venue's adapter and order books; prints the final books as one JSON object on stdout\n"
    "  and the frame counts and speed on stderr.\n"
    "  Venues whose book stream carries only diffs (binance) start a book from a REST snapshot:\n"
    "  a line 'SNAPSHOT SYMBOL {reply}' hands that REST depth reply to the adapter at that point,\n"
    "  exactly as the live feed does when its request returns (diffs before it are buffered, those\n"
    "  it already holds are dropped).\n";

// Applies parsed events to the store: the same path the live feed takes, without a network.
class StoreSink final : public MarketEventSink
{
public:
    explicit StoreSink(MarketStore& store)
        : m_store(store)
    {}
    void onBook(const BookUpdate& update) override { m_store.applyBook(update); }
    void onTicker(const Ticker& ticker, bool isSnapshot) override { m_store.applyTicker(ticker, isSnapshot); }
    void onTrades(std::span<const Trade> trades) override { m_store.addTrades(trades); }
    void onCandle(const QString& symbol, CandleInterval interval, const Candle& candle) override
    {
        m_store.applyCandle(symbol, interval, candle);
    }

private:
    MarketStore& m_store;
};

bool readAll(const QString& path, QByteArray& out, QString& error)
{
    QFile file;
    const bool ok = path == QLatin1String("-") ? file.open(stdin, QIODevice::ReadOnly)
                                               : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!ok) {
        error = file.errorString();
        return false;
    }
    out = file.readAll();
    return true;
}

constexpr QByteArrayView kSnapshotPrefix = "SNAPSHOT ";

// "SYMBOL {json}": a REST book snapshot recorded with the stream.
bool applySnapshotLine(MarketDataAdapter& adapter, Category category, QByteArrayView rest,
                       MarketEventSink& sink)
{
    const qsizetype space = rest.indexOf(' ');
    if (space <= 0) {
        std::fprintf(stderr, "botterm-cli replay: SNAPSHOT line without a symbol\n");
        return false;
    }
    const QString symbol = QString::fromUtf8(rest.first(space));
    QJsonParseError error;
    const QJsonDocument reply = QJsonDocument::fromJson(rest.sliced(space + 1).toByteArray(), &error);
    if (error.error != QJsonParseError::NoError) {
        std::fprintf(stderr, "botterm-cli replay: %s snapshot: %s\n", qPrintable(symbol),
                     qPrintable(error.errorString()));
        return false;
    }
    const SnapshotResult result = adapter.applySnapshot(category, symbol, reply, sink);
    if (result.kind == SnapshotResult::Kind::Applied)
        return true;
    std::fprintf(stderr, "botterm-cli replay: %s snapshot not applied: %s\n", qPrintable(symbol),
                 result.kind == SnapshotResult::Kind::Outdated ? "older than the diffs before it"
                                                               : qPrintable(result.error));
    return false;
}

} // namespace

int runReplayCommand(const QStringList& args)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("exchange"), QString(), QStringLiteral("name")});
    parser.addOption(
        {QStringLiteral("category"), QString(), QStringLiteral("category"), QStringLiteral("linear")});
    parser.addOption({QStringLiteral("depth"), QString(), QStringLiteral("n"), QStringLiteral("5")});
    parser.addPositionalArgument(QStringLiteral("file"), QString());
    if (!parser.parse(QStringList{QStringLiteral("replay")} + args))
        return usageError("replay", parser.errorText(), kUsage);
    if (!parser.isSet(QStringLiteral("exchange")))
        return usageError("replay", QStringLiteral("--exchange is required"), kUsage);
    const QString exchange = parser.value(QStringLiteral("exchange"));
    auto adapter = createMarketDataAdapter(exchange);
    if (!adapter)
        return usageError("replay",
                          QStringLiteral("unknown exchange '%1' (known: %2)")
                              .arg(exchange, marketDataVenues().join(QStringLiteral(", "))),
                          kUsage);
    const auto category = categoryFromName(parser.value(QStringLiteral("category")));
    if (!category || !adapter->categories().contains(*category))
        return usageError(
            "replay",
            QStringLiteral("unsupported category '%1'").arg(parser.value(QStringLiteral("category"))),
            kUsage);
    bool depthOk = false;
    const int depth = parser.value(QStringLiteral("depth")).toInt(&depthOk);
    if (!depthOk || depth < 1)
        return usageError("replay", QStringLiteral("--depth must be a positive integer"), kUsage);
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1)
        return usageError("replay", QStringLiteral("exactly one FILE (or - for stdin) is required"), kUsage);

    QByteArray data;
    QString error;
    if (!readAll(files.first(), data, error)) {
        std::fprintf(stderr, "botterm-cli replay: cannot read %s: %s\n", qPrintable(files.first()),
                     qPrintable(error));
        return 1;
    }

    MarketStore store;
    StoreSink sink(store);
    qint64 frames = 0;
    qint64 snapshots = 0;
    qint64 malformed = 0;
    QElapsedTimer timer;
    timer.start();
    const char* p = data.constData();
    const char* const end = p + data.size();
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        const char* lineEnd = nl ? nl : end;
        const char* trimmed = lineEnd;
        if (trimmed > p && trimmed[-1] == '\r')
            --trimmed;
        const QByteArrayView line(p, trimmed - p);
        if (line.startsWith(kSnapshotPrefix)) {
            ++snapshots;
            if (!applySnapshotLine(*adapter, *category, line.sliced(kSnapshotPrefix.size()), sink))
                ++malformed;
        } else if (!line.isEmpty()) {
            ++frames;
            const ParseResult r = adapter->parse(line, *category, sink);
            if (r.kind == ParseResult::Kind::Malformed)
                ++malformed;
        }
        p = lineEnd + 1;
    }
    const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;

    std::string out = "{";
    bool first = true;
    for (const std::string& symbol : store.bookSymbols()) {
        const OrderBook* book = store.findBook(symbol);
        if (!first)
            out += ',';
        first = false;
        JsonLine::appendString(out, symbol);
        out += ':';
        JsonLine line;
        line.levels("bids", *book, true, static_cast<std::size_t>(depth))
            .levels("asks", *book, false, static_cast<std::size_t>(depth));
        out += line.finish();
        if (!book->isLive())
            std::fprintf(stderr, "botterm-cli replay: %s book is %s\n", symbol.c_str(),
                         bookStateName(book->state()));
    }
    out += "}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    if (snapshots > 0)
        std::fprintf(stderr, "snapshots: %lld\n", static_cast<long long>(snapshots));
    std::fprintf(stderr, "frames: %lld, malformed: %lld, seconds: %.6f, frames/s: %.0f\n",
                 static_cast<long long>(frames), static_cast<long long>(malformed), seconds,
                 seconds > 0 ? static_cast<double>(frames) / seconds : 0.0);
    return 0;
}
