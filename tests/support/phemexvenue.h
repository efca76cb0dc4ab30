#pragma once

#include "models/decimal.h"
#include "venueverifier.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QWebSocketServer>

class QWebSocket;

// A loopback Phemex for end-to-end tests: its REST API (USDⓈ-M g-orders, trades, accountPositions)
// behind a VenueVerifier that checks every request's signature as Phemex does, and one DataGW
// WebSocket (127.0.0.1, port 0) that verifies user.auth (HMAC of key + expiry with the secret, expiry
// not past), answers server.ping, sends an orderbook_p snapshot on subscription and, to logged-in
// aop_p subscribers, the account-order-position snapshot and every change in Phemex's push shape.
// One symbol, BTCUSDT, one-way mode; limit orders rest (no matching), market orders fill at the
// touch (bid 64999.9 / ask 65000.1) with a 0.06 % taker fee.
// Coin-margined BTCUSD (contract API, scaled integers: priceScale 4, BTC valueScale 8, contracts of
// 1 USD): POST /orders, PUT /orders/replace, DELETE /orders/cancel and /orders/all, GET
// /orders/activeList, /api-data/futures/{orders,trades}, /accounts/accountPositions?currency=BTC, and
// the aop push (accounts, orders, positions) to logged-in aop subscribers; market orders fill at the
// touch (bid 64999.5 / ask 65000) with a 0.075 % taker fee charged in BTC. GET /public/products
// answers the products and currencies (their scales).
class PhemexVenue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PhemexVenue)

public:
    static constexpr const char* Key = "phemex-test-key";
    static constexpr const char* Secret = "phemex-test-secret";

    PhemexVenue();
    ~PhemexVenue() override;

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl streamUrl() const;
    VenueVerifier& verifier() { return m_verifier; }

    // The next order placement is refused with this Phemex code and message (HTTP 200).
    void rejectNextOrder(int code, const QString& message);
    // An order the venue holds that no client placed (seen only through a snapshot or a push); on
    // BTCUSDT unless another symbol is named (another symbol's orders only rest).
    void addRestingOrder(const QString& orderId, const QString& price, const QString& quantity,
                         const QString& symbol = {});
    // Open-order lists with nothing in them answered as some Phemex versions do: code 10002
    // "OM_ORDER_NOT_FOUND" instead of empty rows.
    void setEmptyListIsNotFound(bool notFound) { m_emptyListIsNotFound = notFound; }
    // GET /g-orders/activeList requests by their symbol parameter ("" without one).
    int openOrderQueries(const QString& symbol) const { return m_openOrderQueries.value(symbol); }
    // Aborts every WebSocket connection (public and private).
    void dropConnections();
    // Sends an orderbook_p incremental to book subscribers.
    void pushBookIncrement(std::int64_t sequence, const QJsonArray& bids, const QJsonArray& asks);

    // Spot (sBTCUSDT, scaled integers at 1e8): the spot wallet of a coin, balance and the part locked
    // by resting orders; the spot orders resting.
    Decimal spotBalance(const QString& coin) const { return m_spotWallets.value(coin).balance; }
    Decimal spotLocked(const QString& coin) const { return m_spotWallets.value(coin).locked; }
    int openSpotOrderCount() const;
    // The spot wallet of a coin changes without a push (a deposit or a transfer the stream missed).
    void setSpotBalance(const QString& coin, const Decimal& balance)
    {
        m_spotWallets[coin].balance = balance;
    }

    // Coin-margined (BTCUSD): the BTC account's balance in satoshis ("Ev"), the position in contracts
    // (signed), the open orders; a fill's fee in satoshis.
    qint64 coinBalanceEv() const { return m_coinBalanceEv; }
    qint64 coinPosition() const { return m_coinPosition; }
    // A cETHUSD position (contracts, > 0 long) held in the ETH account (GET /accounts/accountPositions
    // ?currency=ETH), as if opened before this session.
    void setEthPosition(qint64 contracts) { m_ethPosition = contracts; }
    int openCoinOrderCount() const;
    // A coin-margined order the venue holds that no client placed (a buy of BTCUSD resting).
    void addRestingCoinOrder(const QString& orderId, const QString& price, qint64 contracts);
    static qint64 coinFeeEv(qint64 contracts, qint64 priceEp);
    // GET /public/products requests answered.
    int productQueries() const { return m_productQueries; }

    int authAttempts() const { return m_authAttempts; }
    int acceptedLogins() const { return m_acceptedLogins; }
    int bookSubscriptions() const { return m_bookSubscriptions; }
    int connections() const { return m_connections; }
    int openOrderCount() const;

private:
    struct VenueOrder
    {
        QString orderId;
        QString symbol;
        QString clientOrderId;
        QString side;
        QString type;
        QString timeInForce;
        Decimal price;
        Decimal quantity;
        Decimal filled;
        Decimal execPrice;
        Decimal execFee;
        QString execId;
        QString status;
        bool reduceOnly = false;
        qint64 actionNs = 0;
        qint64 transactNs = 0;
    };

    struct SpotWallet
    {
        Decimal balance;
        Decimal locked;
    };

    std::optional<LoopbackHttpServer::Response> respond(const LoopbackHttpServer::Request& request);
    std::optional<LoopbackHttpServer::Response> respondSpot(const LoopbackHttpServer::Request& request);
    LoopbackHttpServer::Response placeSpot(const QJsonObject& body);
    void fillSpot(VenueOrder& order);
    void lockSpot(const VenueOrder& order, bool lock);
    QJsonObject spotOrder(const VenueOrder& o) const;
    QJsonArray spotWallets() const;
    void pushWo(const QJsonArray& open, const QJsonArray& closed, const QJsonArray& fills, bool snapshot);
    LoopbackHttpServer::Response ok(const QJsonValue& data) const;
    LoopbackHttpServer::Response error(int code, const QString& message) const;
    LoopbackHttpServer::Response place(const QJsonObject& body);
    VenueOrder* find(const QString& orderId, const QString& clientOrderId);

    QJsonObject restOrder(const VenueOrder& o) const;
    QJsonObject pushOrder(const VenueOrder& o, bool withExecution) const;
    QJsonObject account() const;
    QJsonObject position() const;
    void pushAop(const QJsonArray& orders, bool snapshot);
    void fill(VenueOrder& order);

    std::optional<LoopbackHttpServer::Response> respondCoin(const LoopbackHttpServer::Request& request);
    LoopbackHttpServer::Response placeCoin(const QJsonObject& body);
    void fillCoin(VenueOrder& order);
    QJsonObject coinOrder(const VenueOrder& o, bool withExecution) const;
    QJsonObject coinAccount() const;
    QJsonObject coinPositionEntry() const;
    void pushCoinAop(const QJsonArray& orders, bool snapshot);
    QJsonObject products() const;

    void onConnection();
    void onMessage(QWebSocket* socket, const QString& text);
    void reply(QWebSocket* socket, const QJsonValue& id, const QJsonValue& result,
               const QJsonValue& error = {});

    VenueVerifier m_verifier;
    QWebSocketServer m_ws;
    QList<QWebSocket*> m_sockets;
    QSet<QWebSocket*> m_authed;
    QSet<QWebSocket*> m_aop;
    QSet<QWebSocket*> m_books;

    QMap<QString, VenueOrder> m_orders;     // by orderID
    QMap<QString, VenueOrder> m_spotOrders; // by orderID
    QList<QJsonObject> m_spotFills;
    QMap<QString, SpotWallet> m_spotWallets; // by currency
    QSet<QWebSocket*> m_wo;
    QMap<QString, VenueOrder> m_coinOrders; // by orderID; prices in Ep, quantities in contracts
    QList<QJsonObject> m_coinTrades;
    QSet<QWebSocket*> m_coinAop;
    qint64 m_coinBalanceEv = 100'000'000; // 1 BTC
    qint64 m_coinPosition = 0;            // contracts, > 0 long
    qint64 m_ethPosition = 0;             // cETHUSD contracts in the ETH account
    qint64 m_coinEntryEp = 0;
    int m_productQueries = 0;
    QList<QJsonObject> m_trades; // trades-history rows
    Decimal m_balance;           // USDT
    Decimal m_positionSize;      // signed: > 0 long
    Decimal m_entryPrice;
    std::optional<std::pair<int, QString>> m_rejectNext;
    qint64 m_nextId = 1;
    std::int64_t m_bookSequence = 1000;
    bool m_emptyListIsNotFound = false;
    QMap<QString, int> m_openOrderQueries;
    int m_authAttempts = 0;
    int m_acceptedLogins = 0;
    int m_bookSubscriptions = 0;
    int m_connections = 0;
};
