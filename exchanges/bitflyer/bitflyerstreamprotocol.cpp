#include "bitflyerstreamprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>

QStringList BitflyerStreamProtocol::channelsOf(const QString& topic)
{
    if (topic.startsWith(BoardPrefix) && !topic.startsWith(SnapshotPrefix)) {
        const QString product = topic.mid(BoardPrefix.size());
        // The snapshot first, so the diffs that follow have a book to apply to.
        return {SnapshotPrefix + product, topic};
    }
    return {topic};
}

QByteArray BitflyerStreamProtocol::request(const char* method, const QByteArray& paramsJson) const
{
    QByteArray out = "{\"jsonrpc\":\"2.0\",\"method\":\"";
    out += method;
    out += "\",\"params\":";
    out += paramsJson;
    out += ",\"id\":";
    out += QByteArray::number(m_nextId.fetch_add(1));
    out += '}';
    return out;
}

QList<QByteArray> BitflyerStreamProtocol::calls(const char* method, const QStringList& topics) const
{
    // One call per channel: JSON-RPC batches would do, but one call each keeps every reply attributable.
    QList<QByteArray> out;
    for (const QString& topic : topics) {
        for (const QString& channel : channelsOf(topic)) {
            const QJsonObject params{{QStringLiteral("channel"), channel}};
            out.append(request(method, QJsonDocument(params).toJson(QJsonDocument::Compact)));
        }
    }
    return out;
}

QList<QByteArray> BitflyerStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return calls("subscribe", topics);
}

QList<QByteArray> BitflyerStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return calls("unsubscribe", topics);
}

QByteArray BitflyerStreamProtocol::pingMessage() const
{
    return {};
}

std::chrono::milliseconds BitflyerStreamProtocol::pingInterval() const
{
    // No documented idle limit: a WebSocket ping every 20 s finds a dead connection in good time.
    return std::chrono::seconds(20);
}

bool BitflyerStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame); // pongs are WebSocket control frames, never text
    return false;
}
