#pragma once

#include "exchanges/core/signer.h"
#include "models/instrument.h"

#include <QObject>
#include <QUrl>

#include <memory>

class DemoMarket;

// The built-in demo venue: a simulated exchange on 127.0.0.1 that speaks Bybit V5 exactly, so the
// terminal shows a live-looking market on any machine with no keys and no internet. The terminal
// talks to it through the ordinary Bybit adapter; only the base URLs differ.
//
// Public WebSocket (/v5/public/spot, /v5/public/linear): subscribe/unsubscribe, ping/pong,
// tickers.{symbol}, orderbook.{1,50,200}.{symbol} (snapshot then deltas with u/seq), publicTrade.{symbol},
// kline.{interval}.{symbol}. REST: /v5/market/instruments-info, /v5/market/tickers, /v5/market/kline,
// /v5/market/orderbook, /v5/market/time.
//
// Trading (DemoAccount, DemoTradingApi): signed private REST /v5/order/create, amend, cancel,
// cancel-all, /v5/order/realtime, /v5/order/history, /v5/execution/list, /v5/position/list,
// /v5/account/wallet-balance, and the private stream /v5/private (auth, ping, order, execution,
// position, wallet topics), for the built-in demo key and any key added with addApiKey(). Linear
// orders may be conditional (triggerPrice, triggerDirection) and carry takeProfit / stopLoss for the
// position they open; open positions are pushed again as their mark price moves.
// Signatures and stream expiry are checked against the venue's clock (serverTimeMs(), which
// /v5/market/time reports): at a speed other than 1 it leaves the wall clock, so a client must
// re-measure it (SignedRestClient does so after a 10002).
class DemoVenue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoVenue)

public:
    struct Options
    {
        quint16 port = 0;          // 0 = any free port; REST and WebSocket share it
        std::uint64_t seed = 0;    // 0 = random; a fixed seed makes the market reproducible (tests)
        int updateIntervalMs = 50; // how often the market moves and books publish deltas
        // Simulated seconds per wall-clock second: 1 keeps venue time on the wall clock; tests run
        // minutes of market in seconds with a higher value.
        double speed = 1.0;
        // The firehose: this many extra frames per second across the subscribed topics (book deltas,
        // trades, tickers), for load tests and benchmarks; 0 = the market's own pace only.
        int firehoseRate = 0;
    };

    explicit DemoVenue(QObject* parent = nullptr);
    DemoVenue(Options options, QObject* parent = nullptr);
    ~DemoVenue() override;

    // Listens on 127.0.0.1 only. False (with errorString()) if the port cannot be bound.
    bool start();
    void stop();
    bool isRunning() const;
    QString errorString() const;

    quint16 port() const;
    QUrl restUrl() const;                          // http://127.0.0.1:PORT
    QUrl publicStreamUrl(Category category) const; // ws://127.0.0.1:PORT/v5/public/{spot|linear}
    QUrl privateStreamUrl() const;                 // ws://127.0.0.1:PORT/v5/private

    // The built-in key pair the demo venue always accepts (the terminal's automatic demo account).
    static Credentials demoCredentials();
    // Accepts another key (tests); replaces the secret of a key already known.
    void addApiKey(const QString& key, const QByteArray& secret);
    // Back to the starting wallet with no orders, executions or positions (keeps the keys).
    void resetAccount();
    QList<Instrument> instruments(Category category) const;
    QStringList symbols(Category category) const;

    // Drops every WebSocket connection at once (a venue-side disconnect, for tests and demos).
    void dropConnections();
    int connectionCount() const;
    // Public frames sent by the firehose since start().
    qint64 firehoseFramesSent() const;

    // Freezes the market. Pausing first sends every subscriber what is still unpublished, so streams
    // and REST show the same state while paused; resuming continues without a jump in time.
    void setPaused(bool paused);
    bool isPaused() const;

    // The simulated clock (ms since the epoch; on the wall clock when speed is 1).
    std::int64_t nowMs() const;
    // The clock private requests are checked against: nowMs(), and while paused it keeps running
    // (the market stands still, request timestamps and stream expiry do not).
    std::int64_t serverTimeMs() const;
    // The simulation behind the venue (nullptr until started): DemoAccount fills orders against it.
    DemoMarket* market();

Q_SIGNALS:
    void connectionCountChanged(int count);

private:
    struct Private;
    std::unique_ptr<Private> d;
};
