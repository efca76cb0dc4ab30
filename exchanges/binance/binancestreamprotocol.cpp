#include "binancestreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QList<QByteArray> BinanceStreamProtocol::requests(const char* method, const QStringList& topics) const
{
    QList<QByteArray> out;
    for (qsizetype i = 0; i < topics.size(); i += MaxTopicsPerRequest) {
        QJsonArray params;
        for (const QString& t : topics.mid(i, MaxTopicsPerRequest))
            params.append(t);
        const QJsonObject o{{QStringLiteral("method"), QString::fromLatin1(method)},
                            {QStringLiteral("params"), params},
                            {QStringLiteral("id"), m_nextId.fetch_add(1)}};
        out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    return out;
}

QList<QByteArray> BinanceStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return requests("SUBSCRIBE", topics);
}

QList<QByteArray> BinanceStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return requests("UNSUBSCRIBE", topics);
}

QByteArray BinanceStreamProtocol::pingMessage() const
{
    return {}; // WebSocket ping frames
}

std::chrono::milliseconds BinanceStreamProtocol::pingInterval() const
{
    // Our pings count against the 5 messages/s a spot connection may send; one per 20 s is nothing.
    return std::chrono::seconds(20);
}

bool BinanceStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame);
    return false; // pongs are WebSocket frames, never text
}
