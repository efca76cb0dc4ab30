#pragma once

#include "support/loopbackhttpserver.h"
#include "support/loopbackwsserver.h"

#include <QElapsedTimer>

// A loopback GMO Coin (public side) on 127.0.0.1: GET /public/v1/symbols and /public/v1/klines over
// HTTP, and the public WebSocket (/ws/public/v1) taking {"command","channel","symbol"} commands. Like
// GMO it refuses a command that comes less than a second after the previous one with
// {"error":"ERR-5003 Request too many."} (counted in refusedCommands()), and answers an `orderbooks`
// subscription with the symbol's current full snapshot; every later book change is a full snapshot too.
class GmocoinVenue final : public QObject
{
    Q_OBJECT
public:
    GmocoinVenue();

    QUrl restUrl() const { return m_http.baseUrl(); }
    QUrl publicStreamUrl() const { return m_public.url(QStringLiteral("/ws/public/v1")); }
    LoopbackWsServer& publicServer() { return m_public; }

    // The least gap between two commands the venue accepts (GMO: 1 s; 0 = no limit).
    void setMinimumCommandGapMs(qint64 ms) { m_gapMs = ms; }
    int refusedCommands() const { return m_refused; }
    int bookSubscriptions() const { return m_bookSubscriptions; }
    // Whether a subscription gets its snapshot at once (off: only pushSnapshot() sends one).
    void setSnapshotOnSubscribe(bool on) { m_snapshotOnSubscribe = on; }

    // Pushes a full `orderbooks` snapshot for the symbol: best bid and ask around mid, two levels a side.
    void pushSnapshot(const QString& symbol, qint64 mid);
    void pushTrade(const QString& symbol, qint64 price, const char* side);

private:
    void onPublicMessage(const QByteArray& message);

    LoopbackHttpServer m_http;
    LoopbackWsServer m_public;
    QElapsedTimer m_sinceCommand;
    qint64 m_gapMs = 1000;
    int m_refused = 0;
    int m_bookSubscriptions = 0;
    bool m_snapshotOnSubscribe = true;
};
