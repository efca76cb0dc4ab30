#pragma once

#include "loopbackhttpserver.h"
#include "loopbackwsserver.h"
#include "models/decimal.h"
#include "models/instrument.h"
#include "venueverifier.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QWebSocketServer>

// A loopback GMO Coin on 127.0.0.1 (port 0).
//
// Public: GET /public/v1/symbols and /public/v1/klines, and the public WebSocket (/ws/public/v1) taking
// {"command","channel","symbol"} commands. Like GMO it refuses a command that comes sooner than the
// least gap after the previous one with {"error":"ERR-5003 Request too many."} (refusedCommands()),
// and answers an `orderbooks` subscription with the symbol's full snapshot.
//
// Private (with a key): every /private/v1 request verified by VenueVerifier as GMO does (API-SIGN over
// timestamp + method + /v1 path + POST body); POST ws-auth issues a token, PUT ws-auth extends it; the
// private WebSocket accepts only /ws/private/v1/{a token it issued} and pushes orderEvents,
// executionEvents, positionEvents and positionSummaryEvents to the channels subscribed. Simple order
// state: a LIMIT rests, a MARKET fills at price(), changeOrder moves a price, cancelOrder /
// cancelBulkOrder cancel; spot fills move the JPY and coin assets. A LIMIT over 3 is refused with
// ERR-201 (margin insufficient).
//
// Leverage positions as GMO keeps them: each opening fill (/order) is a position of its own (a
// positionId), buys and sells are never netted, so one symbol holds a long and a short at once.
// /closeBulkOrder {symbol, side, size} closes positions of the other side oldest first (none: ERR-422,
// more than they hold: ERR-189); /closeOrder {settlePosition:[{positionId, size}]} closes one (unknown:
// ERR-254, same side: ERR-70). /positionSummary lists each symbol's open sides, /openPositions the
// positions. A fill pushes positionEvents (OPR, UPR, CPR) and, for a side still open, a
// positionSummaryEvents UPDATE (a side closed to nothing gets no summary push: the client reads it
// over REST). closeOrder takes the size to close of the one position it names (part of it: UPR, all
// of it: CPR, the position gone) and leaves the side's other positions as they are.
class GmocoinVenue final : public QObject
{
    Q_OBJECT
public:
    explicit GmocoinVenue(const QString& key = QStringLiteral("gmo-test-key"),
                          const QByteArray& secret = "gmo-test-secret");
    ~GmocoinVenue() override;

    // "BTC", "ETH" (spot) or "BTC_JPY", "ETH_JPY" (leverage): open orders are kept and listed per symbol.
    static Instrument instrument(const char* symbol);

    QUrl restUrl() const { return m_verifier.baseUrl(); }
    QUrl publicStreamUrl() const { return m_public.url(QStringLiteral("/ws/public/v1")); }
    QUrl privateStreamUrl() const;
    LoopbackWsServer& publicServer() { return m_public; }
    VenueVerifier& verifier() { return m_verifier; }

    // The least gap between two commands the venue accepts (GMO: 1 s; 0 = no limit).
    void setMinimumCommandGapMs(qint64 ms) { m_gapMs = ms; }
    int refusedCommands() const { return m_refused; }
    int bookSubscriptions() const { return m_bookSubscriptions; }
    void setSnapshotOnSubscribe(bool on) { m_snapshotOnSubscribe = on; }
    void pushSnapshot(const QString& symbol, qint64 mid);
    void pushTrade(const QString& symbol, qint64 price, const char* side);

    int tokensIssued() const { return m_tokensIssued; }
    int tokensExtended() const { return m_tokensExtended; }
    int privateConnections() const { return m_privateConnections; }
    int refusedPrivateConnections() const { return m_refusedPrivate; }
    int privateSubscriptions() const { return static_cast<int>(m_channels.size()); }
    void dropPrivate();
    // Fills a resting order at its price as the market would (while the stream may be down).
    void fillRestingOrder(const QString& orderId);
    // The summed size of a leverage symbol's open positions on one side ("BUY" long, "SELL" short).
    Decimal positionSize(const QString& symbol, const char* side) const;
    int positionCount() const { return static_cast<int>(m_positions.size()); }
    // The ids of a leverage symbol's open positions on one side, oldest first.
    QStringList positionIds(const QString& symbol, const char* side) const;
    // Where market orders fill from now on (the positions they open are at this price).
    void setPrice(Decimal price) { m_price = price; }

private:
    void onPublicMessage(const QByteArray& message);
    void acceptPrivate();
    std::optional<LoopbackHttpServer::Response> answer(const LoopbackHttpServer::Request& request);
    QByteArray placeOrder(const QJsonObject& body, bool close);
    void fill(QJsonObject& order, Decimal price);
    void push(const char* channel, QJsonObject event);
    void pushOrder(const QJsonObject& order, const char* msgType);
    struct VenuePosition
    {
        qint64 id = 0;
        QString symbol;
        bool buy = true;
        Decimal size;
        Decimal price;
        QString timestamp;
    };
    QJsonObject positionSummary(const QString& symbol, bool buy) const;
    QJsonObject positionJson(const VenuePosition& p) const;
    // Opens a position (an OPEN fill) or closes positions (a CLOSE fill): the id of the position touched.
    qint64 movePositions(const QJsonObject& order, Decimal size, Decimal price);
    // A close's refusal before it is taken (no such position, too large, wrong side), or empty.
    QByteArray refuseClose(const QJsonObject& body, bool bulk) const;

    VenueVerifier m_verifier;
    LoopbackWsServer m_public;
    QWebSocketServer m_privateServer;
    QList<QWebSocket*> m_privateClients;
    QSet<QString> m_channels; // subscribed private channels (one connection at a time)
    QSet<QString> m_tokens;
    QElapsedTimer m_sinceCommand;
    qint64 m_gapMs = 1000;
    int m_refused = 0;
    int m_bookSubscriptions = 0;
    bool m_snapshotOnSubscribe = true;
    int m_tokensIssued = 0;
    int m_tokensExtended = 0;
    int m_privateConnections = 0;
    int m_refusedPrivate = 0;

    qint64 m_nextOrderId = 637000;
    qint64 m_nextExecutionId = 72123911;
    QHash<QString, QJsonObject> m_orders; // by orderId
    QJsonArray m_executions;
    Decimal m_price = *Decimal::parse("15000000");
    Decimal m_jpy = *Decimal::parse("10000000");
    Decimal m_btc = *Decimal::parse("1");
    std::vector<VenuePosition> m_positions; // open leverage positions, oldest first
    qint64 m_nextPositionId = 1234567;
    QHash<QString, qint64> m_settles; // closeOrder's orderId → the positionId it closes
};
