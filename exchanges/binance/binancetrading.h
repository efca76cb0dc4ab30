#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QMutex>
#include <QSet>
#include <QUrl>

#include <atomic>
#include <chrono>

// Binance spot and USDⓈ-M futures trading with one API key: orders, amends, cancels, open orders and
// history, fills, positions and balances over REST (/api/v3 on the spot host, /fapi on the futures
// host, chosen by each request's category), and the two private streams: spot account events through
// the WebSocket API's userDataStream.subscribe.signature (the listenKey stream stopped 2026-02-20), and
// USDⓈ-M events on the /private stream opened with a listenKey. USDⓈ-M conditional orders live on the
// Algo Service (/fapi/v1/algoOrder since 2025-12-09; ALGO_UPDATE on the stream): in the store their ids
// are "algo-<algoId>", which routes their cancel and lookups there. Both position modes: in hedge mode
// (learnt from GET /fapi/v1/positionSide/dual with every snapshot (accountSetupRequests), and from the legs
// replies and pushes name) positions are LONG / SHORT legs and orders name their leg (positionSide) instead
// of reduceOnly. The spot and USDⓈ-M parts live in binancespottrading.cpp and binancefuturestrading.cpp.
// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/trading-endpoints ,
// /binance-spot-api-docs/websocket-api/user-data-stream-requests ,
// https://developers.binance.com/docs/derivatives/usds-margined-futures/trade/rest-api ,
// /derivatives/usds-margined-futures/user-data-streams
class BinanceTrading final : public TradingAdapter
{
public:
    struct Endpoints
    {
        QUrl spotRest;      // https://api.binance.com
        QUrl futuresRest;   // https://fapi.binance.com
        QUrl spotStream;    // wss://ws-api.binance.com:443/ws-api/v3
        QUrl futuresStream; // wss://fstream.binance.com/private/ws
    };
    static Endpoints endpoints(Environment environment);
    // A test server serving both products: REST paths on restUrl, the WS API at /ws-api/v3 and the
    // futures stream at /private/ws on streamUrl's host.
    static Endpoints loopback(const QUrl& restUrl, const QUrl& streamUrl);

    explicit BinanceTrading(Endpoints endpoints, Environment environment = Environment::Mainnet);

    QString venue() const override { return QStringLiteral("binance"); }
    // "bt-" + base-36 ms + "-" + base-36 counter + "-" + 6 hex digits: within Binance's 36 characters
    // of [.A-Z:/a-z0-9_-].
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    // USDⓈ-M: the Algo Service's open conditional orders, and their cancel-all: the further requests of
    // the snapshot, listing and cancel-all.
    QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const override;
    // USDⓈ-M: the position-mode read (GET /fapi/v1/positionSide/dual), with every snapshot and before a
    // CLI order.
    QList<SignedRequest> accountSetupRequests(const QList<Category>& categories) const override;
    Result<bool, AdapterError> parseAccountSetup(const QJsonDocument& reply) const override;
    QList<SignedRequest> moreCancelAllRequests(Category category, const QString& symbol) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override; // the spot wallet
    SignedRequest balancesRequestFor(const QList<Category>& categories) const override;
    bool listsExecutionsForAllSymbols() const override { return false; }

    bool isDuplicateClientOrderId(const RestError& error) const override;
    QString notOffered(const OrderRequest& request) const override;
    // Once the account is known to be in hedge mode (USDⓈ-M).
    bool hedgesPositions() const override { return isHedgeMode(); }
    bool isAuthenticationError(const RestError& error) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    // Private streams. Names: "spot" (WS API; its pre-connect step is a signed account read that
    // measures the clock and checks the key), "linear" (listenKey; "linear-wallet" when the account
    // trades only USDⓈ-M, so its balance pushes are the wallet the session shows).
    QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                            const QUrl& configuredUrl) const override;
    Result<QString, AdapterError> parseStreamToken(const QString& stream,
                                                   const QJsonDocument& reply) const override;
    QUrl streamUrl(const PrivateStreamSpec& stream, const QString& token) const override;
    SignedRequest keepAliveRequest(const QString& stream, const QString& token) const override;
    QByteArray streamAuthMessageFor(const QString& stream, const Credentials& credentials, qint64 nowMs,
                                    const QString& token) const override;
    PrivateStreamFrame parseStreamFrameFor(const QString& stream, QByteArrayView frame) const override;

    // The listenKey keep-alive period (Binance: valid 60 min, extend well before; tests shorten it).
    void setKeepAliveInterval(std::chrono::milliseconds interval) { m_keepAlive = interval; }

    // {"id":"subscribe","method":"userDataStream.subscribe.signature","params":{apiKey,timestamp,signature}}
    // signed over the parameters sorted by name, "apiKey=…&timestamp=…" (HMAC hex; a PEM key signs base64).
    static QByteArray subscribeMessage(const Credentials& credentials, qint64 timestampMs);
    static PrivateStreamFrame parseSpotFrame(QByteArrayView frame);
    // mode: set to the position mode the frame shows (an order or position naming LONG / SHORT: hedge;
    // BOTH: one-way), left alone when it shows none.
    enum class PositionMode : std::uint8_t
    {
        Unknown,
        OneWay,
        Hedge,
    };
    static PrivateStreamFrame parseFuturesFrame(QByteArrayView frame, bool withBalances,
                                                PositionMode* mode = nullptr);
    static OrderStatus statusFromBinance(const QString& status, bool partlyFilled);
    static QString formatOnStep(Decimal value, Decimal step);

    // USDⓈ-M conditional orders (Algo Service). Their order ids in the store: "algo-<algoId>".
    static bool isAlgoOrderId(const QString& orderId);
    static std::optional<Order> algoOrderFrom(const QJsonObject& entry);
    // GET /fapi/v1/openAlgoOrders (every symbol when empty): read by parseOrders; one of the further
    // open-orders requests of the snapshot and listing (moreOpenOrdersRequests).
    SignedRequest openAlgoOrdersRequest(const QString& symbol) const;
    // DELETE /fapi/v1/algoOpenOrders (symbol required): the conditional orders allOpenOrders leaves.
    SignedRequest cancelAllAlgoOrdersRequest(const QString& symbol) const;

    // Position mode: GET /fapi/v1/positionSide/dual, {"dualSidePosition":bool}, sent with every snapshot
    // (accountSetupRequests). Also learnt from the positionSide of positionRisk rows and of
    // the orders and positions pushed (LONG / SHORT: hedge, BOTH: one-way).
    SignedRequest positionModeRequest() const;
    Result<bool, AdapterError> parsePositionMode(const QJsonDocument& reply) const;
    bool isHedgeMode() const;
    // The leg an order opens or closes in hedge mode: the one it names, else a buy opens LONG and a
    // reduce-only buy closes SHORT (a sell the other way round).
    static PositionSide legOf(const OrderRequest& order);
    // Client ids of the conditional orders this adapter built: a lost create reply of one is looked up
    // on the Algo Service (GET /fapi/v1/algoOrder?clientAlgoId=), not among the plain orders.
    bool isAlgoClientOrderId(const QString& clientOrderId) const;

private:
    SignedRequest request(Category category, const QByteArray& method, const QString& path) const;
    SignedRequest spotOrderRequest(const OrderRequest& order, const Instrument& instrument) const;
    SignedRequest futuresOrderRequest(const OrderRequest& order, const Instrument& instrument) const;
    SignedRequest spotAmendRequest(const OrderAmendment& amendment, const Instrument& instrument) const;
    SignedRequest futuresAmendRequest(const OrderAmendment& amendment, const Instrument& instrument) const;
    SignedRequest algoOrderRequest(const QByteArray& method, const OrderReference& order) const;
    // An "algo-" id, or only a client id that one of our conditional orders carries.
    bool isAlgoReference(const OrderReference& order) const;
    static void appendQuantityAndPrice(SignedRequest& r, const OrderAmendment& amendment,
                                       const Instrument& instrument);
    void noteHedgeMode(bool hedge) const;
    void appendPositionSide(SignedRequest& r, const OrderRequest& order) const;

    Endpoints m_endpoints;
    Environment m_environment;
    std::chrono::milliseconds m_keepAlive{std::chrono::minutes(30)};
    std::atomic<quint64> m_counter{0};
    // Learnt from the venue's replies and pushes (parse calls are const).
    mutable std::atomic<PositionMode> m_positionMode{PositionMode::Unknown};
    // Conditional orders' client ids (createOrderRequest is const; the GUI thread builds them).
    mutable QMutex m_algoClientIdsMutex;
    mutable QSet<QString> m_algoClientIds;
};
