#pragma once

#include "exchanges/core/tradingadapter.h"

#include <QByteArrayView>
#include <QHash>
#include <QStringList>
#include <QUrl>

#include <atomic>

// Phemex private trading: USDⓈ-M perpetual orders over the hedged "g-" API (real values: priceRp,
// orderQtyRq), coin-margined perpetuals (BTCUSD, Category::Inverse) over the contract API (whole
// contracts, orderQty; prices priceEp scaled by the product's priceScale; values "Ev" by the settle
// currency's valueScale) and spot orders over /spot/orders (scaled integers: priceEp, baseQtyEv),
// cancel, cancel all, amend, open orders, history, fills, positions, the USDT and coin contract
// accounts and the spot wallets (Balance::account "contract" and "spot"); the private stream's
// user.auth, aop_p / aop / wo subscriptions and their pushes. The scales come from /public/products
// (accountSetupRequests), read with every snapshot and by botterm-cli before an order.
// https://phemex-docs.github.io/#usdⓈ-m-perpetual-rest-api , #coin-m-perpetual-rest-api ,
// #spot-rest-api , #usdⓈ-m-perpetual-websocket-api (API User Authentication, AOP)
class PhemexTrading final : public TradingAdapter
{
public:
    // The fixed JSON-RPC id of the login, so its reply is told apart from subscription replies (the
    // stream protocol numbers its own requests from 1).
    static constexpr qint64 AuthRequestId = 1'000'000'000;
    // Spot prices and base quantities are scaled by 1e8 (priceScale of every spot pair follows its
    // quote currency's valueScale, 8 for USDT/USDC/BTC; base valueScale 8 for the listed coins).
    static constexpr int SpotScale = 8;
    // The documented scales of the coin-margined contracts (Price/Ratio/Value Scales: every contract's
    // priceScale is 10^4; BTC and ETH values 10^8), used to read a push or reply that arrives before
    // /public/products has been read. Orders are only sent once the product's own scales are known.
    static constexpr int DefaultContractPriceScale = 4;

    // Scales learnt from /public/products: each coin-margined contract's priceScale and settle
    // currency, each currency's valueScale.
    struct Scales
    {
        QHash<QString, int> priceScale; // coin-margined symbol → priceScale
        QHash<QString, QString> settle; // coin-margined symbol → settle currency
        QHash<QString, int> valueScale; // currency → valueScale
        int priceOf(const QString& symbol) const
        {
            return priceScale.value(symbol, DefaultContractPriceScale);
        }
        int valueOf(const QString& currency) const { return valueScale.value(currency, SpotScale); }
    };

    // baseUrl: "https://api.phemex.com", or a test server; requests are signed as Phemex's.
    explicit PhemexTrading(const QUrl& baseUrl, Environment environment = Environment::Mainnet);

    QString venue() const override { return QStringLiteral("phemex"); }
    // "bt-" + base-36 milliseconds + "-" + base-36 counter + "-" + 8 random hex digits (≤ 40 chars).
    QString newClientOrderId() override;

    SignedRequest createOrderRequest(const OrderRequest& request,
                                     const Instrument& instrument) const override;
    SignedRequest amendOrderRequest(const OrderAmendment& amendment,
                                    const Instrument& instrument) const override;
    SignedRequest cancelOrderRequest(const OrderReference& order) const override;
    SignedRequest cancelAllRequest(Category category, const QString& symbol) const override;
    SignedRequest openOrdersRequest(Category category, const QString& symbol,
                                    const OrderReference* order = nullptr) const override;
    SignedRequest orderHistoryRequest(Category category, const QString& symbol,
                                      const OrderReference* order = nullptr) const override;
    SignedRequest executionsRequest(Category category, const QString& symbol) const override;
    SignedRequest positionsRequest(Category category, const QString& symbol) const override;
    // The USDⓈ-M contract account (GET /g-accounts/accountPositions?currency=USDT): its balances carry
    // Balance::account "contract". A coin-margined symbol's positions are read from its settle
    // currency's account (positionsRequest(Inverse, …): /accounts/accountPositions?currency=BTC).
    SignedRequest balancesRequest() const override;
    // The spot wallets (GET /spot/wallets), an account apart from the contract account: balances with
    // Balance::account "spot", each scaled by its currency's valueScale (from /public/products once
    // read; 8, every listed coin's, before).
    SignedRequest spotWalletsRequest() const;
    // The first account of the categories: the USDT account with Linear, else the BTC account with
    // Inverse, else the spot wallets.
    SignedRequest balancesRequestFor(const QList<Category>& categories) const override;
    // The other accounts of the categories, read and parsed like the first: the coin accounts of the
    // coin-margined symbols of interest (BTC, and e.g. ETH once cETHUSD is of interest and the product
    // list has named its settle currency; "contract" balances beside USDT), and the spot wallets beside
    // a contract category.
    QList<SignedRequest> moreBalancesRequests(const QList<Category>& categories) const override;
    // The positions of coin-margined contracts settled in another coin than BTC (their coin's account).
    QList<SignedRequest> morePositionsRequests(const QList<Category>& categories) const override;
    // Spot orders are funded by the spot wallets ("spot"), contracts (USDⓈ-M and coin-margined) by the
    // contract accounts ("contract": USDT, BTC, …).
    QString balanceAccountFor(Category category) const override;
    static QString spotAccount() { return QStringLiteral("spot"); }
    static QString contractAccount() { return QStringLiteral("contract"); }

    bool isDuplicateClientOrderId(const RestError& error) const override;

    // GET /public/products with every snapshot of an account trading spot or coin-margined contracts:
    // parseAccountSetup learns the contracts' priceScale and settle currency and every currency's
    // valueScale from it (the spot wallets' and coin accounts' "Ev" values).
    QList<SignedRequest> accountSetupRequests(const QList<Category>& categories) const override;
    Result<bool, AdapterError> parseAccountSetup(const QJsonDocument& reply) const override;
    const Scales& scales() const { return m_scales; }
    // A coin-margined order is refused before sending while its product's scales are unknown, or when its
    // quantity is not whole contracts or its prices do not fit the product's priceScale.
    QString notOffered(const OrderRequest& request) const override;
    QString notOfferedAmendment(const OrderAmendment& amendment) const override;
    // Coin-margined cancel-all names one symbol (DELETE /orders/all?symbol=): with no symbol, the first
    // symbol of interest goes in cancelAllRequest, the others here.
    QList<SignedRequest> moreCancelAllRequests(Category category, const QString& symbol) const override;
    // The coin account of a coin-margined symbol's settle currency (GET /accounts/accountPositions?
    // currency=BTC).
    SignedRequest coinAccountRequest(const QString& currency) const;

    // Open orders are listed per symbol (GET /g-orders/activeList?symbol=, GET /spot/orders?symbol=):
    // the account's open orders are the merged replies for every symbol of interest. One request per
    // distinct non-empty symbol, in the order given.
    QList<SignedRequest> openOrdersRequests(Category category, const QStringList& symbols) const;
    // A re-sync reads the open orders of every symbol of interest: openOrdersRequest(category, "") the
    // first, moreOpenOrdersRequests(category, "") the others. Of interest: BTCUSDT / sBTCUSDT, those
    // added here (the symbols the trader watches), and every symbol this adapter has sent an order for
    // or read an order or position of.
    QList<SignedRequest> moreOpenOrdersRequests(Category category, const QString& symbol) const override;
    void addSymbolsOfInterest(Category category, const QStringList& symbols) override;
    QStringList symbolsOfInterest(Category category) const;
    // Phemex may refuse an open-order list with nothing in it: code 10002 OM_ORDER_NOT_FOUND
    // (ccxt/ccxt#9784). For a list request that means "none open", not a failure.
    static bool isEmptyListError(const RestError& error);
    bool isEmptyListRefusal(const RestError& error) const override { return isEmptyListError(error); }
    // An open-order list's reply read as its orders, a 10002 refusal as none; any other refusal is
    // reported with the venue's text.
    Result<std::vector<Order>, AdapterError> parseOpenOrdersReply(const RestClient::Reply& reply) const;

    Result<OrderAck, AdapterError> parseOrderAck(const QJsonDocument& reply) const override;
    Result<std::vector<Order>, AdapterError> parseOrders(const QJsonDocument& reply) const override;
    Result<std::vector<Fill>, AdapterError> parseFills(const QJsonDocument& reply) const override;
    Result<std::vector<Position>, AdapterError> parsePositions(const QJsonDocument& reply) const override;
    Result<std::vector<Balance>, AdapterError> parseBalances(const QJsonDocument& reply) const override;

    static OrderStatus statusFromPhemex(const QString& ordStatus);
    // A value on the step's grid, written at the step's scale when exact; never through double.
    static QString formatOnStep(Decimal value, Decimal step);

    // The private stream: the DataGW the public data uses.
    static QUrl privateStreamUrl(Environment environment);
    // {"method":"user.auth","params":["API", key, hex(HMAC-SHA256(secret, key + expiry)), expiry],"id":…};
    // expiry in seconds.
    static QByteArray authMessage(const Credentials& credentials, qint64 expiresMs);
    // aop_p (USDⓈ-M account, orders, positions), aop (coin-margined accounts, orders, positions), wo (spot
    // wallets, orders and fills)
    static QStringList privateTopics();
    // Coin-margined values read at the given scales (default: the documented ones).
    static PrivateStreamFrame parsePrivateFrame(QByteArrayView frame, const Scales& scales = {});

    QByteArray streamAuthMessage(const Credentials& credentials, qint64 expiresMs) const override
    {
        return authMessage(credentials, expiresMs);
    }
    QStringList streamTopics() const override { return privateTopics(); }
    // One stream, the configured URL; named "coin" when the categories hold the coin-margined contracts:
    // only then is aop subscribed beside aop_p and wo (streamTopicsFor).
    QList<PrivateStreamSpec> privateStreams(const QList<Category>& categories,
                                            const QUrl& configuredUrl) const override;
    QStringList streamTopicsFor(const QString& stream) const override;
    PrivateStreamFrame parseStreamFrame(QByteArrayView frame) const override;

private:
    SignedRequest request(const QByteArray& method, const QString& path) const;
    void noteSymbol(Category category, const QString& symbol) const;
    QStringList& symbolList(Category category) const;
    QString settleOf(const QString& symbol) const;
    mutable QStringList m_linearSymbols{QStringLiteral("BTCUSDT")}; // of interest, in the order first seen
    mutable QStringList m_spotSymbols{QStringLiteral("sBTCUSDT")};
    mutable QStringList m_inverseSymbols{QStringLiteral("BTCUSD")};
    mutable Scales m_scales;
    QUrl m_baseUrl;
    Environment m_environment;
    std::atomic<quint64> m_counter{0};
};
