#pragma once

// The private-trading half of a venue adapter: builds the venue's signed order requests and reads its
// replies into the venue-neutral types of models/trading.h. Only the adapter knows the venue's field
// names; OrderSubmitter and everything above it do not.

#include "models/instrument.h"
#include "models/trading.h"
#include "privatestreamconnection.h"
#include "restrequest.h"
#include "result.h"
#include "signedrestclient.h"

#include <QByteArrayView>
#include <QJsonDocument>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

// Which order: the venue's id or ours (one of them non-empty).
struct OrderReference
{
    QString symbol;
    Category category = Category::Linear;
    QString orderId;
    QString clientOrderId;
};

// A change to a live order; absent fields stay as they are.
struct OrderAmendment
{
    OrderReference order;
    std::optional<Decimal> price;
    std::optional<Decimal> quantity;
    std::optional<Decimal> triggerPrice;
    // The order as last known (side, type, price, quantity). Venues whose amend restates the whole order
    // (Binance) read the unchanged fields from it; TradingSession fills it from its store when absent.
    std::optional<Order> current;
};

// What the venue answered to a create, amend or cancel: the ids it acknowledged.
struct OrderAck
{
    QString orderId;
    QString clientOrderId;
};

// One frame of a venue's private stream, read into venue-neutral types.
struct PrivateStreamFrame
{
    enum class Kind : std::uint8_t
    {
        AuthAccepted,
        AuthRejected, // error holds the venue's text verbatim
        SubscribeAck,
        SubscribeRejected,
        Pong,
        Data,
        Malformed,
        Ignored,
        // The venue ended the stream (Binance listenKeyExpired, eventStreamTerminated): connect again,
        // with a fresh token where the stream has one.
        Expired,
        // The venue told the account something the trader must see (bitbank's margin call): error holds
        // the text, in the trader's words; balances and positions are read again.
        Notice,
    };
    Kind kind = Kind::Ignored;
    QString topic;
    QString error;
    std::vector<Order> orders;
    std::vector<Fill> fills;
    std::vector<Position> positions;
    std::vector<Balance> balances;
    // Orders the stream named without saying enough to show them (bitFlyer: a special order placed on the
    // web, whose ORDER event has no side or size): the session reads each over REST
    // (openOrdersRequest with the reference) and applies what parseOrders returns.
    std::vector<OrderReference> lookUps;
};

// One private stream of an account. Most venues have a single one on a fixed URL, logged in by a
// message (Bybit). Some hand out a token over REST first and take it in the URL or the login (Binance
// USDⓈ-M listenKey, GMO Coin's ws-auth token), keep it alive with a periodic request, and need a fresh
// one after every reconnect; some have a separate stream per product (Binance spot vs USDⓈ-M).
struct PrivateStreamSpec
{
    QString name;               // passed back to the adapter's per-stream calls; empty for the only one
    QList<Category> categories; // the products whose pushes it carries (for the record; may be empty)
    QUrl url;                   // where to connect; with a token, what streamUrl() completes
    // Sent before every connection (the first and each reconnect); its reply's token (parseStreamToken)
    // goes into the URL (streamUrl) and the login (streamAuthMessage). nullopt: no token step.
    std::optional<SignedRequest> tokenRequest;
    // With a token: keepAliveRequest(token) is sent this often while the stream is up (0: never).
    std::chrono::milliseconds keepAliveInterval{0};
    // How far ahead of the venue's now the login's time is set: an expiry (Bybit, the session's
    // authExpiryMs when nullopt) or 0 for a login that carries the current time (Binance's timestamp).
    std::optional<qint64> authAheadMs;
};

class TradingAdapter
{
public:
    virtual ~TradingAdapter() = default;

    virtual QString venue() const = 0;
    // A client order id no earlier call in this or any earlier process returned, within the venue's
    // length and alphabet.
    virtual QString newClientOrderId() = 0;

    // request.clientOrderId must be set; prices and quantities are written on the instrument's grid.
    virtual SignedRequest createOrderRequest(const OrderRequest& request,
                                             const Instrument& instrument) const = 0;
    virtual SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                            const Instrument& instrument) const = 0;
    virtual SignedRequest cancelOrderRequest(const OrderReference& order) const = 0;
    // Why the venue cannot take this amendment (it has no amend, or amends the price only), in words for
    // the trader; empty when it can. TradingSession::amendOrder refuses it before sending anything.
    virtual QString notOfferedAmendment(const OrderAmendment& amendment) const
    {
        Q_UNUSED(amendment);
        return {};
    }
    // symbol empty: every symbol of the category, where the venue allows it.
    virtual SignedRequest cancelAllRequest(Category category, const QString& symbol) const = 0;
    // Open orders; with a reference, that one order (the venue may include recently closed ones).
    virtual SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                            const OrderReference* order = nullptr) const = 0;
    // Further open-orders requests of the category, read by parseOrders like openOrdersRequest()'s reply:
    // a venue that keeps some orders apart lists them here (Binance USDⓈ-M conditional orders, GET
    // /fapi/v1/openAlgoOrders). The session's snapshot and OrderSubmitter::listOpen send them too.
    virtual QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const
    {
        Q_UNUSED(category);
        Q_UNUSED(symbol);
        return {};
    }
    // Reads that complete orders an open-orders reply listed (bitFlyer: a special order's trigger price is
    // only in its details, getparentorder). Sent once that reply is read, by the snapshot (which waits for
    // them) and by OrderSubmitter::listOpen; their replies go to parseOrders, and an order they return
    // replaces the listed one of the same id.
    virtual QList<SignedRequest> followUpOrdersRequests(const std::vector<Order>& listed) const
    {
        Q_UNUSED(listed);
        return {};
    }
    // Requests that read how the account is set up (Binance USDⓈ-M's position mode: one-way or hedge),
    // sent with every snapshot (which waits for them) and by botterm-cli before an order; each reply goes
    // to parseAccountSetup, from which the adapter learns (it names the legs of the orders it builds).
    virtual QList<SignedRequest> accountSetupRequests(const QList<Category>& categories) const
    {
        Q_UNUSED(categories);
        return {};
    }
    virtual Result<bool, AdapterError> parseAccountSetup(const QJsonDocument& reply) const
    {
        Q_UNUSED(reply);
        return true;
    }
    // Further balances requests of a snapshot and an account refresh, read by parseBalances like
    // balancesRequestFor()'s reply: a venue whose wallets are apart lists them here (Phemex's spot wallets
    // beside the contract account). Their balances name their Balance::account.
    virtual QList<SignedRequest> moreBalancesRequests(const QList<Category>& categories) const
    {
        Q_UNUSED(categories);
        return {};
    }
    // Further positions requests of a snapshot and an account refresh, read by parsePositions: positions the
    // category's positionsRequest does not list (Phemex: coin-margined contracts settled in another coin
    // than BTC, one account each). The snapshot's positions replace the store's, so a leg missing here
    // would vanish at every reconnect.
    virtual QList<SignedRequest> morePositionsRequests(const QList<Category>& categories) const
    {
        Q_UNUSED(categories);
        return {};
    }
    // Further requests a cancel-all sends (Binance USDⓈ-M conditional orders: DELETE
    // /fapi/v1/algoOpenOrders).
    virtual QList<SignedRequest> moreCancelAllRequests(Category category, const QString& symbol) const
    {
        Q_UNUSED(category);
        Q_UNUSED(symbol);
        return {};
    }
    // The symbols the trader watches (the watchlist), for venues that list open orders per symbol only
    // (Phemex, GMO Coin): their re-syncs read these too, so an order placed elsewhere shows.
    virtual void addSymbolsOfInterest(Category category, const QStringList& symbols)
    {
        Q_UNUSED(category);
        Q_UNUSED(symbols);
    }
    // Whether the venue has a cancel-all (cancelAllRequest). One without (bitbank, Coincheck) cancels the
    // open orders the session knows instead: cancelOpenOrdersRequests() gets the store's open orders of
    // the category (and of the symbol, when one is named) and returns the requests that cancel them
    // (batches where the venue has them, else one each).
    virtual bool offersCancelAll() const { return true; }
    virtual QList<SignedRequest> cancelOpenOrdersRequests(const std::vector<Order>& open) const
    {
        Q_UNUSED(open);
        return {};
    }
    // Whether a refusal of an open-orders request means "there are none" (Phemex answers an empty
    // list with code 10002): the snapshot and listOpen then take it as an empty list.
    virtual bool isEmptyListRefusal(const RestError& error) const
    {
        Q_UNUSED(error);
        return false;
    }
    virtual SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                              const OrderReference* order = nullptr) const = 0;
    virtual SignedRequest executionsRequest(Category category, const QString& symbol) const = 0;
    virtual SignedRequest positionsRequest(Category category, const QString& symbol) const = 0;
    virtual SignedRequest balancesRequest() const = 0;
    // The wallet of an account trading these products (Binance keeps spot and USDⓈ-M apart).
    virtual SignedRequest balancesRequestFor(const QList<Category>& categories) const
    {
        Q_UNUSED(categories);
        return balancesRequest();
    }
    // Whether executionsRequest() with no symbol lists every symbol's (Binance requires a symbol: the
    // session's snapshot then skips executions, which arrive on the stream).
    virtual bool listsExecutionsForAllSymbols() const { return true; }
    // Why the venue cannot take this order as asked (empty: it can). Checked before anything is sent, so
    // nothing the trader asked for is silently left out (an attached take-profit the venue has no field
    // for, say).
    virtual QString notOffered(const OrderRequest& request) const
    {
        Q_UNUSED(request);
        return {};
    }
    // Whether the venue takes a market buy sized in the quote currency (OrderRequest::quantityInQuote:
    // spend 10,000 JPY). The submitter refuses such an order where it does not.
    virtual bool offersQuoteQuantity(const OrderRequest& request) const
    {
        Q_UNUSED(request);
        return false;
    }
    // Whether the venue keeps a long and a short position of one symbol apart (the account is in hedge
    // mode). An order naming a leg (OrderRequest::positionSide) is refused where it does not.
    virtual bool hedgesPositions() const { return false; }
    // Whether the venue keeps a leg's positions apart as lots (Position::lots) and closes one by its id
    // (OrderRequest::closesPositionId). The submitter refuses such an order where it does not.
    virtual bool closesPositionLots() const { return false; }
    // The wallet (Balance::account) that funds orders in this category; empty: the venue's only one.
    virtual QString balanceAccountFor(Category category) const
    {
        Q_UNUSED(category);
        return {};
    }
    // Whether the private stream pushes balances and positions when they change. A venue that does not
    // (bitFlyer, GMO Coin's spot wallet, Coincheck) has them read again over REST after each fill.
    virtual bool pushesBalancesAndPositions() const { return true; }

    // The venue refused a create because an order with this client order id already exists: the
    // same order arrived before (a transport resent it), so the outcome is found by a lookup.
    virtual bool isDuplicateClientOrderId(const RestError& error) const = 0;

    virtual Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const = 0;
    virtual Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const = 0;

    // The private stream (TradingSession): the login message sent before any subscription (empty: the
    // venue needs none), the topics that carry orders, executions, positions and balances, and the
    // reading of its frames. An adapter without a private stream returns an empty topic list.
    virtual QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const
    {
        Q_UNUSED(credentials);
        Q_UNUSED(expiresMs);
        return {};
    }
    virtual QStringList streamTopics() const { return {}; }
    virtual PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const
    {
        Q_UNUSED(frame);
        return {};
    }

    // The account's private streams for these products; configuredUrl is the session's
    // privateStreamUrl (a test server's, or the venue's own). By default one stream, configuredUrl,
    // read by the calls above; a venue with several or with a token step overrides this and the
    // per-stream calls below (which default to the single-stream ones).
    virtual QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                                    const QUrl& configuredUrl) const
    {
        Q_UNUSED(categories);
        PrivateStreamSpec only;
        only.url = configuredUrl;
        return {only};
    }
    virtual Result<QString, AdapterError> parseStreamToken(const QString& stream,
                                                           const QJsonDocument& reply) const
    {
        Q_UNUSED(stream);
        Q_UNUSED(reply);
        return Result<QString, AdapterError>::failure({QStringLiteral("this venue has no stream token")});
    }
    virtual QUrl streamUrl(const PrivateStreamSpec& stream, const QString& token) const
    {
        Q_UNUSED(token);
        return stream.url;
    }
    virtual SignedRequest keepAliveRequest(const QString& stream, const QString& token) const
    {
        Q_UNUSED(stream);
        Q_UNUSED(token);
        return {};
    }
    virtual QByteArray streamAuthMessageFor(const QString& stream, const Credentials& credentials,
                                            qint64 expiresMs, const QString& token) const
    {
        Q_UNUSED(stream);
        Q_UNUSED(token);
        return streamAuthMessage(credentials, expiresMs);
    }
    virtual QStringList streamTopicsFor(const QString& stream) const
    {
        Q_UNUSED(stream);
        return streamTopics();
    }
    virtual PrivateStreamFrame parseStreamFrameFor(const QString& stream, QByteArrayView frame) const
    {
        Q_UNUSED(stream);
        return parseStreamFrame(frame);
    }
    // The connection that carries a private stream which is not a WebSocket (bitbank's PubNub
    // long-poll), opened on url (streamUrl()'s with a token); nullptr, the default: a WebSocket, run by a
    // StreamClient with the session's stream protocol.
    virtual std::unique_ptr<PrivateStreamConnection> createStreamConnection(const PrivateStreamSpec& stream,
                                                                            const QUrl& url) const
    {
        Q_UNUSED(stream);
        Q_UNUSED(url);
        return nullptr;
    }
    // A REST refusal that means the key itself is wrong (unknown key, bad signature, no permission):
    // retrying cannot help, so the session stops as for a refused login.
    virtual bool isAuthenticationError(const RestError& error) const
    {
        Q_UNUSED(error);
        return false;
    }
};
