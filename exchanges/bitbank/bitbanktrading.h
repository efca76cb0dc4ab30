#pragma once

#include "exchanges/core/marketdataadapter.h"
#include "exchanges/core/tradingadapter.h"

#include <QHash>
#include <QPair>
#include <QUrl>

#include <atomic>

// bitbank spot and margin trading over REST
// (https://github.com/bitbankinc/bitbank-api-docs/blob/master/rest-api.md): POST /v1/user/spot/order (limit,
// market, stop, stop_limit; post_only on limits; position_side on margin orders), cancel_order, cancel_orders
// (≤ 30 ids), GET order / active_orders / trade_history, POST orders_info, GET assets, GET margin/positions,
// GET margin/status. Requests are signed by BitbankSigner (api.bitbank.cc is registered to it).
//
// Margin (信用取引): bitbank margin-trades the spot pairs themselves; an order is a margin order when it
// names position_side (long | short), and bitbank keeps a long and a short leg of a pair apart. botterm
// offers margin as the pairs' Category::Linear market (as GMO Coin's leverage and bitFlyer's FX are), so
// the trader picks spot or margin by market and every margin order, fill and position reads Linear:
//  - an order's leg is OrderRequest::positionSide, or, when Net, derived: a buy opens the long leg and a
//    sell the short leg; reduce-only they close the other one (a sell closes long, a buy closes short).
//    bitbank decides opening or closing from side and position_side (the docs' errors 50078–50081 "Open /
//    Close orders …", 60019 "… must be in the close direction"; pairs' stop_margin_long_order "open long
//    positions suspended");
//  - orders, trades and positions carrying position_side are Linear (a closing order reads reduce-only);
//  - positions come from GET /v1/user/margin/positions (snapshot) and margin_position_update pushes;
//  - an order's Order::positionSide is its leg (Long/Short, so the views say "Open long", "Close
//    short"); a spot order's is Net;
//  - GET /v1/user/spot/active_orders has no spot/margin filter: it lists both markets' open orders, so
//    openOrdersRequest() is the same for either category and every order parsed says its own category
//    (by position_side); a reader that wants one market keeps that category's (botterm-cli order list
//    prints only --category's; the session's store holds both, once each, by order id);
//  - the margin account (GET /v1/user/margin/status, with Linear: moreBalancesRequests) is one JPY balance
//    of the "margin" account beside the "spot" assets (see marginBalance() in bitbankmargin.cpp for the
//    mapping).
//
// Post-only that would take: bitbank cancels it instead of placing it ("If you place a limit order with
// PostOnly, it will be cancelled if there are any opposing orders in the orderbook that will be partially
// executed", support.bitbank.cc/hc/en-us/articles/900005145623 "What is PostOnly"; the 2021-04-01 notice
// bitbank.cc/blog/articles/202104_03). No error code: the order is taken (order_id) and reads
// CANCELED_UNFILLED, which the submitter reports as CancelledAtOnce. While circuit_break_info.mode is not
// NONE, post_only is treated as false (rest-api.md, Create new order, Caveat).
//
// Ids: bitbank takes no client order id; OrderRequest::clientOrderId stays local and Order::orderId is
// bitbank's numeric order_id. Not offered, so never sent (the request gets an "unsupported:<reason>" URL
// that the signing client refuses before anything reaches bitbank): amending, IOC/FOK (bitbank has no
// time in force), reduce-only, attached take-profit/stop-loss, cancel-all (bitbank cancels by id only:
// cancelOrdersRequest takes the ids), a list of closed orders (only by id: orders_info), spot positions,
// reduce-only or a leg on a spot order.
//
// Private stream: bitbank pushes over PubNub: GET /v1/user/subscribe (the stream's token request) gives the
// account's channel and a 12-hour token, then PubNub's HTTP long-poll (BitbankPrivateStream, the
// adapter's createStreamConnection()) carries the pushes; TradingSession fetches a new token for every
// connection and reconciles over REST after each.
//
// Orders bitbank cannot take as asked are refused before sending (notOffered): IOC/FOK, reduce-only or a
// leg on spot, a reduce-only margin order on its leg's opening side, attached take-profit/stop-loss,
// post-only on anything but a plain limit, a trigger direction against the side.
//
// (The margin account's half of this class — positions, margin status and balance, notices, the margin
// pushes — is defined in bitbankmargin.cpp.)
class BitbankTrading final : public TradingAdapter
{
public:
    explicit BitbankTrading(const QUrl& baseUrl);

    QString venue() const override { return QStringLiteral("bitbank"); }
    QString newClientOrderId() override;
    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    // No cancel-all at bitbank: the open orders are cancelled by id, 30 a request per pair.
    bool offersCancelAll() const override { return false; }
    QList<SignedRequest> cancelOpenOrdersRequests(const std::vector<Order>& open) const override;
    // POST /v1/user/spot/cancel_orders: up to 30 ids of one pair.
    SignedRequest cancelOrdersRequest(const QString& pair, const QStringList& orderIds) const;
    // POST /v1/user/spot/orders_info: up to 30 orders of one pair, open or closed.
    SignedRequest ordersInfoRequest(const QString& pair, const QStringList& orderIds) const;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    SignedRequest balancesRequest() const override;
    // GET /v1/user/margin/status: the margin account's state and what may still be opened per pair.
    SignedRequest marginStatusRequest() const;
    struct MarginStatus
    {
        QString status;                                    // NORMAL, LOSSCUT, CALL, DEBT, SETTLED
        Decimal totalMarginBalance;                        // 受入保証金合計額 (JPY)
        std::optional<Decimal> profitLoss;                 // margin_position_profit_loss
        std::optional<Decimal> unrealizedCost;             // 未収費用
        std::optional<Decimal> positionMaintenanceMargin;  // total_position_maintenance_margin
        std::optional<Decimal> openOrderMaintenanceMargin; // total_open_order_maintenance_margin
        std::optional<Decimal> marginBalancePercentage;    // null without positions
        std::optional<Decimal> marginCallPercentage;       // null without positions
        std::optional<Decimal> losscutPercentage;          // null without positions
        QHash<QString, QPair<Decimal, Decimal>> available; // pair → (long, short) still openable
    };
    static Result<MarginStatus, AdapterError> parseMarginStatus(const QJsonDocument& reply);
    // The margin account as a JPY balance of the "margin" account (the mapping: bitbankmargin.cpp).
    static Balance marginBalance(const MarginStatus& status);
    // Spot assets are the "spot" account, the margin collateral the "margin" one (as Phemex names its
    // "spot" and "contract" wallets): a margin (Linear) order draws on the margin account's JPY.
    static QString spotAccount() { return QStringLiteral("spot"); }
    static QString marginAccount() { return QStringLiteral("margin"); }
    QString balanceAccountFor(Category category) const override;
    // With Linear: GET /v1/user/margin/status beside the assets (parseBalances reads either reply).
    QList<SignedRequest> moreBalancesRequests(const QList<Category>& categories) const override;
    // The private stream pushes the spot assets and the margin legs, but not the margin account's
    // figures (collateral, maintenance margins): the session reads them again after fills.
    bool pushesBalancesAndPositions() const override { return false; }

    // A dunning notice of the margin account (margin_notice_update; GET /v1/user/margin/positions
    // data.notice): a margin call (追証, marginCall), a shortfall (不足金, debt) or its settlement
    // (settled), the amount asked and its due date. bitbank sends every field null once it is resolved.
    struct MarginNotice
    {
        QString what; // marginCall, debt, settled; empty: resolved
        std::optional<qint64> occurredAtMs;
        std::optional<Decimal> amount; // JPY
        std::optional<qint64> dueDateAtMs;
        bool resolved() const { return what.isEmpty() && !amount && !occurredAtMs && !dueDateAtMs; }
        friend bool operator==(const MarginNotice&, const MarginNotice&) = default;
    };
    static Result<MarginNotice, AdapterError> parseMarginNotice(const QJsonObject& notice);
    // The notice in words for the trader.
    static QString describe(const MarginNotice& notice);
    // The newest notice read (stream or REST); nullopt before any.
    std::optional<MarginNotice> lastMarginNotice() const { return m_notice; }
    // The leg a margin order opens or closes (see above).
    static PositionSide legFor(const OrderRequest& request);
    bool hedgesPositions() const override { return true; }
    // GET /v1/user/subscribe: the PubNub channel and token of the private stream.
    SignedRequest subscribeTokenRequest() const;

    QString notOffered(const OrderRequest& request) const override;
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;

    // The private stream: PubNub at configuredUrl (its origin; empty: PubNub's own), with a token.
    QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                            const QUrl& configuredUrl) const override;
    // The token is the channel and the PubNub token, one per line.
    Result<QString, AdapterError> parseStreamToken(const QString& stream,
                                                   const QJsonDocument& reply) const override;
    QUrl streamUrl(const PrivateStreamSpec& stream, const QString& token) const override;
    std::unique_ptr<PrivateStreamConnection> createStreamConnection(const PrivateStreamSpec& stream,
                                                                    const QUrl& url) const override;
    static QUrl privateStreamUrl();

    bool isDuplicateClientOrderId(const RestError& error) const override;
    bool isAuthenticationError(const RestError& error) const override;
    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    // One order (data) or a list (data.orders).
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    // One private-stream message as PubNub delivers it ({"message":{"method","params"}} or the bare
    // {"method","params"}): spot_order_new / spot_order → orders, spot_trade → fills, asset_update →
    // balances, margin_position_update → margin positions, spot_order_invalidation → those orders
    // cancelled. margin_notice_update (a margin call, a shortfall, their settlement) and
    // margin_payable_update (the payables amount) are read in full and logged (botterm.bitbank, a
    // warning), the notice kept as lastMarginNotice(), and the frame reads Notice with the notice's words
    // (TradingSession shows it in the status bar until dismissed and reads the balances again).
    // bitbank warns that messages may arrive
    // out of order: an order only moves forward through its stages (INACTIVE → UNFILLED →
    // PARTIALLY_FILLED → ended), or to a smaller remaining amount within a stage; an older update is
    // Ignored.
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;
    // The channel and token of GET /v1/user/subscribe: {"data":{"pubnub_channel","pubnub_token"}}.
    struct PubNubAccess
    {
        QString channel;
        QString token;
    };
    static Result<PubNubAccess, AdapterError> parseSubscribeToken(const QJsonDocument& reply);
    // PubNub's subscribe long-poll: GET {origin}/v2/subscribe/{subKey}/{channel}/0?uuid&auth[&tt&tr].
    static QUrl pubNubSubscribeUrl(const QUrl& origin, const PubNubAccess& access, const QString& timetoken,
                                   const QString& region);
    static constexpr QLatin1String PubNubSubscribeKey{"sub-c-ecebae8e-dd60-11e6-b6b1-02ee2ddab7fe"};

    static bool isUnsupported(const SignedRequest& request);
    static constexpr int MaxOrderIds = 30;

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    SignedRequest unsupported(const QString& why) const;

    QUrl m_baseUrl;
    std::atomic<quint64> m_counter{0};
    // The newest state seen per order_id (stage, remaining), for the out-of-order rule (GUI thread only).
    mutable QHash<QString, QPair<int, Decimal>> m_orderProgress;
    // The open orders last read (REST or stream), so an invalidation (ids only) keeps their market and
    // leg; ended orders leave it.
    mutable QHash<QString, Order> m_open;
    void noteOpen(const Order& order) const;
    // The newest margin notice (GUI thread only), logged when it changes.
    mutable std::optional<MarginNotice> m_notice;
    void noteMarginNotice(const MarginNotice& notice, bool pushed) const;
    // GET /v1/user/margin/status read by parseBalances: the "margin" balance.
    static Result<std::vector<Balance>, AdapterError> parseMarginBalances(const QJsonDocument& reply);
    // The margin pushes parseStreamFrame hands on: margin_notice_update, margin_payable_update,
    // margin_position_update (out: the frame so far).
    PrivateStreamFrame parseMarginStreamFrame(const QString& method, const QJsonValue& params,
                                              PrivateStreamFrame out) const;
};
