#pragma once

#include "restclient.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QTimer;

// How to ask a venue for its clock: a public request and where the time is in the reply.
struct TimeProbe
{
    QByteArray method = "GET";
    QString path; // "/v5/market/time"
    // The server's time in ms since the epoch, from the reply's body or headers; nullopt if absent.
    std::function<std::optional<qint64>(const RestClient::RawReply&)> serverTimeMs;

    // The HTTP Date header ("Sun, 06 Nov 1994 08:49:37 GMT"), to the second, rounded down.
    static std::optional<qint64> dateHeaderMs(const RestClient::RawReply& reply);
};

// One venue's clock as seen from here: the offset (server − local, ms) measured at start and then
// periodically, and again on demand after the venue rejected a timestamp. The offset is the server's
// time minus the midpoint of the local send and receive times.
class ServerClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerClock)

public:
    // origin: scheme://host[:port] the probe is sent to.
    ServerClock(RestClient* rest, const QUrl& origin, TimeProbe probe, QObject* parent = nullptr);
    ~ServerClock() override;

    qint64 offsetMs() const { return m_offsetMs; }
    bool isSynced() const { return m_synced; }
    bool isSyncing() const { return m_syncing; }
    qint64 nowMs() const; // local time + offset
    int syncCount() const { return m_syncCount; }

    // Periodic re-measurement; 0 turns it off. Default 5 minutes.
    void setSyncInterval(qint64 intervalMs);
    // Measures now, unless a measurement is already under way.
    void sync();

Q_SIGNALS:
    void synced(qint64 offsetMs);
    void syncFailed(const QString& message);

private:
    RestClient* m_rest;
    QUrl m_origin;
    TimeProbe m_probe;
    QTimer* m_timer;
    qint64 m_offsetMs = 0;
    bool m_synced = false;
    bool m_syncing = false;
    int m_syncCount = 0;
};
