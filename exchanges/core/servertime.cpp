#include "servertime.h"

#include "signer.h" // HttpRequest

#include <QDateTime>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

Q_LOGGING_CATEGORY(lcClock, "botterm.clock", QtWarningMsg)

std::optional<qint64> TimeProbe::dateHeaderMs(const RestClient::RawReply& reply)
{
    const QByteArray value = reply.header("Date").trimmed();
    if (value.isEmpty())
        return std::nullopt;
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when.setTimeSpec(Qt::UTC);
    return when.toMSecsSinceEpoch();
}

ServerClock::ServerClock(RestClient* rest, const QUrl& origin, TimeProbe probe, QObject* parent)
    : QObject(parent)
    , m_rest(rest)
    , m_origin(origin)
    , m_probe(std::move(probe))
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(5 * 60 * 1000);
    connect(m_timer, &QTimer::timeout, this, &ServerClock::sync);
}

ServerClock::~ServerClock() = default;

qint64 ServerClock::nowMs() const
{
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

void ServerClock::setSyncInterval(qint64 intervalMs)
{
    if (intervalMs <= 0) {
        m_timer->stop();
        m_timer->setInterval(0);
        return;
    }
    m_timer->setInterval(int(std::min<qint64>(intervalMs, std::numeric_limits<int>::max())));
    if (m_synced)
        m_timer->start();
}

void ServerClock::sync()
{
    if (m_syncing)
        return;
    m_syncing = true;
    ++m_syncCount;
    HttpRequest request;
    request.method = m_probe.method;
    request.url = m_origin;
    request.url.setPath(m_probe.path);
    qCDebug(lcClock) << "measuring the clock of" << m_origin.toString() << "via" << m_probe.path;
    QPointer<ServerClock> self(this);
    m_rest->sendRaw(request, [self](const RestClient::RawReply& reply) {
        if (!self)
            return;
        self->m_syncing = false;
        std::optional<qint64> server;
        QString problem;
        if (reply.transportError)
            problem = reply.transportError->toString();
        else if (reply.httpStatus >= 400)
            problem = QStringLiteral("HTTP %1").arg(reply.httpStatus);
        else if (!(server = self->m_probe.serverTimeMs(reply)))
            problem = QStringLiteral("the reply carries no server time");
        if (!problem.isEmpty()) {
            qCWarning(lcClock) << "clock sync with" << self->m_origin.toString() << "failed:" << problem;
            Q_EMIT self->syncFailed(problem);
            return;
        }
        const qint64 midpoint = (reply.sentAtMs + reply.receivedAtMs) / 2;
        self->m_offsetMs = *server - midpoint;
        self->m_synced = true;
        if (self->m_timer->interval() > 0 && !self->m_timer->isActive())
            self->m_timer->start();
        qCDebug(lcClock) << self->m_origin.toString() << "clock offset" << self->m_offsetMs
                         << "ms (round trip" << reply.receivedAtMs - reply.sentAtMs << "ms)";
        Q_EMIT self->synced(self->m_offsetMs);
    });
}
