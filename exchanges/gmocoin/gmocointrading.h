#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "exchanges/core/tradingadapter.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>
#include <QUrl>

#include <atomic>

// GMO Coin private trading (spot and leverage) over /private/v1 and the token-authenticated private
// WebSocket. https://api.coin.z.com/docs/#order , #ws-auth , #private-ws-api
//
// Orders: LIMIT (timeInForce FAS = rests, FAK = IOC, FOK, SOK = post-only), MARKET (FAK), and a trigger
// price → STOP (a stop-market order: GMO's STOP has no limit price).
//
// Leverage positions are hedged: GMO keeps one position per opening fill (a positionId each) and never
// nets a buy against a sell, so an account holds a long and a short of one symbol at once. botterm shows
// each side as one leg (PositionSide::Long for GMO's BUY positions, Short for SELL) from GMO's summary.
// A new order opens a position on its own side (/order: a buy adds to the long leg, a sell to the short
// one). A reduce-only order, or one naming a leg to close, goes to /closeBulkOrder with the order's side
// (a BUY closes SELL positions, oldest first, up to the size): closing the short leg is a reduce-only
// buy with positionSide Short, as TradingDesk::closePosition builds it. Closing one given position
// needs /closeOrder with its positionId (closePositionRequest; ids from openPositionsRequest or the
// positionEvents this adapter has seen: openPositionsOf). Each leg carries those positions as its lots
// (Position::lots, oldest first), and an OrderRequest with closesPositionId closes one of them: a market
// or limit /closeOrder of the request's quantity, its side against the position's (refused before
// sending when the id is not one this adapter knows, or the quantity is above the position's size). Orders
// read back (activeOrders, orders, orderEvents) carry their leg from GMO's settleType and side: OPEN BUY /
// OPEN SELL open the long / short leg, CLOSE SELL / CLOSE BUY close the long / short leg
// (Order::positionSide); spot orders are Net. Amend: /changeOrder (price only). Ids: GMO takes no client
// order id: clientOrderId stays local and an order is known by GMO's orderId.
//
// Open orders: GMO lists them per symbol only (/activeOrders needs one), so a re-sync reads every symbol
// of interest: BTC and BTC_JPY, those added with addSymbolsOfInterest() (the ones the account trades or
// watches), and any this adapter has sent an order for or read an order, fill or position of.
// openOrdersRequest(category, "") reads the category's first; moreOpenOrdersRequests() the others (the
// session's snapshot and OrderSubmitter::listOpen send them). A cancel-all with no symbol names them all
// to /cancelBulkOrder.
//
// Positions: read from /positionSummary (per symbol and side: average rate, summed size, P&L), always
// for every symbol: a leg this adapter reported open that GMO no longer lists is reported flat. Pushed
// by positionSummaryEvents; positionEvents (OPR open, UPR/ULR update, CPR closed) keep the position ids.
// Balances: /account/assets (JPY and coins).
//
// Private stream: POST /private/v1/ws-auth → token; wss://api.coin.z.com/ws/private/v1/{token};
// PUT /private/v1/ws-auth {"token"} extends it (every KeepAliveInterval, the token lives 60 min); a
// reconnect issues a new token. Channels: executionEvents, orderEvents, positionEvents,
// positionSummaryEvents.
//
// Defined in gmocointrading.cpp (orders, fills, balances, the stream) and gmocoinpositions.cpp (the
// leverage positions, their lots and the closes of one position).
class GmocoinTrading final : public TradingAdapter
{
    Q_DECLARE_TR_FUNCTIONS(GmocoinTrading)

public:
    // The token lives 60 min; GMO's weekly maintenance may end it sooner: extend every 10 min.
    static constexpr std::chrono::milliseconds KeepAliveInterval{10 * 60 * 1000};

    // keepAliveInterval: how often the ws-auth token is extended (tests shorten it).
    explicit GmocoinTrading(const QUrl& baseUrl,
                            std::chrono::milliseconds keepAliveInterval = KeepAliveInterval);

    QString venue() const override { return QStringLiteral("gmocoin"); }
    QString newClientOrderId() override; // local only: "gmo" + base-36 time + counter

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    // What the venue cannot take as asked (OrderSubmitter refuses it before anything is sent).
    QString notOffered(const OrderRequest& request) const override;
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    // With no symbol: the requests for the category's other symbols of interest (openOrdersRequest()
    // reads the first); with one, none.
    QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const override;
    // Symbols whose open orders a re-sync reads, in the order first seen (spot "ETH", leverage "ETH_JPY").
    // The category is in the name at GMO Coin ("ETH" spot, "ETH_JPY" leverage).
    void addSymbolsOfInterest(Category category, const QStringList& symbols) override;
    QStringList symbolsOfInterest(Category category) const;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;
    bool listsExecutionsForAllSymbols() const override { return false; } // latestExecutions needs a symbol
    // The leverage account keeps a long and a short of one symbol apart (its spot wallet has no positions).
    bool hedgesPositions() const override { return true; }
    // Each leg holds GMO's positions (positionIds) as Position::lots; an OrderRequest with
    // closesPositionId closes one through /closeOrder.
    bool closesPositionLots() const override { return true; }
    // /openPositions of every leverage symbol of interest: their positions become the legs' lots (read
    // by parsePositions like the summary, which it tells apart by the positions' ids).
    QList<SignedRequest> morePositionsRequests(const QList<Category>& categories) const override;

    // One of GMO's leverage positions (a positionId), as /openPositions and positionEvents give it.
    struct OpenPosition
    {
        QString positionId;
        QString symbol;
        PositionSide leg = PositionSide::Long; // GMO's side: BUY → Long, SELL → Short
        Decimal size;
        std::optional<Decimal> price;
        std::int64_t timeMs = 0;
    };
    // GET /private/v1/openPositions?symbol= (one page of 100, oldest first as GMO lists them).
    SignedRequest openPositionsRequest(const QString& symbol) const;
    // Reads the reply to openPositionsRequest(symbol) and keeps its ids: what was known of the symbol's
    // positions is replaced by the reply (an empty list: none left).
    Result<std::vector<OpenPosition>, AdapterError> parseOpenPositions(const QJsonDocument& reply,
                                                                       const QString& symbol) const;
    // The open positions of a leg this adapter knows of (openPositions replies, positionEvents), oldest
    // first.
    std::vector<OpenPosition> openPositionsOf(const QString& symbol, PositionSide leg) const;

    // Closes one leverage position (GMO's positionId) with a market order, or a limit order at price.
    SignedRequest closePositionRequest(const QString& symbol, Side positionSide, const QString& positionId,
                                       Decimal size, std::optional<Decimal> price,
                                       const Instrument& instrument) const;
    // GET /private/v1/account/margin.
    SignedRequest marginRequest() const;
    // account/margin as one JPY balance of the leverage account: actualProfitLoss (margin plus open P&L,
    // the equity), availableAmount (what new positions may use), margin (in use, as the wallet figure).
    Result<Balance, AdapterError> parseMargin(const QJsonDocument& reply) const;

    bool isDuplicateClientOrderId(const RestError& error) const override;
    // No balance (or position) pushes: the session reads them over REST after fills.
    bool pushesBalancesAndPositions() const override { return false; }
    bool isAuthenticationError(const RestError& error) const override;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                            const QUrl& configuredUrl) const override;
    Result<QString, AdapterError> parseStreamToken(const QString& stream,
                                                   const QJsonDocument& reply) const override;
    QUrl streamUrl(const PrivateStreamSpec& stream, const QString& token) const override;
    SignedRequest keepAliveRequest(const QString& stream, const QString& token) const override;
    QStringList streamTopics() const override;
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

    static QUrl privateStreamUrl(); // wss://api.coin.z.com/ws/private/v1 (the token is appended)
    static bool isUnsupported(const SignedRequest& request);
    // GMO's errors: {"status":≠0,"messages":[{"message_code","message_string"}]}, verbatim.
    static std::optional<RestError> replyError(const QJsonDocument& reply);
    static OrderStatus statusOf(const QString& gmoStatus, Decimal executed);

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    SignedRequest unsupported(const QString& why) const;
    // The positions half (gmocoinpositions.cpp): why a close of one position (closesPositionId) cannot be
    // sent (empty when the request closes none or may be sent), its /closeOrder, and a positionEvents or
    // positionSummaryEvents push read into out (false: Malformed, out says why).
    QString notOfferedLotClose(const OrderRequest& request) const;
    SignedRequest closeLotRequest(const OrderRequest& order, Decimal size,
                                  const Instrument& instrument) const;
    bool readPositionEvent(const QString& channel, const QJsonObject& o, PrivateStreamFrame& out) const;
    void noteSymbol(const QString& symbol) const;
    void noteLeg(const Position& position) const;
    void notePosition(const OpenPosition& position, bool closed) const;
    // The leg with the lots this adapter knows of it (oldest first); remembered as the leg's last summary.
    Position withLots(Position leg) const;
    std::vector<PositionLot> lotsOf(const QString& symbol, PositionSide leg) const;
    const OpenPosition* findOpenPosition(const QString& positionId) const;
    // An /openPositions reply read by parsePositions: the symbols' lots replaced, their legs again.
    std::vector<Position> legsWithNewLots(const std::vector<OpenPosition>& positions) const;

    QUrl m_baseUrl;
    std::chrono::milliseconds m_keepAlive;
    std::atomic<quint64> m_counter{0};
    mutable QStringList m_symbols{QStringLiteral("BTC"), QStringLiteral("BTC_JPY")}; // of interest
    mutable QSet<QString> m_openLegs;                  // "BTC_JPY long": the legs reported open
    mutable std::vector<OpenPosition> m_openPositions; // known position ids, oldest first
    mutable QHash<QString, Position> m_legs;           // by legKey: each open leg's last summary
};
