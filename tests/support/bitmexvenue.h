#pragma once

#include "venueverifier.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QUrlQuery>
#include <QWebSocket>
#include <QWebSocketServer>

// A loopback BitMEX on 127.0.0.1: REST under /api/v1 checked by VenueVerifier (api-key / api-expires /
// api-signature), the realtime WebSocket with its authKeyExpires login checked the same way, and a tiny
// exchange behind them: one XBTUSD book of four levels, limit orders that rest, market orders that fill
// at the touch, amend, cancel, cancel-all, and the order / execution / position / margin tables pushed
// as partial / insert / update, in the shapes https://www.bitmex.com/app/wsAPI and the API explorer show.
class BitmexVenue final : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 InsufficientBalanceQty = 1'000'000; // orders this large are refused

    BitmexVenue(const QString& key, const QByteArray& secret);
    ~BitmexVenue() override;

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl streamUrl() const;
    VenueVerifier& verifier() { return m_verifier; }

    // Aborts the connections that logged in / the ones that did not.
    void dropPrivateStreams();
    void dropPublicStreams();
    // Cancels every open order as the venue's own UI would, pushing to whoever is subscribed.
    void cancelAllOnVenue();
    // An orderBookL2 update for a level id the venue never announced (as after a missed message).
    void pushUpdateForUnknownLevel();
    // A 5m bin of XBTUSD (stamped at its end, as BitMEX does): kept for /trade/bucketed?binSize=5m and
    // pushed as tradeBin5m to whoever subscribed. The venue starts with the bins ending 03:10 .. 03:35.
    void addFiveMinuteBin(const QString& end, double open, double high, double low, double close,
                          double homeNotional);
    // The query of the last /trade/bucketed request.
    QUrlQuery lastBucketedQuery() const { return m_lastBucketedQuery; }

    int streamLogins() const { return m_logins; }
    int acceptedStreamLogins() const { return m_acceptedLogins; }
    int bookPartials() const { return m_bookPartials; }
    int connectionCount() const { return static_cast<int>(m_clients.size()); }
    QList<QByteArray> received; // every text message from any client, in order
    QJsonArray openOrders() const;

private:
    struct Client
    {
        QWebSocket* socket = nullptr;
        bool authenticated = false;
        QSet<QString> topics;
    };
    using Request = LoopbackHttpServer::Request;
    using Response = LoopbackHttpServer::Response;

    void accept();
    void onMessage(Client& client, const QByteArray& message);
    void subscribe(Client& client, const QString& topic, const QJsonObject& request);
    void pushPrivate(const QString& table, const QString& action, const QJsonArray& rows);
    Response handle(const Request& request);
    Response placeOrder(const QJsonObject& body);
    Response amendOrder(const QJsonObject& body);
    Response cancelOrders(const QJsonObject& body, bool all);
    QJsonArray orders(const QJsonObject& filter, const QString& symbol) const;
    void cancel(QJsonObject& row, const QString& why);
    void fill(QJsonObject& row, qint64 price);
    QString now() const;
    static QJsonObject binRow(const QString& end, double open, double high, double low, double close,
                              double homeNotional);

    VenueVerifier m_verifier;
    QWebSocketServer m_server;
    QList<Client*> m_clients;
    QList<QJsonObject> m_orders; // in placement order
    QJsonArray m_executions;
    QJsonObject m_position;
    QJsonObject m_margin;
    QJsonArray m_fiveMinuteBins; // oldest first
    QUrlQuery m_lastBucketedQuery;
    int m_logins = 0;
    int m_acceptedLogins = 0;
    int m_bookPartials = 0;
};
