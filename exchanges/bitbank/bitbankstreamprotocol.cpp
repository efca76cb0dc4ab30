#include "bitbankstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QStringList BitbankStreamProtocol::roomsOf(const QString& topic)
{
    if (topic.startsWith(WholePrefix)) {
        const QString pair = topic.mid(WholePrefix.size());
        return {topic, DiffPrefix + pair};
    }
    return {topic};
}

QByteArray BitbankStreamProtocol::joinMessage(const QString& room)
{
    const QJsonArray event{QStringLiteral("join-room"), room};
    return "42" + QJsonDocument(event).toJson(QJsonDocument::Compact);
}

QList<QByteArray> BitbankStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    QList<QByteArray> joins;
    for (const QString& topic : topics) {
        for (const QString& room : roomsOf(topic))
            joins.append(joinMessage(room));
    }
    if (m_namespaceConnected)
        return joins;
    for (const QByteArray& join : std::as_const(joins)) {
        if (!m_pending.contains(join))
            m_pending.append(join);
    }
    return {};
}

QList<QByteArray> BitbankStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    for (const QString& topic : topics) {
        for (const QString& room : roomsOf(topic))
            m_pending.removeAll(joinMessage(room));
    }
    return {};
}

QByteArray BitbankStreamProtocol::pingMessage() const
{
    if (!m_namespaceConnected || m_pending.isEmpty())
        return {};
    return m_pending.takeFirst();
}

std::chrono::milliseconds BitbankStreamProtocol::pingInterval() const
{
    // Short, so held-back joins go out soon after the connect ack; in steady state a WebSocket ping a
    // second is a few bytes.
    return std::chrono::seconds(1);
}

bool BitbankStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame); // the server pings, the client never does: no Engine.IO pong comes back
    return false;
}

std::optional<QByteArray> BitbankStreamProtocol::replyTo(QByteArrayView frame) const
{
    if (frame == "2")
        return QByteArray("3");
    if (frame.startsWith('0')) {
        // Engine.IO open: remember the heartbeat, open the default namespace.
        const QJsonObject open = QJsonDocument::fromJson(frame.sliced(1).toByteArray()).object();
        m_serverPingIntervalMs = open.value(QLatin1String("pingInterval")).toInt();
        m_serverPingTimeoutMs = open.value(QLatin1String("pingTimeout")).toInt();
        m_namespaceConnected = false;
        return QByteArray("40");
    }
    if (frame == "40" || frame.startsWith("40{")) {
        m_namespaceConnected = true;
        if (!m_pending.isEmpty())
            return m_pending.takeFirst();
        return std::nullopt; // the parser sees it: Control
    }
    return std::nullopt;
}

void BitbankStreamProtocol::startConnection() const
{
    m_namespaceConnected = false;
    m_pending.clear();
}
