#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QCoreApplication>

#include <QHash>
#include <QMutex>
#include <QSet>
#include <QUrl>

#include <atomic>
#include <optional>

// OKX v5 private trading for SPOT (tdMode cash) and SWAP (tdMode cross, net position mode): place,
// amend, cancel, open orders, history, fills, positions and the trading account's balances over REST;
// the private stream's login, the orders / positions / account channels and their pushes.
// Quantities are OKX's sz: base currency on spot, contracts on swaps.
// Stop orders (a trigger price) are OKX trigger algo orders: POST /trade/order-algo (ordType trigger, orderPx
// -1 for market once triggered), listed by /trade/orders-algo-pending, cancelled by /trade/cancel-algos,
// amended by /trade/amend-algos and pushed on the business stream's orders-algo channel (a second private
// stream with its own login). In the store their ids are "algo-<algoId>", which routes their cancel, amend
// and lookups to the algo endpoints. An algo order is Untriggered while it waits, Triggered once OKX placed
// its order (which then shows and fills as any order on the orders channel; its end closes the algo
// order too), Deactivated when cancelled before it triggered, Rejected when placing its order failed.
// https://www.okx.com/docs-v5/en/#order-book-trading-trade-post-place-order ,
// #trading-account-websocket-order-channel , #overview-websocket-login ,
// #order-book-trading-algo-trading-post-place-algo-order ,
// #order-book-trading-algo-trading-ws-algo-orders-channel
// (The algo orders' half of this class is defined in okxalgoorders.cpp.)
class OkxTrading final : public TradingAdapter
{
    Q_DECLARE_TR_FUNCTIONS(OkxTrading)

public:
    // baseUrl: "https://www.okx.com", or a test server. Environment::Demo adds x-simulated-trading: 1.
    explicit OkxTrading(const QUrl& baseUrl, Environment environment = Environment::Mainnet);

    // cancel-batch-orders takes at most 20 orders, cancel-algos at most 10 algo orders a request.
    static constexpr int MaxCancelBatch = 20;
    static constexpr int MaxCancelAlgoBatch = 10;

    QString venue() const override { return QStringLiteral("okx"); }
    // "bt" + base-36 time + base-36 counter + 8 hex digits: letters and digits only, ≤ 32 characters.
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    // An algo order: amend-algos takes its size, trigger and order price; a plain order takes no trigger.
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;
    // OKX has no cancel-all for spot and swaps (/api/v5/trade/mass-cancel only takes OPTION, with market
    // maker protection; cancel-all-after is a dead man's switch of ≥ 10 s): the session cancels the open
    // orders its store holds, through cancelOpenOrdersRequests(); cancelAllRequest() is never sendable.
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    bool offersCancelAll() const override { return false; }
    // cancel-batch-orders of the given open orders, 20 a request (OKX's limit; each entry names its
    // instId, so one batch may mix instruments), and cancel-algos of the trigger orders among them, 10 a
    // request (the session has left out those whose cancel is under way).
    QList<SignedRequest> cancelOpenOrdersRequests(const std::vector<Order>& open) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    // The waiting trigger orders: GET /trade/orders-algo-pending?ordType=trigger.
    QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;

    bool isDuplicateClientOrderId(const RestError& error) const override;
    QString notOffered(const OrderRequest& request) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    static OrderStatus statusFromOkx(const QString& state, bool partlyFilled);
    // The value written to the wire: on the step's grid at its scale when exact, never through double.
    static QString formatOnStep(Decimal value, Decimal step);
    // SPOT → "SPOT"; Linear and Inverse → "SWAP".
    static QString instType(Category category);
    // An instrument's category from its type and id ("BTC-USD-SWAP" is coin-margined).
    static Category categoryOf(const QString& instType, const QString& instId);

    static QUrl privateStreamUrl(Environment environment);
    // {"op":"login","args":[{"apiKey","passphrase","timestamp":seconds,"sign":base64 HMAC-SHA256(secret,
    // timestamp + "GET" + "/users/self/verify")}]}.
    static QByteArray loginMessage(const Credentials& credentials, qint64 nowMs);
    static QStringList privateTopics();  // orders and positions of every type, the account
    static QStringList businessTopics(); // orders-algo of every type
    static PrivateStreamFrame parsePrivateFrame(QByteArrayView frame);

    // Algo (trigger) orders: their ids in the store are "algo-<algoId>".
    static bool isAlgoOrderId(const QString& orderId);
    static OrderStatus statusFromOkxAlgo(const QString& state);
    // The business stream's URL: the private one's with /private replaced by /business (a test server
    // elsewhere sets it here).
    void setBusinessStreamUrl(const QUrl& url) { m_businessStreamUrl = url; }
    // Client ids of the trigger orders this adapter built: a lost create reply of one is looked up with
    // GET /trade/order-algo?algoClOrdId=, not among the plain orders.
    bool isAlgoClientOrderId(const QString& clientOrderId) const;

    // Two private streams ("" on /ws/v5/private: orders, positions, account; "business" on
    // /ws/v5/business: orders-algo), each logged in the same way. Each login carries the venue's current
    // time: authAheadMs 0 makes the session pass its venue-clock "now" (local time + the measured offset)
    // instead of an expiry ahead of it, whatever Config::authExpiryMs says. OKX accepts the login within 30 s
    // of its own clock.
    QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                            const QUrl& configuredUrl) const override;
    // nowMs: the venue's current time (authAheadMs 0), written in whole seconds.
    QByteArray streamAuthMessage(const Credentials& credentials, qint64 nowMs) const override
    {
        return loginMessage(credentials, nowMs);
    }
    QStringList streamTopics() const override { return privateTopics(); }
    QStringList streamTopicsFor(const QString& stream) const override;
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    // Algo (trigger) orders (okxalgoorders.cpp).
    SignedRequest algoOrderRequest(const OrderRequest& order, const Instrument& instrument) const;
    // amend-algos and cancel-algos of a trigger order (an "algo-" id or one of our client ids).
    SignedRequest amendAlgoRequest(const OrderAmendment& amendment, const Instrument& instrument) const;
    SignedRequest cancelAlgoRequest(const OrderReference& order) const;
    // An orders-algo-pending / order-algo entry; its trigger price and client id are noted.
    std::optional<Order> listedAlgoOrder(const QJsonObject& entry) const;
    // GET /trade/order-algo by algoId (an "algo-" id) or algoClOrdId.
    SignedRequest algoDetailsRequest(const OrderReference& order) const;
    // An "algo-" id, or only a client id that one of our trigger orders carries.
    bool isAlgoReference(const OrderReference& order) const;

    QUrl m_baseUrl;
    Environment m_environment;
    std::atomic<quint64> m_counter{0};
    QUrl m_businessStreamUrl;
    // Trigger orders' client ids (createOrderRequest is const), and the trigger prices pushed by algoId
    // (the triggered order's end closes its algo order, whose trigger price the order does not carry).
    mutable QMutex m_algoMutex;
    mutable QSet<QString> m_algoClientIds;
    mutable QHash<QString, Decimal> m_algoTriggers;
};
