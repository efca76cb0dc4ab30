// botterm-perf: the terminal under load, measured. The demo venue runs in its own process
// (`botterm-cli demo-venue --rate N`, the firehose) and this process is the terminal: the real
// MarketSession, MainWindow (offscreen) and TradingDesk on the demo account, over 127.0.0.1.
// Scenarios print one JSON object per line; scripts/perf.sh runs them all and draws the plot.
//
//   botterm-perf load  --rate N [--seconds S] [--warmup S]   event-loop lag, frame→model, paints, CPU, RSS
//   botterm-perf soak  --rate N --seconds S [--sample S]     RSS over time
//   botterm-perf order --orders N [--rate N]                  Send click → request bytes at the venue
//   botterm-perf cold  --runs N --app PATH                    process start → first paint with a live book
//   botterm-perf plot  RESULTS.jsonl OUT.png                  lag and CPU against the frame rate
//   botterm-perf table RESULTS.jsonl                          the results as the README's Markdown table

#include "perfplot.h"
#include "perfprobe.h"

#include "exchanges/core/httpconnection.h"
#include "exchanges/demo/demovenue.h"
#include "exchanges/venues.h"
#include "models/orderbookmodel.h"
#include "models/ordervalidation.h"
#include "ui/accountsdialog.h"
#include "ui/accountsettings.h"
#include "ui/mainwindow.h"
#include "ui/marketsession.h"
#include "ui/orderentrydock.h"
#include "ui/tradingdesk.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cstdio>
#include <memory>
#include <mutex>

namespace {

[[noreturn]] void die(const QString& message)
{
    std::fprintf(stderr, "botterm-perf: %s\n", qPrintable(message));
    std::exit(1);
}

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

// Runs the event loop until pred() holds (checked every millisecond) or the timeout passes. Unlike
// QTest::qWaitFor it never sleeps between passes, so it adds no delay to what it waits for.
template <typename Pred> bool waitUntil(Pred pred, int timeoutMs)
{
    if (pred())
        return true;
    QEventLoop loop;
    QTimer check;
    check.setTimerType(Qt::PreciseTimer);
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (pred())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    check.start(1);
    loop.exec();
    return pred();
}

QJsonObject toJson(const perf::Percentiles& p)
{
    return {{QStringLiteral("p50"), p.p50},
            {QStringLiteral("p99"), p.p99},
            {QStringLiteral("max"), p.max},
            {QStringLiteral("samples"), static_cast<qint64>(p.count)}};
}

void print(const QJsonObject& o)
{
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// `botterm-cli demo-venue` in a child process, so its work is not the terminal's.
class VenueProcess
{
public:
    VenueProcess(const QString& cli, int rate)
    {
        m_process.setProgram(cli);
        m_process.setArguments({QStringLiteral("demo-venue"), QStringLiteral("--seed"), QStringLiteral("7"),
                                QStringLiteral("--rate"), QString::number(rate)});
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(10'000) || !m_process.waitForReadyRead(20'000))
            die(QStringLiteral("%1 demo-venue did not start: %2").arg(cli, m_process.errorString()));
        const QJsonObject o = QJsonDocument::fromJson(m_process.readLine()).object();
        m_rest = QUrl(o.value(QLatin1String("rest")).toString());
        m_linear = QUrl(o.value(QLatin1String("linear")).toString());
        m_spot = QUrl(o.value(QLatin1String("spot")).toString());
        const QJsonObject symbols = o.value(QLatin1String("symbols")).toObject();
        for (const QJsonValue v : symbols.value(QLatin1String("linear")).toArray())
            m_symbols << SymbolKey{Category::Linear, v.toString()};
        for (const QJsonValue v : symbols.value(QLatin1String("spot")).toArray())
            m_symbols << SymbolKey{Category::Spot, v.toString()};
        if (!m_rest.isValid() || m_symbols.isEmpty())
            die(QStringLiteral("demo-venue printed no URLs"));
    }
    ~VenueProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(5'000))
            m_process.kill();
    }
    qint64 pid() const { return m_process.processId(); }
    QUrl rest() const { return m_rest; }
    QUrl stream(Category c) const { return c == Category::Spot ? m_spot : m_linear; }
    QUrl privateStream() const
    {
        QUrl u = m_linear;
        u.setPath(QStringLiteral("/v5/private"));
        return u;
    }
    QList<SymbolKey> symbols() const { return m_symbols; }

private:
    QProcess m_process;
    QUrl m_rest, m_linear, m_spot;
    QList<SymbolKey> m_symbols;
};

// The terminal as botterm --demo builds it, on the venue process's URLs.
struct Terminal
{
    Terminal(const VenueProcess& venue, const QUrl& restForOrders = {})
    {
        MarketSession::Options options;
        options.demo = true;
        options.venueLabel = QStringLiteral("demo venue (firehose)");
        options.categories = {Category::Linear, Category::Spot};
        options.restUrl = venue.rest();
        for (const Category c : options.categories)
            options.streamUrls.insert(c, venue.stream(c));
        session = std::make_unique<MarketSession>(createMarketDataAdapter(QStringLiteral("bybit")), options);
        session->setWatchlist(venue.symbols());
        session->setActiveSymbol(btc());
        window = std::make_unique<MainWindow>(*session);
        TradingDesk::Options deskOptions;
        deskOptions.account = AccountsDialog::demoAccountId();
        deskOptions.restUrl = restForOrders.isEmpty() ? venue.rest() : restForOrders;
        deskOptions.privateStreamUrl = venue.privateStream();
        deskOptions.credentials = DemoVenue::demoCredentials();
        desk = TradingDesk::create(*session, nullptr, deskOptions);
        if (!desk)
            die(QStringLiteral("no trading desk for the demo account"));
        window->setTradingDesk(desk.get());
        window->resize(1600, 1000);
        window->show();
        session->start();
        desk->start();
        if (!QTest::qWaitFor(
                [this] {
                    return desk->canTrade() && session->instrument(btc()) &&
                           session->bookModel()->bookState() == OrderBook::State::Live;
                },
                30'000))
            die(QStringLiteral("the terminal did not become live"));
    }
    ~Terminal()
    {
        window.reset();
        desk.reset();
        session.reset();
    }
    static SymbolKey btc() { return SymbolKey{Category::Linear, QStringLiteral("BTCUSDT")}; }

    std::unique_ptr<MarketSession> session;
    std::unique_ptr<TradingDesk> desk;
    std::unique_ptr<MainWindow> window;
};

int load(const QString& cli, int rate, int seconds, int warmup)
{
    VenueProcess venue(cli, rate);
    Terminal terminal(venue);
    perf::LagProbe lag;
    perf::PaintCounter paints;
    perf::ModelLatencyProbe model(*terminal.session);
    runFor(warmup * 1000);

    const qint64 frames0 = model.frames();
    const qint64 reconnects0 = model.reconnects();
    const double cpu0 = perf::cpuSeconds();
    const double venueCpu0 = perf::cpuSeconds(venue.pid());
    const std::int64_t t0 = perf::nowNs();
    paints.reset();
    model.setRecording(true);
    lag.start();
    double rssMax = 0;
    for (int s = 0; s < seconds; ++s) {
        runFor(1000);
        rssMax = std::max(rssMax, perf::rssMiB());
    }
    lag.stop();
    model.setRecording(false);
    const double wall = static_cast<double>(perf::nowNs() - t0) / 1e9;

    QJsonObject paintRates;
    double maxDockPaints = 0;
    const auto byDock = paints.paintsByDock();
    for (auto it = byDock.cbegin(); it != byDock.cend(); ++it) {
        const double perSecond = static_cast<double>(it.value()) / wall;
        paintRates.insert(it.key(), std::round(perSecond * 10) / 10);
        maxDockPaints = std::max(maxDockPaints, perSecond);
    }
    print({{QStringLiteral("scenario"), QStringLiteral("load")},
           {QStringLiteral("rate"), rate},
           {QStringLiteral("seconds"), wall},
           {QStringLiteral("framesPerSecond"), static_cast<double>(model.frames() - frames0) / wall},
           {QStringLiteral("lagMs"), toJson(perf::percentiles(lag.lateNs(), 1e-6))},
           {QStringLiteral("frameToModelMs"), toJson(perf::percentiles(model.latencyNs(), 1e-6))},
           {QStringLiteral("paintsPerSecond"), paintRates},
           {QStringLiteral("maxDockPaintsPerSecond"), maxDockPaints},
           {QStringLiteral("updateRequestsPerSecond"), static_cast<double>(paints.windowSyncs()) / wall},
           {QStringLiteral("cpuPercent"), (perf::cpuSeconds() - cpu0) / wall * 100},
           {QStringLiteral("venueCpuPercent"), (perf::cpuSeconds(venue.pid()) - venueCpu0) / wall * 100},
           {QStringLiteral("rssMiB"), perf::rssMiB()},
           {QStringLiteral("rssMaxMiB"), rssMax},
           {QStringLiteral("reconnects"), model.reconnects() - reconnects0}});
    return 0;
}

int soak(const QString& cli, int rate, int seconds, int sample)
{
    VenueProcess venue(cli, rate);
    Terminal terminal(venue);
    perf::ModelLatencyProbe model(*terminal.session);
    QJsonArray series;
    const std::int64_t t0 = perf::nowNs();
    const double cpu0 = perf::cpuSeconds();
    for (int s = 0; s < seconds; s += sample) {
        runFor(sample * 1000);
        series.append(QJsonArray{s + sample, std::round(perf::rssMiB() * 10) / 10});
    }
    const double wall = static_cast<double>(perf::nowNs() - t0) / 1e9;
    print({{QStringLiteral("scenario"), QStringLiteral("soak")},
           {QStringLiteral("rate"), rate},
           {QStringLiteral("seconds"), wall},
           {QStringLiteral("framesPerSecond"), static_cast<double>(model.frames()) / wall},
           {QStringLiteral("cpuPercent"), (perf::cpuSeconds() - cpu0) / wall * 100},
           {QStringLiteral("rssSeriesMiB"), series},
           {QStringLiteral("reconnects"), model.reconnects()}});
    return 0;
}

// A TCP relay on its own thread between the terminal and the venue's REST port: it notes when the
// first bytes of each order-create request reach it, on the process's clock.
class RecordingRelay final : public QObject
{
public:
    explicit RecordingRelay(quint16 upstreamPort)
        : m_upstream(upstreamPort)
    {}
    // Runs on the relay's thread.
    void listen()
    {
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* client = m_server->nextPendingConnection()) {
                client->setParent(this);
                auto* up = new QTcpSocket(this);
                up->connectToHost(QHostAddress::LocalHost, m_upstream);
                connect(client, &QTcpSocket::readyRead, up, [this, client, up] {
                    const std::int64_t now = perf::nowNs();
                    const QByteArray data = client->readAll();
                    for (qsizetype at = data.indexOf("POST /v5/order/create "); at >= 0;
                         at = data.indexOf("POST /v5/order/create ", at + 1)) {
                        std::lock_guard lock(m_mutex);
                        m_arrivals.push_back(now);
                    }
                    up->write(data);
                });
                connect(up, &QTcpSocket::readyRead, client, [client, up] { client->write(up->readAll()); });
                connect(client, &QTcpSocket::disconnected, up, &QTcpSocket::disconnectFromHost);
                connect(up, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
            }
        });
        m_server->listen(QHostAddress::LocalHost, 0);
        m_port.store(m_server->serverPort());
    }
    quint16 port() const { return m_port.load(); }
    std::vector<std::int64_t> arrivals()
    {
        std::lock_guard lock(m_mutex);
        return m_arrivals;
    }

private:
    quint16 m_upstream;
    QTcpServer* m_server = nullptr;
    std::atomic<quint16> m_port{0};
    std::mutex m_mutex;
    std::vector<std::int64_t> m_arrivals;
};

int order(const QString& cli, int orders, int rate)
{
    VenueProcess venue(cli, rate);
    QThread relayThread;
    auto* relay = new RecordingRelay(static_cast<quint16>(venue.rest().port()));
    relay->moveToThread(&relayThread);
    relayThread.start();
    QMetaObject::invokeMethod(
        relay, [relay] { relay->listen(); }, Qt::BlockingQueuedConnection);
    QUrl relayUrl = venue.rest();
    relayUrl.setPort(relay->port());

    Terminal terminal(venue, relayUrl);
    terminal.desk->settings().setConfirmOrders(false);
    OrderEntryDock* dock = terminal.window->orderEntryDock();
    auto* buy = dock->findChild<QPushButton*>(QStringLiteral("buySideButton"));
    auto* price = dock->findChild<QLineEdit*>(QStringLiteral("priceEdit"));
    auto* qty = dock->findChild<QLineEdit*>(QStringLiteral("qtyEdit"));
    auto* send = dock->findChild<QPushButton*>(QStringLiteral("sendButton"));
    if (!buy || !price || !qty || !send)
        die(QStringLiteral("the order entry dock lacks its buttons"));
    const Instrument instrument = *terminal.session->instrument(Terminal::btc());
    int outcomes = 0;
    QObject::connect(terminal.desk.get(), &TradingDesk::orderPlaced, [&outcomes] { ++outcomes; });

    std::vector<std::int64_t> clicks;
    // The measure: click → the request's bytes written to the socket, read off the kept-open
    // order connection; the relay's arrival time adds a thread wake-up on the receiving side.
    std::vector<std::int64_t> toWritten;
    const QList<HttpConnection*> lines = terminal.desk->findChildren<HttpConnection*>();
    if (lines.size() != 1)
        die(QStringLiteral("expected one kept-open order connection, found %1").arg(lines.size()));
    HttpConnection* line = lines.first();
    for (int i = 0; i < orders; ++i) {
        // 2 % below the mid: rests, never fills, inside the fat-finger guard.
        const Decimal mid = *terminal.desk->referencePrice(Terminal::btc());
        const Decimal below = *roundPriceToTick(mid * Decimal::fromMantissa(98, 2), instrument);
        QTest::mouseClick(buy, Qt::LeftButton);
        price->setText(below.toString());
        qty->setText(instrument.minQuantity.toString());
        const int before = outcomes;
        const std::size_t arrived = relay->arrivals().size();
        // A trader's pace, inside the venue's order budget (the rate limiter would otherwise hold
        // clicks back, which is its job, not the path's delay); the form settles before the click.
        runFor(150);
        clicks.push_back(perf::nowNs());
        const auto clicked = std::chrono::steady_clock::now();
        QTest::mouseClick(send, Qt::LeftButton);
        // Written during the click; otherwise the order went the ordinary way (connection not ready).
        toWritten.push_back(
            line->lastWrittenAt() > clicked
                ? std::chrono::duration_cast<std::chrono::nanoseconds>(line->lastWrittenAt() - clicked)
                      .count()
                : -1);
        if (!waitUntil([&] { return outcomes > before && relay->arrivals().size() > arrived; }, 10'000))
            die(QStringLiteral("order %1 got no outcome").arg(i));
        if ((i + 1) % 40 == 0) {
            bool done = false;
            terminal.desk->cancelAll(Terminal::btc(), [&done](const auto&) { done = true; });
            if (!waitUntil([&done] { return done; }, 10'000))
                die(QStringLiteral("cancel all did not finish"));
        }
    }
    std::vector<std::int64_t> arrivals = relay->arrivals();
    relayThread.quit();
    relayThread.wait();
    delete relay;
    if (arrivals.size() != clicks.size())
        die(QStringLiteral("%1 clicks but %2 order requests").arg(clicks.size()).arg(arrivals.size()));
    std::vector<std::int64_t> latency;
    for (std::size_t i = 0; i < clicks.size(); ++i)
        latency.push_back(arrivals[i] - clicks[i]);
    std::vector<std::int64_t> written;
    int notOnLine = 0;
    for (std::int64_t ns : toWritten) {
        if (ns >= 0)
            written.push_back(ns);
        else
            ++notOnLine;
    }
    print({{QStringLiteral("scenario"), QStringLiteral("order")},
           {QStringLiteral("rate"), rate},
           {QStringLiteral("clickToBytesUs"), toJson(perf::percentiles(latency, 1e-3))},
           {QStringLiteral("clickToWrittenUs"), toJson(perf::percentiles(written, 1e-3))},
           {QStringLiteral("ordinaryPath"), notOnLine}});
    return 0;
}

int cold(const QString& app, int runs)
{
    std::vector<std::int64_t> wall, inside;
    for (int i = 0; i < runs; ++i) {
        QTemporaryDir home; // a first start: no settings, no saved layout
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/.config"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        const std::int64_t t0 = perf::nowNs();
        p.start(app, {QStringLiteral("--demo"), QStringLiteral("--report-first-paint")});
        QByteArray line;
        while (!line.contains('\n') && p.waitForReadyRead(20'000))
            line += p.readAll();
        const std::int64_t t1 = perf::nowNs();
        p.waitForFinished(10'000);
        if (!line.startsWith("first-live-paint-ms "))
            die(QStringLiteral("%1 reported no first paint").arg(app));
        wall.push_back(t1 - t0);
        inside.push_back(line.mid(20).trimmed().toLongLong() * 1'000'000);
    }
    print({{QStringLiteral("scenario"), QStringLiteral("cold")},
           {QStringLiteral("runs"), runs},
           {QStringLiteral("startToLivePaintMs"), toJson(perf::percentiles(wall, 1e-6))},
           {QStringLiteral("mainToLivePaintMs"), toJson(perf::percentiles(inside, 1e-6))}});
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("botterm-perf"));
    QTemporaryDir settingsDir; // never the user's settings
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

    QCommandLineParser parser;
    const auto value = [&parser](const char* name, const char* fallback) {
        parser.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value"),
                                            QString::fromLatin1(fallback)));
    };
    value("rate", "20000");
    value("seconds", "15");
    value("warmup", "3");
    value("sample", "10");
    value("orders", "200");
    value("runs", "10");
    value("cli", "");
    value("app", "");
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        die(QStringLiteral("usage: botterm-perf load|soak|order|cold|plot … (see bench/perf/perf.cpp)"));
    const auto number = [&parser](const char* name) {
        return parser.value(QString::fromLatin1(name)).toInt();
    };
    QString cli = parser.value(QStringLiteral("cli"));
    if (cli.isEmpty())
        cli = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/cli/botterm-cli");
    const QString command = args.first();
    if (command == QLatin1String("load"))
        return load(cli, number("rate"), number("seconds"), number("warmup"));
    if (command == QLatin1String("soak"))
        return soak(cli, number("rate"), number("seconds"), number("sample"));
    if (command == QLatin1String("order"))
        return order(cli, number("orders"), number("rate"));
    if (command == QLatin1String("cold")) {
        QString gui = parser.value(QStringLiteral("app"));
        if (gui.isEmpty())
            gui = QCoreApplication::applicationDirPath() + QStringLiteral("/../../app/gui/botterm");
        return cold(gui, number("runs"));
    }
    if (command == QLatin1String("table") && args.size() == 2)
        return perf::table(args.at(1)) ? 0 : 1;
    if (command == QLatin1String("plot") && args.size() == 3)
        return perf::plot(args.at(1), args.at(2)) ? 0 : 1;
    die(QStringLiteral("unknown scenario '%1'").arg(command));
}
