#pragma once

#include "loopbackhttpserver.h"
#include "models/decimal.h"
#include "models/instrument.h"
#include "venueverifier.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <optional>
#include <utility>

class QTcpSocket;

// A loopback bitbank on 127.0.0.1 for end-to-end tests, on three hosts as bitbank has them:
//  - api (restUrl): private REST through VenueVerifier (ACCESS-KEY / ACCESS-REQUEST-TIME /
//    ACCESS-TIME-WINDOW / ACCESS-SIGNATURE), answered here from simple state for btc_jpy (JPY and BTC
//    balances): limit orders rest, market orders fill at the venue's price, cancels, an order beyond the
//    funds refused with 60001, a post-only limit that would take cancelled at once (CANCELED_UNFILLED, as
//    bitbank's "What is PostOnly" says: cancelled when an opposing order would fill it even partly);
//    margin orders (position_side long | short: a buy opens long and a sell closes it, a sell opens short
//    and a buy closes it) move a long and a short leg of btc_jpy, listed by GET /v1/user/margin/positions
//    and pushed as margin_position_update; an opening beyond the margin credit is refused with 50061;
//    GET /v1/user/margin/status reports the margin account (collateral: the JPY and the BTC at a 0.5
//    haircut, the legs' unrealised P/L at the venue's price, maintenance margins of 50 % of the legs and
//    of the resting opening orders); a dunning notice (margin_notice_update) is pushed and shown in GET
//    /v1/user/margin/positions data.notice;
//    GET /v1/user/subscribe hands out the PubNub channel and a new token each time; GET /v1/spot/pairs is
//    public (btc_jpy with its margin fields);
//  - public (publicUrl): GET /{pair}/candlestick/{type}/{date} with a few candles (on the api host too
//    after serveCandlesOnRestHost(), for a client whose REST override moves both hosts);
//  - PubNub (pubNubUrl): the subscribe long-poll GET /v2/subscribe/{subKey}/{channel}/0?uuid&auth[&tt&tr].
//    The first poll is answered at once with the current timetoken; later ones are held until a message
//    newer than their timetoken is pushed ({"t":{"t","r"},"m":[{…,"d":payload}]}). A poll with a token
//    other than the newest one is refused with PubNub's 403 "Token is expired.".
class BitbankVenue final : public QObject
{
    Q_OBJECT
public:
    BitbankVenue(const QString& key, const QByteArray& secret);
    ~BitbankVenue() override;

    static constexpr const char* Pair = "btc_jpy";
    static constexpr const char* Channel = "user-channel-1";
    static Instrument instrument();

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl publicUrl() const { return m_public.baseUrl(); }
    QUrl pubNubUrl() const;
    VenueVerifier& verifier() { return m_verifier; }

    // Where market orders fill, and where a post-only limit would take.
    void setPrice(Decimal price) { m_price = price; }
    // circuit_break_info.mode other than NONE: market orders are refused (70020) and post_only is treated
    // as false (rest-api.md, Create new order, Caveat): a crossing limit then rests for the itayose.
    void setCircuitBreak(bool on) { m_circuitBreak = on; }
    // Fills a resting order at its price (pushed like any fill, or only kept if the stream is down).
    void fillRestingOrder(const QString& orderId);

    int tokensIssued() const { return m_tokens; }
    int batchCancels() const { return m_batchCancels; } // cancel_orders requests answered
    QString token() const { return m_token; }
    int polls() const { return m_polls; }
    int heldPolls() const;
    int candleRequests() const { return m_candleRequests; } // on the public host
    int restHostCandleRequests() const { return m_restHostCandleRequests; }
    // Candle files answered on the api host as well (see above).
    void serveCandlesOnRestHost();
    // A margin leg ("long" or "short") held from the start.
    void seedPosition(const char* leg, Decimal amount, Decimal averagePrice);
    // What may be opened on margin in all (notional, JPY; opening beyond it is refused with 50061).
    void setMarginCredit(Decimal jpy) { m_marginCredit = jpy; }
    // The margin account's status (NORMAL, CALL, LOSSCUT, DEBT, SETTLED) and accrued costs (未収費用).
    void setMarginAccount(const char* status, Decimal unrealizedCost);
    // A dunning notice as bitbank documents it ({what, occurred_at, amount, due_date_at}; all null once
    // resolved): pushed as margin_notice_update and listed by GET /v1/user/margin/positions from now on.
    void setMarginNotice(const QJsonObject& notice);
    int marginStatusReads() const { return m_marginStatusReads; }
    // The matching engine invalidates an open order (an asset shortage): it ends CANCELED_UNFILLED and
    // only its id is pushed (spot_order_invalidation).
    void invalidate(const QString& orderId);
    // Cuts every held long-poll (the connection reset under it) and keeps cutting polls until a new
    // token is used.
    void dropPolls();
    // Pushes this as the payload of one PubNub message (something bitbank would not send).
    void pushPayload(const QJsonValue& payload);
    // The next poll is answered with this at once (a malformed reply, a 429, a 5xx).
    void answerNextPollWith(int status, const QByteArray& body,
                            QList<QPair<QByteArray, QByteArray>> headers = {});

private:
    struct Poll
    {
        QPointer<QTcpSocket> socket;
        qint64 after = 0;
    };

    std::optional<LoopbackHttpServer::Response> answer(const LoopbackHttpServer::Request& request);
    LoopbackHttpServer::Response placeOrder(const QJsonObject& body);
    LoopbackHttpServer::Response candles(const LoopbackHttpServer::Request& request) const;
    QJsonObject positionOf(const QString& leg) const;
    void fill(QJsonObject& order, Decimal price, const char* makerTaker);
    void push(const char* method, const QJsonValue& params);
    QJsonObject assets() const;
    QJsonObject marginStatus() const;
    void onPubNubConnection();
    void onPubNubRead(QTcpSocket* socket);
    void servePoll(QTcpSocket* socket, const QByteArray& target);
    void reply(QTcpSocket* socket, int status, const QByteArray& body,
               const QList<QPair<QByteArray, QByteArray>>& headers = {});
    void flushPolls();

    VenueVerifier m_verifier;
    LoopbackHttpServer m_public;
    QTcpServer m_pubnub;
    QHash<QTcpSocket*, QByteArray> m_buffers;

    Decimal m_price = *Decimal::parse("5000000");
    bool m_circuitBreak = false;
    Decimal m_jpy = *Decimal::parse("1000000");
    Decimal m_btc = *Decimal::parse("1");
    QHash<QString, QJsonObject> m_orders;                    // by order_id, every state
    QHash<QString, std::pair<Decimal, Decimal>> m_positions; // margin leg → open amount, average price
    Decimal m_marginCredit = *Decimal::parse("2000000");
    QString m_marginStatus = QStringLiteral("NORMAL");
    Decimal m_unrealizedCost;
    QJsonObject m_notice{{"what", QJsonValue()},
                         {"occurred_at", QJsonValue()},
                         {"amount", QJsonValue()},
                         {"due_date_at", QJsonValue()}};
    int m_marginStatusReads = 0;
    QJsonArray m_trades;
    qint64 m_nextOrderId = 30000000;
    qint64 m_nextTradeId = 900000;

    int m_tokens = 0;
    int m_batchCancels = 0;
    QString m_token;
    QList<std::pair<qint64, QJsonObject>> m_messages; // timetoken, PubNub message envelope
    qint64 m_timetoken = 17040672000000000;
    QList<Poll> m_held;
    int m_polls = 0;
    bool m_dropping = false;
    std::optional<LoopbackHttpServer::Response> m_nextPoll;
    int m_candleRequests = 0;
    int m_restHostCandleRequests = 0;
};
