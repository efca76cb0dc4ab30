#pragma once

#include "loopbackwsserver.h"
#include "models/decimal.h"
#include "models/instrument.h"
#include "venueverifier.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>

// A loopback Coincheck exchange (取引所) on 127.0.0.1 for end-to-end tests. REST goes through
// VenueVerifier (ACCESS-KEY / ACCESS-NONCE / ACCESS-SIGNATURE over nonce + URL + body, nonces
// increasing per key) and is then answered here from simple btc_jpy state: a limit order that does not
// cross rests (reserving its JPY or BTC), a crossing limit or a market sell fills at once at the venue's
// price, a market buy (market_buy_amount in JPY, no amount) buys what the JPY pays for at that price, a
// cancel answers {"success":true,"id":…}; refusals are HTTP 400 {"success":false,"error":"…"}. The private
// stream checks the login ({"type":"login", access_key, access_nonce, access_signature: hex HMAC-SHA256 of
// nonce + "wss://stream.coincheck.com/private"}) with the same per-key nonce counter as REST, takes
// {"type":"subscribe","channels":[…]} only after it, and pushes order-events (CANCEL, FILL; Coincheck sends
// none for a new order) and execution-events.
class CoincheckVenue final : public QObject
{
public:
    CoincheckVenue(const QString& key, const QByteArray& secret);

    static constexpr const char* Pair = "btc_jpy";
    static Instrument instrument(); // the rules CoincheckMarketData gives btc_jpy

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl privateStreamUrl() const { return m_private.url(QStringLiteral("/")); }
    VenueVerifier& verifier() { return m_verifier; }
    LoopbackWsServer& privateServer() { return m_private; }

    // Where market and crossing orders fill.
    void setPrice(Decimal price) { m_price = price; }
    // Fills a resting order at its rate as the market would (while the stream may be down); a resting
    // market buy fills at the venue's price for what its JPY buys.
    void fillRestingOrder(const QString& id);
    // Market buys rest (the book too thin to fill them at once): listed by the opens with no amount and
    // pending_market_buy_amount, their JPY reserved, until fillRestingOrder() or a cancel.
    void setMarketBuysRest(bool rest) { m_marketBuysRest = rest; }

    // market_buy_amount of each market buy taken, as received.
    QStringList marketBuyAmounts() const { return m_marketBuyAmounts; }

    int logins() const { return m_logins; }
    int refusedLogins() const { return m_refusedLogins; }
    QList<qint64> loginNonces() const { return m_loginNonces; }

private:
    struct OpenOrder
    {
        qint64 id = 0;
        QString type; // buy | sell | market_buy
        Decimal rate;
        Decimal amount;
        QString createdAt;
        std::optional<Decimal> marketBuyAmount; // a resting market buy's JPY
    };

    std::optional<LoopbackHttpServer::Response> answer(const LoopbackHttpServer::Request& request);
    LoopbackHttpServer::Response placeOrder(const QJsonObject& body);
    LoopbackHttpServer::Response marketBuy(const QJsonObject& body);
    void fill(qint64 id, const QString& type, Decimal rate, Decimal amount, Decimal price, bool resting,
              std::optional<Decimal> marketBuyAmount = std::nullopt);
    void onPrivateMessage(const QByteArray& message);
    void push(const char* channel, QJsonObject event);
    QJsonObject orderEvent(qint64 id, const QString& type, Decimal rate, Decimal amount, const char* event);
    Decimal btcFor(Decimal jpy) const; // what jpy buys at the venue's price, 1e-8 rounded down
    qint64 lastNonce() const;
    static QString now();

    VenueVerifier m_verifier;
    LoopbackWsServer m_private;
    QString m_key;
    QByteArray m_secret;

    bool m_authed = false;
    QStringList m_channels;
    int m_logins = 0;
    int m_refusedLogins = 0;
    QList<qint64> m_loginNonces;

    Decimal m_price = *Decimal::parse("15000000");
    Decimal m_jpy = *Decimal::parse("1000000");
    Decimal m_btc = *Decimal::parse("1");
    Decimal m_jpyReserved;
    Decimal m_btcReserved;
    QMap<qint64, OpenOrder> m_open;
    QList<QJsonObject> m_transactions; // oldest first
    QStringList m_marketBuyAmounts;
    qint64 m_nextId = 1000;
    bool m_marketBuysRest = false;
};
