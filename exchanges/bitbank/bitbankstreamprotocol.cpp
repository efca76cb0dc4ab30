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
    return joins;
}

QList<QByteArray> BitbankStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    Q_UNUSED(topics); // no leave-room: the rooms' messages are ignored
    return {};
}

QByteArray BitbankStreamProtocol::pingMessage() const
{
    return {};
}

std::chrono::milliseconds BitbankStreamProtocol::pingInterval() const
{
    // The server pings every pingInterval (25 s) and closes a silent client; our ping frames only
    // measure the round trip.
    return std::chrono::seconds(20);
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
    return std::nullopt; // the connect ack "40{…}" reaches the parser too: Control
}

bool BitbankStreamProtocol::isReadyForSubscriptions(QByteArrayView frame) const
{
    if (frame != "40" && !frame.startsWith("40{"))
        return false;
    m_namespaceConnected = true;
    return true;
}

void BitbankStreamProtocol::startConnection() const
{
    m_namespaceConnected = false;
}
