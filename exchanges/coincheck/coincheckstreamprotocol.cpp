#include "coincheckstreamprotocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QList<QByteArray> messages(const char* type, const QStringList& topics)
{
    QList<QByteArray> out;
    for (const QString& topic : topics) {
        const QJsonObject o{{QStringLiteral("type"), QString::fromLatin1(type)},
                            {QStringLiteral("channel"), topic}};
        out.append(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }
    return out;
}
} // namespace

QList<QByteArray> CoincheckStreamProtocol::subscribeMessages(const QStringList& topics) const
{
    return messages("subscribe", topics);
}

QList<QByteArray> CoincheckStreamProtocol::unsubscribeMessages(const QStringList& topics) const
{
    return messages("unsubscribe", topics);
}

QByteArray CoincheckStreamProtocol::pingMessage() const
{
    return {};
}

std::chrono::milliseconds CoincheckStreamProtocol::pingInterval() const
{
    // No documented idle limit: a WebSocket ping every 20 s finds a dead connection in good time.
    return std::chrono::seconds(20);
}

bool CoincheckStreamProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame); // pongs are WebSocket control frames, never text
    return false;
}

namespace {
QList<QByteArray> channelsMessage(const char* type, const QStringList& topics)
{
    if (topics.isEmpty())
        return {};
    const QJsonObject o{{QStringLiteral("type"), QString::fromLatin1(type)},
                        {QStringLiteral("channels"), QJsonArray::fromStringList(topics)}};
    return {QJsonDocument(o).toJson(QJsonDocument::Compact)};
}
} // namespace

QList<QByteArray> CoincheckPrivateProtocol::subscribeMessages(const QStringList& topics) const
{
    return channelsMessage("subscribe", topics);
}

QList<QByteArray> CoincheckPrivateProtocol::unsubscribeMessages(const QStringList& topics) const
{
    // Not documented for the private stream; the same shape, and a connection is never reused for
    // another account, so a venue that ignores it changes nothing.
    return channelsMessage("unsubscribe", topics);
}

QByteArray CoincheckPrivateProtocol::pingMessage() const
{
    return {};
}

std::chrono::milliseconds CoincheckPrivateProtocol::pingInterval() const
{
    return std::chrono::seconds(20);
}

bool CoincheckPrivateProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame);
    return false;
}
