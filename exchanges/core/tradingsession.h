#pragma once

#include "models/tradingstore.h"
#include "ordersubmitter.h"
#include "signedrestclient.h"
#include "streamclient.h"
#include "tradingadapter.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <vector>

class StreamProtocol;

// One account at one venue, live: routes the user's order intents to the venue (through OrderSubmitter)
// and keeps a TradingStore fed from the private stream and REST. On every (re)connect of the private
// stream it logs in, subscribes only once the login is accepted, then takes a REST snapshot (open
// orders, positions, balances, recent executions) and reconciles the store with it. Pushes that arrive
// while the snapshot is in flight are held and applied after it, the newer ones only, so nothing is
// missed and nothing is doubled. A snapshot that fails is reported and taken again: the session is live
// (orders may be sent) only once the account has been read. A refused login is reported with the venue's
// text and not retried.
//
// An account may have several private streams (the adapter's privateStreams(): Binance has one for spot
// and one for USDⓈ-M); the session is live once every one of them is logged in and the snapshot that
// follows is reconciled, and any of them dropping takes it back to Reconnecting. A stream with a token
// step (a listenKey) fetches its token over REST before every connection, keeps it alive on the
// adapter's interval, and fetches a new one after a drop, an expiry push or a failed keep-alive.
//
// A stream need not be a WebSocket: where the adapter's createStreamConnection() gives a
// PrivateStreamConnection (bitbank's PubNub long-poll) the session drives that instead, the same way
// (token, login, snapshot, Syncing until reconciled); it does not reconnect by itself, so every drop goes
// through the session's backoff, a new token and a new snapshot.
class TradingSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingSession)

public:
    enum class State
    {
        Disconnected,
        Connecting,     // first stream connection in progress
        Authenticating, // connected, login sent
        Syncing,        // logged in and subscribed; REST snapshot in flight
        Live,
        Reconnecting, // the stream dropped; waiting to connect again
        AuthFailed,   // the venue refused the login; not retried until start() is called again
    };
    Q_ENUM(State)

    struct Config
    {
        QString venue;                                  // for the credentials provider
        Environment environment = Environment::Mainnet; // ditto
        QUrl restUrl;                                   // where the venue's clock offset is measured
        QUrl privateStreamUrl;
        // The venue's stream protocol (heartbeat, subscribe); may be null when no stream is a WebSocket.
        const StreamProtocol* protocol = nullptr;
        SignedRestClient::CredentialsProvider credentials;
        QList<Category> categories{Category::Linear}; // whose orders, positions and fills to snapshot
        StreamClient::Options streamOptions;
        qint64 authExpiryMs = 10'000; // how far ahead the login's expiry is set
    };

    // client and adapter must outlive the session.
    TradingSession(SignedRestClient* client, TradingAdapter* adapter, Config config,
                   QObject* parent = nullptr);
    ~TradingSession() override;

    void start();
    void stop();
    State state() const { return m_state; }
    const TradingStore& store() const { return m_store; }
    OrderSubmitter& submitter() { return m_submitter; }
    // The first private stream's connection (the only one on most venues); nullptr when stopped,
    // between a drop and the new token of a token stream, or for a stream that is not a WebSocket.
    StreamClient* stream(int index = 0) const;
    int streamCount() const { return int(m_streams.size()); }
    // Keep-alive requests sent for stream tokens (Binance listenKey PUTs).
    int keepAlivesSent() const { return m_keepAlives; }
    // Completed snapshot reconciliations (one per (re)connect when all went well).
    int snapshotCount() const { return m_snapshots; }
    // Logins sent (one per connection).
    int authAttempts() const { return m_authAttempts; }

    void placeOrder(OrderRequest request, const Instrument& instrument, std::optional<Decimal> referencePrice,
                    OrderSubmitter::PlaceCallback done = {});
    void cancelOrder(const OrderReference& order, OrderSubmitter::CancelCallback done = {});
    void amendOrder(const OrderAmendment& amendment, const Instrument& instrument,
                    OrderSubmitter::CancelCallback done = {});
    // The venue's cancel-all (and its moreCancelAllRequests), or on a venue without one the cancels of
    // the open orders the store holds, leaving out those whose cancel went out in the last
    // CancelPendingMs: pressing it again before the venue confirms repeats none.
    void cancelAll(Category category, const QString& symbol,
                   std::function<void(const Result<bool, RestError>&)> done = {});
    static constexpr qint64 CancelPendingMs = 3'000;

Q_SIGNALS:
    void stateChanged(TradingSession::State state);
    void orderPlaced(const OrderSubmitter::PlaceOutcome& outcome);
    // A request, login or snapshot failed: the venue's text verbatim where it gave one.
    void errorOccurred(const QString& message);
    void authFailed(const QString& venueMessage);
    // The venue's notice to the account (PrivateStreamFrame::Kind::Notice), e.g. a margin call.
    void noticeReceived(const QString& text);
    // The store changed (any kind); views may still poll the versions instead.
    void storeChanged();
    void synced();

private:
    struct PrivateStream;

    void connectStream(std::size_t index);
    void openClient(std::size_t index, const QUrl& url);
    void dropClient(PrivateStream& stream);
    void retryStream(std::size_t index, int delayMs = -1);
    void sendKeepAlive(std::size_t index);
    void onConnected(std::size_t index);
    void onFrame(std::size_t index, const QByteArray& frame);
    void onStreamState(std::size_t index, StreamClient::State state, int delayMs);
    void onLinkDropped(std::size_t index, const QString& reason, int retryAfterMs);
    void streamReady(std::size_t index);
    void abandonSnapshot();
    // An order the stream named without enough to show it (PrivateStreamFrame::lookUps), read over REST.
    void lookUpOrder(const OrderReference& reference);
    void refuseAuth(const QString& message);
    void beginSnapshot();
    // Balances and positions read again over REST shortly after fills, for venues that push neither.
    void scheduleAccountRefresh();
    void refreshAccount();
    void snapshotPartDone(std::uint64_t generation);
    void fail(const QString& message);
    void setState(State state);

    SignedRestClient* m_client;
    TradingAdapter* m_adapter;
    Config m_config;
    OrderSubmitter m_submitter;
    std::vector<std::unique_ptr<PrivateStream>> m_streams;
    TradingStore m_store;
    State m_state = State::Disconnected;

    // The snapshot in flight: its generation (a newer connection abandons an older snapshot), the
    // parts still outstanding, what arrived, and the pushes held meanwhile.
    std::uint64_t m_generation = 0;
    bool m_snapshotting = false;
    int m_partsLeft = 0;
    bool m_snapshotFailed = false;
    TradingSnapshot m_snapshot;
    std::vector<PrivateUpdate> m_held;
    std::size_t m_heldBeforeBalances = 0; // pushes held before the balances reply (their wallets are older)
    // The same for the further balances replies (moreBalancesRequests), by the account each one read.
    QHash<QString, std::size_t> m_heldBeforeAccount;
    int m_snapshots = 0;
    int m_authAttempts = 0;
    int m_keepAlives = 0;
    std::uint64_t m_connections = 0; // numbers the streams' connections and token fetches
    bool m_accountRefreshQueued = false;
    int m_snapshotRetryMs = 1'000; // the wait before taking a failed snapshot again
    // Venues without a cancel-all: when the store-driven cancel-all last sent each order's cancel
    // (monotonic ms), so pressing it again before the venue confirms sends none of them twice.
    QHash<QString, qint64> m_cancelSentMs;
    QElapsedTimer m_clock;
};
