#pragma once

// The venue-independent half of a loopback venue's end-to-end test: a SignedRestClient (nonces in a
// throwaway folder, the key pair in memory), a TradingSession on the venue's adapter and protocol
// (reconnects 300 ms apart, no jitter, credentials handed over a turn of the event loop later as the
// keychain does), and the intents a test sends through it, each waited for (bounded).
//
// A venue's test builds its loopback venue, adapter and protocol first, in a LoopbackParts its Harness
// derives from before VenueHarness, so that they outlive the session:
//
//     struct Harness : LoopbackParts<OkxVenue, OkxTrading, OkxStreamProtocol>, VenueHarness
//     {
//         Harness()
//             : LoopbackParts(kKey, kSecret, kPassphrase)
//             , VenueHarness(trading, Config(QStringLiteral("okx"), venue.restUrl(), …, dec("60000")))
//         {}
//     };
//
// Venue-specific helpers stay in the venue's Harness.

#include "exchanges/core/marketdatafeed.h"
#include "exchanges/core/noncestore.h"
#include "exchanges/core/signedrestclient.h"
#include "exchanges/core/tradingsession.h"
#include "models/marketstore.h"
#include "support/testbasics.h"

#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>
#include <variant>

// The loopback venue (built from the arguments), the adapter on its REST URL and the private stream's
// protocol (std::monostate for a venue without a WebSocket one).
template <typename Venue, typename Trading, typename Protocol = std::monostate> struct LoopbackParts
{
    template <typename... VenueArgs>
    explicit LoopbackParts(VenueArgs&&... args)
        : venue(std::forward<VenueArgs>(args)...)
    {}

    Venue venue;
    Trading trading{venue.restUrl()};
    Protocol protocol;
};

class VenueHarness
{
public:
    struct Config
    {
        Config(QString venue, QUrl restUrl, QUrl privateStreamUrl, const StreamProtocol* protocol,
               QList<Category> categories, Credentials credentials, Instrument instrument,
               Decimal referencePrice)
            : venue(std::move(venue))
            , restUrl(std::move(restUrl))
            , privateStreamUrl(std::move(privateStreamUrl))
            , protocol(protocol)
            , categories(std::move(categories))
            , credentials(std::move(credentials))
            , instrument(std::move(instrument))
            , referencePrice(referencePrice)
        {}

        QString venue; // TradingSession::Config's, and the nonce store's
        QUrl restUrl;
        QUrl privateStreamUrl;
        const StreamProtocol* protocol; // null: no private stream is a WebSocket
        QList<Category> categories;     // whose orders, positions and fills the snapshot reads
        Credentials credentials;        // what the client signs with (a test may give a wrong secret)
        Instrument instrument;          // the venue's usual one: place(), amend(), cancel(id), position()
        Decimal referencePrice;         // the submitter's reference for place()
        std::chrono::milliseconds initialBackoff{300};
        qint64 authExpiryMs = 10'000;
        bool deferCredentials = true; // false: the session has them at once
        int intentTimeoutMs = 10'000; // how long amend, cancel and cancel-all may take (place: 15 s)
    };

    VenueHarness(TradingAdapter& trading, Config config)
        : client(&network)
        , nonces(std::make_shared<NonceStore>(dir.filePath(QStringLiteral("nonces.json"))))
        , m_instrument(config.instrument)
        , m_referencePrice(config.referencePrice)
        , m_intentTimeoutMs(config.intentTimeoutMs)
    {
        client.setNonceStore(nonces);
        auto provider = [credentials = config.credentials](
                            const QString&, Environment, const SignedRestClient::CredentialsCallback& done) {
            done(credentials);
        };
        client.setCredentialsProvider(provider);
        TradingSession::Config settings;
        settings.venue = config.venue;
        settings.restUrl = config.restUrl;
        settings.privateStreamUrl = config.privateStreamUrl;
        settings.protocol = config.protocol;
        settings.categories = config.categories;
        settings.credentials = provider;
        if (config.deferCredentials) {
            settings.credentials = [provider](const QString& v, Environment e,
                                              const SignedRestClient::CredentialsCallback& done) {
                QTimer::singleShot(0, [provider, v, e, done] { provider(v, e, done); });
            };
        }
        settings.streamOptions.initialBackoff = config.initialBackoff;
        settings.streamOptions.jitter = 0;
        settings.authExpiryMs = config.authExpiryMs;
        session = std::make_unique<TradingSession>(&client, &trading, settings);
    }

    // Starts the session: true once it is Live (15 s at the most).
    [[nodiscard]] bool startLive()
    {
        session->start();
        return QTest::qWaitFor([this] { return session->state() == TradingSession::State::Live; }, 15'000);
    }

    // An instrument as the venue lists it (the smallest quantity: one lot).
    static Instrument listed(const char* venue, const char* symbol, Category category, const char* tick,
                             const char* lot)
    {
        Instrument i;
        i.venue = QString::fromLatin1(venue);
        i.symbol = QString::fromLatin1(symbol);
        i.category = category;
        i.tickSize = tradingtest::dec(tick);
        i.lotSize = tradingtest::dec(lot);
        i.minQuantity = i.lotSize;
        return i;
    }

    // An order for instrument; no price is a market order's.
    static OrderRequest request(const Instrument& instrument, Side side, OrderType type, const char* quantity,
                                std::optional<Decimal> price = std::nullopt,
                                TimeInForce tif = TimeInForce::GoodTillCancel)
    {
        OrderRequest r;
        r.symbol = instrument.symbol;
        r.category = instrument.category;
        r.side = side;
        r.type = type;
        r.quantity = tradingtest::dec(quantity);
        r.price = price;
        r.timeInForce = tif;
        return r;
    }
    static std::optional<Decimal> price(const char* text)
    {
        return text ? std::optional<Decimal>(tradingtest::dec(text)) : std::nullopt;
    }

    // Places r through the session (OrderSubmitter): its outcome, once known (15 s at the most).
    OrderSubmitter::PlaceOutcome submit(const OrderRequest& r, const Instrument& instrument,
                                        std::optional<Decimal> reference)
    {
        return tradingtest::await<OrderSubmitter::PlaceOutcome>(
            [&](auto done) { session->placeOrder(r, instrument, reference, done); }, 15'000);
    }
    // On the venue's usual instrument, against its reference price.
    OrderSubmitter::PlaceOutcome place(const OrderRequest& r)
    {
        return submit(r, m_instrument, m_referencePrice);
    }
    OrderSubmitter::PlaceOutcome place(Side side, OrderType type, const char* quantity,
                                       const char* limit = nullptr,
                                       TimeInForce tif = TimeInForce::GoodTillCancel)
    {
        return place(request(m_instrument, side, type, quantity, price(limit), tif));
    }
    OrderSubmitter::PlaceOutcome place(Side side, OrderType type, const char* quantity,
                                       std::optional<Decimal> limit,
                                       TimeInForce tif = TimeInForce::GoodTillCancel)
    {
        return place(request(m_instrument, side, type, quantity, limit, tif));
    }

    // The venue's answer to an amendment (on the usual instrument unless told), a cancel, a cancel-all.
    Result<OrderAck, RestError> amend(const OrderAmendment& amendment)
    {
        return amend(amendment, m_instrument);
    }
    Result<OrderAck, RestError> amend(const OrderAmendment& amendment, const Instrument& instrument)
    {
        return tradingtest::await<Result<OrderAck, RestError>>(
            [&](auto done) { session->amendOrder(amendment, instrument, done); }, m_intentTimeoutMs);
    }
    Result<OrderAck, RestError> cancel(const OrderReference& order)
    {
        return tradingtest::await<Result<OrderAck, RestError>>(
            [&](auto done) { session->cancelOrder(order, done); }, m_intentTimeoutMs);
    }
    // An order of the usual instrument, by the venue's id.
    Result<OrderAck, RestError> cancel(const QString& orderId)
    {
        return cancel(OrderReference{m_instrument.symbol, m_instrument.category, orderId, {}});
    }
    Result<bool, RestError> cancelAll(const QString& symbol)
    {
        return tradingtest::await<Result<bool, RestError>>(
            [&](auto done) { session->cancelAll(m_instrument.category, symbol, done); }, m_intentTimeoutMs);
    }

    const Order* openOrder(const QString& id) const { return session->store().findOpenOrder(id); }
    const Order* closedOrder(const QString& id) const { return session->store().findClosedOrder(id); }
    // The position of the usual instrument (or its leg on a hedged account).
    const Position* position(PositionSide leg = PositionSide::Net) const
    {
        return session->store().findPosition(m_instrument.symbol, leg);
    }
    // The wallet balance of coin in the venue's only (or default) account.
    std::optional<Decimal> balance(const char* coin) const
    {
        const Balance* b = session->store().findBalance(QString::fromLatin1(coin));
        return b ? std::optional<Decimal>(b->walletBalance) : std::nullopt;
    }
    bool hasFill(const QString& orderId) const
    {
        const auto& fills = session->store().fills();
        return std::any_of(fills.begin(), fills.end(), [&](const Fill& f) { return f.orderId == orderId; });
    }

    QTemporaryDir dir;
    QNetworkAccessManager network;
    SignedRestClient client;
    std::shared_ptr<NonceStore> nonces; // the client's; a venue whose stream login takes nonces shares it
    std::unique_ptr<TradingSession> session;

private:
    Instrument m_instrument;
    Decimal m_referencePrice;
    int m_intentTimeoutMs;
};

// The public side against a loopback venue: a MarketDataFeed of one category on the venue's stream and
// REST URLs (reconnects 300 ms apart, no jitter) filling its own MarketStore.
struct LoopbackFeed
{
    LoopbackFeed(MarketDataAdapter& adapter, Category category, const QUrl& streamUrl, const QUrl& restUrl)
        : feed(adapter, category, store, &network, options(streamUrl, restUrl))
    {}

    // Subscribes to symbol's book (depth levels) and starts the feed.
    void startBook(const QString& symbol, int depth = ChannelRequest().depth)
    {
        ChannelRequest book;
        book.channel = Channel::Book;
        book.symbol = symbol;
        book.depth = depth;
        feed.subscribe({book});
        feed.start();
    }

    MarketStore store;
    QNetworkAccessManager network;
    MarketDataFeed feed;

private:
    static MarketDataFeed::Options options(const QUrl& streamUrl, const QUrl& restUrl)
    {
        MarketDataFeed::Options o;
        o.streamUrl = streamUrl;
        o.restUrl = restUrl;
        o.stream.initialBackoff = std::chrono::milliseconds(300);
        o.stream.jitter = 0;
        return o;
    }
};
