#include "tradingdesk.h"

#include "accountsettings.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/streamprotocol.h"
#include "exchanges/core/tradingadapter.h"
#include "exchanges/venues.h"
#include "models/balancesmodel.h"
#include "models/fillsmodel.h"
#include "models/marketstore.h"
#include "models/openordersmodel.h"
#include "models/orderhistorymodel.h"
#include "models/ordervalidation.h"
#include "models/positionsmodel.h"

#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QPointer>

std::unique_ptr<TradingDesk> TradingDesk::create(MarketSession& market, KeyStore* keys, Options options,
                                                 QString* errorString)
{
    if (!tradingVenues().contains(options.account.venue)) {
        if (errorString)
            *errorString = tr("botterm cannot trade on %1 yet").arg(options.account.venue);
        return nullptr;
    }
    return std::make_unique<TradingDesk>(market, keys, std::move(options));
}

TradingDesk::TradingDesk(MarketSession& market, KeyStore* keys, Options options, QObject* parent)
    : QObject(parent)
    , m_market(market)
    , m_keys(keys)
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
    , m_client(new SignedRestClient(m_network, this))
    , m_settings(new AccountSettings(m_options.account, this))
{
    std::optional<VenueTrading> venue =
        createVenueTrading(m_options.account.venue, m_options.account.environment, m_options.restUrl,
                           m_options.privateStreamUrl);
    Q_ASSERT(venue); // create() refuses venues without trading
    m_adapter = std::move(venue->adapter);
    m_protocol = std::move(venue->privateProtocol);
    m_options.restUrl = venue->restUrl;
    m_options.privateStreamUrl = venue->privateStreamUrl;

    m_client->setTimeout(m_options.requestTimeout);
    // The key is read from the keychain once per start and kept only in this desk (Credentials wipe
    // themselves when destroyed; stop() drops them), so a click does not wait on the Secret Service.
    QPointer<TradingDesk> self(this);
    SignedRestClient::CredentialsProvider provider =
        [self](const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
            if (!self) {
                done(SignedRestClient::CredentialsResult::failure(QStringLiteral("account closed")));
                return;
            }
            if (self->m_options.credentials) {
                done(*self->m_options.credentials);
                return;
            }
            if (self->m_cached) {
                done(*self->m_cached);
                return;
            }
            if (!self->m_keys) {
                done(SignedRestClient::CredentialsResult::failure(tr("No key store")));
                return;
            }
            self->m_keys->load(
                self->m_options.account, [self, done](const Result<Credentials, KeyStoreError>& loaded) {
                    if (!loaded) {
                        done(SignedRestClient::CredentialsResult::failure(loaded.error().message));
                        return;
                    }
                    if (self && self->m_session->state() != TradingSession::State::Disconnected)
                        self->m_cached = loaded.value();
                    done(loaded.value());
                });
        };
    m_client->setCredentialsProvider(provider);

    TradingSession::Config config;
    config.venue = m_options.account.venue;
    config.environment = m_options.account.environment;
    config.restUrl = m_options.restUrl;
    config.privateStreamUrl = m_options.privateStreamUrl;
    config.protocol = m_protocol.get();
    config.credentials = provider;
    config.categories.clear();
    for (Category category : m_market.categories())
        config.categories << category;
    config.streamOptions = m_options.stream;
    connect(&m_market, &MarketSession::watchlistChanged, this, &TradingDesk::noteWatchlist);
    m_session = std::make_unique<TradingSession>(m_client, m_adapter.get(), config);
    m_session->submitter().setLookupAttempts(m_options.lookupAttempts, m_options.lookupInterval);

    const TradingStore* store = &m_session->store();
    m_openOrders = new OpenOrdersModel(store, this);
    m_history = new OrderHistoryModel(store, this);
    m_fills = new FillsModel(store, this);
    m_positions = new PositionsModel(store, this);
    m_balances = new BalancesModel(store, this);

    connect(m_session.get(), &TradingSession::stateChanged, this, [this](TradingSession::State state) {
        if (state == TradingSession::State::Live)
            m_lastError.clear();
        Q_EMIT stateChanged(state);
    });
    connect(m_session.get(), &TradingSession::errorOccurred, this, &TradingDesk::setError);
    connect(m_session.get(), &TradingSession::noticeReceived, this, &TradingDesk::noticeReceived);
    connect(m_session.get(), &TradingSession::orderPlaced, this, &TradingDesk::orderPlaced);
    connect(&m_market, &MarketSession::frame, this, &TradingDesk::refreshModels);
}

TradingDesk::~TradingDesk()
{
    // The session's callbacks reach into the client: stop it first.
    if (m_session)
        m_session->stop();
}

void TradingDesk::start()
{
    m_lastError.clear();
    noteWatchlist();
    m_session->start();
}

void TradingDesk::noteWatchlist()
{
    // Venues that list open orders per symbol read the watched symbols' on every re-sync.
    for (const SymbolKey& key : m_market.watchlist())
        m_adapter->addSymbolsOfInterest(key.category, {key.symbol});
}

void TradingDesk::stop()
{
    m_session->stop();
    m_cached.reset();
}

QString TradingDesk::accountLabel() const
{
    const AccountId& a = m_options.account;
    QString venue = a.venue;
    if (!venue.isEmpty())
        venue[0] = venue[0].toUpper();
    if (a.environment == Environment::Mainnet)
        return tr("%1 · %2").arg(venue, a.account);
    return tr("%1 · %2 (%3)").arg(venue, a.account, environmentName(a.environment));
}

TradingSession::State TradingDesk::state() const
{
    return m_session->state();
}

bool TradingDesk::canTrade() const
{
    return m_session->state() == TradingSession::State::Live;
}

const TradingStore& TradingDesk::store() const
{
    return m_session->store();
}

void TradingDesk::refreshModels()
{
    m_openOrders->refresh();
    m_history->refresh();
    m_fills->refresh();
    m_positions->refresh();
    m_balances->refresh();
    const std::uint64_t versions =
        store().orderVersion() + store().fillVersion() + store().positionVersion() + store().balanceVersion();
    if (versions != m_seenVersions) {
        m_seenVersions = versions;
        Q_EMIT modelsRefreshed();
    }
}

void TradingDesk::setError(const QString& message)
{
    m_lastError = message;
    Q_EMIT errorOccurred(message);
}

std::optional<Instrument> TradingDesk::instrumentFor(Category category, const QString& symbol) const
{
    const Instrument* instrument = m_market.instrument(SymbolKey{category, symbol});
    if (!instrument)
        return std::nullopt;
    return *instrument;
}

std::optional<Decimal> TradingDesk::referencePrice(const SymbolKey& key) const
{
    const MarketStore* store = m_market.store(key.category);
    if (!store)
        return std::nullopt;
    if (const OrderBook* book = store->findBook(key.symbol.toStdString()); book && book->isLive()) {
        if (auto mid = book->mid())
            return mid;
    }
    if (const Ticker* ticker = store->findTicker(key.symbol)) {
        if (ticker->lastPrice)
            return ticker->lastPrice;
        if (ticker->markPrice)
            return ticker->markPrice;
    }
    return std::nullopt;
}

bool TradingDesk::isBookLive(const SymbolKey& key) const
{
    const MarketStore* store = m_market.store(key.category);
    const OrderBook* book = store ? store->findBook(key.symbol.toStdString()) : nullptr;
    return book && book->isLive();
}

std::optional<Decimal> TradingDesk::availableQuote(const SymbolKey& key) const
{
    const Instrument* instrument = m_market.instrument(key);
    if (!instrument)
        return std::nullopt;
    const Balance* balance =
        store().findBalance(instrument->quoteAsset, m_adapter->balanceAccountFor(key.category));
    if (!balance)
        return std::nullopt;
    return balance->available ? balance->available : std::optional<Decimal>(balance->walletBalance);
}

std::optional<Decimal> TradingDesk::availableBase(const SymbolKey& key) const
{
    const Instrument* instrument = m_market.instrument(key);
    if (!instrument)
        return std::nullopt;
    const Balance* balance =
        store().findBalance(instrument->baseAsset, m_adapter->balanceAccountFor(key.category));
    if (!balance)
        return std::nullopt;
    return balance->available ? balance->available : std::optional<Decimal>(balance->walletBalance);
}

void TradingDesk::placeOrder(OrderRequest request, PlaceCallback done)
{
    const auto fail = [this, &request, &done](const QString& message) {
        PlaceOutcome outcome;
        outcome.kind = PlaceOutcome::Kind::Failed;
        outcome.request = request;
        RestError error;
        error.kind = RestError::Kind::Network;
        error.message = message;
        outcome.error = error;
        setError(message);
        Q_EMIT orderPlaced(outcome);
        if (done)
            done(outcome);
    };
    if (!canTrade()) {
        fail(tr("Not sent: the account is not live yet (%1)")
                 .arg(QString::fromLatin1(
                     QMetaEnum::fromType<TradingSession::State>().valueToKey(static_cast<int>(state())))));
        return;
    }
    const std::optional<Instrument> instrument = instrumentFor(request.category, request.symbol);
    if (!instrument) {
        fail(tr("Not sent: %1 has no instrument rules loaded yet").arg(request.symbol));
        return;
    }
    const SymbolKey key{request.category, request.symbol};
    if (request.clientOrderId.isEmpty())
        request.clientOrderId = m_adapter->newClientOrderId();
    Q_EMIT orderSending(request);
    m_session->placeOrder(std::move(request), *instrument, referencePrice(key), std::move(done));
}

void TradingDesk::cancelOrder(const Order& order, AckCallback done)
{
    m_session->cancelOrder(OrderReference{order.symbol, order.category, order.orderId, order.clientOrderId},
                           std::move(done));
}

void TradingDesk::cancelAll(const SymbolKey& key, DoneCallback done)
{
    m_session->cancelAll(key.category, key.symbol, std::move(done));
}

void TradingDesk::amendOrder(const Order& order, std::optional<Decimal> price,
                             std::optional<Decimal> quantity, AckCallback done)
{
    const std::optional<Instrument> instrument = instrumentFor(order.category, order.symbol);
    if (!instrument) {
        RestError error;
        error.kind = RestError::Kind::Network;
        error.message = tr("Not sent: %1 has no instrument rules loaded yet").arg(order.symbol);
        setError(error.message);
        if (done)
            done(Result<OrderAck, RestError>::failure(error));
        return;
    }
    // The amended order must obey the instrument's rules like a new one: checked here, whoever asks
    // (the amend dialog, a ladder drag), before anything is sent.
    OrderRequest amended;
    amended.symbol = order.symbol;
    amended.category = order.category;
    amended.side = order.side;
    amended.type = order.type;
    amended.quantity = quantity.value_or(order.quantity);
    amended.price = price ? price : order.price;
    amended.reduceOnly = order.reduceOnly;
    amended.positionSide = order.positionSide;
    amended.triggerPrice = order.triggerPrice;
    const std::vector<OrderRuleViolation> violations =
        validateOrder(amended, *instrument, referencePrice(SymbolKey{order.category, order.symbol}));
    if (!violations.empty()) {
        QStringList reasons;
        for (const OrderRuleViolation& v : violations)
            reasons << v.message;
        RestError error;
        error.kind = RestError::Kind::Network;
        error.message = tr("Not sent: %1").arg(reasons.join(QStringLiteral("; ")));
        setError(error.message);
        if (done)
            done(Result<OrderAck, RestError>::failure(error));
        return;
    }
    OrderAmendment amendment;
    amendment.order = OrderReference{order.symbol, order.category, order.orderId, order.clientOrderId};
    amendment.price = price;
    amendment.quantity = quantity;
    m_session->amendOrder(amendment, *instrument, std::move(done));
}

namespace {
// A reduce-only market IOC against the position's side, on its leg: the whole position or one lot of it.
OrderRequest closingRequest(const Position& position, Decimal quantity)
{
    OrderRequest request;
    request.symbol = position.symbol;
    request.category = position.category;
    request.side = position.side == Side::Buy ? Side::Sell : Side::Buy;
    request.type = OrderType::Market;
    request.quantity = quantity;
    request.reduceOnly = true;
    request.positionSide = position.positionSide;
    request.timeInForce = TimeInForce::ImmediateOrCancel;
    return request;
}
} // namespace

void TradingDesk::closePosition(const Position& position, PlaceCallback done)
{
    placeOrder(closingRequest(position, position.size), std::move(done));
}

void TradingDesk::closePositionLot(const Position& position, const PositionLot& lot, PlaceCallback done)
{
    OrderRequest request = closingRequest(position, lot.size);
    request.closesPositionId = lot.id;
    placeOrder(std::move(request), std::move(done));
}

std::vector<Order> TradingDesk::openOrders(const SymbolKey& key) const
{
    std::vector<Order> out;
    for (const Order& order : store().openOrders()) {
        if (order.category == key.category && order.symbol == key.symbol)
            out.push_back(order);
    }
    return out;
}
