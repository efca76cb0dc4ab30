#pragma once

#include "exchanges/core/keystore.h"
#include "exchanges/core/ordersubmitter.h"
#include "exchanges/core/streamclient.h"
#include "exchanges/core/tradingsession.h"
#include "marketsession.h"

#include <QObject>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class AccountSettings;
class BalancesModel;
class FillsModel;
class OpenOrdersModel;
class OrderHistoryModel;
class PositionsModel;
class QNetworkAccessManager;
class SignedRestClient;
class StreamProtocol;
class TradingAdapter;

// The window's trading side for one account: the signed REST client, the venue's trading adapter and
// the TradingSession that keeps the account's orders, fills, positions and balances; the item models
// over them, refreshed on the market session's frame timer (≤ 60 Hz, like the market views); and the
// user's intents (place, cancel, cancel all, amend, close a position), which the order entry dock, the
// account views, the ladder and the hotkeys all go through. The key is read from the key store when the
// first request is signed and kept in memory only until stop().
//
// Trading is allowed only once the session is live: after a (re)start the open orders and positions
// are loaded from the venue before anything can be sent (canTrade()).
class TradingDesk final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TradingDesk)

public:
    struct Options
    {
        AccountId account;
        QUrl restUrl;          // empty: the venue's own for the account's environment
        QUrl privateStreamUrl; // ditto
        // Used instead of the key store (the demo account when no keychain is reachable).
        std::optional<Credentials> credentials;
        StreamClient::Options stream;
        std::chrono::milliseconds requestTimeout{10'000};
        // Lookups of an order whose create reply was lost: attempts × interval before it is "unknown".
        int lookupAttempts = 3;
        std::chrono::milliseconds lookupInterval{500};
    };

    using PlaceOutcome = OrderSubmitter::PlaceOutcome;
    using PlaceCallback = OrderSubmitter::PlaceCallback;
    using AckCallback = std::function<void(const Result<OrderAck, RestError>&)>;
    using DoneCallback = std::function<void(const Result<bool, RestError>&)>;

    // keys may be null when options.credentials is set. market must outlive the desk.
    TradingDesk(MarketSession& market, KeyStore* keys, Options options, QObject* parent = nullptr);
    ~TradingDesk() override;

    // nullptr (and errorString()) for a venue botterm cannot trade on.
    static std::unique_ptr<TradingDesk> create(MarketSession& market, KeyStore* keys, Options options,
                                               QString* errorString = nullptr);

    void start();
    void stop();

    const AccountId& account() const { return m_options.account; }
    // "bybit · main (testnet)", for titles and the status bar.
    QString accountLabel() const;
    AccountSettings& settings() const { return *m_settings; }
    MarketSession& market() const { return m_market; }

    TradingSession::State state() const;
    // Live: the account's state has been loaded from the venue and the private stream is up.
    bool canTrade() const;
    // The last error (venue text verbatim), "" when none since the session went live.
    QString lastError() const { return m_lastError; }

    const TradingStore& store() const;
    TradingSession& session() const { return *m_session; }
    SignedRestClient& client() const { return *m_client; }
    // The venue's trading adapter: what it offers (e.g. offersQuoteQuantity, notOffered) before sending.
    const TradingAdapter& adapter() const { return *m_adapter; }

    OpenOrdersModel* openOrdersModel() const { return m_openOrders; }
    OrderHistoryModel* orderHistoryModel() const { return m_history; }
    FillsModel* fillsModel() const { return m_fills; }
    PositionsModel* positionsModel() const { return m_positions; }
    BalancesModel* balancesModel() const { return m_balances; }
    // Brings the models up to the store now (the frame timer does this ~60 times a second).
    void refreshModels();

    // The price a market order's minimum notional and the fat-finger guard are measured against: the
    // book's mid when the book is live, else the last traded price.
    std::optional<Decimal> referencePrice(const SymbolKey& key) const;
    // Whether the symbol's book is live (ladder trading and hotkeys need it).
    bool isBookLive(const SymbolKey& key) const;
    // The quote-currency balance available for new orders on that symbol (for the % quick sizes).
    std::optional<Decimal> availableQuote(const SymbolKey& key) const;
    std::optional<Decimal> availableBase(const SymbolKey& key) const;
    // The instrument's rules (tick, lot step) as the market session loaded them; nullopt before that.
    std::optional<Instrument> instrumentFor(Category category, const QString& symbol) const;

    // The intents. Each reports its result through the callback and, for failures, lastError() and
    // errorOccurred(). A place is refused (Failed, nothing sent) while canTrade() is false.
    void placeOrder(OrderRequest request, PlaceCallback done = {});
    void cancelOrder(const Order& order, AckCallback done = {});
    void cancelAll(const SymbolKey& key, DoneCallback done = {});
    void amendOrder(const Order& order, std::optional<Decimal> price, std::optional<Decimal> quantity,
                    AckCallback done = {});
    // A reduce-only market order for the position's whole size on the other side.
    void closePosition(const Position& position, PlaceCallback done = {});
    // A reduce-only market order closing one lot of the position (its whole size), on the position's
    // leg; only where the venue keeps lots (Position::lots).
    void closePositionLot(const Position& position, const PositionLot& lot, PlaceCallback done = {});

    // Open orders of one symbol (the ladder marks them).
    std::vector<Order> openOrders(const SymbolKey& key) const;

Q_SIGNALS:
    void stateChanged(TradingSession::State state);
    void errorOccurred(const QString& message);
    // The venue's notice to the account (a margin call): shown until the trader has seen it.
    void noticeReceived(const QString& text);
    // An order is about to be sent (its client order id is set): before any reply or stream push of it.
    void orderSending(const OrderRequest& request);
    void orderPlaced(const TradingDesk::PlaceOutcome& outcome);
    // After each frame pass that changed a model.
    void modelsRefreshed();

private:
    void noteWatchlist();
    void setError(const QString& message);

    MarketSession& m_market;
    KeyStore* m_keys;
    Options m_options;
    QNetworkAccessManager* m_network;
    std::unique_ptr<TradingAdapter> m_adapter;
    std::unique_ptr<StreamProtocol> m_protocol;
    SignedRestClient* m_client;
    std::unique_ptr<TradingSession> m_session;
    AccountSettings* m_settings;
    OpenOrdersModel* m_openOrders;
    OrderHistoryModel* m_history;
    FillsModel* m_fills;
    PositionsModel* m_positions;
    BalancesModel* m_balances;
    QString m_lastError;
    std::optional<Credentials> m_cached; // read from the key store once per start
    std::uint64_t m_seenVersions = 0;
};
