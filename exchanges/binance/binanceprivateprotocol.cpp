#include "binanceprivateprotocol.h"

QList<QByteArray> BinancePrivateProtocol::subscribeMessages(const QStringList& topics) const
{
    Q_UNUSED(topics);
    return {};
}

QList<QByteArray> BinancePrivateProtocol::unsubscribeMessages(const QStringList& topics) const
{
    Q_UNUSED(topics);
    return {};
}

std::chrono::milliseconds BinancePrivateProtocol::pingInterval() const
{
    return std::chrono::seconds(15);
}

bool BinancePrivateProtocol::isPong(QByteArrayView frame) const
{
    Q_UNUSED(frame);
    return false; // pongs are WebSocket control frames, never text
}
